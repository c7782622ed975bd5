//! The admin page's users: find people, see their state and methods, create them
//! (with a one-time access pass), turn them off and on, delete them with all they
//! own, and act on their methods. Every action is audited; those that remove
//! methods or people need the admin's recent second step.
//!
//! Changes of a user's record go through the user's ledger ([`op::UserChange`]),
//! so an admin and the directory changing one user at once both land.

use super::admin::{require_admin, require_help_desk};
use super::methods::views;
use super::{Account, Authenticated, Portal};
use crate::access_pass::{self, INVITATION_DAYS};
use crate::delivery::Courier;
use crate::directory::new_user_id;
use crate::email::EmailAddress;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{uses, MethodData};
use crate::store::{get_json, put_json, Store};
use crate::tenant::{normalise_username, DirectoryEmail, User};
use crate::{keys, Error, DAY};
use api::users::{NewUser, Role, UserCreated, UserDetail, UserExport, UserPage, UserSummary, MAX_NAME, PAGE};
use api::AuditAction;

/// Pages of the name index one search reads at most before answering.
const SCAN_PAGES: usize = 8;

pub fn summary(user: &User) -> UserSummary {
    UserSummary {
        id: user.id.clone(),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        email: user.work_email().map(str::to_string),
        admin: user.admin,
        role: user.role(),
        disabled: user.disabled,
        must_reset: user.reset_required,
        must_register: user.must_register,
    }
}

/// A display name as stored: trimmed, 1 to 256 characters, no control characters.
pub fn parse_display_name(input: &str) -> Result<String, Error> {
    let name = input.trim();
    let ok = !name.is_empty() && name.chars().count() <= MAX_NAME && !name.chars().any(char::is_control);
    ok.then(|| name.to_string()).ok_or(Error::InvalidDisplayName)
}

/// A work address as stored, or none for an empty one.
pub fn parse_work_email(input: Option<&str>) -> Result<Option<String>, Error> {
    match input.map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => Ok(Some(EmailAddress::parse(e).ok_or(Error::InvalidEmail)?.into())),
        None => Ok(None),
    }
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Applies `change` to `user`'s record in their ledger and writes the result to
    /// KV. Two writers racing may write in either order: each checks afterwards
    /// that the ledger moved on no further than what it wrote, else writes again.
    pub(super) async fn change_user(&self, tenant: &str, user: &User, change: op::UserChange) -> Result<User, Error> {
        let ledger = keys::ledger::user(tenant, &user.id);
        let mut changed = *self.ledger(&ledger, op::ChangeUser { seed: Box::new(user.clone()), change }).await?;
        for _ in 0..3 {
            put_json(self.store, &keys::user(tenant, &changed.id), &changed, None).await?;
            match self.ledger(&ledger, op::Profile {}).await? {
                Some(latest) if latest.version > changed.version => changed = *latest,
                _ => break,
            }
        }
        Ok(changed)
    }

    /// The user with this id in the tenant, or `UserNotFound`.
    pub(super) async fn user_by_id(&self, tenant: &str, id: &str) -> Result<User, Error> {
        if !crate::methods::valid_id(id) {
            return Err(Error::UserNotFound);
        }
        get_json(self.store, &keys::user(tenant, id)).await?.ok_or(Error::UserNotFound)
    }

    /// Users whose name or username contains `query` (any case), in username
    /// order, from `cursor` on.
    pub async fn users(&self, auth: &Authenticated, query: &str, cursor: Option<&str>) -> Result<UserPage, Error> {
        require_help_desk(auth)?;
        let query = query.trim().to_lowercase();
        let prefix = keys::username(&auth.tenant.id, "");
        let mut users = vec![];
        let mut cursor = cursor.map(str::to_string);
        for _ in 0..SCAN_PAGES {
            let (names, next) = self.store.list_page(&prefix, cursor.as_deref(), PAGE).await?;
            for key in names {
                let Some(id) = self.store.get(&key).await? else { continue };
                let Some(user) = get_json::<S, User>(self.store, &keys::user(&auth.tenant.id, &id)).await? else {
                    continue;
                };
                let found = user.username.contains(&query) || user.display_name.to_lowercase().contains(&query);
                if found {
                    users.push(summary(&user));
                }
            }
            cursor = next;
            if cursor.is_none() || users.len() >= PAGE {
                break;
            }
        }
        Ok(UserPage { users, next: cursor })
    }

    /// One user's state and registered methods.
    pub async fn user_detail(&self, auth: &Authenticated, id: &str) -> Result<UserDetail, Error> {
        require_help_desk(auth)?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        let list = self.registered(&auth.tenant.id, &user.id).await?;
        let last_sign_in_at = crate::activity::page(self.ledgers, &auth.tenant.id, &user.id, None, self.now)
            .await?
            .entries
            .iter()
            .find(|e| matches!(e.activity, api::Activity::SignedIn | api::Activity::SignedInWithAccessPass))
            .map(|e| e.at);
        Ok(UserDetail {
            user: summary(&user),
            created_at: user.created_at,
            locked_until: list.locked_until,
            last_sign_in_at,
            methods: views(&auth.tenant.policy, &list),
            default_method: list.default_method,
            caller_verified_until: self.caller_verified_until(auth, &user.id).await?,
        })
    }

    /// A new user without password or methods, and a one-time access pass (valid
    /// seven days, shown once) to set them up with.
    pub async fn create_user(&self, auth: &Authenticated, new: &NewUser) -> Result<UserCreated, Error> {
        require_admin(auth)?;
        // The pass signs someone in without password or second step.
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let name = normalise_username(&new.username).ok_or(Error::InvalidUsername)?;
        let mut user =
            User::new(new_user_id(self.entropy), name.clone(), parse_display_name(&new.display_name)?, self.now);
        user.emails = parse_work_email(new.email.as_deref())?.into_iter().map(DirectoryEmail::work).collect();
        self.claim_username(&auth.tenant.id, &name, &user.id).await?;
        put_json(self.store, &keys::user(&auth.tenant.id, &user.id), &user, None).await?;
        self.store.put(&keys::username(&auth.tenant.id, &name), &user.id, None).await?;
        let expires_at = self.now + INVITATION_DAYS * DAY;
        let (pass, state) = access_pass::issue(self.entropy, self.keys()?, true, expires_at);
        self.ledger(&keys::ledger::user(&auth.tenant.id, &user.id), op::IssuePass { pass: state }).await?;
        self.audit(auth, AuditAction::UserCreated { username: name }).await?;
        let emailed = self.send_invitation(&user, &pass).await?;
        Ok(UserCreated { user: summary(&user), pass, expires_at, emailed })
    }

    /// Emails `user` an invitation to their work address, if they have one: the
    /// one-time `pass` and where to sign in with it. Whether it went.
    pub(super) async fn send_invitation(&self, user: &User, pass: &str) -> Result<bool, Error> {
        let Some(address) = user.work_email().and_then(EmailAddress::parse) else { return Ok(false) };
        let link = format!("{}/signin", self.link_base);
        let mail =
            crate::delivery::invitation_email(&address, &user.username, pass, &link, &self.tenant.name, self.lang);
        self.courier.notify(&mail).await?;
        Ok(true)
    }

    /// Takes `name` for `id`: refused if the index or a claim names someone else
    /// (the claim decides between two creations at once).
    pub(super) async fn claim_username(&self, tenant: &str, name: &str, id: &str) -> Result<(), Error> {
        if self.store.get(&keys::username(tenant, name)).await?.is_some_and(|holder| holder != id) {
            return Err(Error::UsernameTaken);
        }
        let claim = op::ClaimCredential { owner: id.to_string() };
        self.ledger(&keys::ledger::username(tenant, name), claim).await?.map_err(|op::Taken| Error::UsernameTaken)
    }

    /// Lets go of `name` (a user renamed or deleted).
    pub(super) async fn release_username(&self, tenant: &str, name: &str, id: &str) -> Result<(), Error> {
        self.ledger(&keys::ledger::username(tenant, name), op::ReleaseCredential { owner: id.to_string() }).await?;
        self.store.delete(&keys::username(tenant, name)).await
    }

    /// Turns a user off (every way in refused; sessions, app tokens and an access
    /// pass end) or on again. An admin cannot turn themselves off.
    pub async fn set_user_disabled(
        &self,
        auth: &Authenticated,
        id: &str,
        disabled: bool,
    ) -> Result<UserSummary, Error> {
        require_admin(auth)?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        if disabled && user.id == auth.user.id {
            return Err(Error::Forbidden);
        }
        let user = self.disable(&auth.tenant.id, &user, disabled).await?;
        let action = if disabled {
            AuditAction::UserDisabled { username: user.username.clone() }
        } else {
            AuditAction::UserEnabled { username: user.username.clone() }
        };
        self.audit(auth, action).await?;
        Ok(summary(&user))
    }

    /// Makes a user an admin, help desk or neither. Not oneself (the last admin
    /// would lock the tenant's settings away).
    pub async fn set_user_role(&self, auth: &Authenticated, id: &str, role: Role) -> Result<UserSummary, Error> {
        require_admin(auth)?;
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        if user.id == auth.user.id {
            return Err(Error::Forbidden);
        }
        let user = self.change_user(&auth.tenant.id, &user, op::UserChange::Role { role }).await?;
        // Sessions carry no role: the next request already sees the new one.
        self.audit(auth, AuditAction::RoleChanged { username: user.username.clone(), role }).await?;
        Ok(summary(&user))
    }

    /// The change itself, shared with the directory (SCIM `active`).
    pub(super) async fn disable(&self, tenant: &str, user: &User, disabled: bool) -> Result<User, Error> {
        let changed = self.change_user(tenant, user, op::UserChange::Disabled { disabled, at: self.now }).await?;
        if disabled {
            self.ledger(&keys::ledger::user(tenant, &user.id), op::RevokeGrants {}).await?;
            self.end_access_pass(tenant, &user.id).await?;
        }
        Ok(changed)
    }

    /// Everything kept about a user, for the admin to download before deleting.
    pub async fn export_user(&self, auth: &Authenticated, id: &str) -> Result<UserExport, Error> {
        require_admin(auth)?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        let list = self.registered(&auth.tenant.id, &user.id).await?;
        let mut activity = vec![];
        let mut cursor: Option<String> = None;
        for _ in 0..50 {
            let page =
                crate::activity::page(self.ledgers, &auth.tenant.id, &user.id, cursor.as_deref(), self.now).await?;
            activity.extend(page.entries);
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        self.audit(auth, AuditAction::UserExported { username: user.username.clone() }).await?;
        Ok(UserExport {
            user: summary(&user),
            external_id: user.external_id.clone(),
            created_at: user.created_at,
            methods: views(&auth.tenant.policy, &list),
            activity,
            exported_at: self.now,
        })
    }

    /// Deletes a user and everything they own: methods (and their keys' claims),
    /// passes, grants, activity, the record and the name. Their sessions and app
    /// tokens end with the record. Not oneself.
    pub async fn delete_user(&self, auth: &Authenticated, id: &str) -> Result<(), Error> {
        require_admin(auth)?;
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        if user.id == auth.user.id {
            return Err(Error::Forbidden);
        }
        self.erase(&auth.tenant.id, &user).await?;
        self.audit(auth, AuditAction::UserDeleted { username: user.username }).await
    }

    /// The deletion itself, shared with the directory (SCIM DELETE).
    pub(super) async fn erase(&self, tenant: &str, user: &User) -> Result<(), Error> {
        let holder = Account { tenant: self.tenant.clone(), user: user.clone() };
        for method in self.methods_of(tenant, &user.id).await? {
            if let MethodData::SecurityKey { credential, .. } = &method.data {
                self.release_credential(&holder, &method.id, credential).await?;
            }
        }
        // The name first: once it is gone nobody signs in as the user.
        self.release_username(tenant, &user.username, &user.id).await?;
        self.ledger(&keys::ledger::user(tenant, &user.id), op::Clear {}).await?;
        self.end_access_pass(tenant, &user.id).await?;
        self.ledgers.erase(&keys::journal::activity(tenant, &user.id)).await?;
        self.store.delete(&keys::user(tenant, &user.id)).await
    }

    /// Deletes one of a user's methods; the user hears of it.
    pub async fn delete_user_method(&self, auth: &Authenticated, id: &str, method_id: &str) -> Result<(), Error> {
        require_help_desk(auth)?;
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        self.require_caller_verified(auth, &user).await?;
        let holder = Account { tenant: auth.tenant.clone(), user: user.clone() };
        let method = self.method(&holder, method_id).await?;
        self.remove_method(&holder, &method).await?;
        self.changed(&holder, api::Activity::MethodDeleted { method: method.kind() }, crate::report::Undo::Nothing)
            .await;
        self.audit(auth, AuditAction::UserMethodDeleted { username: user.username, method: method.kind() }).await
    }

    /// Clears the user's second-step methods (recovery codes, their backup, too)
    /// and signs them out: at the next sign-in the wizard asks for a new one,
    /// without "Skip for now".
    pub async fn require_registration(&self, auth: &Authenticated, id: &str) -> Result<(), Error> {
        require_help_desk(auth)?;
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        self.require_caller_verified(auth, &user).await?;
        let holder = Account { tenant: auth.tenant.clone(), user: user.clone() };
        let second_step =
            |m: &&crate::methods::Method| uses(m.kind()).mfa || m.kind() == api::MethodKind::RecoveryCodes;
        for method in self.methods(&holder).await?.iter().filter(second_step) {
            self.remove_method(&holder, method).await?;
            self.log(&auth.tenant, &user.id, api::Activity::MethodDeleted { method: method.kind() }).await;
        }
        let user = self.change_user(&auth.tenant.id, &user, op::UserChange::MustRegister { required: true }).await?;
        self.change_user(&auth.tenant.id, &user, op::UserChange::EndSessions { at: self.now }).await?;
        self.audit(auth, AuditAction::RegistrationRequired { username: user.username }).await
    }

    /// Ends every session and app token of the user.
    pub async fn sign_out_user(&self, auth: &Authenticated, id: &str) -> Result<(), Error> {
        require_help_desk(auth)?;
        let user = self.user_by_id(&auth.tenant.id, id).await?;
        self.require_caller_verified(auth, &user).await?;
        self.change_user(&auth.tenant.id, &user, op::UserChange::EndSessions { at: self.now }).await?;
        self.ledger(&keys::ledger::user(&auth.tenant.id, &user.id), op::RevokeGrants {}).await?;
        self.audit(auth, AuditAction::UserSignedOut { username: user.username }).await
    }
}
