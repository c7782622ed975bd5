//! "This wasn't me": the link in a change notice locks the account down and undoes
//! the change where it can. The user is not signed in; the link is the proof.

use super::{Account, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::MethodData;
use crate::report::{Report, Undo};
use crate::session;
use crate::store::{get_json, Store};
use crate::tenant::User;
use crate::{audit, keys, Error};
use api::{AuditAction, AuditEntry, ChangeReported};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Follows a "This wasn't me" link (once): every session ends, the password
    /// must be reset before the next sign-in, the change is undone if possible,
    /// and the tenant's audit trail records it.
    pub async fn report_change(&self, token: &str) -> Result<ChangeReported, Error> {
        if !session::well_formed(token) {
            return Err(Error::ReportInvalid);
        }
        let digest = session::token_digest(token);
        // Taken once: a second click finds nothing.
        let report: Report = *self
            .ledger(&keys::ledger::report(&self.tenant.id, &digest), op::TakeReport {})
            .await?
            .ok_or(Error::ReportInvalid)?;
        let user: User =
            get_json(self.store, &keys::user(&self.tenant.id, &report.user_id)).await?.ok_or(Error::ReportInvalid)?;
        let auth = Account { tenant: self.tenant.clone(), user: user.clone() };
        // Whatever was added lately may be the intruder's too: suspended until the
        // user, after the reset, keeps or deletes each. The reset itself can only
        // use older methods. (Before the undo: a method it restores is the user's.)
        let since = self.now.saturating_sub(crate::report::SUSPEND_ADDED_WITHIN);
        self.ledger(&self.user_ledger(&auth), op::SuspendSince { since }).await?;
        let undone = self.undo(&auth, report.undo).await?;
        self.end_standing_access(&auth).await?;
        let user = self.change_user(&self.tenant.id, &user, op::UserChange::Reported { at: self.now }).await?;
        self.log(self.tenant, &user.id, api::Activity::ChangeReported).await;
        let action = AuditAction::ChangeReported { username: user.username.clone(), change: report.change.clone() };
        let entry = AuditEntry { at: self.now, actor: user.username, ip: self.client_ip.to_string(), action };
        audit::record(self.ledgers, self.entropy, &self.tenant.id, &entry).await?;
        let left = self.methods(&auth).await?;
        let can_reset = super::reset::reset_options(&self.tenant.policy, &left).is_some();
        Ok(ChangeReported { change: report.change, undone, can_reset })
    }

    /// Puts things back as they were before the change; `false` when nothing could be.
    async fn undo(&self, auth: &Account, undo: Undo) -> Result<bool, Error> {
        let methods = self.methods(auth).await?;
        match undo {
            Undo::Nothing => Ok(false),
            Undo::Remove { method_id } => match methods.iter().find(|m| m.id == method_id) {
                Some(method) => self.remove_method(auth, method).await.map(|()| true),
                None => Ok(false),
            },
            Undo::Restore { method } => {
                if let MethodData::SecurityKey { credential, .. } = &method.data {
                    if !self.reclaim_credential(auth, &method.id, credential).await? {
                        return Ok(false);
                    }
                }
                self.add_method(auth, &method).await?;
                Ok(true)
            }
            Undo::Default { previous: Some(previous) } if methods.iter().any(|m| m.id == previous) => {
                let set = op::SetDefault { method_id: previous };
                Ok(self.ledger(&self.user_ledger(auth), set).await?.is_ok())
            }
            Undo::Default { .. } => Ok(false),
        }
    }
}
