//! The table's lookups and its rules: each row once, every path where it belongs.

use super::*;

#[test]
fn a_literal_segment_wins_over_a_parameter() {
    let found = |verb, path| match lookup(verb, path) {
        Lookup::Found(route, values) => Some((route.id, values)),
        _ => None,
    };
    assert_eq!(found(Verb::Post, paths::EMAIL_VERIFY), Some((Id::EMAIL_VERIFY, vec![])));
    assert_eq!(found(Verb::Post, paths::EMAIL_START), Some((Id::EMAIL_START, vec![])));
    assert_eq!(found(Verb::Delete, "/api/v1/methods/email"), Some((Id::METHOD_DELETE, vec!["email"])));
}

#[test]
fn a_known_path_with_another_verb_names_the_allowed_ones() {
    assert_eq!(lookup(Verb::Put, paths::SESSION), Lookup::NotAllowed(vec![Verb::Get, Verb::Post, Verb::Delete]));
    assert_eq!(lookup(Verb::Get, paths::EMAIL_START), Lookup::NotAllowed(vec![Verb::Post]), "its own resource");
    assert_eq!(lookup(Verb::Get, "/api/v1/methods/abc123"), Lookup::NotAllowed(vec![Verb::Patch, Verb::Delete]));
    assert_eq!(lookup(Verb::Get, "/api/v1/nothing"), Lookup::NotFound);
    assert_eq!(lookup(Verb::Delete, "/api/v1/methods/"), Lookup::NotFound, "an empty id is no id");
    assert_eq!(lookup(Verb::Patch, "/api/v1/methods/phone/verify"), Lookup::NotAllowed(vec![Verb::Post]));
}

#[test]
fn paths_fill_in_order() {
    assert_eq!(VOICE.route.fill(&["t", "u", "c"]), "/api/v1/voice/t/u/c");
    assert!(
        matches!(lookup(Verb::Post, "/api/v1/voice/t/u/c"), Lookup::Found(r, v) if r.id == Id::VOICE && v == ["t", "u", "c"])
    );
}

#[test]
fn every_row_is_declared_once() {
    for (i, a) in ALL.iter().enumerate() {
        assert!(ALL[i + 1..].iter().all(|b| (a.verb, a.path) != (b.verb, b.path)), "{a:?}");
        let scim = a.path.starts_with(&format!("{}/", paths::SCIM_ROOT)) && a.access == Access::Scim;
        assert!(a.path.starts_with("/api/v1/") || a.path == paths::OIDC_DISCOVERY || scim, "{a:?}");
    }
}
