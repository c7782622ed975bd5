//! The `id_token_hint` Microsoft Entra ID sends an external authentication method
//! (EAM): a token Entra signed (RS256, keys from the tenant's JWKS) naming the user
//! who passed the first factor there. Checked here against the app's configured
//! Entra issuer and keys; it may have expired (Entra sends one that is expired or
//! about to), but not be older than an hour.

use crate::Millis;
use api::base64::url as b64;
use api::oidc::ExternalMethod;
use serde::Deserialize;
use sha2::Sha256;

/// How old a hint may be.
pub const HINT_MAX_AGE: Millis = crate::HOUR;

/// Who the hint names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The subject our ID token must repeat.
    pub sub: String,
    /// The user's sign-in name at Entra (mapped to our username).
    pub username: String,
}

/// Why a hint was refused (for the error page and the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintProblem {
    /// Not a JWT, not RS256 (`none`, HS256…), an unknown key or a bad signature.
    Signature,
    Issuer,
    Audience,
    /// Older than an hour, or issued in the future.
    Age,
    /// No `sub`, or not the claim naming the user.
    Claims,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

#[derive(Deserialize)]
struct Jwk {
    #[serde(default)]
    kid: Option<String>,
    kty: String,
    #[serde(default)]
    n: String,
    #[serde(default)]
    e: String,
}

#[derive(Deserialize)]
struct KeySet {
    keys: Vec<Jwk>,
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    /// A string or a list (RFC 7519 §4.1.3).
    aud: serde_json::Value,
    #[serde(default)]
    iat: Option<u64>,
    #[serde(default)]
    sub: Option<String>,
    /// The rest: the claim naming the user is configured per app.
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

/// Checks `jwt` against the Entra tenant `eam` (its issuer; `jwks`, its key set as
/// JSON) for the app `client_id`; the user is named by the configured claim.
pub fn check(jwt: &str, jwks: &str, eam: &ExternalMethod, client_id: &str, now: Millis) -> Result<Hint, HintProblem> {
    use rsa::signature::Verifier;
    let (input, signature) = jwt.rsplit_once('.').ok_or(HintProblem::Signature)?;
    let (header, payload) = input.split_once('.').ok_or(HintProblem::Signature)?;
    let header: Header =
        b64::decode(header).and_then(|h| serde_json::from_slice(&h).ok()).ok_or(HintProblem::Signature)?;
    if header.alg != "RS256" {
        return Err(HintProblem::Signature);
    }
    let keys: KeySet = serde_json::from_str(jwks).map_err(|_| HintProblem::Signature)?;
    let jwk = keys
        .keys
        .iter()
        .find(|k| k.kty == "RSA" && k.kid.is_some() && k.kid == header.kid)
        .ok_or(HintProblem::Signature)?;
    let (n, e) = b64::decode(&jwk.n).zip(b64::decode(&jwk.e)).ok_or(HintProblem::Signature)?;
    let key = rsa::RsaPublicKey::new(rsa::BigUint::from_bytes_be(&n), rsa::BigUint::from_bytes_be(&e))
        .map_err(|_| HintProblem::Signature)?;
    let signature = b64::decode(signature).ok_or(HintProblem::Signature)?;
    let signature = rsa::pkcs1v15::Signature::try_from(signature.as_slice()).map_err(|_| HintProblem::Signature)?;
    rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key)
        .verify(input.as_bytes(), &signature)
        .map_err(|_| HintProblem::Signature)?;
    let claims: Claims =
        b64::decode(payload).and_then(|p| serde_json::from_slice(&p).ok()).ok_or(HintProblem::Claims)?;
    if claims.iss != eam.issuer {
        return Err(HintProblem::Issuer);
    }
    let for_us = match &claims.aud {
        serde_json::Value::String(aud) => aud == client_id,
        serde_json::Value::Array(list) => list.iter().any(|a| a.as_str() == Some(client_id)),
        _ => false,
    };
    if !for_us {
        return Err(HintProblem::Audience);
    }
    let issued = claims.iat.ok_or(HintProblem::Age)?.saturating_mul(1000);
    if issued > now + 5 * crate::MINUTE || issued.saturating_add(HINT_MAX_AGE) < now {
        return Err(HintProblem::Age);
    }
    let username = claims.other.get(eam.username_claim.as_str()).and_then(|v| v.as_str()).map(str::to_string);
    match (claims.sub, username) {
        (Some(sub), Some(username)) if !sub.is_empty() && !username.is_empty() => Ok(Hint { sub, username }),
        _ => Err(HintProblem::Claims),
    }
}
