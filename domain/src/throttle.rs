//! Sliding-window throttles for sign-in failures and code requests. Their state lives
//! in a Durable Object ledger, so counts are exact under concurrent requests.

use crate::{Millis, HOUR, MINUTE};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit {
    pub max: u32,
    pub window: Millis,
}

/// Wrong passwords for one sign-in name.
pub const ACCOUNT_FAILURES: Limit = Limit { max: 5, window: 15 * MINUTE };
/// Wrong passwords from one client address, across all names.
pub const IP_FAILURES: Limit = Limit { max: 30, window: 15 * MINUTE };
/// Verification codes a user may request (starts and resends).
pub const CODE_SENDS: Limit = Limit { max: 10, window: HOUR };
/// Texts and calls to one phone number, whoever asks.
pub const PHONE_SENDS: Limit = Limit { max: 5, window: HOUR };
/// Texts and calls requested from one client address.
pub const IP_SENDS: Limit = Limit { max: 20, window: HOUR };
/// Texts and calls per tenant per day: a ceiling on what SMS pumping can cost.
pub const TENANT_SENDS: Limit = Limit { max: 1000, window: 24 * HOUR };
/// Password resets started for one sign-in name (known or not).
pub const RESETS: Limit = Limit { max: 10, window: HOUR };
/// Tries at proving a method in password resets for one sign-in name (each reset
/// also has its own few, `reset::TRIES`). Never the user's sign-in counters.
pub const RESET_TRIES: Limit = Limit { max: 20, window: HOUR };
/// Codes and calls that password resets for one sign-in name may send: their own
/// budget, apart from the user's sign-in codes.
pub const RESET_SENDS: Limit = Limit { max: 5, window: HOUR };
/// Password resets started from one client address.
pub const IP_RESETS: Limit = Limit { max: 30, window: HOUR };

/// Event times inside the window, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window(Vec<Millis>);

impl Window {
    fn prune(&mut self, limit: Limit, now: Millis) {
        self.0.retain(|t| t + limit.window > now);
    }

    /// `Some(until)` when the limit is reached and no event may happen before `until`.
    pub fn blocked_until(&mut self, limit: Limit, now: Millis) -> Option<Millis> {
        self.prune(limit, now);
        let max = limit.max as usize;
        (self.0.len() >= max).then(|| self.0[self.0.len() - max] + limit.window)
    }

    pub fn record(&mut self, limit: Limit, now: Millis) {
        self.prune(limit, now);
        self.0.push(now);
        // Only the newest `max` events can ever decide a block.
        let excess = self.0.len().saturating_sub(limit.max as usize);
        self.0.drain(..excess);
    }

    /// Records the event if the limit allows it, atomically.
    pub fn try_record(&mut self, limit: Limit, now: Millis) -> Result<(), Millis> {
        match self.blocked_until(limit, now) {
            Some(until) => Err(until),
            None => {
                self.record(limit, now);
                Ok(())
            }
        }
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limit = Limit { max: 3, window: 100 };

    #[test]
    fn blocks_at_the_limit_until_the_oldest_event_leaves_the_window() {
        let mut w = Window::default();
        for t in [0, 10, 20] {
            assert_eq!(w.blocked_until(L, t), None);
            w.record(L, t);
        }
        assert_eq!(w.blocked_until(L, 21), Some(100));
        assert_eq!(w.blocked_until(L, 99), Some(100));
        assert_eq!(w.blocked_until(L, 100), None);
    }

    #[test]
    fn try_record_refuses_without_recording() {
        let mut w = Window::default();
        for t in 0..3 {
            w.try_record(L, t).unwrap();
        }
        assert_eq!(w.try_record(L, 5), Err(100));
        assert_eq!(w.try_record(L, 100), Ok(()));
        assert_eq!(w.try_record(L, 101), Ok(()));
        assert_eq!(w.try_record(L, 102), Ok(()));
        assert_eq!(w.try_record(L, 103), Err(200));
    }

    #[test]
    fn keeps_only_what_matters() {
        let mut w = Window::default();
        for t in 0..50 {
            w.record(L, t);
        }
        assert_eq!(w.0.len(), 3);
        w.clear();
        assert!(w.is_empty());
    }
}
