//! Postmark's `email` API: the second email provider shape we speak
//! (`MAIL_PROVIDER = "postmark"`).

use crate::delivery::Email;

/// The JSON body of Postmark's `POST /email`: one plain-text message on the
/// transactional stream.
pub fn email(email: &Email, from: &str, from_name: &str) -> serde_json::Value {
    serde_json::json!({
        "From": format!("{} <{from}>", quoted(from_name)),
        "To": email.to.as_str(),
        "Subject": email.subject,
        "TextBody": email.text,
        "MessageStream": "outbound",
    })
}

/// A display name as an RFC 5322 quoted string.
fn quoted(name: &str) -> String {
    let inner: String = name
        .chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| if matches!(c, '"' | '\\') { vec!['\\', c] } else { vec![c] })
        .collect();
    format!("\"{inner}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::{code_email, Message};
    use crate::email::EmailAddress;

    #[test]
    fn payload_has_the_provider_shape() {
        let to = EmailAddress::parse("a@b.nl").unwrap();
        let Message::Email(mail) = code_email(&to, "123456", "C", "en-US") else { panic!("an email") };
        let p = email(&mail, "no-reply@c.example", "Contoso \"IT\"\r\n");
        assert_eq!(p["From"], "\"Contoso \\\"IT\\\"\" <no-reply@c.example>");
        assert_eq!(p["To"], "a@b.nl");
        assert_eq!(p["MessageStream"], "outbound");
        assert!(p["TextBody"].as_str().unwrap().contains("123456"));
        assert!(p["Subject"].as_str().unwrap().contains("123456"));
    }
}
