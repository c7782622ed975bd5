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

/// One line of the tenant's audit trail (`GET /api/v1/admin/audit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    pub at: crate::Millis,
    /// Username of who did it.
    pub actor: String,
    pub ip: String,
    pub action: AuditAction,
}

// Read by the hand-written `Deserialize` below: the same JSON as the derived one
// for a fraction of its code (the derived one was the admin bundle's largest
// function).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AuditAction {
    /// An admin saved the tenant's settings; which parts changed.
    SettingsChanged {
        changed: Vec<String>,
    },
    /// A Temporary Access Pass for `username`, valid `minutes`.
    AccessPassIssued {
        username: String,
        minutes: u16,
        one_time: bool,
    },
    AccessPassRevoked {
        username: String,
    },
    /// An admin lifted `username`'s second-step lock.
    SecondStepUnlocked {
        username: String,
    },
    /// `username` reported `change` as not theirs ("This wasn't me").
    ChangeReported {
        username: String,
        change: crate::Activity,
    },
    /// An admin registered an app that signs in through the tenant.
    ClientRegistered {
        client_id: String,
        name: String,
    },
    ClientDeleted {
        client_id: String,
        name: String,
    },
    UserCreated {
        username: String,
    },
    UserDisabled {
        username: String,
    },
    UserEnabled {
        username: String,
    },
    UserDeleted {
        username: String,
    },
    UserExported {
        username: String,
    },
    RegistrationRequired {
        username: String,
    },
    UserSignedOut {
        username: String,
    },
    /// An admin created a SCIM bearer token for the directory, or revoked one.
    ScimTokenCreated {
        name: String,
    },
    ScimTokenRevoked {
        name: String,
    },
    /// The directory (SCIM) changed `username`: which attributes.
    UserProvisioned {
        username: String,
        changed: Vec<String>,
    },
    /// An admin deleted one of `username`'s methods.
    UserMethodDeleted {
        username: String,
        method: crate::MethodKind,
    },
    /// An admin gave `username` a role on the admin's pages.
    RoleChanged {
        username: String,
        role: crate::users::Role,
    },
    /// The help desk checked that a caller is `username`, with a code from one of
    /// their methods: whether it passed.
    CallerChecked {
        username: String,
        method: crate::MethodKind,
        passed: bool,
    },
}

impl<'de> Deserialize<'de> for AuditAction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            kind: String,
            #[serde(default)]
            username: Option<String>,
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            client_id: Option<String>,
            #[serde(default)]
            changed: Option<Vec<String>>,
            #[serde(default)]
            minutes: Option<u16>,
            #[serde(default)]
            one_time: Option<bool>,
            #[serde(default)]
            change: Option<crate::Activity>,
            #[serde(default)]
            method: Option<crate::MethodKind>,
            #[serde(default)]
            role: Option<crate::users::Role>,
            #[serde(default)]
            passed: Option<bool>,
        }
        let f = Flat::deserialize(d)?;
        fn need<T, E: Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(field))
        }
        let username = || need(f.username.clone(), "username");
        let name = || need(f.name.clone(), "name");
        let changed = || need(f.changed.clone(), "changed");
        Ok(match f.kind.as_str() {
            "settings-changed" => AuditAction::SettingsChanged { changed: changed()? },
            "access-pass-issued" => AuditAction::AccessPassIssued {
                username: username()?,
                minutes: need(f.minutes, "minutes")?,
                one_time: need(f.one_time, "one_time")?,
            },
            "access-pass-revoked" => AuditAction::AccessPassRevoked { username: username()? },
            "second-step-unlocked" => AuditAction::SecondStepUnlocked { username: username()? },
            "change-reported" => {
                AuditAction::ChangeReported { username: username()?, change: need(f.change.clone(), "change")? }
            }
            "client-registered" => {
                AuditAction::ClientRegistered { client_id: need(f.client_id.clone(), "client_id")?, name: name()? }
            }
            "client-deleted" => {
                AuditAction::ClientDeleted { client_id: need(f.client_id.clone(), "client_id")?, name: name()? }
            }
            "user-created" => AuditAction::UserCreated { username: username()? },
            "user-disabled" => AuditAction::UserDisabled { username: username()? },
            "user-enabled" => AuditAction::UserEnabled { username: username()? },
            "user-deleted" => AuditAction::UserDeleted { username: username()? },
            "user-exported" => AuditAction::UserExported { username: username()? },
            "registration-required" => AuditAction::RegistrationRequired { username: username()? },
            "user-signed-out" => AuditAction::UserSignedOut { username: username()? },
            "scim-token-created" => AuditAction::ScimTokenCreated { name: name()? },
            "scim-token-revoked" => AuditAction::ScimTokenRevoked { name: name()? },
            "user-provisioned" => AuditAction::UserProvisioned { username: username()?, changed: changed()? },
            "user-method-deleted" => {
                AuditAction::UserMethodDeleted { username: username()?, method: need(f.method, "method")? }
            }
            "role-changed" => AuditAction::RoleChanged { username: username()?, role: need(f.role, "role")? },
            "caller-checked" => AuditAction::CallerChecked {
                username: username()?,
                method: need(f.method, "method")?,
                passed: need(f.passed, "passed")?,
            },
            other => return Err(D::Error::unknown_variant(other, &["settings-changed", "…"])),
        })
    }
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
    fn every_audit_action_reads_back_as_written() {
        let u = || "a@example.org".to_string();
        let all = [
            AuditAction::SettingsChanged { changed: vec!["policy".into()] },
            AuditAction::AccessPassIssued { username: u(), minutes: 60, one_time: true },
            AuditAction::AccessPassRevoked { username: u() },
            AuditAction::SecondStepUnlocked { username: u() },
            AuditAction::ChangeReported { username: u(), change: crate::Activity::SignedIn },
            AuditAction::ClientRegistered { client_id: "c".into(), name: "n".into() },
            AuditAction::ClientDeleted { client_id: "c".into(), name: "n".into() },
            AuditAction::UserCreated { username: u() },
            AuditAction::UserDisabled { username: u() },
            AuditAction::UserEnabled { username: u() },
            AuditAction::UserDeleted { username: u() },
            AuditAction::UserExported { username: u() },
            AuditAction::RegistrationRequired { username: u() },
            AuditAction::UserSignedOut { username: u() },
            AuditAction::ScimTokenCreated { name: "t".into() },
            AuditAction::ScimTokenRevoked { name: "t".into() },
            AuditAction::UserProvisioned { username: u(), changed: vec!["active".into()] },
            AuditAction::UserMethodDeleted { username: u(), method: MethodKind::Phone },
            AuditAction::RoleChanged { username: u(), role: crate::users::Role::HelpDesk },
            AuditAction::CallerChecked { username: u(), method: MethodKind::Email, passed: false },
        ];
        for a in all {
            let text = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<AuditAction>(&text).unwrap(), a, "{text}");
        }
        assert!(serde_json::from_str::<AuditAction>(r#"{"kind":"user-created"}"#).is_err());
        assert!(serde_json::from_str::<AuditAction>(r#"{"kind":"nope","username":"a"}"#).is_err());
    }

    #[test]
    fn requirement_is_tagged() {
        let r = Requirement::Methods { kinds: vec![MethodKind::AuthenticatorApp, MethodKind::Phone] };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"kind":"methods","kinds":["authenticator-app","phone"]}"#);
    }
}
