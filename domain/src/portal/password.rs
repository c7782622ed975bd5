//! The password while signed in: "Change password" (the current one, a recent
//! second step, the reset's rules; every other session ends, this one goes on) and
//! "Sign out everywhere".

use super::{Authenticated, Portal};
use crate::delivery::{password_changed_email, Courier};
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::MethodData;
use crate::store::Store;
use crate::{keys, password, Error};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    pub async fn change_password(&self, auth: &mut Authenticated, current: &str, new: &str) -> Result<(), Error> {
        auth.require_full()?;
        // A pass session was given to register methods, not to set a password.
        if auth.session.access_pass.is_some() {
            return Err(Error::Forbidden);
        }
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        // The current password is guessed against like a sign-in: same counters.
        let throttled = self.sign_in_allowed(&auth.tenant.id, &auth.user.username, self.client_ip).await?;
        if !password::verify(current, &auth.user.password_hash) {
            self.sign_in_failed(&throttled).await?;
            return Err(Error::CurrentPasswordWrong);
        }
        let second_step = super::has_second_step(&auth.tenant.policy, &methods);
        password::check_new(new, &auth.user.username, second_step).map_err(Error::WeakPassword)?;
        let hash = password::hash(new, self.entropy).ok_or_else(|| Error::Storage("hashing failed".into()))?;
        auth.user =
            self.change_user(&auth.tenant.id, &auth.user, op::UserChange::Password { hash, at: self.now }).await?;
        self.ledger(&keys::ledger::account(&auth.tenant.id, &auth.user.username), op::ClearFailures {}).await?;
        self.renew_after_password(auth).await?;
        self.log(&auth.tenant, &auth.user.id, api::Activity::PasswordChanged).await;
        // The work address and every email method hear of it (after the change: a
        // failed notice must not undo it).
        let mut to: Vec<crate::email::EmailAddress> =
            crate::email::EmailAddress::parse(&auth.user.username).into_iter().collect();
        to.extend(methods.into_iter().filter_map(|m| match m.data {
            MethodData::Email { address } => Some(address),
            _ => None,
        }));
        let change = api::Activity::PasswordChanged;
        let link = self.report_link(&auth.user.id, &change, crate::report::Undo::Nothing).await;
        for address in to {
            let notice = password_changed_email(&address, &auth.tenant.name, self.lang, link.as_deref());
            let _ = self.courier.notify(&notice).await;
        }
        Ok(())
    }

    /// The new password ended every session made until now; this one goes on under
    /// a new token, made after the change.
    async fn renew_after_password(&self, auth: &mut Authenticated) -> Result<(), Error> {
        auth.session.created_at = self.now + 1;
        self.reopen_session(auth).await
    }

    /// Every session of the user ends, this one too, and the apps' tokens with them.
    pub async fn sign_out_everywhere(&self, auth: &Authenticated) -> Result<(), Error> {
        auth.require_full()?;
        // Ends this session too: the ledger drops every session made until now.
        self.change_user(&auth.tenant.id, &auth.user, op::UserChange::EndSessions { at: self.now }).await?;
        self.log(&auth.tenant, &auth.user.id, api::Activity::SignedOutEverywhere).await;
        Ok(())
    }
}
