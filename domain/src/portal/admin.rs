//! The tenant administrators' page: the tenant's name, own domains, colour and its
//! authentication methods policy. Every change is checked, then audited.

use super::{Authenticated, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::Ledgers;
use crate::policy::check_settings;
use crate::store::{put_json, Store};
use crate::tenant::Tenant;
use crate::{audit, keys, Error};
use api::{AuditAction, AuditEntry, TenantSettings};

pub(super) fn require_admin(auth: &Authenticated) -> Result<(), Error> {
    auth.require_full()?;
    if auth.user.admin {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Tenant admins and the help desk: the Users page and the per-user actions.
pub(super) fn require_help_desk(auth: &Authenticated) -> Result<(), Error> {
    auth.require_full()?;
    match auth.user.role() {
        api::users::Role::Admin | api::users::Role::HelpDesk => Ok(()),
        api::users::Role::User => Err(Error::Forbidden),
    }
}

fn settings_of(tenant: &Tenant) -> TenantSettings {
    TenantSettings {
        name: tenant.name.clone(),
        own_domains: tenant.own_domains.clone(),
        brand_color: tenant.brand_color.clone(),
        policy: tenant.policy.clone(),
    }
}

/// Upper-case countries, lower-case domains, no duplicates: one spelling stored.
fn normalise(mut s: TenantSettings) -> TenantSettings {
    s.name = s.name.trim().to_string();
    s.brand_color = s.brand_color.to_ascii_lowercase();
    // Blank parts of the help desk contact are no part.
    let support = &mut s.policy.support;
    for part in [&mut support.url, &mut support.email, &mut support.phone] {
        *part = part.take().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    }
    for c in &mut s.policy.phone_countries {
        *c = c.trim().to_ascii_uppercase();
    }
    for d in &mut s.own_domains {
        *d = d.trim().to_ascii_lowercase();
    }
    s.policy.phone_countries.sort();
    s.policy.phone_countries.dedup();
    s.own_domains.sort();
    s.own_domains.dedup();
    let mut allowed = vec![];
    for kind in api::MethodKind::ALL {
        if s.policy.allowed.contains(&kind) {
            allowed.push(kind);
        }
    }
    s.policy.allowed = allowed;
    s
}

/// Which parts of the settings differ, for the audit trail.
fn changes(old: &TenantSettings, new: &TenantSettings) -> Vec<String> {
    let p = (&old.policy, &new.policy);
    [
        ("name", old.name != new.name),
        ("own-domains", old.own_domains != new.own_domains),
        ("brand-color", old.brand_color != new.brand_color),
        ("allowed-methods", p.0.allowed != p.1.allowed),
        ("phone-modes", p.0.phone_modes != p.1.phone_modes),
        ("phone-countries", p.0.phone_countries != p.1.phone_countries),
        ("cloned-keys", p.0.refuse_cloned_keys != p.1.refuse_cloned_keys),
        ("registration", p.0.registration != p.1.registration),
        ("reset", p.0.reset != p.1.reset),
        ("questions", p.0.questions != p.1.questions),
        ("activity-days", p.0.activity_days != p.1.activity_days),
        ("support", p.0.support != p.1.support),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| name.to_string())
    .collect()
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    pub fn tenant_settings(&self, auth: &Authenticated) -> Result<TenantSettings, Error> {
        require_admin(auth)?;
        Ok(settings_of(&auth.tenant))
    }

    /// Saves new settings if they make sense; a change needs a recent second step
    /// like any other change to security.
    pub async fn update_settings(
        &self,
        auth: &Authenticated,
        settings: TenantSettings,
    ) -> Result<TenantSettings, Error> {
        require_admin(auth)?;
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        let settings = normalise(settings);
        check_settings(&settings).map_err(Error::InvalidPolicy)?;
        let old = normalise(settings_of(&auth.tenant));
        let changed = changes(&old, &settings);
        if changed.is_empty() {
            return Ok(settings);
        }
        let tenant = Tenant {
            id: auth.tenant.id.clone(),
            name: settings.name.clone(),
            own_domains: settings.own_domains.clone(),
            brand_color: settings.brand_color.clone(),
            policy: settings.policy.clone(),
        };
        put_json(self.store, &keys::tenant(&tenant.id), &tenant, None).await?;
        let entry = AuditEntry {
            at: self.now,
            actor: auth.user.username.clone(),
            ip: self.client_ip.to_string(),
            action: AuditAction::SettingsChanged { changed },
        };
        audit::record(self.ledgers, self.entropy, &tenant.id, &entry).await?;
        Ok(settings)
    }

    pub async fn audit_trail(&self, auth: &Authenticated) -> Result<Vec<AuditEntry>, Error> {
        require_admin(auth)?;
        audit::recent(self.ledgers, &auth.tenant.id, 50, self.now).await
    }

    /// Messages the providers would not take after every retry (dead-letter queue).
    pub async fn undelivered(&self, auth: &Authenticated) -> Result<api::reports::Undelivered, Error> {
        require_admin(auth)?;
        crate::delivery::queue::undelivered(self.store, &auth.tenant.id, self.now).await
    }

    /// The trail as a JSON array of `AuditEntry`, passed on as stored.
    pub async fn audit_trail_json(&self, auth: &Authenticated) -> Result<String, Error> {
        require_admin(auth)?;
        Ok(format!("[{}]", audit::recent_json(self.ledgers, &auth.tenant.id, 50, self.now).await?.join(",")))
    }
}
