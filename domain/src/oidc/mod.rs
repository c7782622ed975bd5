//! An OpenID Provider per tenant (OpenID Connect Core 1.0, RFC 6749, RFC 7636):
//! the tenant's apps sign people in through this product's own sign-in and second
//! step. The issuer is the tenant's origin (with its `/t/<tenant>` prefix in
//! development). Rules here; the flows over storage are in `portal::apps`.

pub mod authorization;
pub mod clients;
pub mod hint;
pub mod page;
pub mod signing;
pub mod tokens;

/// Endpoint paths under the issuer.
pub const DISCOVERY: &str = "/.well-known/openid-configuration";

/// The discovery document of `issuer`.
pub fn discovery(issuer: &str) -> api::oidc::Discovery {
    use api::endpoints::{OIDC_AUTHORIZE, OIDC_JWKS, OIDC_LOGOUT, OIDC_TOKEN, OIDC_USERINFO};
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    api::oidc::Discovery {
        issuer: issuer.to_string(),
        authorization_endpoint: format!("{issuer}{}", OIDC_AUTHORIZE.route.path),
        token_endpoint: format!("{issuer}{}", OIDC_TOKEN.route.path),
        userinfo_endpoint: format!("{issuer}{}", OIDC_USERINFO.route.path),
        jwks_uri: format!("{issuer}{}", OIDC_JWKS.route.path),
        end_session_endpoint: format!("{issuer}{}", OIDC_LOGOUT.route.path),
        scopes_supported: strings(&api::oidc::SCOPES),
        response_types_supported: strings(&["code"]),
        response_modes_supported: strings(&["query"]),
        grant_types_supported: strings(&["authorization_code", "refresh_token"]),
        subject_types_supported: strings(&["public"]),
        id_token_signing_alg_values_supported: strings(&[signing::ALG]),
        token_endpoint_auth_methods_supported: strings(&["client_secret_basic", "client_secret_post", "none"]),
        code_challenge_methods_supported: strings(&["S256"]),
        claims_supported: strings(&[
            "iss",
            "sub",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "sid",
            "acr",
            "amr",
            "azp",
            "name",
            "preferred_username",
            "email",
            "email_verified",
        ]),
        acr_values_supported: strings(&[authorization::ACR_MFA, authorization::ACR_PWD]),
        prompt_values_supported: strings(&["none", "login", "consent", "select_account"]),
        ui_locales_supported: strings(&api::LANGUAGES),
        claims_parameter_supported: false,
        request_parameter_supported: false,
        request_uri_parameter_supported: false,
        authorization_response_iss_parameter_supported: true,
    }
}
