//! Property tests of every parser that sees user or network input: none may panic
//! on any input, and what they accept has the shape the rest of the code relies on.

use api::base64url;
use api::{AssertionCredential, AssertionResponse, AttestationResponse, RegistrationCredential};
use domain::code::OneTimeCode;
use domain::email::EmailAddress;
use domain::phone::PhoneNumber;
use domain::totp::TotpSecret;
use domain::webauthn::{verify_assertion, verify_registration, Credential, RelyingParty};
use proptest::prelude::*;

const ORIGIN: &str = "https://portal.example";
const CHALLENGE: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

fn rp() -> RelyingParty {
    RelyingParty { id: "portal.example".into(), origin: ORIGIN.into() }
}

/// Client data that passes the checks, so random bytes reach the CBOR and
/// authenticator-data parsers behind it.
fn client_data(kind: &str) -> String {
    base64url::encode(format!(r#"{{"type":"{kind}","challenge":"{CHALLENGE}","origin":"{ORIGIN}"}}"#).as_bytes())
}

fn registration(client_data_json: String, attestation_object: String) -> RegistrationCredential {
    RegistrationCredential {
        id: "AAAA".into(),
        raw_id: "AAAA".into(),
        kind: "public-key".into(),
        response: AttestationResponse { client_data_json, attestation_object, transports: vec![] },
    }
}

fn assertion(client_data_json: String, authenticator_data: String, signature: String) -> AssertionCredential {
    AssertionCredential {
        id: "AAAA".into(),
        raw_id: "AAAA".into(),
        kind: "public-key".into(),
        response: AssertionResponse { client_data_json, authenticator_data, signature, user_handle: None },
    }
}

fn credential(public_key: String) -> Credential {
    Credential {
        id: "AAAA".into(),
        public_key,
        algorithm: -7,
        sign_count: 0,
        aaguid: "0".repeat(32),
        transports: vec![],
        backup_eligible: false,
        attestation: "none".into(),
    }
}

/// A CBOR attestation object whose authData is `auth_data`.
fn attestation_object(fmt: &str, auth_data: &[u8]) -> String {
    use ciborium::Value;
    let value = Value::Map(vec![
        (Value::Text("fmt".into()), Value::Text(fmt.into())),
        (Value::Text("attStmt".into()), Value::Map(vec![])),
        (Value::Text("authData".into()), Value::Bytes(auth_data.to_vec())),
    ]);
    let mut out = vec![];
    ciborium::into_writer(&value, &mut out).expect("writing CBOR to a Vec");
    base64url::encode(&out)
}

/// Authenticator data with the right rpIdHash and flags, then arbitrary bytes:
/// exercises the attested-credential and COSE key parsing.
fn plausible_auth_data(flags: u8, tail: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    let mut data = sha2::Sha256::digest(b"portal.example").to_vec();
    data.push(flags);
    data.extend_from_slice(tail);
    data
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn phone_numbers_never_panic_and_accepted_ones_are_e164(input in ".{0,80}", country in "[A-Za-z]{0,3}") {
        if let Ok(parsed) = PhoneNumber::parse(&input, &country) {
            let e164 = parsed.number.e164();
            prop_assert!(e164.starts_with('+') && e164.len() <= 16 && e164[1..].bytes().all(|b| b.is_ascii_digit()));
            // Parsing the canonical form again gives the same number.
            let again = PhoneNumber::parse(e164, parsed.number.country()).map(|p| p.number);
            prop_assert_eq!(again, Ok(parsed.number.clone()));
        }
    }

    #[test]
    fn phone_like_input_never_panics(input in "[+0-9 ()./x-]{0,40}", country in "(NL|US|GB|BE|DE|FR|IN|JP|BR)") {
        let _ = PhoneNumber::parse(&input, &country);
    }

    #[test]
    fn email_addresses_never_panic_and_accepted_ones_are_normal(input in ".{0,300}") {
        if let Some(email) = EmailAddress::parse(&input) {
            let s = email.as_str();
            prop_assert!(s.is_ascii() && s.len() <= 254 && s.matches('@').count() == 1);
            prop_assert_eq!(s, s.trim().to_ascii_lowercase());
            prop_assert_eq!(EmailAddress::parse(s), Some(email.clone()));
            let masked = email.masked();
            prop_assert!(masked.ends_with(email.domain()));
        }
    }

    #[test]
    fn email_like_input_never_panics(input in "[a-zA-Z0-9.+_-]{0,20}@[a-zA-Z0-9.-]{0,30}") {
        let _ = EmailAddress::parse(&input);
    }

    #[test]
    fn codes_are_six_digits_or_refused(input in ".{0,20}") {
        match OneTimeCode::parse(&input) {
            Some(code) => prop_assert!(code.as_str().len() == 6 && code.as_str().bytes().all(|b| b.is_ascii_digit())),
            None => {
                let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
                prop_assert!(digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }

    #[test]
    fn typed_codes_with_spaces_and_dashes_parse(code in "[0-9]{6}", seps in proptest::collection::vec("[ -]{0,2}", 7)) {
        let typed: String = code.chars().enumerate().map(|(i, c)| format!("{}{c}", seps[i])).collect::<String>() + &seps[6];
        prop_assert_eq!(OneTimeCode::parse(&typed).map(|c| c.as_str().to_string()), Some(code));
    }

    #[test]
    fn otpauth_uris_carry_any_issuer_and_account(issuer in ".{0,40}", account in ".{0,60}", bytes in proptest::array::uniform20(any::<u8>())) {
        let secret = TotpSecret::from_bytes(&bytes).expect("20 bytes is a valid secret");
        let uri = secret.uri(&issuer, &account);
        // Only URI characters: nothing the issuer or account contains can add a parameter.
        prop_assert!(uri.bytes().all(|b| b.is_ascii_graphic()), "{}", uri);
        let rest = uri.strip_prefix("otpauth://totp/").expect("scheme and type");
        let (label, query) = rest.split_once('?').expect("a query");
        let (label_issuer, label_account) = label.split_once(':').expect("issuer:account");
        prop_assert_eq!(percent_decode(label_issuer), issuer.clone());
        prop_assert_eq!(percent_decode(label_account), account);
        let params: Vec<(&str, &str)> = query.split('&').filter_map(|p| p.split_once('=')).collect();
        let names: Vec<&str> = params.iter().map(|(k, _)| *k).collect();
        prop_assert_eq!(names, ["secret", "issuer", "algorithm", "digits", "period"]);
        prop_assert_eq!(params[0].1, secret.base32());
        prop_assert_eq!(percent_decode(params[1].1), issuer);
    }

    #[test]
    fn client_data_never_panics(json in ".{0,200}") {
        let encoded = base64url::encode(json.as_bytes());
        let object = attestation_object("none", &[0; 37]);
        prop_assert!(verify_registration(&registration(encoded.clone(), object), CHALLENGE, &rp(), true).is_err());
        prop_assert!(verify_assertion(&assertion(encoded, base64url::encode(&[0; 37]), String::new()), CHALLENGE, &rp(), &credential(String::new()), "").is_err());
    }

    #[test]
    fn base64url_fields_never_panic(a in ".{0,60}", b in ".{0,60}") {
        prop_assert!(verify_registration(&registration(a.clone(), b.clone()), CHALLENGE, &rp(), false).is_err());
        prop_assert!(verify_assertion(&assertion(a, b.clone(), b), CHALLENGE, &rp(), &credential(String::new()), "").is_err());
    }

    #[test]
    fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        prop_assert_eq!(base64url::decode(&base64url::encode(&bytes)), Some(bytes));
    }

    #[test]
    fn attestation_objects_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..300)) {
        let response = registration(client_data("webauthn.create"), base64url::encode(&raw));
        prop_assert!(verify_registration(&response, CHALLENGE, &rp(), false).is_err());
    }

    #[test]
    fn authenticator_data_never_panics(flags in any::<u8>(), tail in proptest::collection::vec(any::<u8>(), 0..200), fmt in "(none|packed|tpm)") {
        let data = plausible_auth_data(flags, &tail);
        let response = registration(client_data("webauthn.create"), attestation_object(&fmt, &data));
        prop_assert!(verify_registration(&response, CHALLENGE, &rp(), false).is_err());
        let signed = assertion(client_data("webauthn.get"), base64url::encode(&data), base64url::encode(&tail));
        let key = base64url::encode(&tail);
        prop_assert!(verify_assertion(&signed, CHALLENGE, &rp(), &credential(key), "").is_err());
    }

    #[test]
    fn cookie_headers_never_panic_and_find_the_named_value(header in ".{0,200}", value in "[0-9a-f]{0,64}") {
        let _ = api::cookie_value(&header, "sid");
        let with = format!("a=b; sid={value}; c=d");
        prop_assert_eq!(api::cookie_value(&with, "sid"), Some(value.as_str()));
        prop_assert_eq!(api::cookie_value(&format!("xsid=1; sidx=2; {header}"), "sid").is_some(), api::cookie_value(&header, "sid").is_some());
    }

    #[test]
    fn accept_language_always_picks_a_supported_language(header in ".{0,120}") {
        prop_assert!(api::LANGUAGES.contains(&api::negotiate_language(&header)));
    }

    #[test]
    fn accept_language_weights_are_honoured(q_nl in 1u32..=9, q_en in 1u32..=9) {
        let header = format!("en;q=0.{q_en},nl;q=0.{q_nl}");
        let expected = if q_nl > q_en { "nl-NL" } else { "en-US" };
        prop_assert_eq!(api::negotiate_language(&header), expected);
    }

    #[test]
    fn session_tokens_are_checked_before_use(token in ".{0,100}") {
        if domain::session::well_formed(&token) {
            prop_assert!(token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()));
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

/// The API document's patterns (`api::shapes`) say exactly what the parsers accept:
/// a client or fuzzer that follows the document is never refused for the shape.
mod shapes {
    use api::shapes::{CHALLENGE_ID, METHOD_ID, NAME, NAME_OR_BLANK, SIX_DIGITS};
    use domain::code::OneTimeCode;
    use domain::methods::{parse_name, valid_id};
    use proptest::prelude::*;
    use regex::Regex;

    fn re(pattern: &str) -> Regex {
        Regex::new(pattern).unwrap()
    }

    #[test]
    fn edge_cases_agree() {
        let (id, code) = (re(METHOD_ID), re(SIX_DIGITS));
        for s in ["", "email", "recovery-codes", "0a1b", "A", "a_b", "a b", &"a".repeat(64), &"a".repeat(65)] {
            assert_eq!(id.is_match(s), valid_id(s), "{s:?}");
        }
        for s in [
            "123456",
            "123 456",
            "123-456",
            " 1 2 3 4 5 6 ",
            "12345",
            "1234567",
            "12345a",
            "١٢٣٤٥٦",
            "123456\u{85}",
            "\u{a0}123456",
            "123456\u{feff}",
            "12\n3456",
            "",
        ] {
            assert_eq!(code.is_match(s), OneTimeCode::parse(s).is_some(), "{s:?}");
        }
        let name = re(NAME);
        for s in
            ["", " ", "a", " a ", "\ta", "a\tb", "a\u{85}", "\u{1c}a", "\u{feff}", &"x".repeat(64), &"x".repeat(65)]
        {
            assert_eq!(name.is_match(s), parse_name(s).is_some(), "{s:?}");
        }
        assert!(name.is_match(&format!("  {}  ", "x".repeat(64))), "white space around is trimmed first");
        let token = re(CHALLENGE_ID);
        let rng = domain::entropy::Seeded::new(5);
        for _ in 0..50 {
            assert!(token.is_match(&domain::entropy::token::<_, 16>(&rng)));
        }
    }

    proptest! {
        #[test]
        fn method_ids_agree(s in "[a-z0-9A-Z_ -]{0,70}|\\PC{0,6}") {
            prop_assert_eq!(re(METHOD_ID).is_match(&s), valid_id(&s));
        }

        #[test]
        fn names_agree(s in "[ a\t\n\u{85}\u{a0}\u{2028}\u{feff}\u{1c}\u{7f}é]{0,70}|\\PC{0,70}|.{0,3}") {
            prop_assert_eq!(re(NAME).is_match(&s), parse_name(&s).is_some());
            // Blank, or a name: what an authenticator's name field takes.
            prop_assert_eq!(re(NAME_OR_BLANK).is_match(&s), s.trim().is_empty() || parse_name(&s).is_some());
        }

        #[test]
        fn six_digit_codes_agree(s in "[0-9 \\-\\t\u{a0}\u{85}\u{2003}\u{feff}a٣]{0,12}") {
            prop_assert_eq!(re(SIX_DIGITS).is_match(&s), OneTimeCode::parse(&s).is_some());
        }
    }
}
