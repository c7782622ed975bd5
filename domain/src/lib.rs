//! The rules of Security Info, free of any runtime: the worker adapts them to HTTP,
//! Workers KV and Durable Objects; native tests run them over in-memory stores.
//! Time (`now`) and randomness (`Entropy`) are always passed in.

pub mod access_pass;
pub mod activity;
pub mod audit;
pub mod authenticators;
pub mod calendar;
pub mod calling_codes;
pub mod code;
pub mod delivery;
pub mod directory;
pub mod email;
pub mod entropy;
pub mod error;
pub mod health;
pub mod keys;
pub mod ledger;
pub mod messages;
pub mod methods;
pub mod mfa;
pub mod oidc;
pub mod password;
pub mod phone;
pub mod policy;
pub mod portal;
pub mod providers;
pub mod questions;
pub mod recovery;
pub mod report;
pub mod reset;
pub mod scim;
pub mod sealing;
pub mod session;
pub mod shell;
pub mod store;
pub mod tenant;
pub mod tenant_file;
pub mod throttle;
pub mod totp;
pub mod voice;
pub mod webauthn;

#[cfg(feature = "dev")]
pub mod demo;

pub use api::Millis;
pub use error::Error;

pub const SECOND: Millis = 1_000;
pub const MINUTE: Millis = 60 * SECOND;
pub const HOUR: Millis = 60 * MINUTE;
pub const DAY: Millis = 24 * HOUR;
