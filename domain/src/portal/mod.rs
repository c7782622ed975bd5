//! The product's flows over storage, ledgers and delivery: sign-in and the second
//! step, sessions, and the Security info page. The worker is a thin HTTP adapter
//! around these. One submodule per method kind.

mod access_pass;
mod activity;
mod admin;
mod app_passwords;

/// At most this many app passwords per user.
pub fn app_passwords_cap() -> usize {
    app_passwords::MAX_APP_PASSWORDS
}
mod authenticator;
pub mod calls;
mod questions;
mod recovery;
mod report;
mod reset;
mod security_keys;
mod sent_codes;
mod setup;

use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::error::seconds_until;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{uses, valid_id, Method, MethodData};
use crate::mfa::{self, Refusal};
use crate::policy::Rules;
use crate::sealing::Keyring;
use crate::session::{self, SecondStep, SessionPolicy, SessionRecord};
use crate::store::{get_json, put_json, Store};
use crate::tenant::{normalise_username, Tenant, User};
use crate::{keys, password, throttle, Error, Millis};
use api::{MfaOption, SecurityInfo};

/// Everything one request needs, borrowed from the runtime.
pub struct Portal<'a, S, L, M, E> {
    pub store: &'a S,
    pub ledgers: &'a L,
    pub courier: &'a M,
    pub entropy: &'a E,
    /// Keys sealing authenticator secrets; flows that need them fail without.
    pub keys: Option<&'a Keyring>,
    pub now: Millis,
    pub sessions: SessionPolicy,
    /// The client's address, for per-address limits on texts and calls.
    pub client_ip: &'a str,
    /// Country of the address when the network knows it (`CF-IPCountry`).
    pub client_country: Option<&'a str>,
    pub user_agent: &'a str,
    /// The request's language, for notices.
    pub lang: &'a str,
    /// Scheme, host and tenant prefix the user reached us at: links in notices.
    pub link_base: &'a str,
}

/// What the user's ledger holds of the methods, read in one call.
struct Registered {
    methods: Vec<Method>,
    default_method: Option<String>,
    recovery_spent: u8,
}

/// Someone the portal knows: a tenant's user. A session ([`Authenticated`]) is one
/// way to be one; a password reset's ticket, a report link or a passkey are others,
/// which never make a session up.
#[derive(Debug, Clone)]
pub struct Account {
    pub tenant: Tenant,
    pub user: User,
}

/// A signed-in request: who, in which tenant, under which session.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub account: Account,
    pub session: SessionRecord,
    /// The session's KV key, to record the second step.
    session_key: String,
    /// A new session token, once the second step passed (the old one ended): the
    /// worker sends it as the new cookie.
    pub renewed_token: Option<String>,
}

impl std::ops::Deref for Authenticated {
    type Target = Account;
    fn deref(&self) -> &Account {
        &self.account
    }
}

impl std::ops::DerefMut for Authenticated {
    fn deref_mut(&mut self) -> &mut Account {
        &mut self.account
    }
}

impl Authenticated {
    /// Everything but the second step itself needs it passed (or not required).
    pub fn require_full(&self) -> Result<(), Error> {
        match self.session.second_step {
            SecondStep::Pending => Err(Error::SecondStepRequired),
            _ => Ok(()),
        }
    }
}

/// Who counts a try at proving a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Counted {
    /// The user's second-step guard: someone who knows the password is guessing.
    BySecondStepGuard,
    /// The flow's own budget (a reset's tries, a passkey's per-address limit): a
    /// stranger must never move the user's sign-in counters or lock.
    ByFlow,
}

/// The ledgers counting sign-in failures for a name and for a client address.
struct Throttled {
    account: op::Name<op::ThrottleLedger>,
    /// The client's address (IPv6: its /64) and, for IPv6, its /48.
    addresses: Vec<(op::Name<op::ThrottleLedger>, throttle::Limit)>,
}

/// A fresh session: the token goes into the cookie, never into a body.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub auth: Authenticated,
}

/// The failure budgets of a client address: the address (IPv6: its /64), and for
/// IPv6 the looser one of its /48.
fn address_budgets(ip: &str) -> Vec<(op::Name<op::ThrottleLedger>, throttle::Limit)> {
    let mut out = vec![(keys::ledger::ip(ip), throttle::IP_FAILURES)];
    out.extend(keys::ledger::ip_wide(ip).map(|wide| (wide, throttle::WIDE_FAILURES)));
    out
}

/// Whether the user has a second-step method they may use now (not turned off,
/// not suspended): then sign-in asks for it and changes need it recently.
fn has_second_step(policy: &api::Policy, methods: &[Method]) -> bool {
    methods.iter().any(|m| uses(m.kind()).mfa && policy.usable(m))
}

/// Why a registered method cannot be used now, if it cannot.
fn usable(policy: &api::Policy, method: &Method) -> Result<(), Error> {
    match () {
        _ if method.suspended => Err(Error::MethodSuspended),
        _ if !policy.usable(method) => Err(Error::MethodTurnedOff),
        _ => Ok(()),
    }
}

/// The default sign-in method as the user meets it: the stored pointer while the
/// organization allows that method, else the strongest one it allows.
fn effective_default(policy: &api::Policy, methods: &[Method], stored: Option<String>) -> Option<String> {
    let usable = || methods.iter().filter(|m| policy.usable(m));
    match stored {
        Some(id) if usable().any(|m| m.id == id && uses(m.kind()).mfa) => Some(id),
        _ => crate::methods::strongest(usable()),
    }
}

fn mfa_options(policy: &api::Policy, methods: &[Method]) -> Vec<MfaOption> {
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

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Finds the tenant serving a host name (port ignored).
    pub async fn tenant_for_host(&self, host: &str) -> Result<Tenant, Error> {
        let host = host
            .rsplit_once(':')
            .map_or(host, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host });
        let host = host.to_ascii_lowercase();
        let id: String = self.store.get(&keys::host(&host)).await?.ok_or(Error::UnknownTenant)?;
        get_json(self.store, &keys::tenant(&id)).await?.ok_or(Error::UnknownTenant)
    }

    async fn ledger<K: op::Kind, R: op::Request<K>>(&self, name: &op::Name<K>, request: R) -> Result<R::Reply, Error> {
        self.ledgers.apply(name, request, self.now).await
    }

    fn user_ledger(&self, auth: &Account) -> op::Name<op::UserLedger> {
        keys::ledger::user(&auth.tenant.id, &auth.user.id)
    }

    fn blocked(&self, reply: Result<(), op::Blocked>) -> Result<(), Error> {
        reply.map_err(|op::Blocked { until }| Error::TooManyAttempts { retry_after: seconds_until(self.now, until) })
    }

    fn keys(&self) -> Result<&Keyring, Error> {
        self.keys.ok_or_else(|| Error::Storage("no key ring for sealing secrets (TOTP_KEYS)".into()))
    }

    /// Password sign-in. Unknown names and wrong passwords get the same error and
    /// take the same time; failures are throttled per name and per client address.
    /// Users with a second-step method get a session that can only pass that step.
    pub async fn sign_in(&self, tenant: &Tenant, username: &str, password: &str) -> Result<SignedIn, Error> {
        let name = normalise_username(username).ok_or(Error::InvalidCredentials)?;
        let throttled = self.sign_in_allowed(&tenant.id, &name, self.client_ip).await?;

        let user = match self.store.get(&keys::username(&tenant.id, &name)).await? {
            Some(id) => get_json::<S, User>(self.store, &keys::user(&tenant.id, &id)).await?,
            None => None,
        };
        let hash = user.as_ref().map_or(password::DUMMY_HASH, |u| u.password_hash.as_str());
        let ok = password::verify(password, hash);
        // After "This wasn't me" the old password is void: say what to do instead,
        // only to someone who knows it (anyone else learns nothing about the account).
        if ok && user.as_ref().is_some_and(|u| u.reset_required) {
            return Err(Error::PasswordResetRequired);
        }
        if let Some(u) = user.as_ref().filter(|_| !ok) {
            self.log(tenant, &u.id, api::Activity::SignInFailed).await;
        }
        let Some(user) = user.filter(|_| ok) else {
            self.sign_in_failed(&throttled).await?;
            return Err(Error::InvalidCredentials);
        };
        self.ledger(&throttled.account, op::ClearFailures {}).await?;

        let methods = self.methods_of(&tenant.id, &user.id).await?;
        // Only methods that can be used count (not turned off, not suspended).
        let second_step =
            if has_second_step(&tenant.policy, &methods) { SecondStep::Pending } else { SecondStep::NotRequired };
        let signed = self.open_session(tenant, user, second_step, None).await?;
        self.log(tenant, &signed.auth.user.id, api::Activity::SignedIn).await;
        Ok(signed)
    }

    /// Refuses while the name or the client address has too many recent failures.
    async fn sign_in_allowed(&self, tenant: &str, name: &str, ip: &str) -> Result<Throttled, Error> {
        let throttled = Throttled { account: keys::ledger::account(tenant, name), addresses: address_budgets(ip) };
        for (address, limit) in &throttled.addresses {
            self.blocked(self.ledger(address, op::CheckFailures { limit: *limit }).await?)?;
        }
        let by_account = op::CheckDelay { limit: throttle::ACCOUNT_FAILURES, cap: throttle::ACCOUNT_MAX_DELAY };
        self.blocked(self.ledger(&throttled.account, by_account).await?)?;
        Ok(throttled)
    }

    async fn sign_in_failed(&self, throttled: &Throttled) -> Result<(), Error> {
        for (address, limit) in &throttled.addresses {
            self.ledger(address, op::RecordFailure { limit: *limit }).await?;
        }
        self.ledger(&throttled.account, op::RecordDelayedFailure { limit: throttle::ACCOUNT_FAILURES }).await?;
        Ok(())
    }

    /// A new session for `user`: stored by the digest of its token, the token for the cookie.
    async fn open_session(
        &self,
        tenant: &Tenant,
        user: User,
        second_step: SecondStep,
        access_pass: Option<session::PassRef>,
    ) -> Result<SignedIn, Error> {
        let token = session::new_token(self.entropy);
        let mut record = SessionRecord::new(user.id.clone(), self.now, self.entropy);
        record.second_step = second_step;
        record.access_pass = access_pass;
        let session_key = keys::session(&tenant.id, &session::token_digest(&token));
        put_json(self.store, &session_key, &record, Some(record.ttl_seconds(self.sessions, self.now))).await?;
        let auth = Authenticated {
            account: Account { tenant: tenant.clone(), user },
            session: record,
            session_key,
            renewed_token: None,
        };
        Ok(SignedIn { token, auth })
    }

    /// The session behind a cookie token, if it is still live. Refreshes last-seen.
    pub async fn authenticate(&self, tenant: &Tenant, token: &str) -> Result<Authenticated, Error> {
        if !session::well_formed(token) {
            return Err(Error::Unauthenticated);
        }
        let session_key = keys::session(&tenant.id, &session::token_digest(token));
        let mut record: SessionRecord = get_json(self.store, &session_key).await?.ok_or(Error::Unauthenticated)?;
        if !record.is_live(self.sessions, self.now) {
            self.store.delete(&session_key).await?;
            return Err(Error::Unauthenticated);
        }
        let user: User =
            get_json(self.store, &keys::user(&tenant.id, &record.user_id)).await?.ok_or(Error::Unauthenticated)?;
        // A password reset ends every session made before it.
        if user.sessions_after.is_some_and(|after| record.created_at <= after) {
            self.store.delete(&session_key).await?;
            return Err(Error::Unauthenticated);
        }
        // A pass session ends when its pass is revoked or replaced.
        if let Some(pass) = &record.access_pass {
            let check = op::CheckPass { id: pass.id.clone() };
            if !self.ledger(&keys::ledger::user(&tenant.id, &user.id), check).await? {
                self.store.delete(&session_key).await?;
                return Err(Error::Unauthenticated);
            }
        }
        if record.needs_touch(self.now) {
            record.last_seen_at = self.now;
            put_json(self.store, &session_key, &record, Some(record.ttl_seconds(self.sessions, self.now))).await?;
        }
        Ok(Authenticated {
            account: Account { tenant: tenant.clone(), user },
            session: record,
            session_key,
            renewed_token: None,
        })
    }

    pub async fn sign_out(&self, tenant: &Tenant, token: &str) -> Result<(), Error> {
        if session::well_formed(token) {
            self.store.delete(&keys::session(&tenant.id, &session::token_digest(token))).await?;
        }
        Ok(())
    }

    /// The session as the SPA sees it; a pending second step lists its options.
    pub async fn session_view(&self, auth: &Authenticated) -> Result<api::Session, Error> {
        let second_step = match auth.session.second_step {
            SecondStep::NotRequired => api::SecondStep::NotRequired,
            SecondStep::Passed { at } => api::SecondStep::Passed { at },
            SecondStep::Pending => {
                let Registered { methods, default_method, .. } =
                    self.registered(&auth.tenant.id, &auth.user.id).await?;
                let policy = &auth.tenant.policy;
                api::SecondStep::Required {
                    default_method: effective_default(policy, &methods, default_method),
                    methods: mfa_options(policy, &methods),
                }
            }
        };
        Ok(api::Session {
            username: auth.user.username.clone(),
            display_name: auth.user.display_name.clone(),
            tenant_name: auth.tenant.name.clone(),
            csrf_token: auth.session.csrf_token.clone(),
            second_step,
            setup: self.setup_view(auth).await?,
            admin: auth.user.admin,
            access_pass_until: auth.session.access_pass.as_ref().map(|p| p.until),
        })
    }

    /// Records a passed second step on the session, under a new token (ASVS 5.0
    /// 7.2.4): a token seen before the step, in a log or over a shoulder, ends here.
    async fn passed_second_step(&self, auth: &mut Authenticated) -> Result<(), Error> {
        auth.session.second_step = SecondStep::Passed { at: self.now };
        let ttl = auth.session.ttl_seconds(self.sessions, self.now);
        if auth.session_key.is_empty() {
            return Ok(()); // not a stored session (reset, report)
        }
        let token = session::new_token(self.entropy);
        let key = keys::session(&auth.tenant.id, &session::token_digest(&token));
        put_json(self.store, &key, &auth.session, Some(ttl)).await?;
        self.store.delete(&auth.session_key).await?;
        auth.session_key = key;
        auth.renewed_token = Some(token);
        Ok(())
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
        let result = self.check_second_step(auth, method_id, code, challenge_id).await;
        match &result {
            Ok(kind) => self.log(&auth.tenant, &auth.user.id, api::Activity::SecondStepPassed { method: *kind }).await,
            Err(Error::WrongCode | Error::InvalidCode { .. }) => {
                self.log(&auth.tenant, &auth.user.id, api::Activity::SecondStepFailed).await
            }
            Err(_) => {}
        }
        result.map(|_| ())
    }

    async fn check_second_step(
        &self,
        auth: &mut Authenticated,
        method_id: &str,
        code: &str,
        challenge_id: Option<&str>,
    ) -> Result<api::MethodKind, Error> {
        let method = self.usable_method(auth, method_id).await?;
        if let MethodData::RecoveryCodes { .. } = method.data {
            self.spend_recovery_code(auth, &method, code, Counted::BySecondStepGuard).await?;
            self.passed_second_step(auth).await?;
            return Ok(method.kind());
        }
        let code = crate::code::OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
        let ledger = self.user_ledger(auth);
        let step = match &method.data {
            MethodData::AuthenticatorApp { secret, .. } => {
                self.reserve_second_step(&ledger).await?;
                let secret = self.open_secret(auth, &method.id, secret)?;
                Some(secret.check(&code, self.now).ok_or(Error::WrongCode)?)
            }
            MethodData::Phone { .. } => {
                let id = challenge_id.ok_or(Error::NoPendingVerification)?;
                self.reserve_second_step(&ledger).await?;
                match self.ledger(&ledger, op::VerifyChallenge { id: id.to_string(), code }).await? {
                    Ok(crate::code::Purpose::SecondStep { method_id, .. }) if method_id == method.id => {}
                    Ok(_) => return Err(Error::NoPendingVerification),
                    Err(error) => return Err(sent_codes::challenge_error(error, self.now)),
                }
                None
            }
            // Keys prove themselves through the WebAuthn endpoints, never with a code.
            MethodData::Email { .. }
            | MethodData::AlternatePhone { .. }
            | MethodData::SecurityKey { .. }
            | MethodData::SecurityQuestions { .. }
            | MethodData::AppPassword { .. }
            | MethodData::RecoveryCodes { .. } => return Err(Error::NotMfaCapable),
        };
        self.proven(auth, Counted::BySecondStepGuard, &method.id, step).await?;
        self.passed_second_step(auth).await?;
        self.method_used(&auth.tenant.id, &auth.user.id, &method.id).await?;
        Ok(method.kind())
    }

    async fn reserve_second_step(&self, ledger: &op::Name<op::UserLedger>) -> Result<(), Error> {
        self.ledger(ledger, op::ReserveSecondStep {}).await?.map_err(|refusal| self.refusal(refusal))
    }

    /// Takes a try before a method is checked, where `counted` says.
    async fn reserve(&self, auth: &Account, counted: Counted) -> Result<(), Error> {
        match counted {
            Counted::BySecondStepGuard => self.reserve_second_step(&self.user_ledger(auth)).await,
            Counted::ByFlow => Ok(()),
        }
    }

    /// The reserved try proved `method_id`: a TOTP `step` is spent once either way;
    /// only the second-step guard's own tries clear its failures.
    async fn proven(&self, auth: &Account, counted: Counted, method_id: &str, step: Option<u64>) -> Result<(), Error> {
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

    fn refusal(&self, refusal: Refusal) -> Error {
        match refusal {
            Refusal::Wait { until } => Error::TooManyAttempts { retry_after: seconds_until(self.now, until) },
            Refusal::Locked { until } => Error::SecondStepLocked { retry_after: seconds_until(self.now, until) },
            Refusal::Replayed => Error::CodeAlreadyUsed,
        }
    }

    /// Adding, deleting or changing a method needs a second step in the last 10
    /// minutes, once the user has any method that can serve as one.
    async fn require_recent_second_step(&self, auth: &Authenticated, methods: &[Method]) -> Result<(), Error> {
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
    fn require_adds_only(&self, auth: &Authenticated, methods: &[Method], kind: api::MethodKind) -> Result<(), Error> {
        if auth.session.access_pass.is_some() && methods.iter().any(|m| m.kind() == kind) {
            return Err(Error::AccessPassLimited);
        }
        Ok(())
    }

    /// The user's methods, default and spent recovery codes: one ledger call.
    async fn registered(&self, tenant: &str, user: &str) -> Result<Registered, Error> {
        let op::MethodList { methods, default_method, recovery_spent } =
            self.ledger(&keys::ledger::user(tenant, user), op::Methods {}).await?;
        Ok(Registered { methods, default_method, recovery_spent })
    }

    /// Oldest first.
    async fn methods_of(&self, tenant: &str, user: &str) -> Result<Vec<Method>, Error> {
        Ok(self.registered(tenant, user).await?.methods)
    }

    /// Registers `method`, replacing one with its id.
    async fn add_method(&self, auth: &Account, method: &Method) -> Result<(), Error> {
        self.ledger(&self.user_ledger(auth), op::AddMethod { method: Box::new(method.clone()) }).await?;
        Ok(())
    }

    /// Writes back a changed method, unless it was deleted meanwhile.
    async fn update_method(&self, auth: &Account, method: &Method) -> Result<(), Error> {
        let update = op::UpdateMethod { method: Box::new(method.clone()) };
        self.ledger(&self.user_ledger(auth), update).await?.map_err(|op::NotCurrent| Error::MethodNotFound)
    }

    /// Stamps a method's last use (for "unused" advice and the list).
    async fn method_used(&self, tenant: &str, user: &str, method_id: &str) -> Result<(), Error> {
        self.ledger(&keys::ledger::user(tenant, user), op::MethodUsed { method_id: method_id.to_string() }).await?;
        Ok(())
    }

    async fn methods(&self, auth: &Account) -> Result<Vec<Method>, Error> {
        self.methods_of(&auth.tenant.id, &auth.user.id).await
    }

    async fn method(&self, auth: &Account, id: &str) -> Result<Method, Error> {
        if !valid_id(id) {
            return Err(Error::MethodNotFound);
        }
        self.methods(auth).await?.into_iter().find(|m| m.id == id).ok_or(Error::MethodNotFound)
    }

    /// A registered method the organization still allows using.
    async fn usable_method(&self, auth: &Authenticated, id: &str) -> Result<Method, Error> {
        let method = self.method(auth, id).await?;
        usable(&auth.tenant.policy, &method)?;
        Ok(method)
    }

    async fn default_method(&self, auth: &Authenticated) -> Result<Option<String>, Error> {
        self.ledger(&self.user_ledger(auth), op::GetDefault {}).await
    }

    /// The Security info page: default sign-in method, registered methods, and what
    /// may still be added.
    pub async fn security_info(&self, auth: &Authenticated) -> Result<SecurityInfo, Error> {
        auth.require_full()?;
        let Registered { methods, default_method, recovery_spent } =
            self.registered(&auth.tenant.id, &auth.user.id).await?;
        let policy = &auth.tenant.policy;
        Ok(SecurityInfo {
            default_method: effective_default(policy, &methods, default_method),
            addable: auth.tenant.policy.addable(&methods),
            phone_countries: auth.tenant.policy.phone_countries(),
            phone_modes: auth.tenant.policy.phone_modes.clone(),
            advice: crate::health::advice(&methods, &auth.tenant.policy, self.now),
            methods: methods
                .iter()
                .map(|m| api::MethodView {
                    turned_off: !policy.usable(m),
                    ..crate::methods::with_spent(m.view(), recovery_spent)
                })
                .collect(),
        })
    }

    /// "Change" next to the default sign-in method.
    pub async fn set_default(&self, auth: &Authenticated, method_id: &str) -> Result<(), Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        let method = methods.iter().find(|m| m.id == method_id).ok_or(Error::MethodNotFound)?;
        if !uses(method.kind()).mfa {
            return Err(Error::NotMfaCapable);
        }
        usable(&auth.tenant.policy, method)?;
        let previous = self.default_method(auth).await?;
        let set = op::SetDefault { method_id: method.id.clone() };
        self.ledger(&self.user_ledger(auth), set).await?.map_err(|op::NotCurrent| Error::MethodNotFound)?;
        let changed = api::Activity::DefaultChanged { method: method.kind() };
        self.changed(auth, changed, crate::report::Undo::Default { previous }).await;
        Ok(())
    }

    /// Keeps a method suspended after "This wasn't me" (the user recognises it):
    /// it can be used again. Needs a recent second step, like any change.
    pub async fn keep_method(&self, auth: &Authenticated, method_id: &str) -> Result<(), Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        if auth.session.access_pass.is_some() {
            return Err(Error::AccessPassLimited);
        }
        let method = methods.iter().find(|m| m.id == method_id && m.suspended).ok_or(Error::MethodNotFound)?;
        let keep = op::KeepMethod { method_id: method.id.clone() };
        self.ledger(&self.user_ledger(auth), keep).await?.map_err(|op::NotCurrent| Error::MethodNotFound)
    }

    /// Deletes a method for good; it must be registered again from scratch. If it
    /// was the default, the default moves to the strongest remaining method.
    pub async fn delete_method(&self, auth: &Authenticated, id: &str) -> Result<(), Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        let method = methods.into_iter().find(|m| m.id == id).ok_or(Error::MethodNotFound)?;
        self.remove_method(auth, &method).await?;
        let activity = match &method.data {
            MethodData::AppPassword { name, .. } => api::Activity::AppPasswordDeleted { name: name.clone() },
            _ => api::Activity::MethodDeleted { method: method.kind() },
        };
        self.changed(auth, activity, crate::report::Undo::Restore { method: Box::new(method) }).await;
        Ok(())
    }

    /// Deletes `method`; a default pointing at it moves to the strongest one left
    /// (decided in the ledger, so a concurrent change of default cannot interleave).
    async fn remove_method(&self, auth: &Account, method: &Method) -> Result<(), Error> {
        self.ledger(&self.user_ledger(auth), op::MethodRemoved { method_id: method.id.clone() }).await?;
        if let MethodData::SecurityKey { credential, .. } = &method.data {
            self.release_credential(auth, &method.id, credential).await?;
        }
        Ok(())
    }

    /// Renames a method (authenticator apps carry a user-chosen name).
    pub async fn rename_method(&self, auth: &Authenticated, id: &str, name: &str) -> Result<api::MethodView, Error> {
        auth.require_full()?;
        let name = crate::methods::parse_name(name).ok_or(Error::InvalidName)?;
        let mut method = self.method(auth, id).await?;
        match &mut method.data {
            MethodData::AuthenticatorApp { name: current, .. }
            | MethodData::SecurityKey { name: current, .. }
            | MethodData::AppPassword { name: current, .. } => *current = name,
            MethodData::Email { .. }
            | MethodData::Phone { .. }
            | MethodData::AlternatePhone { .. }
            | MethodData::SecurityQuestions { .. }
            | MethodData::RecoveryCodes { .. } => return Err(Error::InvalidName),
        }
        self.update_method(auth, &method).await?;
        Ok(method.view())
    }
}
