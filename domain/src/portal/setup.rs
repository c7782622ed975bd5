//! "More information required" and the "Keep your account secure" wizard: what
//! the tenant requires that the user lacks, and "Skip for now" in a grace period.
//! The plan is worked out from the registered methods each time, so closing the
//! browser mid-wizard resumes where it stopped.

use super::{Authenticated, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::policy::Rules;
use crate::session::SecondStep;
use crate::store::{put_json, Store};
use crate::{Error, DAY};
use api::{Requirement, Setup};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    fn grace(auth: &Authenticated) -> (crate::Millis, u8) {
        let r = &auth.tenant.policy.registration;
        (DAY * u64::from(r.grace_days), r.max_skips)
    }

    /// The wizard's plan, or `None` when nothing is missing (or it was skipped).
    pub(super) async fn setup_view(&self, auth: &Authenticated) -> Result<Option<Setup>, Error> {
        let policy = &auth.tenant.policy;
        if auth.session.setup_skipped
            || matches!(auth.session.second_step, SecondStep::Pending)
            || policy.registration.require == Requirement::Nothing
        {
            return Ok(None);
        }
        let methods = self.methods(auth).await?;
        let steps = policy.setup_steps(&methods);
        if steps.iter().all(|s| s.done) {
            return Ok(None);
        }
        let (grace, max_skips) = Self::grace(auth);
        let skip_until = self.ledger(&self.user_ledger(auth), op::SetupPrompted { grace, max_skips }).await?;
        let alternatives = match policy.registration.require {
            // Any kind counts: every addable kind is an alternative.
            Requirement::Any { .. } => policy.addable(&methods),
            _ => vec![],
        };
        let app_passwords_step = policy.registration.app_passwords_step && policy.allows(api::MethodKind::AppPassword);
        Ok(Some(Setup { steps, alternatives, skip_until, app_passwords_step }))
    }

    /// "Skip for now": allowed within the grace period, a limited number of times.
    pub async fn skip_setup(&self, auth: &mut Authenticated) -> Result<(), Error> {
        auth.require_full()?;
        let (grace, max_skips) = Self::grace(auth);
        match self.ledger(&self.user_ledger(auth), op::SkipSetup { grace, max_skips }).await? {
            true => {
                auth.session.setup_skipped = true;
                let ttl = auth.session.ttl_seconds(self.sessions, self.now);
                put_json(self.store, &auth.session_key, &auth.session, Some(ttl)).await
            }
            _ => Err(Error::SkipNotAllowed),
        }
    }
}
