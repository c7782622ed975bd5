//! Proof of work against automated password-reset attempts (no third-party
//! captcha): the worker hands out a signed challenge, the page finds a nonce whose
//! SHA-256 with it starts with [`BITS`] zero bits (~0.1–0.5 s in the browser), the
//! worker checks it with one hash. Both sides use these functions.

use sha2::{Digest, Sha256};

/// Leading zero bits asked for: 2^18 hashes on average.
pub const BITS: u32 = 18;

/// Zero bits at the start of SHA-256(`challenge:nonce`).
pub fn work(challenge: &str, nonce: u64) -> u32 {
    let digest = Sha256::digest(format!("{challenge}:{nonce}").as_bytes());
    let mut bits = 0;
    for byte in digest {
        bits += byte.leading_zeros();
        if byte != 0 {
            break;
        }
    }
    bits
}

/// The first nonce that does the work.
pub fn solve(challenge: &str, bits: u32) -> u64 {
    (0..u64::MAX).find(|n| work(challenge, *n) >= bits).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solutions_do_the_work_others_do_not() {
        let nonce = solve("abc", 12);
        assert!(work("abc", nonce) >= 12);
        assert!((0..nonce).all(|n| work("abc", n) < 12));
        assert!(work("abd", nonce) < 12 || solve("abd", 12) == nonce);
    }
}
