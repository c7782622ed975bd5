//! The user's recent activity: a journal in the user's own object (beside their
//! ledger), newest first, each entry kept for the tenant's retention period.

use crate::entropy::{self, Entropy};
use crate::ledger::journal::{Appended, Read};
use crate::ledger::Ledgers;
use crate::{keys, Error, Millis, DAY};
use api::{Activity, ActivityEntry, ActivityPage};
use serde::{Deserialize, Serialize};

pub const PAGE: usize = 20;

pub async fn record<L: Ledgers, E: Entropy>(
    ledgers: &L,
    entropy: &E,
    tenant: &str,
    user: &str,
    keep_days: u16,
    entry: &ActivityEntry,
) -> Result<(), Error> {
    ledgers.append(&keys::journal::activity(tenant, user), appended(entropy, keep_days, entry)?).await
}

/// `entry` as appended to the user's journal, kept `keep_days`.
pub fn appended<E: Entropy>(entropy: &E, keep_days: u16, entry: &ActivityEntry) -> Result<Appended, Error> {
    Ok(Appended::new(entry.at, &suffix(entropy), kept_until(entry.at, keep_days), serde_json::to_string(entry)?))
}

/// An entry's key suffix: random, so two entries of one millisecond both stay.
pub fn suffix<E: Entropy>(entropy: &E) -> String {
    entropy::token::<E, 4>(entropy)
}

/// Until when an entry made at `at` is kept.
pub fn kept_until(at: Millis, keep_days: u16) -> Millis {
    at + u64::from(keep_days.max(1)) * DAY
}

/// Where and how an action came (time, address, country, device): everything
/// of its activity entry but what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub at: Millis,
    pub ip: String,
    pub country: Option<String>,
    pub device: String,
}

impl Origin {
    pub fn entry(self, activity: Activity) -> ActivityEntry {
        let Origin { at, ip, country, device } = self;
        ActivityEntry { at, activity, ip, country, device }
    }
}

pub async fn page<L: Ledgers>(
    ledgers: &L,
    tenant: &str,
    user: &str,
    cursor: Option<&str>,
    now: Millis,
) -> Result<ActivityPage, Error> {
    let read = Read { cursor: cursor.map(str::to_string), limit: PAGE as u32, now };
    let page = ledgers.read(&keys::journal::activity(tenant, user), read).await?;
    let mut entries = Vec::with_capacity(page.entries.len());
    for text in page.entries {
        entries.push(serde_json::from_str(&text)?);
    }
    Ok(ActivityPage { entries, next: page.next })
}

/// "Firefox on Windows" from a User-Agent header; apps like curl by name.
pub fn device(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
        ("python-requests", "Python"),
        ("Outlook", "Outlook"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let system = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => {
            ua.split(['/', ' ']).next().filter(|s| !s.is_empty()).unwrap_or("unknown").chars().take(40).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_described_briefly() {
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(device(chrome), "Chrome on Linux");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0";
        assert_eq!(device(edge), "Edge on Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(device(iphone), "Safari on iPhone");
        assert_eq!(device("curl/8.5.0"), "curl");
        assert_eq!(device(""), "unknown");
    }
}
