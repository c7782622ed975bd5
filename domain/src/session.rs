//! Server-side sessions. The cookie carries a random token; KV holds the record
//! under the token's SHA-256, so a leaked store does not leak usable tokens.

use crate::entropy::{self, Entropy};
use crate::{Millis, HOUR, MINUTE};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Signed out after this long without a request.
    pub idle: Millis,
    /// Signed out this long after sign-in, whatever happens.
    pub absolute: Millis,
    /// A second step counts as recent (changing methods needs one) for this long.
    pub recent_second_step: Millis,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy { idle: 30 * MINUTE, absolute: 12 * HOUR, recent_second_step: 10 * MINUTE }
    }
}

/// Last-seen is written back at most this often: KV allows about one write per
/// second per key and every write costs.
pub const TOUCH_EVERY: Millis = MINUTE;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub user_id: String,
    pub created_at: Millis,
    pub last_seen_at: Millis,
    pub csrf_token: String,
    #[serde(default)]
    pub second_step: SecondStep,
    /// "Skip for now" was chosen: no setup prompt for the rest of this session.
    #[serde(default)]
    pub setup_skipped: bool,
    /// "More information required" was shown to this session (at sign-in): the
    /// server answers only the setup flow until it is done or skipped.
    #[serde(default)]
    pub setup_due: bool,
    /// Made with a Temporary Access Pass: which one, and when it expires (the
    /// session ends with it).
    #[serde(default)]
    pub access_pass: Option<PassRef>,
    /// Public id of the session (an ID token's `sid`): random, not the token.
    #[serde(default)]
    pub id: String,
    /// What the user did to sign in, in order (an ID token's `amr`).
    #[serde(default)]
    pub amr: Vec<Amr>,
}

/// Authentication method references (RFC 8176) of what a user did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Amr {
    /// The password.
    Pwd,
    /// A code from an authenticator app, or a recovery code.
    Otp,
    /// A code by text message.
    Sms,
    /// A phone call answered with a key press.
    Tel,
    /// A security key or passkey (hardware-bound key).
    Hwk,
    /// The key verified the user (PIN or biometrics): a passkey sign-in.
    User,
}

impl Amr {
    pub fn as_str(self) -> &'static str {
        match self {
            Amr::Pwd => "pwd",
            Amr::Otp => "otp",
            Amr::Sms => "sms",
            Amr::Tel => "tel",
            Amr::Hwk => "hwk",
            Amr::User => "user",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassRef {
    pub id: String,
    pub until: Millis,
}

/// Where a session stands with the second sign-in step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum SecondStep {
    /// No method could serve as a second step when the user signed in.
    #[default]
    NotRequired,
    /// Only the second step itself may be used until it is passed.
    Pending,
    Passed {
        at: Millis,
    },
}

impl SecondStep {
    pub fn passed_since(&self, since: Millis) -> bool {
        matches!(self, SecondStep::Passed { at } if *at >= since)
    }
}

impl SessionRecord {
    pub fn new<E: Entropy>(user_id: String, now: Millis, entropy: &E) -> Self {
        SessionRecord {
            user_id,
            created_at: now,
            last_seen_at: now,
            csrf_token: entropy::token::<E, 16>(entropy),
            second_step: SecondStep::NotRequired,
            setup_skipped: false,
            setup_due: false,
            access_pass: None,
            id: entropy::token::<E, 16>(entropy),
            amr: vec![],
        }
    }

    pub fn is_live(&self, policy: SessionPolicy, now: Millis) -> bool {
        now < self.last_seen_at + policy.idle && now < self.end(policy)
    }

    /// The absolute end: 12 hours, or the pass's expiry if sooner.
    fn end(&self, policy: SessionPolicy) -> Millis {
        let absolute = self.created_at + policy.absolute;
        self.access_pass.as_ref().map_or(absolute, |p| p.until.min(absolute))
    }

    pub fn needs_touch(&self, now: Millis) -> bool {
        now >= self.last_seen_at + TOUCH_EVERY
    }

    /// Seconds KV should keep the record: until it can no longer be live (KV's
    /// minimum TTL is 60 s).
    pub fn ttl_seconds(&self, policy: SessionPolicy, now: Millis) -> u64 {
        let end = (self.last_seen_at + policy.idle).min(self.end(policy));
        (end.saturating_sub(now) / 1000 + 1).max(60)
    }
}

pub fn new_token<E: Entropy>(entropy: &E) -> String {
    entropy::token::<E, 32>(entropy)
}

pub fn token_digest(token: &str) -> String {
    entropy::hex(&Sha256::digest(token.as_bytes()))
}

/// Tokens we issue are 64 hex characters; anything else is not looked up at all.
pub fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    #[test]
    fn idle_and_absolute_expiry() {
        let p = SessionPolicy { idle: 100, absolute: 250, recent_second_step: 10 };
        let mut s = SessionRecord::new("u".into(), 0, &Seeded::new(1));
        assert!(s.is_live(p, 99));
        assert!(!s.is_live(p, 100));
        s.last_seen_at = 90;
        assert!(s.is_live(p, 189));
        s.last_seen_at = 200;
        assert!(s.is_live(p, 249));
        assert!(!s.is_live(p, 250));
    }

    #[test]
    fn touches_at_most_once_a_minute() {
        let s = SessionRecord::new("u".into(), 0, &Seeded::new(1));
        assert!(!s.needs_touch(TOUCH_EVERY - 1));
        assert!(s.needs_touch(TOUCH_EVERY));
    }

    #[test]
    fn tokens_are_random_hex_and_stored_hashed() {
        let rng = Seeded::new(9);
        let a = new_token(&rng);
        let b = new_token(&rng);
        assert!(well_formed(&a) && well_formed(&b) && a != b);
        assert_ne!(token_digest(&a), a);
        assert!(!well_formed("../../etc"));
    }
}
