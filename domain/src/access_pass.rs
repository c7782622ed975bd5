//! Temporary Access Pass: 16 characters from the recovery-code alphabet (79 bits),
//! shown once as `xxxx-xxxx-xxxx-xxxx`, kept as a keyed digest in the user's
//! ledger, which also decides atomically whether a one-time pass is still unused.

use crate::entropy::{self, Entropy};
use crate::recovery::{grouped, normalise, ALPHABET};
use crate::sealing::Keyring;
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
    /// Whether the typed pass (as its possible digests) signs in now: right pass,
    /// unexpired, and unused if one-time.
    pub fn admits(&self, typed_digests: &[String], now: Millis) -> bool {
        let right = typed_digests.iter().fold(false, |found, d| entropy::same(&self.digest, d) | found);
        right && now < self.expires_at && !(self.one_time && self.used)
    }
}

/// A new pass: what to show once, and what to keep.
pub fn issue<E: Entropy>(entropy: &E, keys: &Keyring, one_time: bool, expires_at: Millis) -> (String, PassState) {
    let pass = entropy::pick(entropy, ALPHABET, LENGTH);
    let digest = keys.digest(&pass);
    let state = PassState { id: entropy::token::<E, 8>(entropy), digest, one_time, expires_at, used: false };
    (grouped(&pass), state)
}

/// A provisioned user's first pass, written to KV by `scripts/tenant.sh`, which
/// reaches neither the ledgers nor the keyring: kept as the pass's SHA-256 (79
/// random bits need no key), one-time, and moved into the user's ledger at its
/// first use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub digest: String,
    pub expires_at: Millis,
}

/// How long an invitation's pass lasts.
pub const INVITATION_DAYS: u64 = 7;

/// A new invitation: the pass to show once, and the record.
pub fn invite<E: Entropy>(entropy: &E, expires_at: Millis) -> (String, Invitation) {
    let pass = entropy::pick(entropy, ALPHABET, LENGTH);
    let invitation = Invitation { id: entropy::token::<E, 8>(entropy), digest: plain_digest(&pass), expires_at };
    (grouped(&pass), invitation)
}

fn plain_digest(pass: &str) -> String {
    use sha2::{Digest, Sha256};
    entropy::hex(&Sha256::digest(pass.as_bytes()))
}

impl Invitation {
    /// Whether `input` is this invitation's pass, unexpired.
    pub fn admits(&self, input: &str, now: Millis) -> bool {
        let pass = normalise(input);
        now < self.expires_at && entropy::same(&self.digest, &plain_digest(&pass))
    }

    /// The pass as the user's ledger keeps it once typed, already used by the
    /// sign-in that adopts it.
    pub fn adopted(&self, keys: &Keyring, input: &str) -> PassState {
        let digest = keys.digest(&normalise(input));
        PassState { id: self.id.clone(), digest, one_time: true, expires_at: self.expires_at, used: false }
    }
}

/// The digests a typed pass may be stored under, if it has the pass's shape.
pub fn typed_digests(keys: &Keyring, input: &str) -> Option<Vec<String>> {
    let pass = normalise(input);
    (pass.len() == LENGTH && pass.bytes().all(|b| ALPHABET.contains(&b))).then(|| keys.digests(&pass))
}

/// Lifetimes an admin may choose, in minutes.
pub fn valid_minutes(minutes: u16) -> bool {
    (api::access_pass::MIN_MINUTES..=api::access_pass::MAX_MINUTES).contains(&minutes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    fn ring() -> Keyring {
        Keyring::parse("k1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap()
    }

    #[test]
    fn a_pass_admits_its_typed_form_until_it_expires() {
        let (shown, state) = issue(&Seeded::new(4), &ring(), false, 1_000);
        assert_eq!(shown.len(), 19);
        let typed = typed_digests(&ring(), &shown.to_uppercase().replace('-', " ")).unwrap();
        assert!(state.admits(&typed, 999));
        assert!(!state.admits(&typed, 1_000), "expired");
        let (other, _) = issue(&Seeded::new(5), &ring(), false, 1_000);
        assert!(!state.admits(&typed_digests(&ring(), &other).unwrap(), 0));
        assert_eq!(typed_digests(&ring(), "abcd-efgh"), None);
    }

    #[test]
    fn an_invitation_admits_its_pass_until_it_expires_and_adopts_it_keyed() {
        let (shown, invitation) = invite(&Seeded::new(6), 1_000);
        assert!(invitation.admits(&shown.to_uppercase(), 999));
        assert!(!invitation.admits(&shown, 1_000));
        assert!(!invitation.admits(&invite(&Seeded::new(7), 1_000).0, 0));
        assert!(!serde_json::to_string(&invitation).unwrap().contains(&normalise(&shown)));
        let state = invitation.adopted(&ring(), &shown);
        assert!(state.admits(&typed_digests(&ring(), &shown).unwrap(), 999) && state.one_time);
    }

    #[test]
    fn a_one_time_pass_admits_once() {
        let (shown, mut state) = issue(&Seeded::new(4), &ring(), true, 1_000);
        let typed = typed_digests(&ring(), &shown).unwrap();
        assert!(state.admits(&typed, 0));
        state.used = true;
        assert!(!state.admits(&typed, 0));
    }

    #[test]
    fn lifetimes_from_ten_minutes_to_eight_hours() {
        assert!(!valid_minutes(9) && valid_minutes(10) && valid_minutes(480) && !valid_minutes(481));
    }
}
