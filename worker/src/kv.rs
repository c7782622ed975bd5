//! `domain::store::Store` over Workers KV.

use domain::store::Store;
use domain::Error;
use worker::kv::KvStore;

pub struct Kv(pub KvStore);

fn fail(e: impl std::fmt::Display) -> Error {
    Error::Storage(format!("kv: {e}"))
}

impl Store for Kv {
    async fn get(&self, key: &str) -> Result<Option<String>, Error> {
        self.0.get(key).text().await.map_err(fail)
    }

    async fn put(&self, key: &str, value: &str, ttl_seconds: Option<u64>) -> Result<(), Error> {
        let mut put = self.0.put(key, value).map_err(fail)?;
        if let Some(ttl) = ttl_seconds {
            put = put.expiration_ttl(ttl.max(60));
        }
        put.execute().await.map_err(fail)
    }

    async fn delete(&self, key: &str) -> Result<(), Error> {
        self.0.delete(key).await.map_err(fail)
    }

    async fn list_page(
        &self,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<(Vec<String>, Option<String>), Error> {
        let mut list = self.0.list().prefix(prefix.to_string()).limit(limit.clamp(1, 1000) as u64);
        if let Some(cursor) = cursor {
            list = list.cursor(cursor.to_string());
        }
        let list = list.execute().await.map_err(fail)?;
        let next = if list.list_complete { None } else { list.cursor };
        Ok((list.keys.into_iter().map(|k| k.name).collect(), next))
    }
}
