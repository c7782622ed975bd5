//! One-time codes sent by email (later SMS/voice) and the challenge that checks them:
//! expiry, a cap on wrong tries, and a resend cooldown.

use crate::email::EmailAddress;
use crate::entropy::{self, Entropy};
use crate::{Millis, MINUTE, SECOND};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const CODE_TTL: Millis = 10 * MINUTE;
pub const MAX_WRONG_TRIES: u32 = 5;
pub const RESEND_COOLDOWN: Millis = 30 * SECOND;
/// Sends per challenge, the first included; keeps guesses per challenge bounded.
pub const MAX_SENDS: u32 = 5;

/// Six digits, as typed by the user (spaces and dashes between digits are allowed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OneTimeCode(String);

impl OneTimeCode {
    pub fn parse(input: &str) -> Option<Self> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(OneTimeCode(digits))
    }

    pub fn generate<E: Entropy>(entropy: &E) -> Self {
        let mut buf = [0u8; 8];
        entropy.fill(&mut buf);
        // 2^64 mod 10^6 bias is below 1e-13: negligible.
        OneTimeCode(format!("{:06}", u64::from_le_bytes(buf) % 1_000_000))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OneTimeCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        OneTimeCode::parse(&s).ok_or_else(|| "not a six-digit code".to_string())
    }
}

impl From<OneTimeCode> for String {
    fn from(c: OneTimeCode) -> String {
        c.0
    }
}

/// What the server keeps of a code: a salted digest, never the code itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeDigest {
    salt: String,
    digest: String,
}

impl CodeDigest {
    pub fn new<E: Entropy>(code: &OneTimeCode, entropy: &E) -> Self {
        let salt = entropy::token::<E, 16>(entropy);
        let digest = digest(&salt, code);
        CodeDigest { salt, digest }
    }

    fn matches(&self, code: &OneTimeCode) -> bool {
        crate::entropy::same(&digest(&self.salt, code), &self.digest)
    }
}

fn digest(salt: &str, code: &OneTimeCode) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b":");
    h.update(code.0.as_bytes());
    entropy::hex(&h.finalize())
}

/// What a successful challenge proves. (Read by [`Purpose::deserialize`]: the
/// same JSON, for a fraction of the derived parser's code in the worker.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "purpose", rename_all = "kebab-case")]
pub enum Purpose {
    RegisterEmail {
        address: EmailAddress,
    },
    RegisterPhone {
        number: crate::phone::PhoneNumber,
    },
    /// A code texted to a registered phone method for the second sign-in step.
    SecondStep {
        method_id: String,
        number: crate::phone::PhoneNumber,
    },
    /// A code for a password reset, to a registered email or phone method.
    ResetEmail {
        method_id: String,
        address: EmailAddress,
    },
    ResetPhone {
        method_id: String,
        number: crate::phone::PhoneNumber,
    },
    /// A code the help desk sent to a user's phone or email to verify a caller,
    /// who reads it back.
    CallerPhone {
        method_id: String,
        number: crate::phone::PhoneNumber,
    },
    CallerEmail {
        method_id: String,
        address: EmailAddress,
    },
    /// A password reset's decoy (unknown name): kept like a real code, never sent.
    Decoy {
        method_id: String,
        /// A phone option's: counted against phone budgets like a real text.
        #[serde(default)]
        by_phone: bool,
    },
}

impl<'de> Deserialize<'de> for Purpose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            purpose: String,
            #[serde(default)]
            address: Option<EmailAddress>,
            #[serde(default)]
            number: Option<crate::phone::PhoneNumber>,
            #[serde(default)]
            method_id: Option<String>,
            #[serde(default)]
            by_phone: bool,
        }
        let f = Flat::deserialize(d)?;
        let address = || f.address.clone().ok_or_else(|| D::Error::missing_field("address"));
        let number = || f.number.clone().ok_or_else(|| D::Error::missing_field("number"));
        let method_id = || f.method_id.clone().ok_or_else(|| D::Error::missing_field("method_id"));
        Ok(match f.purpose.as_str() {
            "register-email" => Purpose::RegisterEmail { address: address()? },
            "register-phone" => Purpose::RegisterPhone { number: number()? },
            "second-step" => Purpose::SecondStep { method_id: method_id()?, number: number()? },
            "reset-email" => Purpose::ResetEmail { method_id: method_id()?, address: address()? },
            "reset-phone" => Purpose::ResetPhone { method_id: method_id()?, number: number()? },
            "caller-phone" => Purpose::CallerPhone { method_id: method_id()?, number: number()? },
            "caller-email" => Purpose::CallerEmail { method_id: method_id()?, address: address()? },
            "decoy" => Purpose::Decoy { method_id: method_id()?, by_phone: f.by_phone },
            other => {
                return Err(D::Error::unknown_variant(
                    other,
                    &[
                        "register-email",
                        "register-phone",
                        "second-step",
                        "reset-email",
                        "reset-phone",
                        "caller-phone",
                        "caller-email",
                        "decoy",
                    ],
                ))
            }
        })
    }
}

impl Purpose {
    /// The phone a code goes to, if it goes to one (toll-fraud limits apply).
    pub fn phone(&self) -> Option<&crate::phone::PhoneNumber> {
        match self {
            Purpose::RegisterPhone { number }
            | Purpose::SecondStep { number, .. }
            | Purpose::ResetPhone { number, .. }
            | Purpose::CallerPhone { number, .. } => Some(number),
            Purpose::RegisterEmail { .. }
            | Purpose::ResetEmail { .. }
            | Purpose::CallerEmail { .. }
            | Purpose::Decoy { .. } => None,
        }
    }
}

/// A code that was sent and not yet used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub id: String,
    pub purpose: Purpose,
    code: CodeDigest,
    pub expires_at: Millis,
    pub last_sent_at: Millis,
    pub sends: u32,
    pub wrong_tries: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "kebab-case")]
pub enum ChallengeError {
    NotFound,
    Expired,
    Wrong {
        attempts_left: u32,
    },
    /// All wrong tries used: the code is dead, a new one must be requested.
    Locked,
    ResendTooSoon {
        resend_at: Millis,
    },
    /// The challenge sent as many codes as it may.
    TooManySends,
}

impl Challenge {
    pub fn new(id: String, purpose: Purpose, code: CodeDigest, now: Millis) -> Self {
        Challenge { id, purpose, code, expires_at: now + CODE_TTL, last_sent_at: now, sends: 1, wrong_tries: 0 }
    }

    pub fn resend_at(&self) -> Millis {
        self.last_sent_at + RESEND_COOLDOWN
    }

    /// Checks a typed code. A wrong code costs a try; the right one only counts
    /// while the challenge is alive and has tries left.
    pub fn verify(&mut self, code: &OneTimeCode, now: Millis) -> Result<(), ChallengeError> {
        if now >= self.expires_at {
            return Err(ChallengeError::Expired);
        }
        if self.wrong_tries >= MAX_WRONG_TRIES {
            return Err(ChallengeError::Locked);
        }
        if self.code.matches(code) {
            return Ok(());
        }
        self.wrong_tries += 1;
        match MAX_WRONG_TRIES - self.wrong_tries {
            0 => Err(ChallengeError::Locked),
            left => Err(ChallengeError::Wrong { attempts_left: left }),
        }
    }

    /// Replaces the code with a fresh one: new expiry and a fresh set of tries.
    pub fn resend(&mut self, code: CodeDigest, now: Millis) -> Result<(), ChallengeError> {
        if now < self.resend_at() {
            return Err(ChallengeError::ResendTooSoon { resend_at: self.resend_at() });
        }
        if self.sends >= MAX_SENDS {
            return Err(ChallengeError::TooManySends);
        }
        self.code = code;
        self.sends += 1;
        self.last_sent_at = now;
        self.expires_at = now + CODE_TTL;
        self.wrong_tries = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn purposes_read_back_as_written_and_as_stored_before() {
        let address = EmailAddress::parse("a@example.org").unwrap();
        let number = crate::phone::PhoneNumber::parse("0612345678", "NL").unwrap().number;
        let all = [
            Purpose::RegisterEmail { address: address.clone() },
            Purpose::RegisterPhone { number: number.clone() },
            Purpose::SecondStep { method_id: "m1".into(), number: number.clone() },
            Purpose::ResetEmail { method_id: "m2".into(), address },
            Purpose::ResetPhone { method_id: "m3".into(), number },
            Purpose::Decoy { method_id: "m4".into(), by_phone: true },
        ];
        for p in all {
            let text = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Purpose>(&text).unwrap(), p, "{text}");
        }
        let before: Purpose = serde_json::from_str(r#"{"purpose":"decoy","method_id":"x"}"#).unwrap();
        assert_eq!(before, Purpose::Decoy { method_id: "x".into(), by_phone: false });
        assert!(serde_json::from_str::<Purpose>(r#"{"purpose":"second-step","method_id":"x"}"#).is_err());
        assert!(serde_json::from_str::<Purpose>(r#"{"purpose":"other"}"#).is_err());
    }

    use super::*;
    use crate::entropy::Seeded;

    fn challenge(now: Millis) -> (Challenge, OneTimeCode, Seeded) {
        let rng = Seeded::new(7);
        let code = OneTimeCode::generate(&rng);
        let purpose = Purpose::RegisterEmail { address: EmailAddress::parse("a@b.nl").unwrap() };
        (Challenge::new("c1".into(), purpose, CodeDigest::new(&code, &rng), now), code, rng)
    }

    fn other(code: &OneTimeCode) -> OneTimeCode {
        let n: u32 = code.as_str().parse().unwrap();
        OneTimeCode::parse(&format!("{:06}", (n + 1) % 1_000_000)).unwrap()
    }

    #[test]
    fn parses_six_digits_only() {
        assert_eq!(OneTimeCode::parse(" 123 456 ").unwrap().as_str(), "123456");
        assert_eq!(OneTimeCode::parse("123-456").unwrap().as_str(), "123456");
        for bad in ["", "12345", "1234567", "12345a", "١٢٣٤٥٦", "12 34 5"] {
            assert!(OneTimeCode::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn generated_codes_are_six_digits_and_vary() {
        let rng = Seeded::new(1);
        let codes: Vec<_> = (0..50).map(|_| OneTimeCode::generate(&rng)).collect();
        assert!(codes.iter().all(|c| OneTimeCode::parse(c.as_str()).is_some()));
        let distinct: std::collections::HashSet<_> = codes.iter().map(|c| c.as_str()).collect();
        assert!(distinct.len() > 45);
    }

    #[test]
    fn right_code_within_ttl_verifies() {
        let (mut c, code, _) = challenge(1_000);
        assert_eq!(c.verify(&code, 1_000 + CODE_TTL - 1), Ok(()));
    }

    #[test]
    fn code_expires_after_ten_minutes() {
        let (mut c, code, _) = challenge(1_000);
        assert_eq!(c.verify(&code, 1_000 + CODE_TTL), Err(ChallengeError::Expired));
    }

    #[test]
    fn five_wrong_tries_lock_even_the_right_code() {
        let (mut c, code, _) = challenge(0);
        let wrong = other(&code);
        for left in (1..MAX_WRONG_TRIES).rev() {
            assert_eq!(c.verify(&wrong, 10), Err(ChallengeError::Wrong { attempts_left: left }));
        }
        assert_eq!(c.verify(&wrong, 10), Err(ChallengeError::Locked));
        assert_eq!(c.verify(&code, 10), Err(ChallengeError::Locked));
    }

    #[test]
    fn resend_has_a_cooldown_a_cap_and_replaces_the_code() {
        let (mut c, old, rng) = challenge(0);
        let fresh = OneTimeCode::generate(&rng);
        assert_eq!(
            c.resend(CodeDigest::new(&fresh, &rng), RESEND_COOLDOWN - 1),
            Err(ChallengeError::ResendTooSoon { resend_at: RESEND_COOLDOWN })
        );
        let mut now = RESEND_COOLDOWN;
        c.resend(CodeDigest::new(&fresh, &rng), now).unwrap();
        assert_eq!(c.expires_at, now + CODE_TTL);
        if old != fresh {
            assert!(c.clone().verify(&old, now).is_err());
        }
        assert_eq!(c.clone().verify(&fresh, now), Ok(()));
        for _ in 2..MAX_SENDS {
            now += RESEND_COOLDOWN;
            c.resend(CodeDigest::new(&fresh, &rng), now).unwrap();
        }
        now += RESEND_COOLDOWN;
        assert_eq!(c.resend(CodeDigest::new(&fresh, &rng), now), Err(ChallengeError::TooManySends));
    }

    #[test]
    fn the_code_itself_is_not_stored() {
        let (c, code, _) = challenge(0);
        let json = serde_json::to_string(&c).unwrap();
        assert!(!json.contains(code.as_str()));
    }
}
