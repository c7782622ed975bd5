//! `docs/openapi.json` is generated from the wire types and must match them; every
//! route the worker serves is in it.

// Test code: a failed unwrap is a failed test (the helpers are not `#[test]`s).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "openapi")]

use std::collections::BTreeSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_committed_document_is_up_to_date() {
    let generated = serde_json::to_string_pretty(&api::openapi::document()).expect("serialisable") + "\n";
    let path = root().join("docs/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("writing docs/openapi.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p api --features openapi --test openapi`"
    );
}

#[test]
fn every_route_of_the_worker_is_documented() {
    let routes = std::fs::read_to_string(root().join("worker/src/routes.rs")).expect("routes.rs");
    let documented = std::fs::read_to_string(root().join("api/src/openapi.rs")).expect("openapi.rs");
    let used: BTreeSet<&str> = routes
        .match_indices("paths::")
        .map(|(i, m)| {
            let rest = &routes[i + m.len()..];
            &rest[..rest.find(|c: char| !(c.is_ascii_uppercase() || c == '_')).unwrap_or(rest.len())]
        })
        .filter(|name| !name.is_empty())
        .collect();
    assert!(used.len() > 40, "found {} route constants", used.len());
    let missing: Vec<_> = used.iter().filter(|name| !documented.contains(&format!("paths::{name}"))).collect();
    assert!(missing.is_empty(), "routes missing from the OpenAPI document: {missing:?}");
}

#[test]
fn error_bodies_list_every_stable_code() {
    let doc = api::openapi::document();
    let codes: BTreeSet<String> = doc["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("ErrorCode is a string enum")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let expected: BTreeSet<String> = api::ErrorCode::ALL.iter().map(|c| c.as_str().to_string()).collect();
    assert_eq!(codes, expected);
    let ops = doc["paths"].as_object().expect("paths").values().flat_map(|p| p.as_object().expect("methods").values());
    for op in ops {
        assert_eq!(
            op["responses"]["default"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ApiError"
        );
    }
}
