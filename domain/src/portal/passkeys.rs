//! Passkey sign-in: a discoverable key signs in without a username, both steps at
//! once; the ceremony id is spent once and failures count per client address.

use super::security_keys::request_options;
use crate::delivery::Courier;
use crate::entropy::{self, Entropy};
use crate::ledger::{self as op, Ledgers};
use crate::methods::{valid_id, Method};
use crate::portal::{Account, Counted, Portal, SignedIn};
use crate::session::{Amr, SecondStep};
use crate::store::{get_json, Store};
use crate::tenant::User;
use crate::webauthn::{Ceremony, CeremonyPurpose, Rejection, RelyingParty, CEREMONY_TTL};
use crate::{keys, Error, Millis};
use api::base64url;
use api::{AssertionCredential, MethodKind, SecurityKeyChallenge};
use sha2::Sha256;

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// "Sign in with a passkey": options for `navigator.credentials.get()` without
    /// a user; the key's discoverable credential says who it is.
    pub async fn start_passkey(&self, rp: &RelyingParty) -> Result<SecurityKeyChallenge, Error> {
        let id = entropy::token::<E, 16>(self.entropy);
        let ceremony = self.passkey_ceremony(&id, self.now + CEREMONY_TTL)?;
        Ok(request_options(ceremony, rp, vec![]))
    }

    /// A passkey sign-in's ceremony, id `<random>-<expiry>`: its challenge is an
    /// HMAC of both under a server key, so starting one stores nothing (the sign-in
    /// page asks for one on every view, unauthenticated); the finish spends it once.
    fn passkey_ceremony(&self, id: &str, expires_at: Millis) -> Result<Ceremony, Error> {
        use hmac::{Hmac, Mac};
        let key = self.keys()?.derive("passkey-challenge");
        let mut mac = key
            .and_then(|k| <Hmac<Sha256> as Mac>::new_from_slice(&k).ok())
            .ok_or_else(|| Error::Storage("no key for passkey challenges".into()))?;
        mac.update(format!("{}/{id}/{expires_at}", self.tenant.id).as_bytes());
        let challenge: [u8; 32] = mac.finalize().into_bytes().into();
        Ok(Ceremony {
            id: format!("{id}-{expires_at}"),
            challenge: base64url::encode(&challenge),
            purpose: CeremonyPurpose::SignIn,
            expires_at,
        })
    }

    /// The passkey's answer: its credential names the user; verified with user
    /// verification (possession and PIN or biometrics), it is both sign-in steps.
    /// Failures count against the client address like wrong passwords.
    pub async fn finish_passkey(
        &self,
        challenge_id: &str,
        response: &AssertionCredential,
        rp: &RelyingParty,
    ) -> Result<SignedIn, Error> {
        let addresses = super::address_budgets(self.client_ip);
        for (address, limit) in &addresses {
            self.blocked(self.ledger(address, op::CheckFailures { limit: *limit }).await?)?;
        }
        let (id, expires_at) = challenge_id
            .split_once('-')
            .and_then(|(id, at)| Some((id, at.parse::<Millis>().ok()?)))
            .filter(|(id, at)| valid_id(id) && *at <= self.now + CEREMONY_TTL)
            .ok_or(Error::NoPendingVerification)?;
        if self.now >= expires_at {
            return Err(Error::KeyExpired);
        }
        let ceremony = self.passkey_ceremony(id, expires_at)?;
        // Spent before the assertion is checked: a replay never reaches the key's counter.
        // Forgotten when the ceremony runs out: a made-up id leaves nothing lasting.
        let once = op::SpendOnce { id: id.to_string(), until: expires_at };
        let spent = self.ledger(&keys::ledger::passkey(&self.tenant.id, id), once).await?;
        spent.map_err(|op::Replayed| Error::NoPendingVerification)?;
        let result = match self.passkey_holder(&response.raw_id).await? {
            Some((user, method)) => match super::usable(&self.tenant.policy, &method) {
                Err(e) => Err(e),
                Ok(()) => {
                    // Counted per address (below): a stranger's made-up answers must not
                    // lock the holder's second step.
                    let auth = Account { tenant: self.tenant.clone(), user };
                    self.accept_assertion(&auth, &ceremony.challenge, &method, response, rp, Counted::ByFlow)
                        .await
                        .map(|_| auth)
                }
            },
            None => Err(Error::KeyRejected(Rejection::UnknownCredential)),
        };
        let auth = match result {
            Ok(auth) => auth,
            Err(e) => {
                for (address, limit) in &addresses {
                    self.ledger(address, op::RecordFailure { limit: *limit }).await?;
                }
                return Err(e);
            }
        };
        // After "This wasn't me" every way in waits for the password reset.
        if auth.user.reset_required {
            return Err(Error::PasswordResetRequired);
        }
        let signed =
            self.open_session(auth.user, SecondStep::Passed { at: self.now }, None, vec![Amr::Hwk, Amr::User]).await?;
        self.log(self.tenant, &signed.auth.user.id, api::Activity::SignedIn).await;
        let passed = api::Activity::SecondStepPassed { method: MethodKind::SecurityKey };
        self.log(self.tenant, &signed.auth.user.id, passed).await;
        Ok(signed)
    }

    /// The user and key method holding the credential `id` in this tenant.
    async fn passkey_holder(&self, id: &str) -> Result<Option<(User, Method)>, Error> {
        let Some(owner) = self.ledger(&keys::ledger::credential_of(id), op::CredentialOwner {}).await? else {
            return Ok(None);
        };
        let mut parts = owner.splitn(3, '/');
        let (Some(t), Some(u), Some(m)) = (parts.next(), parts.next(), parts.next()) else { return Ok(None) };
        if t != self.tenant.id {
            return Ok(None);
        }
        let user: Option<User> = get_json(self.store, &keys::user(t, u)).await?;
        let method = self.methods_of(t, u).await?.into_iter().find(|method| method.id == m);
        Ok(user.zip(method))
    }
}
