//! Phone calls that confirm a number: the call's script (TwiML with `<Gather>`),
//! the provider's signed callback when the user presses `#`, and the pending call
//! the page waits on.

use crate::delivery::{base64, format};
use crate::phone::PhoneNumber;
use crate::{Millis, MINUTE};
use fluent_bundle::FluentArgs;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha1::Sha1;

/// How long the page waits for the call to be answered and confirmed.
pub const CALL_TTL: Millis = 3 * MINUTE;

/// `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, of the full
/// callback URL followed by every POST parameter name and value, sorted by name.
pub fn twilio_signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()) else { return String::new() };
    mac.update(data.as_bytes());
    base64(&mac.finalize().into_bytes())
}

/// Checks a callback's signature in constant time.
pub fn signature_valid(auth_token: &str, url: &str, params: &[(String, String)], header: &str) -> bool {
    let expected = twilio_signature(auth_token, url, params);
    !auth_token.is_empty() && crate::entropy::same(&expected, header)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

fn say(lang: &str, text: &str) -> String {
    let voice_lang = if lang == "nl-NL" { "nl-NL" } else { "en-US" };
    format!("<Say language=\"{voice_lang}\">{}</Say>", xml_escape(text))
}

/// The script: name the purpose, ask for the digits on the screen and `#` (twice
/// at most), post the keys pressed to `action`.
pub fn confirm_twiml(lang: &str, tenant: &str, action: &str, purpose: &CallPurpose) -> String {
    let mut args = FluentArgs::new();
    args.set("tenant", tenant.to_string());
    let purpose_id = match purpose {
        CallPurpose::RegisterPhone | CallPurpose::RegisterAlternatePhone => "voice-purpose-register",
        CallPurpose::SecondStep { .. } => "voice-purpose-sign-in",
        CallPurpose::Reset { .. } => "voice-purpose-reset",
    };
    args.set("purpose", format(lang, purpose_id, &FluentArgs::new()));
    let ask = say(lang, &format(lang, "voice-confirm", &args));
    let gather = format!(
        "<Gather finishOnKey=\"#\" timeout=\"10\" action=\"{}\" method=\"POST\">{ask}</Gather>",
        xml_escape(action)
    );
    let repeat = say(lang, &format(lang, "voice-repeat", &FluentArgs::new()));
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{gather}{repeat}{gather}</Response>")
}

/// What the call says after the key press.
pub fn result_twiml(lang: &str, confirmed: bool) -> String {
    let id = if confirmed { "voice-confirmed" } else { "voice-not-confirmed" };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{}<Hangup/></Response>",
        say(lang, &format(lang, id, &FluentArgs::new()))
    )
}

/// The same states the page sees.
pub use api::CallState;

/// What a confirmed call proves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    use super::*;

    /// The example from Twilio's signature validation snippets (api-snippets).
    #[test]
    fn signature_matches_twilios_documented_example() {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        let params: Vec<(String, String)> = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+14158675310"),
            ("Digits", "1234"),
            ("From", "+14158675310"),
            ("To", "+18005551212"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let sig = twilio_signature("12345", url, &params);
        assert_eq!(sig, "GvWf1cFY/Q7PnoempGyD5oXAezc=");
        assert!(signature_valid("12345", url, &params, &sig));
        assert!(!signature_valid("12345", url, &params, "GvWf1cFY/Q7PnoempGyD5oXAezc"));
        assert!(!signature_valid("wrong", url, &params, &sig));
        assert!(!signature_valid("", url, &params, &twilio_signature("", url, &params)));
        let mut tampered = params.clone();
        tampered[2].1 = "#".into();
        assert!(!signature_valid("12345", url, &tampered, &sig));
    }

    #[test]
    fn script_gathers_digits_until_pound_names_its_purpose_and_is_translated_and_escaped() {
        let reset = CallPurpose::Reset { method_id: "phone".into() };
        let xml = confirm_twiml("nl-NL", "A&B", "https://x/api/v1/voice/t/u/c?x=1&y=2", &reset);
        assert!(xml.contains("<Gather finishOnKey=\"#\""));
        assert!(xml.contains("action=\"https://x/api/v1/voice/t/u/c?x=1&amp;y=2\""));
        assert!(xml.contains("Dit is A&amp;B") && xml.contains("wachtwoord opnieuw in te stellen"));
        assert!(xml.contains("language=\"nl-NL\""));
        let sign_in = confirm_twiml("en-US", "C", "a", &CallPurpose::SecondStep { method_id: "phone".into() });
        assert!(sign_in.contains("To sign in, type the two digits shown on your screen"));
        assert!(result_twiml("en-US", true).contains("confirmed"));
    }

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
