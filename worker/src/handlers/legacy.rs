//! For apps that cannot do two-step verification: HTTP Basic with an app password.

use super::{fail, Call};
use crate::http;
use domain::Error;
use worker::{Request, Response, Result};

/// `username:password` from `Authorization: Basic …`.
fn basic_credentials(req: &Request) -> Option<(String, String)> {
    domain::providers::form::basic_credentials(&req.headers().get("authorization").ok()??)
}

pub async fn whoami(c: &Call<'_, '_>) -> Result<Response> {
    let result = match basic_credentials(&c.req) {
        Some((user, secret)) => c.portal.legacy_whoami(&user, &secret).await,
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
