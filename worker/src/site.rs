//! What a request is for, worked out once: the tenant (by host name, or in
//! development by the path prefix `/t/<tenant>`), its session cookie, the pages'
//! origin, the language and the client's address; and the portal built from them.

use api::{HOST_COOKIE_PREFIX, LANGUAGES, LANGUAGE_COOKIE, SESSION_COOKIE, SIGNED_IN_COOKIE};
use domain::oidc::signing::SigningKeys;
use domain::portal::Portal;
use domain::sealing::Keyring;
use domain::session::SessionPolicy;
use domain::tenant::Tenant;
use domain::webauthn::RelyingParty;
use domain::{Millis, SECOND};
use std::rc::Rc;
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

/// The tenant a request is for, how it was reached, and who asks.
pub struct Site {
    pub tenant: Tenant,
    /// `""` or `/t/<tenant>`: prepended to callback URLs.
    pub prefix: String,
    /// Session cookie name: one per prefixed tenant, so tenants on one host keep
    /// separate sessions.
    pub cookie: String,
    /// Scheme, host and port of the pages: links and WebAuthn (see `origin`).
    pub origin: String,
    /// The origin and the prefix: the base of links in notices and callbacks.
    pub link_base: String,
    /// Language for what the worker writes (`language`).
    pub lang: &'static str,
    pub client: Client,
    https: bool,
}

/// Who asks: the address, its country (Cloudflare's header) and the user agent
/// (its first 300 characters), for activity, sessions and per-address limits.
pub struct Client {
    pub ip: String,
    pub country: Option<String>,
    pub user_agent: String,
}

impl Client {
    pub fn of(req: &Request) -> Client {
        let headers = req.headers();
        let country = headers.get("cf-ipcountry").ok().flatten().filter(|c| c.len() == 2 && c != "XX");
        let user_agent = headers.get("user-agent").ok().flatten().unwrap_or_default().chars().take(300).collect();
        let ip = headers.get("cf-connecting-ip").ok().flatten().unwrap_or_else(|| "unknown".into());
        Client { ip, country, user_agent }
    }
}

/// What the worker's configuration gives every request's portal: the sealing and
/// signing keys, and how long sessions live.
pub struct Settings {
    pub keys: Option<Keyring>,
    pub signing: Option<SigningKeys>,
    pub sessions: SessionPolicy,
}

impl Settings {
    /// Read once per isolate: the worker's variables and secrets change only with
    /// a new version of it (a secret put deploys one), which new isolates run.
    /// Parsing them on every request cost a dozen calls into the runtime and the
    /// keys' decoding (and deriving the signing keys' public halves, about a
    /// millisecond in wasm).
    pub fn of(env: &Env) -> Rc<Settings> {
        thread_local!(static SETTINGS: std::cell::OnceCell<Rc<Settings>> = const { std::cell::OnceCell::new() });
        SETTINGS.with(|settings| {
            settings
                .get_or_init(|| {
                    let signing = env.secret("OIDC_SIGNING_KEYS").ok().and_then(|s| SigningKeys::parse(&s.to_string()));
                    Rc::new(Settings { keys: sealing_keys(env), signing, sessions: session_policy(env) })
                })
                .clone()
        })
    }
}

impl Site {
    pub fn new(tenant: Tenant, prefixed: Option<&str>, req: &Request, https: bool) -> Site {
        let prefix = prefixed.map(prefix_of).unwrap_or_default();
        let origin = origin(req);
        let name = match prefixed {
            Some(id) => format!("{SESSION_COOKIE}-{id}"),
            None => SESSION_COOKIE.to_string(),
        };
        // `__Host-` cookies must have Path=/, so on https the tenant prefix stays in
        // the name only; plain http (local development) scopes the cookie by path.
        let cookie = if https { format!("{HOST_COOKIE_PREFIX}{name}") } else { name };
        let link_base = format!("{origin}{prefix}");
        Site { tenant, prefix, cookie, origin, link_base, lang: language(req), client: Client::of(req), https }
    }

    /// The domain's portal for this request, over the worker's storage and courier.
    pub fn portal<'a>(
        &'a self,
        kv: &'a crate::kv::Kv,
        ledgers: &'a crate::ledger::DurableLedgers,
        courier: &'a crate::delivery::Postbox<'a>,
        settings: &'a Settings,
        now: Millis,
    ) -> WorkerPortal<'a> {
        Portal {
            store: kv,
            ledgers,
            courier,
            entropy: &crate::CryptoRandom,
            keys: settings.keys.as_ref(),
            signing: settings.signing.as_ref(),
            now,
            sessions: settings.sessions,
            client_ip: &self.client.ip,
            client_country: self.client.country.as_deref(),
            user_agent: &self.client.user_agent,
            lang: self.lang,
            link_base: &self.link_base,
            tenant: &self.tenant,
            memo: Default::default(),
        }
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

/// Whether `path` (after any tenant prefix) is SCIM's, the directory's API.
pub fn is_scim(path: &str) -> bool {
    path.strip_prefix(api::paths::SCIM_ROOT).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether `path` (after any tenant prefix) is the API's (endpoints, discovery,
/// SCIM) rather than a page's.
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/.well-known/") || is_scim(path)
}

/// Splits `/t/<tenant>/api/...` (any API path, `is_api`) into the tenant id and the
/// rest. Path-prefixed tenants are a development feature (several tenants on
/// localhost): in the production build a tenant is found by its own host name only.
#[cfg(feature = "dev")]
pub fn tenant_prefix(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("/t/")?;
    let (id, _) = rest.split_once('/')?;
    let tail = &rest[id.len()..];
    is_api(tail).then_some((id, tail))
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

fn seconds_var(env: &Env, name: &str) -> Option<Millis> {
    env.var(name).ok()?.to_string().parse::<u64>().ok().map(|s| s * SECOND)
}

fn session_policy(env: &Env) -> SessionPolicy {
    let default = SessionPolicy::default();
    SessionPolicy {
        idle: seconds_var(env, "SESSION_IDLE_SECONDS").unwrap_or(default.idle),
        absolute: seconds_var(env, "SESSION_ABSOLUTE_SECONDS").unwrap_or(default.absolute),
        recent_second_step: seconds_var(env, "SECOND_STEP_RECENT_SECONDS").unwrap_or(default.recent_second_step),
    }
}

/// SEALING_KEYS seal authenticator secrets and key resets, passes and passkey
/// ceremonies; TOTP_KEYS is its old name, still read.
pub fn sealing_keys(env: &Env) -> Option<Keyring> {
    let spec = env.secret("SEALING_KEYS").or_else(|_| env.secret("TOTP_KEYS")).ok()?;
    Keyring::parse(&spec.to_string())
}
