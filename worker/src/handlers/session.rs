//! Signing in and out, the second step, the setup prompt and "This wasn't me".

use super::{fail, Call, Outcome};
use crate::http::{self, cookie};
use api::endpoints::{self, Id};
use api::{ChangeReported, Config, Session};
use domain::Error;
use worker::{Response, Result};

pub fn config(c: &Call) -> Config {
    crate::site::config(&c.site.tenant, c.portal.lang)
}

/// "Who am I?": nobody is an answer, not an error, so the SPA's start-up check
/// leaves no failed request behind.
pub async fn current(c: &Call<'_, '_>) -> Outcome<Option<Session>> {
    let Some(token) = cookie(&c.req, &c.site.cookie) else { return Ok(None) };
    match c.portal.authenticate(&token).await {
        Ok(auth) => Ok(Some(c.portal.session_view(&auth).await?)),
        Err(Error::Unauthenticated) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// By password, Temporary Access Pass or passkey: the session view, and the cookie.
pub async fn sign_in(c: &mut Call<'_, '_>) -> Result<Response> {
    let signed = match c.route.id {
        Id::PASSKEY_VERIFY => match c.body(&endpoints::PASSKEY_VERIFY).await {
            Ok(b) => c.portal.finish_passkey(&b.challenge_id, &b.credential, &c.relying_party()).await,
            Err(e) => return http::error(&e),
        },
        Id::SIGN_IN_WITH_PASS => match c.body(&endpoints::SIGN_IN_WITH_PASS).await {
            Ok(b) => c.portal.sign_in_with_pass(&b.username, &b.pass).await,
            Err(e) => return http::error(&e),
        },
        _ => match c.body(&endpoints::SIGN_IN).await {
            Ok(b) => c.portal.sign_in(&b.username, &b.password).await,
            Err(e) => return http::error(&e),
        },
    };
    let signed = match signed {
        Ok(signed) => signed,
        Err(e) => return fail(&e),
    };
    let view = match c.portal.session_view(&signed.auth).await {
        Ok(v) => v,
        Err(e) => return fail(&e),
    };
    let mut res = http::json(c.route.status, &view)?;
    let max_age = c.portal.sessions.absolute / 1000;
    http::set_session(&mut res, c.site, &signed.token, max_age)?;
    Ok(res)
}

/// "Sign out everywhere": every session ends, this browser's cookie with it.
pub async fn sign_out_everywhere(c: &mut Call<'_, '_>) -> Result<Response> {
    let ended = match c.session() {
        Ok((portal, auth)) => portal.sign_out_everywhere(auth).await,
        Err(_) => Err(Error::Unauthenticated),
    };
    if let Err(e) = ended {
        return fail(&e);
    }
    let mut res = Response::empty()?.with_status(204);
    http::set_session(&mut res, c.site, "", 0)?;
    Ok(res)
}

/// "Devices": the user's signed-in sessions.
pub async fn devices(c: &mut Call<'_, '_>) -> Outcome<api::session::Devices> {
    let (portal, auth) = c.session()?;
    Ok(portal.devices(auth).await?)
}

/// Signs one device out; this browser's cookie goes too when it was this one.
pub async fn sign_out_device(c: &mut Call<'_, '_>) -> Result<Response> {
    let id = c.value(0).to_string();
    let ended = match c.session() {
        Ok((portal, auth)) => portal.sign_out_device(auth, &id).await,
        Err(_) => Err(Error::Unauthenticated),
    };
    let this_one = match ended {
        Ok(this_one) => this_one,
        Err(e) => return fail(&e),
    };
    let mut res = Response::empty()?.with_status(204);
    if this_one {
        http::set_session(&mut res, c.site, "", 0)?;
    }
    Ok(res)
}

/// "Change password": this session goes on under a new token (the router sets it).
pub async fn change_password(c: &mut Call<'_, '_>) -> Outcome<()> {
    let b = c.body(&endpoints::PASSWORD_CHANGE).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.change_password(auth, &b.current, &b.new).await?)
}

pub async fn sign_out(c: &Call<'_, '_>) -> Result<Response> {
    if let Some(token) = cookie(&c.req, &c.site.cookie) {
        if let Err(e) = c.portal.sign_out(&token).await {
            return fail(&e);
        }
    }
    let mut res = Response::empty()?.with_status(204);
    http::set_session(&mut res, c.site, "", 0)?;
    Ok(res)
}

pub async fn start_passkey(c: &Call<'_, '_>) -> Outcome<api::SecurityKeyChallenge> {
    Ok(c.portal.start_passkey(&c.relying_party()).await?)
}

pub async fn report(c: &mut Call<'_, '_>) -> Outcome<ChangeReported> {
    let b = c.body(&endpoints::REPORT).await?;
    Ok(c.portal.report_change(&b.token).await?)
}

pub async fn second_step(c: &mut Call<'_, '_>) -> Outcome<Session> {
    let body = c.body(&endpoints::SECOND_STEP).await;
    // The router left the session to this endpoint: an authenticator app's code
    // is checked with it in one call to the user's ledger; anything else (a
    // texted code, a recovery code, a refusal to explain) goes the usual way, the
    // session's checks first, as on every other endpoint.
    if c.auth.is_none() {
        if let Some(b) = body.as_ref().ok().filter(|b| b.challenge_id.is_none()) {
            let token = cookie(&c.req, &c.site.cookie).unwrap_or_default();
            let csrf = c.req.headers().get(api::CSRF_HEADER).ok().flatten().unwrap_or_default();
            if let Some(tried) = c.portal.app_second_step(&token, &csrf, &b.method_id, &b.code).await? {
                c.portal.ledgers.1.user(&tried.user_id);
                return Ok(c.portal.session_view(c.auth.insert(tried.result?)).await?);
            }
        }
        c.auth = Some(crate::router::checked_session(c.portal, &c.req, c.site, c.route).await?);
    }
    let b = body?;
    let (portal, auth) = c.session()?;
    portal.second_step(auth, &b.method_id, &b.code, b.challenge_id.as_deref()).await?;
    Ok(portal.session_view(auth).await?)
}

pub async fn second_step_send(c: &mut Call<'_, '_>) -> Outcome<api::PendingVerification> {
    let b = c.body(&endpoints::SECOND_STEP_SEND).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.send_second_step_code(auth, &b.method_id).await?)
}

pub async fn second_step_call(c: &mut Call<'_, '_>) -> Outcome<api::CallStarted> {
    let b = c.body(&endpoints::SECOND_STEP_CALL).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.start_second_step_call(auth, &b.method_id).await?)
}

pub async fn second_step_key(c: &mut Call<'_, '_>) -> Outcome<api::SecurityKeyChallenge> {
    let rp = c.relying_party();
    let (portal, auth) = c.session()?;
    Ok(portal.start_key_second_step(auth, &rp).await?)
}

pub async fn second_step_key_verify(c: &mut Call<'_, '_>) -> Outcome<Session> {
    let b = c.body(&endpoints::SECOND_STEP_KEY_VERIFY).await?;
    let rp = c.relying_party();
    let (portal, auth) = c.session()?;
    portal.finish_key_second_step(auth, &b.challenge_id, &b.credential, &rp).await?;
    Ok(portal.session_view(auth).await?)
}

pub async fn skip_setup(c: &mut Call<'_, '_>) -> Outcome<Session> {
    let (portal, auth) = c.session()?;
    portal.skip_setup(auth).await?;
    Ok(portal.session_view(auth).await?)
}
