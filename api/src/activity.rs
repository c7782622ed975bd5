//! Recent activity: the user's own audit trail (`GET /api/v1/activity`).

use crate::{MethodKind, Millis};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Activity {
    SignedIn,
    SignInFailed,
    /// The second step was passed with a method of this kind.
    SecondStepPassed {
        method: MethodKind,
    },
    SecondStepFailed,
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
