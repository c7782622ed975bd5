//! What proves the user, kept exactly in the user's ledger: authenticator app
//! set-ups, the second-step guard, security keys (WebAuthn ceremonies, user
//! handle, signature counters), app passwords, recovery codes and the access pass.

use super::{CounterRegressed, LimitReached, NotSpent, UserLedger};
use crate::access_pass::PassState;
use crate::code::ChallengeError;
use crate::mfa::Refusal;
use crate::session::PassRef;
use crate::totp::PendingAuthenticator;
use crate::webauthn::Ceremony;
use crate::Millis;

impl UserLedger {
    pub(super) fn start_authenticator(&mut self, pending: PendingAuthenticator, _now: Millis) {
        self.authenticators.push(pending);
    }

    pub(super) fn reserve_authenticator(
        &mut self,
        id: String,
        now: Millis,
    ) -> Result<(PendingAuthenticator, u32), ChallengeError> {
        let pending = self.authenticators.get_mut(&id).ok_or(ChallengeError::NotFound)?;
        let attempts_left = pending.reserve(now)?;
        Ok((pending.clone(), attempts_left))
    }

    pub(super) fn consume_authenticator(
        &mut self,
        id: String,
        method_id: String,
        step: u64,
        _now: Millis,
    ) -> Result<(), ChallengeError> {
        self.authenticators.take(&id).ok_or(ChallengeError::NotFound)?;
        self.guard.accept_step(&method_id, step);
        Ok(())
    }

    pub(super) fn reserve_second_step(&mut self, now: Millis) -> Result<(), Refusal> {
        self.guard.reserve(now)
    }

    pub(super) fn second_step_succeeded(
        &mut self,
        method_id: String,
        step: Option<u64>,
        _now: Millis,
    ) -> Result<(), Refusal> {
        self.guard.succeeded(&method_id, step)
    }

    pub(super) fn spend_step(&mut self, method_id: String, step: u64, _now: Millis) -> Result<(), Refusal> {
        self.guard.spend_step(&method_id, step)
    }

    pub(super) fn unlock_second_step(&mut self, _now: Millis) {
        self.guard.unlock();
    }

    pub(super) fn user_handle(&mut self, candidate: String, _now: Millis) -> String {
        self.user_handle.get_or_insert(candidate).clone()
    }

    pub(super) fn start_ceremony(&mut self, ceremony: Ceremony, _now: Millis) {
        self.ceremonies.push(ceremony);
    }

    pub(super) fn take_ceremony(&mut self, id: String, now: Millis) -> Result<Ceremony, ChallengeError> {
        let ceremony = self.ceremonies.take(&id).ok_or(ChallengeError::NotFound)?;
        if now >= ceremony.expires_at {
            return Err(ChallengeError::Expired);
        }
        Ok(ceremony)
    }

    pub(super) fn key_counter(
        &mut self,
        method_id: String,
        counter: u32,
        _now: Millis,
    ) -> Result<(), CounterRegressed> {
        match self.key_counters.get(&method_id).copied() {
            Some(stored) if !crate::webauthn::counter_ok(stored, counter) => Err(CounterRegressed { stored }),
            _ => {
                self.key_counters.insert(method_id, counter);
                Ok(())
            }
        }
    }

    pub(super) fn add_app_password(&mut self, id: String, max: usize, _now: Millis) -> Result<(), LimitReached> {
        if self.app_passwords.len() >= max {
            return Err(LimitReached);
        }
        self.app_passwords.insert(id);
        Ok(())
    }

    pub(super) fn issue_recovery_codes(&mut self, set: String, _now: Millis) {
        self.recovery_set = Some(set);
        self.recovery_spent.clear();
    }

    pub(super) fn spend_recovery_code(&mut self, set: String, index: u8, _now: Millis) -> Result<u8, NotSpent> {
        if self.recovery_set.as_deref() != Some(set.as_str()) {
            Err(NotSpent::NotCurrent)
        } else if self.recovery_spent.insert(index) {
            Ok(u8::try_from(self.recovery_spent.len()).unwrap_or(u8::MAX))
        } else {
            Err(NotSpent::Replayed)
        }
    }

    pub(super) fn issue_pass(&mut self, pass: PassState, _now: Millis) {
        self.access_pass = Some(pass);
    }

    pub(super) fn revoke_pass(&mut self, _now: Millis) {
        self.access_pass = None;
    }

    pub(super) fn use_pass(&mut self, digests: Vec<String>, now: Millis) -> Option<PassRef> {
        let pass = self.access_pass.as_mut().filter(|pass| pass.admits(&digests, now))?;
        pass.used = true;
        Some(PassRef { id: pass.id.clone(), until: pass.expires_at })
    }

    pub(super) fn check_pass(&mut self, id: String, now: Millis) -> bool {
        self.access_pass.as_ref().is_some_and(|pass| pass.id == id && now < pass.expires_at)
    }
}
