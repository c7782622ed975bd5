//! Bearer tokens a tenant admin creates for the directory's provisioning: shown
//! once as `<id>.<secret>`, kept under the tenant by id with a keyed digest of the
//! secret, so a token is looked up in its own tenant only and never stored.

use crate::entropy::{self, Entropy};
use crate::sealing::Keyring;
use crate::throttle::Limit;
use crate::{Millis, MINUTE};
use api::users::ScimTokenView;
use serde::{Deserialize, Serialize};

/// Tokens one tenant may hold.
pub const MAX_TOKENS: usize = 10;
/// Requests one token may make.
pub const RATE: Limit = Limit { max: 600, window: MINUTE };
/// "Last used" is written at most this often.
pub const USE_STAMP: Millis = MINUTE;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    pub id: String,
    pub name: String,
    pub digest: String,
    pub created_at: Millis,
    pub created_by: String,
    #[serde(default)]
    pub last_used_at: Option<Millis>,
}

impl TokenRecord {
    pub fn view(&self) -> ScimTokenView {
        ScimTokenView {
            id: self.id.clone(),
            name: self.name.clone(),
            created_at: self.created_at,
            created_by: self.created_by.clone(),
            last_used_at: self.last_used_at,
        }
    }

    pub fn admits(&self, keys: &Keyring, secret: &str) -> bool {
        keys.digest_matches(&self.digest, secret)
    }
}

/// A new token: what to show once, and what to keep.
pub fn issue<E: Entropy>(entropy: &E, keys: &Keyring, name: String, by: String, now: Millis) -> (String, TokenRecord) {
    let id = entropy::token::<E, 8>(entropy);
    let secret = entropy::token::<E, 32>(entropy);
    let record = TokenRecord {
        id: id.clone(),
        name,
        digest: keys.digest(&secret),
        created_at: now,
        created_by: by,
        last_used_at: None,
    };
    (format!("{id}.{secret}"), record)
}

/// The id and secret of a presented token, if it has the shape.
pub fn parse(token: &str) -> Option<(&str, &str)> {
    let (id, secret) = token.split_once('.')?;
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (hex(id, 16) && hex(secret, 64)).then_some((id, secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    #[test]
    fn a_token_is_admitted_by_its_secret_only() {
        let keys = Keyring::parse("k1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap();
        let (token, record) = issue(&Seeded::new(1), &keys, "Entra".into(), "admin".into(), 5);
        let (id, secret) = parse(&token).unwrap();
        assert_eq!(id, record.id);
        assert!(record.admits(&keys, secret));
        assert!(!record.admits(&keys, &"0".repeat(64)));
        assert!(!serde_json::to_string(&record).unwrap().contains(secret));
        assert_eq!(parse("abc.def"), None);
        assert_eq!(parse(&token.to_uppercase()), None);
    }
}
