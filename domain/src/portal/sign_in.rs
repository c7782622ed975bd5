//! Signing in and out, and the session behind a cookie.

use super::{effective_default, has_second_step, mfa_options, Account, Authenticated, Portal, SignedIn};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::session::{self, Amr, SecondStep, SessionRecord, Token};
use crate::store::{get_json, Store};
use crate::tenant::{normalise_username, User};
use crate::{keys, password, throttle, Error};

/// The ledgers counting sign-in failures for a name and for a client address.
pub(super) struct Throttled {
    pub(super) account: op::Name<op::ThrottleLedger>,
    /// The client's address (IPv6: its /64) and, for IPv6, its /48.
    pub(super) addresses: Vec<(op::Name<op::ThrottleLedger>, throttle::Limit)>,
}

/// The failure budgets of a client address: the address (IPv6: its /64), and for
/// IPv6 the looser one of its /48.
pub(super) fn address_budgets(ip: &str) -> Vec<(op::Name<op::ThrottleLedger>, throttle::Limit)> {
    let mut out = vec![(keys::ledger::ip(ip), throttle::IP_FAILURES)];
    out.extend(keys::ledger::ip_wide(ip).map(|wide| (wide, throttle::WIDE_FAILURES)));
    out
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Password sign-in. Unknown names and wrong passwords get the same error and
    /// take the same time; failures are throttled per name and per client address.
    /// Users with a second-step method get a session that can only pass that step.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<SignedIn, Error> {
        let name = normalise_username(username).ok_or(Error::InvalidCredentials)?;
        let throttled = self.sign_in_allowed(&self.tenant.id, &name, self.client_ip).await?;

        let user = self.user_by_name(&name).await?;
        let ok = password::verify_user(password, user.as_ref());
        // After "This wasn't me" the old password is void: say what to do instead,
        // only to someone who knows it (anyone else learns nothing about the account).
        if ok && user.as_ref().is_some_and(|u| u.reset_required) {
            return Err(Error::PasswordResetRequired);
        }
        if let Some(u) = user.as_ref().filter(|_| !ok) {
            self.log(self.tenant, &u.id, api::Activity::SignInFailed).await;
        }
        let Some(user) = user.filter(|_| ok) else {
            self.sign_in_failed(&throttled).await?;
            return Err(Error::InvalidCredentials);
        };
        self.ledger(&throttled.account, op::ClearFailures {}).await?;

        let methods = self.methods_of(&self.tenant.id, &user.id).await?;
        // Only methods that can be used count (not turned off, not suspended).
        let second_step =
            if has_second_step(&self.tenant.policy, &methods) { SecondStep::Pending } else { SecondStep::NotRequired };
        let signed = self.open_session(user, second_step, None, vec![Amr::Pwd]).await?;
        self.log(self.tenant, &signed.auth.user.id, api::Activity::SignedIn).await;
        Ok(signed)
    }

    /// Refuses while the name or the client address has too many recent failures.
    pub(super) async fn sign_in_allowed(&self, tenant: &str, name: &str, ip: &str) -> Result<Throttled, Error> {
        let throttled = Throttled { account: keys::ledger::account(tenant, name), addresses: address_budgets(ip) };
        for (address, limit) in &throttled.addresses {
            self.blocked(self.ledger(address, op::CheckFailures { limit: *limit }).await?)?;
        }
        let by_account = op::CheckDelay { limit: throttle::ACCOUNT_FAILURES, cap: throttle::ACCOUNT_MAX_DELAY };
        self.blocked(self.ledger(&throttled.account, by_account).await?)?;
        Ok(throttled)
    }

    pub(super) async fn sign_in_failed(&self, throttled: &Throttled) -> Result<(), Error> {
        for (address, limit) in &throttled.addresses {
            self.ledger(address, op::RecordFailure { limit: *limit }).await?;
        }
        self.ledger(&throttled.account, op::RecordDelayedFailure { limit: throttle::ACCOUNT_FAILURES }).await?;
        Ok(())
    }

    /// A new session for `user`, kept in their ledger; the token for the cookie.
    pub(super) async fn open_session(
        &self,
        user: User,
        second_step: SecondStep,
        access_pass: Option<session::PassRef>,
        amr: Vec<Amr>,
    ) -> Result<SignedIn, Error> {
        // Every way in ends here: told only to whoever proved who they are.
        if user.disabled {
            return Err(Error::AccountDisabled);
        }
        let token = Token::new(&user.id, self.entropy);
        let mut record = SessionRecord::new(user.id.clone(), self.now, self.entropy);
        record.second_step = second_step;
        record.access_pass = access_pass;
        record.amr = amr;
        record.device = crate::activity::device(self.user_agent);
        record.country = self.client_country.map(str::to_string);
        let session_digest = token.digest();
        let open = op::OpenSession {
            digest: session_digest.clone(),
            session: Box::new(record.clone()),
            policy: self.sessions,
            seed: Box::new(user.clone()),
        };
        self.ledger(&keys::ledger::user(&self.tenant.id, &user.id), open).await?;
        let auth = Authenticated {
            account: Account { tenant: self.tenant.clone(), user },
            session: record,
            session_digest,
            renewed_token: None,
        };
        Ok(SignedIn { token: token.cookie(), auth })
    }

    /// The session behind a cookie token, if it is still live: one call to the
    /// user's ledger, which also answers with their record and methods.
    pub async fn authenticate(&self, cookie: &str) -> Result<Authenticated, Error> {
        let token = Token::parse(cookie).ok_or(Error::Unauthenticated)?;
        let ledger = keys::ledger::user(&self.tenant.id, &token.user_id);
        let session_digest = token.digest();
        let check = op::Authenticate { digest: session_digest.clone(), policy: self.sessions };
        let found = self.ledger(&ledger, check).await?.map_err(|op::NoSession| Error::Unauthenticated)?;
        self.signed_in(&ledger, &token.user_id, session_digest, found).await
    }

    /// The signed-in request a live session found in `ledger` (the user's) makes.
    pub(super) async fn signed_in(
        &self,
        ledger: &op::Name<op::UserLedger>,
        user_id: &str,
        session_digest: String,
        found: op::Found,
    ) -> Result<Authenticated, Error> {
        let user = match found.profile {
            Some(user) => *user,
            // Signed in before the ledger kept the record: the directory's copy.
            None => get_json(self.store, &keys::user(&self.tenant.id, user_id))
                .await?
                .filter(|u: &User| !u.disabled && u.sessions_after.is_none_or(|after| found.session.created_at > after))
                .ok_or(Error::Unauthenticated)?,
        };
        self.memo.keep(ledger.as_str(), found.methods);
        Ok(Authenticated {
            account: Account { tenant: self.tenant.clone(), user },
            session: found.session,
            session_digest,
            renewed_token: None,
        })
    }

    pub async fn sign_out(&self, cookie: &str) -> Result<(), Error> {
        if let Some(token) = Token::parse(cookie) {
            let ledger = keys::ledger::user(&self.tenant.id, &token.user_id);
            self.ledger(&ledger, op::EndSession { digest: token.digest() }).await?;
        }
        Ok(())
    }

    /// Writes back what changed on the request's session.
    pub(super) async fn save_session(&self, auth: &Authenticated) -> Result<(), Error> {
        let save = op::SaveSession {
            digest: auth.session_digest.clone(),
            session: Box::new(auth.session.clone()),
            policy: self.sessions,
        };
        self.ledger(&self.user_ledger(auth), save).await?.map_err(|op::NoSession| Error::Unauthenticated)
    }

    /// Stores the session under a new token and drops the old one (the router
    /// sets the new cookie). Not if it ended meanwhile (signed out from another device).
    pub(super) async fn renew_session(&self, auth: &mut Authenticated) -> Result<(), Error> {
        let token = Token::new(&auth.user.id, self.entropy);
        let renew = op::RenewSession {
            old: auth.session_digest.clone(),
            new: token.digest(),
            session: Box::new(auth.session.clone()),
            policy: self.sessions,
        };
        self.ledger(&self.user_ledger(auth), renew).await?.map_err(|op::NoSession| Error::Unauthenticated)?;
        auth.session_digest = token.digest();
        auth.renewed_token = Some(token.cookie());
        Ok(())
    }

    /// The request's session again under a new token, after a change that ended
    /// every session (a new password): it carries on as made just now.
    pub(super) async fn reopen_session(&self, auth: &mut Authenticated) -> Result<(), Error> {
        let token = Token::new(&auth.user.id, self.entropy);
        let open = op::OpenSession {
            digest: token.digest(),
            session: Box::new(auth.session.clone()),
            policy: self.sessions,
            seed: Box::new(auth.user.clone()),
        };
        self.ledger(&self.user_ledger(auth), open).await?;
        auth.session_digest = token.digest();
        auth.renewed_token = Some(token.cookie());
        Ok(())
    }

    /// The session as the SPA sees it; a pending second step lists its options.
    pub async fn session_view(&self, auth: &Authenticated) -> Result<api::Session, Error> {
        let second_step = match auth.session.second_step {
            SecondStep::NotRequired => api::SecondStep::NotRequired,
            SecondStep::Passed { at } => api::SecondStep::Passed { at },
            SecondStep::Pending => {
                let op::MethodList { methods, default_method, .. } =
                    self.registered(&auth.tenant.id, &auth.user.id).await?;
                let policy = &auth.tenant.policy;
                api::SecondStep::Required {
                    default_method: effective_default(policy, &methods, default_method),
                    methods: mfa_options(policy, &methods),
                }
            }
        };
        let setup = self.setup_view(auth).await?;
        // Held from here on (`require_setup_done`); a session already signed in when
        // an admin adds a requirement meets it at its next sign-in.
        if setup.is_some() && !auth.session.setup_due {
            let mut held = auth.clone();
            held.session.setup_due = true;
            // Renewed meanwhile by the second step (another request): the new token
            // is marked when its session is viewed.
            match self.save_session(&held).await {
                Ok(()) | Err(Error::Unauthenticated) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(api::Session {
            username: auth.user.username.clone(),
            display_name: auth.user.display_name.clone(),
            tenant_name: auth.tenant.name.clone(),
            csrf_token: auth.session.csrf_token.clone(),
            second_step,
            setup,
            admin: auth.user.admin,
            help_desk: auth.user.role() == api::users::Role::HelpDesk,
            access_pass_until: auth.session.access_pass.as_ref().map(|p| p.until),
        })
    }
}
