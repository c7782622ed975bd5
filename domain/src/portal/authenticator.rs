//! The authenticator app method: a fresh secret shown as a QR code, kept sealed
//! while pending, and stored as a method once the app shows the right code.

use super::sent_codes::challenge_error;
use super::{Account, Authenticated, Portal};
use crate::code::OneTimeCode;
use crate::delivery::Courier;
use crate::entropy::{self, Entropy};
use crate::ledger::{self as op, Ledgers};
use crate::methods::{parse_name, Method, MethodData};
use crate::policy::Rules;
use crate::sealing::Sealed;
use crate::session::Amr;
use crate::store::Store;
use crate::totp::{qr_svg, PendingAuthenticator, TotpSecret};
use crate::{keys, Error};
use api::{AuthenticatorSetup, MethodKind, MethodView};

/// Associated data of a pending secret: only this user's pending registration opens it.
fn pending_aad(auth: &Authenticated, id: &str) -> String {
    format!("pending/{}/{}/{id}", auth.tenant.id, auth.user.id)
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    pub(super) fn open_secret(&self, auth: &Account, method_id: &str, sealed: &Sealed) -> Result<TotpSecret, Error> {
        let aad = keys::method(&auth.tenant.id, &auth.user.id, method_id);
        self.keys()?
            .open(sealed, &aad)
            .and_then(|b| TotpSecret::from_bytes(&b))
            .ok_or_else(|| Error::Storage(format!("cannot open the secret of method {method_id}")))
    }

    /// Steps 2–3 of "Authenticator app": a new secret, its URI and QR code.
    pub async fn start_authenticator(&self, auth: &Authenticated) -> Result<AuthenticatorSetup, Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        if !auth.tenant.policy.addable(&methods).contains(&MethodKind::AuthenticatorApp) {
            return Err(Error::MethodNotOffered);
        }
        let secret = TotpSecret::generate(self.entropy);
        let id = entropy::token::<E, 16>(self.entropy);
        let sealed = self
            .keys()?
            .seal(secret.as_bytes(), &pending_aad(auth, &id), self.entropy)
            .ok_or_else(|| Error::Storage("sealing failed".into()))?;
        let pending = PendingAuthenticator::new(id.clone(), sealed, self.now);
        let expires_at = pending.expires_at;
        self.ledger(&self.user_ledger(auth), op::StartAuthenticator { pending }).await?;
        let (issuer, account) = (auth.tenant.name.clone(), auth.user.username.clone());
        let uri = secret.uri(&issuer, &account);
        Ok(AuthenticatorSetup {
            challenge_id: id,
            qr_svg: qr_svg(&uri).ok_or_else(|| Error::Storage("QR code too large".into()))?,
            uri,
            secret: secret.grouped(),
            account,
            issuer,
            expires_at,
        })
    }

    /// Step 4: the code from the app. Each try is taken before the code is checked,
    /// so parallel guesses never exceed five.
    pub async fn verify_authenticator(
        &self,
        auth: &mut Authenticated,
        challenge_id: &str,
        code: &str,
        name: &str,
    ) -> Result<MethodView, Error> {
        auth.require_full()?;
        let name = if name.trim().is_empty() { auth.tenant.name.clone() } else { name.to_string() };
        let name = parse_name(&name).ok_or(Error::InvalidName)?;
        let code = OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
        let ledger = self.user_ledger(auth);
        let (pending, attempts_left) = self
            .ledger(&ledger, op::ReserveAuthenticator { id: challenge_id.to_string() })
            .await?
            .map_err(|error| challenge_error(error, self.now))?;
        let secret = self
            .keys()?
            .open(&pending.secret, &pending_aad(auth, &pending.id))
            .and_then(|b| TotpSecret::from_bytes(&b))
            .ok_or_else(|| Error::Storage("cannot open a pending secret".into()))?;
        let Some(step) = secret.check(&code, self.now) else {
            return Err(if attempts_left == 0 { Error::CodeLocked } else { Error::InvalidCode { attempts_left } });
        };

        let method_id = entropy::token::<E, 8>(self.entropy);
        let key = keys::method(&auth.tenant.id, &auth.user.id, &method_id);
        let sealed = self
            .keys()?
            .seal(secret.as_bytes(), &key, self.entropy)
            .ok_or_else(|| Error::Storage("sealing failed".into()))?;
        let consume = op::ConsumeAuthenticator { id: pending.id, method_id: method_id.clone(), step };
        self.ledger(&ledger, consume).await?.map_err(|error| challenge_error(error, self.now))?;
        let method = Method {
            id: method_id.clone(),
            data: MethodData::AuthenticatorApp { name, secret: sealed },
            created_at: self.now,
            last_used_at: Some(self.now),
            suspended: false,
        };
        self.add_method(auth, &method).await?;
        // The user just proved the app works: that counts as a fresh second step.
        self.passed_second_step(auth, Amr::Otp).await?;
        let added = api::Activity::MethodAdded { method: MethodKind::AuthenticatorApp };
        self.changed(auth, added, crate::report::Undo::Remove { method_id }).await;
        Ok(method.view())
    }
}
