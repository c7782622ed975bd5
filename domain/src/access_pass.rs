//! Temporary Access Pass: 16 characters from the recovery-code alphabet (79 bits),
//! shown once as `xxxx-xxxx-xxxx-xxxx`, kept as a SHA-256 digest in the user's
//! ledger, which also decides atomically whether a one-time pass is still unused.

use crate::entropy::{self, Entropy};
use crate::recovery::{digest, grouped, normalise, ALPHABET};
use crate::Millis;
use serde::{Deserialize, Serialize};

const LENGTH: usize = 16;

/// The pass as the ledger keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassState {
    pub id: String,
    pub digest: String,
    pub one_time: bool,
    pub expires_at: Millis,
    #[serde(default)]
    pub used: bool,
}

impl PassState {
    /// Whether `typed` signs in now: right pass, unexpired, and unused if one-time.
    pub fn admits(&self, typed_digest: &str, now: Millis) -> bool {
        entropy::same(&self.digest, typed_digest) && now < self.expires_at && !(self.one_time && self.used)
    }
}

/// A new pass: what to show once, and what to keep.
pub fn issue<E: Entropy>(entropy: &E, one_time: bool, expires_at: Millis) -> (String, PassState) {
    let pass = entropy::pick(entropy, ALPHABET, LENGTH);
    let state =
        PassState { id: entropy::token::<E, 8>(entropy), digest: digest(&pass), one_time, expires_at, used: false };
    (grouped(&pass), state)
}

/// The digest of a typed pass, if it has the pass's shape.
pub fn typed_digest(input: &str) -> Option<String> {
    let pass = normalise(input);
    (pass.len() == LENGTH && pass.bytes().all(|b| ALPHABET.contains(&b))).then(|| digest(&pass))
}

/// Lifetimes an admin may choose, in minutes.
pub fn valid_minutes(minutes: u16) -> bool {
    (api::access_pass::MIN_MINUTES..=api::access_pass::MAX_MINUTES).contains(&minutes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    #[test]
    fn a_pass_admits_its_typed_form_until_it_expires() {
        let (shown, state) = issue(&Seeded::new(4), false, 1_000);
        assert_eq!(shown.len(), 19);
        let typed = typed_digest(&shown.to_uppercase().replace('-', " ")).unwrap();
        assert!(state.admits(&typed, 999));
        assert!(!state.admits(&typed, 1_000), "expired");
        let (other, _) = issue(&Seeded::new(5), false, 1_000);
        assert!(!state.admits(&typed_digest(&other).unwrap(), 0));
        assert_eq!(typed_digest("abcd-efgh"), None);
    }

    #[test]
    fn a_one_time_pass_admits_once() {
        let (shown, mut state) = issue(&Seeded::new(4), true, 1_000);
        let typed = typed_digest(&shown).unwrap();
        assert!(state.admits(&typed, 0));
        state.used = true;
        assert!(!state.admits(&typed, 0));
    }

    #[test]
    fn lifetimes_from_ten_minutes_to_eight_hours() {
        assert!(!valid_minutes(9) && valid_minutes(10) && valid_minutes(480) && !valid_minutes(481));
    }
}
