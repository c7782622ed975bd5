//! The attestation certificate of `packed` (§8.2.1), read with a small DER walker:
//! only the fields the checks need (version, subject OU, basic constraints, the
//! AAGUID extension, the key), which costs the worker far less code than a full
//! X.509 parser.
use super::{PublicKey, Rejection, ES256, RS256};

/// 2.5.4.11 (organizationalUnitName), encoded.
const OU: &[u8] = &[0x55, 0x04, 0x0b];
/// 2.5.29.19 (basicConstraints).
const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
/// 1.3.6.1.4.1.45724.1.1.4 (id-fido-gen-ce-aaguid).
const FIDO_AAGUID: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xe5, 0x1c, 0x01, 0x01, 0x04];

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const OID: u8 = 0x06;
const BOOLEAN: u8 = 0x01;
const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
const UTF8_STRING: u8 = 0x0c;
const PRINTABLE_STRING: u8 = 0x13;
const VERSION: u8 = 0xa0;
const EXTENSIONS: u8 = 0xa3;

/// One DER element: its tag, its contents and the whole encoding.
#[derive(Clone, Copy)]
struct Element<'a> {
    tag: u8,
    body: &'a [u8],
    whole: &'a [u8],
}

/// The elements of `input`, one after another.
struct Elements<'a>(&'a [u8]);

impl<'a> Iterator for Elements<'a> {
    type Item = Result<Element<'a>, Rejection>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        let read = element(self.0);
        match read {
            Ok((e, rest)) => {
                self.0 = rest;
                Some(Ok(e))
            }
            Err(e) => {
                self.0 = &[];
                Some(Err(e))
            }
        }
    }
}

/// The first element of `input` (definite lengths only, as DER has) and the rest.
fn element(input: &[u8]) -> Result<(Element<'_>, &[u8]), Rejection> {
    let bad = || Rejection::Attestation;
    let (&tag, rest) = input.split_first().ok_or_else(bad)?;
    let (&first, rest) = rest.split_first().ok_or_else(bad)?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return Err(bad());
        }
        let len = rest[..n].iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return Err(bad());
    }
    let header = input.len() - rest.len();
    let e = Element { tag, body: &rest[..len], whole: &input[..header + len] };
    Ok((e, &rest[len..]))
}

fn expect(e: Option<Result<Element<'_>, Rejection>>, tag: u8) -> Result<Element<'_>, Rejection> {
    match e {
        Some(Ok(e)) if e.tag == tag => Ok(e),
        _ => Err(Rejection::Attestation),
    }
}

pub struct Certificate {
    version_3: bool,
    subject: Vec<u8>,
    spki: Vec<u8>,
    extensions: Vec<u8>,
}

impl Certificate {
    pub fn parse(der: &[u8]) -> Result<Self, Rejection> {
        let (cert, rest) = element(der)?;
        if cert.tag != SEQUENCE || !rest.is_empty() {
            return Err(Rejection::Attestation);
        }
        let mut parts = Elements(cert.body);
        let tbs = expect(parts.next(), SEQUENCE)?;
        let mut fields = Elements(tbs.body);
        let mut next = fields.next();
        let mut version_3 = false;
        if let Some(Ok(v)) = next.filter(|e| matches!(e, Ok(e) if e.tag == VERSION)) {
            let (int, _) = element(v.body)?;
            version_3 = int.tag == INTEGER && int.body == [2];
            next = fields.next();
        }
        expect(next, INTEGER)?; // serial number
        expect(fields.next(), SEQUENCE)?; // signature algorithm
        expect(fields.next(), SEQUENCE)?; // issuer
        expect(fields.next(), SEQUENCE)?; // validity
        let subject = expect(fields.next(), SEQUENCE)?.body.to_vec();
        let spki = expect(fields.next(), SEQUENCE)?.whole.to_vec();
        let mut extensions = vec![];
        for field in fields {
            let field = field?;
            if field.tag == EXTENSIONS {
                extensions = expect(Elements(field.body).next(), SEQUENCE)?.body.to_vec();
            }
        }
        Ok(Certificate { version_3, subject, spki, extensions })
    }

    pub fn check(&self, aaguid: &[u8; 16]) -> Result<(), Rejection> {
        if !self.version_3 || !self.subject_ou_is("Authenticator Attestation")? {
            return Err(Rejection::Attestation);
        }
        for extension in Elements(&self.extensions) {
            let mut parts = Elements(expect(Some(extension), SEQUENCE)?.body);
            let oid = expect(parts.next(), OID)?.body;
            let mut next = parts.next();
            let mut critical = false;
            if let Some(Ok(b)) = next.filter(|e| matches!(e, Ok(e) if e.tag == BOOLEAN)) {
                critical = b.body.first().is_some_and(|v| *v != 0);
                next = parts.next();
            }
            let value = expect(next, OCTET_STRING)?.body;
            if oid == BASIC_CONSTRAINTS {
                let constraints = expect(Elements(value).next(), SEQUENCE)?;
                let ca = matches!(Elements(constraints.body).next(), Some(Ok(e)) if e.tag == BOOLEAN && e.body.first().is_some_and(|v| *v != 0));
                if ca {
                    return Err(Rejection::Attestation);
                }
            } else if oid == FIDO_AAGUID {
                let inner = expect(Elements(value).next(), OCTET_STRING)?.body;
                if critical || inner != aaguid {
                    return Err(Rejection::Attestation);
                }
            }
        }
        Ok(())
    }

    /// Whether the subject's organizational unit is `wanted` (UTF8String or
    /// PrintableString).
    fn subject_ou_is(&self, wanted: &str) -> Result<bool, Rejection> {
        for rdn in Elements(&self.subject) {
            for attribute in Elements(expect(Some(rdn), SET)?.body) {
                let mut parts = Elements(expect(Some(attribute), SEQUENCE)?.body);
                if expect(parts.next(), OID)?.body == OU {
                    let value = parts.next().ok_or(Rejection::Attestation)??;
                    let text = matches!(value.tag, UTF8_STRING | PRINTABLE_STRING);
                    return Ok(text && value.body == wanted.as_bytes());
                }
            }
        }
        Ok(false)
    }

    /// The certificate's key for the statement's algorithm.
    pub fn key(&self, alg: i64) -> Result<PublicKey, Rejection> {
        use p256::pkcs8::DecodePublicKey;
        match alg {
            ES256 => p256::ecdsa::VerifyingKey::from_public_key_der(&self.spki).map(PublicKey::Es256),
            RS256 => rsa::RsaPublicKey::from_public_key_der(&self.spki).map(PublicKey::Rs256),
            _ => return Err(Rejection::Attestation),
        }
        .map_err(|_| Rejection::Attestation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ciborium::Value;

    /// The leaf certificate and the AAGUID of the recorded `packed` registration.
    fn recorded() -> (Vec<u8>, [u8; 16]) {
        let fixtures: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/flows/fixtures/webauthn.json")).unwrap();
        let case = fixtures["cases"].as_array().unwrap().iter().find(|c| c["name"] == "es256-packed").unwrap();
        let object = case["registration"]["response"]["response"]["attestationObject"].as_str().unwrap();
        let value: Value = ciborium::from_reader(api::base64url::decode(object).unwrap().as_slice()).unwrap();
        let map = value.as_map().unwrap();
        let get = |name: &str| map.iter().find(|(k, _)| k.as_text() == Some(name)).map(|(_, v)| v.clone()).unwrap();
        let auth_data = get("authData").as_bytes().unwrap().clone();
        let statement = get("attStmt");
        let x5c = statement.as_map().unwrap().iter().find(|(k, _)| k.as_text() == Some("x5c")).unwrap().1.clone();
        let leaf = x5c.as_array().unwrap()[0].as_bytes().unwrap().clone();
        (leaf, auth_data[37..53].try_into().unwrap())
    }

    #[test]
    fn a_real_attestation_certificate_meets_the_requirements_for_its_aaguid_only() {
        let (leaf, aaguid) = recorded();
        let certificate = Certificate::parse(&leaf).unwrap();
        assert_eq!(certificate.check(&aaguid), Ok(()));
        assert!(certificate.key(ES256).is_ok());
        assert!(certificate.key(-8).is_err());
        let mut other = aaguid;
        other[0] ^= 1;
        let has_aaguid_extension = leaf.windows(FIDO_AAGUID.len()).any(|w| w == FIDO_AAGUID);
        assert_eq!(certificate.check(&other).is_err(), has_aaguid_extension);
    }

    #[test]
    fn another_unit_or_a_broken_encoding_is_refused() {
        let (leaf, aaguid) = recorded();
        // The last one: the issuer may carry the same unit before the subject.
        let at = leaf.windows(9).rposition(|w| w == b"Authentic").unwrap();
        let mut renamed = leaf.clone();
        renamed[at] = b'X';
        assert_eq!(Certificate::parse(&renamed).unwrap().check(&aaguid), Err(Rejection::Attestation));
        for cut in [1, 10, leaf.len() / 2, leaf.len() - 1] {
            assert!(Certificate::parse(&leaf[..cut]).is_err(), "{cut}");
        }
        let mut trailing = leaf.clone();
        trailing.push(0);
        assert!(Certificate::parse(&trailing).is_err());
        assert!(Certificate::parse(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err(), "a length past the input");
    }
}
