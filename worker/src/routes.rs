//! The JSON API under `/api/v1` (and `/dev` in development builds).

use crate::delivery::{self, Postbox};
use crate::http::{self, changes_state, cookie, read_json, same_origin};
use crate::kv::Kv;
use crate::ledger::DurableLedgers;
use crate::CryptoRandom;
use api::{paths, ApiError, ErrorCode, MethodKind, HOST_COOKIE_PREFIX, LANGUAGES, LANGUAGE_COOKIE, SESSION_COOKIE};
use domain::portal::{Authenticated, Portal};
use domain::sealing::Keyring;
use domain::session::SessionPolicy;
use domain::tenant::Tenant;
use domain::webauthn::RelyingParty;
use domain::{Error, SECOND};
use worker::{Context, Env, Method, Request, Response, Result};

/// The JSON body of the request, or return the error response.
macro_rules! body {
    ($req:ident) => {
        match read_json(&mut $req).await {
            Ok(body) => body,
            Err(e) => return http::error(&e),
        }
    };
}

pub type WorkerPortal<'a> = Portal<'a, Kv, DurableLedgers, Postbox<'a>, CryptoRandom>;

fn seconds_var(env: &Env, name: &str) -> Option<domain::Millis> {
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

thread_local! {
    /// Tenants by host, per isolate: saves two KV reads on every request. KV is
    /// eventually consistent anyway (up to ~60 s), so a short cache adds little delay
    /// to tenant changes.
    static TENANTS: std::cell::RefCell<std::collections::HashMap<String, (Tenant, domain::Millis)>> =
        Default::default();
}
const TENANT_CACHE: domain::Millis = 30 * SECOND;

fn cached_tenant(host: &str, now: domain::Millis) -> Option<Tenant> {
    TENANTS.with(|c| c.borrow().get(host).filter(|(_, at)| now < at + TENANT_CACHE).map(|(t, _)| t.clone()))
}

/// Language for messages the worker writes: the switcher's cookie, else the browser's.
pub fn language(req: &Request) -> &'static str {
    if let Some(lang) = cookie(req, LANGUAGE_COOKIE).and_then(|c| LANGUAGES.into_iter().find(|l| *l == c)) {
        return lang;
    }
    api::negotiate_language(&req.headers().get("accept-language").ok().flatten().unwrap_or_default())
}

fn client_ip(req: &Request) -> String {
    req.headers().get("cf-connecting-ip").ok().flatten().unwrap_or_else(|| "unknown".into())
}

fn fail(e: &Error) -> Result<Response> {
    if let Error::Storage(detail) = e {
        worker::console_error!("storage: {detail}");
    }
    http::error(&ApiError::from(e))
}

/// The tenant a request is for and how it was reached: by its host name, or (in
/// development, several tenants on one host) by the path prefix `/t/<tenant>`.
pub struct Site {
    pub tenant: Tenant,
    /// `""` or `/t/<tenant>`: prepended to callback URLs.
    pub prefix: String,
    /// Session cookie name: one per prefixed tenant, so tenants on one host keep
    /// separate sessions.
    pub cookie: String,
    https: bool,
}

impl Site {
    fn new(tenant: Tenant, prefixed: Option<&str>, https: bool) -> Site {
        let prefix = prefixed.map(prefix_of).unwrap_or_default();
        let name = match prefixed {
            Some(id) => format!("{SESSION_COOKIE}-{id}"),
            None => SESSION_COOKIE.to_string(),
        };
        // `__Host-` cookies must have Path=/, so on https the tenant prefix stays in
        // the name only; plain http (local development) scopes the cookie by path.
        let cookie = if https { format!("{HOST_COOKIE_PREFIX}{name}") } else { name };
        Site { tenant, prefix, cookie, https }
    }

    fn session_cookie(&self, value: &str, max_age: u64) -> String {
        let (path, secure) = if self.https { ("", "; Secure") } else { (self.prefix.as_str(), "") };
        format!("{}={value}; HttpOnly; SameSite=Lax; Path={path}/; Max-Age={max_age}{secure}", self.cookie)
    }
}

/// Splits `/t/<tenant>/api/...` into the tenant id and `/api/...`. Path-prefixed
/// tenants are a development feature (several tenants on localhost): in the
/// production build a tenant is found by its own host name only.
#[cfg(feature = "dev")]
fn tenant_prefix(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("/t/")?;
    let (id, tail) = rest.split_once('/')?;
    tail.starts_with("api/").then(|| (id, &rest[id.len()..]))
}

#[cfg(not(feature = "dev"))]
fn tenant_prefix(_: &str) -> Option<(&str, &str)> {
    None
}

/// The path prefix of a tenant reached by it (development only).
#[cfg(feature = "dev")]
fn prefix_of(id: &str) -> String {
    format!("/t/{id}")
}

#[cfg(not(feature = "dev"))]
fn prefix_of(_: &str) -> String {
    String::new()
}

/// `https`: whether the request came over https (session cookie and HSTS follow it).
pub async fn handle(mut req: Request, env: &Env, https: bool, ctx: &Context) -> Result<Response> {
    let full_path = req.path();
    let (prefixed, path) = match tenant_prefix(&full_path) {
        Some((id, rest)) => (Some(id.to_string()), rest.to_string()),
        None => (None, full_path.clone()),
    };
    let method = req.method();
    if method == Method::Get && path == paths::HEALTH {
        return http::json(200, &api::Health { ok: true });
    }
    if changes_state(&method) && !same_origin(&req) {
        return http::code(ErrorCode::CsrfRejected);
    }
    let now = worker::Date::now().as_millis();
    let ip = client_ip(&req);
    let country = req.headers().get("cf-ipcountry").ok().flatten().filter(|c| c.len() == 2 && c != "XX");
    let user_agent: String =
        req.headers().get("user-agent").ok().flatten().unwrap_or_default().chars().take(300).collect();
    let kv = Kv(env.kv("KV")?);
    let ledgers = DurableLedgers(env.durable_object("LEDGER")?);
    // A reset's texts and calls go out after the response (see `Postbox`).
    let courier =
        Postbox::new(delivery::from_env(env, &kv, now), matches!(path.as_str(), paths::RESET_SEND | paths::RESET_CALL));
    let keys = env.secret("TOTP_KEYS").ok().and_then(|k| Keyring::parse(&k.to_string()));
    let link_base = format!("{}{}", origin(&req), prefixed.as_deref().map(prefix_of).unwrap_or_default());
    let portal = Portal {
        store: &kv,
        ledgers: &ledgers,
        courier: &courier,
        entropy: &CryptoRandom,
        keys: keys.as_ref(),
        now,
        sessions: session_policy(env),
        client_ip: &ip,
        client_country: country.as_deref(),
        user_agent: &user_agent,
        lang: language(&req),
        link_base: &link_base,
    };

    #[cfg(feature = "dev")]
    if path.starts_with("/dev/") {
        return crate::dev::handle(req, env, &portal, &path).await;
    }
    if !path.starts_with("/api/") {
        return http::code(ErrorCode::NotFound);
    }

    let host = req.url()?.host_str().unwrap_or_default().to_string();
    let cache_key = prefixed.as_deref().map_or_else(|| host.clone(), prefix_of);
    let tenant = match cached_tenant(&cache_key, now) {
        Some(t) => t,
        None => {
            let found = match &prefixed {
                Some(id) => portal.tenant_by_id(id).await,
                None => portal.tenant_for_host(&host).await,
            };
            match found {
                Ok(t) => {
                    TENANTS.with(|c| c.borrow_mut().insert(cache_key, (t.clone(), now)));
                    t
                }
                Err(e) => return fail(&e),
            }
        }
    };
    let site = Site::new(tenant, prefixed.as_deref(), https);
    let tenant = &site.tenant;

    match (method.clone(), path.as_str()) {
        (Method::Get, paths::CONFIG) => http::json(
            200,
            &api::Config {
                tenant_name: tenant.name.clone(),
                brand_color: tenant.brand_color.clone(),
                language: language(&req).to_string(),
                languages: LANGUAGES.iter().map(|l| l.to_string()).collect(),
            },
        ),
        // "Who am I?": nobody is an answer, not an error, so the SPA's start-up check
        // leaves no failed request behind.
        (Method::Get, paths::SESSION) => match cookie(&req, &site.cookie) {
            None => http::json(200, &None::<api::Session>),
            Some(token) => match portal.authenticate(tenant, &token).await {
                Ok(auth) => match portal.session_view(&auth).await {
                    Ok(view) => http::json(200, &Some(view)),
                    Err(e) => fail(&e),
                },
                Err(Error::Unauthenticated) => http::json(200, &None::<api::Session>),
                Err(e) => fail(&e),
            },
        },
        (Method::Post, paths::SESSION) => sign_in(&mut req, &portal, &site).await,
        (Method::Post, paths::SESSION_ACCESS_PASS) => sign_in(&mut req, &portal, &site).await,
        (Method::Post, paths::PASSKEY_VERIFY) => sign_in(&mut req, &portal, &site).await,
        (Method::Post, paths::PASSKEY) => match portal.start_passkey(tenant, &relying_party(&req)).await {
            Ok(v) => http::json(201, &v),
            Err(e) => fail(&e),
        },
        (_, p) if p.starts_with(paths::RESET) => {
            let base = format!("{}{}", origin(&req), site.prefix);
            let res = reset(req, &portal, tenant, method, p, &base).await;
            let held = courier.take_held();
            if !held.is_empty() {
                ctx.wait_until(delivery::send_held(env.clone(), held, now));
            }
            res
        }
        (Method::Get, paths::LEGACY_WHOAMI) => legacy_whoami(&req, &portal, tenant).await,
        (Method::Post, paths::REPORT) => match read_json::<api::ReportChange>(&mut req).await {
            Ok(b) => match portal.report_change(tenant, &b.token).await {
                Ok(v) => http::json(200, &v),
                Err(e) => fail(&e),
            },
            Err(e) => http::error(&e),
        },
        (Method::Post, p) if p.starts_with(paths::VOICE_PREFIX) => voice_callback(req, env, &portal, &site).await,
        (Method::Delete, paths::SESSION) => {
            if let Some(token) = cookie(&req, &site.cookie) {
                // Sign-out needs no CSRF token: the worst a forged one does is sign out.
                if let Err(e) = portal.sign_out(tenant, &token).await {
                    return fail(&e);
                }
            }
            let mut res = Response::empty()?.with_status(204);
            http::set_cookie(&mut res, &site.session_cookie("", 0))?;
            Ok(res)
        }
        _ => authenticated(req, &portal, &site, method, &path).await,
    }
}

/// Scheme, host and port the request came to: the provider calls back there.
/// The pages' origin (links, WebAuthn): see `domain::tenant::page_origin`.
fn origin(req: &Request) -> String {
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
fn relying_party(req: &Request) -> RelyingParty {
    let id = req.url().ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase)).unwrap_or_default();
    RelyingParty { id, origin: origin(req) }
}

/// The voice provider's callback with the caller's key press. Accepted only with a
/// valid `X-Twilio-Signature` over the URL and form; answers with TwiML.
async fn voice_callback(mut req: Request, env: &Env, portal: &WorkerPortal<'_>, site: &Site) -> Result<Response> {
    let tenant = &site.tenant;
    let url = req.url()?;
    let path = url.path().strip_prefix(site.prefix.as_str()).unwrap_or_default();
    let parts: Vec<&str> = path.get(paths::VOICE_PREFIX.len()..).unwrap_or_default().split('/').collect();
    let [tenant_id, user, call] = parts[..] else { return http::code(ErrorCode::NotFound) };
    if tenant_id != tenant.id {
        return http::code(ErrorCode::NotFound);
    }
    let token = env.secret("TWILIO_AUTH_TOKEN").map(|s| s.to_string()).unwrap_or_default();
    let signature = req.headers().get("x-twilio-signature").ok().flatten().unwrap_or_default();
    let body = req.text().await.unwrap_or_default();
    if body.len() > api::MAX_BODY_BYTES {
        return http::code(ErrorCode::BodyTooLarge);
    }
    let form = domain::delivery::form_decode(&body);
    if !domain::voice::signature_valid(&token, url.as_str(), &form, &signature) {
        return http::code(ErrorCode::CsrfRejected);
    }
    let digits = form.iter().find(|(k, _)| k == "Digits").map(|(_, v)| v.as_str()).unwrap_or_default();
    let lang = url.query_pairs().find(|(k, _)| k == "lang").map(|(_, v)| v.into_owned()).unwrap_or_default();
    let lang = api::LANGUAGES.iter().find(|l| **l == lang).copied().unwrap_or(api::LANGUAGES[0]);
    let confirmed = match portal.answer_call(&tenant.id, user, call, digits).await {
        Ok(confirmed) => confirmed,
        Err(Error::NoPendingVerification) => false,
        Err(e) => return fail(&e),
    };
    let mut res = Response::ok(domain::voice::result_twiml(lang, confirmed))?;
    res.headers_mut().set("content-type", "text/xml; charset=utf-8")?;
    Ok(res)
}

/// `username:password` from `Authorization: Basic …`.
fn basic_credentials(req: &Request) -> Option<(String, String)> {
    let header = req.headers().get("authorization").ok()??;
    let encoded = header.strip_prefix("Basic ").or_else(|| header.strip_prefix("basic "))?.trim();
    let url_safe: String = encoded
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let text = String::from_utf8(api::base64url::decode(&url_safe)?).ok()?;
    let (user, secret) = text.split_once(':')?;
    Some((user.to_string(), secret.to_string()))
}

/// For apps that cannot do two-step verification: HTTP Basic with an app password.
async fn legacy_whoami(req: &Request, portal: &WorkerPortal<'_>, tenant: &Tenant) -> Result<Response> {
    let result = match basic_credentials(req) {
        Some((user, secret)) => portal.legacy_whoami(tenant, &user, &secret).await,
        None => Err(Error::InvalidCredentials),
    };
    match result {
        Ok(me) => http::json(200, &me),
        Err(e) => {
            let mut res = fail(&e)?;
            if res.status_code() == 401 {
                res.headers_mut().set("www-authenticate", "Basic realm=\"Security Info\", charset=\"UTF-8\"")?;
            }
            Ok(res)
        }
    }
}

/// The password-reset endpoints: no session, the reset's ticket in every body.
async fn reset(
    mut req: Request,
    portal: &WorkerPortal<'_>,
    tenant: &Tenant,
    method: Method,
    path: &str,
    callback_base: &str,
) -> Result<Response> {
    let lang = language(&req);
    let result = match (method, path) {
        (Method::Get, paths::RESET_CHALLENGE) => portal.reset_challenge(tenant).map(|v| http::json(200, &v)),
        (Method::Post, paths::RESET) => {
            let b: api::StartReset = body!(req);
            portal.start_reset(tenant, &b.username, &b.challenge, b.nonce).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::RESET_SEND) => {
            let b: api::ResetStep = body!(req);
            portal.reset_send(tenant, &b.ticket, &b.option_id, lang).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::RESET_VERIFY) => {
            let b: api::ResetCode = body!(req);
            let challenge = b.challenge_id.as_deref();
            portal.reset_verify(tenant, &b.ticket, &b.option_id, &b.code, challenge).await.map(|v| http::json(200, &v))
        }
        (Method::Post, paths::RESET_QUESTIONS) => {
            let b: api::ResetStep = body!(req);
            portal.reset_questions(tenant, &b.ticket, &b.option_id, lang).await.map(|v| http::json(200, &v))
        }
        (Method::Post, paths::RESET_ANSWERS) => {
            let b: api::ResetAnswers = body!(req);
            portal.reset_answers(tenant, &b.ticket, &b.option_id, &b.answers).await.map(|v| http::json(200, &v))
        }
        (Method::Post, paths::RESET_KEY) => {
            let b: api::ResetStep = body!(req);
            let rp = relying_party(&req);
            portal.reset_key_start(tenant, &b.ticket, &b.option_id, &rp).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::RESET_KEY_VERIFY) => {
            let b: api::ResetKeyProof = body!(req);
            let rp = relying_party(&req);
            portal
                .reset_key_finish(tenant, &b.ticket, &b.challenge_id, &b.credential, &rp)
                .await
                .map(|v| http::json(200, &v))
        }
        (Method::Post, paths::RESET_CALL) => {
            let b: api::ResetStep = body!(req);
            portal.reset_call(tenant, &b.ticket, &b.option_id, lang, callback_base).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::RESET_CALL_STATUS) => {
            let b: api::ResetCallCheck = body!(req);
            portal.reset_call_status(tenant, &b.ticket, &b.option_id, &b.call_id).await.map(|v| http::json(200, &v))
        }
        (Method::Post, paths::RESET_PASSWORD) => {
            let b: api::NewPassword = body!(req);
            portal.reset_password(tenant, &b.ticket, &b.password, lang).await.map(|()| empty())
        }
        (
            _,
            paths::RESET
            | paths::RESET_CHALLENGE
            | paths::RESET_SEND
            | paths::RESET_VERIFY
            | paths::RESET_QUESTIONS
            | paths::RESET_ANSWERS
            | paths::RESET_KEY
            | paths::RESET_KEY_VERIFY
            | paths::RESET_PASSWORD
            | paths::RESET_CALL
            | paths::RESET_CALL_STATUS,
        ) => return http::code(ErrorCode::MethodNotAllowed),
        _ => return http::code(ErrorCode::NotFound),
    };
    match result {
        Ok(res) => res,
        Err(e) => fail(&e),
    }
}

fn empty() -> Result<Response> {
    Ok(Response::empty()?.with_status(204))
}

async fn sign_in(req: &mut Request, portal: &WorkerPortal<'_>, site: &Site) -> Result<Response> {
    let tenant = &site.tenant;
    let path = req.path();
    let signed = if path.ends_with(paths::PASSKEY_VERIFY) {
        match read_json::<api::SecurityKeyProof>(req).await {
            Ok(b) => portal.finish_passkey(tenant, &b.challenge_id, &b.credential, &relying_party(req)).await,
            Err(e) => return http::error(&e),
        }
    } else if path.ends_with(paths::SESSION_ACCESS_PASS) {
        match read_json::<api::AccessPassSignIn>(req).await {
            Ok(b) => portal.sign_in_with_pass(tenant, &b.username, &b.pass).await,
            Err(e) => return http::error(&e),
        }
    } else {
        match read_json::<api::SignIn>(req).await {
            Ok(b) => portal.sign_in(tenant, &b.username, &b.password, portal.client_ip).await,
            Err(e) => return http::error(&e),
        }
    };
    match signed {
        Ok(signed) => {
            let view = match portal.session_view(&signed.auth).await {
                Ok(v) => v,
                Err(e) => return fail(&e),
            };
            let mut res = http::json(200, &view)?;
            let max_age = portal.sessions.absolute / 1000;
            http::set_cookie(&mut res, &site.session_cookie(&signed.token, max_age))?;
            Ok(res)
        }
        Err(e) => fail(&e),
    }
}

/// What a session made with a Temporary Access Pass may do: look at the methods and
/// register new ones (also follow a confirmation call). Everything else is refused.
fn registers(method: &Method, path: &str) -> bool {
    match method {
        Method::Get => {
            [paths::METHODS, paths::SECURITY_QUESTIONS].contains(&path) || path.starts_with(paths::CALL_PREFIX)
        }
        Method::Post | Method::Put => [
            paths::AUTHENTICATOR_START,
            paths::AUTHENTICATOR_VERIFY,
            paths::PHONE_START,
            paths::PHONE_VERIFY,
            paths::PHONE_RESEND,
            paths::PHONE_CALL,
            paths::ALTERNATE_PHONE_CALL,
            paths::EMAIL_START,
            paths::EMAIL_VERIFY,
            paths::EMAIL_RESEND,
            paths::SECURITY_KEY_START,
            paths::SECURITY_KEY_VERIFY,
            paths::SECURITY_QUESTIONS,
            paths::RECOVERY_CODES,
        ]
        .contains(&path),
        _ => false,
    }
}

async fn authenticated(
    mut req: Request,
    portal: &WorkerPortal<'_>,
    site: &Site,
    method: Method,
    path: &str,
) -> Result<Response> {
    let tenant = &site.tenant;
    let known = [
        paths::METHODS,
        paths::SECOND_STEP,
        paths::SECOND_STEP_SEND,
        paths::PHONE_START,
        paths::PHONE_VERIFY,
        paths::PHONE_RESEND,
        paths::PHONE_CALL,
        paths::ALTERNATE_PHONE_CALL,
        paths::SECOND_STEP_CALL,
        paths::DEFAULT_METHOD,
        paths::AUTHENTICATOR_START,
        paths::AUTHENTICATOR_VERIFY,
        paths::EMAIL_START,
        paths::EMAIL_VERIFY,
        paths::EMAIL_RESEND,
        paths::SECURITY_KEY_START,
        paths::SECURITY_KEY_VERIFY,
        paths::SECOND_STEP_KEY,
        paths::SECOND_STEP_KEY_VERIFY,
        paths::ADMIN_SETTINGS,
        paths::ADMIN_AUDIT,
        paths::SETUP_SKIP,
        paths::SECURITY_QUESTIONS,
        paths::APP_PASSWORD,
        paths::RECOVERY_CODES,
        paths::ACTIVITY,
        paths::ADMIN_ACCESS_PASSES,
        paths::ADMIN_UNLOCK,
        paths::METHOD_KEEP,
    ];
    let prefixed = [paths::METHOD_PREFIX, paths::CALL_PREFIX, paths::ADMIN_ACCESS_PASS_PREFIX];
    if !known.contains(&path) && !prefixed.iter().any(|p| path.starts_with(p)) {
        return http::code(ErrorCode::NotFound);
    }
    let Some(token) = cookie(&req, &site.cookie) else {
        return http::code(ErrorCode::Unauthenticated);
    };
    let mut auth: Authenticated = match portal.authenticate(tenant, &token).await {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    if auth.session.access_pass.is_some() && !registers(&method, path) {
        return http::code(ErrorCode::AccessPassLimited);
    }
    if changes_state(&method) {
        let sent = req.headers().get(api::CSRF_HEADER).ok().flatten().unwrap_or_default();
        if sent != auth.session.csrf_token {
            return http::code(ErrorCode::CsrfRejected);
        }
    }
    // The JSON body of the request, or an error response.
    let lang = language(&req);
    let id = path.strip_prefix(paths::METHOD_PREFIX).unwrap_or_default();
    let result = match (method, path) {
        (Method::Get, paths::METHODS) => portal.security_info(&auth).await.map(|v| http::json(200, &v)),
        (Method::Post, paths::SECOND_STEP) => {
            let b: api::SecondStepProof = body!(req);
            match portal.second_step(&mut auth, &b.method_id, &b.code, b.challenge_id.as_deref()).await {
                Ok(()) => portal.session_view(&auth).await.map(|v| http::json(200, &v)),
                Err(e) => Err(e),
            }
        }
        (Method::Post, paths::METHOD_KEEP) => {
            let b: api::KeepMethod = body!(req);
            portal.keep_method(&auth, &b.method_id).await.map(|()| empty())
        }
        (Method::Put, paths::DEFAULT_METHOD) => {
            let b: api::ChooseDefault = body!(req);
            portal.set_default(&auth, &b.method_id).await.map(|()| empty())
        }
        (Method::Post, paths::AUTHENTICATOR_START) => {
            portal.start_authenticator(&auth).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::AUTHENTICATOR_VERIFY) => {
            let b: api::VerifyAuthenticator = body!(req);
            portal.verify_authenticator(&mut auth, &b.challenge_id, &b.code, &b.name).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::APP_PASSWORD) => {
            let b: api::CreateAppPassword = body!(req);
            portal.create_app_password(&auth, &b.name).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::RECOVERY_CODES) => portal.create_recovery_codes(&auth).await.map(|v| http::json(201, &v)),
        (Method::Get, paths::SECURITY_QUESTIONS) => portal.question_choices(&auth, lang).map(|v| http::json(200, &v)),
        (Method::Put, paths::SECURITY_QUESTIONS) => {
            let b: api::SetAnswers = body!(req);
            portal.set_answers(&auth, &b.answers).await.map(|v| http::json(200, &v))
        }
        (Method::Get, paths::ACTIVITY) => {
            let page =
                req.url().ok().and_then(|u| u.query_pairs().find(|(k, _)| k == "page").map(|(_, v)| v.into_owned()));
            portal.recent_activity(&auth, page.as_deref()).await.map(|v| http::json(200, &v))
        }
        (Method::Get, paths::ADMIN_SETTINGS) => portal.tenant_settings(&auth).map(|v| http::json(200, &v)),
        (Method::Put, paths::ADMIN_SETTINGS) => {
            let b: api::TenantSettings = body!(req);
            let saved = portal.update_settings(&auth, b).await;
            if saved.is_ok() {
                // This isolate sees the change at once; others within the cache's 30 s.
                TENANTS.with(|c| c.borrow_mut().retain(|_, (t, _)| t.id != tenant.id));
            }
            saved.map(|v| http::json(200, &v))
        }
        (Method::Get, paths::ADMIN_AUDIT) => portal.audit_trail(&auth).await.map(|v| http::json(200, &v)),
        (Method::Get, paths::ADMIN_ACCESS_PASSES) => portal.access_passes(&auth).await.map(|v| http::json(200, &v)),
        (Method::Post, paths::ADMIN_ACCESS_PASSES) => {
            let b: api::IssueAccessPass = body!(req);
            portal.issue_access_pass(&auth, &b.username, b.minutes, b.one_time).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::ADMIN_UNLOCK) => {
            let b: api::UnlockUser = body!(req);
            portal.unlock_second_step(&auth, &b.username).await.map(|()| empty())
        }
        (Method::Delete, p) if p.starts_with(paths::ADMIN_ACCESS_PASS_PREFIX) => {
            let user = p.strip_prefix(paths::ADMIN_ACCESS_PASS_PREFIX).unwrap_or_default();
            portal.revoke_access_pass(&auth, user).await.map(|()| empty())
        }
        (Method::Post, paths::SETUP_SKIP) => match portal.skip_setup(&mut auth).await {
            Ok(()) => portal.session_view(&auth).await.map(|v| http::json(200, &v)),
            Err(e) => Err(e),
        },
        (Method::Post, paths::SECURITY_KEY_START) => {
            let b: api::StartSecurityKey = body!(req);
            portal.start_security_key(&auth, &b.name, &relying_party(&req)).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::SECURITY_KEY_VERIFY) => {
            let b: api::FinishSecurityKey = body!(req);
            let rp = relying_party(&req);
            portal
                .finish_security_key(&mut auth, &b.challenge_id, &b.credential, &rp)
                .await
                .map(|v| http::json(201, &v))
        }
        (Method::Post, paths::SECOND_STEP_KEY) => {
            portal.start_key_second_step(&auth, &relying_party(&req)).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::SECOND_STEP_KEY_VERIFY) => {
            let b: api::SecurityKeyProof = body!(req);
            let rp = relying_party(&req);
            match portal.finish_key_second_step(&mut auth, &b.challenge_id, &b.credential, &rp).await {
                Ok(()) => portal.session_view(&auth).await.map(|v| http::json(200, &v)),
                Err(e) => Err(e),
            }
        }
        (Method::Post, paths::SECOND_STEP_SEND) => {
            let b: api::SendSecondStepCode = body!(req);
            portal.send_second_step_code(&auth, &b.method_id, lang).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::PHONE_CALL | paths::ALTERNATE_PHONE_CALL) => {
            let b: api::StartPhone = body!(req);
            let base = format!("{}{}", origin(&req), site.prefix);
            let kind = if path == paths::PHONE_CALL { MethodKind::Phone } else { MethodKind::AlternatePhone };
            portal.start_phone_call(&auth, kind, &b.country, &b.number, lang, &base).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::SECOND_STEP_CALL) => {
            let b: api::SendSecondStepCode = body!(req);
            let base = format!("{}{}", origin(&req), site.prefix);
            portal.start_second_step_call(&auth, &b.method_id, lang, &base).await.map(|v| http::json(201, &v))
        }
        (Method::Get, p) if p.starts_with(paths::CALL_PREFIX) => {
            let id = &p[paths::CALL_PREFIX.len()..];
            portal.call_status(&mut auth, id).await.map(|v| http::json(200, &v))
        }
        (Method::Post, paths::PHONE_START) => {
            let b: api::StartPhone = body!(req);
            portal.start_phone(&auth, &b.country, &b.number, lang).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::PHONE_RESEND | paths::EMAIL_RESEND) => {
            let b: api::Resend = body!(req);
            portal.resend_code(&auth, &b.challenge_id, lang).await.map(|v| http::json(200, &v))
        }
        (Method::Post, paths::PHONE_VERIFY | paths::EMAIL_VERIFY) => {
            let b: api::VerifyCode = body!(req);
            portal.verify_code(&mut auth, &b.challenge_id, &b.code).await.map(|v| http::json(201, &v))
        }
        (Method::Post, paths::EMAIL_START) => {
            let b: api::StartEmail = body!(req);
            portal.start_email(&auth, &b.address, lang).await.map(|v| http::json(201, &v))
        }
        (Method::Patch, _) if !id.is_empty() => {
            let b: api::Rename = body!(req);
            portal.rename_method(&auth, id, &b.name).await.map(|v| http::json(200, &v))
        }
        (Method::Delete, _) if !id.is_empty() => portal.delete_method(&auth, id).await.map(|()| empty()),
        _ => return http::code(ErrorCode::MethodNotAllowed),
    };
    match result {
        Ok(Ok(mut res)) => {
            // The second step passed: the session lives on under a new token.
            if let Some(token) = auth.renewed_token.take() {
                http::set_cookie(&mut res, &site.session_cookie(&token, portal.sessions.absolute / 1000))?;
            }
            Ok(res)
        }
        Ok(res) => res,
        Err(e) => fail(&e),
    }
}
