//! The second sign-in step: passing it, counting its tries, and requiring it
//! recently before changes.

use super::{sent_codes, Account, Authenticated, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::error::seconds_until;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{uses, Method, MethodData};
use crate::mfa::{self, Refusal};
use crate::policy::Rules;
use crate::session::{Amr, SecondStep, Token};
use crate::store::Store;
use crate::tenant::Tenant;
use crate::{keys, Error};
use api::MfaOption;

/// Who counts a try at proving a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Counted {
    /// The user's second-step guard: someone who knows the password is guessing.
    BySecondStepGuard,
    /// The flow's own budget (a reset's tries, a passkey's per-address limit): a
    /// stranger must never move the user's sign-in counters or lock.
    ByFlow,
}

/// Whether the user has a second-step method they may use now (not turned off,
/// not suspended): then sign-in asks for it and changes need it recently.
pub(super) fn has_second_step(policy: &api::Policy, methods: &[Method]) -> bool {
    methods.iter().any(|m| uses(m.kind()).mfa && policy.usable(m))
}

pub(super) fn mfa_options(policy: &api::Policy, methods: &[Method]) -> Vec<MfaOption> {
    use api::PhoneMode;
    // Recovery codes are offered as a backup: last, never the default.
    let mut options: Vec<&Method> = methods
        .iter()
        .filter(|m| uses(m.kind()).mfa || m.kind() == api::MethodKind::RecoveryCodes)
        .filter(|m| policy.usable(m))
        .collect();
    options.sort_by_key(|m| std::cmp::Reverse(mfa::strength(m.kind())));
    options
        .into_iter()
        .map(|m| MfaOption {
            id: m.id.clone(),
            kind: m.kind(),
            label: match &m.data {
                MethodData::AuthenticatorApp { name, .. }
                | MethodData::SecurityKey { name, .. }
                | MethodData::AppPassword { name, .. } => name.clone(),
                MethodData::Email { address } => address.masked(),
                MethodData::Phone { number, .. } | MethodData::AlternatePhone { number } => number.masked(),
                MethodData::SecurityQuestions { .. } | MethodData::RecoveryCodes { .. } => String::new(),
            },
            by_call: matches!(
                m.data,
                MethodData::Phone { mode: PhoneMode::Call, .. } | MethodData::AlternatePhone { .. }
            ),
        })
        .collect()
}

/// A second step the user's ledger decided in one call ([`Portal::app_second_step`]).
#[derive(Debug)]
pub struct AppTried {
    /// Whose session it was (it was live): for the request's log line.
    pub user_id: String,
    /// The session after the step passed, or why it did not.
    pub result: Result<Authenticated, Error>,
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Records a passed second step on the session, under a new token (ASVS 5.0
    /// 7.2.4): a token seen before the step, in a log or over a shoulder, ends here.
    /// `amr`: what proved it, for ID tokens.
    pub(super) async fn passed_second_step(&self, auth: &mut Authenticated, amr: Amr) -> Result<(), Error> {
        auth.session.second_step = SecondStep::Passed { at: self.now };
        if !auth.session.amr.contains(&amr) {
            auth.session.amr.push(amr);
        }
        self.renew_session(auth).await
    }

    /// The second sign-in step (also used to re-confirm before a change): a code
    /// from an authenticator app, or the code texted for `challenge_id`.
    pub async fn second_step(
        &self,
        auth: &mut Authenticated,
        method_id: &str,
        code: &str,
        challenge_id: Option<&str>,
    ) -> Result<(), Error> {
        let method = self.usable_method(auth, method_id).await?;
        if let MethodData::AuthenticatorApp { secret, .. } = &method.data {
            // The app's code is checked here and the try counted, the session
            // renewed and the activity logged in one call to the user's ledger.
            let code = crate::code::OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
            let secret = self.open_secret(auth, &method.id, secret)?;
            let proof = secret.check(&code, self.now).map_or(op::Proof::Wrong, op::Proof::Step);
            return self.try_second_step(auth, &method, proof).await;
        }
        let result = self.check_second_step(auth, &method, code, challenge_id).await;
        let kind = method.kind();
        match &result {
            Ok(()) => self.log(&auth.tenant, &auth.user.id, api::Activity::SecondStepPassed { method: kind }).await,
            // Per method, for the admins' methods activity report.
            Err(Error::WrongCode | Error::InvalidCode { .. }) => {
                let failed = api::Activity::SecondStepFailed { method: Some(kind) };
                self.log(&auth.tenant, &auth.user.id, failed).await
            }
            Err(_) => {}
        }
        result
    }

    /// The second step by the session's cookie, for an authenticator app's code:
    /// the session's checks (the router's: live, not a pass, no setup due, the
    /// CSRF token) and the try in one call to the user's ledger. `None` when it is
    /// not such a request: it then goes the usual way (the router's checks, then
    /// [`Portal::second_step`]), which says why.
    pub async fn app_second_step(
        &self,
        cookie: &str,
        csrf: &str,
        method_id: &str,
        code: &str,
    ) -> Result<Option<AppTried>, Error> {
        // Not an app's code (a recovery code's shape): no call for nothing.
        let shaped = crate::methods::valid_id(method_id) && crate::code::OneTimeCode::parse(code).is_some();
        let Some(token) = Token::parse(cookie).filter(|_| shaped) else { return Ok(None) };
        let renewed = Token::new(&token.user_id, self.entropy);
        let kind = api::MethodKind::AuthenticatorApp;
        let step = op::AppStep {
            digest: token.digest(),
            sessions: self.sessions,
            csrf: csrf.to_string(),
            tenant: self.tenant.id.clone(),
            method_id: method_id.to_string(),
            code: code.to_string(),
            allowed: self.tenant.policy.allows(kind),
            new: renewed.digest(),
            log: self.try_log(self.tenant, kind),
        };
        let ledger = keys::ledger::user(&self.tenant.id, &token.user_id);
        self.memo.forget(ledger.as_str());
        let result = match self.ledgers.app_second_step(&ledger, step, self.now).await? {
            op::AppStepped::Usual => return Ok(None),
            op::AppStepped::Passed(found) => {
                let mut auth = self.signed_in(&ledger, &token.user_id, renewed.digest(), *found).await?;
                auth.renewed_token = Some(renewed.cookie());
                Ok(auth)
            }
            op::AppStepped::Missed(missed) => Err(self.missed(missed)),
        };
        Ok(Some(AppTried { user_id: token.user_id, result }))
    }

    /// An authenticator app's code, checked against its secret (`proof`): the
    /// user's ledger takes the try and, if it was right, renews the session.
    async fn try_second_step(&self, auth: &mut Authenticated, method: &Method, proof: op::Proof) -> Result<(), Error> {
        let token = Token::new(&auth.user.id, self.entropy);
        let mut passed = auth.session.clone();
        passed.second_step = SecondStep::Passed { at: self.now };
        if !passed.amr.contains(&Amr::Otp) {
            passed.amr.push(Amr::Otp);
        }
        let log = self.try_log(&auth.tenant, method.kind());
        let renew = op::Renewal {
            old: auth.session_digest.clone(),
            new: token.digest(),
            session: passed.clone(),
            policy: self.sessions,
        };
        let attempt =
            op::TrySecondStep { method_id: method.id.clone(), proof, renew: Box::new(renew), log: Box::new(log) };
        if let Err(missed) = self.ledger(&self.user_ledger(auth), attempt).await? {
            return Err(self.missed(missed));
        }
        auth.session = passed;
        auth.session_digest = token.digest();
        auth.renewed_token = Some(token.cookie());
        Ok(())
    }

    /// A try's activity entry, made by the ledger once it knows the outcome.
    fn try_log(&self, tenant: &Tenant, method: api::MethodKind) -> op::TryLog {
        let origin = self.origin();
        let until = crate::activity::kept_until(origin.at, tenant.policy.activity_days);
        op::TryLog { method, origin, suffix: crate::activity::suffix(self.entropy), until }
    }

    /// What a try that did not pass answers.
    fn missed(&self, missed: op::Missed) -> Error {
        match missed {
            op::Missed::Wrong => Error::WrongCode,
            op::Missed::Refused(refusal) => self.refusal(refusal),
            op::Missed::NoSession => Error::Unauthenticated,
        }
    }

    /// A texted code or a recovery code as the second step.
    async fn check_second_step(
        &self,
        auth: &mut Authenticated,
        method: &Method,
        code: &str,
        challenge_id: Option<&str>,
    ) -> Result<(), Error> {
        if let MethodData::RecoveryCodes { .. } = method.data {
            self.spend_recovery_code(auth, method, code, Counted::BySecondStepGuard).await?;
            return self.passed_second_step(auth, Amr::Otp).await;
        }
        let code = crate::code::OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
        let ledger = self.user_ledger(auth);
        match &method.data {
            MethodData::Phone { .. } => {
                let id = challenge_id.ok_or(Error::NoPendingVerification)?;
                self.reserve_second_step(&ledger).await?;
                match self.ledger(&ledger, op::VerifyChallenge { id: id.to_string(), code }).await? {
                    Ok(crate::code::Purpose::SecondStep { method_id, .. }) if method_id == method.id => {}
                    Ok(_) => return Err(Error::NoPendingVerification),
                    Err(error) => return Err(sent_codes::challenge_error(error, self.now)),
                }
            }
            // Keys prove themselves through the WebAuthn endpoints, never with a code.
            MethodData::Email { .. }
            | MethodData::AuthenticatorApp { .. }
            | MethodData::AlternatePhone { .. }
            | MethodData::SecurityKey { .. }
            | MethodData::SecurityQuestions { .. }
            | MethodData::AppPassword { .. }
            | MethodData::RecoveryCodes { .. } => return Err(Error::NotMfaCapable),
        }
        self.proven(auth, Counted::BySecondStepGuard, &method.id, None).await?;
        self.passed_second_step(auth, Amr::Sms).await?;
        self.method_used(&auth.tenant.id, &auth.user.id, &method.id).await
    }

    pub(super) async fn reserve_second_step(&self, ledger: &op::Name<op::UserLedger>) -> Result<(), Error> {
        self.ledger(ledger, op::ReserveSecondStep {}).await?.map_err(|refusal| self.refusal(refusal))
    }

    /// Takes a try before a method is checked, where `counted` says.
    pub(super) async fn reserve(&self, auth: &Account, counted: Counted) -> Result<(), Error> {
        match counted {
            Counted::BySecondStepGuard => self.reserve_second_step(&self.user_ledger(auth)).await,
            Counted::ByFlow => Ok(()),
        }
    }

    /// The reserved try proved `method_id`: a TOTP `step` is spent once either way;
    /// only the second-step guard's own tries clear its failures.
    pub(super) async fn proven(
        &self,
        auth: &Account,
        counted: Counted,
        method_id: &str,
        step: Option<u64>,
    ) -> Result<(), Error> {
        let (ledger, method_id) = (self.user_ledger(auth), method_id.to_string());
        let reply = match (counted, step) {
            (Counted::BySecondStepGuard, step) => {
                self.ledger(&ledger, op::SecondStepSucceeded { method_id, step }).await?
            }
            (Counted::ByFlow, Some(step)) => self.ledger(&ledger, op::SpendStep { method_id, step }).await?,
            (Counted::ByFlow, None) => return Ok(()),
        };
        reply.map_err(|refusal| self.refusal(refusal))
    }

    pub(super) fn refusal(&self, refusal: Refusal) -> Error {
        match refusal {
            Refusal::Wait { until } => Error::TooManyAttempts { retry_after: seconds_until(self.now, until) },
            Refusal::Locked { until } => Error::SecondStepLocked { retry_after: seconds_until(self.now, until) },
            Refusal::Replayed => Error::CodeAlreadyUsed,
        }
    }

    /// Adding, deleting or changing a method needs a second step in the last 10
    /// minutes, once the user has any method that can serve as one.
    pub(super) async fn require_recent_second_step(
        &self,
        auth: &Authenticated,
        methods: &[Method],
    ) -> Result<(), Error> {
        auth.require_full()?;
        // A pass session registers new methods for someone who lost theirs.
        if auth.session.access_pass.is_some() {
            return Ok(());
        }
        let has_mfa = has_second_step(&auth.tenant.policy, methods);
        let since = self.now.saturating_sub(self.sessions.recent_second_step);
        if has_mfa && !auth.session.second_step.passed_since(since) {
            return Err(Error::RecentSecondStepRequired);
        }
        Ok(())
    }

    /// Registering a kind held once replaces what the user has: a pass session may
    /// only add, so it is refused there once the user has one.
    pub(super) fn require_adds_only(
        &self,
        auth: &Authenticated,
        methods: &[Method],
        kind: api::MethodKind,
    ) -> Result<(), Error> {
        if auth.session.access_pass.is_some() && methods.iter().any(|m| m.kind() == kind) {
            return Err(Error::AccessPassLimited);
        }
        Ok(())
    }
}
