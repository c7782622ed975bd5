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

/// The script: ask for `#` (twice at most), post the key press to `action`.
pub fn confirm_twiml(lang: &str, tenant: &str, action: &str) -> String {
    let mut args = FluentArgs::new();
    args.set("tenant", tenant.to_string());
    let ask = say(lang, &format(lang, "voice-confirm", &args));
    let gather = format!(
        "<Gather numDigits=\"1\" finishOnKey=\"\" timeout=\"8\" action=\"{}\" method=\"POST\">{ask}</Gather>",
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
}

impl PendingCall {
    pub fn new(id: String, number: PhoneNumber, purpose: CallPurpose, now: Millis) -> Self {
        PendingCall { id, number, purpose, state: CallState::Calling, expires_at: now + CALL_TTL }
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
    fn script_gathers_one_key_and_is_translated_and_escaped() {
        let xml = confirm_twiml("nl-NL", "A&B", "https://x/api/v1/voice/t/u/c?x=1&y=2");
        assert!(xml.contains("<Gather numDigits=\"1\""));
        assert!(xml.contains("action=\"https://x/api/v1/voice/t/u/c?x=1&amp;y=2\""));
        assert!(xml.contains("Dit is A&amp;B") && xml.contains("druk dan op het hekje"));
        assert!(xml.contains("language=\"nl-NL\""));
        assert!(result_twiml("en-US", true).contains("confirmed"));
    }
}
