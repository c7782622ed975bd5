//! Proving a reset's steps: a code sent by email or text, a call, a code from the
//! app or a recovery code, security questions, a security key. A decoy (an account
//! that cannot reset, or none) answers each step as a real account would.

use super::Resetting;
use crate::code::Purpose;
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{Method, MethodData};
use crate::policy::Rules;
use crate::portal::sent_codes::{challenge_error, pending, Sender};
use crate::portal::{Counted, Portal};
use crate::reset::option_label;
use crate::store::Store;
use crate::webauthn::{CeremonyPurpose, RelyingParty};
use crate::{password, questions, throttle, Error};
use api::{
    Answer, AssertionCredential, MethodKind, PendingVerification, Question, ResetProgress, SecurityKeyChallenge,
};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Sends a code to the account's email or phone; a decoy keeps one that is
    /// never sent. The code lives in the reset's own ledger, within the reset's own
    /// budgets, so it never pushes out the user's sign-in codes.
    pub async fn reset_send(&self, ticket: &str, option_id: &str) -> Result<PendingVerification, Error> {
        let r = self.resetting(ticket).await?;
        let option = self.reset_option(&r, option_id)?;
        let purpose = match self.reset_method(&r, option_id).await? {
            Some((_, Method { id: method_id, data: MethodData::Email { address }, .. })) => {
                Purpose::ResetEmail { method_id, address }
            }
            Some((_, Method { id: method_id, data: MethodData::Phone { number, .. }, .. }))
                if self.tenant.policy.allows_phone_mode(api::PhoneMode::Text) =>
            {
                Purpose::ResetPhone { method_id, number }
            }
            None if option.kind == MethodKind::Email
                || (option.kind == MethodKind::Phone && self.tenant.policy.allows_phone_mode(api::PhoneMode::Text)) =>
            {
                Purpose::Decoy { method_id: option.id.clone(), by_phone: option.kind == MethodKind::Phone }
            }
            _ => return Err(Error::MethodNotFound),
        };
        let sender = Sender::Reset { name: &r.state.name };
        let challenge = self.send_code(self.tenant, &r.ledger, throttle::RESET_SENDS, sender, purpose).await?;
        Ok(PendingVerification { masked_destination: option.label.clone(), ..pending(&challenge) })
    }

    /// "Call me" for a phone or alternate phone: the user presses `#`.
    pub async fn reset_call(&self, ticket: &str, option_id: &str) -> Result<api::CallStarted, Error> {
        let r = self.resetting(ticket).await?;
        let Some((auth, method)) = self.reset_method(&r, option_id).await? else {
            return self.decoy_call(&r, option_id).await;
        };
        if let MethodData::Phone { .. } = method.data {
            if !self.tenant.policy.allows_phone_mode(api::PhoneMode::Call) {
                return Err(Error::MethodTurnedOff);
            }
        }
        let masked_number = option_label(&method.data);
        let number = match method.data {
            MethodData::Phone { number, .. } | MethodData::AlternatePhone { number } => number,
            _ => return Err(Error::MethodNotFound),
        };
        let purpose = crate::voice::CallPurpose::Reset { method_id: method.id.clone() };
        let sender = Sender::Reset { name: &r.state.name };
        let call = self.place_call(&auth, number, purpose, sender).await?;
        Ok(api::CallStarted {
            call_id: call.id.clone(),
            masked_number,
            digits: call.digits.clone(),
            expires_at: call.expires_at,
            extension_removed: false,
        })
    }

    /// A decoy's "Call me": answered like a real call (budgets, wait, shape), kept
    /// in the reset's ledger, never dialled and never confirmed.
    async fn decoy_call(&self, r: &Resetting, option_id: &str) -> Result<api::CallStarted, Error> {
        let option = self.reset_option(r, option_id)?;
        match option.kind {
            MethodKind::Phone if !self.tenant.policy.allows_phone_mode(api::PhoneMode::Call) => {
                return Err(Error::MethodTurnedOff)
            }
            MethodKind::Phone | MethodKind::AlternatePhone => {}
            _ => return Err(Error::MethodNotFound),
        }
        let number = crate::phone::PhoneNumber::fictional().ok_or(Error::MethodNotFound)?;
        let purpose = crate::voice::CallPurpose::Reset { method_id: option.id.clone() };
        let id = crate::entropy::token::<E, 16>(self.entropy);
        let call = crate::voice::PendingCall::new(id, number, purpose, self.now, self.entropy);
        let start = op::StartCall { call: call.clone() };
        self.ledger(&r.ledger, start).await?.map_err(|error| challenge_error(error, self.now))?;
        let line = crate::portal::sent_codes::decoy_line(&self.tenant.id, &r.state.name, &option.id);
        self.send_allowed(&self.tenant.id, Sender::Reset { name: &r.state.name }, Some(&line)).await?;
        Ok(api::CallStarted {
            call_id: call.id,
            masked_number: option.label.clone(),
            digits: call.digits,
            expires_at: call.expires_at,
            extension_removed: false,
        })
    }

    /// How the reset's call is going; a confirmed call proves the phone, once.
    pub async fn reset_call_status(
        &self,
        ticket: &str,
        option_id: &str,
        call_id: &str,
    ) -> Result<api::ResetCallStatus, Error> {
        let r = self.resetting(ticket).await?;
        // A decoy's call waits in the reset's ledger until it runs out.
        let take = op::TakeCall { id: call_id.to_string() };
        let call = match self.reset_method(&r, option_id).await? {
            Some((auth, _)) => self.ledger(&self.user_ledger(&auth), take).await?,
            None => self.ledger(&r.ledger, take).await?,
        };
        let call = call.ok_or(Error::NoPendingVerification)?;
        let state = call.state_at(self.now);
        match (&call.purpose, state) {
            (crate::voice::CallPurpose::Reset { method_id }, api::CallState::Confirmed) if method_id == option_id => {
                let progress = self.reset_passed(&r, option_id).await?;
                Ok(api::ResetCallStatus { state, progress: Some(progress) })
            }
            (crate::voice::CallPurpose::Reset { .. }, api::CallState::Confirmed) => Err(Error::NoPendingVerification),
            _ => Ok(api::ResetCallStatus { state, progress: None }),
        }
    }

    /// A code: from the authenticator app, a recovery code, or the one sent to
    /// email or phone. A decoy answers every step as a real account would.
    pub async fn reset_verify(
        &self,
        ticket: &str,
        option_id: &str,
        code: &str,
        challenge_id: Option<&str>,
    ) -> Result<ResetProgress, Error> {
        let r = self.resetting(ticket).await?;
        let kind = self.reset_option(&r, option_id)?.kind;
        let well_formed = match kind {
            MethodKind::RecoveryCodes => crate::recovery::RecoveryCode::parse(code).is_some(),
            _ => crate::code::OneTimeCode::parse(code).is_some(),
        };
        if !well_formed {
            return Err(Error::MalformedCode);
        }
        self.reserve_reset_try(&r).await?;
        if matches!(kind, MethodKind::Email | MethodKind::Phone) {
            // Real and decoy codes alike live in the reset's ledger.
            let code = crate::code::OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
            let id = challenge_id.ok_or(Error::NoPendingVerification)?;
            return match self.ledger(&r.ledger, op::VerifyChallenge { id: id.to_string(), code }).await? {
                Ok(Purpose::ResetEmail { method_id, .. } | Purpose::ResetPhone { method_id, .. })
                    if method_id == option_id && r.auth.is_some() =>
                {
                    self.reset_passed(&r, option_id).await
                }
                Ok(_) => Err(Error::NoPendingVerification),
                Err(error) => Err(challenge_error(error, self.now)),
            };
        }
        let Some((auth, method)) = self.reset_method(&r, option_id).await? else {
            return Err(Error::WrongCode);
        };
        let step = match &method.data {
            MethodData::RecoveryCodes { .. } => {
                self.spend_recovery_code(&auth, &method, code, Counted::ByFlow).await?;
                return self.reset_passed(&r, option_id).await;
            }
            MethodData::AuthenticatorApp { secret, .. } => {
                let code = crate::code::OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
                let secret = self.open_secret(&auth, &method.id, secret)?;
                secret.check(&code, self.now).ok_or(Error::WrongCode)?
            }
            _ => return Err(Error::MethodNotFound),
        };
        self.proven(&auth, Counted::ByFlow, &method.id, Some(step)).await?;
        self.reset_passed(&r, option_id).await
    }

    /// The security questions this reset asks: a random subset of the registered
    /// ones, fixed for the reset (asking again does not draw new ones).
    pub async fn reset_questions(&self, ticket: &str, option_id: &str) -> Result<Vec<Question>, Error> {
        let r = self.resetting(ticket).await?;
        let asked = usize::from(self.tenant.policy.questions.answer);
        let ids: Vec<String> = if !r.state.questions.is_empty() {
            r.state.questions.clone()
        } else {
            let mut pool: Vec<String> = match self.reset_method(&r, option_id).await? {
                Some((_, Method { data: MethodData::SecurityQuestions { answers }, .. })) => {
                    answers.into_iter().map(|a| a.question_id).collect()
                }
                Some(_) => return Err(Error::MethodNotFound),
                None => {
                    questions::catalogue(&self.tenant.policy.questions, self.lang).into_iter().map(|q| q.id).collect()
                }
            };
            // Fisher–Yates with our randomness, then the first `asked`.
            for i in (1..pool.len()).rev() {
                let mut b = [0u8; 4];
                self.entropy.fill(&mut b);
                pool.swap(i, (u32::from_le_bytes(b) as usize) % (i + 1));
            }
            pool.truncate(asked);
            let asked = op::UpdateReset { passed: None, questions: Some(pool.clone()) };
            self.reset_reply(self.ledger(&r.ledger, asked).await?)?;
            pool
        };
        Ok(ids
            .iter()
            .filter_map(|id| {
                Some(Question { id: id.clone(), text: questions::text(&self.tenant.policy.questions, id, self.lang)? })
            })
            .collect())
    }

    /// Answers to the questions asked; all must be right.
    pub async fn reset_answers(
        &self,
        ticket: &str,
        option_id: &str,
        answers: &[Answer],
    ) -> Result<ResetProgress, Error> {
        let r = self.resetting(ticket).await?;
        if r.state.questions.is_empty() {
            return Err(Error::NoPendingVerification);
        }
        self.reset_option(&r, option_id)?;
        self.reserve_reset_try(&r).await?;
        let Some((_, method)) = self.reset_method(&r, option_id).await? else {
            return Err(Error::WrongAnswers);
        };
        let MethodData::SecurityQuestions { answers: stored } = &method.data else {
            return Err(Error::MethodNotFound);
        };
        let right = r.state.questions.iter().all(|id| {
            let given = answers.iter().find(|a| &a.question_id == id).map(|a| questions::normalise(&a.answer));
            let hash = stored.iter().find(|s| &s.question_id == id).map(|s| s.hash.as_str());
            matches!((given, hash), (Some(g), Some(h)) if password::verify(&g, h))
        });
        if !right {
            return Err(Error::WrongAnswers);
        }
        self.reset_passed(&r, option_id).await
    }

    pub async fn reset_key_start(
        &self,
        ticket: &str,
        option_id: &str,
        rp: &RelyingParty,
    ) -> Result<SecurityKeyChallenge, Error> {
        let r = self.resetting(ticket).await?;
        if self.reset_option(&r, option_id)?.kind != MethodKind::SecurityKey {
            return Err(Error::MethodNotFound);
        }
        let ceremony = match self.reset_method(&r, option_id).await? {
            Some((auth, _)) => self.start_ceremony(&auth, CeremonyPurpose::SignIn).await?,
            // A decoy's looks the same; nothing is kept, and its answer is refused.
            None => {
                let mut challenge = [0u8; 32];
                self.entropy.fill(&mut challenge);
                let id = crate::entropy::token::<E, 16>(self.entropy);
                crate::webauthn::Ceremony::new(id, &challenge, CeremonyPurpose::SignIn, self.now)
            }
        };
        // No credential ids for someone who only knows the name: the browser offers
        // the account's passkeys (discoverable keys) for this site.
        Ok(crate::portal::security_keys::request_options(ceremony, rp, vec![]))
    }

    pub async fn reset_key_finish(
        &self,
        ticket: &str,
        challenge_id: &str,
        response: &AssertionCredential,
        rp: &RelyingParty,
    ) -> Result<ResetProgress, Error> {
        let r = self.resetting(ticket).await?;
        self.reserve_reset_try(&r).await?;
        let Some(auth) = r.auth.as_ref() else {
            return Err(Error::KeyRejected(crate::webauthn::Rejection::UnknownCredential));
        };
        let method = self.check_key_assertion(auth, challenge_id, response, rp, Counted::ByFlow).await?;
        if !r.state.options.iter().any(|o| o.id == method.id) {
            return Err(Error::MethodNotFound);
        }
        self.reset_passed(&r, &method.id).await
    }
}
