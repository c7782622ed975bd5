//! Registered (verified) methods. A pending registration is a `code::Challenge`, a
//! different type: nothing unverified can be stored as a method.

use crate::email::EmailAddress;
use crate::Millis;
use api::{MethodDetail, MethodKind, MethodView};
use serde::{Deserialize, Serialize};

/// What a method proves and keeps, per kind. Secrets stay here, never in views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum MethodData {
    Email {
        address: EmailAddress,
    },
    /// The secret is sealed with the tenant's key ring; AAD is `keys::method`.
    AuthenticatorApp {
        name: String,
        secret: crate::sealing::Sealed,
    },
    Phone {
        number: crate::phone::PhoneNumber,
        mode: api::PhoneMode,
    },
    AlternatePhone {
        number: crate::phone::PhoneNumber,
    },
    /// One salted Argon2id hash per answer (normalised), so a reset can ask any subset.
    SecurityQuestions {
        answers: Vec<StoredAnswer>,
    },
    /// SHA-256 of the generated password: 16 random letters (75 bits) need no
    /// slow hash, and every basic-auth request checks them.
    AppPassword {
        name: String,
        digest: String,
    },
    /// SHA-256 digests of the ten codes of set `set` (which are spent is in the
    /// user's ledger).
    RecoveryCodes {
        set: String,
        digests: Vec<String>,
    },
    SecurityKey {
        name: String,
        credential: crate::webauthn::Credential,
        /// When its counter first went backwards (a possible copy).
        #[serde(default)]
        cloned_at: Option<Millis>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswer {
    pub question_id: String,
    /// PHC string of the normalised answer.
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    pub id: String,
    pub data: MethodData,
    pub created_at: Millis,
    #[serde(default)]
    pub last_used_at: Option<Millis>,
    /// Added shortly before the user reported a change as not theirs: kept, but
    /// not usable until the user (after the password reset) keeps it.
    #[serde(default)]
    pub suspended: bool,
}

impl Method {
    /// Kinds a user may hold once get a fixed id, so two devices registering the
    /// same kind at once write the same key instead of creating a duplicate.
    pub fn single(data: MethodData, now: Millis) -> Self {
        let id = kind_of(&data).as_str().to_string();
        Method { id, data, created_at: now, last_used_at: None, suspended: false }
    }

    pub fn kind(&self) -> MethodKind {
        kind_of(&self.data)
    }

    pub fn view(&self) -> MethodView {
        let detail = match &self.data {
            MethodData::Email { address } => MethodDetail::Email { masked_address: address.masked() },
            MethodData::AuthenticatorApp { name, .. } => MethodDetail::AuthenticatorApp { name: name.clone() },
            MethodData::Phone { number, mode } => MethodDetail::Phone { masked_number: number.masked(), mode: *mode },
            MethodData::AlternatePhone { number } => MethodDetail::AlternatePhone { masked_number: number.masked() },
            MethodData::AppPassword { name, .. } => MethodDetail::AppPassword { name: name.clone() },
            MethodData::SecurityQuestions { answers } => {
                MethodDetail::SecurityQuestions { count: u8::try_from(answers.len()).unwrap_or(u8::MAX) }
            }
            // Full until the ledger's count of spent codes is applied (`with_spent`).
            MethodData::RecoveryCodes { digests, .. } => {
                let total = u8::try_from(digests.len()).unwrap_or(u8::MAX);
                MethodDetail::RecoveryCodes { remaining: total, total }
            }
            MethodData::SecurityKey { name, cloned_at, credential } => MethodDetail::SecurityKey {
                name: name.clone(),
                possibly_cloned: cloned_at.is_some(),
                model: crate::authenticators::model(&credential.aaguid).map(str::to_string),
            },
        };
        MethodView {
            id: self.id.clone(),
            detail,
            created_at: self.created_at,
            last_used_at: self.last_used_at,
            turned_off: false,
            suspended: self.suspended,
        }
    }
}

fn kind_of(data: &MethodData) -> MethodKind {
    match data {
        MethodData::Email { .. } => MethodKind::Email,
        MethodData::AuthenticatorApp { .. } => MethodKind::AuthenticatorApp,
        MethodData::Phone { .. } => MethodKind::Phone,
        MethodData::AlternatePhone { .. } => MethodKind::AlternatePhone,
        MethodData::SecurityKey { .. } => MethodKind::SecurityKey,
        MethodData::SecurityQuestions { .. } => MethodKind::SecurityQuestions,
        MethodData::AppPassword { .. } => MethodKind::AppPassword,
        MethodData::RecoveryCodes { .. } => MethodKind::RecoveryCodes,
    }
}

/// A view with the ledger's number of spent recovery codes taken off.
pub fn with_spent(mut view: MethodView, spent: u8) -> MethodView {
    if let MethodDetail::RecoveryCodes { remaining, .. } = &mut view.detail {
        *remaining = remaining.saturating_sub(spent);
    }
    view
}

/// The strongest second-step method among `methods` (newest first on a tie): the
/// default when the current one goes or may not be used.
pub fn strongest<'a>(methods: impl IntoIterator<Item = &'a Method>) -> Option<String> {
    methods
        .into_iter()
        .filter(|m| uses(m.kind()).mfa)
        .max_by_key(|m| (crate::mfa::strength(m.kind()), std::cmp::Reverse(m.created_at)))
        .map(|m| m.id.clone())
}

/// A name people give a method: trimmed, 1 to 64 characters, no control characters.
pub fn parse_name(input: &str) -> Option<String> {
    let name = input.trim();
    let ok = (1..=64).contains(&name.chars().count()) && !name.chars().any(char::is_control);
    ok.then(|| name.to_string())
}

/// What a kind of method can be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
    pub mfa: bool,
    pub reset: bool,
}

pub fn uses(kind: MethodKind) -> Uses {
    match kind {
        // Recovery codes serve a second step too, but only as a backup: they never
        // make a second step required nor become the default (see `portal`).
        MethodKind::Email | MethodKind::SecurityQuestions | MethodKind::RecoveryCodes => {
            Uses { mfa: false, reset: true }
        }
        MethodKind::AppPassword => Uses { mfa: false, reset: false },
        _ => Uses { mfa: true, reset: true },
    }
}

/// Security keys, authenticator apps and app passwords may be registered many times;
/// every other kind once.
pub fn many_allowed(kind: MethodKind) -> bool {
    matches!(kind, MethodKind::SecurityKey | MethodKind::AuthenticatorApp | MethodKind::AppPassword)
}

/// Method ids are lower-case hex or a kind's fixed id; anything else is refused
/// before it reaches a storage key.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Method data for tests of other modules.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::MethodData;
    use crate::phone::PhoneNumber;
    use api::PhoneMode;

    pub fn phone() -> MethodData {
        let number = PhoneNumber::parse("+31 6 12345678", "NL").expect("valid").number;
        MethodData::Phone { number, mode: PhoneMode::Text }
    }
    pub fn app() -> MethodData {
        let sealed =
            serde_json::from_value(serde_json::json!({"kid": "k", "nonce": "", "ciphertext": ""})).expect("sealed");
        MethodData::AuthenticatorApp { name: "Phone".into(), secret: sealed }
    }
    pub fn email() -> MethodData {
        MethodData::Email { address: crate::email::EmailAddress::parse("a@example.org").expect("valid") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_reset_only_and_single() {
        assert_eq!(uses(MethodKind::Email), Uses { mfa: false, reset: true });
        assert!(!many_allowed(MethodKind::Email));
        assert!(many_allowed(MethodKind::SecurityKey));
        assert!(uses(MethodKind::AuthenticatorApp).mfa);
    }

    #[test]
    fn view_masks_the_address() {
        let m =
            Method::single(MethodData::Email { address: EmailAddress::parse("jan.jansen@example.org").unwrap() }, 5);
        assert_eq!(m.id, "email");
        assert_eq!(m.view().detail, MethodDetail::Email { masked_address: "ja•••@example.org".into() });
        assert!(!serde_json::to_string(&m.view()).unwrap().contains("jan.jansen"));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  Phone app ").as_deref(), Some("Phone app"));
        assert_eq!(parse_name(""), None);
        assert_eq!(parse_name("a\nb"), None);
        assert_eq!(parse_name(&"x".repeat(65)), None);
        assert_eq!(parse_name(&"é".repeat(64)).map(|n| n.chars().count()), Some(64));
    }

    #[test]
    fn ids_cannot_escape_their_key() {
        assert!(valid_id("email"));
        assert!(valid_id("0f3a"));
        for bad in ["", "../x", "a/b", "A", "x".repeat(65).as_str()] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
