//! For apps that cannot do two-step verification: HTTP Basic with an app password.

use super::{fail, Call};
use crate::http;
use domain::Error;
use worker::{Request, Response, Result};

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

pub async fn whoami(c: &Call<'_, '_>) -> Result<Response> {
    let result = match basic_credentials(&c.req) {
        Some((user, secret)) => c.portal.legacy_whoami(&c.site.tenant, &user, &secret).await,
        None => Err(Error::InvalidCredentials),
    };
    match result {
        Ok(me) => http::json(c.route.status, &me),
        Err(e) => {
            let mut res = fail(&e)?;
            if res.status_code() == 401 {
                res.headers_mut().set("www-authenticate", "Basic realm=\"Security Info\", charset=\"UTF-8\"")?;
            }
            Ok(res)
        }
    }
}
