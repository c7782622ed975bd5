//! Randomness is a capability handed to the domain, so tests can be deterministic.

pub trait Entropy {
    /// Fills `buf` from a cryptographically secure source.
    fn fill(&self, buf: &mut [u8]);
}

/// Lower-case hex of `N` random bytes: ids and tokens.
pub fn token<E: Entropy, const N: usize>(entropy: &E) -> String {
    let mut buf = [0u8; N];
    entropy.fill(&mut buf);
    hex(&buf)
}

/// `n` symbols drawn uniformly from `alphabet` (at most 256 symbols): bytes past
/// the largest multiple of its length are drawn again.
pub fn pick<E: Entropy>(entropy: &E, alphabet: &[u8], n: usize) -> String {
    let limit = 256 - 256 % alphabet.len().clamp(1, 256);
    let mut out = String::with_capacity(n);
    while out.len() < n {
        let mut buf = [0u8; 32];
        entropy.fill(&mut buf);
        for b in buf.into_iter().filter(|b| usize::from(*b) < limit) {
            if out.len() < n {
                out.push(char::from(alphabet[usize::from(b) % alphabet.len()]));
            }
        }
    }
    out
}

/// Equal secrets (digests, signatures), compared without an early exit.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0xf) as usize] as char);
    }
    out
}

/// The bytes of lower- or upper-case hex; `None` for anything else.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// A deterministic source for tests and benchmarks (xorshift; never for production).
#[derive(Debug)]
pub struct Seeded(std::cell::Cell<u64>);

impl Seeded {
    pub fn new(seed: u64) -> Self {
        Seeded(std::cell::Cell::new(seed.max(1)))
    }
}

impl Entropy for Seeded {
    fn fill(&self, buf: &mut [u8]) {
        let mut x = self.0.get();
        for b in buf.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = (x >> 24) as u8;
        }
        self.0.set(x);
    }
}
