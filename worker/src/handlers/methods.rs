//! The user's methods: the overview, registering each kind, renaming, deleting.

use super::{Call, Outcome};
use api::endpoints::{self, Endpoint, Id};
use api::{
    ActivityPage, AppPasswordCreated, AuthenticatorSetup, CallStarted, CallStatus, MethodKind, MethodView,
    PendingVerification, QuestionChoices, RecoveryCodesCreated, SecurityInfo, SecurityKeyRegistration,
};

pub async fn overview(c: &mut Call<'_, '_>) -> Outcome<SecurityInfo> {
    let (portal, auth) = c.session()?;
    Ok(portal.security_info(auth).await?)
}

pub async fn set_default(c: &mut Call<'_, '_>) -> Outcome<()> {
    let b = c.body(&endpoints::DEFAULT_METHOD).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.set_default(auth, &b.method_id).await?)
}

pub async fn keep(c: &mut Call<'_, '_>) -> Outcome<()> {
    let b = c.body(&endpoints::METHOD_KEEP).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.keep_method(auth, &b.method_id).await?)
}

pub async fn rename(c: &mut Call<'_, '_>) -> Outcome<MethodView> {
    let b = c.body(&endpoints::METHOD_RENAME).await?;
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.rename_method(auth, &id, &b.name).await?)
}

pub async fn delete(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.delete_method(auth, &id).await?)
}

pub async fn start_authenticator(c: &mut Call<'_, '_>) -> Outcome<AuthenticatorSetup> {
    let (portal, auth) = c.session()?;
    Ok(portal.start_authenticator(auth).await?)
}

pub async fn verify_authenticator(c: &mut Call<'_, '_>) -> Outcome<MethodView> {
    let b = c.body(&endpoints::AUTHENTICATOR_VERIFY).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.verify_authenticator(auth, &b.challenge_id, &b.code, &b.name).await?)
}

pub async fn start_email(c: &mut Call<'_, '_>) -> Outcome<PendingVerification> {
    let b = c.body(&endpoints::EMAIL_START).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.start_email(auth, &b.address).await?)
}

pub async fn start_phone(c: &mut Call<'_, '_>) -> Outcome<PendingVerification> {
    let b = c.body(&endpoints::PHONE_START).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.start_phone(auth, &b.country, &b.number).await?)
}

/// The code sent to a new email address or phone (`PHONE_VERIFY`, `EMAIL_VERIFY`).
pub async fn verify_code(c: &mut Call<'_, '_>, ep: &Endpoint<api::VerifyCode, MethodView>) -> Outcome<MethodView> {
    let b = c.body(ep).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.verify_code(auth, &b.challenge_id, &b.code).await?)
}

pub async fn resend(
    c: &mut Call<'_, '_>,
    ep: &Endpoint<api::Resend, PendingVerification>,
) -> Outcome<PendingVerification> {
    let b = c.body(ep).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.resend_code(auth, &b.challenge_id).await?)
}

/// "Call me" for a phone or the alternate phone (`PHONE_CALL`, `ALTERNATE_PHONE_CALL`).
pub async fn start_call(c: &mut Call<'_, '_>, ep: &Endpoint<api::StartPhone, CallStarted>) -> Outcome<CallStarted> {
    let b = c.body(ep).await?;
    let kind = if ep.route.id == Id::PHONE_CALL { MethodKind::Phone } else { MethodKind::AlternatePhone };
    let (portal, auth) = c.session()?;
    Ok(portal.start_phone_call(auth, kind, &b.country, &b.number).await?)
}

pub async fn call_status(c: &mut Call<'_, '_>) -> Outcome<CallStatus> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.call_status(auth, &id).await?)
}

pub async fn end_call(c: &mut Call<'_, '_>) -> Outcome<()> {
    let id = c.value(0).to_string();
    let (portal, auth) = c.session()?;
    Ok(portal.end_call(auth, &id).await?)
}

pub async fn start_security_key(c: &mut Call<'_, '_>) -> Outcome<SecurityKeyRegistration> {
    let b = c.body(&endpoints::SECURITY_KEY_START).await?;
    let rp = c.relying_party();
    let (portal, auth) = c.session()?;
    Ok(portal.start_security_key(auth, &b.name, &rp).await?)
}

pub async fn finish_security_key(c: &mut Call<'_, '_>) -> Outcome<MethodView> {
    let b = c.body(&endpoints::SECURITY_KEY_VERIFY).await?;
    let rp = c.relying_party();
    let (portal, auth) = c.session()?;
    Ok(portal.finish_security_key(auth, &b.challenge_id, &b.credential, &rp).await?)
}

pub fn question_choices(c: &mut Call<'_, '_>) -> Outcome<QuestionChoices> {
    let (portal, auth) = c.session()?;
    Ok(portal.question_choices(auth)?)
}

pub async fn set_answers(c: &mut Call<'_, '_>) -> Outcome<MethodView> {
    let b = c.body(&endpoints::SET_ANSWERS).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.set_answers(auth, &b.answers).await?)
}

pub async fn create_app_password(c: &mut Call<'_, '_>) -> Outcome<AppPasswordCreated> {
    let b = c.body(&endpoints::APP_PASSWORD).await?;
    let (portal, auth) = c.session()?;
    Ok(portal.create_app_password(auth, &b.name).await?)
}

pub async fn create_recovery_codes(c: &mut Call<'_, '_>) -> Outcome<RecoveryCodesCreated> {
    let (portal, auth) = c.session()?;
    Ok(portal.create_recovery_codes(auth).await?)
}

/// `?page=<cursor>`: the next page of the user's recent activity.
pub async fn activity(c: &mut Call<'_, '_>) -> Outcome<ActivityPage> {
    let page = c.req.url().ok().and_then(|u| u.query_pairs().find(|(k, _)| k == "page").map(|(_, v)| v.into_owned()));
    let (portal, auth) = c.session()?;
    Ok(portal.recent_activity(auth, page.as_deref()).await?)
}
