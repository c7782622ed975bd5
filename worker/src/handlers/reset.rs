//! Self-service password reset: no session, the reset's ticket in every body.

use super::{Call, Outcome};
use api::endpoints;
use api::{
    CallStarted, PendingVerification, Question, ResetCallStatus, ResetProgress, ResetStarted, SecurityKeyChallenge,
    WorkChallenge,
};

pub fn challenge(c: &Call<'_, '_>) -> Outcome<WorkChallenge> {
    Ok(c.portal.reset_challenge()?)
}

pub async fn start(c: &mut Call<'_, '_>) -> Outcome<ResetStarted> {
    let b = c.body(&endpoints::RESET_START).await?;
    Ok(c.portal.start_reset(&b.username, &b.challenge, b.nonce).await?)
}

pub async fn send(c: &mut Call<'_, '_>) -> Outcome<PendingVerification> {
    let b = c.body(&endpoints::RESET_SEND).await?;
    Ok(c.portal.reset_send(&b.ticket, &b.option_id).await?)
}

pub async fn verify(c: &mut Call<'_, '_>) -> Outcome<ResetProgress> {
    let b = c.body(&endpoints::RESET_VERIFY).await?;
    let challenge = b.challenge_id.as_deref();
    Ok(c.portal.reset_verify(&b.ticket, &b.option_id, &b.code, challenge).await?)
}

pub async fn questions(c: &mut Call<'_, '_>) -> Outcome<Vec<Question>> {
    let b = c.body(&endpoints::RESET_QUESTIONS).await?;
    Ok(c.portal.reset_questions(&b.ticket, &b.option_id).await?)
}

pub async fn answers(c: &mut Call<'_, '_>) -> Outcome<ResetProgress> {
    let b = c.body(&endpoints::RESET_ANSWERS).await?;
    Ok(c.portal.reset_answers(&b.ticket, &b.option_id, &b.answers).await?)
}

pub async fn key_start(c: &mut Call<'_, '_>) -> Outcome<SecurityKeyChallenge> {
    let b = c.body(&endpoints::RESET_KEY).await?;
    Ok(c.portal.reset_key_start(&b.ticket, &b.option_id, &c.relying_party()).await?)
}

pub async fn key_finish(c: &mut Call<'_, '_>) -> Outcome<ResetProgress> {
    let b = c.body(&endpoints::RESET_KEY_VERIFY).await?;
    let rp = c.relying_party();
    Ok(c.portal.reset_key_finish(&b.ticket, &b.challenge_id, &b.credential, &rp).await?)
}

pub async fn call(c: &mut Call<'_, '_>) -> Outcome<CallStarted> {
    let b = c.body(&endpoints::RESET_CALL).await?;
    Ok(c.portal.reset_call(&b.ticket, &b.option_id).await?)
}

pub async fn call_status(c: &mut Call<'_, '_>) -> Outcome<ResetCallStatus> {
    let b = c.body(&endpoints::RESET_CALL_STATUS).await?;
    Ok(c.portal.reset_call_status(&b.ticket, &b.option_id, &b.call_id).await?)
}

pub async fn new_password(c: &mut Call<'_, '_>) -> Outcome<()> {
    let b = c.body(&endpoints::RESET_PASSWORD).await?;
    Ok(c.portal.reset_password(&b.ticket, &b.password).await?)
}
