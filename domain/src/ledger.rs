//! The strongly consistent part of the state. KV is eventually consistent and has
//! no compare-and-set, so every read-modify-write that must be exact (failure
//! counters, code attempts, send caps) is an operation on a ledger, which the worker
//! keeps in a Durable Object: one ledger per name, operations applied one at a time.
//! A user's ledger also holds the user's methods, so two devices editing them at
//! once see one order of events, and the list is read in one call.

use crate::code::{Challenge, ChallengeError, CodeDigest, OneTimeCode, Purpose};
use crate::methods::{uses, Method};
use crate::mfa::{Guard, Refusal};
use crate::throttle::{Limit, Window};
use crate::totp::PendingAuthenticator;
use crate::voice::{CallState, PendingCall};
use crate::webauthn::Ceremony;
use crate::Millis;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Pending challenges a ledger keeps at once; the oldest give way.
const MAX_PENDING: usize = 5;
const EXPIRED_KEPT: Millis = crate::HOUR;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    #[serde(default)]
    failures: Window,
    #[serde(default)]
    sends: Window,
    #[serde(default)]
    challenges: Vec<Challenge>,
    #[serde(default)]
    authenticators: Vec<PendingAuthenticator>,
    #[serde(default)]
    calls: Vec<PendingCall>,
    #[serde(default)]
    guard: Guard,
    /// The default sign-in method: a pointer that must always name a method the
    /// user still has, so it changes only here, atomically.
    #[serde(default)]
    default_method: Option<String>,
    /// The user's WebAuthn user handle: random, fixed on first use.
    #[serde(default)]
    user_handle: Option<String>,
    /// WebAuthn challenges waiting for the browser's response.
    #[serde(default)]
    ceremonies: Vec<Ceremony>,
    /// Last signature counter per security key, to spot cloned keys.
    #[serde(default)]
    key_counters: BTreeMap<String, u32>,
    /// In a credential's own ledger: who registered it (one owner across tenants).
    #[serde(default)]
    credential_owner: Option<String>,
    /// When the user was first asked to set up what the tenant requires.
    #[serde(default)]
    setup_prompted_at: Option<Millis>,
    #[serde(default)]
    setup_skips: u8,
    /// In a reset's own ledger: where the password reset stands.
    #[serde(default)]
    reset: Option<crate::reset::ResetState>,
    /// The user's app passwords, counted exactly for the per-user cap.
    #[serde(default)]
    app_passwords: std::collections::BTreeSet<String>,
    /// The current set of recovery codes and which of its codes are spent.
    #[serde(default)]
    recovery_set: Option<String>,
    #[serde(default)]
    recovery_spent: std::collections::BTreeSet<u8>,
    /// The user's Temporary Access Pass (one at a time).
    #[serde(default)]
    access_pass: Option<crate::access_pass::PassState>,
    /// The user's registered methods by id.
    #[serde(default)]
    methods: BTreeMap<String, Method>,
    /// Single-use ids spent here, with when they may be forgotten.
    #[serde(default)]
    spent: Vec<(String, Millis)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    /// Is a sign-in allowed now?
    CheckFailures {
        limit: Limit,
    },
    RecordFailure {
        limit: Limit,
    },
    ClearFailures,
    /// Is a sign-in allowed now, under growing delays rather than a block?
    CheckDelay {
        limit: Limit,
        cap: Millis,
    },
    RecordDelayedFailure {
        limit: Limit,
        cap: Millis,
    },
    /// Takes one try from this ledger's failure budget, if it has one left (a
    /// password reset's tries per name).
    ReserveTry {
        limit: Limit,
    },
    /// Counts a text or call against this ledger's send limit, if it allows one.
    RecordSend {
        limit: Limit,
    },
    /// Keeps a new challenge if the send cap allows another code.
    StartChallenge {
        challenge: Challenge,
        limit: Limit,
    },
    /// Replaces a challenge's code if its cooldown and the send cap allow.
    ResendChallenge {
        id: String,
        code: CodeDigest,
        limit: Limit,
    },
    /// Checks a code; on success the challenge is consumed.
    VerifyChallenge {
        id: String,
        code: OneTimeCode,
    },
    StartCall {
        call: PendingCall,
    },
    /// The provider's signed callback: the keys pressed; the page's digits then
    /// `#` confirm.
    AnswerCall {
        id: String,
        keys: String,
    },
    /// The page asks how the call went; a confirmed call is handed out once.
    TakeCall {
        id: String,
    },
    StartAuthenticator {
        pending: PendingAuthenticator,
    },
    /// Takes a try of a pending authenticator and hands out its sealed secret.
    ReserveAuthenticator {
        id: String,
    },
    /// The app showed the right code for `step`: the registration is done.
    ConsumeAuthenticator {
        id: String,
        method_id: String,
        step: u64,
    },
    /// Takes a second-step try (exact limits, growing delays, lock).
    ReserveSecondStep,
    /// The reserved second step was right; `step` for TOTP replay protection.
    SecondStepSucceeded {
        method_id: String,
        step: Option<u64>,
    },
    /// A TOTP step proven outside sign-in (password reset): accepted once, and the
    /// sign-in counters are left alone.
    SpendStep {
        method_id: String,
        step: u64,
    },
    /// An administrator lifts the second-step lock and clears its failures.
    UnlockSecondStep,
    GetDefault,
    SetDefault {
        method_id: String,
    },
    /// Registers a method, or replaces the one with its id (kinds held once share
    /// an id); a second-step method becomes the default if there is none.
    AddMethod {
        method: Box<Method>,
    },
    /// Writes back a changed method; `NotCurrent` when it was deleted meanwhile.
    UpdateMethod {
        method: Box<Method>,
    },
    /// "This wasn't me": methods added since `since` are suspended (kept, unusable).
    SuspendSince {
        since: Millis,
    },
    /// The user keeps a suspended method: usable again.
    KeepMethod {
        method_id: String,
    },
    /// The method served a sign-in just now (nothing if it is gone).
    MethodUsed {
        method_id: String,
    },
    /// Deletes a method; a default pointing at it moves to the strongest one left.
    MethodRemoved {
        method_id: String,
    },
    /// The user handle, set to `candidate` if there is none yet.
    UserHandle {
        candidate: String,
    },
    StartCeremony {
        ceremony: Ceremony,
    },
    /// Hands out a ceremony once: a WebAuthn challenge is never accepted twice.
    TakeCeremony {
        id: String,
    },
    /// A key signed with this counter: refused (and left as is) unless it grew.
    KeyCounter {
        method_id: String,
        counter: u32,
    },
    /// Claims a credential id for `owner`; refused if someone else holds it.
    ClaimCredential {
        owner: String,
    },
    ReleaseCredential {
        owner: String,
    },
    /// The setup prompt is shown: remembers the first time, for the grace period.
    SetupPrompted {
        grace: Millis,
        max_skips: u8,
    },
    /// Counts a new app password if the user holds fewer than `max`.
    AddAppPassword {
        id: String,
        max: usize,
    },
    OpenReset {
        state: crate::reset::ResetState,
    },
    ReadReset,
    /// Takes one of the reset's tries at proving a method; `Failed { Locked }` once
    /// they are used up (the reset is over).
    ReserveResetTry,
    /// The reset's user proved option `option_id`; `questions` records a subset asked.
    UpdateReset {
        passed: Option<String>,
        questions: Option<Vec<String>>,
    },
    /// The password was set: the ticket is spent.
    CloseReset,
    /// "Skip for now", if the grace period and the number of skips allow it.
    SkipSetup {
        grace: Millis,
        max_skips: u8,
    },
    /// The methods, the default and the number of spent recovery codes.
    Methods,
    /// A new set of recovery codes replaces the old one (all unspent).
    IssueRecoveryCodes {
        set: String,
    },
    /// Spends code `index` of `set`, once.
    SpendRecoveryCode {
        set: String,
        index: u8,
    },
    /// A new pass replaces any earlier one.
    IssuePass {
        pass: crate::access_pass::PassState,
    },
    RevokePass,
    /// Signs in with the pass of this digest (a one-time pass only once).
    UsePass {
        /// The typed pass's digests under each key of the ring.
        digests: Vec<String>,
    },
    /// Is the pass `id` (behind a session) still valid?
    CheckPass {
        id: String,
    },
    /// Spends `id` (a solved proof of work, a followed link, a passkey ceremony)
    /// once; it is forgotten after `until`, when it would be refused as expired anyway.
    SpendOnce {
        id: String,
        until: Millis,
    },
    /// Who holds this credential (`tenant/user/method`), for passkey sign-in.
    CredentialOwner,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "kebab-case")]
pub enum Reply {
    Done,
    /// Refused by a throttle until this time.
    Blocked {
        until: Millis,
    },
    Started {
        challenge: Challenge,
    },
    Verified {
        purpose: Purpose,
    },
    Failed {
        error: ChallengeError,
    },
    Call {
        call: PendingCall,
    },
    Reserved {
        pending: PendingAuthenticator,
        attempts_left: u32,
    },
    Refused {
        refusal: Refusal,
    },
    Default {
        method_id: Option<String>,
    },
    Handle {
        handle: String,
    },
    Ceremony {
        ceremony: Ceremony,
    },
    /// The counter did not grow: the key may have been copied.
    CounterRegressed {
        stored: u32,
    },
    /// The credential belongs to someone else.
    Taken,
    /// A per-user cap is reached.
    LimitReached,
    Reset {
        state: crate::reset::ResetState,
    },
    /// Until when "Skip for now" is offered, if at all.
    Grace {
        skip_until: Option<Millis>,
    },
    Methods {
        /// Oldest first.
        methods: Vec<Method>,
        default_method: Option<String>,
        recovery_spent: u8,
    },
    /// The recovery code was unspent and now is spent.
    Spent {
        spent: u8,
    },
    /// The code belongs to a set that was replaced; or no such pass.
    NotCurrent,
    /// The pass admitted a sign-in.
    Pass {
        id: String,
        expires_at: Millis,
    },
    Owner {
        owner: Option<String>,
    },
}

impl Ledger {
    pub fn apply(&mut self, op: Op, now: Millis) -> Reply {
        // Expired challenges linger a while so the user hears "expired", not "unknown".
        self.challenges.retain(|c| c.expires_at + EXPIRED_KEPT > now);
        self.authenticators.retain(|a| a.expires_at + EXPIRED_KEPT > now);
        self.calls.retain(|c| c.expires_at + EXPIRED_KEPT > now);
        self.ceremonies.retain(|c| c.expires_at + EXPIRED_KEPT > now);
        match op {
            Op::CheckFailures { limit } => blocked(self.failures.blocked_until(limit, now)),
            Op::RecordFailure { limit } => {
                self.failures.record(limit, now);
                blocked(self.failures.blocked_until(limit, now))
            }
            Op::CheckDelay { limit, cap } => blocked(self.failures.delayed_until(limit, cap, now)),
            Op::RecordDelayedFailure { limit, cap } => {
                self.failures.record_delayed(limit, now);
                blocked(self.failures.delayed_until(limit, cap, now))
            }
            Op::ClearFailures => {
                self.failures.clear();
                Reply::Done
            }
            Op::ReserveTry { limit } => match self.failures.try_record(limit, now) {
                Ok(()) => Reply::Done,
                Err(until) => Reply::Blocked { until },
            },
            Op::RecordSend { limit } => match self.sends.try_record(limit, now) {
                Ok(()) => Reply::Done,
                Err(until) => Reply::Blocked { until },
            },
            Op::StartChallenge { challenge, limit } => {
                // A new code to where one just went waits like a resend does, so
                // repeated starts cannot burn the destination's budget.
                let waiting = self.challenges.iter().filter(|c| c.purpose == challenge.purpose);
                if let Some(resend_at) = waiting.map(Challenge::resend_at).filter(|at| now < *at).max() {
                    return Reply::Failed { error: ChallengeError::ResendTooSoon { resend_at } };
                }
                if let Err(until) = self.sends.try_record(limit, now) {
                    return Reply::Blocked { until };
                }
                if self.challenges.len() >= MAX_PENDING {
                    self.challenges.remove(0);
                }
                self.challenges.push(challenge.clone());
                Reply::Started { challenge }
            }
            Op::ResendChallenge { id, code, limit } => {
                let Some(c) = self.challenges.iter_mut().find(|c| c.id == id) else {
                    return Reply::Failed { error: ChallengeError::NotFound };
                };
                if now < c.resend_at() {
                    return Reply::Failed { error: ChallengeError::ResendTooSoon { resend_at: c.resend_at() } };
                }
                if let Some(until) = self.sends.blocked_until(limit, now) {
                    return Reply::Blocked { until };
                }
                match c.resend(code, now) {
                    Ok(()) => {
                        self.sends.record(limit, now);
                        Reply::Started { challenge: c.clone() }
                    }
                    Err(error) => Reply::Failed { error },
                }
            }
            Op::StartCall { call } => {
                let started = |c: &PendingCall| c.expires_at.saturating_sub(crate::voice::CALL_TTL);
                // Only a call still ringing makes the next one wait (one answered
                // with the wrong key may be tried again at once).
                let waiting = self
                    .calls
                    .iter()
                    .filter(|c| c.number == call.number && c.purpose == call.purpose && c.state == CallState::Calling);
                let resend_at = waiting.map(|c| started(c) + crate::code::RESEND_COOLDOWN).max();
                if let Some(resend_at) = resend_at.filter(|at| now < *at) {
                    return Reply::Failed { error: ChallengeError::ResendTooSoon { resend_at } };
                }
                // A reset's call gives way to the user's own and never pushes one out.
                let reset = |c: &PendingCall| matches!(c.purpose, crate::voice::CallPurpose::Reset { .. });
                if self.calls.iter().filter(|c| reset(c) == reset(&call)).count() >= MAX_PENDING {
                    if let Some(oldest) = self.calls.iter().position(|c| reset(c) == reset(&call)) {
                        self.calls.remove(oldest);
                    }
                }
                self.calls.push(call);
                Reply::Done
            }
            Op::AnswerCall { id, keys } => match self.calls.iter_mut().find(|c| c.id == id) {
                Some(call) if call.state_at(now) == CallState::Calling => {
                    call.state = if call.answered_with(&keys) { CallState::Confirmed } else { CallState::Failed };
                    Reply::Call { call: call.clone() }
                }
                _ => Reply::Failed { error: ChallengeError::NotFound },
            },
            Op::TakeCall { id } => {
                let Some(pos) = self.calls.iter().position(|c| c.id == id) else {
                    return Reply::Failed { error: ChallengeError::NotFound };
                };
                let call = self.calls[pos].clone();
                if call.state == CallState::Confirmed {
                    self.calls.remove(pos);
                }
                Reply::Call { call }
            }
            Op::StartAuthenticator { pending } => {
                if self.authenticators.len() >= MAX_PENDING {
                    self.authenticators.remove(0);
                }
                self.authenticators.push(pending);
                Reply::Done
            }
            Op::ReserveAuthenticator { id } => match self.authenticators.iter_mut().find(|a| a.id == id) {
                None => Reply::Failed { error: ChallengeError::NotFound },
                Some(a) => match a.reserve(now) {
                    Ok(attempts_left) => Reply::Reserved { pending: a.clone(), attempts_left },
                    Err(error) => Reply::Failed { error },
                },
            },
            Op::ConsumeAuthenticator { id, method_id, step } => {
                let Some(pos) = self.authenticators.iter().position(|a| a.id == id) else {
                    return Reply::Failed { error: ChallengeError::NotFound };
                };
                self.authenticators.remove(pos);
                self.guard.accept_step(&method_id, step);
                Reply::Done
            }
            Op::ReserveSecondStep => match self.guard.reserve(now) {
                Ok(()) => Reply::Done,
                Err(refusal) => Reply::Refused { refusal },
            },
            Op::SecondStepSucceeded { method_id, step } => match self.guard.succeeded(&method_id, step) {
                Ok(()) => Reply::Done,
                Err(refusal) => Reply::Refused { refusal },
            },
            Op::SpendStep { method_id, step } => match self.guard.spend_step(&method_id, step) {
                Ok(()) => Reply::Done,
                Err(refusal) => Reply::Refused { refusal },
            },
            Op::UnlockSecondStep => {
                self.guard.unlock();
                Reply::Done
            }
            Op::GetDefault => Reply::Default { method_id: self.default_method.clone() },
            // Only a second-step method the user still has: a delete from another
            // device may have come first.
            Op::SetDefault { method_id } => match self.methods.get(&method_id) {
                Some(m) if uses(m.kind()).mfa => {
                    self.default_method = Some(method_id);
                    Reply::Default { method_id: self.default_method.clone() }
                }
                _ => Reply::NotCurrent,
            },
            Op::AddMethod { method } => {
                if uses(method.kind()).mfa {
                    self.default_method.get_or_insert_with(|| method.id.clone());
                }
                self.methods.insert(method.id.clone(), *method);
                Reply::Default { method_id: self.default_method.clone() }
            }
            Op::UpdateMethod { method } => match self.methods.get_mut(&method.id) {
                Some(current) => {
                    *current = *method;
                    Reply::Done
                }
                None => Reply::NotCurrent,
            },
            Op::SuspendSince { since } => {
                for method in self.methods.values_mut().filter(|m| m.created_at >= since) {
                    method.suspended = true;
                }
                // The default must stay a method that can be used.
                if self.default_method.as_ref().and_then(|id| self.methods.get(id)).is_some_and(|m| m.suspended) {
                    self.default_method = self.strongest();
                }
                Reply::Default { method_id: self.default_method.clone() }
            }
            Op::KeepMethod { method_id } => match self.methods.get_mut(&method_id) {
                Some(method) => {
                    method.suspended = false;
                    if uses(method.kind()).mfa {
                        self.default_method.get_or_insert(method_id);
                    }
                    Reply::Done
                }
                None => Reply::NotCurrent,
            },
            Op::MethodUsed { method_id } => match self.methods.get_mut(&method_id) {
                Some(current) => {
                    current.last_used_at = Some(now);
                    Reply::Done
                }
                None => Reply::NotCurrent,
            },
            Op::UserHandle { candidate } => Reply::Handle { handle: self.user_handle.get_or_insert(candidate).clone() },
            Op::StartCeremony { ceremony } => {
                if self.ceremonies.len() >= MAX_PENDING {
                    self.ceremonies.remove(0);
                }
                self.ceremonies.push(ceremony.clone());
                Reply::Ceremony { ceremony }
            }
            Op::TakeCeremony { id } => match self.ceremonies.iter().position(|c| c.id == id) {
                None => Reply::Failed { error: ChallengeError::NotFound },
                Some(pos) => {
                    let ceremony = self.ceremonies.remove(pos);
                    if now >= ceremony.expires_at {
                        return Reply::Failed { error: ChallengeError::Expired };
                    }
                    Reply::Ceremony { ceremony }
                }
            },
            Op::KeyCounter { method_id, counter } => {
                let stored = self.key_counters.get(&method_id).copied();
                match stored {
                    Some(stored) if !crate::webauthn::counter_ok(stored, counter) => Reply::CounterRegressed { stored },
                    _ => {
                        self.key_counters.insert(method_id, counter);
                        Reply::Done
                    }
                }
            }
            Op::ClaimCredential { owner } => match &self.credential_owner {
                Some(current) if *current != owner => Reply::Taken,
                _ => {
                    self.credential_owner = Some(owner);
                    Reply::Done
                }
            },
            Op::CredentialOwner => Reply::Owner { owner: self.credential_owner.clone() },
            Op::ReleaseCredential { owner } => {
                if self.credential_owner.as_ref() == Some(&owner) {
                    self.credential_owner = None;
                }
                Reply::Done
            }
            Op::Methods => {
                let mut methods: Vec<Method> = self.methods.values().cloned().collect();
                methods.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
                Reply::Methods {
                    methods,
                    default_method: self.default_method.clone(),
                    recovery_spent: u8::try_from(self.recovery_spent.len()).unwrap_or(u8::MAX),
                }
            }
            Op::IssueRecoveryCodes { set } => {
                self.recovery_set = Some(set);
                self.recovery_spent.clear();
                Reply::Done
            }
            Op::SpendRecoveryCode { set, index } => {
                if self.recovery_set.as_deref() != Some(set.as_str()) {
                    Reply::NotCurrent
                } else if self.recovery_spent.insert(index) {
                    Reply::Spent { spent: u8::try_from(self.recovery_spent.len()).unwrap_or(u8::MAX) }
                } else {
                    Reply::Refused { refusal: Refusal::Replayed }
                }
            }
            Op::IssuePass { pass } => {
                self.access_pass = Some(pass);
                Reply::Done
            }
            Op::RevokePass => {
                self.access_pass = None;
                Reply::Done
            }
            Op::UsePass { digests } => match &mut self.access_pass {
                Some(pass) if pass.admits(&digests, now) => {
                    pass.used = true;
                    Reply::Pass { id: pass.id.clone(), expires_at: pass.expires_at }
                }
                _ => Reply::NotCurrent,
            },
            Op::CheckPass { id } => match &self.access_pass {
                Some(pass) if pass.id == id && now < pass.expires_at => Reply::Done,
                _ => Reply::NotCurrent,
            },
            Op::SpendOnce { id, until } => {
                self.spent.retain(|(_, expires)| *expires > now);
                if self.spent.iter().any(|(spent, _)| *spent == id) {
                    return Reply::Refused { refusal: Refusal::Replayed };
                }
                self.spent.push((id, until));
                Reply::Done
            }
            Op::AddAppPassword { id, max } => {
                if self.app_passwords.len() >= max {
                    return Reply::LimitReached;
                }
                self.app_passwords.insert(id);
                Reply::Done
            }
            Op::OpenReset { state } => {
                self.reset = Some(state.clone());
                Reply::Reset { state }
            }
            Op::CloseReset => match self.reset.take() {
                Some(state) if now < state.expires_at => Reply::Reset { state },
                Some(_) => Reply::Failed { error: ChallengeError::Expired },
                None => Reply::Failed { error: ChallengeError::NotFound },
            },
            Op::ReadReset | Op::UpdateReset { .. } | Op::ReserveResetTry => {
                let Some(state) = self.reset.as_mut() else {
                    return Reply::Failed { error: ChallengeError::NotFound };
                };
                if now >= state.expires_at {
                    self.reset = None;
                    return Reply::Failed { error: ChallengeError::Expired };
                }
                if let Op::ReserveResetTry = op {
                    if state.tries >= crate::reset::TRIES {
                        return Reply::Failed { error: ChallengeError::Locked };
                    }
                    state.tries += 1;
                }
                if let Op::UpdateReset { passed, questions } = op {
                    if let Some(id) = passed.filter(|id| !state.passed.contains(id)) {
                        state.passed.push(id);
                        // A proven method gives its try back: only wrong ones use them up.
                        state.tries = state.tries.saturating_sub(1);
                    }
                    if let Some(q) = questions {
                        state.questions = q;
                    }
                }
                Reply::Reset { state: state.clone() }
            }
            Op::SetupPrompted { grace, max_skips } => {
                self.setup_prompted_at.get_or_insert(now);
                Reply::Grace { skip_until: self.skip_until(grace, max_skips, now) }
            }
            // Refused: `Grace` with no time left; allowed: `Done`.
            Op::SkipSetup { grace, max_skips } => match self.skip_until(grace, max_skips, now) {
                Some(_) => {
                    self.setup_skips += 1;
                    Reply::Done
                }
                None => Reply::Grace { skip_until: None },
            },
            Op::MethodRemoved { method_id } => {
                self.methods.remove(&method_id);
                self.guard.forget(&method_id);
                self.key_counters.remove(&method_id);
                self.app_passwords.remove(&method_id);
                if method_id == crate::recovery::METHOD_ID {
                    self.recovery_set = None;
                    self.recovery_spent.clear();
                }
                if self.default_method.as_deref() == Some(method_id.as_str()) {
                    self.default_method = self.strongest();
                }
                Reply::Default { method_id: self.default_method.clone() }
            }
            Op::VerifyChallenge { id, code } => {
                let Some(pos) = self.challenges.iter().position(|c| c.id == id) else {
                    return Reply::Failed { error: ChallengeError::NotFound };
                };
                match self.challenges[pos].verify(&code, now) {
                    Ok(()) => Reply::Verified { purpose: self.challenges.remove(pos).purpose },
                    Err(error) => Reply::Failed { error },
                }
            }
        }
    }

    /// The strongest second-step method left that is not suspended: the new default.
    fn strongest(&self) -> Option<String> {
        crate::methods::strongest(self.methods.values().filter(|m| !m.suspended))
    }

    /// "Skip for now" is possible until then: within `grace` of the first prompt
    /// and fewer than `max_skips` skips so far.
    pub fn skip_until(&self, grace: Millis, max_skips: u8, now: Millis) -> Option<Millis> {
        let until = self.setup_prompted_at.unwrap_or(now) + grace;
        (now < until && self.setup_skips < max_skips).then_some(until)
    }

    /// Nothing worth keeping: the Durable Object may delete its storage.
    /// When this ledger may be deleted: it holds only what runs out (windows of
    /// events, pending codes and ceremonies, a reset, spent ids), all of it gone by
    /// then. `None` while it holds anything lasting (methods, counters, owners).
    /// One-time ledgers (a reset, a link, a ceremony, a client address) are thus
    /// forgotten, so made-up names cannot pile up storage.
    pub fn forget_at(&self) -> Option<Millis> {
        let lasting = !self.guard.is_empty()
            || self.default_method.is_some()
            || self.user_handle.is_some()
            || !self.key_counters.is_empty()
            || self.credential_owner.is_some()
            || self.setup_prompted_at.is_some()
            || !self.app_passwords.is_empty()
            || self.recovery_set.is_some()
            || self.access_pass.is_some()
            || !self.methods.is_empty();
        if lasting {
            return None;
        }
        let kept = |expires_at: Millis| expires_at + EXPIRED_KEPT;
        [self.failures.forget_at(), self.sends.forget_at()]
            .into_iter()
            .flatten()
            .chain(self.challenges.iter().map(|c| kept(c.expires_at)))
            .chain(self.authenticators.iter().map(|a| kept(a.expires_at)))
            .chain(self.calls.iter().map(|c| kept(c.expires_at)))
            .chain(self.ceremonies.iter().map(|c| kept(c.expires_at)))
            .chain(self.reset.iter().map(|r| r.expires_at))
            .chain(self.spent.iter().map(|(_, until)| *until))
            .max()
    }

    pub fn is_empty(&self) -> bool {
        self.failures.is_empty()
            && self.sends.is_empty()
            && self.challenges.is_empty()
            && self.authenticators.is_empty()
            && self.calls.is_empty()
            && self.guard.is_empty()
            && self.default_method.is_none()
            && self.user_handle.is_none()
            && self.ceremonies.is_empty()
            && self.key_counters.is_empty()
            && self.credential_owner.is_none()
            && self.setup_prompted_at.is_none()
            && self.reset.is_none()
            && self.app_passwords.is_empty()
            && self.recovery_set.is_none()
            && self.access_pass.is_none()
            && self.methods.is_empty()
            && self.spent.is_empty()
    }
}

fn blocked(until: Option<Millis>) -> Reply {
    until.map_or(Reply::Done, |until| Reply::Blocked { until })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{CODE_TTL, RESEND_COOLDOWN};
    use crate::email::EmailAddress;
    use crate::entropy::Seeded;

    const SENDS: Limit = Limit { max: 3, window: 1_000_000 };

    fn new_challenge(id: &str, rng: &Seeded, now: Millis) -> (Challenge, OneTimeCode) {
        let code = OneTimeCode::generate(rng);
        let purpose = Purpose::RegisterEmail { address: EmailAddress::parse("a@b.nl").unwrap() };
        (Challenge::new(id.into(), purpose, CodeDigest::new(&code, rng), now), code)
    }

    #[test]
    fn a_verified_challenge_is_consumed_so_replays_fail() {
        let rng = Seeded::new(3);
        let mut l = Ledger::default();
        let (c, code) = new_challenge("c", &rng, 0);
        assert!(matches!(l.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0), Reply::Started { .. }));
        let verify = Op::VerifyChallenge { id: "c".into(), code };
        assert!(matches!(l.apply(verify.clone(), 5), Reply::Verified { .. }));
        assert_eq!(l.apply(verify, 6), Reply::Failed { error: ChallengeError::NotFound });
    }

    #[test]
    fn expired_challenges_say_so_and_are_dropped_later() {
        let rng = Seeded::new(3);
        let mut l = Ledger::default();
        let (c, code) = new_challenge("c", &rng, 0);
        l.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0);
        let verify = Op::VerifyChallenge { id: "c".into(), code };
        assert_eq!(l.apply(verify.clone(), CODE_TTL), Reply::Failed { error: ChallengeError::Expired });
        let reply = l.apply(verify, CODE_TTL + EXPIRED_KEPT);
        assert_eq!(reply, Reply::Failed { error: ChallengeError::NotFound });
    }

    #[test]
    fn send_cap_counts_starts_and_resends() {
        let rng = Seeded::new(3);
        let mut l = Ledger::default();
        let (c, _) = new_challenge("c", &rng, 0);
        l.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0);
        let resend = |l: &mut Ledger, now| {
            let code = CodeDigest::new(&OneTimeCode::generate(&rng), &rng);
            l.apply(Op::ResendChallenge { id: "c".into(), code, limit: SENDS }, now)
        };
        assert!(matches!(resend(&mut l, 1), Reply::Failed { error: ChallengeError::ResendTooSoon { .. } }));
        assert!(matches!(resend(&mut l, RESEND_COOLDOWN), Reply::Started { .. }));
        let (d, _) = new_challenge("d", &rng, 2 * RESEND_COOLDOWN);
        assert!(matches!(
            l.apply(Op::StartChallenge { challenge: d.clone(), limit: SENDS }, 2 * RESEND_COOLDOWN),
            Reply::Started { .. }
        ));
        assert_eq!(
            l.apply(Op::StartChallenge { challenge: d, limit: SENDS }, 4 * RESEND_COOLDOWN),
            Reply::Blocked { until: 1_000_000 }
        );
        assert_eq!(resend(&mut l, 4 * RESEND_COOLDOWN), Reply::Blocked { until: 1_000_000 });
    }

    /// Security review finding 11: a new code to where one just went waits like a
    /// resend, so back-to-back starts cannot burn the destination's budget.
    #[test]
    fn finding_11_starts_wait_for_the_resend_time_of_the_same_destination() {
        let rng = Seeded::new(3);
        let mut l = Ledger::default();
        let (c, _) = new_challenge("c", &rng, 0);
        assert!(matches!(l.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0), Reply::Started { .. }));
        let (again, _) = new_challenge("again", &rng, 1);
        let refused = l.apply(Op::StartChallenge { challenge: again.clone(), limit: SENDS }, 1);
        assert_eq!(refused, Reply::Failed { error: ChallengeError::ResendTooSoon { resend_at: RESEND_COOLDOWN } });
        // Elsewhere at once is fine; the same place once the wait is over.
        let code = CodeDigest::new(&OneTimeCode::generate(&rng), &rng);
        let other = Purpose::RegisterEmail { address: EmailAddress::parse("c@d.nl").unwrap() };
        let elsewhere = Challenge::new("e".into(), other, code, 2);
        assert!(matches!(l.apply(Op::StartChallenge { challenge: elsewhere, limit: SENDS }, 2), Reply::Started { .. }));
        let later = l.apply(Op::StartChallenge { challenge: again, limit: SENDS }, RESEND_COOLDOWN);
        assert!(matches!(later, Reply::Started { .. }));
    }

    #[test]
    fn finding_low_one_time_ledgers_are_forgotten_when_spent_or_expired() {
        use crate::methods::fixtures::app;
        // A passkey ceremony or a link: spent once, forgotten when it runs out.
        let mut once = Ledger::default();
        assert_eq!(once.apply(Op::SpendOnce { id: "k".into(), until: 500 }, 10), Reply::Done);
        assert_eq!(once.forget_at(), Some(500));
        assert_eq!(
            once.apply(Op::SpendOnce { id: "k".into(), until: 500 }, 20),
            Reply::Refused { refusal: Refusal::Replayed }
        );
        // A client address's failures: once they have left every window.
        let mut address = Ledger::default();
        address.apply(Op::RecordFailure { limit: crate::throttle::IP_FAILURES }, 7);
        address.apply(Op::RecordSend { limit: crate::throttle::IP_SENDS }, 9);
        assert_eq!(address.forget_at(), Some(9 + crate::throttle::LONGEST_WINDOW));
        // A reset never closed: when its ticket expires.
        let mut reset = Ledger::default();
        let state = crate::reset::ResetState {
            user_id: None,
            required: 1,
            options: vec![],
            passed: vec![],
            questions: vec![],
            expires_at: 900,
            name: "n".into(),
            tries: 0,
        };
        reset.apply(Op::OpenReset { state }, 0);
        assert_eq!(reset.forget_at(), Some(900));
        // A pending code in a user's ledger lingers; the user's methods last.
        let rng = Seeded::new(3);
        let mut user = Ledger::default();
        let (c, _) = new_challenge("c", &rng, 0);
        user.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0);
        // (the send it counted outlives the code)
        assert_eq!(user.forget_at(), Some(crate::throttle::LONGEST_WINDOW));
        let method = Method { id: "a".into(), data: app(), created_at: 1, last_used_at: None, suspended: false };
        user.apply(Op::AddMethod { method: Box::new(method) }, 1);
        assert_eq!(user.forget_at(), None);
        let mut owner = Ledger::default();
        owner.apply(Op::ClaimCredential { owner: "t/u/m".into() }, 0);
        assert_eq!(owner.forget_at(), None);
    }

    #[test]
    fn failures_block_and_clear() {
        let limit = Limit { max: 2, window: 100 };
        let mut l = Ledger::default();
        assert_eq!(l.apply(Op::RecordFailure { limit }, 0), Reply::Done);
        assert_eq!(l.apply(Op::RecordFailure { limit }, 1), Reply::Blocked { until: 100 });
        assert_eq!(l.apply(Op::CheckFailures { limit }, 50), Reply::Blocked { until: 100 });
        l.apply(Op::ClearFailures, 51);
        assert_eq!(l.apply(Op::CheckFailures { limit }, 52), Reply::Done);
        assert!(l.is_empty());
    }

    #[test]
    fn default_follows_adds_and_removals() {
        use crate::methods::fixtures::{app, email, phone};
        let mut l = Ledger::default();
        let def = |r: Reply| match r {
            Reply::Default { method_id } => method_id,
            other => panic!("{other:?}"),
        };
        let add = |id: &str, data, created_at| Op::AddMethod {
            method: Box::new(Method { id: id.into(), data, created_at, last_used_at: None, suspended: false }),
        };
        assert_eq!(def(l.apply(add("e", email(), 1), 0)), None, "an email is never the default");
        assert_eq!(def(l.apply(add("p", phone(), 2), 0)), Some("p".into()));
        assert_eq!(def(l.apply(add("a", app(), 3), 0)), Some("p".into()), "first stays");
        assert_eq!(def(l.apply(add("b", app(), 4), 0)), Some("p".into()));
        assert_eq!(l.apply(Op::SetDefault { method_id: "e".into() }, 0), Reply::NotCurrent, "not a second step");
        assert_eq!(l.apply(Op::SetDefault { method_id: "gone".into() }, 0), Reply::NotCurrent);
        assert_eq!(def(l.apply(Op::SetDefault { method_id: "a".into() }, 0)), Some("a".into()));
        assert_eq!(def(l.apply(Op::MethodRemoved { method_id: "p".into() }, 0)), Some("a".into()));
        // The default goes: the strongest left takes over (an app before the phone).
        assert_eq!(l.apply(add("p", phone(), 5), 0), Reply::Default { method_id: Some("a".into()) });
        assert_eq!(def(l.apply(Op::MethodRemoved { method_id: "a".into() }, 0)), Some("b".into()));
        assert_eq!(def(l.apply(Op::MethodRemoved { method_id: "b".into() }, 0)), Some("p".into()));
        assert_eq!(def(l.apply(Op::MethodRemoved { method_id: "p".into() }, 0)), None);
        let Reply::Methods { methods, default_method: None, .. } = l.apply(Op::Methods, 0) else { panic!() };
        assert_eq!(methods.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["e"]);
        assert_eq!(def(l.apply(Op::MethodRemoved { method_id: "e".into() }, 0)), None);
        assert!(l.is_empty());
    }

    #[test]
    fn updates_never_bring_back_a_deleted_method() {
        use crate::methods::fixtures::app;
        let mut l = Ledger::default();
        let method = Method { id: "a".into(), data: app(), created_at: 1, last_used_at: None, suspended: false };
        l.apply(Op::AddMethod { method: Box::new(method.clone()) }, 0);
        assert_eq!(l.apply(Op::MethodUsed { method_id: "a".into() }, 7), Reply::Done);
        let Reply::Methods { methods, .. } = l.apply(Op::Methods, 8) else { panic!() };
        assert_eq!(methods[0].last_used_at, Some(7));
        l.apply(Op::MethodRemoved { method_id: "a".into() }, 9);
        assert_eq!(l.apply(Op::MethodUsed { method_id: "a".into() }, 10), Reply::NotCurrent);
        assert_eq!(l.apply(Op::UpdateMethod { method: Box::new(method) }, 10), Reply::NotCurrent);
        assert!(l.is_empty());
    }

    #[test]
    fn authenticator_registration_tries_are_reserved() {
        let rng = Seeded::new(4);
        let ring = crate::sealing::Keyring::parse("k:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
            .unwrap();
        let sealed = ring.seal(b"s", "aad", &rng).unwrap();
        let mut l = Ledger::default();
        l.apply(Op::StartAuthenticator { pending: PendingAuthenticator::new("p".into(), sealed, 0) }, 0);
        for left in (0..crate::totp::REGISTRATION_TRIES).rev() {
            assert!(
                matches!(l.apply(Op::ReserveAuthenticator { id: "p".into() }, 1), Reply::Reserved { attempts_left, .. } if attempts_left == left)
            );
        }
        assert_eq!(
            l.apply(Op::ReserveAuthenticator { id: "p".into() }, 1),
            Reply::Failed { error: ChallengeError::Locked }
        );
        let consume = Op::ConsumeAuthenticator { id: "p".into(), method_id: "m".into(), step: 9 };
        assert_eq!(l.apply(consume.clone(), 2), Reply::Done);
        assert_eq!(l.apply(consume, 2), Reply::Failed { error: ChallengeError::NotFound }, "only once");
        l.apply(Op::ReserveSecondStep, 3);
        let replay = Op::SecondStepSucceeded { method_id: "m".into(), step: Some(9) };
        assert_eq!(l.apply(replay, 3), Reply::Refused { refusal: Refusal::Replayed });
    }

    #[test]
    fn wire_format_round_trips() {
        let op = Op::CheckFailures { limit: Limit { max: 1, window: 2 } };
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(json, r#"{"op":"check-failures","limit":{"max":1,"window":2}}"#);
        assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
    }

    #[test]
    fn ceremonies_are_handed_out_once_and_expire() {
        use crate::webauthn::{CeremonyPurpose, CEREMONY_TTL};
        let mut l = Ledger::default();
        let c = Ceremony::new("k".into(), &[1; 32], CeremonyPurpose::SignIn, 0);
        l.apply(Op::StartCeremony { ceremony: c.clone() }, 0);
        assert_eq!(l.apply(Op::TakeCeremony { id: "k".into() }, 1), Reply::Ceremony { ceremony: c.clone() });
        assert_eq!(l.apply(Op::TakeCeremony { id: "k".into() }, 2), Reply::Failed { error: ChallengeError::NotFound });
        l.apply(Op::StartCeremony { ceremony: c }, 0);
        let late = l.apply(Op::TakeCeremony { id: "k".into() }, CEREMONY_TTL);
        assert_eq!(late, Reply::Failed { error: ChallengeError::Expired });
    }

    #[test]
    fn key_counters_must_grow_and_credentials_have_one_owner() {
        let mut l = Ledger::default();
        let used = |l: &mut Ledger, counter| l.apply(Op::KeyCounter { method_id: "k".into(), counter }, 0);
        assert_eq!(used(&mut l, 5), Reply::Done);
        assert_eq!(used(&mut l, 6), Reply::Done);
        assert_eq!(used(&mut l, 6), Reply::CounterRegressed { stored: 6 });
        assert_eq!(used(&mut l, 2), Reply::CounterRegressed { stored: 6 });
        assert_eq!(used(&mut l, 7), Reply::Done, "a refused counter leaves the stored one");

        let mut cred = Ledger::default();
        let claim = |l: &mut Ledger, owner: &str| l.apply(Op::ClaimCredential { owner: owner.into() }, 0);
        assert_eq!(claim(&mut cred, "t/u1/m"), Reply::Done);
        assert_eq!(claim(&mut cred, "t/u1/m"), Reply::Done, "the same owner again");
        assert_eq!(claim(&mut cred, "t/u2/m"), Reply::Taken);
        cred.apply(Op::ReleaseCredential { owner: "t/u2/m".into() }, 0);
        assert_eq!(claim(&mut cred, "t/u2/m"), Reply::Taken, "only the owner releases");
        cred.apply(Op::ReleaseCredential { owner: "t/u1/m".into() }, 0);
        assert!(cred.is_empty());
        assert_eq!(claim(&mut cred, "t/u2/m"), Reply::Done);
    }

    #[test]
    fn the_user_handle_is_fixed_on_first_use() {
        let mut l = Ledger::default();
        assert_eq!(l.apply(Op::UserHandle { candidate: "a".into() }, 0), Reply::Handle { handle: "a".into() });
        assert_eq!(l.apply(Op::UserHandle { candidate: "b".into() }, 0), Reply::Handle { handle: "a".into() });
    }

    #[test]
    fn skipping_setup_is_bounded_by_days_and_count() {
        let mut l = Ledger::default();
        let (grace, max_skips) = (7 * crate::DAY, 2);
        let until = 1000 + grace;
        assert_eq!(l.apply(Op::SetupPrompted { grace, max_skips }, 1000), Reply::Grace { skip_until: Some(until) });
        assert_eq!(l.apply(Op::SkipSetup { grace, max_skips }, 2000), Reply::Done);
        assert_eq!(l.apply(Op::SetupPrompted { grace, max_skips }, 3000), Reply::Grace { skip_until: Some(until) });
        assert_eq!(l.apply(Op::SkipSetup { grace, max_skips }, 4000), Reply::Done);
        assert_eq!(l.apply(Op::SkipSetup { grace, max_skips }, 5000), Reply::Grace { skip_until: None }, "two skips");
        let mut late = Ledger::default();
        late.apply(Op::SetupPrompted { grace, max_skips }, 0);
        assert_eq!(late.apply(Op::SkipSetup { grace, max_skips }, grace), Reply::Grace { skip_until: None });
        let mut none = Ledger::default();
        assert_eq!(none.apply(Op::SetupPrompted { grace: 0, max_skips: 3 }, 0), Reply::Grace { skip_until: None });
    }

    #[test]
    fn app_passwords_are_capped_and_freed_by_deletion() {
        let mut l = Ledger::default();
        for i in 0..3 {
            assert_eq!(l.apply(Op::AddAppPassword { id: format!("p{i}"), max: 3 }, 0), Reply::Done);
        }
        assert_eq!(l.apply(Op::AddAppPassword { id: "p3".into(), max: 3 }, 0), Reply::LimitReached);
        l.apply(Op::MethodRemoved { method_id: "p1".into() }, 0);
        assert_eq!(l.apply(Op::AddAppPassword { id: "p3".into(), max: 3 }, 0), Reply::Done);
    }

    #[test]
    fn a_one_time_pass_signs_in_once_and_revoking_ends_it() {
        let mut l = Ledger::default();
        let ring = crate::sealing::Keyring::parse("k:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
            .unwrap();
        let (shown, pass) = crate::access_pass::issue(&crate::entropy::Seeded::new(2), &ring, true, 1_000);
        let digests = crate::access_pass::typed_digests(&ring, &shown).unwrap();
        assert_eq!(l.apply(Op::UsePass { digests: digests.clone() }, 0), Reply::NotCurrent);
        l.apply(Op::IssuePass { pass: pass.clone() }, 0);
        assert_eq!(
            l.apply(Op::UsePass { digests: digests.clone() }, 0),
            Reply::Pass { id: pass.id.clone(), expires_at: 1_000 }
        );
        assert_eq!(l.apply(Op::UsePass { digests }, 1), Reply::NotCurrent, "one-time");
        assert_eq!(l.apply(Op::CheckPass { id: pass.id.clone() }, 1), Reply::Done, "its session lives on");
        assert_eq!(l.apply(Op::CheckPass { id: pass.id.clone() }, 1_000), Reply::NotCurrent, "until it expires");
        l.apply(Op::RevokePass, 2);
        assert_eq!(l.apply(Op::CheckPass { id: pass.id }, 2), Reply::NotCurrent);
    }

    #[test]
    fn a_recovery_code_is_spent_once_and_only_from_the_current_set() {
        let mut l = Ledger::default();
        let spend = |set: &str, index| Op::SpendRecoveryCode { set: set.into(), index };
        assert_eq!(l.apply(spend("a", 0), 0), Reply::NotCurrent);
        l.apply(Op::IssueRecoveryCodes { set: "a".into() }, 0);
        assert_eq!(l.apply(spend("a", 3), 0), Reply::Spent { spent: 1 });
        assert_eq!(l.apply(spend("a", 3), 0), Reply::Refused { refusal: Refusal::Replayed });
        assert_eq!(l.apply(spend("a", 4), 0), Reply::Spent { spent: 2 });
        assert_eq!(
            l.apply(Op::Methods, 0),
            Reply::Methods { methods: vec![], default_method: None, recovery_spent: 2 }
        );
        // Regenerated: the old set's codes are worthless, the new set is whole.
        l.apply(Op::IssueRecoveryCodes { set: "b".into() }, 0);
        assert_eq!(l.apply(spend("a", 5), 0), Reply::NotCurrent);
        assert_eq!(l.apply(spend("b", 3), 0), Reply::Spent { spent: 1 });
        l.apply(Op::MethodRemoved { method_id: crate::recovery::METHOD_ID.into() }, 0);
        assert_eq!(l.apply(spend("b", 4), 0), Reply::NotCurrent);
        assert!(l.is_empty());
    }
}
