//! A second-step try in one call: the try taken (limits, delays, lock), its
//! outcome kept, the session renewed and the activity logged, together. The
//! caller checks the code against the method first (it holds the keys that open
//! the method's secret); the ledger decides whether the try counts at all.

use super::{Held, UserLedger};
use crate::ledger::Appended;
use crate::mfa::Refusal;
use crate::session::{SessionPolicy, SessionRecord};
use crate::Millis;
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

/// The activity entry of either outcome, made by the caller (time, place, device).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TryLog {
    pub passed: Appended,
    pub failed: Appended,
}

/// How a try ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TryOutcome {
    /// Right: the session lives on under the new digest.
    Passed,
    /// Wrong: counted as a failure.
    Wrong,
    /// Not taken (wait, locked), or a step used before (counted as a failure).
    Refused(Refusal),
    /// The session ended meanwhile: nothing counted.
    NoSession,
}

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
            return TryOutcome::NoSession;
        }
        if let Err(refusal) = self.guard.reserve(now) {
            return TryOutcome::Refused(refusal);
        }
        let Proof::Step(step) = proof else {
            self.appended.push(log.failed);
            return TryOutcome::Wrong;
        };
        if let Err(refusal) = self.guard.succeeded(&method_id, Some(step)) {
            return TryOutcome::Refused(refusal);
        }
        self.method_used(method_id, now);
        let Renewal { old, new, session, policy } = *renew;
        self.sessions.remove(&old);
        self.sessions.insert(new, Held { until: session.until(policy), session });
        self.appended.push(log.passed);
        TryOutcome::Passed
    }

    /// The journal entries operations made since the last call.
    pub(crate) fn take_appended(&mut self) -> Vec<Appended> {
        std::mem::take(&mut self.appended)
    }
}
