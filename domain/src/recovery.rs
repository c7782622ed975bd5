//! Recovery codes: ten single-use backup codes for when the phone or key is gone.
//! Each is 12 characters from a 31-letter alphabet without look-alikes (59 bits),
//! shown once as `xxxx-xxxx-xxxx` and stored only as a keyed digest (HMAC-SHA-256
//! under a server key, `Keyring::digest`): with that much entropy and the
//! second-step throttle in front, a slow hash buys nothing.
//! Which codes are spent lives in the user's ledger, so a code works exactly once
//! even when two devices send it at the same moment.

use crate::entropy::{self, Entropy};
use crate::sealing::Keyring;

pub const COUNT: usize = 10;
/// One set per user: a fixed method id, so two devices creating one write one key.
pub const METHOD_ID: &str = "recovery-codes";
const LENGTH: usize = 12;
/// No 0/o, 1/l/i: nothing to confuse when copied by hand.
pub(crate) const ALPHABET: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A code as the user typed it, normalised: case, spaces and dashes do not matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl RecoveryCode {
    pub fn parse(input: &str) -> Option<Self> {
        let code = normalise(input);
        let ok = code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b));
        ok.then_some(RecoveryCode(code))
    }

    /// `xxxx-xxxx-xxxx`, as shown.
    pub fn grouped(&self) -> String {
        grouped(&self.0)
    }
}

/// Typed codes and passes: case, spaces and dashes do not matter.
pub(crate) fn normalise(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_lowercase()).collect()
}

/// Groups of four joined by dashes, easier to read and type.
pub(crate) fn grouped(s: &str) -> String {
    s.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// A fresh set: the codes to show once, and the digests to keep.
pub struct Issued {
    pub codes: Vec<RecoveryCode>,
    pub digests: Vec<String>,
}

pub fn issue<E: Entropy>(entropy: &E, keys: &Keyring) -> Issued {
    let codes: Vec<RecoveryCode> = (0..COUNT).map(|_| generate(entropy)).collect();
    let digests = codes.iter().map(|c| keys.digest(&c.0)).collect();
    Issued { codes, digests }
}

fn generate<E: Entropy>(entropy: &E) -> RecoveryCode {
    RecoveryCode(entropy::pick(entropy, ALPHABET, LENGTH))
}

/// The position of `code` in the set, comparing every digest without early exit.
pub fn position(keys: &Keyring, digests: &[String], code: &RecoveryCode) -> Option<u8> {
    let mut found = None;
    for (i, d) in digests.iter().enumerate() {
        if keys.digest_matches(d, &code.0) && found.is_none() {
            found = u8::try_from(i).ok();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    fn ring() -> Keyring {
        Keyring::parse("k1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap()
    }

    #[test]
    fn ten_distinct_codes_from_the_alphabet() {
        let set = issue(&Seeded::new(3), &ring());
        assert_eq!(set.codes.len(), COUNT);
        assert_eq!(set.digests.len(), COUNT);
        let mut shown: Vec<String> = set.codes.iter().map(RecoveryCode::grouped).collect();
        assert!(shown.iter().all(|c| c.len() == 14 && c.matches('-').count() == 2));
        shown.sort();
        shown.dedup();
        assert_eq!(shown.len(), COUNT);
        assert!(!set.digests.iter().any(|d| shown.iter().any(|c| d.contains(&c.replace('-', "")))));
    }

    #[test]
    fn typed_codes_are_normalised_and_found() {
        let set = issue(&Seeded::new(9), &ring());
        let shown = set.codes[4].grouped();
        let typed = format!(" {} ", shown.to_uppercase().replace('-', " "));
        let code = RecoveryCode::parse(&typed).unwrap();
        assert_eq!(position(&ring(), &set.digests, &code), Some(4));
        let other = issue(&Seeded::new(10), &ring());
        assert_eq!(position(&ring(), &set.digests, &other.codes[0]), None);
        assert!(set.digests.iter().all(|d| d.starts_with("k1$")), "keyed digests");
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in ["", "abcd-efgh-jk", "abcd-efgh-jkm0", "abcd-efgh-jkmnp", "abcd-efgh-jkmi", "ábcd-efgh-jkmn"] {
            assert_eq!(RecoveryCode::parse(bad), None, "{bad}");
        }
        assert!(RecoveryCode::parse("abcd-efgh-jkmn").is_some());
    }
}
