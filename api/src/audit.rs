//! The tenant's audit trail as the admin page reads it (`GET /api/v1/admin/audit`):
//! who did what to whom, one tagged action per line.

use serde::{Deserialize, Serialize};

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
    use crate::MethodKind;

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
}
