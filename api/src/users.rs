//! The admin page's users: find people, see their state and registered methods,
//! create, turn off and on, delete, and act on their methods.

use crate::methods::MethodView;
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Longest display name and username accepted.
pub const MAX_NAME: usize = 256;
/// Users on one page of the list.
pub const PAGE: usize = 25;

/// One person in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserSummary {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub email: Option<String>,
    pub admin: bool,
    /// What they may do on the admin's pages.
    #[serde(default)]
    pub role: Role,
    /// Turned off: no way in, sessions and app tokens ended.
    pub disabled: bool,
    /// The password was blocked after "This wasn't me": a reset is due.
    pub must_reset: bool,
    /// An admin cleared the second-step methods: the wizard runs at next sign-in.
    pub must_register: bool,
}

/// `GET /api/v1/admin/users?q=<text>&page=<cursor>`: names and usernames
/// containing `q` (any case), in username order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserPage {
    pub users: Vec<UserSummary>,
    /// Where the next page starts, if there is more.
    pub next: Option<String>,
}

/// One person with their registered methods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserDetail {
    pub user: UserSummary,
    pub created_at: Option<Millis>,
    /// The second step is locked after too many failures, until then.
    pub locked_until: Option<Millis>,
    pub last_sign_in_at: Option<Millis>,
    pub methods: Vec<MethodView>,
    pub default_method: Option<String>,
    /// The caller was verified for the help desk member asking, until then.
    #[serde(default)]
    pub caller_verified_until: Option<Millis>,
}

/// What a person may do on the admin's pages: a tenant admin everything, the help
/// desk the per-user actions (after verifying the caller), not the settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    #[default]
    User,
    HelpDesk,
    Admin,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::HelpDesk => "help-desk",
            Role::Admin => "admin",
        }
    }
}

/// `PUT /api/v1/admin/users/{id}/role` (tenant admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UserRole {
    pub role: Role,
}

/// `POST /api/v1/admin/users/{id}/verify-caller`: check that whoever calls the
/// help desk is the user, with one of their methods (a phone or email gets a code
/// to read back; an authenticator app shows one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CallerCheckStart {
    pub method_id: String,
}

/// The check under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CallerCheck {
    pub method_id: String,
    pub kind: crate::MethodKind,
    /// Where the code went (masked); none for an authenticator app's own code.
    pub sent_to: Option<String>,
    /// The sent code's challenge, to send back with it.
    pub challenge_id: Option<String>,
}

/// `POST /api/v1/admin/users/{id}/verify-caller/check`: the code the caller read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CallerCheckAnswer {
    pub method_id: String,
    pub code: String,
    #[serde(default)]
    pub challenge_id: Option<String>,
}

/// Passed: the per-user actions are open to this help desk member until then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CallerVerified {
    pub until: Millis,
}

/// `POST /api/v1/admin/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    /// Work address (not a sign-in method).
    #[serde(default)]
    pub email: Option<String>,
}

/// The new user and their one-time access pass (shown once): with it they
/// register their methods and, through password reset, a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserCreated {
    pub user: UserSummary,
    pub pass: String,
    pub expires_at: Millis,
    /// The pass also went to the work address, with where to use it.
    #[serde(default)]
    pub emailed: bool,
}

/// `PUT /api/v1/admin/users/{id}/state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UserState {
    pub disabled: bool,
}

/// Everything kept about a user, downloaded before deleting them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserExport {
    pub user: UserSummary,
    #[serde(default)]
    pub external_id: Option<String>,
    pub created_at: Option<Millis>,
    pub methods: Vec<MethodView>,
    pub activity: Vec<crate::ActivityEntry>,
    pub exported_at: Millis,
}

/// A SCIM bearer token as the admin page lists it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ScimTokenView {
    pub id: String,
    pub name: String,
    pub created_at: Millis,
    /// Username of the admin who created it.
    pub created_by: String,
    pub last_used_at: Option<Millis>,
}

/// `POST /api/v1/admin/scim-tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewScimToken {
    /// What it is for ("Entra ID provisioning").
    pub name: String,
}

/// The new token, shown once, and where the directory sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ScimTokenCreated {
    pub token: String,
    /// The tenant's SCIM root (`https://…/scim/v2`).
    pub endpoint: String,
    pub view: ScimTokenView,
}
