use super::*;

#[test]
fn detail_is_tagged_with_named_fields() {
    let d = MethodDetail::Email { masked_address: "ja•••@example.org".into() };
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(json, r#"{"kind":"email","masked_address":"ja•••@example.org"}"#);
    assert_eq!(d.kind(), MethodKind::Email);
}

#[test]
fn every_detail_reads_back_as_written() {
    let all = [
        MethodDetail::Email { masked_address: "a•••@b.nl".into() },
        MethodDetail::AuthenticatorApp { name: "Authenticator".into() },
        MethodDetail::Phone { masked_number: "+31 ••• 78".into(), mode: PhoneMode::Call },
        MethodDetail::AlternatePhone { masked_number: "+1 ••• 12".into() },
        MethodDetail::SecurityQuestions { count: 3 },
        MethodDetail::AppPassword { name: "Mail".into() },
        MethodDetail::RecoveryCodes { remaining: 7, total: 10 },
        MethodDetail::SecurityKey { name: "YubiKey".into(), possibly_cloned: true, model: Some("YubiKey 5".into()) },
        MethodDetail::SecurityKey { name: "Key".into(), possibly_cloned: false, model: None },
    ];
    for d in all {
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<MethodDetail>(&json).unwrap(), d, "{json}");
    }
    // What the derived reader refused, this one refuses too.
    for bad in [
        r#"{"kind":"phone","masked_number":"+31"}"#,
        r#"{"kind":"fax","name":"x"}"#,
        r#"{"name":"x"}"#,
        r#"{"kind":"recovery-codes","remaining":1}"#,
        r#"{"kind":"security-questions","count":"3"}"#,
    ] {
        assert!(serde_json::from_str::<MethodDetail>(bad).is_err(), "{bad}");
    }
}

#[test]
fn kind_wire_spelling_matches_as_str() {
    for k in MethodKind::ALL {
        assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
        assert_eq!(serde_json::from_str::<MethodKind>(&format!("\"{}\"", k.as_str())).unwrap(), k);
    }
    assert!(serde_json::from_str::<MethodKind>(r#""fax""#).is_err());
}
