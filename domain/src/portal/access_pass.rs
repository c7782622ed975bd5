//! Temporary Access Pass: a tenant admin issues one for a user who lost every
//! method; the user signs in with it instead of password and second step, and that
//! session may only register methods. Issued and revoked passes are audited; an
//! index in KV lets the admin page list the live ones.

use super::admin::{require_admin, require_help_desk};
use super::{Account, Authenticated, Portal, SignedIn};
use crate::access_pass::{self, valid_minutes};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::session::SecondStep;
use crate::store::{get_json, put_json, Store};
use crate::tenant::{normalise_username, User};
use crate::{audit, keys, Error, MINUTE};
use api::{AccessPassIssued, AccessPassView, AuditAction, AuditEntry};

fn index(tenant: &str) -> String {
    format!("t/{tenant}/tap/")
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    pub(super) async fn audit(&self, auth: &Authenticated, action: AuditAction) -> Result<(), Error> {
        self.audit_by(&auth.user.username, action).await
    }

    /// An entry in this tenant's trail by `actor` (an admin, or a SCIM token).
    pub(super) async fn audit_by(&self, actor: &str, action: AuditAction) -> Result<(), Error> {
        let entry = AuditEntry { at: self.now, actor: actor.to_string(), ip: self.client_ip.to_string(), action };
        audit::record(self.ledgers, self.entropy, &self.tenant.id, &entry).await
    }

    /// Issues a pass for `username` (replacing any earlier one), shown once.
    pub async fn issue_access_pass(
        &self,
        auth: &Authenticated,
        username: &str,
        minutes: u16,
        one_time: bool,
    ) -> Result<AccessPassIssued, Error> {
        require_help_desk(auth)?;
        // A pass signs someone in without password or second step: as weighty as
        // changing the tenant's settings.
        self.require_recent_second_step(auth, &self.methods(auth).await?).await?;
        if !valid_minutes(minutes) {
            return Err(Error::InvalidLifetime);
        }
        let name = normalise_username(username).ok_or(Error::UserNotFound)?;
        let user = self.user_by_name(&name).await?.ok_or(Error::UserNotFound)?;
        self.require_caller_verified(auth, &user).await?;
        let expires_at = self.now + u64::from(minutes) * MINUTE;
        let (pass, state) = access_pass::issue(self.entropy, self.keys()?, one_time, expires_at);
        self.ledger(&keys::ledger::user(&auth.tenant.id, &user.id), op::IssuePass { pass: state }).await?;
        self.store.delete(&keys::invitation(&auth.tenant.id, &user.id)).await?;
        let view = AccessPassView {
            user_id: user.id.clone(),
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            created_at: self.now,
            expires_at,
            one_time,
            issued_by: auth.user.username.clone(),
        };
        let ttl = u64::from(minutes) * 60;
        put_json(self.store, &format!("{}{}", index(&auth.tenant.id), user.id), &view, Some(ttl)).await?;
        // The user hears of it, with "This wasn't me" (which revokes the pass).
        let holder = Account { tenant: auth.tenant.clone(), user: user.clone() };
        self.changed(&holder, api::Activity::AccessPassIssued, crate::report::Undo::Nothing).await;
        self.audit(auth, AuditAction::AccessPassIssued { username: user.username, minutes, one_time }).await?;
        Ok(AccessPassIssued { pass, view })
    }

    /// Lifts `username`'s second-step lock (and its failures) before the 24 hours
    /// run out: for the help desk, once they know the person. Audited.
    pub async fn unlock_second_step(&self, auth: &Authenticated, username: &str) -> Result<(), Error> {
        require_help_desk(auth)?;
        let name = normalise_username(username).ok_or(Error::UserNotFound)?;
        let user = self.user_by_name(&name).await?.ok_or(Error::UserNotFound)?;
        self.require_caller_verified(auth, &user).await?;
        self.ledger(&keys::ledger::user(&auth.tenant.id, &user.id), op::UnlockSecondStep {}).await?;
        self.audit(auth, AuditAction::SecondStepUnlocked { username: user.username }).await
    }

    /// The tenant's unexpired passes, soonest to expire first.
    pub async fn access_passes(&self, auth: &Authenticated) -> Result<Vec<AccessPassView>, Error> {
        require_admin(auth)?;
        let mut out = vec![];
        for key in self.store.list(&index(&auth.tenant.id), 1000).await? {
            if let Some(view) = get_json::<S, AccessPassView>(self.store, &key).await? {
                if view.expires_at > self.now {
                    out.push(view);
                }
            }
        }
        out.sort_by_key(|v| v.expires_at);
        Ok(out)
    }

    /// Revokes a user's pass; sessions made with it end at their next request.
    pub async fn revoke_access_pass(&self, auth: &Authenticated, user_id: &str) -> Result<(), Error> {
        require_admin(auth)?;
        if !crate::methods::valid_id(user_id) {
            return Err(Error::UserNotFound);
        }
        let user: User =
            get_json(self.store, &keys::user(&auth.tenant.id, user_id)).await?.ok_or(Error::UserNotFound)?;
        self.end_access_pass(&auth.tenant.id, &user.id).await?;
        self.audit(auth, AuditAction::AccessPassRevoked { username: user.username }).await
    }

    /// A provisioned user's first pass (KV, from `scripts/tenant.sh`) becomes the
    /// ledger's pass when it is typed: spent once, so two sign-ins racing with it
    /// adopt it once and the ledger's one-time rule decides between them.
    async fn adopt_invitation(&self, user: &User, typed: &str) -> Result<(), Error> {
        let key = keys::invitation(&self.tenant.id, &user.id);
        let Some(invitation) = get_json::<S, access_pass::Invitation>(self.store, &key).await? else { return Ok(()) };
        if !invitation.admits(typed, self.now) {
            return Ok(());
        }
        let once = op::SpendOnce { id: invitation.id.clone(), until: invitation.expires_at };
        if self.ledger(&keys::ledger::invitation(&self.tenant.id, &user.id), once).await?.is_ok() {
            let pass = invitation.adopted(self.keys()?, typed);
            self.ledger(&keys::ledger::user(&self.tenant.id, &user.id), op::IssuePass { pass }).await?;
            self.store.delete(&key).await?;
        }
        Ok(())
    }

    pub(super) async fn end_access_pass(&self, tenant: &str, user: &str) -> Result<(), Error> {
        // A waiting invitation would replace the pass at its first use.
        self.store.delete(&keys::invitation(tenant, user)).await?;
        self.ledger(&keys::ledger::user(tenant, user), op::RevokePass {}).await?;
        self.store.delete(&format!("{}{user}", index(tenant))).await
    }

    /// After "This wasn't me" and after a password reset, nothing the old password
    /// let someone set up keeps working: every app password and the access pass end
    /// (sessions end through `sessions_after`).
    pub(super) async fn end_standing_access(&self, auth: &Account) -> Result<(), Error> {
        for method in self.methods(auth).await? {
            if let crate::methods::MethodData::AppPassword { .. } = method.data {
                self.remove_method(auth, &method).await?;
            }
        }
        self.end_access_pass(&auth.tenant.id, &auth.user.id).await
    }

    /// Sign-in with a pass: throttled like a password, one answer for every
    /// failure (unknown name, wrong, expired, used or revoked pass).
    pub async fn sign_in_with_pass(&self, username: &str, pass: &str) -> Result<SignedIn, Error> {
        let name = normalise_username(username).ok_or(Error::AccessPassInvalid)?;
        let throttled = self.sign_in_allowed(&self.tenant.id, &name, self.client_ip).await?;
        let user = self.user_by_name(&name).await?;
        let admitted = match (&user, access_pass::typed_digests(self.keys()?, pass)) {
            (Some(user), Some(digests)) => {
                self.adopt_invitation(user, pass).await?;
                self.ledger(&keys::ledger::user(&self.tenant.id, &user.id), op::UsePass { digests }).await?
            }
            _ => None,
        };
        let (Some(user), Some(pass)) = (user, admitted) else {
            self.sign_in_failed(&throttled).await?;
            return Err(Error::AccessPassInvalid);
        };
        if user.reset_required {
            return Err(Error::PasswordResetRequired);
        }
        self.ledger(&throttled.account, op::ClearFailures {}).await?;
        // The pass stands in for both steps.
        let signed = self.open_session(user, SecondStep::Passed { at: self.now }, Some(pass), vec![]).await?;
        self.log(self.tenant, &signed.auth.user.id, api::Activity::SignedInWithAccessPass).await;
        Ok(signed)
    }
}
