//! Sliding-window throttles for sign-in failures and code requests. Their state lives
//! in a Durable Object ledger, so counts are exact under concurrent requests.

use crate::{Millis, HOUR, MINUTE, SECOND};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit {
    pub max: u32,
    pub window: Millis,
}

/// Wrong passwords for one sign-in name: five in 15 minutes are free, then each
/// try waits longer (1 s, 2 s, 4 s … at most [`ACCOUNT_MAX_DELAY`]). Guessing
/// slows to a crawl, yet a stranger can never keep the user out for long
/// (no account lockout by strangers, ASVS 6.3).
pub const ACCOUNT_FAILURES: Limit = Limit { max: 5, window: 15 * MINUTE };
pub const ACCOUNT_MAX_DELAY: Millis = MINUTE;
/// Wrong passwords from one client address (an IPv6 /64), across all names.
pub const IP_FAILURES: Limit = Limit { max: 30, window: 15 * MINUTE };
/// The looser budget of an IPv6 /48 (many /64s of one site or provider).
pub const WIDE_FAILURES: Limit = Limit { max: 120, window: 15 * MINUTE };
/// Texts and calls requested from one IPv6 /48.
pub const WIDE_SENDS: Limit = Limit { max: 80, window: HOUR };
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
/// No limit counts over a longer window, so a window's events can all be forgotten
/// this long after the last (a ledger holding only windows is then deleted).
/// Codes the help desk enters to verify a caller as one user (any method).
pub const CALLER_CHECKS: Limit = Limit { max: 5, window: 15 * MINUTE };
pub const LONGEST_WINDOW: Millis = 24 * HOUR;

/// The block a client address counts in: an IPv4 address itself, an IPv6 address
/// by its /64 (one subscriber's network; any host in it is the same client).
pub fn address_block(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => v6_prefix(v6, 4),
        Ok(std::net::IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or_else(|| ip.to_string(), |v4| v4.to_string()),
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_string(),
    }
}

/// The wider block of an IPv6 address (its /48), with a looser budget; none for IPv4.
pub fn wide_block(ip: &str) -> Option<String> {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => Some(v6_prefix(v6, 3)),
        _ => None,
    }
}

fn v6_prefix(v6: std::net::Ipv6Addr, groups: usize) -> String {
    let kept: Vec<String> = v6.segments()[..groups].iter().map(|g| format!("{g:x}")).collect();
    format!("{}::/{}", kept.join(":"), groups * 16)
}

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
        debug_assert!(limit.window <= LONGEST_WINDOW);
        self.prune(limit, now);
        self.0.push(now);
        // Only the newest `max` events can ever decide a block.
        let excess = self.0.len().saturating_sub(limit.max as usize);
        self.0.drain(..excess);
    }

    /// Growing delays instead of a block: past `limit.max` events in the window the
    /// next may come only `1 s << (extra events)` after the last, at most `cap`.
    pub fn delayed_until(&mut self, limit: Limit, cap: Millis, now: Millis) -> Option<Millis> {
        self.prune(limit, now);
        let extra = self.0.len().checked_sub(limit.max as usize)?;
        let last = *self.0.last()?;
        let until = last + (SECOND << extra.min(16)).min(cap);
        (now < until).then_some(until)
    }

    /// Records an event for [`Window::delayed_until`], keeping enough to grow the delay.
    pub fn record_delayed(&mut self, limit: Limit, now: Millis) {
        self.record(Limit { max: limit.max + 17, ..limit }, now);
        self.prune(limit, now);
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

    /// When every event here has left any window.
    pub fn forget_at(&self) -> Option<Millis> {
        self.0.iter().max().map(|last| last + LONGEST_WINDOW)
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
    fn delays_grow_past_the_free_events_and_are_capped() {
        let limit = Limit { max: 2, window: HOUR };
        let mut w = Window::default();
        for t in [0, 1] {
            assert_eq!(w.delayed_until(limit, MINUTE, t), None);
            w.record_delayed(limit, t);
        }
        assert_eq!(w.delayed_until(limit, MINUTE, 2), Some(1 + SECOND));
        w.record_delayed(limit, 1 + SECOND);
        assert_eq!(w.delayed_until(limit, MINUTE, 1 + SECOND), Some(1 + 3 * SECOND));
        for t in 0..20 {
            w.record_delayed(limit, 10 * SECOND + t);
        }
        assert_eq!(w.delayed_until(limit, MINUTE, 10 * SECOND + 19), Some(10 * SECOND + 19 + MINUTE), "capped");
        assert_eq!(w.delayed_until(limit, MINUTE, 10 * SECOND + 19 + MINUTE), None);
    }

    #[test]
    fn every_limit_fits_the_longest_window() {
        let limits = [
            ACCOUNT_FAILURES,
            IP_FAILURES,
            WIDE_FAILURES,
            WIDE_SENDS,
            CODE_SENDS,
            PHONE_SENDS,
            IP_SENDS,
            TENANT_SENDS,
            RESETS,
            RESET_TRIES,
            RESET_SENDS,
            IP_RESETS,
            crate::mfa::FAILURES,
        ];
        assert!(limits.iter().all(|l| l.window <= LONGEST_WINDOW));
        let mut w = Window::default();
        w.record(TENANT_SENDS, 5);
        w.record(CODE_SENDS, 9);
        assert_eq!(w.forget_at(), Some(9 + LONGEST_WINDOW));
    }

    #[test]
    fn ipv6_clients_count_per_64_and_48() {
        assert_eq!(address_block("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(address_block("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_ne!(address_block("2001:db8:1:3::1"), address_block("2001:db8:1:2::1"));
        assert_eq!(wide_block("2001:db8:1:3::1").as_deref(), Some("2001:db8:1::/48"));
        assert_eq!(address_block("203.0.113.9"), "203.0.113.9");
        assert_eq!(address_block("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(wide_block("203.0.113.9"), None);
        assert_eq!(address_block("unknown"), "unknown");
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
