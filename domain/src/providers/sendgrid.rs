//! SendGrid's v3 `mail/send` API: the email provider shape we speak.

use crate::delivery::Email;

/// The JSON body of SendGrid's v3 `mail/send` API, the provider shape we speak.
pub fn mail_send(email: &Email, from: &str, from_name: &str) -> serde_json::Value {
    serde_json::json!({
        "personalizations": [{ "to": [{ "email": email.to.as_str() }] }],
        "from": { "email": from, "name": from_name },
        "subject": email.subject,
        "content": [{ "type": "text/plain", "value": email.text }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::{code_email, Message};
    use crate::email::EmailAddress;

    #[test]
    fn payload_has_the_provider_shape() {
        let to = EmailAddress::parse("a@b.nl").unwrap();
        let p = mail_send(&email(code_email(&to, "123456", "C", "en-US")), "no-reply@c.example", "C");
        assert_eq!(p["personalizations"][0]["to"][0]["email"], "a@b.nl");
        assert_eq!(p["from"]["email"], "no-reply@c.example");
        assert_eq!(p["content"][0]["type"], "text/plain");
        assert!(p["content"][0]["value"].as_str().unwrap().contains("123456"));
    }

    fn email(m: Message) -> Email {
        match m {
            Message::Email(e) => e,
            other => panic!("{other:?}"),
        }
    }
}
