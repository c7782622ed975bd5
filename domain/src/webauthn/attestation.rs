//! The attestation certificate of `packed` (§8.2.1).
use super::{PublicKey, Rejection, ES256, RS256};
use x509_cert::der::{Decode, Encode};

const OU: &str = "2.5.4.11";
const BASIC_CONSTRAINTS: &str = "2.5.29.19";
/// id-fido-gen-ce-aaguid.
const FIDO_AAGUID: &str = "1.3.6.1.4.1.45724.1.1.4";

pub struct Certificate(x509_cert::Certificate);

impl Certificate {
    pub fn parse(der: &[u8]) -> Result<Self, Rejection> {
        x509_cert::Certificate::from_der(der).map(Certificate).map_err(|_| Rejection::Attestation)
    }

    pub fn check(&self, aaguid: &[u8; 16]) -> Result<(), Rejection> {
        let tbs = &self.0.tbs_certificate;
        if tbs.version != x509_cert::Version::V3 {
            return Err(Rejection::Attestation);
        }
        let ou = tbs.subject.0.iter().flat_map(|rdn| rdn.0.iter()).find(|a| a.oid.to_string() == OU);
        let ou_ok = ou
            .and_then(|a| a.value.decode_as::<x509_cert::der::asn1::Utf8StringRef>().ok())
            .is_some_and(|v| v.as_str() == "Authenticator Attestation")
            || ou
                .and_then(|a| a.value.decode_as::<x509_cert::der::asn1::PrintableStringRef>().ok())
                .is_some_and(|v| v.as_str() == "Authenticator Attestation");
        if !ou_ok {
            return Err(Rejection::Attestation);
        }
        for ext in tbs.extensions.iter().flatten() {
            let oid = ext.extn_id.to_string();
            if oid == BASIC_CONSTRAINTS {
                let bc = x509_cert::ext::pkix::BasicConstraints::from_der(ext.extn_value.as_bytes())
                    .map_err(|_| Rejection::Attestation)?;
                if bc.ca {
                    return Err(Rejection::Attestation);
                }
            } else if oid == FIDO_AAGUID {
                if ext.critical {
                    return Err(Rejection::Attestation);
                }
                let inner = x509_cert::der::asn1::OctetString::from_der(ext.extn_value.as_bytes())
                    .map_err(|_| Rejection::Attestation)?;
                if inner.as_bytes() != aaguid {
                    return Err(Rejection::Attestation);
                }
            }
        }
        Ok(())
    }

    /// The certificate's key for the statement's algorithm.
    pub fn key(&self, alg: i64) -> Result<PublicKey, Rejection> {
        use p256::pkcs8::DecodePublicKey;
        let spki = self.0.tbs_certificate.subject_public_key_info.to_der().map_err(|_| Rejection::Attestation)?;
        match alg {
            ES256 => p256::ecdsa::VerifyingKey::from_public_key_der(&spki).map(PublicKey::Es256),
            RS256 => rsa::RsaPublicKey::from_public_key_der(&spki).map(PublicKey::Rs256),
            _ => return Err(Rejection::Attestation),
        }
        .map_err(|_| Rejection::Attestation)
    }
}
