//! Phone calls that confirm a number: the pending call the page waits on, and
//! what the keys pressed prove (the script and the provider's signed callback are
//! in `providers::twilio`).

use crate::phone::PhoneNumber;
use crate::{Millis, MINUTE};
use serde::{Deserialize, Serialize};

/// How long the page waits for the call to be answered and confirmed.
pub const CALL_TTL: Millis = 3 * MINUTE;

/// The same states the page sees.
pub use api::CallState;

/// What a confirmed call proves. (Read by a hand-written `Deserialize`: the
/// derived one's JSON, for less code in the worker.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "purpose", rename_all = "kebab-case")]
pub enum CallPurpose {
    /// Registers the number as a phone method in call mode.
    RegisterPhone,
    /// Registers the number as the alternate (office) phone, voice only.
    RegisterAlternatePhone,
    /// The second sign-in step with a registered phone method.
    SecondStep { method_id: String },
    /// One method of a password reset.
    Reset { method_id: String },
}

impl<'de> Deserialize<'de> for CallPurpose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            purpose: String,
            #[serde(default)]
            method_id: Option<String>,
        }
        let f = Flat::deserialize(d)?;
        let method_id = || f.method_id.clone().ok_or_else(|| D::Error::missing_field("method_id"));
        Ok(match f.purpose.as_str() {
            "register-phone" => CallPurpose::RegisterPhone,
            "register-alternate-phone" => CallPurpose::RegisterAlternatePhone,
            "second-step" => CallPurpose::SecondStep { method_id: method_id()? },
            "reset" => CallPurpose::Reset { method_id: method_id()? },
            other => {
                return Err(D::Error::unknown_variant(
                    other,
                    &["register-phone", "register-alternate-phone", "second-step", "reset"],
                ))
            }
        })
    }
}

/// A confirmation call in progress. Registers a method only once confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCall {
    pub id: String,
    pub number: PhoneNumber,
    pub purpose: CallPurpose,
    pub state: CallState,
    pub expires_at: Millis,
    /// What the callee must type before `#` (shown on the page only).
    #[serde(default)]
    pub digits: String,
}

impl PendingCall {
    pub fn new<E: crate::entropy::Entropy>(
        id: String,
        number: PhoneNumber,
        purpose: CallPurpose,
        now: Millis,
        entropy: &E,
    ) -> Self {
        let digits = crate::entropy::pick(entropy, b"0123456789", 2);
        PendingCall { id, number, purpose, state: CallState::Calling, expires_at: now + CALL_TTL, digits }
    }

    /// The keys the callee pressed (Twilio's `Digits`, `#` dropped or kept) are the
    /// digits shown on the page, compared in constant time.
    pub fn answered_with(&self, keys: &str) -> bool {
        !self.digits.is_empty() && crate::entropy::same(keys.trim().trim_end_matches('#'), &self.digits)
    }

    /// As the page sees it: calling past the deadline is a failure.
    pub fn state_at(&self, now: Millis) -> CallState {
        match self.state {
            CallState::Calling if now >= self.expires_at => CallState::Failed,
            state => state,
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_call_purpose_reads_back_as_written() {
        for p in [
            CallPurpose::RegisterPhone,
            CallPurpose::RegisterAlternatePhone,
            CallPurpose::SecondStep { method_id: "m".into() },
            CallPurpose::Reset { method_id: "r".into() },
        ] {
            let text = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<CallPurpose>(&text).unwrap(), p, "{text}");
        }
        assert!(serde_json::from_str::<CallPurpose>(r#"{"purpose":"reset"}"#).is_err());
    }

    use super::*;

    /// Security review finding 5: `#` alone proves nothing; the digits the page
    /// shows must come first.
    #[test]
    fn finding_5_a_call_is_confirmed_only_by_the_digits_on_the_page() {
        let number = PhoneNumber::parse("0612345678", "NL").unwrap().number;
        let call = PendingCall::new("c".into(), number, CallPurpose::RegisterPhone, 0, &crate::entropy::Seeded::new(9));
        assert_eq!(call.digits.len(), 2);
        assert!(call.digits.chars().all(|c| c.is_ascii_digit()));
        let right = call.digits.clone();
        assert!(call.answered_with(&format!("{right}#")) && call.answered_with(&right));
        let wrong = format!("{:02}", (right.parse::<u8>().unwrap() + 1) % 100);
        for keys in ["#", "", "1", &format!("{wrong}#"), &format!("{right}{right}#")] {
            assert!(!call.answered_with(keys), "{keys:?}");
        }
    }
}
