//! `application/x-www-form-urlencoded` bodies and HTTP Basic credentials, as the
//! providers' REST APIs take them and post them back.

/// `application/x-www-form-urlencoded`, as Twilio's REST API takes it.
pub fn form_encode(fields: &[(&str, String)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => (b as char).to_string(),
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// Decodes an `application/x-www-form-urlencoded` body (as providers post it).
pub fn form_decode(body: &str) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                        Ok(b) => {
                            out.push(b);
                            i += 2;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

pub fn basic_auth(user: &str, password: &str) -> String {
    format!("Basic {}", api::base64::standard::encode(format!("{user}:{password}").as_bytes()))
}

/// The user and password of an `Authorization: Basic` header, if it is one.
pub fn basic_credentials(header: &str) -> Option<(String, String)> {
    let encoded = header.strip_prefix("Basic ").or_else(|| header.strip_prefix("basic "))?.trim();
    // Some clients send the URL-safe alphabet: taken too.
    let bytes =
        api::base64::standard::decode(encoded).or_else(|| api::base64::url::decode(encoded.trim_end_matches('=')))?;
    let text = String::from_utf8(bytes).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_and_basic_auth_encoding() {
        assert_eq!(
            form_encode(&[("To", "+31 6".into()), ("Body", "a&b=c é".into())]),
            "To=%2B31+6&Body=a%26b%3Dc+%C3%A9"
        );
        assert_eq!(basic_auth("AC123", "secret"), "Basic QUMxMjM6c2VjcmV0");
        assert_eq!(basic_auth("a", "b"), "Basic YTpi");
    }

    #[test]
    fn form_decoding_round_trips_encoding() {
        let fields = [("To", "+31 6".to_string()), ("Body", "a&b=c é 100%".to_string())];
        let decoded = form_decode(&form_encode(&fields));
        assert_eq!(decoded, vec![("To".into(), "+31 6".into()), ("Body".into(), "a&b=c é 100%".into())]);
        assert_eq!(form_decode("Digits=%23&x"), vec![("Digits".into(), "#".into()), ("x".into(), "".into())]);
        assert_eq!(form_decode("a=%2"), vec![("a".into(), "%2".into())]);
    }

    #[test]
    fn basic_credentials_round_trip() {
        assert_eq!(basic_credentials(&basic_auth("AC1", "s:e")), Some(("AC1".into(), "s:e".into())));
        assert_eq!(basic_credentials("Basic %%%"), None);
        assert_eq!(basic_credentials("Bearer x"), None);
    }
}
