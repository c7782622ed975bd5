//! Self-service password reset: username (after a proof of work) → prove as many
//! of the account's reset methods as the tenant requires → a new password, after
//! which every session of the user ends and a notice is mailed. An unknown name
//! gets a decoy of the same shape that can never complete.

use super::sent_codes::{challenge_error, pending, Sender};
use super::{Account, Counted, Portal};
use crate::code::Purpose;
use crate::delivery::{password_changed_email, Courier};
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{uses, Method, MethodData};
use crate::policy::Rules;
use crate::reset::{challenge_solved, decoy_options, issue_challenge, option_label, ResetState, TICKET_TTL};
use crate::session::{self};
use crate::store::{get_json, put_json, Store};
use crate::tenant::{normalise_username, Tenant, User};
use crate::webauthn::{CeremonyPurpose, RelyingParty};
use crate::{keys, password, questions, throttle, Error};
use api::{
    Answer, AssertionCredential, MethodKind, PendingVerification, Question, ResetOption, ResetProgress, ResetStarted,
    SecurityKeyChallenge, WorkChallenge,
};

fn option_of(method: &Method) -> ResetOption {
    ResetOption { id: method.id.clone(), kind: method.kind(), label: option_label(&method.data) }
}

/// A reset in progress: its ledger, its state, and for a real account the user as
/// if signed in (never stored as a session).
struct Resetting {
    tenant_id: String,
    ledger: op::Name<op::ResetLedger>,
    state: ResetState,
    auth: Option<Account>,
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    fn reset_key(&self) -> Result<[u8; 32], Error> {
        self.keys()?.derive("password-reset").ok_or_else(|| Error::Storage("key derivation failed".into()))
    }

    /// "Forgot my password": some work for the browser first.
    pub fn reset_challenge(&self, tenant: &Tenant) -> Result<WorkChallenge, Error> {
        Ok(WorkChallenge {
            challenge: issue_challenge(&self.reset_key()?, &tenant.id, self.now, self.entropy),
            bits: api::proof::BITS,
        })
    }

    pub(super) async fn user_by_name(&self, tenant: &Tenant, name: &str) -> Result<Option<User>, Error> {
        match self.store.get(&keys::username(&tenant.id, name)).await? {
            Some(id) => get_json(self.store, &keys::user(&tenant.id, &id)).await,
            None => Ok(None),
        }
    }

    /// Starts a reset for `username`. Limited per name and per client address; an
    /// unknown name answers like a known one.
    pub async fn start_reset(
        &self,
        tenant: &Tenant,
        username: &str,
        challenge: &str,
        nonce: u64,
    ) -> Result<ResetStarted, Error> {
        let policy = &tenant.policy;
        if !policy.reset.enabled {
            return Err(Error::ResetDisabled);
        }
        let key = self.reset_key()?;
        let solved =
            challenge_solved(&key, &tenant.id, challenge, username, nonce, self.now).ok_or(Error::WorkRequired)?;
        let name = normalise_username(username).ok_or(Error::InvalidCredentials)?;
        // The work starts one reset: spent in the name's ledger (it was done for this
        // name), until the challenge would have expired anyway.
        let spend = op::SpendOnce { id: solved.id, until: solved.expires_at };
        self.ledger(&keys::ledger::resets_for(&tenant.id, &name), spend)
            .await?
            .map_err(|op::Replayed| Error::WorkRequired)?;
        for (ledger, limit) in [
            (keys::ledger::resets_from(self.client_ip), throttle::IP_RESETS),
            (keys::ledger::resets_for(&tenant.id, &name), throttle::RESETS),
        ] {
            self.blocked(self.ledger(&ledger, op::RecordSend { limit }).await?)?;
        }
        let user = self.user_by_name(tenant, &name).await?;
        let methods = self.methods_of(&tenant.id, user.as_ref().map_or(name.as_str(), |u| u.id.as_str())).await?;
        let options: Vec<ResetOption> = methods
            .iter()
            .filter(|m| uses(m.kind()).reset && policy.reset.methods.contains(&m.kind()) && policy.usable(m))
            .map(option_of)
            .collect();
        // An account that cannot reset answers like an unknown name: a decoy of the
        // same shape (same storage reads), which never completes.
        let (user, options) = match user {
            Some(user)
                if options.len() >= usize::from(policy.reset.methods_required)
                    && options.iter().any(|o| o.kind != MethodKind::SecurityQuestions) =>
            {
                (Some(user), options)
            }
            _ => (None, decoy_options(&key, &tenant.id, &name, policy)),
        };
        let ticket = session::new_token(self.entropy);
        let state = ResetState {
            user_id: user.map(|u| u.id),
            required: policy.reset.methods_required,
            options,
            passed: vec![],
            questions: vec![],
            expires_at: self.now + TICKET_TTL,
            name,
            tries: 0,
        };
        let ledger = keys::ledger::reset(&tenant.id, &session::token_digest(&ticket));
        self.ledger(&ledger, op::OpenReset { state: state.clone() }).await?;
        Ok(ResetStarted { ticket, required: state.required, options: state.options, expires_at: state.expires_at })
    }

    async fn resetting(&self, tenant: &Tenant, ticket: &str) -> Result<Resetting, Error> {
        if !session::well_formed(ticket) {
            return Err(Error::NoPendingVerification);
        }
        let ledger = keys::ledger::reset(&tenant.id, &session::token_digest(ticket));
        let state = self.reset_reply(self.ledger(&ledger, op::ReadReset {}).await?)?;
        let auth = match &state.user_id {
            Some(id) => {
                let user: User =
                    get_json(self.store, &keys::user(&tenant.id, id)).await?.ok_or(Error::NoPendingVerification)?;
                Some(Account { tenant: tenant.clone(), user })
            }
            None => {
                // The read a real account makes, so a decoy takes as long.
                let _: Option<User> = get_json(self.store, &keys::user(&tenant.id, &state.name)).await?;
                None
            }
        };
        Ok(Resetting { tenant_id: tenant.id.clone(), ledger, state, auth })
    }

    fn reset_reply(&self, reply: Result<ResetState, crate::code::ChallengeError>) -> Result<ResetState, Error> {
        reply.map_err(|error| match error {
            crate::code::ChallengeError::Expired => Error::ResetExpired,
            _ => Error::NoPendingVerification,
        })
    }

    /// The option and, for a real account, its method.
    async fn reset_method(&self, r: &Resetting, option_id: &str) -> Result<Option<(Account, Method)>, Error> {
        if !r.state.options.iter().any(|o| o.id == option_id) {
            return Err(Error::MethodNotFound);
        }
        match &r.auth {
            Some(auth) => Ok(Some((auth.clone(), self.method(auth, option_id).await?))),
            None => {
                // The read a real account makes (a ledger never written: nothing kept).
                self.methods_of(&r.tenant_id, &r.state.name).await?;
                Ok(None)
            }
        }
    }

    fn reset_option<'r>(&self, r: &'r Resetting, option_id: &str) -> Result<&'r ResetOption, Error> {
        r.state.options.iter().find(|o| o.id == option_id).ok_or(Error::MethodNotFound)
    }

    async fn reset_passed(&self, r: &Resetting, option_id: &str) -> Result<ResetProgress, Error> {
        let passed = op::UpdateReset { passed: Some(option_id.to_string()), questions: None };
        let state = self.reset_reply(self.ledger(&r.ledger, passed).await?)?;
        Ok(ResetProgress { passed: state.passed, required: state.required })
    }

    /// Takes one try at proving a method, for a real account and a decoy alike:
    /// one of the reset's few, and one of the name's hourly reset budget. The
    /// user's sign-in counters are never touched, so a stranger cannot lock anyone out.
    async fn reserve_reset_try(&self, tenant: &Tenant, r: &Resetting) -> Result<(), Error> {
        match self.ledger(&r.ledger, op::ReserveResetTry {}).await? {
            Err(crate::code::ChallengeError::Locked) => return Err(Error::ResetLocked),
            reply => self.reset_reply(reply)?,
        };
        let budget = op::ReserveTry { limit: throttle::RESET_TRIES };
        self.blocked(self.ledger(&keys::ledger::resets_for(&tenant.id, &r.state.name), budget).await?)
    }

    /// Sends a code to the account's email or phone; a decoy keeps one that is
    /// never sent. The code lives in the reset's own ledger, within the reset's own
    /// budgets, so it never pushes out the user's sign-in codes.
    pub async fn reset_send(
        &self,
        tenant: &Tenant,
        ticket: &str,
        option_id: &str,
    ) -> Result<PendingVerification, Error> {
        let r = self.resetting(tenant, ticket).await?;
        let option = self.reset_option(&r, option_id)?;
        let purpose = match self.reset_method(&r, option_id).await? {
            Some((_, Method { id: method_id, data: MethodData::Email { address }, .. })) => {
                Purpose::ResetEmail { method_id, address }
            }
            Some((_, Method { id: method_id, data: MethodData::Phone { number, .. }, .. }))
                if tenant.policy.allows_phone_mode(api::PhoneMode::Text) =>
            {
                Purpose::ResetPhone { method_id, number }
            }
            None if option.kind == MethodKind::Email
                || (option.kind == MethodKind::Phone && tenant.policy.allows_phone_mode(api::PhoneMode::Text)) =>
            {
                Purpose::Decoy { method_id: option.id.clone(), by_phone: option.kind == MethodKind::Phone }
            }
            _ => return Err(Error::MethodNotFound),
        };
        let sender = Sender::Reset { name: &r.state.name };
        let challenge = self.send_code(tenant, &r.ledger, throttle::RESET_SENDS, sender, purpose).await?;
        Ok(PendingVerification { masked_destination: option.label.clone(), ..pending(&challenge) })
    }

    /// "Call me" for a phone or alternate phone: the user presses `#`.
    pub async fn reset_call(&self, tenant: &Tenant, ticket: &str, option_id: &str) -> Result<api::CallStarted, Error> {
        let r = self.resetting(tenant, ticket).await?;
        let Some((auth, method)) = self.reset_method(&r, option_id).await? else {
            return self.decoy_call(tenant, &r, option_id).await;
        };
        if let MethodData::Phone { .. } = method.data {
            if !tenant.policy.allows_phone_mode(api::PhoneMode::Call) {
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
    async fn decoy_call(&self, tenant: &Tenant, r: &Resetting, option_id: &str) -> Result<api::CallStarted, Error> {
        let option = self.reset_option(r, option_id)?;
        match option.kind {
            MethodKind::Phone if !tenant.policy.allows_phone_mode(api::PhoneMode::Call) => {
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
        let line = super::sent_codes::decoy_line(&tenant.id, &r.state.name, &option.id);
        self.send_allowed(&tenant.id, Sender::Reset { name: &r.state.name }, Some(&line)).await?;
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
        tenant: &Tenant,
        ticket: &str,
        option_id: &str,
        call_id: &str,
    ) -> Result<api::ResetCallStatus, Error> {
        let r = self.resetting(tenant, ticket).await?;
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
        tenant: &Tenant,
        ticket: &str,
        option_id: &str,
        code: &str,
        challenge_id: Option<&str>,
    ) -> Result<ResetProgress, Error> {
        let r = self.resetting(tenant, ticket).await?;
        let kind = self.reset_option(&r, option_id)?.kind;
        let well_formed = match kind {
            MethodKind::RecoveryCodes => crate::recovery::RecoveryCode::parse(code).is_some(),
            _ => crate::code::OneTimeCode::parse(code).is_some(),
        };
        if !well_formed {
            return Err(Error::MalformedCode);
        }
        self.reserve_reset_try(tenant, &r).await?;
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
    pub async fn reset_questions(
        &self,
        tenant: &Tenant,
        ticket: &str,
        option_id: &str,
    ) -> Result<Vec<Question>, Error> {
        let r = self.resetting(tenant, ticket).await?;
        let asked = usize::from(tenant.policy.questions.answer);
        let ids: Vec<String> = if !r.state.questions.is_empty() {
            r.state.questions.clone()
        } else {
            let mut pool: Vec<String> = match self.reset_method(&r, option_id).await? {
                Some((_, Method { data: MethodData::SecurityQuestions { answers }, .. })) => {
                    answers.into_iter().map(|a| a.question_id).collect()
                }
                Some(_) => return Err(Error::MethodNotFound),
                None => questions::catalogue(&tenant.policy.questions, self.lang).into_iter().map(|q| q.id).collect(),
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
                Some(Question { id: id.clone(), text: questions::text(&tenant.policy.questions, id, self.lang)? })
            })
            .collect())
    }

    /// Answers to the questions asked; all must be right.
    pub async fn reset_answers(
        &self,
        tenant: &Tenant,
        ticket: &str,
        option_id: &str,
        answers: &[Answer],
    ) -> Result<ResetProgress, Error> {
        let r = self.resetting(tenant, ticket).await?;
        if r.state.questions.is_empty() {
            return Err(Error::NoPendingVerification);
        }
        self.reset_option(&r, option_id)?;
        self.reserve_reset_try(tenant, &r).await?;
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
        tenant: &Tenant,
        ticket: &str,
        option_id: &str,
        rp: &RelyingParty,
    ) -> Result<SecurityKeyChallenge, Error> {
        let r = self.resetting(tenant, ticket).await?;
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
        Ok(super::security_keys::request_options(ceremony, rp, vec![]))
    }

    pub async fn reset_key_finish(
        &self,
        tenant: &Tenant,
        ticket: &str,
        challenge_id: &str,
        response: &AssertionCredential,
        rp: &RelyingParty,
    ) -> Result<ResetProgress, Error> {
        let r = self.resetting(tenant, ticket).await?;
        self.reserve_reset_try(tenant, &r).await?;
        let Some(auth) = r.auth.as_ref() else {
            return Err(Error::KeyRejected(crate::webauthn::Rejection::UnknownCredential));
        };
        let method = self.check_key_assertion(auth, challenge_id, response, rp, Counted::ByFlow).await?;
        if !r.state.options.iter().any(|o| o.id == method.id) {
            return Err(Error::MethodNotFound);
        }
        self.reset_passed(&r, &method.id).await
    }

    /// The new password, once enough methods are proven: every session of the user
    /// ends and a notice goes to their email method, if they have one.
    pub async fn reset_password(&self, tenant: &Tenant, ticket: &str, new: &str) -> Result<(), Error> {
        let r = self.resetting(tenant, ticket).await?;
        let Some(mut auth) = r.auth.filter(|_| r.state.complete()) else {
            return Err(Error::ResetIncomplete);
        };
        let methods = self.methods(&auth).await?;
        let second_step = super::has_second_step(&tenant.policy, &methods);
        password::check_new(new, &auth.user.username, second_step).map_err(Error::WeakPassword)?;
        // Spend the ticket first: two parallel submissions cannot both set a password.
        self.reset_reply(self.ledger(&r.ledger, op::CloseReset {}).await?)?;
        auth.user.password_hash =
            password::hash(new, self.entropy).ok_or_else(|| Error::Storage("hashing failed".into()))?;
        auth.user.sessions_after = Some(self.now);
        auth.user.reset_required = false;
        put_json(self.store, &keys::user(&tenant.id, &auth.user.id), &auth.user, None).await?;
        self.end_standing_access(&auth).await?;
        let account = keys::ledger::account(&tenant.id, &auth.user.username);
        self.ledger(&account, op::ClearFailures {}).await?;
        self.log(tenant, &auth.user.id, api::Activity::PasswordReset).await;
        // The work address and every email method hear of it. The password is already
        // changed; a failed notice must not undo that.
        let mut to: Vec<crate::email::EmailAddress> =
            crate::email::EmailAddress::parse(&auth.user.username).into_iter().collect();
        for method in methods {
            if let MethodData::Email { address } = method.data {
                to.push(address);
            }
        }
        let change = api::Activity::PasswordReset;
        let link = self.report_link(tenant, &auth.user.id, &change, crate::report::Undo::Nothing).await;
        for address in to {
            let _ =
                self.courier.send(&password_changed_email(&address, &tenant.name, self.lang, link.as_deref())).await;
        }
        Ok(())
    }
}
