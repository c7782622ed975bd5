//! What one request (or queue batch) did, for its JSON log line: the tenant, the
//! route (its path template: no ids), a digest of the user, and what it asked of
//! storage (KV writes cost money and are capped per day; each ledger call is a
//! Durable Object round trip). Nothing secret: no tokens, codes, bodies or
//! addresses.

use std::cell::{Cell, RefCell};

#[derive(Default)]
pub struct Trace {
    pub kv_reads: Cell<u32>,
    pub kv_writes: Cell<u32>,
    pub kv_lists: Cell<u32>,
    pub ledger_calls: Cell<u32>,
    /// Of the KV writes, messages the development outbox recorded (`DELIVERY =
    /// "outbox"`): production sends them to a provider or the queue instead.
    pub outbox: Cell<u32>,
    pub tenant: RefCell<Option<String>>,
    pub route: Cell<Option<(&'static str, &'static str)>>,
    /// The first 16 hex of SHA-256 of the user's id: lines of one user group
    /// together without naming them.
    pub user: RefCell<Option<String>>,
}

impl Trace {
    pub fn count(counter: &Cell<u32>) {
        counter.set(counter.get().saturating_add(1));
    }

    pub fn user(&self, id: &str) {
        let digest = domain::session::token_digest(id);
        *self.user.borrow_mut() = Some(digest[..16].to_string());
    }

    /// Adds the trace's fields to a log line.
    pub fn fill(&self, line: &mut serde_json::Map<String, serde_json::Value>) {
        if let Some(tenant) = self.tenant.borrow().as_ref() {
            line.insert("tenant".into(), tenant.as_str().into());
        }
        if let Some((verb, path)) = self.route.get() {
            line.insert("route".into(), format!("{verb} {path}").into());
        }
        if let Some(user) = self.user.borrow().as_ref() {
            line.insert("user".into(), user.as_str().into());
        }
        line.insert(
            "storage".into(),
            serde_json::json!({
                "kv_reads": self.kv_reads.get(), "kv_writes": self.kv_writes.get(),
                "kv_lists": self.kv_lists.get(), "ledger_calls": self.ledger_calls.get(),
            }),
        );
        if self.outbox.get() > 0 {
            line.insert("outbox".into(), self.outbox.get().into());
        }
    }
}
