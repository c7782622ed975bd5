//! Recovery codes on the Security info page, in the second step and in a reset.

use super::{Account, Authenticated, Counted, Portal};
use crate::delivery::Courier;
use crate::entropy::{self, Entropy};
use crate::ledger::{self as op, Ledgers};
use crate::methods::{Method, MethodData};
use crate::policy::Rules;
use crate::recovery::{self, RecoveryCode};
use crate::report::Undo;
use crate::store::Store;
use crate::Error;
use api::{MethodKind, RecoveryCodesCreated};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// A new set of ten codes, replacing any earlier set (whose codes stop working).
    pub async fn create_recovery_codes(&self, auth: &Authenticated) -> Result<RecoveryCodesCreated, Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        self.require_adds_only(auth, &methods, MethodKind::RecoveryCodes)?;
        if !auth.tenant.policy.allows(MethodKind::RecoveryCodes) {
            return Err(Error::MethodNotOffered);
        }
        let replaced = methods.iter().any(|m| m.kind() == MethodKind::RecoveryCodes);
        // A replaced set stays void (its codes were shown on a device we no longer
        // trust); a new one is removed.
        let undo = if replaced { Undo::Nothing } else { Undo::Remove { method_id: recovery::METHOD_ID.to_string() } };
        let issued = recovery::issue(self.entropy, self.keys()?);
        let set = entropy::token::<E, 8>(self.entropy);
        let method = Method {
            id: recovery::METHOD_ID.to_string(),
            data: MethodData::RecoveryCodes { set: set.clone(), digests: issued.digests },
            created_at: self.now,
            last_used_at: None,
            suspended: false,
        };
        // The ledger first: should the write below fail, the old codes are already void.
        self.ledger(&self.user_ledger(auth), op::IssueRecoveryCodes { set }).await?;
        self.add_method(auth, &method).await?;
        let activity = if replaced {
            api::Activity::MethodChanged { method: MethodKind::RecoveryCodes }
        } else {
            api::Activity::MethodAdded { method: MethodKind::RecoveryCodes }
        };
        self.changed(auth, activity, undo).await;
        Ok(RecoveryCodesCreated {
            method: method.view(),
            codes: issued.codes.iter().map(RecoveryCode::grouped).collect(),
        })
    }

    /// Spends a typed code of `method` (a try of the second-step guard is taken
    /// first), marks the method used and tells the user. Returns how many are left.
    pub(super) async fn spend_recovery_code(
        &self,
        auth: &Account,
        method: &Method,
        typed: &str,
        counted: Counted,
    ) -> Result<u8, Error> {
        let MethodData::RecoveryCodes { set, digests } = &method.data else {
            return Err(Error::NotMfaCapable);
        };
        let code = RecoveryCode::parse(typed).ok_or(Error::MalformedCode)?;
        let ledger = self.user_ledger(auth);
        self.reserve(auth, counted).await?;
        let index = recovery::position(self.keys()?, digests, &code).ok_or(Error::WrongCode)?;
        let spent = match self.ledger(&ledger, op::SpendRecoveryCode { set: set.clone(), index }).await? {
            Ok(spent) => spent,
            Err(op::NotSpent::Replayed) => return Err(Error::RecoveryCodeUsed),
            Err(op::NotSpent::NotCurrent) => return Err(Error::WrongCode),
        };
        self.proven(auth, counted, &method.id, None).await?;
        self.method_used(&auth.tenant.id, &auth.user.id, &method.id).await?;
        let remaining = u8::try_from(digests.len()).unwrap_or(u8::MAX).saturating_sub(spent);
        self.changed(auth, api::Activity::RecoveryCodeUsed { remaining }, Undo::Nothing).await;
        Ok(remaining)
    }
}
