//! Journals: what happened, newest first, a page at a time, each entry kept until
//! its own time (a user's recent activity, a tenant's audit trail). A journal lives
//! in a Durable Object beside a ledger (a user's activity in that user's object),
//! so recording a sign-in or a change writes no KV, and a user's deletion takes it
//! with them.

use crate::Millis;
use serde::{Deserialize, Serialize};

/// Which journal: the name of the object that keeps it (made in [`crate::keys::journal`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal(String);

impl Journal {
    pub(crate) fn new(name: String) -> Self {
        Journal(name)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One entry as sent to the journal: its key orders it (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appended {
    pub key: String,
    /// Dropped after this time.
    pub until: Millis,
    /// The entry's JSON, kept as is.
    pub entry: String,
}

impl Appended {
    /// An entry made at `at`: inverted, zero-padded time, then `suffix` (random,
    /// so two at the same millisecond both stay).
    pub fn new(at: Millis, suffix: &str, until: Millis, entry: String) -> Self {
        Appended { key: format!("{:016}-{suffix}", u64::MAX / 2 - at), until, entry }
    }
}

/// A request for a page: entries after `cursor` (the last key of the page before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Read {
    pub cursor: Option<String>,
    pub limit: u32,
    pub now: Millis,
}

/// One page, newest first, and the cursor of the next if there is one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalPage {
    pub entries: Vec<String>,
    pub next: Option<String>,
}

/// What a journal keeps per entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    pub until: Millis,
    pub entry: String,
}

/// A page from entries in key order (`(key, kept)`, newest first): skips what ran
/// out and what is not after the cursor.
pub fn page<'a>(entries: impl Iterator<Item = (&'a str, &'a Kept)>, read: &Read) -> JournalPage {
    let limit = read.limit.clamp(1, 1000) as usize;
    let mut out: Vec<(&str, &Kept)> = entries
        .filter(|(key, _)| read.cursor.as_deref().is_none_or(|c| *key > c))
        .filter(|(_, kept)| kept.until > read.now)
        .take(limit + 1)
        .collect();
    let more = out.len() > limit;
    out.truncate(limit);
    let next = if more { out.last().map(|(key, _)| key.to_string()) } else { None };
    JournalPage { entries: out.into_iter().map(|(_, kept)| kept.entry.clone()).collect(), next }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_newest_first_skip_what_ran_out_and_follow_the_cursor() {
        let mut all: Vec<(String, Kept)> = (0..5u64)
            .map(|at| {
                let a = Appended::new(at, "x", if at == 2 { 10 } else { 100 }, format!("e{at}"));
                (a.key, Kept { until: a.until, entry: a.entry })
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let read = |cursor: Option<String>| Read { cursor, limit: 2, now: 50 };
        let first = page(all.iter().map(|(k, v)| (k.as_str(), v)), &read(None));
        assert_eq!(first.entries, ["e4", "e3"]);
        let second = page(all.iter().map(|(k, v)| (k.as_str(), v)), &read(first.next));
        assert_eq!(second.entries, ["e1", "e0"], "e2 ran out");
        assert_eq!(second.next, None);
    }
}
