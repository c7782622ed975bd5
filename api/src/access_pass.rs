//! Temporary Access Pass: a time-limited pass a tenant admin issues so someone who
//! lost every method can sign in and register new ones.

use crate::Millis;
use serde::{Deserialize, Serialize};

/// Shortest and longest lifetime an admin may give a pass, in minutes.
pub const MIN_MINUTES: u16 = 10;
pub const MAX_MINUTES: u16 = 8 * 60;

/// `POST /api/v1/admin/access-passes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IssueAccessPass {
    pub username: String,
    /// 10 to 480.
    #[cfg_attr(feature = "openapi", schemars(range(min = MIN_MINUTES, max = MAX_MINUTES)))]
    pub minutes: u16,
    /// Usable for one sign-in only (otherwise any number until it expires).
    pub one_time: bool,
}

/// An administrator lifts a user's second-step lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnlockUser {
    pub username: String,
}

/// A pass as the admin page lists it (never the pass itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AccessPassView {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub one_time: bool,
    /// Username of the admin who issued it.
    pub issued_by: String,
}

/// The new pass, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AccessPassIssued {
    pub pass: String,
    pub view: AccessPassView,
}

/// `POST /api/v1/session/access-pass`: sign in with a pass instead of password
/// and second step; the session may only register methods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AccessPassSignIn {
    pub username: String,
    pub pass: String,
}
