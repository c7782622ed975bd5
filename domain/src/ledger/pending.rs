//! What waits for the user (codes, calls, authenticator set-ups, WebAuthn
//! ceremonies): a few at a time, the oldest giving way, lingering a while after
//! they expire so the user hears "expired", not "unknown".

use crate::Millis;
use serde::{Deserialize, Serialize};

/// Pending items a ledger keeps at once of each sort; the oldest give way.
pub const MAX_PENDING: usize = 5;
/// How long an expired item is still recognised.
pub const EXPIRED_KEPT: Millis = crate::HOUR;

/// Something pending, found by its id, that runs out.
pub trait Expiring {
    fn id(&self) -> &str;
    fn expires_at(&self) -> Millis;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pending<T>(Vec<T>);

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Pending(Vec::new())
    }
}

impl<T: Expiring> Pending<T> {
    pub fn prune(&mut self, now: Millis) {
        self.0.retain(|item| item.expires_at() + EXPIRED_KEPT > now);
    }

    /// Keeps `item`; past [`MAX_PENDING`] the oldest gives way.
    pub fn push(&mut self, item: T) {
        self.push_among(item, |_| true);
    }

    /// Keeps `item`, bounded among those `alike` it: the oldest of them gives way,
    /// never another sort.
    pub fn push_among(&mut self, item: T, alike: impl Fn(&T) -> bool) {
        if self.0.iter().filter(|i| alike(i)).count() >= MAX_PENDING {
            if let Some(oldest) = self.0.iter().position(&alike) {
                self.0.remove(oldest);
            }
        }
        self.0.push(item);
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        self.0.iter_mut().find(|item| item.id() == id)
    }

    /// Removes and hands out the item: it is used once.
    pub fn take(&mut self, id: &str) -> Option<T> {
        let pos = self.0.iter().position(|item| item.id() == id)?;
        Some(self.0.remove(pos))
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// When the last of them is no longer recognised.
    pub fn forget_at(&self) -> Option<Millis> {
        self.0.iter().map(|item| item.expires_at() + EXPIRED_KEPT).max()
    }
}

macro_rules! expiring {
    ($($t:ty),*) => {
        $(impl Expiring for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn expires_at(&self) -> Millis {
                self.expires_at
            }
        })*
    };
}
expiring!(
    crate::code::Challenge,
    crate::voice::PendingCall,
    crate::totp::PendingAuthenticator,
    crate::webauthn::Ceremony
);

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Item(&'static str, Millis, bool);
    impl Expiring for Item {
        fn id(&self) -> &str {
            self.0
        }
        fn expires_at(&self) -> Millis {
            self.1
        }
    }

    #[test]
    fn bounded_oldest_first_and_forgotten_after_expiry() {
        let mut p = Pending::default();
        for (i, id) in ["a", "b", "c", "d", "e", "f"].into_iter().enumerate() {
            p.push(Item(id, 10 + i as Millis, false));
        }
        assert!(p.get_mut("a").is_none(), "the oldest gave way");
        assert_eq!(p.take("b"), Some(Item("b", 11, false)));
        assert!(p.take("b").is_none(), "once");
        assert_eq!(p.forget_at(), Some(15 + EXPIRED_KEPT));
        p.prune(14 + EXPIRED_KEPT);
        assert_eq!(p.iter().map(|i| i.0).collect::<Vec<_>>(), ["f"]);
        p.prune(15 + EXPIRED_KEPT);
        assert!(p.is_empty());
    }

    #[test]
    fn one_sort_never_pushes_out_another() {
        let mut p = Pending::default();
        p.push(Item("mine", 1, false));
        for id in ["r1", "r2", "r3", "r4", "r5", "r6"] {
            p.push_among(Item(id, 2, true), |i| i.2);
        }
        assert!(p.get_mut("mine").is_some());
        assert!(p.get_mut("r1").is_none());
        assert_eq!(p.iter().count(), 1 + MAX_PENDING);
    }
}
