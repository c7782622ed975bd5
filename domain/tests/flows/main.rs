//! The domain's flows end to end over in-memory storage, with a fixed clock and
//! seeded randomness: one test binary (one link on slow machines).

// Test code: a failed unwrap is a failed test (the helpers are not `#[test]`s).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod access_pass;
mod activity;
mod app_passwords;
mod apps;
mod authenticator;
mod devices;
mod methods_report;
mod parsers;
mod password;
mod phone;
mod portal;
mod recovery;
mod report;
mod reset;
mod security_keys;
mod tenant_file;
mod tenants;
mod users;
mod webauthn;
