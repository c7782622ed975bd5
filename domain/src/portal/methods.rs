//! The user's registered methods: reading them in one ledger call, the Security
//! info overview, the default, keeping, renaming and deleting.

use super::{Account, Authenticated, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{uses, valid_id, Method, MethodData};
use crate::policy::Rules;
use crate::store::Store;
use crate::{keys, Error};
use api::SecurityInfo;

/// Why a registered method cannot be used now, if it cannot.
pub(super) fn usable(policy: &api::Policy, method: &Method) -> Result<(), Error> {
    match () {
        _ if method.suspended => Err(Error::MethodSuspended),
        _ if !policy.usable(method) => Err(Error::MethodTurnedOff),
        _ => Ok(()),
    }
}

/// The default sign-in method as the user meets it: the stored pointer while the
/// organization allows that method, else the strongest one it allows.
pub(super) fn effective_default(policy: &api::Policy, methods: &[Method], stored: Option<String>) -> Option<String> {
    let usable = || methods.iter().filter(|m| policy.usable(m));
    match stored {
        Some(id) if usable().any(|m| m.id == id && uses(m.kind()).mfa) => Some(id),
        _ => crate::methods::strongest(usable()),
    }
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// The user's methods, default and spent recovery codes: one ledger call.
    pub(super) async fn registered(&self, tenant: &str, user: &str) -> Result<op::MethodList, Error> {
        let name = keys::ledger::user(tenant, user);
        match self.memo.methods(name.as_str()) {
            Some(list) => Ok(list),
            None => self.ledger(&name, op::Methods {}).await,
        }
    }

    /// Oldest first.
    pub(super) async fn methods_of(&self, tenant: &str, user: &str) -> Result<Vec<Method>, Error> {
        Ok(self.registered(tenant, user).await?.methods)
    }

    /// Registers `method`, replacing one with its id.
    pub(super) async fn add_method(&self, auth: &Account, method: &Method) -> Result<(), Error> {
        self.ledger(&self.user_ledger(auth), op::AddMethod { method: Box::new(method.clone()) }).await?;
        Ok(())
    }

    /// Writes back a changed method, unless it was deleted meanwhile.
    pub(super) async fn update_method(&self, auth: &Account, method: &Method) -> Result<(), Error> {
        let update = op::UpdateMethod { method: Box::new(method.clone()) };
        self.ledger(&self.user_ledger(auth), update).await?.map_err(|op::NotCurrent| Error::MethodNotFound)
    }

    /// Stamps a method's last use (for "unused" advice and the list).
    pub(super) async fn method_used(&self, tenant: &str, user: &str, method_id: &str) -> Result<(), Error> {
        self.ledger(&keys::ledger::user(tenant, user), op::MethodUsed { method_id: method_id.to_string() }).await?;
        Ok(())
    }

    pub(super) async fn methods(&self, auth: &Account) -> Result<Vec<Method>, Error> {
        self.methods_of(&auth.tenant.id, &auth.user.id).await
    }

    pub(super) async fn method(&self, auth: &Account, id: &str) -> Result<Method, Error> {
        if !valid_id(id) {
            return Err(Error::MethodNotFound);
        }
        self.methods(auth).await?.into_iter().find(|m| m.id == id).ok_or(Error::MethodNotFound)
    }

    /// A registered method the organization still allows using.
    pub(super) async fn usable_method(&self, auth: &Authenticated, id: &str) -> Result<Method, Error> {
        let method = self.method(auth, id).await?;
        usable(&auth.tenant.policy, &method)?;
        Ok(method)
    }

    pub(super) async fn default_method(&self, auth: &Authenticated) -> Result<Option<String>, Error> {
        self.ledger(&self.user_ledger(auth), op::GetDefault {}).await
    }

    /// The Security info page: default sign-in method, registered methods, and what
    /// may still be added.
    pub async fn security_info(&self, auth: &Authenticated) -> Result<SecurityInfo, Error> {
        auth.require_full()?;
        let list = self.registered(&auth.tenant.id, &auth.user.id).await?;
        let views = views(&auth.tenant.policy, &list);
        let op::MethodList { methods, default_method, live_grants, .. } = list;
        let policy = &auth.tenant.policy;
        Ok(SecurityInfo {
            default_method: effective_default(policy, &methods, default_method),
            addable: auth.tenant.policy.addable(&methods),
            phone_countries: auth.tenant.policy.phone_countries(),
            phone_modes: auth.tenant.policy.phone_modes.clone(),
            advice: crate::health::advice(&methods, &auth.tenant.policy, self.now),
            connected_apps: live_grants > 0,
            methods: views,
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
    pub(super) async fn remove_method(&self, auth: &Account, method: &Method) -> Result<(), Error> {
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

/// The methods as the pages show them: spent recovery codes counted, and those the
/// organization turned off marked.
pub(super) fn views(policy: &api::Policy, list: &op::MethodList) -> Vec<api::MethodView> {
    list.methods
        .iter()
        .map(|m| api::MethodView {
            turned_off: !policy.usable(m),
            ..crate::methods::with_spent(m.view(), list.recovery_spent)
        })
        .collect()
}
