use super::*;

#[test]
fn wire_spelling_matches_as_str() {
    for code in ErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        assert!(code.status() >= 400);
    }
}

#[test]
fn unknown_codes_are_refused() {
    assert!(serde_json::from_str::<ErrorCode>(r#""no-such-code""#).is_err());
    assert!(serde_json::from_str::<ErrorCode>("7").is_err());
}

#[test]
fn optional_fields_are_omitted() {
    let json = serde_json::to_string(&ApiError::new(ErrorCode::InvalidCode)).unwrap();
    assert_eq!(json, r#"{"code":"invalid-code"}"#);
}
