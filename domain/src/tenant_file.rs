//! A tenant described in a JSON file, turned into the KV records the worker reads:
//! how an organization is set up and its people provisioned (`scripts/tenant.sh`
//! reads what is stored, feeds it here with the file, and writes the changes with
//! `wrangler kv bulk put`).
//!
//! Safe to run again: users are matched by id, else by username, and keep their id,
//! password, methods, marks and role; the tenant's settings, once created, belong
//! to its admin page. Files carry no passwords: a new user gets a one-time access
//! pass, shown once, and registers a password and methods with it.

use crate::access_pass::{self, INVITATION_DAYS};
use crate::directory::{is_permanent, new_user_id};
use crate::email::EmailAddress;
use crate::entropy::Entropy;
use crate::policy::{check_settings, Problem};
use crate::tenant::{normalise_username, valid_tenant_id, DirectoryEmail, Tenant, User, DEFAULT_BRAND_COLOR};
use crate::{keys, Millis, DAY};
use api::{Policy, TenantSettings};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
pub struct TenantFile {
    pub id: String,
    pub name: String,
    /// Host names that reach this tenant (`login.example.org`).
    #[serde(default)]
    pub hosts: Vec<String>,
    #[serde(default)]
    pub own_domains: Vec<String>,
    #[serde(default)]
    pub brand_color: Option<String>,
    #[serde(default)]
    pub policy: Option<Policy>,
    #[serde(default)]
    pub users: Vec<UserEntry>,
}

#[derive(Debug, Deserialize)]
pub struct UserEntry {
    /// The user's permanent id, to rename someone; otherwise the username matches.
    #[serde(default)]
    pub id: Option<String>,
    pub username: String,
    pub display_name: String,
    /// Work address (not a sign-in method).
    #[serde(default)]
    pub email: Option<String>,
    /// Only when the user is created; the admin page changes it later.
    #[serde(default)]
    pub admin: bool,
    /// Refused: a password in a file is a password in plain text.
    #[serde(default)]
    pub password: Option<serde::de::IgnoredAny>,
}

/// What is stored for the tenant now, key → value: the tenant record, the file's
/// host names (`h/…`), its username index (`t/<id>/n/…`) and the user records
/// those name.
pub type Existing = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    InvalidId,
    InvalidHost(String),
    /// The host name serves another tenant.
    HostTaken(String),
    InvalidUsername(String),
    DuplicateUsername(String),
    InvalidUserId(String),
    InvalidEmail(String),
    PasswordInFile(String),
    /// A stored record that does not parse.
    Unreadable(String),
    Settings(Problem),
}

/// What a run changes, for the dry run and the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    TenantCreated,
    /// The file's settings differ from the stored ones, which the admin page owns.
    TenantSettingsKept,
    UserAdded {
        username: String,
    },
    UserRenamed {
        from: String,
        to: String,
    },
    UserUpdated {
        username: String,
    },
    /// Stored but not in the file: left alone.
    UserNotInFile {
        username: String,
    },
}

#[derive(Debug, Default)]
pub struct Plan {
    /// Records to write (key, JSON value, time to live in seconds).
    pub records: Vec<(String, String, Option<u64>)>,
    /// Keys to delete (a renamed user's old name).
    pub deletes: Vec<String>,
    pub changes: Vec<Change>,
    /// New users' one-time access passes (username, pass): shown once.
    pub passes: Vec<(String, String)>,
}

/// The changes that make the stored tenant match the file.
pub fn plan<E: Entropy>(file: &TenantFile, existing: &Existing, entropy: &E, now: Millis) -> Result<Plan, FileProblem> {
    if !valid_tenant_id(&file.id) {
        return Err(FileProblem::InvalidId);
    }
    let tenant = Tenant {
        id: file.id.clone(),
        name: file.name.trim().to_string(),
        own_domains: file.own_domains.iter().map(|d| d.trim().to_ascii_lowercase()).collect(),
        brand_color: file.brand_color.clone().unwrap_or_else(|| DEFAULT_BRAND_COLOR.to_string()),
        policy: file.policy.clone().unwrap_or_else(Policy::open),
    };
    let settings = TenantSettings {
        name: tenant.name.clone(),
        own_domains: tenant.own_domains.clone(),
        brand_color: tenant.brand_color.clone(),
        policy: tenant.policy.clone(),
    };
    check_settings(&settings).map_err(FileProblem::Settings)?;
    let mut plan = Plan::default();
    match existing.get(&keys::tenant(&tenant.id)) {
        None => {
            plan.records.push((keys::tenant(&tenant.id), json(&tenant), None));
            plan.changes.push(Change::TenantCreated);
        }
        Some(stored) => {
            let stored: Tenant =
                serde_json::from_str(stored).map_err(|_| FileProblem::Unreadable(keys::tenant(&tenant.id)))?;
            if stored != tenant {
                plan.changes.push(Change::TenantSettingsKept);
            }
        }
    }
    for host in &file.hosts {
        let host = host.trim().to_ascii_lowercase();
        let ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !ok {
            return Err(FileProblem::InvalidHost(host));
        }
        match existing.get(&keys::host(&host)) {
            Some(owner) if *owner == tenant.id => {}
            Some(_) => return Err(FileProblem::HostTaken(host)),
            None => plan.records.push((keys::host(&host), tenant.id.clone(), None)),
        }
    }
    let stored = stored_users(&tenant.id, existing)?;
    let mut seen: Vec<String> = vec![];
    let mut matched: Vec<String> = vec![];
    for entry in &file.users {
        let name =
            normalise_username(&entry.username).ok_or_else(|| FileProblem::InvalidUsername(entry.username.clone()))?;
        if seen.contains(&name) {
            return Err(FileProblem::DuplicateUsername(name));
        }
        if entry.password.is_some() {
            return Err(FileProblem::PasswordInFile(name));
        }
        let email = match entry.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => Some(EmailAddress::parse(e).ok_or_else(|| FileProblem::InvalidEmail(e.to_string()))?.into()),
            None => None,
        };
        let display_name = entry.display_name.trim().to_string();
        let by_name = stored.iter().find(|u| u.username == name);
        let current = match &entry.id {
            Some(id) if !is_permanent(id) && !stored.iter().any(|u| &u.id == id) => {
                return Err(FileProblem::InvalidUserId(id.clone()))
            }
            Some(id) => match stored.iter().find(|u| &u.id == id) {
                // A renamed user's new name must not be someone else's.
                Some(user) if by_name.is_some_and(|other| other.id != user.id) => {
                    return Err(FileProblem::DuplicateUsername(name))
                }
                Some(user) => Some(user),
                None if by_name.is_some() => return Err(FileProblem::DuplicateUsername(name)),
                None => None,
            },
            None => by_name,
        };
        seen.push(name.clone());
        match current {
            Some(user) => {
                matched.push(user.id.clone());
                let mut changed = user.clone();
                changed.username = name.clone();
                changed.display_name = display_name;
                changed.emails = email.into_iter().map(DirectoryEmail::work).collect();
                if changed == *user {
                    continue;
                }
                changed.version = user.version + 1;
                if user.username != name {
                    plan.deletes.push(keys::username(&tenant.id, &user.username));
                    plan.records.push((keys::username(&tenant.id, &name), user.id.clone(), None));
                    plan.changes.push(Change::UserRenamed { from: user.username.clone(), to: name.clone() });
                } else {
                    plan.changes.push(Change::UserUpdated { username: name.clone() });
                }
                plan.records.push((keys::user(&tenant.id, &user.id), json(&changed), None));
            }
            None => {
                let id = entry.id.clone().unwrap_or_else(|| new_user_id(entropy));
                let mut user = User::new(id, name.clone(), display_name, now);
                user.admin = entry.admin;
                user.emails = email.into_iter().map(DirectoryEmail::work).collect();
                let (pass, invitation) = access_pass::invite(entropy, now + INVITATION_DAYS * DAY);
                plan.records.push((keys::user(&tenant.id, &user.id), json(&user), None));
                plan.records.push((keys::username(&tenant.id, &name), user.id.clone(), None));
                plan.records.push((
                    keys::invitation(&tenant.id, &user.id),
                    json(&invitation),
                    Some(INVITATION_DAYS * 86_400),
                ));
                plan.changes.push(Change::UserAdded { username: name.clone() });
                plan.passes.push((name, pass));
            }
        }
    }
    for user in stored.iter().filter(|u| !matched.contains(&u.id)) {
        plan.changes.push(Change::UserNotInFile { username: user.username.clone() });
    }
    Ok(plan)
}

/// The users the name index names, as stored.
fn stored_users(tenant: &str, existing: &Existing) -> Result<Vec<User>, FileProblem> {
    let prefix = keys::username(tenant, "");
    let mut out = vec![];
    for (key, id) in existing.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)) {
        let Some(record) = existing.get(&keys::user(tenant, id)) else { continue };
        let user: User = serde_json::from_str(record).map_err(|_| FileProblem::Unreadable(key.clone()))?;
        out.push(user);
    }
    Ok(out)
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::TenantCreated => write!(f, "create the tenant"),
            Change::TenantSettingsKept => {
                write!(f, "keep the tenant's settings (changed on its admin page; the file's are not applied)")
            }
            Change::UserAdded { username } => write!(f, "add {username} (a one-time access pass follows)"),
            Change::UserRenamed { from, to } => write!(f, "rename {from} to {to} (same id and methods)"),
            Change::UserUpdated { username } => write!(f, "update {username}'s name or email"),
            Change::UserNotInFile { username } => write!(f, "keep {username} (not in the file)"),
        }
    }
}

/// A record's JSON; serde_json cannot fail on these plain structs.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
