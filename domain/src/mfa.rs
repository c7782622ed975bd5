//! The second sign-in step: which methods can serve, which one is the default,
//! and the guard against guessing (NIST SP 800-63B): at most 10 failures per account
//! per 15 minutes, growing delays after the third failure in a row, and a lock for
//! 24 hours after 100 consecutive failures (an administrator can lift it sooner).
//! Only someone who knows the password reaches it: unauthenticated flows (password
//! reset) count their tries elsewhere. Accepted TOTP steps are remembered per
//! method so a code is never accepted twice. All of it lives in the user's ledger
//! (exact under concurrency).

use crate::throttle::{Limit, Window};
use crate::{Millis, HOUR, MINUTE, SECOND};
use api::MethodKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FAILURES: Limit = Limit { max: 10, window: 15 * MINUTE };
pub const LOCK_AFTER: u32 = 100;
/// How long the lock lasts from the last failure.
pub const LOCK_FOR: Millis = 24 * HOUR;
/// Delays start after this many failures in a row and double each time.
const FREE_FAILURES: u32 = 3;
const MAX_DELAY: Millis = MINUTE;

/// Order for choosing a new default: most secure first.
pub fn strength(kind: MethodKind) -> u8 {
    match kind {
        MethodKind::SecurityKey => 4,
        MethodKind::AuthenticatorApp => 3,
        MethodKind::Phone => 2,
        MethodKind::AlternatePhone => 1,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "refusal", rename_all = "kebab-case")]
pub enum Refusal {
    /// Wait until then (window full or growing delay).
    Wait { until: Millis },
    /// Too many consecutive failures: locked until then, or an administrator unlocks.
    Locked { until: Millis },
    /// This code's time step was already used.
    Replayed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guard {
    #[serde(default)]
    failures: Window,
    #[serde(default)]
    consecutive: u32,
    #[serde(default)]
    last_failure_at: Millis,
    /// Last accepted TOTP step per method id.
    #[serde(default)]
    accepted: BTreeMap<String, u64>,
}

impl Guard {
    fn delay(&self) -> Millis {
        if self.consecutive < FREE_FAILURES {
            return 0;
        }
        let exp = (self.consecutive - FREE_FAILURES).min(16);
        (SECOND << exp).min(MAX_DELAY)
    }

    /// Takes one try before the code is checked, so parallel guesses can never
    /// exceed the limits. A success must then call [`Guard::succeeded`].
    pub fn reserve(&mut self, now: Millis) -> Result<(), Refusal> {
        if let Some(refusal) = self.refusal(now) {
            return Err(refusal);
        }
        if self.consecutive >= LOCK_AFTER {
            // The lock has run out: a fresh start, as an administrator's unlock.
            self.unlock();
        }
        self.failures.record(FAILURES, now);
        // Counted as a failure until proven otherwise.
        self.consecutive += 1;
        self.last_failure_at = now;
        Ok(())
    }

    /// Why a try now would not be taken, if it would not; takes none (it only
    /// forgets failures that left the window).
    pub fn refusal(&mut self, now: Millis) -> Option<Refusal> {
        if self.consecutive >= LOCK_AFTER {
            let until = self.last_failure_at + LOCK_FOR;
            // Once the lock has run out, a try is a fresh start.
            return (now < until).then_some(Refusal::Locked { until });
        }
        let delayed = self.last_failure_at + self.delay();
        if self.consecutive > 0 && now < delayed {
            return Some(Refusal::Wait { until: delayed });
        }
        self.failures.blocked_until(FAILURES, now).map(|until| Refusal::Wait { until })
    }

    /// The reserved try was right: accept `step` for `method` unless already used.
    pub fn succeeded(&mut self, method: &str, step: Option<u64>) -> Result<(), Refusal> {
        if let Some(step) = step {
            self.spend_step(method, step)?;
        }
        self.unlock();
        Ok(())
    }

    /// Accepts a TOTP `step` of `method` once, leaving the sign-in counters alone
    /// (a password reset proves the app without touching them).
    pub fn spend_step(&mut self, method: &str, step: u64) -> Result<(), Refusal> {
        if self.accepted.get(method).is_some_and(|last| step <= *last) {
            return Err(Refusal::Replayed);
        }
        self.accepted.insert(method.to_string(), step);
        Ok(())
    }

    /// Clears failures, delays and the lock (an administrator, or the lock ran out).
    pub fn unlock(&mut self) {
        self.consecutive = 0;
        self.failures.clear();
    }

    pub fn locked(&self, now: Millis) -> bool {
        self.consecutive >= LOCK_AFTER && now < self.last_failure_at + LOCK_FOR
    }

    /// Until when the second step is locked, if it is.
    pub fn locked_until(&self, now: Millis) -> Option<Millis> {
        self.locked(now).then_some(self.last_failure_at + LOCK_FOR)
    }

    /// Remembers a step accepted outside sign-in (at registration).
    pub fn accept_step(&mut self, method: &str, step: u64) {
        let last = self.accepted.entry(method.to_string()).or_insert(step);
        *last = (*last).max(step);
    }

    pub fn forget(&mut self, method: &str) {
        self.accepted.remove(method);
    }

    pub fn is_empty(&self) -> bool {
        self.failures.is_empty() && self.consecutive == 0 && self.accepted.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_per_window_then_wait() {
        let mut g = Guard::default();
        let mut now = 0;
        for _ in 0..FAILURES.max {
            g.reserve(now).unwrap();
            now += MAX_DELAY; // past any growing delay
        }
        assert!(matches!(g.reserve(now), Err(Refusal::Wait { .. })));
    }

    #[test]
    fn delays_grow_after_three_failures_in_a_row() {
        let mut g = Guard::default();
        for _ in 0..3 {
            g.reserve(0).unwrap();
        }
        assert_eq!(g.reserve(0), Err(Refusal::Wait { until: SECOND }));
        g.reserve(SECOND).unwrap();
        assert_eq!(g.reserve(SECOND), Err(Refusal::Wait { until: 3 * SECOND }));
    }

    #[test]
    fn success_resets_and_replay_is_refused() {
        let mut g = Guard::default();
        g.reserve(0).unwrap();
        g.succeeded("m", Some(7)).unwrap();
        assert_eq!(g.consecutive, 0);
        g.reserve(1).unwrap();
        assert_eq!(g.succeeded("m", Some(7)), Err(Refusal::Replayed));
        g.reserve(MAX_DELAY).unwrap();
        assert_eq!(g.succeeded("m", Some(8)), Ok(()));
        g.accept_step("n", 10);
        g.reserve(2 * MAX_DELAY).unwrap();
        assert_eq!(g.succeeded("n", Some(10)), Err(Refusal::Replayed));
    }

    #[test]
    fn locks_after_a_hundred_consecutive_failures() {
        let mut g = Guard::default();
        let mut now = 0;
        let mut failures = 0;
        while failures < LOCK_AFTER {
            match g.reserve(now) {
                Ok(()) => failures += 1,
                Err(Refusal::Wait { until }) => now = until,
                Err(e) => panic!("{e:?}"),
            }
        }
        let until = now + LOCK_FOR;
        assert_eq!(g.reserve(now + 23 * HOUR), Err(Refusal::Locked { until }));
        assert!(g.locked(now + 23 * HOUR));
        // The lock runs out after 24 hours: tries count from zero again.
        assert_eq!(g.reserve(until), Ok(()));
        assert_eq!(g.consecutive, 1);
    }

    #[test]
    fn an_unlock_lifts_the_lock_at_once() {
        let mut g = Guard { consecutive: LOCK_AFTER, last_failure_at: 5, ..Guard::default() };
        assert_eq!(g.reserve(6), Err(Refusal::Locked { until: 5 + LOCK_FOR }));
        g.unlock();
        assert!(!g.locked(6));
        assert_eq!(g.reserve(6), Ok(()));
    }

    #[test]
    fn spending_a_step_leaves_the_counters_alone() {
        let mut g = Guard::default();
        g.reserve(0).unwrap();
        assert_eq!(g.spend_step("m", 4), Ok(()));
        assert_eq!(g.spend_step("m", 4), Err(Refusal::Replayed));
        assert_eq!(g.consecutive, 1, "a reset's success does not clear sign-in failures");
    }

    #[test]
    fn strongest_first() {
        assert!(strength(MethodKind::SecurityKey) > strength(MethodKind::AuthenticatorApp));
        assert!(strength(MethodKind::AuthenticatorApp) > strength(MethodKind::Phone));
        assert_eq!(strength(MethodKind::Email), 0);
    }
}
