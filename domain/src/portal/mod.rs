//! The product's flows over storage, ledgers and delivery: sign-in and the second
//! step, sessions, and the Security info page. The worker is a thin HTTP adapter
//! around these. One submodule per flow (signing in, the second step, the methods
//! list, a reset, a report) and per method kind.

mod access_pass;
mod activity;
mod admin;
mod app_passwords;
mod apps;

pub use apps::{AppResult, Authorization};

/// At most this many app passwords per user.
pub fn app_passwords_cap() -> usize {
    app_passwords::MAX_APP_PASSWORDS
}
mod authenticator;
mod callers;
pub mod calls;
mod devices;
mod methods;
pub mod methods_report;
mod passkeys;
mod password;
mod questions;
mod recovery;
mod report;
mod reset;
mod scim;
mod second_step;
mod security_keys;
mod sent_codes;
mod setup;
mod sign_in;
pub mod users;
pub use scim::Provisioner;
pub use second_step::AppTried;

use methods::{effective_default, usable};
use second_step::{has_second_step, mfa_options, Counted};
use sign_in::address_budgets;

use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::error::seconds_until;
use crate::ledger::{self as op, Ledgers};
use crate::oidc::signing::SigningKeys;
use crate::sealing::Keyring;
use crate::session::{SecondStep, SessionPolicy, SessionRecord};
use crate::store::Store;
use crate::tenant::{Tenant, User};
use crate::{keys, Error, Millis};

/// Everything one request needs, borrowed from the runtime: built once the tenant
/// is known.
pub struct Portal<'a, S, L, M, E> {
    pub store: &'a S,
    pub ledgers: &'a L,
    pub courier: &'a M,
    pub entropy: &'a E,
    /// Keys sealing authenticator secrets; flows that need them fail without.
    pub keys: Option<&'a Keyring>,
    /// Keys signing OpenID Connect tokens; the provider fails without.
    pub signing: Option<&'a SigningKeys>,
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
    /// The tenant the request reached (by host, or by path prefix in development).
    pub tenant: &'a Tenant,
    /// What this request already read from a ledger (`Memo::default()` to start).
    pub memo: Memo,
}

/// The signed-in user's methods as read with their session: the request's first
/// read of them costs no second call. Any other operation on their ledger
/// forgets it (it may change them).
#[derive(Debug, Default)]
pub struct Memo(std::cell::RefCell<Option<(String, op::MethodList)>>);

impl Memo {
    fn methods(&self, ledger: &str) -> Option<op::MethodList> {
        self.0.borrow().as_ref().filter(|(name, _)| name == ledger).map(|(_, list)| list.clone())
    }
    fn keep(&self, ledger: &str, list: op::MethodList) {
        *self.0.borrow_mut() = Some((ledger.to_string(), list));
    }
    fn forget(&self, ledger: &str) {
        let mut memo = self.0.borrow_mut();
        if memo.as_ref().is_some_and(|(name, _)| name == ledger) {
            *memo = None;
        }
    }
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
    /// The digest of the session token's secret: the session's key in the ledger.
    session_digest: String,
    /// A new session token (the cookie's value), once the second step passed or
    /// the password changed (the old one ended): the worker sends it as the new cookie.
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

/// A fresh session: the token goes into the cookie, never into a body.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub auth: Authenticated,
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    async fn ledger<K: op::Kind, R: op::Request<K>>(&self, name: &op::Name<K>, request: R) -> Result<R::Reply, Error> {
        self.memo.forget(name.as_str());
        self.ledgers.apply(name, request, self.now).await
    }

    fn user_ledger(&self, auth: &Account) -> op::Name<op::UserLedger> {
        keys::ledger::user(&auth.tenant.id, &auth.user.id)
    }

    fn blocked(&self, reply: Result<(), op::Blocked>) -> Result<(), Error> {
        reply.map_err(|op::Blocked { until }| Error::TooManyAttempts { retry_after: seconds_until(self.now, until) })
    }

    fn keys(&self) -> Result<&Keyring, Error> {
        self.keys.ok_or_else(|| Error::Storage("no key ring for sealing secrets (SEALING_KEYS)".into()))
    }
}
