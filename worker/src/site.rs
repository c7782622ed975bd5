//! What a request is for, worked out once: the tenant (by host name, or in
//! development by the path prefix `/t/<tenant>`), its session cookie, the pages'
//! origin, the language and the client's address.

use api::{HOST_COOKIE_PREFIX, LANGUAGES, LANGUAGE_COOKIE, SESSION_COOKIE, SIGNED_IN_COOKIE};
use domain::session::SessionPolicy;
use domain::tenant::Tenant;
use domain::webauthn::RelyingParty;
use domain::{Millis, SECOND};
use worker::{Env, Request};

/// The domain's portal as the worker builds it: KV, Durable Object ledgers, the
/// providers, Web Crypto randomness.
pub type WorkerPortal<'a> = domain::portal::Portal<
    'a,
    crate::kv::Kv,
    crate::ledger::DurableLedgers,
    crate::delivery::Postbox<'a>,
    crate::CryptoRandom,
>;

use crate::http::cookie;

/// The tenant a request is for and how it was reached.
pub struct Site {
    pub tenant: Tenant,
    /// `""` or `/t/<tenant>`: prepended to callback URLs.
    pub prefix: String,
    /// Session cookie name: one per prefixed tenant, so tenants on one host keep
    /// separate sessions.
    pub cookie: String,
    /// Scheme, host and port of the pages: links and WebAuthn (see `origin`).
    pub origin: String,
    https: bool,
}

impl Site {
    pub fn new(tenant: Tenant, prefixed: Option<&str>, origin: String, https: bool) -> Site {
        let prefix = prefixed.map(prefix_of).unwrap_or_default();
        let name = match prefixed {
            Some(id) => format!("{SESSION_COOKIE}-{id}"),
            None => SESSION_COOKIE.to_string(),
        };
        // `__Host-` cookies must have Path=/, so on https the tenant prefix stays in
        // the name only; plain http (local development) scopes the cookie by path.
        let cookie = if https { format!("{HOST_COOKIE_PREFIX}{name}") } else { name };
        Site { tenant, prefix, cookie, origin, https }
    }

    /// The session cookie (an empty `value` with `max_age` 0 clears it) and the
    /// signed-in hint, scoped to the tenant's pages.
    pub fn session_cookies(&self, value: &str, max_age: u64) -> [String; 2] {
        let (path, secure) = if self.https { ("", "; Secure") } else { (self.prefix.as_str(), "") };
        let hint = if value.is_empty() { "" } else { "1" };
        [
            format!("{}={value}; HttpOnly; SameSite=Lax; Path={path}/; Max-Age={max_age}{secure}", self.cookie),
            format!("{SIGNED_IN_COOKIE}={hint}; SameSite=Lax; Path={}/; Max-Age={max_age}{secure}", self.prefix),
        ]
    }
}

thread_local! {
    /// Tenants by host, per isolate: saves two KV reads on every request. KV is
    /// eventually consistent anyway (up to ~60 s), so a short cache adds little delay
    /// to tenant changes.
    static TENANTS: std::cell::RefCell<std::collections::HashMap<String, (Tenant, Millis)>> = Default::default();
}
const TENANT_CACHE: Millis = 30 * SECOND;

fn cached_tenant(key: &str, now: Millis) -> Option<Tenant> {
    TENANTS.with(|c| c.borrow().get(key).filter(|(_, at)| now < at + TENANT_CACHE).map(|(t, _)| t.clone()))
}

fn cache_tenant(key: String, tenant: &Tenant, now: Millis) {
    TENANTS.with(|c| c.borrow_mut().insert(key, (tenant.clone(), now)));
}

/// The tenant a request is for: by its path prefix's id (development), else by host.
pub async fn find_tenant(
    kv: &crate::kv::Kv,
    prefixed: Option<&str>,
    host: &str,
    now: Millis,
) -> std::result::Result<Tenant, domain::Error> {
    let key = prefixed.map_or_else(|| host.to_string(), prefix_of);
    if let Some(t) = cached_tenant(&key, now) {
        return Ok(t);
    }
    let tenant = match prefixed {
        Some(id) => domain::tenant::by_id(kv, id).await?,
        None => domain::tenant::for_host(kv, host).await?,
    };
    cache_tenant(key, &tenant, now);
    Ok(tenant)
}

/// What the app reads first (`GET /api/v1/config`, or inlined in the page).
pub fn config(tenant: &Tenant, lang: &str) -> api::Config {
    api::Config {
        tenant_name: tenant.name.clone(),
        brand_color: tenant.brand_color.clone(),
        language: lang.to_string(),
        languages: LANGUAGES.iter().map(|l| l.to_string()).collect(),
        support: tenant.policy.support.clone(),
    }
}

/// This isolate sees a tenant's change at once; others within the cache's 30 s.
pub fn forget_tenant(id: &str) {
    TENANTS.with(|c| c.borrow_mut().retain(|_, (t, _)| t.id != id));
}

/// Splits `/t/<tenant>/api/...` (or `/.well-known/...`) into the tenant id and the rest. Path-prefixed
/// tenants are a development feature (several tenants on localhost): in the
/// production build a tenant is found by its own host name only.
#[cfg(feature = "dev")]
pub fn tenant_prefix(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("/t/")?;
    let (id, tail) = rest.split_once('/')?;
    let routed = ["api/", ".well-known/", "scim/"].iter().any(|p| tail.starts_with(p));
    routed.then(|| (id, &rest[id.len()..]))
}

#[cfg(not(feature = "dev"))]
pub fn tenant_prefix(_: &str) -> Option<(&str, &str)> {
    None
}

/// Splits a page's path `/t/<tenant>/...` into the tenant id (lower case) and the
/// page (development only, as `tenant_prefix`).
#[cfg(feature = "dev")]
pub fn page_prefix(path: &str) -> (Option<String>, &str) {
    let Some(rest) = path.strip_prefix("/t/") else { return (None, path) };
    match rest.split_once('/') {
        Some((id, _)) => (Some(id.to_ascii_lowercase()), &rest[id.len()..]),
        None => (Some(rest.to_ascii_lowercase()), "/"),
    }
}

#[cfg(not(feature = "dev"))]
pub fn page_prefix(path: &str) -> (Option<String>, &str) {
    (None, path)
}

/// The path prefix of a tenant reached by it (development only).
#[cfg(feature = "dev")]
pub fn prefix_of(id: &str) -> String {
    format!("/t/{id}")
}

#[cfg(not(feature = "dev"))]
pub fn prefix_of(_: &str) -> String {
    String::new()
}

/// The pages' origin (links, WebAuthn): see `domain::tenant::page_origin`.
pub fn origin(req: &Request) -> String {
    let Ok(url) = req.url() else { return String::new() };
    domain::tenant::page_origin(
        url.scheme(),
        url.host_str().unwrap_or_default(),
        url.port(),
        cfg!(not(feature = "dev")),
    )
}

/// The WebAuthn relying party of this request: the tenant's host (the one it was
/// found by) and the page origin.
pub fn relying_party(req: &Request, site: &Site) -> RelyingParty {
    let id = req.url().ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase)).unwrap_or_default();
    RelyingParty { id, origin: site.origin.clone() }
}

/// Language for messages the worker writes: the switcher's cookie, else the browser's.
pub fn language(req: &Request) -> &'static str {
    if let Some(lang) = cookie(req, LANGUAGE_COOKIE).and_then(|c| LANGUAGES.into_iter().find(|l| *l == c)) {
        return lang;
    }
    api::negotiate_language(&req.headers().get("accept-language").ok().flatten().unwrap_or_default())
}

/// Who asks: the address, its country (Cloudflare's header) and the user agent
/// (its first 300 characters), for activity and sessions.
pub fn client(req: &Request) -> (String, Option<String>, String) {
    let country = req.headers().get("cf-ipcountry").ok().flatten().filter(|c| c.len() == 2 && c != "XX");
    let user_agent = req.headers().get("user-agent").ok().flatten().unwrap_or_default().chars().take(300).collect();
    (client_ip(req), country, user_agent)
}

fn client_ip(req: &Request) -> String {
    req.headers().get("cf-connecting-ip").ok().flatten().unwrap_or_else(|| "unknown".into())
}

fn seconds_var(env: &Env, name: &str) -> Option<Millis> {
    env.var(name).ok()?.to_string().parse::<u64>().ok().map(|s| s * SECOND)
}

pub fn session_policy(env: &Env) -> SessionPolicy {
    let default = SessionPolicy::default();
    SessionPolicy {
        idle: seconds_var(env, "SESSION_IDLE_SECONDS").unwrap_or(default.idle),
        absolute: seconds_var(env, "SESSION_ABSOLUTE_SECONDS").unwrap_or(default.absolute),
        recent_second_step: seconds_var(env, "SECOND_STEP_RECENT_SECONDS").unwrap_or(default.recent_second_step),
    }
}
