//! "Verify the caller" before the help desk acts on someone's methods: help-desk
//! social engineering is how large breaches start. The help desk member sends a
//! code to one of the user's own methods (a phone or an email address; an
//! authenticator app shows one by itself), the caller reads it back, and only then
//! are the per-user actions open to that member, for that user, for 10 minutes.
//! Codes entered are limited per user (any member); each result is audited.
//! Tenant admins may verify too, but need not.

use super::admin::require_help_desk;
use super::methods::usable;
use super::sent_codes::{challenge_error, Sender};
use super::{Account, Authenticated, Portal};
use crate::code::{OneTimeCode, Purpose};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::MethodData;
use crate::store::Store;
use crate::tenant::User;
use crate::{keys, throttle, Error, Millis, MINUTE};
use api::users::{CallerCheck, CallerCheckAnswer, CallerVerified, Role};
use api::AuditAction;

/// How long a passed check opens the per-user actions.
const VERIFIED_FOR: Millis = 10 * MINUTE;

/// The help desk checks callers for people without a role only (as it acts on them).
fn may_check(auth: &Authenticated, user: &User) -> Result<(), Error> {
    match (auth.user.role(), user.role()) {
        (Role::HelpDesk, Role::Admin | Role::HelpDesk) => Err(Error::Forbidden),
        _ => Ok(()),
    }
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Until when `auth`'s member verified the caller as `user_id`, if still so.
    pub(super) async fn caller_verified_until(
        &self,
        auth: &Authenticated,
        user_id: &str,
    ) -> Result<Option<Millis>, Error> {
        let key = keys::caller_verified(&auth.tenant.id, &auth.user.id, user_id);
        let until = self.store.get(&key).await?.and_then(|v| v.parse::<Millis>().ok());
        Ok(until.filter(|until| *until > self.now))
    }

    /// The help desk acts on a user only after verifying the caller, and never on
    /// an admin or another help desk member (a pass for an admin would be a way
    /// up); admins may act at once.
    pub(super) async fn require_caller_verified(&self, auth: &Authenticated, user: &User) -> Result<(), Error> {
        match auth.user.role() {
            Role::Admin => Ok(()),
            _ if may_check(auth, user).is_err() => Err(Error::Forbidden),
            _ if self.caller_verified_until(auth, &user.id).await?.is_some() => Ok(()),
            _ => Err(Error::CallerNotVerified),
        }
    }

    /// Sends a code to the user's phone or email method, or names the
    /// authenticator app whose code the caller reads.
    pub async fn start_caller_check(
        &self,
        auth: &Authenticated,
        id: &str,
        method_id: &str,
    ) -> Result<CallerCheck, Error> {
        require_help_desk(auth)?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        may_check(auth, &user)?;
        let holder = Account { tenant: auth.tenant.clone(), user };
        let method = self.method(&holder, method_id).await?;
        usable(&auth.tenant.policy, &method)?;
        let purpose = match &method.data {
            MethodData::Phone { number, .. } => {
                Purpose::CallerPhone { method_id: method.id.clone(), number: number.clone() }
            }
            MethodData::Email { address } => {
                Purpose::CallerEmail { method_id: method.id.clone(), address: address.clone() }
            }
            MethodData::AuthenticatorApp { .. } => {
                return Ok(CallerCheck {
                    method_id: method.id.clone(),
                    kind: method.kind(),
                    sent_to: None,
                    challenge_id: None,
                });
            }
            _ => return Err(Error::NotMfaCapable),
        };
        let ledger = self.user_ledger(&holder);
        // The user's own send limit and the phone's budgets count it, as any text.
        let challenge = self.send_code(&auth.tenant, &ledger, throttle::CODE_SENDS, Sender::User, purpose).await?;
        let pending = super::sent_codes::pending(&challenge);
        Ok(CallerCheck {
            method_id: method.id.clone(),
            kind: method.kind(),
            sent_to: Some(pending.masked_destination),
            challenge_id: Some(challenge.id),
        })
    }

    /// The code the caller read back: passed, the member may act on the user for
    /// 10 minutes. Both outcomes are audited.
    pub async fn finish_caller_check(
        &self,
        auth: &Authenticated,
        id: &str,
        answer: &CallerCheckAnswer,
    ) -> Result<CallerVerified, Error> {
        require_help_desk(auth)?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        may_check(auth, &user)?;
        let holder = Account { tenant: auth.tenant.clone(), user: user.clone() };
        let method = self.method(&holder, &answer.method_id).await?;
        usable(&auth.tenant.policy, &method)?;
        let code = OneTimeCode::parse(&answer.code).ok_or(Error::MalformedCode)?;
        let tries = op::RecordSend { limit: throttle::CALLER_CHECKS };
        self.blocked(self.ledger(&keys::ledger::caller_checks(&auth.tenant.id, &user.id), tries).await?)?;
        let result = self.check_caller_code(&holder, &method, code, answer.challenge_id.as_deref()).await;
        let passed = result.is_ok();
        let action = AuditAction::CallerChecked { username: user.username.clone(), method: method.kind(), passed };
        self.audit(auth, action).await?;
        result?;
        let until = self.now + VERIFIED_FOR;
        let key = keys::caller_verified(&auth.tenant.id, &auth.user.id, &user.id);
        self.store.put(&key, &until.to_string(), Some(VERIFIED_FOR / 1000)).await?;
        Ok(CallerVerified { until })
    }

    async fn check_caller_code(
        &self,
        holder: &Account,
        method: &crate::methods::Method,
        code: OneTimeCode,
        challenge_id: Option<&str>,
    ) -> Result<(), Error> {
        match &method.data {
            MethodData::AuthenticatorApp { secret, .. } => {
                let secret = self.open_secret(holder, &method.id, secret)?;
                let step = secret.check(&code, self.now).ok_or(Error::WrongCode)?;
                // Spent: a code read out once is not good for the user's sign-in after.
                self.proven(holder, super::second_step::Counted::ByFlow, &method.id, Some(step)).await
            }
            MethodData::Phone { .. } | MethodData::Email { .. } => {
                let id = challenge_id.ok_or(Error::NoPendingVerification)?;
                let verify = op::VerifyChallenge { id: id.to_string(), code };
                match self.ledger(&self.user_ledger(holder), verify).await? {
                    Ok(Purpose::CallerPhone { method_id, .. } | Purpose::CallerEmail { method_id, .. })
                        if method_id == method.id =>
                    {
                        Ok(())
                    }
                    Ok(_) => Err(Error::NoPendingVerification),
                    Err(error) => Err(challenge_error(error, self.now)),
                }
            }
            _ => Err(Error::NotMfaCapable),
        }
    }
}
