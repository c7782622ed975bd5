//! The registered methods as one list, the default among them, and the prompt to
//! set one up ("Skip for now" within the tenant's grace).

use super::{NotCurrent, UserLedger};
use crate::methods::{uses, Method};
use crate::Millis;
use serde::{Deserialize, Serialize};

/// The user's methods as one read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodList {
    /// Oldest first.
    pub methods: Vec<Method>,
    pub default_method: Option<String>,
    pub recovery_spent: u8,
    /// Grants of apps whose tokens hold (Security info shows "Connected apps" then).
    #[serde(default)]
    pub live_grants: u32,
    /// The second step is locked after too many failures, until then.
    #[serde(default)]
    pub locked_until: Option<Millis>,
}

/// Sessions whose skip is remembered (more than any tenant allows skips).
const SKIPPING_SESSIONS_KEPT: usize = 8;

impl UserLedger {
    pub(super) fn list(&mut self, now: Millis) -> MethodList {
        let mut methods: Vec<Method> = self.methods.values().cloned().collect();
        methods.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        MethodList {
            methods,
            default_method: self.default_method.clone(),
            recovery_spent: u8::try_from(self.recovery_spent.len()).unwrap_or(u8::MAX),
            live_grants: u32::try_from(self.grants.iter().filter(|g| g.live(now)).count()).unwrap_or(u32::MAX),
            locked_until: self.guard.locked_until(now),
        }
    }

    // The operation holds the method boxed, so `UserOp` stays small.
    #[allow(clippy::boxed_local)]
    pub(super) fn add_method(&mut self, method: Box<Method>, _now: Millis) -> Option<String> {
        if uses(method.kind()).mfa {
            self.default_method.get_or_insert_with(|| method.id.clone());
        }
        self.methods.insert(method.id.clone(), *method);
        self.default_method.clone()
    }

    #[allow(clippy::boxed_local)]
    pub(super) fn update_method(&mut self, method: Box<Method>, _now: Millis) -> Result<(), NotCurrent> {
        let current = self.methods.get_mut(&method.id).ok_or(NotCurrent)?;
        *current = *method;
        Ok(())
    }

    pub(super) fn suspend_since(&mut self, since: Millis, _now: Millis) -> Option<String> {
        for method in self.methods.values_mut().filter(|m| m.created_at >= since) {
            method.suspended = true;
        }
        // The default must stay a method that can be used.
        if self.default_method.as_ref().and_then(|id| self.methods.get(id)).is_some_and(|m| m.suspended) {
            self.default_method = self.strongest();
        }
        self.default_method.clone()
    }

    pub(super) fn keep_method(&mut self, method_id: String, _now: Millis) -> Result<(), NotCurrent> {
        let method = self.methods.get_mut(&method_id).ok_or(NotCurrent)?;
        method.suspended = false;
        if uses(method.kind()).mfa {
            self.default_method.get_or_insert(method_id);
        }
        Ok(())
    }

    pub(super) fn method_used(&mut self, method_id: String, now: Millis) {
        if let Some(method) = self.methods.get_mut(&method_id) {
            method.last_used_at = Some(now);
        }
    }

    pub(super) fn remove_method(&mut self, method_id: String, _now: Millis) -> Option<String> {
        self.methods.remove(&method_id);
        self.guard.forget(&method_id);
        self.key_counters.remove(&method_id);
        self.app_passwords.remove(&method_id);
        if method_id == crate::recovery::METHOD_ID {
            self.recovery_set = None;
            self.recovery_spent.clear();
        }
        if self.default_method.as_deref() == Some(method_id.as_str()) {
            self.default_method = self.strongest();
        }
        self.default_method.clone()
    }

    pub(super) fn default_method(&mut self, _now: Millis) -> Option<String> {
        self.default_method.clone()
    }

    pub(super) fn set_default(&mut self, method_id: String, _now: Millis) -> Result<(), NotCurrent> {
        match self.methods.get(&method_id) {
            Some(m) if uses(m.kind()).mfa => {
                self.default_method = Some(method_id);
                Ok(())
            }
            _ => Err(NotCurrent),
        }
    }

    /// The strongest second-step method left that is not suspended: the new default.
    fn strongest(&self) -> Option<String> {
        crate::methods::strongest(self.methods.values().filter(|m| !m.suspended))
    }

    pub(super) fn setup_prompted(&mut self, grace: Millis, max_skips: u8, now: Millis) -> Option<Millis> {
        self.setup_prompted_at.get_or_insert(now);
        self.skip_until(grace, max_skips, now)
    }

    pub(super) fn skip_setup(&mut self, grace: Millis, max_skips: u8, session: String, now: Millis) -> bool {
        if !session.is_empty() && self.skipped_by.contains(&session) {
            return true;
        }
        let allowed = self.skip_until(grace, max_skips, now).is_some();
        if allowed {
            self.setup_skips += 1;
            self.skipped_by.push(session);
            let excess = self.skipped_by.len().saturating_sub(SKIPPING_SESSIONS_KEPT);
            self.skipped_by.drain(..excess);
        }
        allowed
    }

    /// "Skip for now" is possible until then: within `grace` of the first prompt
    /// and fewer than `max_skips` skips so far.
    fn skip_until(&self, grace: Millis, max_skips: u8, now: Millis) -> Option<Millis> {
        let until = self.setup_prompted_at.unwrap_or(now) + grace;
        (now < until && self.setup_skips < max_skips).then_some(until)
    }
}
