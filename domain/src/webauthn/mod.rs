//! The WebAuthn relying party (Level 3): the registration ceremony (§7.1) and the
//! authentication ceremony (§7.2), pure Rust so it runs in the Worker. Attestation
//! `none` is what we ask for; `packed` is checked when an authenticator sends it
//! (recorded as `self`, or `none` for a chain without a trusted root), and other
//! formats are accepted as unattested.
//! Challenges are server-held ([`Ceremony`] in the user's ledger) and used once.

use crate::{Millis, MINUTE};
use api::base64url;
use api::{AssertionCredential, RegistrationCredential};
use ciborium::Value;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const ES256: i64 = -7;
pub const EDDSA: i64 = -8;
pub const RS256: i64 = -257;
/// Offered in this order of preference.
pub const ALGORITHMS: [i64; 3] = [ES256, EDDSA, RS256];
/// How long a challenge is good for; also the browser prompt's timeout.
pub const CEREMONY_TTL: Millis = 5 * MINUTE;
/// WebAuthn caps credential ids at 1023 bytes.
const MAX_CREDENTIAL_ID: usize = 1023;

const UP: u8 = 0x01;
const UV: u8 = 0x04;
const BE: u8 = 0x08;
const BS: u8 = 0x10;
const AT: u8 = 0x40;
const ED: u8 = 0x80;

/// Who we are to the browser: the rp id (the tenant's host) and the page origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelyingParty {
    pub id: String,
    pub origin: String,
}

/// Why a response was refused. Each is a step of the ceremony; the API reports
/// `NotVerified` on its own (the user can fix it with a PIN) and the rest as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    Malformed,
    ClientDataType,
    Challenge,
    Origin,
    CrossOrigin,
    RpIdHash,
    NotPresent,
    NotVerified,
    Algorithm,
    Attestation,
    Signature,
    UserHandle,
    /// Not one of the user's keys.
    UnknownCredential,
    /// Backed up without being backup eligible, or backup eligibility changed
    /// since registration (§6.1.3: it is fixed for a credential's life).
    BackupFlags,
}

/// What a ceremony is for, kept with its challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", rename_all = "kebab-case")]
pub enum CeremonyPurpose {
    Register { name: String },
    SignIn,
}

/// A challenge handed to the browser, waiting for its response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ceremony {
    pub id: String,
    /// The 32 random bytes, base64url.
    pub challenge: String,
    pub purpose: CeremonyPurpose,
    pub expires_at: Millis,
}

impl Ceremony {
    pub fn new(id: String, challenge: &[u8; 32], purpose: CeremonyPurpose, now: Millis) -> Self {
        Ceremony { id, challenge: base64url::encode(challenge), purpose, expires_at: now + CEREMONY_TTL }
    }
}

/// A registered credential as stored with its method. Binary fields base64url.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    pub id: String,
    /// The COSE_Key exactly as the authenticator sent it.
    pub public_key: String,
    pub algorithm: i64,
    pub sign_count: u32,
    /// Lower-case hex; all zeros when the authenticator or browser hides the model.
    pub aaguid: String,
    #[serde(default)]
    pub transports: Vec<String>,
    /// Backup eligible: a synced passkey rather than a device-bound key.
    #[serde(default)]
    pub backup_eligible: bool,
    /// `packed` when a verified attestation came with it, else `none`.
    pub attestation: String,
}

/// A verified assertion: which credential, and the counter it reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    pub credential_id: String,
    pub sign_count: u32,
}

/// §7.1: verifies a `create()` response against the ceremony's challenge.
pub fn verify_registration(
    response: &RegistrationCredential,
    challenge: &str,
    rp: &RelyingParty,
    require_verification: bool,
) -> Result<Credential, Rejection> {
    if response.kind != "public-key" || response.id != response.raw_id {
        return Err(Rejection::Malformed);
    }
    let client_data = decode(&response.response.client_data_json)?;
    check_client_data(&client_data, "webauthn.create", challenge, rp)?;
    let client_data_hash = Sha256::digest(&client_data);

    let object = decode(&response.response.attestation_object)?;
    // Every CBOR read takes `&mut &[u8]`: one copy of the decoder in the worker.
    let object: Value = ciborium::from_reader(&mut object.as_slice()).map_err(|_| Rejection::Malformed)?;
    let fmt = text(map_get(&object, "fmt")?)?;
    let statement = map_get(&object, "attStmt")?;
    let raw = bytes(map_get(&object, "authData")?)?;
    let data = AuthenticatorData::parse(raw)?;
    data.check(rp, require_verification)?;
    let attested = data.attested.ok_or(Rejection::Malformed)?;
    if base64url::encode(attested.credential_id) != response.raw_id {
        return Err(Rejection::Malformed);
    }
    let key = PublicKey::from_cose(attested.public_key)?;

    let mut signed = raw.to_vec();
    signed.extend_from_slice(&client_data_hash);
    // We ask for no attestation and hold no trust anchors, so no statement is
    // ever "verified" to a root: `packed` is checked (a broken one is refused) and
    // recorded as `self` when the credential signs itself, else `none`. Formats we
    // do not check are accepted as unattested, as the spec allows when none was
    // asked for (clients may still send them).
    let attestation = match fmt {
        "none" if statement.as_map().is_some_and(Vec::is_empty) => "none",
        "packed" => verify_packed(statement, &signed, &key, &attested.aaguid)?,
        "fido-u2f" | "tpm" | "apple" | "android-key" | "android-safetynet" | "compound" => "none",
        _ => return Err(Rejection::Attestation),
    };
    Ok(Credential {
        id: response.raw_id.clone(),
        public_key: base64url::encode(attested.public_key),
        algorithm: key.algorithm(),
        sign_count: data.sign_count,
        aaguid: crate::entropy::hex(&attested.aaguid),
        transports: response.response.transports.iter().filter(|t| t.len() <= 16).take(8).cloned().collect(),
        backup_eligible: data.flags & BE != 0,
        attestation: attestation.to_string(),
    })
}

/// §7.2: verifies a `get()` response for one of the user's credentials.
/// `user_handle` is the user's handle (base64url): a returned handle must match it.
pub fn verify_assertion(
    response: &AssertionCredential,
    challenge: &str,
    rp: &RelyingParty,
    credential: &Credential,
    user_handle: &str,
) -> Result<Assertion, Rejection> {
    if response.kind != "public-key" || response.id != response.raw_id || response.raw_id != credential.id {
        return Err(Rejection::Malformed);
    }
    if response.response.user_handle.as_deref().is_some_and(|h| !h.is_empty() && h != user_handle) {
        return Err(Rejection::UserHandle);
    }
    let client_data = decode(&response.response.client_data_json)?;
    check_client_data(&client_data, "webauthn.get", challenge, rp)?;
    let raw = decode(&response.response.authenticator_data)?;
    let data = AuthenticatorData::parse(&raw)?;
    data.check(rp, true)?;
    if (data.flags & BE != 0) != credential.backup_eligible {
        return Err(Rejection::BackupFlags);
    }
    let key = PublicKey::from_cose(&decode(&credential.public_key)?)?;
    let mut signed = raw.clone();
    signed.extend_from_slice(&Sha256::digest(&client_data));
    key.verify(&signed, &decode(&response.response.signature)?)?;
    Ok(Assertion { credential_id: credential.id.clone(), sign_count: data.sign_count })
}

/// §6.1.1: a counter that does not grow means the key may have been copied.
/// Zero on both sides is an authenticator without a counter.
pub fn counter_ok(stored: u32, reported: u32) -> bool {
    (stored == 0 && reported == 0) || reported > stored
}

fn decode(text: &str) -> Result<Vec<u8>, Rejection> {
    base64url::decode(text).ok_or(Rejection::Malformed)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClientData {
    #[serde(rename = "type")]
    kind: String,
    challenge: String,
    origin: String,
    #[serde(default)]
    cross_origin: Option<bool>,
    #[serde(default)]
    top_origin: Option<String>,
}

fn check_client_data(json: &[u8], kind: &str, challenge: &str, rp: &RelyingParty) -> Result<(), Rejection> {
    let data: ClientData = serde_json::from_slice(json).map_err(|_| Rejection::Malformed)?;
    if data.kind != kind {
        return Err(Rejection::ClientDataType);
    }
    // Constant time is not needed: the challenge is public once sent.
    if data.challenge != challenge {
        return Err(Rejection::Challenge);
    }
    if data.origin != rp.origin {
        return Err(Rejection::Origin);
    }
    if data.cross_origin == Some(true) || data.top_origin.is_some() {
        return Err(Rejection::CrossOrigin);
    }
    Ok(())
}

struct AttestedCredential<'a> {
    aaguid: [u8; 16],
    credential_id: &'a [u8],
    public_key: &'a [u8],
}

/// §6.1: rpIdHash, flags, counter, then the attested credential and extensions.
struct AuthenticatorData<'a> {
    rp_id_hash: &'a [u8],
    flags: u8,
    sign_count: u32,
    attested: Option<AttestedCredential<'a>>,
}

impl<'a> AuthenticatorData<'a> {
    fn parse(raw: &'a [u8]) -> Result<Self, Rejection> {
        let take = |at: usize, n: usize| raw.get(at..at + n).ok_or(Rejection::Malformed);
        let rp_id_hash = take(0, 32)?;
        let flags = take(32, 1)?[0];
        let sign_count = u32::from_be_bytes(take(33, 4)?.try_into().map_err(|_| Rejection::Malformed)?);
        let mut at = 37;
        let attested = if flags & AT != 0 {
            let aaguid: [u8; 16] = take(at, 16)?.try_into().map_err(|_| Rejection::Malformed)?;
            let len = usize::from(u16::from_be_bytes(take(at + 16, 2)?.try_into().map_err(|_| Rejection::Malformed)?));
            if len > MAX_CREDENTIAL_ID {
                return Err(Rejection::Malformed);
            }
            let credential_id = take(at + 18, len)?;
            at += 18 + len;
            let key_len = cbor_item_len(raw.get(at..).ok_or(Rejection::Malformed)?)?;
            let public_key = take(at, key_len)?;
            at += key_len;
            Some(AttestedCredential { aaguid, credential_id, public_key })
        } else {
            None
        };
        if flags & ED != 0 {
            let rest = raw.get(at..).ok_or(Rejection::Malformed)?;
            at += cbor_item_len(rest)?;
        }
        if at != raw.len() {
            return Err(Rejection::Malformed);
        }
        Ok(AuthenticatorData { rp_id_hash, flags, sign_count, attested })
    }

    fn check(&self, rp: &RelyingParty, require_verification: bool) -> Result<(), Rejection> {
        if self.rp_id_hash != Sha256::digest(rp.id.as_bytes()).as_slice() {
            return Err(Rejection::RpIdHash);
        }
        if self.flags & UP == 0 {
            return Err(Rejection::NotPresent);
        }
        if require_verification && self.flags & UV == 0 {
            return Err(Rejection::NotVerified);
        }
        if self.flags & BS != 0 && self.flags & BE == 0 {
            return Err(Rejection::BackupFlags);
        }
        Ok(())
    }
}

/// Length of the CBOR item at the start of `input`.
fn cbor_item_len(input: &[u8]) -> Result<usize, Rejection> {
    let mut rest = input;
    let _: Value = ciborium::from_reader(&mut rest).map_err(|_| Rejection::Malformed)?;
    Ok(input.len() - rest.len())
}

fn map_get<'v>(map: &'v Value, key: &str) -> Result<&'v Value, Rejection> {
    map.as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.as_text() == Some(key)))
        .map(|(_, v)| v)
        .ok_or(Rejection::Malformed)
}

fn cose_get(map: &[(Value, Value)], label: i64) -> Option<&Value> {
    map.iter().find(|(k, _)| k.as_integer().is_some_and(|i| i128::from(i) == i128::from(label))).map(|(_, v)| v)
}

fn text(v: &Value) -> Result<&str, Rejection> {
    v.as_text().ok_or(Rejection::Malformed)
}

fn bytes(v: &Value) -> Result<&[u8], Rejection> {
    v.as_bytes().map(Vec::as_slice).ok_or(Rejection::Malformed)
}

fn integer(v: &Value) -> Result<i64, Rejection> {
    v.as_integer().and_then(|i| i64::try_from(i).ok()).ok_or(Rejection::Malformed)
}

/// §8.2: `packed` attestation. With `x5c` the leaf certificate signs and must meet
/// §8.2.1; without it the credential signs itself (self attestation).
/// Returns what to record: `self` for self attestation, `none` for a certificate
/// chain we cannot verify to a trusted root.
fn verify_packed(
    statement: &Value,
    signed: &[u8],
    key: &PublicKey,
    aaguid: &[u8; 16],
) -> Result<&'static str, Rejection> {
    let alg = integer(map_get(statement, "alg").map_err(|_| Rejection::Attestation)?)?;
    let sig = bytes(map_get(statement, "sig").map_err(|_| Rejection::Attestation)?)?;
    let Ok(chain) = map_get(statement, "x5c") else {
        if alg != key.algorithm() {
            return Err(Rejection::Attestation);
        }
        return key.verify(signed, sig).map(|()| "self").map_err(|_| Rejection::Attestation);
    };
    let leaf = chain.as_array().and_then(|c| c.first()).ok_or(Rejection::Attestation)?;
    let certificate = attestation::Certificate::parse(bytes(leaf)?)?;
    certificate.check(aaguid)?;
    certificate.key(alg)?.verify(signed, sig).map(|()| "none").map_err(|_| Rejection::Attestation)
}

mod attestation;
mod cose;

use cose::PublicKey;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_must_grow_unless_both_are_zero() {
        assert!(counter_ok(0, 0));
        assert!(counter_ok(0, 1));
        assert!(counter_ok(5, 6));
        assert!(!counter_ok(5, 5));
        assert!(!counter_ok(5, 4));
        assert!(!counter_ok(5, 0));
    }

    #[test]
    fn cbor_item_length_stops_at_the_item() {
        // {1: 2} followed by garbage.
        assert_eq!(cbor_item_len(&[0xa1, 0x01, 0x02, 0xff, 0xff]), Ok(3));
        assert_eq!(cbor_item_len(&[0xa1, 0x01]), Err(Rejection::Malformed));
    }

    #[test]
    fn short_authenticator_data_is_malformed() {
        assert!(matches!(AuthenticatorData::parse(&[0; 36]), Err(Rejection::Malformed)));
        let mut raw = vec![0u8; 37];
        raw.push(0);
        assert!(matches!(AuthenticatorData::parse(&raw), Err(Rejection::Malformed)), "trailing bytes");
    }
}
