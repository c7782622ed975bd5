//! Base64 (RFC 4648), once: the URL-safe unpadded form of every binary WebAuthn
//! field, and the standard padded form of HTTP Basic credentials and provider
//! signatures.

/// Unpadded base64url (RFC 4648 §5).
pub mod url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        super::encode(bytes, ALPHABET, false)
    }

    /// `None` on any character outside the alphabet (padding and `+/` included) or a
    /// length no encoder produces.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        super::decode(text, ALPHABET)
    }
}

/// Standard base64 with padding (RFC 4648 §4).
pub mod standard {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        super::encode(bytes, ALPHABET, true)
    }

    /// Padding optional; `None` on any other character outside the alphabet.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        super::decode(text.trim_end_matches('='), ALPHABET)
    }
}

fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(alphabet[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
        if pad {
            out.extend(std::iter::repeat_n('=', 3 - chunk.len()));
        }
    }
    out
}

fn decode(text: &str, alphabet: &[u8; 64]) -> Option<Vec<u8>> {
    let value = |c: u8| alphabet.iter().position(|a| *a == c).map(|p| p as u32);
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_and_matches_rfc4648() {
        assert_eq!(url::encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(url::encode(b"fooba"), "Zm9vYmE");
        assert_eq!(url::encode(b"foob"), "Zm9vYg");
        assert_eq!(url::encode(&[0xfb, 0xff]), "-_8");
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(url::decode(&url::encode(&bytes)), Some(bytes));
        }
        assert_eq!(url::decode("Zm9v+mE"), None);
        assert_eq!(url::decode("Zm9vY"), None);
        assert_eq!(url::decode("Zg=="), None);
    }

    #[test]
    fn standard_base64_pads_and_round_trips() {
        assert_eq!(standard::encode(b"f"), "Zg==");
        assert_eq!(standard::encode(b"fo"), "Zm8=");
        assert_eq!(standard::encode(b"foo"), "Zm9v");
        assert_eq!(standard::encode(&[0xfb, 0xff]), "+/8=");
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 53 + 7) as u8).collect();
            assert_eq!(standard::decode(&standard::encode(&bytes)), Some(bytes));
        }
        assert_eq!(standard::decode("-_8"), None);
    }
}
