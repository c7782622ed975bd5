//! Tenants (organizations) and their directory of users.

use crate::store::{get_json, Store};
use crate::{keys, Error};
use api::Policy;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: String,
    /// Display name, shown on every page and in messages.
    pub name: String,
    /// The organization's own mail domains: not acceptable as an email method.
    pub own_domains: Vec<String>,
    /// Accent colour of the pages, `#rrggbb`.
    #[serde(default = "default_brand_color")]
    pub brand_color: String,
    pub policy: Policy,
}

pub const DEFAULT_BRAND_COLOR: &str = "#0f5fb3";

fn default_brand_color() -> String {
    DEFAULT_BRAND_COLOR.into()
}

/// Tenant ids are lower-case letters, digits and dashes: they appear in keys and
/// in the `/t/<tenant>/` path prefix.
pub fn valid_tenant_id(id: &str) -> bool {
    (1..=40).contains(&id.len()) && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The origin of a tenant's pages: where links in messages point and what WebAuthn
/// checks. `host` is the one the tenant was found by, so one of its own (an unknown
/// host gets no further). Production pages are https only, whatever scheme a
/// request came in on; development keeps the request's (plain http locally).
pub fn page_origin(scheme: &str, host: &str, port: Option<u16>, production: bool) -> String {
    let scheme = if production { "https" } else { scheme };
    let host = host.to_ascii_lowercase();
    match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Random and permanent ([`crate::directory::new_user_id`]): the user's ledger,
    /// sessions, grants and the `sub` of ID tokens name it.
    pub id: String,
    /// Sign-in name, normalised by [`normalise_username`].
    pub username: String,
    pub display_name: String,
    /// PHC string of the password hash; empty until the user sets a password (a
    /// provisioned user signs in first with an access pass).
    #[serde(default)]
    pub password_hash: String,
    #[serde(default)]
    pub admin: bool,
    /// The help desk: the Users page and its per-user actions, not the settings.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub help_desk: bool,
    /// Sessions created before this time are no longer valid (password reset).
    #[serde(default)]
    pub sessions_after: Option<crate::Millis>,
    /// "This wasn't me" was used: the password no longer works until reset.
    #[serde(default)]
    pub reset_required: bool,
    /// Turned off by an admin or the directory (SCIM `active: false`): every way in
    /// is refused and sessions and app tokens end.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
    /// Addresses the directory knows (SCIM `emails`; not sign-in methods).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<DirectoryEmail>,
    /// The directory's own id for the person (SCIM `externalId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<crate::Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<crate::Millis>,
    /// Bumped by every change of the record: SCIM's `meta.version`.
    #[serde(default)]
    pub version: u64,
    /// An admin cleared the user's second-step methods: the registration wizard
    /// runs at the next sign-in, without "Skip for now".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub must_register: bool,
    /// Set while the user's id from an earlier version moves to a random one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
}

/// An address of the user as the directory states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEmail {
    pub value: String,
    /// `work`, `home`, `other` or the directory's own word.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
}

impl DirectoryEmail {
    pub fn work(value: String) -> DirectoryEmail {
        DirectoryEmail { value, kind: Some("work".into()), primary: Some(true) }
    }
}

impl User {
    /// What they may do on the admin's pages (an admin's flag wins).
    pub fn role(&self) -> api::users::Role {
        match (self.admin, self.help_desk) {
            (true, _) => api::users::Role::Admin,
            (false, true) => api::users::Role::HelpDesk,
            (false, false) => api::users::Role::User,
        }
    }

    /// The work address: the primary one, else the first of type `work`, else the first.
    pub fn work_email(&self) -> Option<&str> {
        let e = &self.emails;
        e.iter()
            .find(|m| m.primary == Some(true))
            .or_else(|| e.iter().find(|m| m.kind.as_deref() == Some("work")))
            .or_else(|| e.first())
            .map(|m| m.value.as_str())
    }

    /// A new user without password or methods.
    pub fn new(id: String, username: String, display_name: String, now: crate::Millis) -> User {
        User {
            id,
            username,
            display_name,
            password_hash: String::new(),
            admin: false,
            help_desk: false,
            sessions_after: None,
            reset_required: false,
            disabled: false,
            emails: vec![],
            external_id: None,
            created_at: Some(now),
            updated_at: Some(now),
            version: 1,
            must_register: false,
            moved_to: None,
        }
    }
}

/// Sign-in names compare case-insensitively, as Unicode NFC (an accent typed
/// composed or decomposed is the same name) and without surrounding spaces.
/// `None` for names that cannot exist (empty, too long, control characters).
pub fn normalise_username(input: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let name: String = input.trim().to_lowercase().nfc().collect();
    let ok = !name.is_empty() && name.len() <= 256 && !name.chars().any(|c| c.is_control() || c == '/');
    ok.then_some(name)
}

/// The tenant serving a host name (port ignored).
pub async fn for_host<S: Store>(store: &S, host: &str) -> Result<Tenant, Error> {
    let host =
        host.rsplit_once(':').map_or(host, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host });
    let host = host.to_ascii_lowercase();
    let id: String = store.get(&keys::host(&host)).await?.ok_or(Error::UnknownTenant)?;
    get_json(store, &keys::tenant(&id)).await?.ok_or(Error::UnknownTenant)
}

/// The tenant with this id, for the `/t/<tenant>/` path prefix.
pub async fn by_id<S: Store>(store: &S, id: &str) -> Result<Tenant, Error> {
    if !valid_tenant_id(id) {
        return Err(Error::UnknownTenant);
    }
    get_json(store, &keys::tenant(id)).await?.ok_or(Error::UnknownTenant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_low_production_pages_are_https_at_the_tenants_host() {
        assert_eq!(page_origin("http", "Login.Contoso.example", None, true), "https://login.contoso.example");
        assert_eq!(
            page_origin("https", "login.contoso.example", Some(8443), true),
            "https://login.contoso.example:8443"
        );
        assert_eq!(page_origin("http", "127.0.0.1", Some(8787), false), "http://127.0.0.1:8787");
    }

    #[test]
    fn usernames_fold_case_and_refuse_key_characters() {
        assert_eq!(normalise_username(" Adele@Contoso.com ").as_deref(), Some("adele@contoso.com"));
        assert_eq!(normalise_username("  "), None);
        assert_eq!(normalise_username("a/b"), None);
        assert_eq!(normalise_username("a\u{0}b"), None);
        assert_eq!(normalise_username(&"x".repeat(257)), None);
    }

    /// Security review (low): usernames compare as NFC.
    #[test]
    fn finding_low_usernames_compare_as_nfc() {
        let composed = normalise_username("Ren\u{e9}e@contoso.com");
        assert_eq!(composed, normalise_username("RENE\u{301}E@contoso.com"));
        assert_eq!(composed.as_deref(), Some("ren\u{e9}e@contoso.com"));
    }
}
