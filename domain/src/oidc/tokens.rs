//! What the token endpoint reads and writes: the request (a code, RFC 6749 §4.1.3,
//! or a refresh token, §6), the client's authentication (§2.3.1), PKCE (RFC 7636
//! §4.6), and the tokens: an ID token (OpenID Connect Core §2), an access token (a
//! JWT, RFC 9068) for UserInfo, and a refresh token (rotated on every use).

use super::authorization::Params;
use crate::session::Amr;
use crate::Millis;
use api::base64::url as b64;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Lifetimes: the code, the access token, the ID token.
pub const CODE_TTL: Millis = 60 * crate::SECOND;
pub const ACCESS_TTL: Millis = crate::HOUR;
pub const ID_TTL: Millis = 10 * crate::MINUTE;
/// A refresh token family lasts this long unused, and never longer than
/// [`GRANT_MAX`] after the sign-in.
pub const REFRESH_IDLE: Millis = 14 * crate::DAY;
pub const GRANT_MAX: Millis = 90 * crate::DAY;
/// JWT `typ` of our tokens: an access token can never pass for an ID token.
pub const ID_TYP: &str = "JWT";
pub const ACCESS_TYP: &str = "at+jwt";

/// An OAuth error of the token or UserInfo endpoint, with its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    pub status: u16,
    pub error: &'static str,
    pub description: &'static str,
}

pub const fn token_error(status: u16, error: &'static str, description: &'static str) -> TokenError {
    TokenError { status, error, description }
}

pub const INVALID_CLIENT: TokenError = token_error(401, "invalid_client", "client authentication failed");
pub const INVALID_GRANT: TokenError = token_error(400, "invalid_grant", "the code is invalid, expired or spent");
pub const INVALID_TOKEN: TokenError = token_error(401, "invalid_token", "the access token is invalid or expired");

/// How a client said who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_secret_basic` or `client_secret_post`.
    Secret { client_id: String, secret: String },
    /// `none`: a public client names itself.
    Public { client_id: String },
}

/// What a token request exchanges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exchange {
    Code {
        code: String,
        redirect_uri: String,
        /// base64url SHA-256 of the PKCE verifier: compared with the code's challenge.
        challenge: String,
    },
    Refresh {
        token: String,
    },
}

/// A token request, read from the form body and the `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequest {
    pub client: ClientAuth,
    pub exchange: Exchange,
}

impl ClientAuth {
    pub fn client_id(&self) -> &str {
        match self {
            ClientAuth::Secret { client_id, .. } | ClientAuth::Public { client_id } => client_id,
        }
    }
}

fn percent_decode(s: &str) -> String {
    crate::providers::form::form_decode(&format!("x={s}")).pop().map(|(_, v)| v).unwrap_or_default()
}

/// Reads a token request. `basic`: the decoded `Authorization: Basic` pair, whose
/// parts are form-encoded (RFC 6749 §2.3.1).
pub fn request(form: &Params, basic: Option<(String, String)>) -> Result<TokenRequest, TokenError> {
    let bad = |d| token_error(400, "invalid_request", d);
    let one = |name: &str| -> Result<Option<&str>, TokenError> {
        let mut values = form.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let first = values.next();
        if values.next().is_some() {
            return Err(bad("a parameter was given more than once"));
        }
        Ok(first.filter(|v| !v.is_empty()))
    };
    let refresh = match one("grant_type")? {
        Some("authorization_code") => false,
        Some("refresh_token") => true,
        None => return Err(bad("grant_type is required")),
        Some(_) => return Err(token_error(400, "unsupported_grant_type", "authorization_code or refresh_token")),
    };
    let client = match (basic, one("client_secret")?) {
        (Some(_), Some(_)) => return Err(bad("use one way of client authentication")),
        (Some((id, secret)), None) => {
            let (id, secret) = (percent_decode(&id), percent_decode(&secret));
            if one("client_id")?.is_some_and(|named| named != id) {
                return Err(INVALID_CLIENT);
            }
            ClientAuth::Secret { client_id: id, secret }
        }
        (None, Some(secret)) => {
            let client_id = one("client_id")?.ok_or(INVALID_CLIENT)?.to_string();
            ClientAuth::Secret { client_id, secret: secret.to_string() }
        }
        (None, None) => ClientAuth::Public { client_id: one("client_id")?.ok_or(INVALID_CLIENT)?.to_string() },
    };
    if refresh {
        let token = one("refresh_token")?.ok_or(bad("refresh_token is required"))?.to_string();
        return Ok(TokenRequest { client, exchange: Exchange::Refresh { token } });
    }
    let code = one("code")?.ok_or(bad("code is required"))?.to_string();
    let redirect_uri = one("redirect_uri")?.ok_or(bad("redirect_uri is required"))?.to_string();
    let verifier = one("code_verifier")?.ok_or(bad("code_verifier is required (PKCE)"))?;
    if !valid_verifier(verifier) {
        return Err(bad("code_verifier must be 43 to 128 unreserved characters"));
    }
    Ok(TokenRequest { client, exchange: Exchange::Code { code, redirect_uri, challenge: s256(verifier) } })
}

/// RFC 7636 §4.1: 43 to 128 of `A-Z a-z 0-9 - . _ ~`.
pub fn valid_verifier(v: &str) -> bool {
    (43..=128).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// The S256 challenge of a verifier.
pub fn s256(verifier: &str) -> String {
    b64::encode(&Sha256::digest(verifier.as_bytes()))
}

/// The ID token's claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdToken {
    pub iss: String,
    pub aud: String,
    pub azp: String,
    pub exp: u64,
    pub iat: u64,
    pub auth_time: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    pub sid: String,
    pub acr: String,
    pub amr: Vec<String>,
    /// `sub` and the claims of the granted scopes.
    #[serde(flatten)]
    pub profile: api::oidc::UserInfo,
}

/// The access token's claims (RFC 9068): the grant it belongs to is `jti`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessToken {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub client_id: String,
    pub exp: u64,
    pub iat: u64,
    pub jti: String,
    pub scope: String,
}

/// JWT times are seconds.
pub fn seconds(at: Millis) -> u64 {
    at / 1000
}

/// The `amr` of a sign-in, with `mfa` when two factors were used (RFC 8176).
pub fn amr_claim(amr: &[Amr]) -> Vec<String> {
    let mut out: Vec<String> = amr.iter().map(|a| a.as_str().to_string()).collect();
    if amr.len() >= 2 {
        out.push("mfa".into());
    }
    out
}

/// The second factors of a sign-in, as Microsoft Entra's external methods name
/// them (`otp`, `sms`, `tel`, `hwk`): what an external method's ID token says.
pub fn second_factors(amr: &[Amr]) -> Vec<String> {
    amr.iter()
        .filter(|a| matches!(a, Amr::Otp | Amr::Sms | Amr::Tel | Amr::Hwk))
        .map(|a| a.as_str().to_string())
        .collect()
}

/// `acr`: `mfa` after a second factor, else `pwd`.
pub fn acr_claim(amr: &[String]) -> &'static str {
    if amr.iter().any(|a| a == "mfa") {
        super::authorization::ACR_MFA
    } else {
        super::authorization::ACR_PWD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Params {
        Params(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn pkce_s256_matches_rfc_7636_appendix_b() {
        assert_eq!(s256(VERIFIER), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert!(!valid_verifier("short"));
        assert!(!valid_verifier(&"a".repeat(129)));
        assert!(!valid_verifier(&format!("{}!", &VERIFIER[..43])));
    }

    #[test]
    fn reads_each_way_of_client_authentication() {
        let base = [("grant_type", "authorization_code"), ("code", "c"), ("redirect_uri", "https://a/cb")];
        let with = |extra: &[(&str, &str)]| {
            let mut pairs = base.to_vec();
            pairs.push(("code_verifier", VERIFIER));
            pairs.extend_from_slice(extra);
            form(&pairs)
        };
        let basic = Some(("app%201".to_string(), "s%3Acret".to_string()));
        let r = request(&with(&[]), basic.clone()).unwrap();
        assert_eq!(r.client, ClientAuth::Secret { client_id: "app 1".into(), secret: "s:cret".into() });
        let r = request(&with(&[("client_id", "app"), ("client_secret", "s")]), None).unwrap();
        assert_eq!(r.client, ClientAuth::Secret { client_id: "app".into(), secret: "s".into() });
        let r = request(&with(&[("client_id", "app")]), None).unwrap();
        assert_eq!(r.client, ClientAuth::Public { client_id: "app".into() });
        assert_eq!(request(&with(&[("client_secret", "s")]), basic).unwrap_err().error, "invalid_request");
        assert_eq!(request(&with(&[]), None).unwrap_err(), INVALID_CLIENT);
        let twice = with(&[("client_id", "a"), ("code", "d")]);
        assert_eq!(request(&twice, None).unwrap_err().error, "invalid_request");
        let password = form(&[("grant_type", "password")]);
        assert_eq!(request(&password, None).unwrap_err().error, "unsupported_grant_type");
        let refresh = form(&[("grant_type", "refresh_token"), ("refresh_token", "u1.ab"), ("client_id", "app")]);
        let r = request(&refresh, None).unwrap();
        assert_eq!(r.exchange, Exchange::Refresh { token: "u1.ab".into() });
    }

    #[test]
    fn mfa_needs_two_factors() {
        assert_eq!(amr_claim(&[Amr::Pwd]), ["pwd"]);
        assert_eq!(amr_claim(&[Amr::Pwd, Amr::Otp]), ["pwd", "otp", "mfa"]);
        assert_eq!(amr_claim(&[Amr::Hwk, Amr::User]), ["hwk", "user", "mfa"]);
        assert_eq!(acr_claim(&amr_claim(&[Amr::Pwd, Amr::Sms])), "mfa");
        assert_eq!(acr_claim(&amr_claim(&[Amr::Pwd])), "pwd");
    }
}
