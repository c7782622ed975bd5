//! Delivery of codes by email and text message. A `Courier` sends; the worker has
//! providers speaking an email API and an SMS API over HTTP and, in development
//! builds only, the outbox, which records messages in the store for the dev inbox
//! page and tests.

use crate::email::EmailAddress;
use crate::messages::Args;
use crate::phone::PhoneNumber;
use crate::Error;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: EmailAddress,
    pub subject: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sms {
    pub to: PhoneNumber,
    pub body: String,
}

/// A phone call that plays a script (TwiML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub to: PhoneNumber,
    pub twiml: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "channel", rename_all = "kebab-case")]
pub enum Message {
    Email(Email),
    Sms(Sms),
    Call(Call),
}

pub mod queue;

#[allow(async_fn_in_trait)]
pub trait Courier {
    /// Sends a message someone is waiting for (a code, a call) now.
    async fn send(&self, message: &Message) -> Result<(), Error>;
    /// A message nobody waits for (a security notice, an invitation): it may go out
    /// a little later, through the delivery queue, which tries it again until the
    /// provider takes it.
    async fn notify(&self, message: &Message) -> Result<(), Error> {
        self.send(message).await
    }
}

impl Message {
    pub fn channel(&self) -> api::reports::Channel {
        match self {
            Message::Email(_) => api::reports::Channel::Email,
            Message::Sms(_) => api::reports::Channel::Sms,
            Message::Call(_) => api::reports::Channel::Call,
        }
    }

    /// The recipient, masked, for logs and the admin's list.
    pub fn masked_recipient(&self) -> String {
        match self {
            Message::Email(email) => email.to.masked(),
            Message::Sms(Sms { to, .. }) | Message::Call(Call { to, .. }) => to.masked(),
        }
    }
}

pub(crate) use crate::messages::format;

fn code_args(code: &str, tenant: &str) -> Args {
    let mut args = Args::new();
    args.set("tenant", tenant.to_string());
    args.set("code", code.to_string());
    args
}

/// An email from `email.ftl`'s `email-{name}-subject` and `email-{name}-body`.
fn mail(to: &EmailAddress, lang: &str, name: &str, args: &Args) -> Message {
    Message::Email(Email {
        to: to.clone(),
        subject: format(lang, &format!("email-{name}-subject"), args),
        text: format(lang, &format!("email-{name}-body"), args),
    })
}

/// The email that carries a verification code, in the user's language.
pub fn code_email(to: &EmailAddress, code: &str, tenant: &str, lang: &str) -> Message {
    let args = code_args(code, tenant);
    mail(to, lang, "code", &args)
}

/// The email that carries a password-reset code.
pub fn reset_code_email(to: &EmailAddress, code: &str, tenant: &str, lang: &str) -> Message {
    let args = code_args(code, tenant);
    mail(to, lang, "reset", &args)
}

/// The notice after a password reset.
pub fn password_changed_email(to: &EmailAddress, tenant: &str, lang: &str, report: Option<&str>) -> Message {
    let mut args = Args::new();
    args.set("tenant", tenant.to_string());
    args.set("report", report_line(lang, report));
    mail(to, lang, "password-changed", &args)
}

/// "If this wasn't you, open …" with the link, or the plain advice without one.
fn report_line(lang: &str, link: Option<&str>) -> String {
    match link {
        Some(link) => {
            let mut args = Args::new();
            args.set("link", link.to_string());
            format(lang, "email-report-link", &args)
        }
        None => format(lang, "email-report-none", &Args::new()),
    }
}

/// "Your security info changed": sent to the user's addresses after each change.
pub fn security_notice(
    to: &EmailAddress,
    tenant: &str,
    lang: &str,
    activity: &api::Activity,
    report: Option<&str>,
) -> Message {
    use api::Activity as A;
    let mut args = Args::new();
    args.set("tenant", tenant.to_string());
    args.set("report", report_line(lang, report));
    let (change, method) = match activity {
        A::MethodAdded { method } => ("notice-added", Some(*method)),
        A::MethodChanged { method } => ("notice-changed", Some(*method)),
        A::MethodDeleted { method } => ("notice-deleted", Some(*method)),
        A::AppPasswordCreated { .. } => ("notice-added", Some(api::MethodKind::AppPassword)),
        A::AppPasswordDeleted { .. } => ("notice-deleted", Some(api::MethodKind::AppPassword)),
        A::DefaultChanged { method } => ("notice-default", Some(*method)),
        A::AccessPassIssued => ("notice-access-pass", None),
        A::RecoveryCodeUsed { remaining } => {
            args.set("remaining", *remaining);
            ("notice-recovery-used", None)
        }
        _ => ("notice-other", None),
    };
    if let Some(kind) = method {
        args.set("method", format(lang, &format!("notice-method-{}", kind.as_str()), &Args::new()));
    }
    args.set("change", format(lang, change, &args));
    mail(to, lang, "notice", &args)
}

/// A change notice by text, for a phone that was replaced or removed: the person
/// who lost it hears of the change (one SMS segment, no link).
pub fn security_notice_sms(to: &PhoneNumber, tenant: &str, lang: &str) -> Message {
    let mut args = Args::new();
    args.set("tenant", tenant.to_string());
    Message::Sms(Sms { to: to.clone(), body: format(lang, "sms-notice", &args) })
}

/// An invitation to a new account: the username, a one-time access pass and where
/// to use it (with it the user sets a password and methods).
pub fn invitation_email(
    to: &EmailAddress,
    username: &str,
    pass: &str,
    link: &str,
    tenant: &str,
    lang: &str,
) -> Message {
    let mut args = Args::new();
    args.set("tenant", tenant);
    args.set("username", username);
    args.set("pass", pass);
    args.set("link", link);
    mail(to, lang, "invitation", &args)
}

/// The code the help desk asks a caller to read back, by mail: it says who asks,
/// so someone who did not call knows to keep it.
pub fn caller_email(to: &EmailAddress, code: &str, tenant: &str, lang: &str) -> Message {
    let args = code_args(code, tenant);
    mail(to, lang, "caller", &args)
}

/// The same by text message.
pub fn caller_sms(to: &PhoneNumber, code: &str, tenant: &str, lang: &str) -> Message {
    Message::Sms(Sms { to: to.clone(), body: format(lang, "sms-caller", &code_args(code, tenant)) })
}

/// The text message that carries a verification code (one SMS segment).
pub fn code_sms(to: &PhoneNumber, code: &str, tenant: &str, lang: &str) -> Message {
    Message::Sms(Sms { to: to.clone(), body: format(lang, "sms-code", &code_args(code, tenant)) })
}

#[cfg(feature = "dev")]
pub use outbox::{Outbox, OutboxMessage};

#[cfg(feature = "dev")]
mod outbox {
    use super::{Courier, Message};
    use crate::store::{put_json, Store};
    use crate::{keys, Error, Millis};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct OutboxMessage {
        pub sent_at: Millis,
        #[serde(flatten)]
        pub message: Message,
    }

    /// Records mail in the store instead of sending it. Development builds only.
    pub struct Outbox<'a, S> {
        pub store: &'a S,
        pub now: Millis,
    }

    /// Kept a day: long enough to read, short enough not to pile up.
    const KEEP_SECONDS: u64 = 24 * 3600;

    impl<S: Store> Courier for Outbox<'_, S> {
        async fn send(&self, message: &Message) -> Result<(), Error> {
            // Newest first in key order; the digest keeps same-millisecond messages apart.
            let digest = crate::session::token_digest(&serde_json::to_string(message)?);
            let key = format!("{}{:020}-{}", keys::OUTBOX, u64::MAX - self.now, &digest[..12]);
            let record = OutboxMessage { sent_at: self.now, message: message.clone() };
            put_json(self.store, &key, &record, Some(KEEP_SECONDS)).await
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

    fn email(m: Message) -> Email {
        match m {
            Message::Email(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn code_email_is_translated_and_carries_the_code() {
        let to = EmailAddress::parse("a@b.nl").unwrap();
        let en = email(code_email(&to, "123456", "Contoso", "en-US"));
        assert_eq!(en.subject, "Contoso verification code: 123456");
        assert!(en.text.contains("\n123456\n") && en.text.contains("expires in 10 minutes"));
        let nl = email(code_email(&to, "123456", "Contoso", "nl-NL"));
        assert_eq!(nl.subject, "Verificatiecode van Contoso: 123456");
        assert!(nl.text.contains("verloopt over 10 minuten"));
        assert!(!nl.text.contains('\u{2068}'), "no isolation marks in plain text");
    }

    #[test]
    fn code_sms_is_short_translated_and_carries_the_code() {
        let to = PhoneNumber::parse("06 12345678", "NL").unwrap().number;
        let Message::Sms(en) = code_sms(&to, "123456", "Contoso", "en-US") else { panic!() };
        assert!(en.body.starts_with("123456 is your Contoso verification code"));
        assert!(en.body.len() <= 160, "one SMS segment");
        let Message::Sms(nl) = code_sms(&to, "123456", "Contoso", "nl-NL") else { panic!() };
        assert!(nl.body.starts_with("123456 is uw verificatiecode van Contoso"));
    }
}
