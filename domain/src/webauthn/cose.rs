//! A credential public key from its COSE_Key (RFC 9053): ES256, EdDSA and RS256,
//! and the signature checks with each.

use super::{bytes, cose_get, integer, Rejection, EDDSA, ES256, RS256};
use ciborium::Value;
use sha2::Sha256;

/// A credential public key, parsed from its COSE_Key (RFC 9053).
pub(super) enum PublicKey {
    Es256(p256::ecdsa::VerifyingKey),
    EdDsa(ed25519_dalek::VerifyingKey),
    Rs256(rsa::RsaPublicKey),
}

impl PublicKey {
    pub(super) fn from_cose(cose: &[u8]) -> Result<Self, Rejection> {
        let mut input = cose;
        let value: Value = ciborium::from_reader(&mut input).map_err(|_| Rejection::Malformed)?;
        let map = value.as_map().ok_or(Rejection::Malformed)?;
        let get = |label| cose_get(map, label).ok_or(Rejection::Malformed);
        let (kty, alg) = (integer(get(1)?)?, integer(get(3)?)?);
        match (kty, alg) {
            // EC2, P-256.
            (2, ES256) if integer(get(-1)?)? == 1 => {
                let (x, y) = (bytes(get(-2)?)?, bytes(get(-3)?)?);
                if x.len() != 32 || y.len() != 32 {
                    return Err(Rejection::Malformed);
                }
                let mut sec1 = vec![4u8];
                sec1.extend_from_slice(x);
                sec1.extend_from_slice(y);
                p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1)
                    .map(PublicKey::Es256)
                    .map_err(|_| Rejection::Malformed)
            }
            // OKP, Ed25519.
            (1, EDDSA) if integer(get(-1)?)? == 6 => {
                let x: [u8; 32] = bytes(get(-2)?)?.try_into().map_err(|_| Rejection::Malformed)?;
                ed25519_dalek::VerifyingKey::from_bytes(&x).map(PublicKey::EdDsa).map_err(|_| Rejection::Malformed)
            }
            // RSA, at least 2048 bits (the crate refuses more than 4096).
            (3, RS256) => {
                let n = rsa::BigUint::from_bytes_be(bytes(get(-1)?)?);
                let e = rsa::BigUint::from_bytes_be(bytes(get(-2)?)?);
                if n.bits() < 2048 {
                    return Err(Rejection::Algorithm);
                }
                rsa::RsaPublicKey::new(n, e).map(PublicKey::Rs256).map_err(|_| Rejection::Algorithm)
            }
            _ => Err(Rejection::Algorithm),
        }
    }

    pub(super) fn algorithm(&self) -> i64 {
        match self {
            PublicKey::Es256(_) => ES256,
            PublicKey::EdDsa(_) => EDDSA,
            PublicKey::Rs256(_) => RS256,
        }
    }

    pub(super) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Rejection> {
        use p256::ecdsa::signature::Verifier;
        let ok = match self {
            PublicKey::Es256(key) => {
                p256::ecdsa::Signature::from_der(signature).is_ok_and(|s| key.verify(message, &s).is_ok())
            }
            PublicKey::EdDsa(key) => {
                ed25519_dalek::Signature::from_slice(signature).is_ok_and(|s| key.verify_strict(message, &s).is_ok())
            }
            PublicKey::Rs256(key) => {
                let key = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key.clone());
                rsa::pkcs1v15::Signature::try_from(signature).is_ok_and(|s| key.verify(message, &s).is_ok())
            }
        };
        ok.then_some(()).ok_or(Rejection::Signature)
    }
}
