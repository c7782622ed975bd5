//! OpenID Connect: the tenant's apps (clients) as the admin registers them, and the
//! provider's own documents (discovery, tokens, UserInfo, OAuth errors).

use crate::Millis;
use serde::{Deserialize, Serialize};

/// Longest value of one parameter of an authorization request, and of Entra's
/// `id_token_hint` (a few KB); the API document states both.
pub const MAX_PARAMETER: usize = 2048;
pub const MAX_HINT: usize = 4096;

/// Scopes a client may be allowed; `openid` always is.
pub const SCOPES: [&str; 3] = ["openid", "profile", "email"];

/// `POST /api/v1/admin/clients`: register an app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewClient {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::NAME)))]
    pub name: String,
    /// Exact strings the app may be sent back to: https, or http on a loopback host.
    pub redirect_uris: Vec<String>,
    /// Where RP-initiated logout may send the browser afterwards.
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// A confidential client gets a secret (shown once); a public one uses PKCE only.
    pub confidential: bool,
    /// Of [`SCOPES`]; `openid` is added.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Microsoft Entra ID uses this app as an external authentication method.
    #[serde(default)]
    pub external_method: Option<ExternalMethod>,
}

/// The Entra tenant an external-method app answers: its `id_token_hint`s are
/// checked against this issuer and key set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExternalMethod {
    /// E.g. `https://login.microsoftonline.com/<tenant id>/v2.0`.
    pub issuer: String,
    /// E.g. `https://login.microsoftonline.com/<tenant id>/discovery/v2.0/keys`.
    pub jwks_uri: String,
    /// The hint's claim holding the user's username here.
    #[serde(default)]
    pub username_claim: UsernameClaim,
}

/// Which claim of Entra's hint names the user (matched to the username here).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UsernameClaim {
    #[default]
    PreferredUsername,
    Upn,
    Email,
}

impl UsernameClaim {
    pub fn as_str(self) -> &'static str {
        match self {
            UsernameClaim::PreferredUsername => "preferred_username",
            UsernameClaim::Upn => "upn",
            UsernameClaim::Email => "email",
        }
    }
}

/// An app as the admin page lists it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClientView {
    pub client_id: String,
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub confidential: bool,
    pub scopes: Vec<String>,
    pub created_at: Millis,
    #[serde(default)]
    pub external_method: Option<ExternalMethod>,
}

/// A registered app, with its secret this once (confidential clients).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClientCreated {
    pub client: ClientView,
    pub client_secret: Option<String>,
}

/// An app the user is signed in to (Security info's "Connected apps").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConnectedApp {
    pub client_id: String,
    pub name: String,
    /// When the user signed in for it (the latest sign-in, if several).
    pub signed_in_at: Millis,
    /// When the app last got tokens.
    pub last_used_at: Millis,
}

/// `GET <issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub userinfo_endpoint: String,
    pub jwks_uri: String,
    pub end_session_endpoint: String,
    pub scopes_supported: Vec<String>,
    pub response_types_supported: Vec<String>,
    pub response_modes_supported: Vec<String>,
    pub grant_types_supported: Vec<String>,
    pub subject_types_supported: Vec<String>,
    pub id_token_signing_alg_values_supported: Vec<String>,
    pub token_endpoint_auth_methods_supported: Vec<String>,
    pub code_challenge_methods_supported: Vec<String>,
    pub claims_supported: Vec<String>,
    pub acr_values_supported: Vec<String>,
    pub prompt_values_supported: Vec<String>,
    pub ui_locales_supported: Vec<String>,
    pub claims_parameter_supported: bool,
    pub request_parameter_supported: bool,
    pub request_uri_parameter_supported: bool,
    pub authorization_response_iss_parameter_supported: bool,
}

/// The public keys ID tokens are signed with (RFC 7517).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

/// One P-256 public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Jwk {
    pub kty: String,
    pub crv: String,
    pub x: String,
    pub y: String,
    pub kid: String,
    #[serde(rename = "use")]
    pub use_: String,
    pub alg: String,
}

/// The token endpoint's answer (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    pub id_token: String,
    /// Used once: each exchange returns the next (rotation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub scope: String,
}

/// An OAuth error (RFC 6749 §5.2), as the token and UserInfo endpoints answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OAuthError {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// `GET /api/v1/oidc/userinfo` with a Bearer access token: the claims its scopes allow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserInfo {
    pub sub: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
}
