//! A throttle's ledger: failures and sends counted in windows, and ids spent once,
//! for one sign-in name, client address, phone number, tenant, or reset budget;
//! also one "This wasn't me" link or one passkey ceremony, spent once.

use super::{operations, Blocked, HasSends, Lasting, RecordSend, Replayed};
use crate::throttle::{Limit, Window};
use crate::Millis;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottleLedger {
    #[serde(default)]
    failures: Window,
    #[serde(default)]
    sends: Window,
    /// Single-use ids spent here, with when they may be forgotten.
    #[serde(default)]
    spent: Vec<(String, Millis)>,
}

operations! {
    ThrottleLedger = "throttle" as Throttle, ThrottleOp, shared [RecordSend];
    /// Is a sign-in allowed now?
    CheckFailures { limit: Limit } -> Result<(), Blocked> = check_failures;
    RecordFailure { limit: Limit } -> () = record_failure;
    ClearFailures {} -> () = clear_failures;
    /// Is a sign-in allowed now, under growing delays rather than a block?
    CheckDelay { limit: Limit, cap: Millis } -> Result<(), Blocked> = check_delay;
    /// A failure counted for [`CheckDelay`].
    RecordDelayedFailure { limit: Limit } -> () = record_delayed_failure;
    /// Takes one try from this ledger's failure budget, if it has one left (a
    /// password reset's tries per name).
    ReserveTry { limit: Limit } -> Result<(), Blocked> = reserve_try;
    /// Spends `id` (a solved proof of work, a followed link, a passkey ceremony)
    /// once; it is forgotten after `until`, when it would be refused as expired anyway.
    SpendOnce { id: String, until: Millis } -> Result<(), Replayed> = spend_once;
    /// Was `id` spent here (a queued message already delivered)?
    WasSpent { id: String } -> bool = was_spent;
}

impl ThrottleLedger {
    fn check_failures(&mut self, limit: Limit, now: Millis) -> Result<(), Blocked> {
        Blocked::check(self.failures.blocked_until(limit, now))
    }

    fn record_failure(&mut self, limit: Limit, now: Millis) {
        self.failures.record(limit, now);
    }

    fn clear_failures(&mut self, _now: Millis) {
        self.failures.clear();
    }

    fn check_delay(&mut self, limit: Limit, cap: Millis, now: Millis) -> Result<(), Blocked> {
        Blocked::check(self.failures.delayed_until(limit, cap, now))
    }

    fn record_delayed_failure(&mut self, limit: Limit, now: Millis) {
        self.failures.record_delayed(limit, now);
    }

    fn reserve_try(&mut self, limit: Limit, now: Millis) -> Result<(), Blocked> {
        self.failures.try_record(limit, now).map_err(|until| Blocked { until })
    }

    fn was_spent(&mut self, id: String, now: Millis) -> bool {
        self.spent.iter().any(|(spent, expires)| *spent == id && *expires > now)
    }

    fn spend_once(&mut self, id: String, until: Millis, now: Millis) -> Result<(), Replayed> {
        self.spent.retain(|(_, expires)| *expires > now);
        if self.spent.iter().any(|(spent, _)| *spent == id) {
            return Err(Replayed);
        }
        self.spent.push((id, until));
        Ok(())
    }
}

impl HasSends for ThrottleLedger {
    fn sends(&mut self) -> &mut Window {
        &mut self.sends
    }
}

impl Lasting for ThrottleLedger {
    /// Everything here runs out: once it has left every window.
    fn forget_at(&self) -> Option<Millis> {
        let spent = self.spent.iter().map(|(_, until)| *until);
        [self.failures.forget_at(), self.sends.forget_at()].into_iter().flatten().chain(spent).max()
    }

    fn is_empty(&self) -> bool {
        self.failures.is_empty() && self.sends.is_empty() && self.spent.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{apply, Stored};
    use super::*;

    #[test]
    fn failures_block_and_clear() {
        let limit = Limit { max: 2, window: 100 };
        let mut l = None;
        apply(&mut l, RecordFailure { limit }, 0).unwrap();
        assert_eq!(apply(&mut l, CheckFailures { limit }, 0).unwrap(), Ok(()));
        apply(&mut l, RecordFailure { limit }, 1).unwrap();
        assert_eq!(apply(&mut l, CheckFailures { limit }, 50).unwrap(), Err(Blocked { until: 100 }));
        apply(&mut l, ClearFailures {}, 51).unwrap();
        assert_eq!(apply(&mut l, CheckFailures { limit }, 52).unwrap(), Ok(()));
        assert!(l.is_some_and(|l| l.is_empty()));
    }

    #[test]
    fn one_time_ids_and_windows_are_forgotten_when_they_run_out() {
        // A passkey ceremony or a link: spent once, forgotten when it runs out.
        let mut once = None;
        assert_eq!(apply(&mut once, SpendOnce { id: "k".into(), until: 500 }, 10).unwrap(), Ok(()));
        assert_eq!(once.as_ref().and_then(Stored::forget_at), Some(500));
        assert_eq!(apply(&mut once, SpendOnce { id: "k".into(), until: 500 }, 20).unwrap(), Err(Replayed));
        // A client address's failures: once they have left every window.
        let mut address = None;
        apply(&mut address, RecordFailure { limit: crate::throttle::IP_FAILURES }, 7).unwrap();
        assert_eq!(
            apply::<ThrottleLedger, _>(&mut address, RecordSend { limit: crate::throttle::IP_SENDS }, 9).unwrap(),
            Ok(())
        );
        assert_eq!(address.as_ref().and_then(Stored::forget_at), Some(9 + crate::throttle::LONGEST_WINDOW));
    }
}
