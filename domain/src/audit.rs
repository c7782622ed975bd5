//! The tenant's audit trail: who changed what, when and from where. A journal in
//! the tenant's own object, newest first, each event kept a year.

use crate::entropy::{self, Entropy};
use crate::ledger::journal::{Appended, Read};
use crate::ledger::Ledgers;
use crate::{keys, Error, Millis, DAY};
use api::AuditEntry;

/// Events are kept for a year.
const KEEP: Millis = 366 * DAY;

pub async fn record<L: Ledgers, E: Entropy>(
    ledgers: &L,
    entropy: &E,
    tenant: &str,
    entry: &AuditEntry,
) -> Result<(), Error> {
    let appended =
        Appended::new(entry.at, &entropy::token::<E, 4>(entropy), entry.at + KEEP, serde_json::to_string(entry)?);
    ledgers.append(&keys::journal::audit(tenant), appended).await
}

pub async fn recent<L: Ledgers>(
    ledgers: &L,
    tenant: &str,
    limit: usize,
    now: Millis,
) -> Result<Vec<AuditEntry>, Error> {
    let mut out = vec![];
    for text in recent_json(ledgers, tenant, limit, now).await? {
        out.push(serde_json::from_str(&text)?);
    }
    Ok(out)
}

/// The newest entries as stored (JSON of `AuditEntry`), for the worker to pass on
/// without reading them: parsing every kind of action is tens of kilobytes of code.
pub async fn recent_json<L: Ledgers>(
    ledgers: &L,
    tenant: &str,
    limit: usize,
    now: Millis,
) -> Result<Vec<String>, Error> {
    let read = Read { cursor: None, limit: u32::try_from(limit).unwrap_or(u32::MAX), now };
    Ok(ledgers.read(&keys::journal::audit(tenant), read).await?.entries)
}
