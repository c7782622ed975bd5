//! Apps that sign in through the tenant (OpenID Connect): discovery, keys, the
//! authorization request (a browser the app sends here), the token and UserInfo
//! endpoints (the app's own calls), RP-initiated logout; and the admin's list of
//! apps. OAuth errors answer as OAuth says, not as the API's error body.

use super::{fail, Call, Outcome};
use crate::http::{self, cookie};
use api::endpoints;
use api::oidc::{ClientCreated, ClientView, ConnectedApp, OAuthError};
use domain::oidc::authorization::{PageError, Params};
use domain::oidc::page::error_page;
use domain::oidc::tokens::TokenError;
use domain::portal::{AppResult, Authorization};
use domain::providers::form::basic_credentials;
use serde::Serialize;
use worker::{Response, Result};

pub async fn connected(c: &mut Call<'_, '_>) -> Outcome<Vec<ConnectedApp>> {
    let (portal, auth) = c.session()?;
    Ok(portal.connected_apps(auth).await?)
}

pub async fn disconnect(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.disconnect_app(auth, &id).await?)
}

pub async fn clients(c: &mut Call<'_, '_>) -> Outcome<Vec<ClientView>> {
    let (portal, auth) = c.session()?;
    Ok(portal.clients(auth).await?)
}

pub async fn register_client(c: &mut Call<'_, '_>) -> Outcome<ClientCreated> {
    let b = c.body(&endpoints::ADMIN_REGISTER_CLIENT).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.register_client(auth, b).await?)
}

pub async fn delete_client(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.delete_client(auth, &id).await?)
}

/// Public metadata any app (or browser-based app) may read.
fn public_json<T: Serialize>(body: &T) -> Result<Response> {
    let mut res = http::json(200, body)?;
    res.headers_mut().set("access-control-allow-origin", "*")?;
    res.headers_mut().set("cache-control", "public, max-age=300")?;
    Ok(res)
}

pub fn discovery(c: &Call<'_, '_>) -> Result<Response> {
    public_json(&domain::oidc::discovery(c.portal.issuer()))
}

pub fn jwks(c: &Call<'_, '_>) -> Result<Response> {
    match c.portal.signing {
        Some(keys) => public_json(&keys.jwks()),
        None => fail(&domain::Error::Storage("no OIDC_SIGNING_KEYS".into())),
    }
}

fn query(c: &Call<'_, '_>) -> Result<Params> {
    Ok(Params(c.req.url()?.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()))
}

fn redirect(status: u16, to: &str) -> Result<Response> {
    let mut res = Response::empty()?.with_status(status);
    res.headers_mut().set("location", to)?;
    Ok(res)
}

fn page(c: &Call<'_, '_>, error: PageError) -> Result<Response> {
    let home = format!("{}/", c.portal.issuer());
    let html = error_page(c.portal.lang, error, &c.site.tenant.name, &home);
    let mut res = Response::from_html(html)?.with_status(400);
    res.headers_mut().set("content-type", "text/html; charset=utf-8")?;
    Ok(res)
}

thread_local! {
    /// Entra tenants' key sets by address, per isolate, for ten minutes.
    static ENTRA_KEYS: std::cell::RefCell<std::collections::HashMap<String, (String, domain::Millis)>> = Default::default();
}
const ENTRA_KEYS_KEPT: domain::Millis = 10 * domain::MINUTE;

/// The key set at `uri` (an external-method app's Entra tenant), fetched at most
/// every ten minutes per isolate.
async fn entra_keys(uri: &str, own_origin: &str, now: domain::Millis) -> Option<String> {
    let cached =
        ENTRA_KEYS.with(|k| k.borrow().get(uri).filter(|(_, at)| now < at + ENTRA_KEYS_KEPT).map(|(t, _)| t.clone()));
    if cached.is_some() {
        return cached;
    }
    let url = worker::Url::parse(uri).ok()?;
    // Never ourselves: a key set "at" our own authorize endpoint would call it again and again.
    if url.origin().ascii_serialization() == own_origin {
        return None;
    }
    let mut res = worker::Fetch::Url(url).send().await.ok()?;
    if res.status_code() != 200 {
        worker::console_error!("Entra keys at {uri}: status {}", res.status_code());
        return None;
    }
    let text = res.text().await.ok()?;
    ENTRA_KEYS.with(|k| k.borrow_mut().insert(uri.to_string(), (text.clone(), now)));
    Some(text)
}

/// GET: the request in the query. Its answer is a redirect: to the app, or to our
/// sign-in page, which continues the request once the user is through; for
/// Entra's external method, a form the browser posts back.
pub async fn authorize(c: &mut Call<'_, '_>) -> Result<Response> {
    let params = query(c)?;
    // The session of the cookie, if live; any problem with it means "not signed in".
    let session = match cookie(&c.req, &c.site.cookie) {
        Some(token) => c.portal.authenticate(&token).await.ok(),
        None => None,
    };
    let keys = match c.portal.external_keys(&params).await {
        Ok(Some(uri)) => entra_keys(&uri, &c.site.origin, c.portal.now).await,
        Ok(None) => None,
        Err(e) => return fail(&e),
    };
    match c.portal.authorize(&params, session.as_ref(), keys.as_deref()).await {
        Ok(Authorization::Redirect(to)) => redirect(302, &to),
        Ok(Authorization::FormPost { to, fields }) => form_post(&to, &fields),
        Ok(Authorization::Page(error)) => page(c, error),
        Ok(Authorization::Interact { to, lang, session }) => {
            let mut res = redirect(302, &to)?;
            if let Some(lang) = lang {
                let value = format!("{}={lang}; Path=/; Max-Age=31536000; SameSite=Lax", api::LANGUAGE_COOKIE);
                http::set_cookie(&mut res, &value)?;
            }
            if let Some(token) = session {
                http::set_session(&mut res, c.site, &token, c.portal.sessions.absolute / 1000)?;
            }
            Ok(res)
        }
        Err(e) => fail(&e),
    }
}

/// `response_mode=form_post`: a page whose form the browser posts to the app at
/// once (`/form-post.js`; a button without script). Its policy lets the form go
/// to that app's origin only.
fn form_post(to: &str, fields: &[(&str, String)]) -> Result<Response> {
    let origin = worker::Url::parse(to).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
    let inputs: String = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                domain::shell::escape(k),
                domain::shell::escape(v)
            )
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Continue</title>\
         <script src=\"/form-post.js\" defer></script></head><body><form method=\"post\" action=\"{}\">{inputs}\
         <noscript><button type=\"submit\">Continue</button></noscript></form></body></html>",
        domain::shell::escape(to)
    );
    let mut res = Response::from_html(html)?;
    let policy =
        format!("default-src 'none'; script-src 'self'; form-action {origin}; base-uri 'none'; frame-ancestors 'none'");
    res.headers_mut().set("content-security-policy", &policy)?;
    Ok(res)
}

/// POST: a form from the app's page, cross-site, so the session cookie (SameSite
/// Lax) is not sent with it: answered by the same request as a GET.
pub async fn authorize_form(c: &mut Call<'_, '_>) -> Result<Response> {
    // Not a form of at most 8 KiB: a request that cannot go back to any app.
    let Ok(form) = http::read_form(&mut c.req).await else { return page(c, PageError::Malformed) };
    let params = Params(form);
    // Too long, or no client or address: never sent on (the GET would refuse it too).
    if let Err(e) = params.client() {
        return page(c, e);
    }
    let form = params.0;
    let path = endpoints::OIDC_AUTHORIZE.route.path;
    let pairs: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let to = domain::oidc::authorization::with_query(&format!("{}{path}", c.portal.issuer()), &pairs);
    redirect(303, &to)
}

fn oauth<T: Serialize>(result: AppResult<T>) -> Result<Response> {
    match result {
        Ok(Ok(body)) => {
            let mut res = http::json(200, &body)?;
            res.headers_mut().set("pragma", "no-cache")?;
            Ok(res)
        }
        Ok(Err(TokenError { status, error, description })) => {
            let body = OAuthError { error: error.into(), error_description: Some(description.into()) };
            let mut res = http::json(status, &body)?;
            if status == 401 {
                let scheme = if error == "invalid_token" { "Bearer" } else { "Basic" };
                res.headers_mut().set("www-authenticate", &format!("{scheme} error=\"{error}\""))?;
            }
            Ok(res)
        }
        Err(e) => fail(&e),
    }
}

fn oauth_refusal(status: u16, error: &'static str, description: &'static str) -> Result<Response> {
    oauth::<()>(Ok(Err(TokenError { status, error, description })))
}

pub async fn token(c: &mut Call<'_, '_>) -> Result<Response> {
    let form = match http::read_form(&mut c.req).await {
        Ok(form) => Params(form),
        Err(_) => return oauth_refusal(400, "invalid_request", "send a form body of at most 8 KiB"),
    };
    let basic = match c.req.headers().get("authorization").ok().flatten() {
        Some(header) => match basic_credentials(&header) {
            Some(pair) => Some(pair),
            None => return oauth_refusal(401, "invalid_client", "malformed Authorization header"),
        },
        None => None,
    };
    oauth(c.portal.token(&form, basic).await)
}

/// GET or POST, the access token in `Authorization: Bearer` (RFC 6750 §2.1).
pub async fn userinfo(c: &mut Call<'_, '_>) -> Result<Response> {
    let header = c.req.headers().get("authorization").ok().flatten().unwrap_or_default();
    let Some(bearer) = header.strip_prefix("Bearer ").filter(|t| !t.is_empty() && t.len() <= 4096) else {
        let mut res = oauth_refusal(401, "invalid_token", "send the access token as a Bearer token")?;
        res.headers_mut().set("www-authenticate", "Bearer")?;
        return Ok(res);
    };
    oauth(c.portal.userinfo(bearer.trim()).await)
}

/// RP-initiated logout: the session ends, then the browser goes to the app's
/// registered logout address (or our sign-in page).
pub async fn logout(c: &mut Call<'_, '_>) -> Result<Response> {
    let params = query(c)?;
    let to = match c.portal.logout_target(&params).await {
        Ok(Ok(to)) => to,
        Ok(Err(error)) => return page(c, error),
        Err(e) => return fail(&e),
    };
    if let Some(token) = cookie(&c.req, &c.site.cookie) {
        if let Err(e) = c.portal.sign_out(&token).await {
            return fail(&e);
        }
    }
    let mut res = redirect(302, &to)?;
    http::set_session(&mut res, c.site, "", 0)?;
    Ok(res)
}
