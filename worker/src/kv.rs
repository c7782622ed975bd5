//! `domain::store::Store` over Workers KV.

use crate::trace::Trace;
use domain::store::Store;
use domain::Error;
use std::rc::Rc;
use worker::kv::KvStore;

/// The store, and the request's trace (which counts what it asks of KV).
pub struct Kv(pub KvStore, pub Rc<Trace>);

fn fail(e: impl std::fmt::Display) -> Error {
    Error::Storage(format!("kv: {e}"))
}

impl Store for Kv {
    async fn get(&self, key: &str) -> Result<Option<String>, Error> {
        Trace::count(&self.1.kv_reads);
        self.0.get(key).text().await.map_err(fail)
    }

    async fn put(&self, key: &str, value: &str, ttl_seconds: Option<u64>) -> Result<(), Error> {
        Trace::count(&self.1.kv_writes);
        let mut put = self.0.put(key, value).map_err(fail)?;
        if let Some(ttl) = ttl_seconds {
            put = put.expiration_ttl(ttl.max(60));
        }
        put.execute().await.map_err(fail)
    }

    async fn delete(&self, key: &str) -> Result<(), Error> {
        Trace::count(&self.1.kv_writes);
        self.0.delete(key).await.map_err(fail)
    }

    async fn list_page(
        &self,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<(Vec<String>, Option<String>), Error> {
        Trace::count(&self.1.kv_lists);
        let mut list = self.0.list().prefix(prefix.to_string()).limit(limit.clamp(1, 1000) as u64);
        if let Some(cursor) = cursor {
            list = list.cursor(cursor.to_string());
        }
        let list = list.execute().await.map_err(fail)?;
        let next = if list.list_complete { None } else { list.cursor };
        Ok((list.keys.into_iter().map(|k| k.name).collect(), next))
    }
}
