//! ES256 JSON Web Tokens: the provider's signing keys (a Worker secret,
//! `kid:hex64[,kid:hex64…]`, P-256 private scalars), the JWKS that publishes them,
//! and signing and checking compact JWTs. The first key signs; every key is
//! published and accepted, so keys rotate without breaking tokens in flight.

use crate::entropy;
use api::base64::url as b64;
use api::oidc::{Jwk, Jwks};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub const ALG: &str = "ES256";

#[derive(Clone)]
struct Key {
    kid: String,
    key: SigningKey,
}

/// The provider's keys, the first signs.
#[derive(Clone)]
pub struct SigningKeys(Vec<Key>);

impl std::fmt::Debug for SigningKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.0.iter().map(|k| k.kid.as_str()).collect();
        write!(f, "SigningKeys({ids:?})")
    }
}

/// A JWT's header as we write and accept it.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    typ: Option<String>,
    #[serde(default)]
    kid: Option<String>,
}

impl SigningKeys {
    /// `None` unless every entry is `kid:<64 hex>` with a valid P-256 scalar.
    pub fn parse(spec: &str) -> Option<Self> {
        let keys: Option<Vec<Key>> = spec
            .split(',')
            .map(|entry| {
                let (kid, hex) = entry.trim().split_once(':')?;
                let key = SigningKey::from_slice(&entropy::unhex(hex)?).ok()?;
                let ok = !kid.is_empty() && kid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                ok.then(|| Key { kid: kid.to_string(), key })
            })
            .collect();
        keys.filter(|k| !k.is_empty()).map(SigningKeys)
    }

    pub fn jwks(&self) -> Jwks {
        let keys = self
            .0
            .iter()
            .map(|k| {
                let point = k.key.verifying_key().to_encoded_point(false);
                Jwk {
                    kty: "EC".into(),
                    crv: "P-256".into(),
                    x: point.x().map(|x| b64::encode(x)).unwrap_or_default(),
                    y: point.y().map(|y| b64::encode(y)).unwrap_or_default(),
                    kid: k.kid.clone(),
                    use_: "sig".into(),
                    alg: ALG.into(),
                }
            })
            .collect();
        Jwks { keys }
    }

    /// A compact JWT of `claims` of type `typ`, signed with the current key.
    pub fn sign<T: Serialize>(&self, typ: &str, claims: &T) -> Option<String> {
        let current = self.0.first()?;
        let header = Header { alg: ALG.into(), typ: Some(typ.into()), kid: Some(current.kid.clone()) };
        let input = format!(
            "{}.{}",
            b64::encode(&serde_json::to_vec(&header).ok()?),
            b64::encode(&serde_json::to_vec(claims).ok()?)
        );
        let signature: Signature = current.key.sign(input.as_bytes());
        Some(format!("{input}.{}", b64::encode(&signature.to_bytes())))
    }

    /// The claims of a JWT we signed as `typ` with any of our keys; `None` for
    /// another algorithm (`none`, HS256…), type, key or a bad signature. Expiry is
    /// the caller's to check.
    pub fn verify<T: DeserializeOwned>(&self, typ: &str, jwt: &str) -> Option<T> {
        let (input, signature) = jwt.rsplit_once('.')?;
        let (header, payload) = input.split_once('.')?;
        let header: Header = serde_json::from_slice(&b64::decode(header)?).ok()?;
        if header.alg != ALG || header.typ.as_deref() != Some(typ) {
            return None;
        }
        let key = self.0.iter().find(|k| Some(&k.kid) == header.kid.as_ref())?;
        let signature = Signature::from_slice(&b64::decode(signature)?).ok()?;
        key.key.verifying_key().verify(input.as_bytes(), &signature).ok()?;
        serde_json::from_slice(&b64::decode(payload)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "k2:c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721,\
                        k1:0f4ce2f1d5a4b3c2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8";

    #[test]
    fn signs_with_the_first_key_and_accepts_every_key() {
        let keys = SigningKeys::parse(SPEC).unwrap();
        let jwks = keys.jwks();
        assert_eq!(jwks.keys.iter().map(|k| k.kid.as_str()).collect::<Vec<_>>(), ["k2", "k1"]);
        assert_eq!(jwks.keys[0].x.len(), 43);
        let jwt = keys.sign("JWT", &serde_json::json!({"sub": "u1"})).unwrap();
        let claims: serde_json::Value = keys.verify("JWT", &jwt).unwrap();
        assert_eq!(claims["sub"], "u1");
        // A ring without the key that signed it refuses the token.
        let old_only = SigningKeys::parse(SPEC.split(',').nth(1).unwrap()).unwrap();
        assert!(old_only.verify::<serde_json::Value>("JWT", &jwt).is_none());
        let rotated = SigningKeys::parse(&format!("k3:{},{SPEC}", "11".repeat(32))).unwrap();
        assert!(rotated.verify::<serde_json::Value>("JWT", &jwt).is_some(), "tokens in flight survive rotation");
        assert!(keys.verify::<serde_json::Value>("at+jwt", &jwt).is_none(), "another type");
    }

    #[test]
    fn refuses_alg_none_hs256_and_tampering() {
        let keys = SigningKeys::parse(SPEC).unwrap();
        let jwt = keys.sign("JWT", &serde_json::json!({"sub": "u1"})).unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        let forged_payload = b64::encode(br#"{"sub":"u2"}"#);
        assert!(keys
            .verify::<serde_json::Value>("JWT", &format!("{}.{forged_payload}.{}", parts[0], parts[2]))
            .is_none());
        let none = b64::encode(br#"{"alg":"none","typ":"JWT","kid":"k2"}"#);
        assert!(keys.verify::<serde_json::Value>("JWT", &format!("{none}.{}.", parts[1])).is_none());
        // HS256 keyed with the public key (the classic confusion) is not even tried.
        let hs = b64::encode(br#"{"alg":"HS256","typ":"JWT","kid":"k2"}"#);
        assert!(keys.verify::<serde_json::Value>("JWT", &format!("{hs}.{}.{}", parts[1], parts[2])).is_none());
        assert!(keys.verify::<serde_json::Value>("JWT", "not.a.jwt").is_none());
        assert!(keys.verify::<serde_json::Value>("JWT", "").is_none());
    }

    #[test]
    fn refuses_malformed_specs() {
        assert!(SigningKeys::parse("").is_none());
        assert!(SigningKeys::parse("k1:zz").is_none());
        assert!(SigningKeys::parse(&format!("k1:{}", "00".repeat(32))).is_none(), "zero is no scalar");
        assert!(SigningKeys::parse(&format!(":{}", "11".repeat(32))).is_none());
        assert!(SigningKeys::parse(&format!("k 1:{}", "11".repeat(32))).is_none());
    }
}
