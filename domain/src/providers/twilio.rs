//! Twilio: the REST API's Messages and Calls forms, the call's script (TwiML with
//! `<Gather>`), where the script posts the keys pressed, and the signature of that
//! callback (`X-Twilio-Signature`).

use crate::delivery::{format, Call, Sms};
use crate::messages::Args;
use crate::voice::CallPurpose;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// The form fields of Twilio's Calls resource (the script inline as `Twiml`).
pub fn call_form(call: &Call, from: &str) -> Vec<(&'static str, String)> {
    vec![("To", call.to.e164().to_string()), ("From", from.to_string()), ("Twiml", call.twiml.clone())]
}

/// Who texts come from: a number, or a Messaging Service (which picks one of its
/// numbers, sender ids or short codes per country).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsSender {
    Number(String),
    MessagingService(String),
}

/// The form fields of Twilio's Messages resource.
/// `status_callback`: where the provider reports whether it arrived.
pub fn sms_form(sms: &Sms, from: &SmsSender, status_callback: Option<&str>) -> Vec<(&'static str, String)> {
    let sender = match from {
        SmsSender::Number(number) => ("From", number.clone()),
        SmsSender::MessagingService(sid) => ("MessagingServiceSid", sid.clone()),
    };
    let mut form = vec![("To", sms.to.e164().to_string()), sender, ("Body", sms.body.clone())];
    if let Some(url) = status_callback {
        form.push(("StatusCallback", url.to_string()));
    }
    form
}

/// Where the provider posts the key press: the voice callback endpoint under
/// `base` (scheme, host and tenant prefix), with the call's language.
pub fn callback_url(base: &str, tenant: &str, user: &str, call: &str, lang: &str) -> String {
    let path = api::endpoints::VOICE.route.fill(&[tenant, user, call]);
    format!("{base}{path}?lang={lang}")
}

/// The keys pressed, from a callback's form, if its signature is valid.
pub fn keys_pressed(auth_token: &str, url: &str, body: &str, header: &str) -> Option<String> {
    let form = super::form::form_decode(body);
    signature_valid(auth_token, url, &form, header)
        .then(|| form.into_iter().find(|(k, _)| k == "Digits").map(|(_, v)| v).unwrap_or_default())
}

/// `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, of the full
/// callback URL followed by every POST parameter name and value, sorted by name.
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()) else { return String::new() };
    mac.update(data.as_bytes());
    api::base64::standard::encode(&mac.finalize().into_bytes())
}

/// Where the provider reports a text's delivery status: the status endpoint under
/// `base` (scheme, host and tenant prefix).
pub fn status_url(base: &str, tenant: &str) -> String {
    format!("{base}{}", api::endpoints::SMS_STATUS.route.fill(&[tenant]))
}

/// A text's delivery status, as the provider reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsStatus {
    pub sid: String,
    /// `queued`, `sent`, `delivered`, `undelivered`, `failed`…
    pub status: String,
    pub to: String,
    pub error_code: Option<String>,
}

impl SmsStatus {
    /// The text will not arrive.
    pub fn failed(&self) -> bool {
        matches!(self.status.as_str(), "failed" | "undelivered")
    }
}

/// A status callback's report, if its signature is valid.
pub fn sms_status(auth_token: &str, url: &str, body: &str, header: &str) -> Option<SmsStatus> {
    let form = super::form::form_decode(body);
    if !signature_valid(auth_token, url, &form, header) {
        return None;
    }
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    Some(SmsStatus {
        sid: field("MessageSid")?,
        status: field("MessageStatus")?,
        to: field("To").unwrap_or_default(),
        error_code: field("ErrorCode"),
    })
}

/// Checks a callback's signature in constant time.
pub fn signature_valid(auth_token: &str, url: &str, params: &[(String, String)], header: &str) -> bool {
    let expected = signature(auth_token, url, params);
    !auth_token.is_empty() && crate::entropy::same(&expected, header)
}

pub(crate) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

fn say(lang: &str, text: &str) -> String {
    let voice_lang = if lang == "nl-NL" { "nl-NL" } else { "en-US" };
    format!("<Say language=\"{voice_lang}\">{}</Say>", xml_escape(text))
}

/// The script: name the purpose, ask for the digits on the screen and `#` (twice
/// at most), post the keys pressed to `action`.
pub fn confirm_twiml(lang: &str, tenant: &str, action: &str, purpose: &CallPurpose) -> String {
    let mut args = Args::new();
    args.set("tenant", tenant.to_string());
    let purpose_id = match purpose {
        CallPurpose::RegisterPhone | CallPurpose::RegisterAlternatePhone => "voice-purpose-register",
        CallPurpose::SecondStep { .. } => "voice-purpose-sign-in",
        CallPurpose::Reset { .. } => "voice-purpose-reset",
    };
    args.set("purpose", format(lang, purpose_id, &Args::new()));
    let ask = say(lang, &format(lang, "voice-confirm", &args));
    let gather = format!(
        "<Gather finishOnKey=\"#\" timeout=\"10\" action=\"{}\" method=\"POST\">{ask}</Gather>",
        xml_escape(action)
    );
    let repeat = say(lang, &format(lang, "voice-repeat", &Args::new()));
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{gather}{repeat}{gather}</Response>")
}

/// What the call says after the key press.
pub fn result_twiml(lang: &str, confirmed: bool) -> String {
    let id = if confirmed { "voice-confirmed" } else { "voice-not-confirmed" };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{}<Hangup/></Response>",
        say(lang, &format(lang, id, &Args::new()))
    )
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
        let sig = signature("12345", url, &params);
        assert_eq!(sig, "GvWf1cFY/Q7PnoempGyD5oXAezc=");
        assert!(signature_valid("12345", url, &params, &sig));
        assert!(!signature_valid("12345", url, &params, "GvWf1cFY/Q7PnoempGyD5oXAezc"));
        assert!(!signature_valid("wrong", url, &params, &sig));
        assert!(!signature_valid("", url, &params, &signature("", url, &params)));
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

    #[test]
    fn the_callback_is_the_voice_endpoint_and_only_a_signed_one_is_read() {
        let url = callback_url("https://x.example/t/c", "c", "u1", "k2", "nl-NL");
        assert_eq!(url, "https://x.example/t/c/api/v1/voice/c/u1/k2?lang=nl-NL");
        let body = "CallSid=CA1&Digits=42%23";
        let form = super::super::form::form_decode(body);
        let header = signature("tok", &url, &form);
        assert_eq!(keys_pressed("tok", &url, body, &header), Some("42#".into()));
        assert_eq!(keys_pressed("tok", &url, "CallSid=CA1&Digits=43%23", &header), None);
        assert_eq!(keys_pressed("", &url, body, &signature("", &url, &form)), None);
    }

    #[test]
    fn sms_form_has_the_resource_fields() {
        let to = crate::phone::PhoneNumber::parse("06 12345678", "NL").unwrap().number;
        let sms = Sms { to, body: "b".into() };
        assert_eq!(
            sms_form(&sms, &SmsSender::Number("+3197010000000".into()), None)[0],
            ("To", "+31612345678".to_string())
        );
        let service = sms_form(&sms, &SmsSender::MessagingService("MG0123".into()), Some("https://x.example/s"));
        assert_eq!(service[1], ("MessagingServiceSid", "MG0123".to_string()));
        assert!(service.iter().all(|(k, _)| *k != "From"));
        assert_eq!(service[3], ("StatusCallback", "https://x.example/s".to_string()));
    }

    #[test]
    fn a_status_report_is_read_only_when_signed() {
        let url = status_url("https://contoso.example", "contoso");
        assert_eq!(url, "https://contoso.example/api/v1/delivery/sms/contoso");
        let body = "MessageSid=SM1&MessageStatus=undelivered&To=%2B31612345678&ErrorCode=30003";
        let header = signature("tok", &url, &super::super::form::form_decode(body));
        let report = sms_status("tok", &url, body, &header).unwrap();
        assert_eq!(
            (report.sid.as_str(), report.to.as_str(), report.error_code.as_deref()),
            ("SM1", "+31612345678", Some("30003"))
        );
        assert!(report.failed());
        assert_eq!(
            sms_status(
                "tok",
                &url,
                "MessageSid=SM1&MessageStatus=delivered&To=%2B31612345678&ErrorCode=30003",
                &header
            ),
            None
        );
        let delivered = "MessageSid=SM2&MessageStatus=delivered";
        let ok =
            sms_status("tok", &url, delivered, &signature("tok", &url, &super::super::form::form_decode(delivered)));
        assert!(!ok.unwrap().failed());
    }
}
