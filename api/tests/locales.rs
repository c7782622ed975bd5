//! Every locale has every message, and every message the code asks for exists:
//! API error codes, method kinds and each `t("…")` key used by the SPA.

// Test code: a failed unwrap is a failed test (the helpers are not `#[test]`s).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api::{ErrorCode, MethodKind, LANGUAGES};
use fluent_bundle::{FluentBundle, FluentResource};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Message ids of one FTL file; fails on any syntax error.
fn ids(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource = FluentResource::try_new(text).unwrap_or_else(|(_, errs)| panic!("{}: {errs:?}", path.display()));
    let mut bundle = FluentBundle::new(vec![]);
    bundle.add_resource(&resource).unwrap_or_else(|errs| panic!("{}: duplicate ids {errs:?}", path.display()));
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

fn ftl_files(lang: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("locales").join(lang))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ftl"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_locale_has_the_same_files_and_messages() {
    let reference = ftl_files(LANGUAGES[0]);
    assert!(reference.contains(&"app.ftl".to_string()));
    for lang in LANGUAGES {
        assert_eq!(ftl_files(lang), reference, "files of {lang}");
        for file in &reference {
            let base = ids(&root().join("locales").join(LANGUAGES[0]).join(file));
            let other = ids(&root().join("locales").join(lang).join(file));
            let missing: Vec<_> = base.difference(&other).collect();
            let extra: Vec<_> = other.difference(&base).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{lang}/{file}: missing {missing:?}, extra {extra:?}");
        }
    }
}

#[test]
fn a_page_file_never_repeats_an_app_message() {
    // Loaded together, the later of two equal ids would be dropped without a word.
    for lang in LANGUAGES {
        let dir = root().join("locales").join(lang);
        let app = ids(&dir.join("app.ftl"));
        for page in ["admin.ftl", "users.ftl", "chunks.ftl"] {
            let repeated: Vec<_> = ids(&dir.join(page)).intersection(&app).cloned().collect();
            assert!(repeated.is_empty(), "{lang}/{page} repeats app.ftl's {repeated:?}");
        }
    }
}

#[test]
fn every_error_code_and_method_kind_has_a_message() {
    for lang in LANGUAGES {
        let dir = root().join("locales").join(lang);
        let app = ids(&dir.join("app.ftl"));
        // An error only one part meets is in that part's file (the others say
        // `error-other` with the code).
        let mut anywhere = app.clone();
        for part in ["chunks.ftl", "admin.ftl", "users.ftl"] {
            anywhere.extend(ids(&dir.join(part)));
        }
        for code in ErrorCode::ALL {
            assert!(anywhere.contains(&format!("error-{}", code.as_str())), "{lang}: error-{}", code.as_str());
        }
        assert!(app.contains("error-other"));
        // The language picker names each language.
        for name in LANGUAGES {
            assert!(app.contains(&format!("language-{name}")), "{lang}: language-{name}");
        }
        for kind in MethodKind::ALL {
            assert!(app.contains(&format!("method-{}", kind.as_str())), "{lang}: method-{}", kind.as_str());
        }
    }
}

/// Keys the SPA looks up literally: `t("key")`, `tr("key")`, `t_args("key", …)`, and the
/// `label="key"` / `hint="key"` properties of components that translate them.
fn keys_in(path: &Path, out: &mut BTreeSet<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    for marker in ["t(\"", "tr(\"", "t_args(\"", "label=\"", "hint=\""] {
        for (i, _) in text.match_indices(marker) {
            let before = text[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[i + marker.len()..];
            if let Some(end) = rest.find('"') {
                out.insert(rest[..end].to_string());
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The Fluent files besides app.ftl that the bundle showing a module loads
/// (`lib::mount`, `client::need_locale`): the admin page's modules load admin.ftl,
/// the Users page (users.rs, users/) users.ftl; the portal's chunks (and the reset bundle) chunks.ftl.
fn page_file(path: &Path) -> Option<&'static str> {
    let module = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if path.parent().is_some_and(|p| p.ends_with("reset")) {
        return Some("chunks.ftl");
    }
    if path.parent().is_some_and(|p| p.ends_with("users")) {
        return Some("users.ftl");
    }
    match module {
        "admin.rs"
        | "apps.rs"
        | "audit.rs"
        | "access_pass.rs"
        | "undelivered.rs"
        | "question_settings.rs"
        | "support_settings.rs" => Some("admin.ftl"),
        "users.rs" => Some("users.ftl"),
        "authenticator.rs" | "phone.rs" | "email.rs" | "questions.rs" | "app_password.rs" | "recovery_codes.rs"
        | "sent_code.rs" | "second_step.rs" | "setup.rs" | "activity.rs" | "report.rs" | "help.rs" | "profile.rs"
        | "connected_apps.rs" | "devices.rs" => Some("chunks.ftl"),
        _ => None,
    }
}

#[test]
fn every_key_the_app_uses_exists_in_what_its_bundle_loads() {
    let mut files = vec![];
    rust_files(&root().join("app").join("src"), &mut files);
    for lang in LANGUAGES {
        let dir = root().join("locales").join(lang);
        let app = ids(&dir.join("app.ftl"));
        for file in &files {
            let mut known = app.clone();
            if let Some(page) = page_file(file) {
                known.extend(ids(&dir.join(page)));
            }
            let mut used = BTreeSet::new();
            keys_in(file, &mut used);
            let missing: Vec<_> = used.difference(&known).collect();
            assert!(missing.is_empty(), "{lang}: {} uses keys its bundle does not load: {missing:?}", file.display());
        }
    }
}
