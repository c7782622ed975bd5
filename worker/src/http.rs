//! What every response and request shares: JSON bodies with a size limit, the
//! error body, cookies, same-origin checks and security headers.

use api::{ApiError, ErrorCode, MAX_BODY_BYTES};
use serde::de::DeserializeOwned;
use serde::Serialize;
use worker::{Method, Request, Response, Result};

/// Content-Security-Policy of the SPA's pages: no inline script, wasm allowed.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";
/// Two years, every subdomain: the value preload lists ask for.
const HSTS: &str = "max-age=63072000; includeSubDomains; preload";
/// API responses are data: nothing in them may run or load.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

pub fn json<T: Serialize>(status: u16, body: &T) -> Result<Response> {
    Ok(Response::from_json(body)?.with_status(status))
}

pub fn error(e: &ApiError) -> Result<Response> {
    let mut res = json(e.code.status(), e)?;
    if let Some(secs) = e.retry_after {
        res.headers_mut().set("retry-after", &secs.to_string())?;
    }
    Ok(res)
}

pub fn code(code: ErrorCode) -> Result<Response> {
    error(&ApiError::new(code))
}

/// Adds the security headers every response carries.
pub fn secure(res: &mut Response, https: bool) -> Result<()> {
    let h = res.headers_mut();
    if https {
        h.set("strict-transport-security", HSTS)?;
    }
    let is_html = h.get("content-type")?.is_some_and(|t| t.starts_with("text/html"));
    // A page with a policy of its own (a form posted to an app) keeps it.
    if !h.has("content-security-policy")? {
        h.set("content-security-policy", if is_html { PAGE_CSP } else { API_CSP })?;
    }
    h.set("x-frame-options", "DENY")?;
    h.set("x-content-type-options", "nosniff")?;
    h.set("referrer-policy", "no-referrer")?;
    h.set("cross-origin-opener-policy", "same-origin")?;
    h.set("permissions-policy", "camera=(), microphone=(), geolocation=()")?;
    if !h.has("cache-control")? {
        h.set("cache-control", "no-store")?;
    }
    Ok(())
}

/// Reads a JSON body of at most `MAX_BODY_BYTES`, sent as `application/json`.
pub async fn read_json<T: DeserializeOwned>(req: &mut Request) -> std::result::Result<T, ApiError> {
    if declared_length(req).is_some_and(|l| l > MAX_BODY_BYTES) {
        return Err(ErrorCode::BodyTooLarge.into());
    }
    let is_json = req.headers().get("content-type").ok().flatten().is_some_and(|t| t.starts_with("application/json"));
    if !is_json {
        return Err(ErrorCode::UnsupportedMediaType.into());
    }
    let bytes = read_capped(req).await?;
    // Request types deny unknown fields: a misspelt option (say in a tenant policy)
    // must be refused, not silently fall back to its default.
    serde_json::from_slice(&bytes).map_err(|e| {
        let unknown = e.to_string().starts_with("unknown field");
        ApiError::new(if unknown { ErrorCode::UnknownField } else { ErrorCode::BadRequest })
    })
}

/// Reads a SCIM body (`application/scim+json`, or `application/json`) of at most
/// `MAX_BODY_BYTES` as JSON of any shape.
pub async fn read_scim(req: &mut Request) -> std::result::Result<serde_json::Value, ApiError> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    if !(content_type.starts_with("application/scim+json") || content_type.starts_with("application/json")) {
        return Err(ErrorCode::UnsupportedMediaType.into());
    }
    let bytes = read_capped(req).await?;
    serde_json::from_slice(&bytes).map_err(|_| ApiError::new(ErrorCode::BadRequest))
}

/// Reads an `application/x-www-form-urlencoded` body of at most `MAX_BODY_BYTES`.
pub async fn read_form(req: &mut Request) -> std::result::Result<Vec<(String, String)>, ApiError> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(ErrorCode::UnsupportedMediaType.into());
    }
    let bytes = read_capped(req).await?;
    let text = String::from_utf8(bytes).map_err(|_| ApiError::new(ErrorCode::BadRequest))?;
    Ok(domain::providers::form::form_decode(&text))
}

/// The body, at most `MAX_BODY_BYTES`. With a `Content-Length` within that, the
/// runtime delivers exactly that many bytes: read at once. Without
/// one (chunked), chunk by chunk and abandoned past the cap, so such a request
/// cannot make us buffer more; the stream costs about as much as the rest of a
/// small request, so it is only for these.
async fn read_capped(req: &mut Request) -> std::result::Result<Vec<u8>, ApiError> {
    use futures_util::StreamExt;
    if declared_length(req).is_some_and(|l| l <= MAX_BODY_BYTES) {
        let bytes = req.bytes().await.map_err(|_| ApiError::new(ErrorCode::BadRequest))?;
        // A runtime that ever delivered more than declared is still held to the cap.
        if bytes.len() > MAX_BODY_BYTES {
            return Err(ErrorCode::BodyTooLarge.into());
        }
        return Ok(bytes);
    }
    // No body at all reads as empty (and then fails to parse as JSON).
    let Ok(mut stream) = req.stream() else { return Ok(vec![]) };
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| ApiError::new(ErrorCode::BadRequest))?;
        if bytes.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ErrorCode::BodyTooLarge.into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn declared_length(req: &Request) -> Option<usize> {
    req.headers().get("content-length").ok().flatten().and_then(|l| l.parse().ok())
}

pub fn cookie(req: &Request, name: &str) -> Option<String> {
    let header = req.headers().get("cookie").ok().flatten()?;
    api::cookie_value(&header, name).map(str::to_string)
}

/// Whether the request reached us over https (always, behind Cloudflare).
pub fn is_https(req: &Request) -> bool {
    req.url().is_ok_and(|u| u.scheme() == "https")
}

/// State-changing requests must come from our own pages: a cross-site `Origin`
/// or `Sec-Fetch-Site` is refused. (Session-bound requests also need the CSRF token.)
pub fn same_origin(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(origin) = headers.get("origin").ok().flatten() {
        let Ok(url) = req.url() else { return false };
        return origin == url.origin().ascii_serialization();
    }
    !matches!(headers.get("sec-fetch-site").ok().flatten().as_deref(), Some("cross-site" | "same-site"))
}

pub fn changes_state(method: &Method) -> bool {
    !matches!(method, Method::Get | Method::Head | Method::Options)
}

pub fn set_cookie(res: &mut Response, value: &str) -> Result<()> {
    res.headers_mut().append("set-cookie", value)
}

/// Sets (or, with an empty token and `max_age` 0, clears) the session's cookies.
pub fn set_session(res: &mut Response, site: &crate::site::Site, token: &str, max_age: u64) -> Result<()> {
    for cookie in site.session_cookies(token, max_age) {
        set_cookie(res, &cookie)?;
    }
    Ok(())
}
