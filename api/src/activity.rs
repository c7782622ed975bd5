//! Recent activity: the user's own audit trail (`GET /api/v1/activity`).

use crate::{MethodKind, Millis};
use serde::{Deserialize, Serialize};

// Read by the hand-written `Deserialize` below: the same JSON as the derived one
// for a fraction of its code (in the worker and the SPA).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Activity {
    SignedIn,
    SignInFailed,
    /// The second step was passed with a method of this kind.
    SecondStepPassed {
        method: MethodKind,
    },
    /// A wrong code at the second step, with a method of this kind (when known).
    SecondStepFailed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<MethodKind>,
    },
    MethodAdded {
        method: MethodKind,
    },
    MethodChanged {
        method: MethodKind,
    },
    MethodDeleted {
        method: MethodKind,
    },
    DefaultChanged {
        method: MethodKind,
    },
    PasswordReset,
    /// Changed while signed in (current password and a recent second step).
    PasswordChanged,
    /// "Sign out everywhere" on My Profile.
    SignedOutEverywhere,
    /// One of the user's other devices was signed out from Security info.
    SignedOutDevice,
    AppPasswordCreated {
        name: String,
    },
    AppPasswordUsed {
        name: String,
    },
    AppPasswordDeleted {
        name: String,
    },
    /// The user followed "This wasn't me" in a change notice.
    ChangeReported,
    /// Signed in with a Temporary Access Pass an admin issued.
    SignedInWithAccessPass,
    /// An admin issued a Temporary Access Pass for the user.
    AccessPassIssued,
    /// A recovery code was used (second step or reset); how many are left.
    RecoveryCodeUsed {
        remaining: u8,
    },
    /// The user signed in to one of the organization's apps (OpenID Connect).
    SignedInToApp {
        app: String,
    },
}

impl<'de> Deserialize<'de> for Activity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            kind: String,
            #[serde(default)]
            method: Option<MethodKind>,
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            remaining: Option<u8>,
            #[serde(default)]
            app: Option<String>,
        }
        let f = Flat::deserialize(d)?;
        let method = || f.method.ok_or_else(|| D::Error::missing_field("method"));
        let name = || f.name.clone().ok_or_else(|| D::Error::missing_field("name"));
        Ok(match f.kind.as_str() {
            "signed-in" => Activity::SignedIn,
            "sign-in-failed" => Activity::SignInFailed,
            "second-step-passed" => Activity::SecondStepPassed { method: method()? },
            "second-step-failed" => Activity::SecondStepFailed { method: f.method },
            "method-added" => Activity::MethodAdded { method: method()? },
            "method-changed" => Activity::MethodChanged { method: method()? },
            "method-deleted" => Activity::MethodDeleted { method: method()? },
            "default-changed" => Activity::DefaultChanged { method: method()? },
            "password-reset" => Activity::PasswordReset,
            "password-changed" => Activity::PasswordChanged,
            "signed-out-everywhere" => Activity::SignedOutEverywhere,
            "signed-out-device" => Activity::SignedOutDevice,
            "app-password-created" => Activity::AppPasswordCreated { name: name()? },
            "app-password-used" => Activity::AppPasswordUsed { name: name()? },
            "app-password-deleted" => Activity::AppPasswordDeleted { name: name()? },
            "change-reported" => Activity::ChangeReported,
            "signed-in-with-access-pass" => Activity::SignedInWithAccessPass,
            "access-pass-issued" => Activity::AccessPassIssued,
            "recovery-code-used" => Activity::RecoveryCodeUsed {
                remaining: f.remaining.ok_or_else(|| D::Error::missing_field("remaining"))?,
            },
            "signed-in-to-app" => {
                Activity::SignedInToApp { app: f.app.clone().ok_or_else(|| D::Error::missing_field("app"))? }
            }
            other => return Err(D::Error::unknown_variant(other, &["signed-in", "…"])),
        })
    }
}

/// `POST /api/v1/report`: the token from a change notice's "This wasn't me" link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportChange {
    pub token: String,
}

/// What "This wasn't me" did: every session ended, the password must be reset, and
/// the change was undone when it could be (`undone`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ChangeReported {
    pub change: Activity,
    pub undone: bool,
    /// The user can still reset the password with what is left: when not, they
    /// must ask the help desk (told at once, not at the reset's end).
    #[serde(default = "yes")]
    pub can_reset: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ActivityEntry {
    pub at: Millis,
    pub activity: Activity,
    pub ip: String,
    /// ISO country code of the address, when the network knows it.
    #[serde(default)]
    pub country: Option<String>,
    /// A short description of the browser or app, e.g. "Firefox on Windows".
    pub device: String,
}

/// One page, newest first; `next` fetches the following (older) page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    #[serde(default)]
    pub next: Option<String>,
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_reads_back_as_written() {
        let m = MethodKind::Phone;
        let all = [
            Activity::SignedIn,
            Activity::SignInFailed,
            Activity::SecondStepPassed { method: m },
            Activity::SecondStepFailed { method: None },
            Activity::SecondStepFailed { method: Some(m) },
            Activity::MethodAdded { method: m },
            Activity::MethodChanged { method: m },
            Activity::MethodDeleted { method: m },
            Activity::DefaultChanged { method: m },
            Activity::PasswordReset,
            Activity::PasswordChanged,
            Activity::SignedOutEverywhere,
            Activity::SignedOutDevice,
            Activity::AppPasswordCreated { name: "a".into() },
            Activity::AppPasswordUsed { name: "b".into() },
            Activity::AppPasswordDeleted { name: "c".into() },
            Activity::ChangeReported,
            Activity::SignedInWithAccessPass,
            Activity::AccessPassIssued,
            Activity::RecoveryCodeUsed { remaining: 3 },
            Activity::SignedInToApp { app: "Payroll".into() },
        ];
        for a in all {
            let text = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Activity>(&text).unwrap(), a, "{text}");
        }
        assert!(serde_json::from_str::<Activity>(r#"{"kind":"method-added"}"#).is_err());
        assert!(serde_json::from_str::<Activity>(r#"{"kind":"nope"}"#).is_err());
        assert_eq!(serde_json::from_str::<Activity>(r#"{"kind":"signed-in","extra":1}"#).unwrap(), Activity::SignedIn);
    }
}
