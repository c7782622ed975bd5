//! The product's flows over storage, ledgers and delivery: sign-in, sessions and the
//! Security info page. The worker is a thin HTTP adapter around these.

use crate::code::{Challenge, ChallengeError, CodeDigest, OneTimeCode, Purpose};
use crate::delivery::{code_email, Mailer};
use crate::email::EmailAddress;
use crate::entropy::{self, Entropy};
use crate::error::seconds_until;
use crate::ledger::{Op, Reply};
use crate::methods::{valid_id, Method, MethodData};
use crate::session::{self, SessionPolicy, SessionRecord};
use crate::store::{get_json, put_json, Ledgers, Store};
use crate::tenant::{normalise_username, Tenant, User};
use crate::{keys, password, throttle, Error, Millis};
use api::{MethodKind, MethodView, PendingVerification, SecurityInfo};

/// Everything one request needs, borrowed from the runtime.
pub struct Portal<'a, S, L, M, E> {
    pub store: &'a S,
    pub ledgers: &'a L,
    pub mailer: &'a M,
    pub entropy: &'a E,
    pub now: Millis,
    pub sessions: SessionPolicy,
}

/// A signed-in request: who, in which tenant, under which session.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub tenant: Tenant,
    pub user: User,
    pub session: SessionRecord,
}

impl Authenticated {
    pub fn view(&self) -> api::Session {
        api::Session {
            username: self.user.username.clone(),
            display_name: self.user.display_name.clone(),
            tenant_name: self.tenant.name.clone(),
            csrf_token: self.session.csrf_token.clone(),
        }
    }
}

/// A fresh session: the token goes into the cookie, never into a body.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub auth: Authenticated,
}

impl<S: Store, L: Ledgers, M: Mailer, E: Entropy> Portal<'_, S, L, M, E> {
    /// Finds the tenant serving a host name (port ignored).
    pub async fn tenant_for_host(&self, host: &str) -> Result<Tenant, Error> {
        let host = host.rsplit_once(':').map_or(host, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host });
        let host = host.to_ascii_lowercase();
        let id: String = self.store.get(&keys::host(&host)).await?.ok_or(Error::UnknownTenant)?;
        get_json(self.store, &keys::tenant(&id)).await?.ok_or(Error::UnknownTenant)
    }

    async fn ledger(&self, name: &str, op: Op) -> Result<Reply, Error> {
        self.ledgers.apply(name, op, self.now).await
    }

    fn blocked(&self, reply: Reply) -> Result<(), Error> {
        match reply {
            Reply::Blocked { until } => Err(Error::TooManyAttempts { retry_after: seconds_until(self.now, until) }),
            _ => Ok(()),
        }
    }

    /// Password sign-in. Unknown names and wrong passwords get the same error and
    /// take the same time; failures are throttled per name and per client address.
    pub async fn sign_in(&self, tenant: &Tenant, username: &str, password: &str, ip: &str) -> Result<SignedIn, Error> {
        let name = normalise_username(username).ok_or(Error::InvalidCredentials)?;
        let account = keys::ledger::account(&tenant.id, &name);
        let address = keys::ledger::ip(ip);
        self.blocked(self.ledger(&address, Op::CheckFailures { limit: throttle::IP_FAILURES }).await?)?;
        self.blocked(self.ledger(&account, Op::CheckFailures { limit: throttle::ACCOUNT_FAILURES }).await?)?;

        let user = match self.store.get(&keys::username(&tenant.id, &name)).await? {
            Some(id) => get_json::<S, User>(self.store, &keys::user(&tenant.id, &id)).await?,
            None => None,
        };
        let hash = user.as_ref().map_or(password::DUMMY_HASH, |u| u.password_hash.as_str());
        let ok = password::verify(password, hash);
        let Some(user) = user.filter(|_| ok) else {
            self.ledger(&address, Op::RecordFailure { limit: throttle::IP_FAILURES }).await?;
            self.ledger(&account, Op::RecordFailure { limit: throttle::ACCOUNT_FAILURES }).await?;
            return Err(Error::InvalidCredentials);
        };
        self.ledger(&account, Op::ClearFailures).await?;

        let token = session::new_token(self.entropy);
        let record = SessionRecord::new(user.id.clone(), self.now, self.entropy);
        let ttl = record.ttl_seconds(self.sessions, self.now);
        put_json(self.store, &keys::session(&tenant.id, &session::token_digest(&token)), &record, Some(ttl)).await?;
        Ok(SignedIn { token, auth: Authenticated { tenant: tenant.clone(), user, session: record } })
    }

    /// The session behind a cookie token, if it is still live. Refreshes last-seen.
    pub async fn authenticate(&self, tenant: &Tenant, token: &str) -> Result<Authenticated, Error> {
        if !session::well_formed(token) {
            return Err(Error::Unauthenticated);
        }
        let key = keys::session(&tenant.id, &session::token_digest(token));
        let mut record: SessionRecord = get_json(self.store, &key).await?.ok_or(Error::Unauthenticated)?;
        if !record.is_live(self.sessions, self.now) {
            self.store.delete(&key).await?;
            return Err(Error::Unauthenticated);
        }
        let user: User =
            get_json(self.store, &keys::user(&tenant.id, &record.user_id)).await?.ok_or(Error::Unauthenticated)?;
        if record.needs_touch(self.now) {
            record.last_seen_at = self.now;
            put_json(self.store, &key, &record, Some(record.ttl_seconds(self.sessions, self.now))).await?;
        }
        Ok(Authenticated { tenant: tenant.clone(), user, session: record })
    }

    pub async fn sign_out(&self, tenant: &Tenant, token: &str) -> Result<(), Error> {
        if session::well_formed(token) {
            self.store.delete(&keys::session(&tenant.id, &session::token_digest(token))).await?;
        }
        Ok(())
    }

    async fn methods(&self, auth: &Authenticated) -> Result<Vec<Method>, Error> {
        let prefix = keys::methods(&auth.tenant.id, &auth.user.id);
        let mut methods = vec![];
        for key in self.store.list(&prefix, 1000).await? {
            if let Some(m) = get_json::<S, Method>(self.store, &key).await? {
                methods.push(m);
            }
        }
        methods.sort_by_key(|m| m.created_at);
        Ok(methods)
    }

    /// The Security info page: registered methods and what may still be added.
    pub async fn security_info(&self, auth: &Authenticated) -> Result<SecurityInfo, Error> {
        let methods = self.methods(auth).await?;
        Ok(SecurityInfo {
            default_method: None,
            addable: auth.tenant.policy.addable(&methods),
            methods: methods.iter().map(Method::view).collect(),
        })
    }

    /// Step one of adding an email method: validate the address and send a code.
    pub async fn start_email(&self, auth: &Authenticated, address: &str, lang: &str) -> Result<PendingVerification, Error> {
        let methods = self.methods(auth).await?;
        if !auth.tenant.policy.addable(&methods).contains(&MethodKind::Email) {
            return Err(Error::MethodNotOffered);
        }
        let address = EmailAddress::parse(address).ok_or(Error::InvalidEmail)?;
        if auth.tenant.own_domains.iter().any(|d| address.is_in_domain(d)) {
            return Err(Error::WorkEmailNotAllowed);
        }
        let code = OneTimeCode::generate(self.entropy);
        let id = entropy::token::<E, 16>(self.entropy);
        let purpose = Purpose::RegisterEmail { address: address.clone() };
        let challenge = Challenge::new(id, purpose, CodeDigest::new(&code, self.entropy), self.now);
        let op = Op::StartChallenge { challenge, limit: throttle::CODE_SENDS };
        let challenge = self.challenge_reply(self.ledger(&self.user_ledger(auth), op).await?)?;
        self.mailer.send(&code_email(&address, code.as_str(), &auth.tenant.name, lang)).await?;
        Ok(pending(&challenge, &address))
    }

    /// Sends a fresh code for a pending email registration.
    pub async fn resend_email(&self, auth: &Authenticated, challenge_id: &str, lang: &str) -> Result<PendingVerification, Error> {
        let code = OneTimeCode::generate(self.entropy);
        let op = Op::ResendChallenge {
            id: challenge_id.to_string(),
            code: CodeDigest::new(&code, self.entropy),
            limit: throttle::CODE_SENDS,
        };
        let challenge = self.challenge_reply(self.ledger(&self.user_ledger(auth), op).await?)?;
        let Purpose::RegisterEmail { address } = &challenge.purpose;
        self.mailer.send(&code_email(address, code.as_str(), &auth.tenant.name, lang)).await?;
        Ok(pending(&challenge, address))
    }

    /// Step two: the code proves the address; only now is a method stored.
    pub async fn verify_email(&self, auth: &Authenticated, challenge_id: &str, code: &str) -> Result<MethodView, Error> {
        let code = OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
        let op = Op::VerifyChallenge { id: challenge_id.to_string(), code };
        let purpose = match self.ledger(&self.user_ledger(auth), op).await? {
            Reply::Verified { purpose } => purpose,
            other => return Err(self.challenge_reply(other).err().unwrap_or(Error::NoPendingVerification)),
        };
        let Purpose::RegisterEmail { address } = purpose;
        let method = Method::single(MethodData::Email { address }, self.now);
        put_json(self.store, &keys::method(&auth.tenant.id, &auth.user.id, &method.id), &method, None).await?;
        Ok(method.view())
    }

    /// Deletes a method for good; it must be registered again from scratch.
    pub async fn delete_method(&self, auth: &Authenticated, id: &str) -> Result<(), Error> {
        if !valid_id(id) {
            return Err(Error::MethodNotFound);
        }
        let key = keys::method(&auth.tenant.id, &auth.user.id, id);
        if self.store.get(&key).await?.is_none() {
            return Err(Error::MethodNotFound);
        }
        self.store.delete(&key).await
    }

    fn user_ledger(&self, auth: &Authenticated) -> String {
        keys::ledger::user(&auth.tenant.id, &auth.user.id)
    }

    /// Maps a ledger's answer about a challenge to the challenge or an error.
    fn challenge_reply(&self, reply: Reply) -> Result<Challenge, Error> {
        match reply {
            Reply::Started { challenge } => Ok(challenge),
            Reply::Blocked { until } => Err(Error::TooManyAttempts { retry_after: seconds_until(self.now, until) }),
            Reply::Failed { error } => Err(match error {
                ChallengeError::NotFound => Error::NoPendingVerification,
                ChallengeError::Expired => Error::CodeExpired,
                ChallengeError::Wrong { attempts_left } => Error::InvalidCode { attempts_left },
                ChallengeError::Locked => Error::CodeLocked,
                ChallengeError::ResendTooSoon { resend_at } => {
                    Error::ResendTooSoon { retry_after: seconds_until(self.now, resend_at) }
                }
                ChallengeError::TooManySends => Error::CodeLocked,
            }),
            Reply::Done | Reply::Verified { .. } => Err(Error::Storage("unexpected ledger reply".into())),
        }
    }
}

fn pending(challenge: &Challenge, address: &EmailAddress) -> PendingVerification {
    PendingVerification {
        challenge_id: challenge.id.clone(),
        masked_destination: address.masked(),
        expires_at: challenge.expires_at,
        resend_at: challenge.resend_at(),
    }
}
