//! Security keys: the WebAuthn JSON shapes (Level 3 `PublicKeyCredentialCreationOptionsJSON`,
//! `RegistrationResponseJSON` and their `get()` twins), binary fields as base64url.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/methods/security-key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StartSecurityKey {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::NAME)))]
    pub name: String,
}

/// Options for `navigator.credentials.create()`, valid for `timeout` milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SecurityKeyRegistration {
    pub challenge_id: String,
    pub public_key: CreationOptions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreationOptions {
    pub rp: RelyingParty,
    pub user: UserEntity,
    pub challenge: String,
    pub pub_key_cred_params: Vec<CredentialParameters>,
    pub timeout: u32,
    pub exclude_credentials: Vec<CredentialDescriptor>,
    pub authenticator_selection: AuthenticatorSelection,
    pub attestation: String,
    /// Level 3 hints: browsers go straight to the security-key prompt.
    pub hints: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RelyingParty {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserEntity {
    /// The random user handle (base64url), never the username.
    pub id: String,
    pub name: String,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CredentialParameters {
    #[serde(rename = "type")]
    pub kind: String,
    /// COSE algorithm: -7 ES256, -8 EdDSA, -257 RS256.
    pub alg: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CredentialDescriptor {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transports: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorSelection {
    pub resident_key: String,
    pub require_resident_key: bool,
    pub user_verification: String,
}

/// Options for `navigator.credentials.get()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RequestOptions {
    pub challenge: String,
    pub timeout: u32,
    pub rp_id: String,
    pub allow_credentials: Vec<CredentialDescriptor>,
    pub user_verification: String,
}

/// What `navigator.credentials.create()` gave, encoded as `RegistrationResponseJSON`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RegistrationCredential {
    pub id: String,
    pub raw_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub response: AttestationResponse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AttestationResponse {
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    pub attestation_object: String,
    #[serde(default)]
    pub transports: Vec<String>,
}

// The browser's WebAuthn JSON shapes keep growing (authenticatorAttachment,
// clientExtensionResults, …): unknown members are ignored there, as the spec asks.

/// What `navigator.credentials.get()` gave, encoded as `AuthenticationResponseJSON`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AssertionCredential {
    pub id: String,
    pub raw_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub response: AssertionResponse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AssertionResponse {
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    pub authenticator_data: String,
    pub signature: String,
    #[serde(default)]
    pub user_handle: Option<String>,
}

/// `POST /api/v1/methods/security-key/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FinishSecurityKey {
    pub challenge_id: String,
    pub credential: RegistrationCredential,
}

/// `POST /api/v1/session/second-step/security-key`: a challenge for the user's keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SecurityKeyChallenge {
    pub challenge_id: String,
    pub public_key: RequestOptions,
}

/// `POST /api/v1/session/second-step/security-key/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecurityKeyProof {
    pub challenge_id: String,
    pub credential: AssertionCredential,
}

/// Every binary WebAuthn field is unpadded base64url.
pub use crate::base64::url as base64url;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_use_the_webauthn_json_names() {
        let json = r#"{"id":"AQ","rawId":"AQ","type":"public-key","authenticatorAttachment":"cross-platform",
            "response":{"clientDataJSON":"e30","attestationObject":"oA","transports":["usb"]},"clientExtensionResults":{}}"#;
        let c: RegistrationCredential = serde_json::from_str(json).unwrap();
        assert_eq!(c.response.transports, ["usb"]);
        let out = serde_json::to_value(CredentialParameters { kind: "public-key".into(), alg: -7 }).unwrap();
        assert_eq!(out, serde_json::json!({"type": "public-key", "alg": -7}));
    }
}
