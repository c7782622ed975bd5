//! `domain::store::Store` over Workers KV.

use domain::store::Store;
use domain::Error;
use std::cell::Cell;
use std::rc::Rc;
use worker::kv::KvStore;

/// What one request (or queue batch) asked of storage, for its log line: KV
/// writes cost money and are capped per day; each ledger call is a round trip.
#[derive(Default)]
pub struct Usage {
    pub kv_reads: Cell<u32>,
    pub kv_writes: Cell<u32>,
    pub kv_lists: Cell<u32>,
    pub ledger_calls: Cell<u32>,
}

impl Usage {
    pub fn count(counter: &Cell<u32>) {
        counter.set(counter.get().saturating_add(1));
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "kv_reads": self.kv_reads.get(), "kv_writes": self.kv_writes.get(),
            "kv_lists": self.kv_lists.get(), "ledger_calls": self.ledger_calls.get(),
        })
    }
}

pub struct Kv(pub KvStore, pub Rc<Usage>);

fn fail(e: impl std::fmt::Display) -> Error {
    Error::Storage(format!("kv: {e}"))
}

impl Store for Kv {
    async fn get(&self, key: &str) -> Result<Option<String>, Error> {
        Usage::count(&self.1.kv_reads);
        self.0.get(key).text().await.map_err(fail)
    }

    async fn put(&self, key: &str, value: &str, ttl_seconds: Option<u64>) -> Result<(), Error> {
        Usage::count(&self.1.kv_writes);
        let mut put = self.0.put(key, value).map_err(fail)?;
        if let Some(ttl) = ttl_seconds {
            put = put.expiration_ttl(ttl.max(60));
        }
        put.execute().await.map_err(fail)
    }

    async fn delete(&self, key: &str) -> Result<(), Error> {
        Usage::count(&self.1.kv_writes);
        self.0.delete(key).await.map_err(fail)
    }

    async fn list_page(
        &self,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<(Vec<String>, Option<String>), Error> {
        Usage::count(&self.1.kv_lists);
        let mut list = self.0.list().prefix(prefix.to_string()).limit(limit.clamp(1, 1000) as u64);
        if let Some(cursor) = cursor {
            list = list.cursor(cursor.to_string());
        }
        let list = list.execute().await.map_err(fail)?;
        let next = if list.list_complete { None } else { list.cursor };
        Ok((list.keys.into_iter().map(|k| k.name).collect(), next))
    }
}
