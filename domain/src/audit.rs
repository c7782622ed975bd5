//! The tenant's audit trail: who changed what, when and from where. One KV key per
//! event, keyed by inverted time so a prefix listing returns the newest first.

use crate::entropy::{self, Entropy};
use crate::store::{put_json, Store};
use crate::Error;
use api::AuditEntry;

/// Events are kept for a year (KV drops them after that).
const KEEP_SECONDS: u64 = 366 * 24 * 3600;

fn prefix(tenant: &str) -> String {
    format!("t/{tenant}/audit/")
}

pub async fn record<S: Store, E: Entropy>(
    store: &S,
    entropy: &E,
    tenant: &str,
    entry: &AuditEntry,
) -> Result<(), Error> {
    // Inverted, zero-padded time: lexicographic order is newest first.
    let key = format!("{}{:016}-{}", prefix(tenant), u64::MAX / 2 - entry.at, entropy::token::<E, 4>(entropy));
    put_json(store, &key, entry, Some(KEEP_SECONDS)).await
}

pub async fn recent<S: Store>(store: &S, tenant: &str, limit: usize) -> Result<Vec<AuditEntry>, Error> {
    let mut out = vec![];
    for text in recent_json(store, tenant, limit).await? {
        out.push(serde_json::from_str(&text)?);
    }
    Ok(out)
}

/// The newest entries as stored (JSON of `AuditEntry`), for the worker to pass on
/// without reading them: parsing every kind of action is tens of kilobytes of code.
pub async fn recent_json<S: Store>(store: &S, tenant: &str, limit: usize) -> Result<Vec<String>, Error> {
    let mut out = vec![];
    for key in store.list(&prefix(tenant), limit).await? {
        if let Some(text) = store.get(&key).await? {
            out.push(text);
        }
    }
    Ok(out)
}
