//! Recording what happens to an account (Recent activity) and telling the user by
//! mail when their security info changes.

use super::{Authenticated, Portal};
use crate::delivery::{security_notice, Courier};
use crate::email::EmailAddress;
use crate::entropy::Entropy;
use crate::methods::MethodData;
use crate::store::{Ledgers, Store};
use crate::tenant::Tenant;
use crate::{activity, Error};
use api::{Activity, ActivityEntry, ActivityPage};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Appends to the user's recent activity. Never fails the action it records.
    pub(super) async fn log(&self, tenant: &Tenant, user_id: &str, activity: Activity) {
        let entry = ActivityEntry {
            at: self.now,
            activity,
            ip: self.client_ip.to_string(),
            country: self.client_country.map(str::to_string),
            device: activity::device(self.user_agent),
        };
        let days = tenant.policy.activity_days;
        if let Err(e) = activity::record(self.store, self.entropy, &tenant.id, user_id, days, &entry).await {
            // Losing a log line must not undo a change the user made.
            let _ = e;
        }
    }

    /// A change to the user's security info: logged, and announced to their email
    /// methods and work address ("If this wasn't you…").
    pub(super) async fn changed(&self, auth: &Authenticated, activity: Activity) {
        self.log(&auth.tenant, &auth.user.id, activity.clone()).await;
        let mut to: Vec<EmailAddress> = EmailAddress::parse(&auth.user.username).into_iter().collect();
        if let Ok(methods) = self.methods(auth).await {
            for m in methods {
                if let MethodData::Email { address } = m.data {
                    to.push(address);
                }
            }
        }
        for address in to {
            let _ = self.courier.send(&security_notice(&address, &auth.tenant.name, self.lang, &activity)).await;
        }
    }

    pub async fn recent_activity(&self, auth: &Authenticated, cursor: Option<&str>) -> Result<ActivityPage, Error> {
        auth.require_full()?;
        activity::page(self.store, &auth.tenant.id, &auth.user.id, cursor).await
    }
}
