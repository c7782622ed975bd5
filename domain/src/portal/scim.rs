//! SCIM provisioning over the tenant's users: the directory creates, finds,
//! replaces, patches, turns off and deletes people with a bearer token an admin
//! created. Changes go through the same steps as the admin page's (the user's
//! ledger for the record, claims for names), and are audited with the token's name
//! as the actor.

use super::admin::require_admin;
use super::users::parse_display_name;
use super::{Authenticated, Portal};
use crate::access_pass::{self, INVITATION_DAYS};
use crate::delivery::Courier;
use crate::directory::{self, new_user_id};
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::scim::filter::{self, Filter};
use crate::scim::tokens::{self, TokenRecord};
use crate::scim::{etag, patch, ScimError, UserAttributes, MAX_RESULTS};
use crate::store::{get_json, put_json, Store};
use crate::tenant::{normalise_username, User};
use crate::{keys, Error, DAY};
use api::users::ScimTokenView;
use api::AuditAction;
use serde_json::Value;

/// Who is provisioning: the token's name, for the audit trail.
#[derive(Debug, Clone)]
pub struct Provisioner {
    pub actor: String,
}

fn index(tenant: &str) -> String {
    format!("t/{tenant}/st/")
}

/// A domain error as SCIM answers it.
fn scim(e: Error) -> ScimError {
    match e {
        Error::UsernameTaken => ScimError::new(409, Some("uniqueness"), "userName is taken"),
        Error::UserNotFound => ScimError::not_found(),
        Error::InvalidUsername | Error::InvalidDisplayName | Error::InvalidEmail => {
            ScimError::invalid_value(e.code().as_str())
        }
        Error::TooManyAttempts { .. } => ScimError::new(429, None, "too many requests"),
        other => ScimError::new(500, None, format!("internal: {}", other.code().as_str())),
    }
}

/// If-Match: the resource's current ETag, or `*`.
fn check_version(user: &User, if_match: Option<&str>) -> Result<(), ScimError> {
    match if_match.map(str::trim) {
        Some(tags) if tags != "*" && !tags.split(',').any(|t| t.trim() == etag(user)) => {
            Err(ScimError::new(412, None, "the resource changed (If-Match)"))
        }
        _ => Ok(()),
    }
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// The tenant's SCIM tokens (admins).
    pub async fn scim_tokens(&self, auth: &Authenticated) -> Result<Vec<ScimTokenView>, Error> {
        require_admin(auth)?;
        let mut out = vec![];
        for key in self.store.list(&index(&auth.tenant.id), 100).await? {
            if let Some(record) = get_json::<S, TokenRecord>(self.store, &key).await? {
                out.push(record.view());
            }
        }
        out.sort_by_key(|v| v.created_at);
        Ok(out)
    }

    /// A new token for the directory, shown once. Creating one hands out the
    /// whole directory: it needs the admin's recent second step.
    pub async fn create_scim_token(&self, auth: &Authenticated, name: &str) -> Result<(String, ScimTokenView), Error> {
        require_admin(auth)?;
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let name = parse_display_name(name).map_err(|_| Error::InvalidName)?;
        if self.store.list(&index(&auth.tenant.id), 100).await?.len() >= tokens::MAX_TOKENS {
            return Err(Error::TooManyClients);
        }
        let (token, record) = tokens::issue(self.entropy, self.keys()?, name, auth.user.username.clone(), self.now);
        put_json(self.store, &format!("{}{}", index(&auth.tenant.id), record.id), &record, None).await?;
        self.audit(auth, AuditAction::ScimTokenCreated { name: record.name.clone() }).await?;
        Ok((token, record.view()))
    }

    pub async fn revoke_scim_token(&self, auth: &Authenticated, id: &str) -> Result<(), Error> {
        require_admin(auth)?;
        let key = format!("{}{id}", index(&auth.tenant.id));
        let record: TokenRecord = match crate::methods::valid_id(id) {
            true => get_json(self.store, &key).await?.ok_or(Error::NotFound)?,
            false => return Err(Error::NotFound),
        };
        self.store.delete(&key).await?;
        self.audit(auth, AuditAction::ScimTokenRevoked { name: record.name }).await
    }

    /// The caller of a SCIM request, by its bearer token; rate-limited per token.
    pub async fn provisioner(&self, bearer: Option<&str>) -> Result<Provisioner, ScimError> {
        let unauthorized = || ScimError::new(401, None, "a valid bearer token is required");
        let (id, secret) = bearer.and_then(tokens::parse).ok_or_else(unauthorized)?;
        let key = format!("{}{id}", index(&self.tenant.id));
        let mut record: TokenRecord = get_json(self.store, &key).await.map_err(scim)?.ok_or_else(unauthorized)?;
        if !record.admits(self.keys().map_err(scim)?, secret) {
            return Err(unauthorized());
        }
        let spent = self.ledger(&keys::ledger::scim(&self.tenant.id, id), op::RecordSend { limit: tokens::RATE }).await;
        if let Err(op::Blocked { until }) = spent.map_err(scim)? {
            let mut e = ScimError::new(429, None, "too many requests");
            e.detail = format!("too many requests; retry after {} s", super::seconds_until(self.now, until));
            return Err(e);
        }
        if record.last_used_at.is_none_or(|at| self.now >= at + tokens::USE_STAMP) {
            record.last_used_at = Some(self.now);
            put_json(self.store, &key, &record, None).await.map_err(scim)?;
        }
        Ok(Provisioner { actor: format!("SCIM: {}", record.name) })
    }

    /// POST /Users.
    pub async fn scim_create(&self, by: &Provisioner, body: &Value) -> Result<User, ScimError> {
        let attributes = UserAttributes::from_resource(body)?;
        let tenant = self.tenant.id.clone();
        let mut user = User::new(
            new_user_id(self.entropy),
            attributes.user_name.clone(),
            attributes.display_name.clone(),
            self.now,
        );
        user.emails = attributes.emails.clone();
        user.external_id = attributes.external_id.clone();
        user.disabled = !attributes.active;
        self.claim_username(&tenant, &user.username, &user.id).await.map_err(scim)?;
        put_json(self.store, &keys::user(&tenant, &user.id), &user, None).await.map_err(scim)?;
        self.store.put(&keys::username(&tenant, &user.username), &user.id, None).await.map_err(scim)?;
        self.audit_by(&by.actor, AuditAction::UserCreated { username: user.username.clone() }).await.map_err(scim)?;
        // Provisioned people have no password yet: a work address gets an invitation
        // (a one-time pass for 7 days, adopted at its first use like a tenant file's).
        if !user.disabled && user.work_email().is_some() {
            let (pass, invitation) = access_pass::invite(self.entropy, self.now + INVITATION_DAYS * DAY);
            let ttl = Some(INVITATION_DAYS * 86_400);
            put_json(self.store, &keys::invitation(&tenant, &user.id), &invitation, ttl).await.map_err(scim)?;
            self.send_invitation(&user, &pass).await.map_err(scim)?;
        }
        Ok(user)
    }

    /// GET /Users/{id}.
    pub async fn scim_user(&self, id: &str) -> Result<User, ScimError> {
        self.user_by_id(&self.tenant.id, id).await.map_err(scim)
    }

    /// GET /Users: the users the filter matches (all without one), in username
    /// order, `count` from the 1-based `start`; and how many match in all.
    pub async fn scim_users(
        &self,
        filter: Option<&str>,
        start: usize,
        count: usize,
    ) -> Result<(Vec<User>, usize), ScimError> {
        let tenant = self.tenant.id.clone();
        let filter = filter.filter(|f| !f.trim().is_empty()).map(filter::parse).transpose()?;
        let count = count.min(MAX_RESULTS);
        let skip = start.max(1) - 1;
        let found: Vec<User> = match filter {
            Some(Filter::Id(id)) => self.user_by_id(&tenant, &id).await.ok().into_iter().collect(),
            Some(Filter::UserName(name)) => match normalise_username(&name) {
                Some(name) => self.user_by_name(&name).await.map_err(scim)?.into_iter().collect(),
                None => vec![],
            },
            Some(other) => {
                let mut out = vec![];
                for (_, id) in directory::names(self.store, &tenant).await.map_err(scim)? {
                    if let Some(user) =
                        get_json::<S, User>(self.store, &keys::user(&tenant, &id)).await.map_err(scim)?
                    {
                        let matches = match &other {
                            Filter::ExternalId(x) => user.external_id.as_deref() == Some(x.as_str()),
                            Filter::Email { kind, value } => user.emails.iter().any(|e| {
                                e.value.eq_ignore_ascii_case(value)
                                    && kind
                                        .as_ref()
                                        .is_none_or(|k| e.kind.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(k)))
                            }),
                            _ => false,
                        };
                        if matches {
                            out.push(user);
                        }
                    }
                }
                out
            }
            None => {
                let names = directory::names(self.store, &tenant).await.map_err(scim)?;
                let total = names.len();
                let mut page = vec![];
                for (_, id) in names.into_iter().skip(skip).take(count) {
                    if let Some(user) =
                        get_json::<S, User>(self.store, &keys::user(&tenant, &id)).await.map_err(scim)?
                    {
                        page.push(user);
                    }
                }
                return Ok((page, total));
            }
        };
        let total = found.len();
        Ok((found.into_iter().skip(skip).take(count).collect(), total))
    }

    /// PUT /Users/{id}: the resource replaced by the body's attributes.
    pub async fn scim_replace(
        &self,
        by: &Provisioner,
        id: &str,
        body: &Value,
        if_match: Option<&str>,
    ) -> Result<User, ScimError> {
        let user = self.scim_user(id).await?;
        check_version(&user, if_match)?;
        let attributes = UserAttributes::from_resource(body)?;
        self.provision(by, user, attributes).await
    }

    /// PATCH /Users/{id}.
    pub async fn scim_patch(
        &self,
        by: &Provisioner,
        id: &str,
        body: &Value,
        if_match: Option<&str>,
    ) -> Result<User, ScimError> {
        let user = self.scim_user(id).await?;
        check_version(&user, if_match)?;
        let mut attributes = UserAttributes::of(&user);
        patch::apply(&mut attributes, body)?;
        self.provision(by, user, attributes).await
    }

    /// DELETE /Users/{id}: as the admin page's delete.
    pub async fn scim_delete(&self, by: &Provisioner, id: &str, if_match: Option<&str>) -> Result<(), ScimError> {
        let user = self.scim_user(id).await?;
        check_version(&user, if_match)?;
        self.erase(&self.tenant.id, &user).await.map_err(scim)?;
        self.audit_by(&by.actor, AuditAction::UserDeleted { username: user.username }).await.map_err(scim)
    }

    /// Brings `user` to `wanted`: only what differs changes (so a concurrent
    /// change of anything else stands), a new name is claimed first, and
    /// `active: false` turns the user off as the admin page does.
    async fn provision(&self, by: &Provisioner, user: User, wanted: UserAttributes) -> Result<User, ScimError> {
        let tenant = self.tenant.id.clone();
        let now = UserAttributes::of(&user);
        let renamed = wanted.user_name != now.user_name;
        if renamed {
            self.claim_username(&tenant, &wanted.user_name, &user.id).await.map_err(scim)?;
            self.store.put(&keys::username(&tenant, &wanted.user_name), &user.id, None).await.map_err(scim)?;
        }
        let mut changed: Vec<String> = vec![];
        let mut fields = vec![];
        if renamed {
            fields.push(op::Field::Username(wanted.user_name.clone()));
            changed.push("userName".into());
        }
        if wanted.display_name != now.display_name {
            fields.push(op::Field::DisplayName(wanted.display_name.clone()));
            changed.push("displayName".into());
        }
        if wanted.emails != now.emails {
            fields.push(op::Field::Emails(wanted.emails.clone()));
            changed.push("emails".into());
        }
        if wanted.external_id != now.external_id {
            fields.push(op::Field::ExternalId(wanted.external_id.clone()));
            changed.push("externalId".into());
        }
        let details = op::UserChange::Details { fields };
        let mut user = user;
        if !changed.is_empty() {
            let old_name = user.username.clone();
            user = self.change_user(&tenant, &user, details).await.map_err(scim)?;
            if renamed {
                self.release_username(&tenant, &old_name, &user.id).await.map_err(scim)?;
            }
        }
        // Only an `active` the request changes: the record read may be older than the
        // ledger's (an admin turning the user off meanwhile stands).
        if wanted.active != now.active && wanted.active == user.disabled {
            user = self.disable(&tenant, &user, !wanted.active).await.map_err(scim)?;
            changed.push("active".into());
        }
        if !changed.is_empty() {
            let action = AuditAction::UserProvisioned { username: user.username.clone(), changed };
            self.audit_by(&by.actor, action).await.map_err(scim)?;
        }
        Ok(user)
    }
}
