//! Secrets at rest: AES-256-GCM with a key from a Worker secret. Each sealed value
//! names its key id so keys can rotate: new values use the current key, old ones
//! open with any key still in the ring. The associated data binds a ciphertext to
//! its storage key, so it cannot be copied to another user or method.

use crate::entropy::{self, Entropy};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use serde::{Deserialize, Serialize};

#[derive(Clone)]
struct RingKey {
    id: String,
    key: [u8; 32],
}

/// Keys, the first current. Parsed from `id:hex64[,id:hex64…]`.
#[derive(Clone)]
pub struct Keyring(Vec<RingKey>);

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.0.iter().map(|k| k.id.as_str()).collect();
        write!(f, "Keyring({ids:?})")
    }
}

fn hmac(key: &[u8], message: &[u8]) -> Option<[u8; 32]> {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).ok()?;
    mac.update(message);
    Some(mac.finalize().into_bytes().into())
}

fn keyed_digest(key: &RingKey, secret: &str) -> Option<String> {
    let digest_key = hmac(&key.key, b"credential-digest")?;
    Some(format!("{}${}", key.id, entropy::hex(&hmac(&digest_key, secret.as_bytes())?)))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub kid: String,
    nonce: String,
    ciphertext: String,
}

impl Keyring {
    pub fn parse(spec: &str) -> Option<Self> {
        let keys: Option<Vec<RingKey>> = spec
            .split(',')
            .map(|entry| {
                let (id, hex) = entry.trim().split_once(':')?;
                let key: [u8; 32] = entropy::unhex(hex)?.try_into().ok()?;
                (!id.is_empty()).then(|| RingKey { id: id.to_string(), key })
            })
            .collect();
        keys.filter(|k| !k.is_empty()).map(Keyring)
    }

    pub fn current_id(&self) -> &str {
        &self.0[0].id
    }

    /// A key for another purpose (`label`), derived from the current key with
    /// HMAC-SHA-256, so one secret serves without reusing key material.
    pub fn derive(&self, label: &str) -> Option<[u8; 32]> {
        hmac(&self.0[0].key, label.as_bytes())
    }

    /// The keyed digest of a high-entropy secret we generated (recovery code, app
    /// password, access pass): `<kid>$<hex HMAC-SHA-256>` under a key derived from
    /// the current one, so a copy of the stored digests alone cannot test guesses
    /// (ASVS 5.0 6.5.2). The key id lets the ring rotate.
    pub fn digest(&self, secret: &str) -> String {
        keyed_digest(&self.0[0], secret).unwrap_or_default()
    }

    /// Every digest `secret` may be stored under: one per key still in the ring,
    /// and the unkeyed SHA-256 that records from before keyed digests hold.
    pub fn digests(&self, secret: &str) -> Vec<String> {
        use sha2::Digest;
        let mut out: Vec<String> = self.0.iter().filter_map(|k| keyed_digest(k, secret)).collect();
        out.push(entropy::hex(&sha2::Sha256::digest(secret.as_bytes())));
        out
    }

    /// Whether `stored` is a digest of `secret` under any key of the ring (or the
    /// old unkeyed one), compared without an early exit.
    pub fn digest_matches(&self, stored: &str, secret: &str) -> bool {
        self.digests(secret).iter().fold(false, |found, d| entropy::same(d, stored) | found)
    }

    pub fn seal<E: Entropy>(&self, plaintext: &[u8], aad: &str, entropy: &E) -> Option<Sealed> {
        let current = &self.0[0];
        let mut nonce = [0u8; 12];
        entropy.fill(&mut nonce);
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&current.key));
        let ciphertext =
            cipher.encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad: aad.as_bytes() }).ok()?;
        Some(Sealed { kid: current.id.clone(), nonce: entropy::hex(&nonce), ciphertext: entropy::hex(&ciphertext) })
    }

    pub fn open(&self, sealed: &Sealed, aad: &str) -> Option<Vec<u8>> {
        let key = self.0.iter().find(|k| k.id == sealed.kid)?;
        let nonce: [u8; 12] = entropy::unhex(&sealed.nonce)?.try_into().ok()?;
        let ciphertext = entropy::unhex(&sealed.ciphertext)?;
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key.key));
        cipher.decrypt(Nonce::from_slice(&nonce), Payload { msg: &ciphertext, aad: aad.as_bytes() }).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    const K1: &str = "k1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    const K2: &str = "k2:1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100";

    #[test]
    fn round_trips_and_rotates() {
        let rng = Seeded::new(1);
        let old = Keyring::parse(K1).unwrap();
        let sealed = old.seal(b"secret", "t/a/u/b/m/c", &rng).unwrap();
        assert_eq!(sealed.kid, "k1");
        assert!(!sealed.ciphertext.contains(&entropy::hex(b"secret")));
        assert_eq!(old.open(&sealed, "t/a/u/b/m/c").unwrap(), b"secret");
        // After rotation the new key seals and the old one still opens.
        let rotated = Keyring::parse(&format!("{K2},{K1}")).unwrap();
        assert_eq!(rotated.current_id(), "k2");
        assert_eq!(rotated.open(&sealed, "t/a/u/b/m/c").unwrap(), b"secret");
        assert_eq!(rotated.seal(b"x", "a", &rng).unwrap().kid, "k2");
        // A ring without the key cannot open it.
        assert!(Keyring::parse(K2).unwrap().open(&sealed, "t/a/u/b/m/c").is_none());
    }

    /// Security review (low): generated secrets are kept as keyed digests with a key
    /// id, never a plain SHA-256 someone with a copy of the store could test.
    #[test]
    fn finding_low_secret_digests_are_keyed_and_rotate() {
        use sha2::Digest;
        let old = Keyring::parse(K1).unwrap();
        let stored = old.digest("abcd-efgh");
        assert!(stored.starts_with("k1$") && stored.len() == 3 + 64, "{stored}");
        assert_ne!(stored, entropy::hex(&sha2::Sha256::digest(b"abcd-efgh")));
        assert!(old.digest_matches(&stored, "abcd-efgh"));
        assert!(!old.digest_matches(&stored, "abcd-efgi"));
        assert!(!Keyring::parse(K2).unwrap().digest_matches(&stored, "abcd-efgh"), "another key tests nothing");
        let rotated = Keyring::parse(&format!("{K2},{K1}")).unwrap();
        assert!(rotated.digest_matches(&stored, "abcd-efgh"), "old digests still match after rotation");
        assert!(rotated.digest("abcd-efgh").starts_with("k2$"));
        let legacy = entropy::hex(&sha2::Sha256::digest(b"abcd-efgh"));
        assert!(old.digest_matches(&legacy, "abcd-efgh"), "records from before keyed digests");
    }

    #[test]
    fn tampering_or_moving_fails() {
        let rng = Seeded::new(2);
        let ring = Keyring::parse(K1).unwrap();
        let sealed = ring.seal(b"secret", "here", &rng).unwrap();
        assert!(ring.open(&sealed, "elsewhere").is_none());
        let mut bad = sealed.clone();
        bad.ciphertext.replace_range(0..2, if &bad.ciphertext[0..2] == "00" { "01" } else { "00" });
        assert!(ring.open(&bad, "here").is_none());
    }

    #[test]
    fn refuses_malformed_key_specs() {
        for bad in ["", "k1", "k1:zz", ":0011", "k1:0011", &format!("{K1},junk")] {
            assert!(Keyring::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(format!("{:?}", Keyring::parse(K1).unwrap()), "Keyring([\"k1\"])");
    }
}
