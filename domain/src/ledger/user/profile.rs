//! The user's record (name, state, password, marks) as changed by admins, the
//! directory (SCIM), password reset and "This wasn't me": each change applies here
//! one at a time, so two at once (a SCIM PATCH and an admin turning the user off)
//! both land. KV keeps a copy for reads, written after every change.
//!
//! A record written straight to KV by `scripts/tenant.sh` carries a higher version
//! than the ledger's copy, and is taken as the base of the next change.

use super::UserLedger;
use crate::tenant::User;
use crate::Millis;
use serde::{Deserialize, Serialize};

/// One field of the record a directory sets.
// Externally tagged, as the ledgers' operations: the smallest parser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Username(String),
    DisplayName(String),
    Emails(Vec<crate::tenant::DirectoryEmail>),
    /// `None` removes it.
    ExternalId(Option<String>),
}

/// One change of a user's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UserChange {
    /// Fields the directory or an admin set; the others stay as they are.
    Details { fields: Vec<Field> },
    /// Turned off: sessions made before `at` end; or on again.
    Disabled { disabled: bool, at: Millis },
    /// Every session made before `at` ends (and app tokens with them).
    EndSessions { at: Millis },
    /// A new password: the sessions before `at` end and the reset mark goes.
    Password { hash: String, at: Millis },
    /// "This wasn't me": the password is void until reset.
    Reported { at: Millis },
    /// The second-step methods were cleared by an admin: the wizard runs at the
    /// next sign-in.
    MustRegister { required: bool },
    /// What they may do on the admin's pages.
    Role { role: api::users::Role },
}

impl UserLedger {
    pub(super) fn change_user(&mut self, seed: Box<User>, change: UserChange, now: Millis) -> Box<User> {
        let base = match self.profile.take() {
            Some(mine) if mine.version >= seed.version => mine,
            _ => seed,
        };
        let mut user = *base;
        match change {
            UserChange::Details { fields } => {
                for field in fields {
                    match field {
                        Field::Username(name) => user.username = name,
                        Field::DisplayName(name) => user.display_name = name,
                        Field::Emails(emails) => user.emails = emails,
                        Field::ExternalId(id) => user.external_id = id,
                    }
                }
            }
            UserChange::Disabled { disabled, at } => {
                if disabled && !user.disabled {
                    user.sessions_after = Some(at);
                }
                user.disabled = disabled;
            }
            UserChange::EndSessions { at } => user.sessions_after = Some(at),
            UserChange::Password { hash, at } => {
                user.password_hash = hash;
                user.sessions_after = Some(at);
                user.reset_required = false;
            }
            UserChange::Reported { at } => {
                user.sessions_after = Some(at);
                user.reset_required = true;
            }
            UserChange::MustRegister { required } => user.must_register = required,
            UserChange::Role { role } => {
                user.admin = role == api::users::Role::Admin;
                user.help_desk = role == api::users::Role::HelpDesk;
            }
        }
        user.version += 1;
        user.updated_at = Some(now);
        self.profile = Some(Box::new(user.clone()));
        self.drop_ended_sessions();
        Box::new(user)
    }

    pub(super) fn profile_version(&mut self, _now: Millis) -> Option<Box<User>> {
        self.profile.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(version: u64) -> Box<User> {
        let mut user = User::new("0".repeat(32), "a@example.org".into(), "A".into(), 1);
        user.version = version;
        Box::new(user)
    }

    #[test]
    fn two_changes_from_the_same_read_both_land() {
        let mut ledger = UserLedger::default();
        let seen = someone(1);
        let renamed = UserChange::Details {
            fields: vec![
                Field::DisplayName("Ann".into()),
                Field::Emails(vec![crate::tenant::DirectoryEmail::work("ann@example.org".into())]),
                Field::ExternalId(None),
            ],
        };
        ledger.change_user(seen.clone(), renamed, 5);
        let after = ledger.change_user(seen, UserChange::Disabled { disabled: true, at: 6 }, 6);
        assert_eq!(after.display_name, "Ann");
        assert!(after.disabled);
        assert_eq!((after.sessions_after, after.version), (Some(6), 3));
    }

    #[test]
    fn a_removed_field_stays_removed_over_the_wire() {
        let change = UserChange::Details { fields: vec![Field::ExternalId(None)] };
        let wire: UserChange = serde_json::from_str(&serde_json::to_string(&change).unwrap()).unwrap();
        assert_eq!(wire, change);
        let mut ledger = UserLedger::default();
        let mut seed = someone(1);
        seed.external_id = Some("e1".into());
        assert_eq!(ledger.change_user(seed, wire, 2).external_id, None);
    }

    #[test]
    fn a_newer_record_from_kv_is_the_base() {
        let mut ledger = UserLedger::default();
        ledger.change_user(someone(1), UserChange::EndSessions { at: 2 }, 2);
        let mut provisioned = someone(7);
        provisioned.display_name = "From the file".into();
        let after = ledger.change_user(provisioned, UserChange::Reported { at: 3 }, 3);
        assert_eq!((after.display_name.as_str(), after.reset_required, after.version), ("From the file", true, 8));
        let reset = ledger.change_user(someone(1), UserChange::Password { hash: "h".into(), at: 4 }, 4);
        assert!(!reset.reset_required && reset.display_name == "From the file");
    }
}
