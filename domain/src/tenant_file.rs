//! A tenant described in a JSON file, turned into the KV records the worker reads:
//! how a new organization is set up (`scripts/tenant.sh` feeds the records to
//! `wrangler kv bulk put`). Later changes go through the admin page.

use crate::entropy::Entropy;
use crate::policy::{check_settings, Problem};
use crate::tenant::{normalise_username, valid_tenant_id, Tenant, User, DEFAULT_BRAND_COLOR};
use crate::{keys, password};
use api::{Policy, TenantSettings};
use serde::Deserialize;

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
    pub username: String,
    pub display_name: String,
    /// The first password; users change it through password reset.
    pub password: String,
    #[serde(default)]
    pub admin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    InvalidId,
    InvalidHost(String),
    InvalidUsername(String),
    DuplicateUsername(String),
    WeakPassword(String),
    Settings(Problem),
}

/// KV records (key, JSON value) for the tenant, its hosts and its users. User ids
/// are derived from the position in the file so a re-run rewrites the same keys.
pub fn records<E: Entropy>(file: &TenantFile, entropy: &E) -> Result<Vec<(String, String)>, FileProblem> {
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
    let mut out = vec![(keys::tenant(&tenant.id), json(&tenant))];
    for host in &file.hosts {
        let host = host.trim().to_ascii_lowercase();
        let ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !ok {
            return Err(FileProblem::InvalidHost(host));
        }
        out.push((keys::host(&host), tenant.id.clone()));
    }
    let mut seen = vec![];
    for (i, entry) in file.users.iter().enumerate() {
        let name =
            normalise_username(&entry.username).ok_or_else(|| FileProblem::InvalidUsername(entry.username.clone()))?;
        if seen.contains(&name) {
            return Err(FileProblem::DuplicateUsername(name));
        }
        password::check_new(&entry.password, &name, false).map_err(|_| FileProblem::WeakPassword(name.clone()))?;
        let password_hash = password::hash(&entry.password, entropy).ok_or(FileProblem::WeakPassword(name.clone()))?;
        let user = User {
            id: format!("u{i}"),
            username: name.clone(),
            display_name: entry.display_name.trim().to_string(),
            password_hash,
            admin: entry.admin,
            sessions_after: None,
            reset_required: false,
        };
        out.push((keys::user(&tenant.id, &user.id), json(&user)));
        out.push((keys::username(&tenant.id, &name), user.id.clone()));
        seen.push(name);
    }
    Ok(out)
}

/// A record's JSON; serde_json cannot fail on these plain structs.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
