//! The email method: a code sent to the address proves it. Reset-only, never a
//! second step.

use super::{Authenticated, Portal};
use crate::code::{Challenge, ChallengeError, CodeDigest, OneTimeCode, Purpose};
use crate::delivery::{code_email, Courier};
use crate::email::EmailAddress;
use crate::entropy::{self, Entropy};
use crate::error::seconds_until;
use crate::ledger::{Op, Reply};
use crate::methods::{Method, MethodData};
use crate::store::{put_json, Ledgers, Store};
use crate::{keys, throttle, Error};
use api::{MethodKind, MethodView, PendingVerification};

fn pending(challenge: &Challenge, address: &EmailAddress) -> PendingVerification {
    PendingVerification {
        challenge_id: challenge.id.clone(),
        masked_destination: address.masked(),
        expires_at: challenge.expires_at,
        resend_at: challenge.resend_at(),
    }
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Step one of adding an email method: validate the address and send a code.
    pub async fn start_email(
        &self,
        auth: &Authenticated,
        address: &str,
        lang: &str,
    ) -> Result<PendingVerification, Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        if !auth.tenant.policy.addable(&methods).contains(&MethodKind::Email) {
            return Err(Error::MethodNotOffered);
        }
        let address = EmailAddress::parse(address).ok_or(Error::InvalidEmail)?;
        if auth.tenant.own_domains.iter().any(|d| address.is_in_domain(d)) {
            return Err(Error::WorkEmailNotAllowed);
        }
        let code = OneTimeCode::generate(self.entropy);
        let id = entropy::token::<E, 16>(self.entropy);
        let purpose = Purpose::RegisterEmail { address: address.clone() };
        let challenge = Challenge::new(id, purpose, CodeDigest::new(&code, self.entropy), self.now);
        let op = Op::StartChallenge { challenge, limit: throttle::CODE_SENDS };
        let challenge = self.challenge_reply(self.ledger(&self.user_ledger(auth), op).await?)?;
        self.courier.send(&code_email(&address, code.as_str(), &auth.tenant.name, lang)).await?;
        Ok(pending(&challenge, &address))
    }

    /// Sends a fresh code for a pending email registration.
    pub async fn resend_email(
        &self,
        auth: &Authenticated,
        challenge_id: &str,
        lang: &str,
    ) -> Result<PendingVerification, Error> {
        auth.require_full()?;
        let code = OneTimeCode::generate(self.entropy);
        let op = Op::ResendChallenge {
            id: challenge_id.to_string(),
            code: CodeDigest::new(&code, self.entropy),
            limit: throttle::CODE_SENDS,
        };
        let challenge = self.challenge_reply(self.ledger(&self.user_ledger(auth), op).await?)?;
        let Purpose::RegisterEmail { address } = &challenge.purpose;
        self.courier.send(&code_email(address, code.as_str(), &auth.tenant.name, lang)).await?;
        Ok(pending(&challenge, address))
    }

    /// Step two: the code proves the address; only now is a method stored.
    pub async fn verify_email(
        &self,
        auth: &Authenticated,
        challenge_id: &str,
        code: &str,
    ) -> Result<MethodView, Error> {
        auth.require_full()?;
        let code = OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
        let op = Op::VerifyChallenge { id: challenge_id.to_string(), code };
        let purpose = match self.ledger(&self.user_ledger(auth), op).await? {
            Reply::Verified { purpose } => purpose,
            other => return Err(self.challenge_reply(other).err().unwrap_or(Error::NoPendingVerification)),
        };
        let Purpose::RegisterEmail { address } = purpose;
        let method = Method::single(MethodData::Email { address }, self.now);
        put_json(self.store, &keys::method(&auth.tenant.id, &auth.user.id, &method.id), &method, None).await?;
        Ok(method.view())
    }

    /// Maps a ledger's answer about a challenge to the challenge or an error.
    pub(super) fn challenge_reply(&self, reply: Reply) -> Result<Challenge, Error> {
        match reply {
            Reply::Started { challenge } => Ok(challenge),
            Reply::Blocked { until } => Err(Error::TooManyAttempts { retry_after: seconds_until(self.now, until) }),
            Reply::Failed { error } => Err(challenge_error(error, self.now)),
            _ => Err(Error::Storage("unexpected ledger reply".into())),
        }
    }
}

pub(super) fn challenge_error(error: ChallengeError, now: crate::Millis) -> Error {
    match error {
        ChallengeError::NotFound => Error::NoPendingVerification,
        ChallengeError::Expired => Error::CodeExpired,
        ChallengeError::Wrong { attempts_left } => Error::InvalidCode { attempts_left },
        ChallengeError::Locked | ChallengeError::TooManySends => Error::CodeLocked,
        ChallengeError::ResendTooSoon { resend_at } => {
            Error::ResendTooSoon { retry_after: seconds_until(now, resend_at) }
        }
    }
}
