//! Authenticator apps (TOTP, RFC 6238): 160-bit secrets, the `otpauth://` URI every
//! app understands, the QR code of it, and checking a code within ±1 time step.
//! Fixed at SHA-1, 6 digits, 30 seconds: the only profile every app supports.

use crate::code::OneTimeCode;
use crate::entropy::Entropy;
use crate::Millis;
use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const DIGITS: u8 = 6;
pub const PERIOD_SECONDS: u64 = 30;
/// Steps accepted either side of now, for clock drift and typing time.
pub const SKEW: u16 = 1;

/// A shared secret; lives unencrypted only while a request handles it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

impl TotpSecret {
    pub fn generate<E: Entropy>(entropy: &E) -> Self {
        let mut bytes = [0u8; 20];
        entropy.fill(&mut bytes);
        TotpSecret(bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(TotpSecret)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// HOTP (RFC 4226) of `step`: HMAC-SHA-1, dynamic truncation, six digits.
    /// Written here on the `sha1` and `hmac` the rest already uses: a TOTP crate
    /// brought a second set of hash crates into the worker.
    fn hotp(&self, step: u64) -> String {
        let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&self.0) else { return String::new() };
        mac.update(&step.to_be_bytes());
        let hash = mac.finalize().into_bytes();
        let offset = usize::from(hash[19] & 0x0f);
        let bin = u32::from_be_bytes([hash[offset] & 0x7f, hash[offset + 1], hash[offset + 2], hash[offset + 3]]);
        format!("{:06}", bin % 10u32.pow(u32::from(DIGITS)))
    }

    /// RFC 4648 base32 without padding, as apps expect to have it typed in.
    pub fn base32(&self) -> String {
        base32(&self.0)
    }

    /// Base32 in groups of four, for reading aloud or typing.
    pub fn grouped(&self) -> String {
        let b = self.base32();
        b.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
    }

    /// `otpauth://totp/<Issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`
    pub fn uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={PERIOD_SECONDS}",
            encode(issuer),
            encode(account),
            self.base32(),
            encode(issuer)
        )
    }

    /// The time step a code belongs to, if it is right within ±1 step of `now`
    /// (every step is computed and compared in constant time).
    pub fn check(&self, code: &OneTimeCode, now: Millis) -> Option<u64> {
        let current = step_of(now);
        let steps = current.saturating_sub(u64::from(SKEW))..=current + u64::from(SKEW);
        steps.fold(None, |found, step| {
            let right = crate::entropy::same(&self.hotp(step), code.as_str());
            found.or(right.then_some(step))
        })
    }

    /// The code for the step containing `at` (used by tests and the demo).
    pub fn code_at(&self, at: Millis) -> String {
        self.hotp(step_of(at))
    }
}

pub const REGISTRATION_TTL: Millis = 10 * crate::MINUTE;
pub const REGISTRATION_TRIES: u32 = 5;

/// An authenticator app being set up: its sealed secret until the user proves the
/// app shows the right code. Not a method yet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingAuthenticator {
    pub id: String,
    pub secret: crate::sealing::Sealed,
    pub expires_at: Millis,
    tries: u32,
}

impl PendingAuthenticator {
    pub fn new(id: String, secret: crate::sealing::Sealed, now: Millis) -> Self {
        PendingAuthenticator { id, secret, expires_at: now + REGISTRATION_TTL, tries: 0 }
    }

    /// Takes one of the tries before the code is checked (so parallel guesses
    /// cannot exceed them); returns the tries left after this one.
    pub fn reserve(&mut self, now: Millis) -> Result<u32, crate::code::ChallengeError> {
        use crate::code::ChallengeError;
        if now >= self.expires_at {
            return Err(ChallengeError::Expired);
        }
        if self.tries >= REGISTRATION_TRIES {
            return Err(ChallengeError::Locked);
        }
        self.tries += 1;
        Ok(REGISTRATION_TRIES - self.tries)
    }
}

/// The step number of a time, for replay checks.
pub fn step_of(at: Millis) -> u64 {
    at / 1000 / PERIOD_SECONDS
}

fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Percent-encoding of everything but RFC 3986 unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The QR code of `uri` as a self-contained SVG (rendered by the worker, so the
/// SPA carries no QR code).
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    /// RFC 6238 Appendix B (SHA-1), as six digits: the last six of each value.
    #[test]
    fn rfc6238_appendix_b_vectors() {
        let s = TotpSecret::from_bytes(b"12345678901234567890").unwrap();
        for (time, want) in [
            (59u64, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
            (20000000000, "65353130"),
        ] {
            assert_eq!(s.code_at(time * 1000), want[2..], "at {time}");
        }
    }

    /// The same codes as a widely used TOTP crate, for many secrets and times.
    #[test]
    fn agrees_with_totp_rs() {
        let rng = Seeded::new(11);
        for i in 0..200u64 {
            let s = TotpSecret::generate(&rng);
            let at = 1_700_000_000_000 + i * 7_919_000;
            let reference = totp_rs::Builder::new()
                .with_algorithm(totp_rs::Algorithm::SHA1)
                .with_digits(6)
                .with_step_duration(30)
                .with_secret(s.as_bytes().to_vec())
                .build()
                .unwrap();
            assert_eq!(s.code_at(at), reference.generate(at / 1000).to_string());
        }
    }

    #[test]
    fn accepts_one_step_either_side_and_no_more() {
        let s = TotpSecret::generate(&Seeded::new(5));
        let now: Millis = 1_800_000_015_000;
        let code = OneTimeCode::parse(&s.code_at(now)).unwrap();
        let step = step_of(now);
        assert_eq!(s.check(&code, now), Some(step));
        assert_eq!(s.check(&code, now - 30_000), Some(step), "typed early, clock behind");
        assert_eq!(s.check(&code, now + 30_000), Some(step), "typed late");
        assert_eq!(s.check(&code, now + 60_000), None);
        assert_eq!(s.check(&code, now - 60_000), None);
        let next = OneTimeCode::parse(&s.code_at(now + 30_000)).unwrap();
        assert_eq!(s.check(&next, now), Some(step + 1));
    }

    #[test]
    fn base32_and_groups() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let s = TotpSecret::from_bytes(b"12345678901234567890").unwrap();
        assert_eq!(s.grouped(), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    }

    #[test]
    fn uri_has_the_issuer_account_and_parameters() {
        let s = TotpSecret::from_bytes(b"12345678901234567890").unwrap();
        assert_eq!(
            s.uri("Contoso Ltd", "adele@contoso.com"),
            "otpauth://totp/Contoso%20Ltd:adele%40contoso.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
&issuer=Contoso%20Ltd&algorithm=SHA1&digits=6&period=30"
        );
        assert_eq!(format!("{s:?}"), "TotpSecret(…)", "never printed");
    }

    #[test]
    fn qr_is_an_svg() {
        let svg = qr_svg("otpauth://totp/A:b?secret=GEZDGNBV").unwrap();
        assert!(svg.starts_with("<?xml") && svg.contains("<svg") && svg.contains("#000000"));
    }
}
