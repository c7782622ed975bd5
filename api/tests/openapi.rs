//! `docs/openapi.json` is generated from the endpoint table and the wire types and
//! must match them.

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

/// SCIM describes itself (RFC 7643 discovery), not in this document.
fn documented_routes() -> impl Iterator<Item = &'static api::endpoints::Route> {
    api::endpoints::ALL.iter().filter(|r| r.access != api::endpoints::Access::Scim)
}

#[test]
fn every_endpoint_of_the_table_is_documented_once() {
    let doc = api::openapi::document();
    let documented: usize =
        doc["paths"].as_object().expect("paths").values().map(|p| p.as_object().map_or(0, |m| m.len())).sum();
    assert_eq!(documented, documented_routes().count());
    assert!(doc["paths"].as_object().expect("paths").keys().all(|p| !p.starts_with(api::paths::SCIM_ROOT)));
    for route in documented_routes() {
        let op = &doc["paths"][route.path][route.verb.as_str().to_lowercase()];
        assert_eq!(op["summary"], route.summary, "{route:?}");
        assert!(op["responses"][route.status.to_string()].is_object(), "{route:?}");
    }
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
    // The OpenID Connect endpoints answer as OAuth says (an OAuth error, or an
    // error page where the app cannot be trusted); the API everywhere else.
    for (path, methods) in doc["paths"].as_object().expect("paths") {
        for op in methods.as_object().expect("methods").values() {
            let errors = &op["responses"]["default"]["content"];
            let expected = match path.as_str() {
                "/api/v1/oidc/authorize" | "/api/v1/oidc/logout" => {
                    assert!(errors["text/html"].is_object(), "{path}");
                    continue;
                }
                "/api/v1/oidc/token" | "/api/v1/oidc/userinfo" => "#/components/schemas/OAuthError",
                _ => "#/components/schemas/ApiError",
            };
            assert_eq!(errors["application/json"]["schema"]["$ref"], expected, "{path}");
        }
    }
}
