//! Recording what happens to an account (Recent activity) and telling the user by
//! mail when their security info changes.

use super::{Account, Authenticated, Portal};
use crate::delivery::{security_notice, security_notice_sms, Courier};
use crate::email::EmailAddress;
use crate::entropy::Entropy;
use crate::ledger::Ledgers;
use crate::methods::MethodData;
use crate::report::{Report, Undo};
use crate::store::Store;
use crate::tenant::Tenant;
use crate::{activity, Error};
use api::{Activity, ActivityPage};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Where and how this request came (time, address, country, device): with
    /// what happened, an activity entry, made here or in a ledger.
    pub(super) fn origin(&self) -> activity::Origin {
        activity::Origin {
            at: self.now,
            ip: self.client_ip.to_string(),
            country: self.client_country.map(str::to_string),
            device: activity::device(self.user_agent),
        }
    }

    /// Appends to the user's recent activity. Never fails the action it records.
    pub(super) async fn log(&self, tenant: &Tenant, user_id: &str, activity: Activity) {
        let entry = self.origin().entry(activity);
        let days = tenant.policy.activity_days;
        if let Err(e) = activity::record(self.ledgers, self.entropy, &tenant.id, user_id, days, &entry).await {
            // Losing a log line must not undo a change the user made.
            let _ = e;
        }
    }

    /// A "This wasn't me" link for a change: its record is kept 7 days. `None` when
    /// it could not be stored (the notice then goes without it).
    pub(super) async fn report_link(&self, user_id: &str, change: &Activity, undo: Undo) -> Option<String> {
        let token = crate::entropy::token::<E, 32>(self.entropy);
        let record = Report { user_id: user_id.to_string(), change: change.clone(), undo, created_at: self.now };
        let ledger = crate::keys::ledger::report(&self.tenant.id, &crate::session::token_digest(&token));
        self.ledger(&ledger, crate::ledger::KeepReport { report: Box::new(record) }).await.ok()?;
        Some(crate::report::link(self.link_base, &token))
    }

    /// A change to the user's security info: logged, and announced to their work
    /// address and email methods with a "This wasn't me" link that undoes it. An
    /// email or phone that the change replaced or removed hears of it too: that is
    /// where the person who lost it still is.
    pub(super) async fn changed(&self, auth: &Account, activity: Activity, undo: Undo) {
        self.log(&auth.tenant, &auth.user.id, activity.clone()).await;
        let mut to: Vec<EmailAddress> = EmailAddress::parse(&auth.user.username).into_iter().collect();
        let mut texts = vec![];
        if let Undo::Restore { method } = &undo {
            match &method.data {
                MethodData::Email { address } => to.push(address.clone()),
                MethodData::Phone { number, .. } | MethodData::AlternatePhone { number } => texts.push(number.clone()),
                _ => {}
            }
        }
        let link = self.report_link(&auth.user.id, &activity, undo).await;
        if let Ok(methods) = self.methods(auth).await {
            for m in methods {
                if let MethodData::Email { address } = m.data {
                    to.push(address);
                }
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for address in to.into_iter().filter(|a| seen.insert(a.as_str().to_string())) {
            let notice = security_notice(&address, &auth.tenant.name, self.lang, &activity, link.as_deref());
            let _ = self.courier.notify(&notice).await;
        }
        for number in texts {
            let _ = self.courier.notify(&security_notice_sms(&number, &auth.tenant.name, self.lang)).await;
        }
    }

    pub async fn recent_activity(&self, auth: &Authenticated, cursor: Option<&str>) -> Result<ActivityPage, Error> {
        auth.require_full()?;
        activity::page(self.ledgers, &auth.tenant.id, &auth.user.id, cursor, self.now).await
    }
}
