//! A tenant's authentication methods policy, as stored and as the admin page edits
//! it (`GET`/`PUT /api/v1/admin/policy`). The rules over it live in `domain::policy`.

use crate::{MethodKind, PhoneMode};
use serde::{Deserialize, Serialize};

/// Countries texts and calls may go to unless the tenant says otherwise: a short
/// list, because open lists invite SMS pumping (toll fraud).
pub const DEFAULT_PHONE_COUNTRIES: [&str; 8] = ["NL", "BE", "LU", "DE", "FR", "GB", "IE", "US"];

fn default_phone_countries() -> Vec<String> {
    DEFAULT_PHONE_COUNTRIES.iter().map(|c| c.to_string()).collect()
}

fn both_modes() -> Vec<PhoneMode> {
    vec![PhoneMode::Text, PhoneMode::Call]
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Kinds people may register.
    pub allowed: Vec<MethodKind>,
    /// How the phone method may reach people: text message, call, or both.
    #[serde(default = "both_modes")]
    pub phone_modes: Vec<PhoneMode>,
    /// ISO 3166-1 alpha-2 codes of the countries SMS and calls may go to.
    #[serde(default = "default_phone_countries")]
    pub phone_countries: Vec<String>,
    /// Refuse sign-in with a security key whose counter went backwards (it is
    /// flagged on the user's page either way).
    #[serde(default = "yes")]
    pub refuse_cloned_keys: bool,
    #[serde(default)]
    pub registration: Registration,
    #[serde(default)]
    pub reset: Reset,
    #[serde(default)]
    pub questions: Questions,
    /// Days a user's recent activity is kept (1 to 365).
    #[serde(default = "ninety")]
    pub activity_days: u16,
    /// Who people ask when they cannot sign in ("Can't sign in?", the reset's end).
    #[serde(default)]
    pub support: SupportContact,
}

/// The organization's help desk, as people see it when they cannot sign in: any of
/// a web page (`https://`), an email address and a phone number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupportContact {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

impl SupportContact {
    pub fn is_empty(&self) -> bool {
        self.url.is_none() && self.email.is_none() && self.phone.is_none()
    }
}

fn ninety() -> u16 {
    90
}

impl Policy {
    /// Every method allowed, nothing required: the demo's and a new tenant's start.
    pub fn open() -> Self {
        Policy {
            allowed: MethodKind::ALL.to_vec(),
            phone_modes: both_modes(),
            phone_countries: default_phone_countries(),
            refuse_cloned_keys: true,
            registration: Registration::default(),
            reset: Reset::default(),
            questions: Questions::default(),
            activity_days: ninety(),
            support: SupportContact::default(),
        }
    }
}

/// What people must register, asked for right after sign-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub require: Requirement,
    /// Days after the first prompt during which "Skip for now" is offered.
    #[serde(default)]
    pub grace_days: u16,
    /// How many times a person may skip within the grace period.
    #[serde(default)]
    pub max_skips: u8,
    /// The wizard ends with an App passwords step (for apps that cannot do MFA).
    #[serde(default)]
    pub app_passwords_step: bool,
    /// That step cannot be cancelled: "More information required" stands until the
    /// person has an app password (implies the step).
    #[serde(default)]
    pub app_passwords_required: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Requirement {
    #[default]
    Nothing,
    /// Each of these kinds.
    Methods { kinds: Vec<MethodKind> },
    /// Any `count` methods of the allowed kinds.
    Any { count: u8 },
}

/// Self-service password reset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reset {
    pub enabled: bool,
    /// 1 or 2.
    pub methods_required: u8,
    /// Which kinds of method count for a reset.
    #[serde(default = "reset_kinds")]
    pub methods: Vec<MethodKind>,
}

/// Kinds that can prove a reset.
pub const RESET_KINDS: [MethodKind; 7] = [
    MethodKind::AuthenticatorApp,
    MethodKind::Phone,
    MethodKind::AlternatePhone,
    MethodKind::SecurityKey,
    MethodKind::Email,
    MethodKind::SecurityQuestions,
    MethodKind::RecoveryCodes,
];

fn reset_kinds() -> Vec<MethodKind> {
    RESET_KINDS.to_vec()
}

impl Default for Reset {
    fn default() -> Self {
        Reset { enabled: true, methods_required: 1, methods: reset_kinds() }
    }
}

/// Ids of the built-in security questions; their text is in `questions.ftl`.
pub const BUILTIN_QUESTIONS: [&str; 12] = [
    "city-met-partner",
    "city-parents-met",
    "city-first-job",
    "city-father-born",
    "city-mother-born",
    "teacher-last-name",
    "college-not-attended",
    "favourite-food",
    "grandmother-name",
    "first-pet",
    "childhood-friend",
    "first-street",
];

/// The security questions people choose from, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Questions {
    /// Built-in questions offered (ids of [`BUILTIN_QUESTIONS`]).
    pub builtin: Vec<String>,
    /// The organization's own questions.
    #[serde(default)]
    pub custom: Vec<CustomQuestion>,
    /// How many a person registers (3 to 5).
    pub register: u8,
    /// How many a reset asks (1 to `register`), a random subset.
    pub answer: u8,
}

impl Default for Questions {
    fn default() -> Self {
        Questions {
            builtin: BUILTIN_QUESTIONS.iter().map(|q| q.to_string()).collect(),
            custom: vec![],
            register: 3,
            answer: 3,
        }
    }
}

/// A question an admin wrote, in every language the product speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomQuestion {
    /// `custom-…`, stable so registered answers keep pointing at it.
    pub id: String,
    /// Text per language tag (`en-US`, `nl-NL`).
    pub text: std::collections::BTreeMap<String, String>,
}

/// `GET /api/v1/admin/policy` and the body of `PUT`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TenantSettings {
    pub name: String,
    /// The organization's own mail domains: not acceptable as an email method.
    pub own_domains: Vec<String>,
    /// Accent colour of the pages, `#rrggbb`.
    pub brand_color: String,
    pub policy: Policy,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_records_read_with_defaults() {
        let p: Policy = serde_json::from_str(r#"{"allowed":["email"]}"#).unwrap();
        assert_eq!(p.phone_modes, [PhoneMode::Text, PhoneMode::Call]);
        assert_eq!(p.registration.require, Requirement::Nothing);
        assert_eq!(p.reset, Reset::default());
        assert_eq!(p.reset.methods.len(), RESET_KINDS.len());
        assert!(p.refuse_cloned_keys);
    }

    #[test]
    fn requirement_is_tagged() {
        let r = Requirement::Methods { kinds: vec![MethodKind::AuthenticatorApp, MethodKind::Phone] };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"kind":"methods","kinds":["authenticator-app","phone"]}"#);
    }
}
