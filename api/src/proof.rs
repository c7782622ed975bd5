//! Proof of work against automated password-reset attempts (no third-party
//! captcha): the worker hands out a signed challenge, the page finds a nonce whose
//! SHA-256 with it and the username as typed starts with [`BITS`] zero bits
//! (~0.1–0.5 s in the browser), the worker checks it with one hash. The work is
//! bound to the name: it starts a reset for that name only (and only once, which
//! the worker keeps track of). Both sides use these functions.

use sha2::{Digest, Sha256};

/// Leading zero bits asked for: 2^18 hashes on average.
pub const BITS: u32 = 18;

/// Zero bits at the start of SHA-256(`challenge:username:nonce`).
pub fn work(challenge: &str, username: &str, nonce: u64) -> u32 {
    let digest = Sha256::digest(format!("{challenge}:{username}:{nonce}").as_bytes());
    let mut bits = 0;
    for byte in digest {
        bits += byte.leading_zeros();
        if byte != 0 {
            break;
        }
    }
    bits
}

/// The first nonce that does the work for `username`.
pub fn solve(challenge: &str, username: &str, bits: u32) -> u64 {
    (0..u64::MAX).find(|n| work(challenge, username, *n) >= bits).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solutions_do_the_work_others_do_not() {
        let nonce = solve("abc", "a@b.nl", 12);
        assert!(work("abc", "a@b.nl", nonce) >= 12);
        assert!((0..nonce).all(|n| work("abc", "a@b.nl", n) < 12));
        assert!(work("abd", "a@b.nl", nonce) < 12 || solve("abd", "a@b.nl", 12) == nonce);
        assert!(work("abc", "c@d.nl", nonce) < 12 || solve("abc", "c@d.nl", 12) == nonce, "bound to the name");
    }
}
