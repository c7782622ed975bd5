//! The provider's signed callbacks: a caller's key press (answered with TwiML) and
//! a text's delivery status. Accepted only with a valid `X-Twilio-Signature` over
//! the URL and form, for this tenant's path.

use super::{fail, Call};
use crate::http;
use api::ErrorCode;
use domain::providers::twilio;
use domain::Error;
use worker::{Response, Result};

/// A callback's URL, form body and what it takes to check its signature (the auth
/// token, the header), or the answer refusing it (another tenant, too large).
struct Signed {
    url: worker::Url,
    token: String,
    signature: String,
    body: String,
}

async fn signed(c: &mut Call<'_, '_>) -> Result<std::result::Result<Signed, Response>> {
    if c.value(0) != c.site.tenant.id {
        return http::code(ErrorCode::NotFound).map(Err);
    }
    let url = c.req.url()?;
    let token = c.env.secret("TWILIO_AUTH_TOKEN").map(|s| s.to_string()).unwrap_or_default();
    let signature = c.req.headers().get("x-twilio-signature").ok().flatten().unwrap_or_default();
    let body = c.req.text().await.unwrap_or_default();
    if body.len() > api::MAX_BODY_BYTES {
        return http::code(ErrorCode::BodyTooLarge).map(Err);
    }
    Ok(Ok(Signed { url, token, signature, body }))
}

pub async fn callback(c: &mut Call<'_, '_>) -> Result<Response> {
    // `/api/v1/voice/{tenant}/{user}/{call}`
    let (user, call) = (c.value(1).to_string(), c.value(2).to_string());
    let Signed { url, token, signature, body } = match signed(c).await? {
        Ok(signed) => signed,
        Err(refused) => return Ok(refused),
    };
    let tenant = &c.site.tenant;
    let Some(digits) = twilio::keys_pressed(&token, url.as_str(), &body, &signature) else {
        return http::code(ErrorCode::CsrfRejected);
    };
    let lang = url.query_pairs().find(|(k, _)| k == "lang").map(|(_, v)| v.into_owned()).unwrap_or_default();
    let lang = api::LANGUAGES.iter().find(|l| **l == lang).copied().unwrap_or(api::LANGUAGES[0]);
    let confirmed = match c.portal.answer_call(&tenant.id, &user, &call, &digits).await {
        Ok(confirmed) => confirmed,
        Err(Error::NoPendingVerification) => false,
        Err(e) => return fail(&e),
    };
    let mut res = Response::ok(twilio::result_twiml(lang, confirmed))?;
    res.headers_mut().set("content-type", "text/xml; charset=utf-8")?;
    Ok(res)
}

/// The SMS provider's report of whether a text arrived: logged (the number
/// masked); a text that will not arrive is listed for the tenant's admins.
pub async fn sms_status(c: &mut Call<'_, '_>) -> Result<Response> {
    let Signed { url, token, signature, body } = match signed(c).await? {
        Ok(signed) => signed,
        Err(refused) => return Ok(refused),
    };
    let tenant = &c.site.tenant;
    let Some(report) = twilio::sms_status(&token, url.as_str(), &body, &signature) else {
        return http::code(ErrorCode::CsrfRejected);
    };
    let masked = domain::phone::mask_e164(&report.to);
    worker::console_log!(
        "{}",
        serde_json::json!({ "sms_status": report.status, "sid": report.sid, "to": masked, "error_code": report.error_code })
    );
    if report.failed() {
        let recorded = domain::delivery::queue::record_undelivered_text(
            c.portal.store,
            &tenant.id,
            &report.sid,
            &report.to,
            c.portal.now,
        )
        .await;
        if let Err(e) = recorded {
            return fail(&e);
        }
    }
    Response::empty().map(|r| r.with_status(204))
}
