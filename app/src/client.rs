//! Calls to the worker's JSON API. Errors carry the API's stable code, which
//! `Failure::message` turns into a translated sentence.

use crate::i18n::Value;
use crate::i18n::{t, t_args};
use api::endpoints::{Endpoint, Verb};
use api::{ApiError, ErrorCode};
use leptos::prelude::{ArcRwSignal, Get, Set};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
    static BASE: String = base_of(&web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default());
}

/// The tenant path prefix the app was opened under (`/t/<tenant>`), or `""` when
/// the host name names the tenant. API calls and routes live under it.
fn base_of(path: &str) -> String {
    let Some(rest) = path.strip_prefix("/t/") else { return String::new() };
    let id = rest.split('/').next().unwrap_or_default();
    let valid = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        format!("/t/{id}")
    } else {
        String::new()
    }
}

pub fn base() -> String {
    BASE.with(Clone::clone)
}

/// Remembers the session's anti-CSRF token for state-changing calls.
pub fn set_csrf(token: &str) {
    CSRF.with(|c| *c.borrow_mut() = token.to_string());
}

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The API's error and the request's id (`x-request-id`), for the help desk.
    Api(ApiError, Option<String>),
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
}

/// How long a call may take before the user is told.
const TIMEOUT_MS: u32 = 20_000;

impl Failure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Failure::Api(e, _) => Some(e.code),
            Failure::Network | Failure::Timeout => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Failure::Network => t("error-network"),
            Failure::Timeout => t("error-timeout"),
            Failure::Api(e, reference) => {
                let key = format!("error-{}", e.code.as_str());
                // Tries left only when the server counted one ("none": a code that
                // was not a real try, say too short, says no number).
                let attempts = e.attempts_left.map_or_else(|| Value::from("none"), Value::from);
                // How long to wait, in seconds or (from a minute and a half) minutes.
                let seconds = e.retry_after.unwrap_or(60);
                let wait = match seconds {
                    0..90 => t_args("wait-seconds", &[("seconds", seconds.into())]),
                    _ => t_args("wait-minutes", &[("minutes", seconds.div_ceil(60).into())]),
                };
                let text = t_args(&key, &[("wait", wait.into()), ("attempts", attempts)]);
                // A message this bundle does not carry (it belongs to another part):
                // say something, with the code.
                let text = if text == key { t_args("error-other", &[("code", e.code.as_str().into())]) } else { text };
                // Errors the user cannot fix name the request, for the help desk.
                match reference {
                    Some(id) if e.code == ErrorCode::Internal || e.code == ErrorCode::DeliveryFailed => {
                        format!("{text} {}", t_args("error-reference", &[("id", id.clone().into())]))
                    }
                    _ => text,
                }
            }
        }
    }
}

/// One request through the browser's `fetch`: the answer text on 2xx (None when
/// empty), the API's error otherwise.
async fn send(method: &str, url: &str, json: Option<String>) -> Result<Option<String>, Failure> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| Failure::Network)?;
    if method != "GET" {
        let _ = headers.set(api::CSRF_HEADER, &CSRF.with(|c| c.borrow().clone()));
    }
    if let Some(json) = json {
        let _ = headers.set("content-type", "application/json");
        init.set_body(&json.into());
    }
    init.set_headers(&headers);
    // A call that hangs is aborted and said so, instead of a spinner forever.
    let deadline = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    init.set_signal(Some(&deadline));
    let promise = web_sys::window().ok_or(Failure::Network)?.fetch_with_str_and_init(url, &init);
    let res: web_sys::Response = match JsFuture::from(promise).await {
        Ok(res) => res.dyn_into().map_err(|_| Failure::Network)?,
        Err(_) if deadline.aborted() => return Err(Failure::Timeout),
        Err(_) => return Err(Failure::Network),
    };
    let status = res.status();
    let text = match res.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if (200..300).contains(&status) {
        if method != "GET" {
            let queued = res.headers().get(QUEUED_HEADER).ok().flatten().is_some();
            QUEUED.with(|q| q.set(queued));
        }
        return Ok((status != 204 && !text.is_empty()).then_some(text));
    }
    let reference = res.headers().get("x-request-id").ok().flatten();
    Err(Failure::Api(serde_json::from_str(&text).unwrap_or(ApiError::new(ErrorCode::Internal)), reference))
}

/// Set by the server when a code went on the delivery queue (its provider had a
/// passing trouble): it will come, but may take a minute.
const QUEUED_HEADER: &str = "x-delivery";

thread_local! {
    // Reference-counted, not owned by whichever component first reads it: an arena
    // signal made there would be disposed with that page, and the next write trap.
    static QUEUED: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Whether the last change's code is on the delivery queue (reactive).
pub fn delivery_queued() -> bool {
    QUEUED.with(|q| q.get())
}

thread_local! {
    /// The Fluent files of this bundle (`lib::mount`), without `.ftl`.
    pub static LOCALE_FILES: std::cell::Cell<&'static [&'static str]> = const { std::cell::Cell::new(&["app"]) };
}

thread_local! {
    /// Files loaded later (`need_locale`), each with its load in flight or done:
    /// a language switch loads them again with the bundle's own.
    static LATER: RefCell<Vec<(&'static str, js_sys::Promise)>> = const { RefCell::new(Vec::new()) };
}

/// Loads `lang`'s messages and makes them current.
pub async fn load_locale(lang: &str) -> Result<(), Failure> {
    let later: Vec<&'static str> = LATER.with(|l| l.borrow().iter().map(|(f, _)| *f).collect());
    let mut text = String::new();
    for file in LOCALE_FILES.with(std::cell::Cell::get).iter().chain(&later) {
        text.push_str(&asset(&format!("/locales/{lang}/{file}.ftl")).await?);
        text.push('\n');
    }
    crate::i18n::install(lang, text);
    Ok(())
}

/// Adds `file`'s messages (in the current language) once: what a chunk says
/// (`chunks.ftl`) loads with the first chunk, not with the page. Concurrent
/// callers wait for the one load.
pub async fn need_locale(file: &'static str) {
    let promise = LATER.with(|l| {
        let mut l = l.borrow_mut();
        if let Some((_, p)) = l.iter().find(|(f, _)| *f == file) {
            return p.clone();
        }
        let p = wasm_bindgen_futures::future_to_promise(async move {
            let lang = crate::i18n::lang();
            match asset(&format!("/locales/{lang}/{file}.ftl")).await {
                // Not after a language switch meanwhile (that loads it in the new one).
                Ok(text) if crate::i18n::lang() == lang => crate::i18n::add(text),
                _ => {}
            }
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        l.push((file, p.clone()));
        p
    });
    let _ = JsFuture::from(promise).await;
}

/// A static asset (not under the tenant prefix), as text.
pub async fn asset(path: &str) -> Result<String, Failure> {
    Ok(send("GET", path, None).await?.unwrap_or_default())
}

/// [`send`], and after "Confirm it's you" the same change again. Not generic: code
/// once, not per endpoint.
async fn send_confirmed(method: &str, url: &str, json: Option<String>) -> Result<Option<String>, Failure> {
    match send(method, url, json.clone()).await {
        Err(f) if f.code() == Some(ErrorCode::RecentSecondStepRequired) => match CONFIRM.with(Cell::get) {
            Some(ask) if ask().await => send(method, url, json).await,
            _ => Err(f),
        },
        other => other,
    }
}

/// "Confirm it's you", as a page that can ask sets it (`reauth::ReauthHost`):
/// whether the user did.
pub type Confirming = std::pin::Pin<Box<dyn std::future::Future<Output = bool>>>;

thread_local! {
    // A hook, not a call: the bundles without the dialog carry none of its code.
    static CONFIRM: Cell<Option<fn() -> Confirming>> = const { Cell::new(None) };
}

/// Sets (or, with `None`, clears) how a stale second step is asked for again.
pub fn ask_to_confirm(ask: Option<fn() -> Confirming>) {
    CONFIRM.with(|c| c.set(ask));
}

/// Calls an endpoint of [`api::endpoints`]: its verb and path, its request type as
/// the body (none for GET and DELETE), its response type read back.
pub async fn call<Req: Serialize, Res: DeserializeOwned>(
    endpoint: &Endpoint<Req, Res>,
    body: &Req,
) -> Result<Res, Failure> {
    call_at(endpoint, &[], "", body).await
}

/// [`call`] with the path's `{name}` segments filled from `values`, and a `query`
/// (`""` or `?…`).
pub async fn call_at<Req: Serialize, Res: DeserializeOwned>(
    endpoint: &Endpoint<Req, Res>,
    values: &[&str],
    query: &str,
    body: &Req,
) -> Result<Res, Failure> {
    let route = &endpoint.route;
    let url = format!("{}{}{query}", base(), route.fill(values));
    let json = matches!(route.verb, Verb::Post | Verb::Put | Verb::Patch)
        .then(|| serde_json::to_string(body).unwrap_or_default());
    let text = send_confirmed(route.verb.as_str(), &url, json).await?;
    parse(text)
}

/// [`call`] without "Confirm it's you" (for what that dialog itself needs).
pub async fn call_once<Res: DeserializeOwned>(endpoint: &Endpoint<(), Res>) -> Result<Res, Failure> {
    let route = &endpoint.route;
    parse(send(route.verb.as_str(), &format!("{}{}", base(), route.fill(&[])), None).await?)
}

/// A response body as `Res`; no body (204) reads as `null`: the unit response.
fn parse<Res: DeserializeOwned>(text: Option<String>) -> Result<Res, Failure> {
    serde_json::from_str(text.as_deref().unwrap_or("null"))
        .map_err(|_| Failure::Api(ApiError::new(ErrorCode::Internal), None))
}
