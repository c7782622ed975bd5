//! Server-side sessions. The cookie carries `<user id>.<random secret>`: the
//! session lives in that user's ledger (one Durable Object call checks it and does
//! the work) under the secret's SHA-256, so a leaked store does not leak usable
//! tokens, and ending it there ends it at once everywhere.

use crate::entropy::{self, Entropy};
use crate::{Millis, HOUR, MINUTE};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Last-seen is written back at most this often: a read of the session writes
/// nothing in between.
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
    /// The browser or app, as [`crate::activity::device`] describes it ("Devices").
    #[serde(default)]
    pub device: String,
    /// Country of the address it signed in from, when the network knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
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
            device: String::new(),
            country: None,
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

    /// When it stops being live unless used again.
    pub fn until(&self, policy: SessionPolicy) -> Millis {
        (self.last_seen_at + policy.idle).min(self.end(policy))
    }
}

/// A random bearer secret (a session's, a reset's ticket, a report link's).
pub fn new_token<E: Entropy>(entropy: &E) -> String {
    entropy::token::<E, 32>(entropy)
}

/// What is stored of a bearer secret.
pub fn token_digest(token: &str) -> String {
    entropy::hex(&Sha256::digest(token.as_bytes()))
}

/// Secrets we issue are 64 hex characters; anything else is not looked up at all.
pub fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A session token as the cookie carries it: whose ledger, and the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub user_id: String,
    secret: String,
}

impl Token {
    pub fn new<E: Entropy>(user_id: &str, entropy: &E) -> Self {
        Token { user_id: user_id.to_string(), secret: new_token(entropy) }
    }

    /// Tokens we issue: a user id, a dot, 64 hex characters. Anything else is not
    /// looked up at all.
    pub fn parse(cookie: &str) -> Option<Token> {
        let (user_id, secret) = cookie.split_once('.')?;
        let ok = crate::methods::valid_id(user_id) && well_formed(secret);
        ok.then(|| Token { user_id: user_id.to_string(), secret: secret.to_string() })
    }

    /// What the ledger keys the session by.
    pub fn digest(&self) -> String {
        token_digest(&self.secret)
    }

    /// The cookie's value.
    pub fn cookie(&self) -> String {
        format!("{}.{}", self.user_id, self.secret)
    }
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
    fn tokens_name_their_user_are_random_and_stored_hashed() {
        let rng = Seeded::new(9);
        let a = Token::new("u1", &rng);
        let b = Token::new("u1", &rng);
        assert_ne!(a, b);
        assert_eq!(Token::parse(&a.cookie()), Some(a.clone()));
        assert!(a.cookie().starts_with("u1."));
        assert!(!a.digest().contains(&a.cookie()[3..]));
        for bad in [
            "../../etc",
            "u1",
            "u1.abc",
            &a.cookie()[3..],
            &format!("U1.{}", &a.cookie()[3..]),
            &format!("{}0", a.cookie()),
        ] {
            assert_eq!(Token::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn until_is_the_idle_or_absolute_end() {
        let p = SessionPolicy { idle: 100, absolute: 250, recent_second_step: 10 };
        let mut s = SessionRecord::new("u".into(), 0, &Seeded::new(1));
        assert_eq!(s.until(p), 100);
        s.last_seen_at = 200;
        assert_eq!(s.until(p), 250);
        s.access_pass = Some(PassRef { id: "p".into(), until: 120 });
        assert_eq!(s.until(p), 120);
    }
}
