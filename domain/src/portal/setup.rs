//! "More information required" and the "Keep your account secure" wizard: what
//! the tenant requires that the user lacks, and "Skip for now" in a grace period.
//! The plan is worked out from the registered methods each time, so closing the
//! browser mid-wizard resumes where it stopped.

use super::second_step::has_second_step;
use super::{Authenticated, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::methods::uses;
use crate::policy::Rules;
use crate::session::SecondStep;
use crate::store::Store;
use crate::{Error, DAY};
use api::{MethodKind, Requirement, Setup, SetupStep};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    fn grace(auth: &Authenticated) -> (crate::Millis, u8) {
        let r = &auth.tenant.policy.registration;
        (DAY * u64::from(r.grace_days), r.max_skips)
    }

    /// The wizard's plan, or `None` when nothing is missing (or it was skipped).
    /// After an admin cleared the user's second-step methods it asks for one, with
    /// no "Skip for now", whatever the tenant requires.
    pub(super) async fn setup_view(&self, auth: &Authenticated) -> Result<Option<Setup>, Error> {
        let policy = &auth.tenant.policy;
        let mut must = auth.user.must_register;
        let wanted = must || !auth.session.setup_skipped && policy.registration.require != Requirement::Nothing;
        if !wanted {
            return Ok(None);
        }
        let methods = self.methods(auth).await?;
        if must && has_second_step(policy, &methods) {
            let done = op::UserChange::MustRegister { required: false };
            self.change_user(&auth.tenant.id, &auth.user, done).await?;
            must = false;
        }
        let skipped = auth.session.setup_skipped && !must;
        if skipped || matches!(auth.session.second_step, SecondStep::Pending) {
            return Ok(None);
        }
        if !must && policy.registration.require == Requirement::Nothing {
            return Ok(None);
        }
        let mut steps = policy.setup_steps(&methods);
        let second_step_kinds: Vec<MethodKind> =
            MethodKind::ALL.into_iter().filter(|k| uses(*k).mfa && policy.allows(*k)).collect();
        if must && !steps.iter().any(|s| uses(s.kind).mfa) {
            if let Some(kind) = second_step_kinds.first() {
                steps.push(SetupStep { kind: *kind, done: false });
            }
        }
        let r = &policy.registration;
        let app_passwords_step =
            (r.app_passwords_step || r.app_passwords_required) && policy.allows(MethodKind::AppPassword);
        // "You must complete this section before you can finish": held until one exists.
        let app_passwords_required = app_passwords_step
            && r.app_passwords_required
            && !methods.iter().any(|m| m.kind() == MethodKind::AppPassword);
        if steps.iter().all(|s| s.done) && !app_passwords_required {
            return Ok(None);
        }
        let (grace, max_skips) = Self::grace(auth);
        let skip_until = self.ledger(&self.user_ledger(auth), op::SetupPrompted { grace, max_skips }).await?;
        let alternatives = match policy.registration.require {
            // Any kind counts: every addable kind is an alternative.
            Requirement::Any { .. } => policy.addable(&methods),
            _ if must => second_step_kinds.into_iter().skip(1).collect(),
            _ => vec![],
        };
        let skip_until = if must { None } else { skip_until };
        Ok(Some(Setup { steps, alternatives, skip_until, app_passwords_step, app_passwords_required }))
    }

    /// Refuses a request outside the setup flow while "More information required"
    /// stands: it was shown to this session at sign-in, and the tenant still requires
    /// methods the user lacks and the session has not skipped (an admin's "register
    /// again" allows no skip). No storage call for a session it was not shown to.
    pub async fn require_setup_done(&self, auth: &Authenticated) -> Result<(), Error> {
        if !auth.session.setup_due || auth.session.access_pass.is_some() {
            return Ok(());
        }
        match self.setup_view(auth).await? {
            Some(_) => Err(Error::SetupRequired),
            None => Ok(()),
        }
    }

    /// "Skip for now": allowed within the grace period, a limited number of times.
    pub async fn skip_setup(&self, auth: &mut Authenticated) -> Result<(), Error> {
        auth.require_full()?;
        if auth.user.must_register {
            return Err(Error::SkipNotAllowed);
        }
        let (grace, max_skips) = Self::grace(auth);
        // Once per session: a double click or a retry spends one skip.
        let session = auth.session.id.clone();
        match self.ledger(&self.user_ledger(auth), op::SkipSetup { grace, max_skips, session }).await? {
            true => {
                auth.session.setup_skipped = true;
                self.save_session(auth).await
            }
            _ => Err(Error::SkipNotAllowed),
        }
    }
}
