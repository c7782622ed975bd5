//! Sign-in and the session the SPA sees.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

/// The signed-in user as the SPA shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub username: String,
    pub display_name: String,
    pub tenant_name: String,
    /// Send back in the `x-csrf-token` header on every state-changing request.
    pub csrf_token: String,
}
