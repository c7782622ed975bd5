//! A second-step try in one call: the try taken (limits, delays, lock), its
//! outcome kept, the session renewed and the activity logged, together. The
//! caller checks the code against the method first (it holds the keys that open
//! the method's secret); the ledger decides whether the try counts at all.

use super::{Found, Held, UserLedger};
use crate::activity::Origin;
use crate::code::OneTimeCode;
use crate::ledger::Appended;
use crate::methods::MethodData;
use crate::mfa::Refusal;
use crate::sealing::Keyring;
use crate::session::{Amr, SecondStep, SessionPolicy, SessionRecord};
use crate::totp::TotpSecret;
use crate::Millis;
use api::{Activity, MethodKind};
use serde::{Deserialize, Serialize};

/// What the caller found when it checked the code against the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Proof {
    /// The authenticator app's code of this TOTP step.
    Step(u64),
    /// A wrong code.
    Wrong,
}

/// The session once the try passed: its record (the step passed) under a new
/// digest, the old one ending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renewal {
    pub old: String,
    pub new: String,
    pub session: SessionRecord,
    pub policy: SessionPolicy,
}

/// The try's activity entry, made here once the outcome is known, from what the
/// caller saw (time, place, device): one request carries one origin, not an entry
/// for each outcome, and a refused try makes none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TryLog {
    pub method: MethodKind,
    pub origin: Origin,
    /// The entry's key suffix (random) and until when it is kept.
    pub suffix: String,
    pub until: Millis,
}

impl TryLog {
    /// The entry of a try that passed or was wrong; `None` if it cannot be made
    /// (a lost log line never fails the try).
    fn appended(self, passed: bool) -> Option<Appended> {
        let method = self.method;
        let activity = match passed {
            true => Activity::SecondStepPassed { method },
            false => Activity::SecondStepFailed { method: Some(method) },
        };
        let entry = self.origin.entry(activity);
        let json = serde_json::to_string(&entry).ok()?;
        Some(Appended::new(entry.at, &self.suffix, self.until, json))
    }
}

/// How a try that did not pass ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Missed {
    /// Wrong: counted as a failure.
    Wrong,
    /// Not taken (wait, locked), or a step used before (counted as a failure).
    Refused(Refusal),
    /// The session ended meanwhile: nothing counted.
    NoSession,
}

/// How a try ended: passed (the session lives on under the new digest) or missed.
pub type TryOutcome = Result<(), Missed>;

// The operation holds its parts boxed, so `UserOp` stays small.
#[allow(clippy::boxed_local)]
impl UserLedger {
    pub(super) fn try_second_step(
        &mut self,
        method_id: String,
        proof: Proof,
        renew: Box<Renewal>,
        log: Box<TryLog>,
        now: Millis,
    ) -> TryOutcome {
        if !self.sessions.contains_key(&renew.old) {
            return Err(Missed::NoSession);
        }
        self.guard.reserve(now).map_err(Missed::Refused)?;
        let Proof::Step(step) = proof else {
            self.appended.extend(log.appended(false));
            return Err(Missed::Wrong);
        };
        self.guard.succeeded(&method_id, Some(step)).map_err(Missed::Refused)?;
        self.method_used(method_id, now);
        let Renewal { old, new, session, policy } = *renew;
        self.sessions.remove(&old);
        self.sessions.insert(new, Held { until: session.until(policy), session });
        self.appended.extend(log.appended(true));
        Ok(())
    }

    /// The journal entries operations made since the last call.
    pub(crate) fn take_appended(&mut self) -> Vec<Appended> {
        std::mem::take(&mut self.appended)
    }
}

/// The second step with an authenticator app's code in one call, the session check
/// included: the checks the router makes of a session, the method, its secret
/// opened with the object's own keys (no key travels with a request), the code,
/// then the try as [`UserLedger::try_second_step`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppStep {
    /// The session's digest, and how long sessions live.
    pub digest: String,
    pub sessions: SessionPolicy,
    /// The CSRF token the request sent.
    pub csrf: String,
    /// The tenant: with the user's and the method's ids, the secret's sealing context.
    pub tenant: String,
    pub method_id: String,
    /// The code as typed.
    pub code: String,
    /// Whether the organization allows authenticator apps now.
    pub allowed: bool,
    /// The session's digest from here on, if the try passes.
    pub new: String,
    pub log: TryLog,
}

/// What the one call decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppStepped {
    /// Not a request this call decides (no live session, a pass session, setup
    /// due, another CSRF token, another kind of method…): it goes the usual way,
    /// which says why. Nothing was counted.
    Usual,
    /// The code was right: the renewed session, with the user's record and
    /// methods as they are now.
    Passed(Box<Found>),
    /// The try did not pass; nothing else travels back (the request ends here).
    Missed(Missed),
}

impl UserLedger {
    pub fn app_second_step(&mut self, step: AppStep, keys: Option<&Keyring>, now: Millis) -> AppStepped {
        let Ok(session) = self.live_session(&step.digest, step.sessions, now) else { return AppStepped::Usual };
        if session.access_pass.is_some() || session.setup_due || session.csrf_token != step.csrf {
            return AppStepped::Usual;
        }
        let Some(method) = self.methods.get(&step.method_id).filter(|m| !m.suspended && step.allowed) else {
            return AppStepped::Usual;
        };
        let MethodData::AuthenticatorApp { secret, .. } = &method.data else { return AppStepped::Usual };
        // A try that would not be taken ends here: its secret stays sealed.
        if let Some(refusal) = self.guard.refusal(now) {
            return AppStepped::Missed(Missed::Refused(refusal));
        }
        let aad = crate::keys::method(&step.tenant, &session.user_id, &step.method_id);
        let opened = keys.and_then(|k| k.open(secret, &aad)).and_then(|b| TotpSecret::from_bytes(&b));
        let (Some(secret), Some(code)) = (opened, OneTimeCode::parse(&step.code)) else { return AppStepped::Usual };
        let proof = secret.check(&code, now).map_or(Proof::Wrong, Proof::Step);
        let mut passed = session;
        passed.second_step = SecondStep::Passed { at: now };
        if !passed.amr.contains(&Amr::Otp) {
            passed.amr.push(Amr::Otp);
        }
        let renew = Renewal { old: step.digest, new: step.new, session: passed.clone(), policy: step.sessions };
        match self.try_second_step(step.method_id, proof, Box::new(renew), Box::new(step.log), now) {
            Err(missed) => AppStepped::Missed(missed),
            // The method's last use and the guard changed: the list as it is now.
            Ok(()) => AppStepped::Passed(Box::new(Found {
                session: passed,
                profile: self.profile.clone(),
                methods: self.list(now),
            })),
        }
    }
}
