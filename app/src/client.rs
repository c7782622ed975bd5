//! Calls to the worker's JSON API. Errors carry the API's stable code, which
//! `Failure::message` turns into a translated sentence.

use crate::i18n::{t, t_args};
use api::{ApiError, ErrorCode};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;

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

fn url(path: &str) -> String {
    format!("{}{path}", base())
}

/// Remembers the session's anti-CSRF token for state-changing calls.
pub fn set_csrf(token: &str) {
    CSRF.with(|c| *c.borrow_mut() = token.to_string());
}

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Api(ApiError),
    Network,
}

impl Failure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Failure::Api(e) => Some(e.code),
            Failure::Network => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Failure::Network => t("error-network"),
            Failure::Api(e) => {
                let key = format!("error-{}", e.code.as_str());
                t_args(
                    &key,
                    &[
                        ("seconds", e.retry_after.unwrap_or(60).into()),
                        ("attempts", e.attempts_left.unwrap_or(0).into()),
                    ],
                )
            }
        }
    }
}

async fn run(req: Result<Request, gloo_net::Error>) -> Result<Option<String>, Failure> {
    let res = req.map_err(|_| Failure::Network)?.send().await.map_err(|_| Failure::Network)?;
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    if (200..300).contains(&status) {
        return Ok((status != 204 && !text.is_empty()).then_some(text));
    }
    Err(Failure::Api(serde_json::from_str(&text).unwrap_or(ApiError::new(ErrorCode::Internal))))
}

fn decode<T: DeserializeOwned>(text: Option<String>) -> Result<T, Failure> {
    serde_json::from_str(&text.unwrap_or_default()).map_err(|_| Failure::Api(ApiError::new(ErrorCode::Internal)))
}

/// A static asset (not under the tenant prefix), as text.
pub async fn asset(path: &str) -> Result<String, Failure> {
    Ok(run(Request::get(path).build()).await?.unwrap_or_default())
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    decode(run(Request::get(&url(path)).build()).await?)
}

fn with_csrf(b: RequestBuilder) -> RequestBuilder {
    let token = CSRF.with(|c| c.borrow().clone());
    b.header(api::CSRF_HEADER, &token)
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::post(&url(path))).header("content-type", "application/json").body(json);
    decode(run(req).await?)
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::patch(&url(path))).header("content-type", "application/json").body(json);
    decode(run(req).await?)
}

/// POST with no answer body (204).
pub async fn post_empty<B: Serialize>(path: &str, body: &B) -> Result<(), Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::post(&url(path))).header("content-type", "application/json").body(json);
    run(req).await.map(|_| ())
}

pub async fn put_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::put(&url(path))).header("content-type", "application/json").body(json);
    decode(run(req).await?)
}

pub async fn put<B: Serialize>(path: &str, body: &B) -> Result<(), Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::put(&url(path))).header("content-type", "application/json").body(json);
    run(req).await.map(|_| ())
}

pub async fn delete(path: &str) -> Result<(), Failure> {
    run(with_csrf(Request::delete(&url(path))).build()).await.map(|_| ())
}
