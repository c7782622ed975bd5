//! "Devices": the user's signed-in sessions, each with its device, place and
//! times, and "Sign out" per device. Sessions live in the user's ledger, so one
//! ended here is refused at that device's next request.

use super::{Authenticated, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::{self as op, Ledgers};
use crate::store::Store;
use crate::Error;
use api::session::{Device, Devices};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// The live sessions: this one first (marked), then the most recently used.
    pub async fn devices(&self, auth: &Authenticated) -> Result<Devices, Error> {
        auth.require_full()?;
        let live = self.ledger(&self.user_ledger(auth), op::LiveSessions { policy: self.sessions }).await?;
        let mut devices: Vec<Device> = live
            .into_iter()
            .map(|s| {
                let current = s.id == auth.session.id;
                Device {
                    current,
                    id: s.id,
                    device: s.device,
                    country: s.country,
                    signed_in_at: s.created_at,
                    // Touches are written once a minute; this one is in use now.
                    last_active_at: if current { self.now } else { s.last_seen_at },
                }
            })
            .collect();
        // This device first, then the most recently used.
        devices.sort_by(|a, b| b.current.cmp(&a.current).then(b.last_active_at.cmp(&a.last_active_at)));
        Ok(Devices { devices })
    }

    /// Signs one device out; whether it was this one.
    pub async fn sign_out_device(&self, auth: &Authenticated, id: &str) -> Result<bool, Error> {
        auth.require_full()?;
        if !self.ledger(&self.user_ledger(auth), op::EndSessionById { id: id.to_string() }).await? {
            return Err(Error::NotFound);
        }
        if id != auth.session.id {
            self.log(&auth.tenant, &auth.user.id, api::Activity::SignedOutDevice).await;
        }
        Ok(id == auth.session.id)
    }
}
