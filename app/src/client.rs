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

pub async fn text(path: &str) -> Result<String, Failure> {
    Ok(run(Request::get(path).build()).await?.unwrap_or_default())
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    decode(run(Request::get(path).build()).await?)
}

fn with_csrf(b: RequestBuilder) -> RequestBuilder {
    let token = CSRF.with(|c| c.borrow().clone());
    b.header(api::CSRF_HEADER, &token)
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::post(path)).header("content-type", "application/json").body(json);
    decode(run(req).await?)
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::patch(path)).header("content-type", "application/json").body(json);
    decode(run(req).await?)
}

pub async fn put<B: Serialize>(path: &str, body: &B) -> Result<(), Failure> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let req = with_csrf(Request::put(path)).header("content-type", "application/json").body(json);
    run(req).await.map(|_| ())
}

pub async fn delete(path: &str) -> Result<(), Failure> {
    run(with_csrf(Request::delete(path)).build()).await.map(|_| ())
}
