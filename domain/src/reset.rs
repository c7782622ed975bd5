//! Self-service password reset rules: the reset's state (kept in a ledger of its
//! own), the proof-of-work challenge, and the decoy answer for unknown usernames.

use crate::entropy::{self, Entropy};
use crate::{Millis, MINUTE};
use api::{MethodKind, ResetOption};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// A reset must finish within this time.
pub const TICKET_TTL: Millis = 15 * MINUTE;
/// A work challenge is good for this long.
pub const CHALLENGE_TTL: Millis = 5 * MINUTE;

/// Where a reset stands. `user_id` is `None` for a decoy (unknown username): it
/// looks the same and can never be completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetState {
    pub user_id: Option<String>,
    pub required: u8,
    pub options: Vec<ResetOption>,
    /// Option ids proven so far.
    pub passed: Vec<String>,
    /// The questions this reset asks (a random subset of those registered).
    #[serde(default)]
    pub questions: Vec<String>,
    pub expires_at: Millis,
}

impl ResetState {
    pub fn complete(&self) -> bool {
        self.user_id.is_some() && self.passed.len() >= usize::from(self.required)
    }
}

fn mac(key: &[u8; 32], message: &str) -> Vec<u8> {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else { return vec![] };
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// A signed challenge: `time.random.signature`.
pub fn issue_challenge<E: Entropy>(key: &[u8; 32], now: Millis, entropy: &E) -> String {
    let body = format!("{now}.{}", entropy::token::<E, 8>(entropy));
    format!("{body}.{}", entropy::hex(&mac(key, &body)))
}

/// Signed by us, recent, and the nonce does the work.
pub fn challenge_solved(key: &[u8; 32], challenge: &str, nonce: u64, now: Millis) -> bool {
    let Some((body, signature)) = challenge.rsplit_once('.') else { return false };
    let issued = body.split('.').next().and_then(|t| t.parse::<Millis>().ok());
    let fresh = issued.is_some_and(|t| t <= now && now < t + CHALLENGE_TTL);
    // The signature is compared in constant time by verify_slice.
    let signed = <Hmac<Sha256> as Mac>::new_from_slice(key).is_ok_and(|mut m| {
        m.update(body.as_bytes());
        entropy::unhex(signature).is_some_and(|s| m.verify_slice(&s).is_ok())
    });
    fresh && signed && api::proof::work(challenge, nonce) >= api::proof::BITS
}

/// What an unknown username is shown: two plausible methods, the same for the same
/// name every time (derived from it with a secret key), so repeated tries match.
pub fn decoy_options(key: &[u8; 32], tenant: &str, username: &str) -> Vec<ResetOption> {
    let seed = mac(key, &format!("decoy/{tenant}/{username}"));
    let byte = |i: usize| seed.get(i).copied().unwrap_or(0);
    let letter = |i: usize| char::from(b'a' + byte(i) % 26);
    const DOMAINS: [&str; 4] = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com"];
    let domain = DOMAINS[usize::from(byte(2)) % DOMAINS.len()];
    let id = |i: usize| entropy::hex(&seed[i..i + 8.min(seed.len().saturating_sub(i))]);
    vec![
        ResetOption {
            id: id(8), kind: MethodKind::Email, label: format!("{}{}•••@{domain}", letter(0), letter(1))
        },
        ResetOption { id: id(16), kind: MethodKind::AuthenticatorApp, label: String::new() },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    const KEY: [u8; 32] = [7; 32];

    #[test]
    fn challenges_must_be_ours_fresh_and_worked() {
        let c = issue_challenge(&KEY, 1_000, &Seeded::new(1));
        let nonce = api::proof::solve(&c, api::proof::BITS);
        assert!(challenge_solved(&KEY, &c, nonce, 2_000));
        assert!(!challenge_solved(&KEY, &c, nonce, 1_000 + CHALLENGE_TTL), "expired");
        assert!(!challenge_solved(&[8; 32], &c, nonce, 2_000), "not signed by us");
        let lazy = (0..).find(|n| api::proof::work(&c, *n) < api::proof::BITS).unwrap();
        assert!(!challenge_solved(&KEY, &c, lazy, 2_000), "no work");
        let forged = c.replacen("1000", "1500", 1);
        assert!(!challenge_solved(&KEY, &forged, api::proof::solve(&forged, api::proof::BITS), 2_000));
    }

    #[test]
    fn decoys_are_stable_per_name_and_look_like_real_options() {
        let a = decoy_options(&KEY, "contoso", "nobody@contoso.com");
        assert_eq!(a, decoy_options(&KEY, "contoso", "nobody@contoso.com"));
        assert_ne!(a, decoy_options(&KEY, "contoso", "someone@contoso.com"));
        assert_eq!(a.len(), 2);
        assert!(a[0].label.contains("•••@"));
        assert_eq!(a[0].id.len(), 16);
    }
}
