//! Delivery of codes. A `Mailer` sends; the worker has a provider speaking an email
//! API over HTTP and, in development builds only, the outbox, which records messages
//! in the store for the dev inbox page and tests.

use crate::email::EmailAddress;
use crate::Error;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: EmailAddress,
    pub subject: String,
    pub text: String,
}

#[allow(async_fn_in_trait)]
pub trait Mailer {
    async fn send(&self, email: &Email) -> Result<(), Error>;
}

fn email_ftl(lang: &str) -> &'static str {
    match lang {
        "nl-NL" => include_str!("../../locales/nl-NL/email.ftl"),
        _ => include_str!("../../locales/en-US/email.ftl"),
    }
}

/// Formats one message of `email.ftl` in `lang`; falls back to the message id so a
/// missing translation shows up instead of failing the send.
fn format(lang: &str, id: &str, args: &FluentArgs) -> String {
    let langid = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![langid]);
    // Plain-text mail: no Unicode isolation marks around placeables.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(email_ftl(lang).to_string()) {
        Ok(r) | Err((r, _)) => r,
    };
    let _ = bundle.add_resource(resource);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut errors = vec![];
    bundle.format_pattern(pattern, Some(args), &mut errors).into_owned()
}

/// The message that carries a verification code, in the user's language.
pub fn code_email(to: &EmailAddress, code: &str, tenant: &str, lang: &str) -> Email {
    let mut args = FluentArgs::new();
    args.set("tenant", tenant.to_string());
    args.set("code", code.to_string());
    Email {
        to: to.clone(),
        subject: format(lang, "email-code-subject", &args),
        text: format(lang, "email-code-body", &args),
    }
}

/// The JSON body of SendGrid's v3 `mail/send` API, the provider shape we speak.
pub fn provider_payload(email: &Email, from: &str, from_name: &str) -> serde_json::Value {
    serde_json::json!({
        "personalizations": [{ "to": [{ "email": email.to.as_str() }] }],
        "from": { "email": from, "name": from_name },
        "subject": email.subject,
        "content": [{ "type": "text/plain", "value": email.text }],
    })
}

#[cfg(feature = "dev")]
pub use outbox::{Outbox, OutboxMessage};

#[cfg(feature = "dev")]
mod outbox {
    use super::{Email, Mailer};
    use crate::store::{put_json, Store};
    use crate::{keys, Error, Millis};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct OutboxMessage {
        pub sent_at: Millis,
        #[serde(flatten)]
        pub email: Email,
    }

    /// Records mail in the store instead of sending it. Development builds only.
    pub struct Outbox<'a, S> {
        pub store: &'a S,
        pub now: Millis,
    }

    /// Kept a day: long enough to read, short enough not to pile up.
    const KEEP_SECONDS: u64 = 24 * 3600;

    impl<S: Store> Mailer for Outbox<'_, S> {
        async fn send(&self, email: &Email) -> Result<(), Error> {
            // Newest first in key order; the digest keeps same-millisecond mails apart.
            let digest = crate::session::token_digest(&format!("{}{}", email.to.as_str(), email.text));
            let key = format!("{}{:020}-{}", keys::OUTBOX, u64::MAX - self.now, &digest[..12]);
            put_json(self.store, &key, &OutboxMessage { sent_at: self.now, email: email.clone() }, Some(KEEP_SECONDS))
                .await
        }
    }

    impl<S: Store> Outbox<'_, S> {
        /// The newest `limit` messages, newest first.
        pub async fn recent(&self, limit: usize) -> Result<Vec<OutboxMessage>, Error> {
            let mut out = vec![];
            for key in self.store.list(keys::OUTBOX, limit).await? {
                if let Some(m) = crate::store::get_json(self.store, &key).await? {
                    out.push(m);
                }
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_email_is_translated_and_carries_the_code() {
        let to = EmailAddress::parse("a@b.nl").unwrap();
        let en = code_email(&to, "123456", "Contoso", "en-US");
        assert_eq!(en.subject, "Contoso verification code: 123456");
        assert!(en.text.contains("\n123456\n") && en.text.contains("expires in 10 minutes"));
        let nl = code_email(&to, "123456", "Contoso", "nl-NL");
        assert_eq!(nl.subject, "Verificatiecode van Contoso: 123456");
        assert!(nl.text.contains("verloopt over 10 minuten"));
        assert!(!nl.text.contains('\u{2068}'), "no isolation marks in plain text");
    }

    #[test]
    fn payload_has_the_provider_shape() {
        let to = EmailAddress::parse("a@b.nl").unwrap();
        let p = provider_payload(&code_email(&to, "123456", "C", "en-US"), "no-reply@c.example", "C");
        assert_eq!(p["personalizations"][0]["to"][0]["email"], "a@b.nl");
        assert_eq!(p["from"]["email"], "no-reply@c.example");
        assert_eq!(p["content"][0]["type"], "text/plain");
        assert!(p["content"][0]["value"].as_str().unwrap().contains("123456"));
    }
}
