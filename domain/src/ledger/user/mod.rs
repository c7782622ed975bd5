//! A user's ledger: the registered methods and everything about them that must be
//! exact under concurrent edits from two devices (the default, the second-step
//! guard, key counters, recovery codes, the access pass), and what waits for the
//! user (codes, calls, authenticator set-ups, WebAuthn ceremonies).

mod credentials;
mod grants;
mod methods;
mod profile;
mod second_step;
mod sessions;

pub use grants::{CodeRefused, Grant, RefreshRefused, MAX_GRANTS};
pub use methods::MethodList;
pub use profile::{Field, UserChange};
pub use second_step::{AppStep, AppStepped, Missed, Proof, Renewal, TryLog, TryOutcome};
pub use sessions::{Found, Held, NoSession, MAX_SESSIONS};

use super::pending::Pending;
use super::{operations, Codes, HasCodes, HasSends, Lasting, NotCurrent};
use super::{AnswerCall, EndCall, RecordSend, ResendChallenge, StartCall, StartChallenge, TakeCall, VerifyChallenge};
use crate::access_pass::PassState;
use crate::code::ChallengeError;
use crate::methods::Method;
use crate::mfa::{Guard, Refusal};
use crate::session::{PassRef, SessionPolicy, SessionRecord};
use crate::throttle::Window;
use crate::totp::PendingAuthenticator;
use crate::webauthn::Ceremony;
use crate::Millis;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserLedger {
    /// The user's registered methods by id.
    #[serde(default)]
    methods: BTreeMap<String, Method>,
    /// The default sign-in method: a pointer that must always name a method the
    /// user still has, so it changes only here, atomically.
    #[serde(default)]
    default_method: Option<String>,
    #[serde(default)]
    guard: Guard,
    #[serde(default)]
    codes: Codes,
    #[serde(default)]
    authenticators: Pending<PendingAuthenticator>,
    /// WebAuthn challenges waiting for the browser's response.
    #[serde(default)]
    ceremonies: Pending<Ceremony>,
    /// The user's WebAuthn user handle: random, fixed on first use.
    #[serde(default)]
    user_handle: Option<String>,
    /// Last signature counter per security key, to spot cloned keys.
    #[serde(default)]
    key_counters: BTreeMap<String, u32>,
    /// When the user was first asked to set up what the tenant requires.
    #[serde(default)]
    setup_prompted_at: Option<Millis>,
    #[serde(default)]
    setup_skips: u8,
    /// The sessions that skipped (the newest few): a session's second skip
    /// (a double click, a retried request) spends nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    skipped_by: Vec<String>,
    /// The user's app passwords, counted exactly for the per-user cap.
    #[serde(default)]
    app_passwords: BTreeSet<String>,
    /// The current set of recovery codes and which of its codes are spent.
    #[serde(default)]
    recovery_set: Option<String>,
    #[serde(default)]
    recovery_spent: BTreeSet<u8>,
    /// The user's Temporary Access Pass (one at a time).
    #[serde(default)]
    access_pass: Option<PassState>,
    /// Codes and tokens the user's apps hold (OpenID Connect), oldest first.
    #[serde(default)]
    grants: Vec<Grant>,
    /// The user's record as last changed ([`UserChange`]); KV holds a copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    profile: Option<Box<crate::tenant::User>>,
    /// The user's sessions by the digest of their token's secret.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    sessions: BTreeMap<String, Held>,
    /// Journal entries an operation made, for the object to append with its write;
    /// never stored with the ledger.
    #[serde(skip)]
    appended: Vec<super::Appended>,
}

/// The key signed with a counter that did not grow: it may have been copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterRegressed {
    pub stored: u32,
}

/// A per-user cap is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitReached;

/// Why a recovery code was not spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotSpent {
    /// Its set was replaced, or there is none.
    NotCurrent,
    Replayed,
}

operations! {
    UserLedger = "user" as User, UserOp, shared [StartChallenge, ResendChallenge, VerifyChallenge, StartCall, AnswerCall, TakeCall, EndCall, RecordSend];
    /// The methods, the default and the number of spent recovery codes.
    Methods {} -> MethodList = list;
    /// Registers a method, or replaces the one with its id (kinds held once share
    /// an id); a second-step method becomes the default if there is none. The default.
    AddMethod { method: Box<Method> } -> Option<String> = add_method;
    /// Writes back a changed method, unless it was deleted meanwhile.
    UpdateMethod { method: Box<Method> } -> Result<(), NotCurrent> = update_method;
    /// "This wasn't me": methods added since `since` are suspended (kept, unusable).
    SuspendSince { since: Millis } -> Option<String> = suspend_since;
    /// The user keeps a suspended method: usable again.
    KeepMethod { method_id: String } -> Result<(), NotCurrent> = keep_method;
    /// The method served a sign-in just now (nothing if it is gone).
    MethodUsed { method_id: String } -> () = method_used;
    /// Deletes a method; a default pointing at it moves to the strongest one left.
    MethodRemoved { method_id: String } -> Option<String> = remove_method;
    GetDefault {} -> Option<String> = default_method;
    /// Only a second-step method the user still has: a delete from another device
    /// may have come first.
    SetDefault { method_id: String } -> Result<(), NotCurrent> = set_default;
    StartAuthenticator { pending: PendingAuthenticator } -> () = start_authenticator;
    /// Takes a try of a pending authenticator and hands out its sealed secret, with
    /// the tries left.
    ReserveAuthenticator { id: String } -> Result<(PendingAuthenticator, u32), ChallengeError> = reserve_authenticator;
    /// The app showed the right code for `step`: the registration is done.
    ConsumeAuthenticator { id: String, method_id: String, step: u64 } -> Result<(), ChallengeError> = consume_authenticator;
    /// Takes a second-step try (exact limits, growing delays, lock).
    ReserveSecondStep {} -> Result<(), Refusal> = reserve_second_step;
    /// The reserved second step was right; `step` for TOTP replay protection.
    SecondStepSucceeded { method_id: String, step: Option<u64> } -> Result<(), Refusal> = second_step_succeeded;
    /// A second-step try with the code checked by the caller, in one call (see
    /// `second_step.rs`).
    TrySecondStep { method_id: String, proof: Proof, renew: Box<Renewal>, log: Box<TryLog> } -> TryOutcome = try_second_step;
    /// A TOTP step proven outside sign-in (password reset): accepted once, and the
    /// sign-in counters are left alone.
    SpendStep { method_id: String, step: u64 } -> Result<(), Refusal> = spend_step;
    /// An administrator lifts the second-step lock and clears its failures.
    UnlockSecondStep {} -> () = unlock_second_step;
    /// The user handle, set to `candidate` if there is none yet.
    UserHandle { candidate: String } -> String = user_handle;
    StartCeremony { ceremony: Ceremony } -> () = start_ceremony;
    /// Hands out a ceremony once: a WebAuthn challenge is never accepted twice.
    TakeCeremony { id: String } -> Result<Ceremony, ChallengeError> = take_ceremony;
    /// A key signed with this counter: refused (and left as is) unless it grew.
    KeyCounter { method_id: String, counter: u32 } -> Result<(), CounterRegressed> = key_counter;
    /// The setup prompt is shown: remembers the first time, for the grace period.
    /// Until when "Skip for now" is offered, if at all.
    SetupPrompted { grace: Millis, max_skips: u8 } -> Option<Millis> = setup_prompted;
    /// "Skip for now", if the grace period and the number of skips allow it.
    /// "Skip for now" in the session `session` (its public id): once per session.
    SkipSetup { grace: Millis, max_skips: u8, session: String } -> bool = skip_setup;
    /// Counts a new app password if the user holds fewer than `max`.
    AddAppPassword { id: String, max: usize } -> Result<(), LimitReached> = add_app_password;
    /// A new set of recovery codes replaces the old one (all unspent).
    IssueRecoveryCodes { set: String } -> () = issue_recovery_codes;
    /// Spends code `index` of `set`, once: how many of the set are spent.
    SpendRecoveryCode { set: String, index: u8 } -> Result<u8, NotSpent> = spend_recovery_code;
    /// A new pass replaces any earlier one.
    IssuePass { pass: PassState } -> () = issue_pass;
    RevokePass {} -> () = revoke_pass;
    /// Signs in with the pass of these digests (one per key of the ring); a
    /// one-time pass only once.
    UsePass { digests: Vec<String> } -> Option<PassRef> = use_pass;
    /// Is the pass `id` (behind a session) still valid?
    CheckPass { id: String } -> bool = check_pass;
    /// An app's authorization code, waiting for its one redemption.
    IssueCode { grant: Box<Grant> } -> () = issue_code;
    /// Redeems a code once, for the client, redirect address and PKCE challenge it
    /// was issued for; its tokens (the first refresh token `refresh`) then last
    /// `until`. A second redemption revokes them.
    RedeemCode { code: String, client_id: String, redirect_uri: String, challenge: String, refresh: String, until: Millis }
        -> Result<Box<Grant>, CodeRefused> = redeem_code;
    /// Exchanges refresh token `old` of `client_id` for `new`, once; the grant then
    /// lasts `idle` more, at most `max` after the sign-in. A used token shown again
    /// revokes its whole family.
    RotateRefresh { client_id: String, old: String, new: String, idle: Millis, max: Millis }
        -> Result<Box<Grant>, RefreshRefused> = rotate_refresh;
    /// Whether the tokens of grant `id` still hold.
    GrantLive { id: String } -> bool = grant_live;
    /// The grants whose tokens hold (connected apps).
    LiveGrants {} -> Vec<Grant> = live_grants;
    /// Signs the user out of an app: its grants end. How many did.
    RevokeApp { client_id: String } -> usize = revoke_app;
    /// The whole ledger, unchanged: what moves when a user's id does.
    Export {} -> Box<UserLedger> = export;
    /// Replaces this ledger with `ledger` (a user's new id, before anything points
    /// at it).
    Import { ledger: Box<UserLedger> } -> () = import;
    /// Forgets everything (the user is deleted, or moved to a new id).
    Clear {} -> () = clear;
    /// Applies a change to the user's record (`seed`: the copy the caller read,
    /// the base if newer than this ledger's); the record after it.
    ChangeUser { seed: Box<crate::tenant::User>, change: UserChange } -> Box<crate::tenant::User> = change_user;
    /// The record as last changed here, if ever.
    Profile {} -> Option<Box<crate::tenant::User>> = profile_version;
    /// Every app's grants end (signed out everywhere, turned off). How many did.
    RevokeGrants {} -> usize = revoke_grants;
    /// A new session (`seed`: the user's record as read at sign-in, kept here if newer).
    OpenSession { digest: String, session: Box<SessionRecord>, policy: SessionPolicy, seed: Box<crate::tenant::User> }
        -> () = open_session;
    /// The live session under `digest` with the user's record and methods: what
    /// a signed-in request needs, in one call.
    Authenticate { digest: String, policy: SessionPolicy } -> Result<Found, NoSession> = authenticate;
    SaveSession { digest: String, session: Box<SessionRecord>, policy: SessionPolicy } -> Result<(), NoSession> = save_session;
    RenewSession { old: String, new: String, session: Box<SessionRecord>, policy: SessionPolicy }
        -> Result<(), NoSession> = renew_session;
    EndSession { digest: String } -> () = end_session;
    /// Ends the session with this public id; whether there was one.
    EndSessionById { id: String } -> bool = end_session_by_id;
    /// The live sessions, most recently used first ("Devices").
    LiveSessions { policy: SessionPolicy } -> Vec<SessionRecord> = live_sessions;
}

impl UserLedger {
    fn export(&mut self, _now: Millis) -> Box<UserLedger> {
        Box::new(self.clone())
    }

    #[allow(clippy::boxed_local)]
    fn import(&mut self, ledger: Box<UserLedger>, _now: Millis) {
        *self = *ledger;
    }

    fn clear(&mut self, _now: Millis) {
        *self = UserLedger::default();
    }

    /// The security keys' credential ids, for whatever follows the user's id.
    pub fn credential_ids(&self) -> impl Iterator<Item = (&str, &str)> {
        self.methods.values().filter_map(|m| match &m.data {
            crate::methods::MethodData::SecurityKey { credential, .. } => Some((m.id.as_str(), credential.id.as_str())),
            _ => None,
        })
    }

    fn lasting(&self) -> bool {
        !self.guard.is_empty()
            || self.default_method.is_some()
            || self.user_handle.is_some()
            || !self.key_counters.is_empty()
            || self.setup_prompted_at.is_some()
            || !self.app_passwords.is_empty()
            || self.recovery_set.is_some()
            || self.access_pass.is_some()
            || self.profile.is_some()
            || !self.methods.is_empty()
    }
}

impl HasSends for UserLedger {
    fn sends(&mut self) -> &mut Window {
        &mut self.codes.sends
    }
}

impl HasCodes for UserLedger {
    fn codes(&mut self) -> &mut Codes {
        &mut self.codes
    }
}

impl Lasting for UserLedger {
    fn prune(&mut self, now: Millis) {
        self.codes.prune(now);
        self.authenticators.prune(now);
        self.ceremonies.prune(now);
        self.prune_grants(now);
        self.prune_sessions(now);
    }

    /// A user's ledger lasts while it holds anything lasting; pending codes and
    /// the sends they counted run out.
    fn forget_at(&self) -> Option<Millis> {
        if self.lasting() {
            return None;
        }
        [
            self.codes.forget_at(),
            self.authenticators.forget_at(),
            self.ceremonies.forget_at(),
            self.grants_forget_at(),
            self.sessions_forget_at(),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    fn is_empty(&self) -> bool {
        !self.lasting()
            && self.codes.is_empty()
            && self.authenticators.is_empty()
            && self.ceremonies.is_empty()
            && self.grants.is_empty()
            && self.sessions.is_empty()
    }
}

#[cfg(test)]
mod tests;
