//! Self-service password reset: username (after a proof of work) → prove as many
//! of the account's reset methods as the tenant requires → a new password, after
//! which every session of the user ends and a notice is mailed. An unknown name
//! gets a decoy of the same shape that can never complete.

mod proofs;

use super::{Account, Portal};
use crate::delivery::{password_changed_email, Courier};
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{uses, Method, MethodData};
use crate::policy::Rules;
use crate::reset::{challenge_solved, decoy_options, issue_challenge, option_label, ResetState, TICKET_TTL};
use crate::session::{self};
use crate::store::{get_json, Store};
use crate::tenant::{normalise_username, User};
use crate::{keys, password, throttle, Error};
use api::{MethodKind, ResetOption, ResetProgress, ResetStarted, WorkChallenge};

fn option_of(method: &Method) -> ResetOption {
    ResetOption { id: method.id.clone(), kind: method.kind(), label: option_label(&method.data) }
}

/// What a reset of these methods may use, when it can work: reset on, as many
/// usable methods as the organization asks for, and not security questions alone.
pub(crate) fn reset_options(policy: &api::Policy, methods: &[Method]) -> Option<Vec<ResetOption>> {
    let options: Vec<ResetOption> = methods
        .iter()
        .filter(|m| uses(m.kind()).reset && policy.reset.methods.contains(&m.kind()) && policy.usable(m))
        .map(option_of)
        .collect();
    let enough = options.len() >= usize::from(policy.reset.methods_required)
        && options.iter().any(|o| o.kind != MethodKind::SecurityQuestions);
    (policy.reset.enabled && enough).then_some(options)
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
    pub fn reset_challenge(&self) -> Result<WorkChallenge, Error> {
        Ok(WorkChallenge {
            challenge: issue_challenge(&self.reset_key()?, &self.tenant.id, self.now, self.entropy),
            bits: api::proof::BITS,
        })
    }

    pub(super) async fn user_by_name(&self, name: &str) -> Result<Option<User>, Error> {
        match self.store.get(&keys::username(&self.tenant.id, name)).await? {
            Some(id) => get_json(self.store, &keys::user(&self.tenant.id, &id)).await,
            None => Ok(None),
        }
    }

    /// Starts a reset for `username`. Limited per name and per client address; an
    /// unknown name answers like a known one.
    pub async fn start_reset(&self, username: &str, challenge: &str, nonce: u64) -> Result<ResetStarted, Error> {
        let policy = &self.tenant.policy;
        if !policy.reset.enabled {
            return Err(Error::ResetDisabled);
        }
        let key = self.reset_key()?;
        let solved =
            challenge_solved(&key, &self.tenant.id, challenge, username, nonce, self.now).ok_or(Error::WorkRequired)?;
        let name = normalise_username(username).ok_or(Error::InvalidCredentials)?;
        // The work starts one reset: spent in the name's ledger (it was done for this
        // name), until the challenge would have expired anyway.
        let spend = op::SpendOnce { id: solved.id, until: solved.expires_at };
        self.ledger(&keys::ledger::resets_for(&self.tenant.id, &name), spend)
            .await?
            .map_err(|op::Replayed| Error::WorkRequired)?;
        for (ledger, limit) in [
            (keys::ledger::resets_from(self.client_ip), throttle::IP_RESETS),
            (keys::ledger::resets_for(&self.tenant.id, &name), throttle::RESETS),
        ] {
            self.blocked(self.ledger(&ledger, op::RecordSend { limit }).await?)?;
        }
        // A user who is turned off resets nothing, and is answered like anyone.
        let user = self.user_by_name(&name).await?.filter(|u| !u.disabled);
        let methods = self.methods_of(&self.tenant.id, user.as_ref().map_or(name.as_str(), |u| u.id.as_str())).await?;
        // An account that cannot reset answers like an unknown name: a decoy of the
        // same shape (same storage reads), which never completes.
        let (user, options) = match (user, reset_options(policy, &methods)) {
            (Some(user), Some(options)) => (Some(user), options),
            _ => (None, decoy_options(&key, &self.tenant.id, &name, policy)),
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
        let ledger = keys::ledger::reset(&self.tenant.id, &session::token_digest(&ticket));
        self.ledger(&ledger, op::OpenReset { state: state.clone() }).await?;
        Ok(ResetStarted { ticket, required: state.required, options: state.options, expires_at: state.expires_at })
    }

    async fn resetting(&self, ticket: &str) -> Result<Resetting, Error> {
        if !session::well_formed(ticket) {
            return Err(Error::NoPendingVerification);
        }
        let ledger = keys::ledger::reset(&self.tenant.id, &session::token_digest(ticket));
        let state = self.reset_reply(self.ledger(&ledger, op::ReadReset {}).await?)?;
        let auth = match &state.user_id {
            Some(id) => {
                let user: User = get_json(self.store, &keys::user(&self.tenant.id, id))
                    .await?
                    .ok_or(Error::NoPendingVerification)?;
                Some(Account { tenant: self.tenant.clone(), user })
            }
            None => {
                // The read a real account makes, so a decoy takes as long.
                let _: Option<User> = get_json(self.store, &keys::user(&self.tenant.id, &state.name)).await?;
                None
            }
        };
        Ok(Resetting { tenant_id: self.tenant.id.clone(), ledger, state, auth })
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
    async fn reserve_reset_try(&self, r: &Resetting) -> Result<(), Error> {
        match self.ledger(&r.ledger, op::ReserveResetTry {}).await? {
            Err(crate::code::ChallengeError::Locked) => return Err(Error::ResetLocked),
            reply => self.reset_reply(reply)?,
        };
        let budget = op::ReserveTry { limit: throttle::RESET_TRIES };
        self.blocked(self.ledger(&keys::ledger::resets_for(&self.tenant.id, &r.state.name), budget).await?)
    }

    /// The new password, once enough methods are proven: every session of the user
    /// ends and a notice goes to their email method, if they have one.
    pub async fn reset_password(&self, ticket: &str, new: &str) -> Result<(), Error> {
        let r = self.resetting(ticket).await?;
        let Some(mut auth) = r.auth.filter(|_| r.state.complete()) else {
            return Err(Error::ResetIncomplete);
        };
        let methods = self.methods(&auth).await?;
        let second_step = super::has_second_step(&self.tenant.policy, &methods);
        password::check_new(new, &auth.user.username, second_step).map_err(Error::WeakPassword)?;
        // Spend the ticket first: two parallel submissions cannot both set a password.
        self.reset_reply(self.ledger(&r.ledger, op::CloseReset {}).await?)?;
        let hash = password::hash(new, self.entropy).ok_or_else(|| Error::Storage("hashing failed".into()))?;
        let change = op::UserChange::Password { hash, at: self.now };
        auth.user = self.change_user(&self.tenant.id, &auth.user, change).await?;
        self.end_standing_access(&auth).await?;
        let account = keys::ledger::account(&self.tenant.id, &auth.user.username);
        self.ledger(&account, op::ClearFailures {}).await?;
        self.log(self.tenant, &auth.user.id, api::Activity::PasswordReset).await;
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
        let link = self.report_link(&auth.user.id, &change, crate::report::Undo::Nothing).await;
        for address in to {
            let _ = self
                .courier
                .notify(&password_changed_email(&address, &self.tenant.name, self.lang, link.as_deref()))
                .await;
        }
        Ok(())
    }
}
