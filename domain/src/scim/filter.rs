//! The filters this server answers (RFC 7644 §3.4.2.2): equality on the
//! attributes directories look people up by. Anything else is `invalidFilter`.

use super::ScimError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Id(String),
    UserName(String),
    ExternalId(String),
    /// `emails.value eq` or `emails[type eq "work"].value eq` (`kind` then).
    Email {
        kind: Option<String>,
        value: String,
    },
}

/// Parses `attribute eq "value"`.
pub fn parse(text: &str) -> Result<Filter, ScimError> {
    let invalid = || {
        ScimError::new(
            400,
            Some("invalidFilter"),
            "supported: userName, externalId, id, emails.value or emails[type eq \"…\"].value with eq",
        )
    };
    let text = text.trim();
    let (attribute, rest) = split_attribute(text).ok_or_else(invalid)?;
    let rest = rest.trim_start();
    let (op, value) = rest.split_once(char::is_whitespace).ok_or_else(invalid)?;
    if !op.eq_ignore_ascii_case("eq") {
        return Err(invalid());
    }
    let value = string(value.trim()).ok_or_else(invalid)?;
    let attribute = attribute.rsplit(':').next().unwrap_or(attribute).to_ascii_lowercase();
    match attribute.as_str() {
        "id" => Ok(Filter::Id(value)),
        "username" => Ok(Filter::UserName(value)),
        "externalid" => Ok(Filter::ExternalId(value)),
        "emails" | "emails.value" => Ok(Filter::Email { kind: None, value }),
        _ => match email_kind(&attribute) {
            Some(kind) => Ok(Filter::Email { kind: Some(kind), value }),
            None => Err(invalid()),
        },
    }
}

/// The attribute path up to the first space outside brackets.
fn split_attribute(text: &str) -> Option<(&str, &str)> {
    let mut depth = 0u32;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.checked_sub(1)?,
            c if c.is_whitespace() && depth == 0 => return Some((&text[..i], &text[i..])),
            _ => {}
        }
    }
    None
}

/// `emails[type eq "work"].value` → `work` (already lower-cased).
pub fn email_kind(path: &str) -> Option<String> {
    let inner = path
        .strip_prefix("emails[")?
        .strip_suffix("].value")
        .or_else(|| path.strip_prefix("emails[")?.strip_suffix(']'))?;
    let (attribute, rest) = inner.trim().split_once(char::is_whitespace)?;
    let (op, value) = rest.trim().split_once(char::is_whitespace)?;
    (attribute == "type" && op == "eq").then(|| string(value.trim())).flatten()
}

/// A JSON string literal's value.
fn string(text: &str) -> Option<String> {
    serde_json::from_str::<String>(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_directories_send_parse() {
        assert_eq!(parse(r#"userName eq "Ann@Example.org""#), Ok(Filter::UserName("Ann@Example.org".into())));
        assert_eq!(parse(r#"externalId EQ "a \"b\"""#), Ok(Filter::ExternalId("a \"b\"".into())));
        assert_eq!(
            parse(r#"emails[type eq "work"].value eq "ann@example.org""#),
            Ok(Filter::Email { kind: Some("work".into()), value: "ann@example.org".into() })
        );
        assert_eq!(
            parse(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x""#),
            Ok(Filter::UserName("x".into()))
        );
        for bad in
            [r#"userName co "a""#, "userName eq a", r#"title eq "x""#, "", r#"userName eq "a" and active eq true"#]
        {
            assert_eq!(parse(bad).unwrap_err().scim_type, Some("invalidFilter"), "{bad}");
        }
    }
}
