//! Storage behind small traits: Workers KV and Durable Objects in the worker,
//! in-memory maps for native tests. The traits' futures are not `Send`, as in
//! the single-threaded Workers runtime.

use crate::ledger::{Ledger, Op, Reply};
use crate::{Error, Millis};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// An eventually consistent key-value store (Workers KV).
#[allow(async_fn_in_trait)]
pub trait Store {
    async fn get(&self, key: &str) -> Result<Option<String>, Error>;
    /// `ttl_seconds`: KV drops the key after that long (cleanup only; expiry rules
    /// are always checked in code).
    async fn put(&self, key: &str, value: &str, ttl_seconds: Option<u64>) -> Result<(), Error>;
    async fn delete(&self, key: &str) -> Result<(), Error>;
    /// Keys under `prefix`, in lexicographic order, at most `limit`.
    async fn list(&self, prefix: &str, limit: usize) -> Result<Vec<String>, Error>;
}

pub async fn get_json<S: Store, T: DeserializeOwned>(store: &S, key: &str) -> Result<Option<T>, Error> {
    match store.get(key).await? {
        Some(text) => Ok(Some(serde_json::from_str(&text)?)),
        None => Ok(None),
    }
}

pub async fn put_json<S: Store, T: Serialize>(store: &S, key: &str, value: &T, ttl: Option<u64>) -> Result<(), Error> {
    store.put(key, &serde_json::to_string(value)?, ttl).await
}

/// Strongly consistent ledgers (Durable Objects): each name's operations are
/// applied one at a time.
#[allow(async_fn_in_trait)]
pub trait Ledgers {
    async fn apply(&self, name: &str, op: Op, now: Millis) -> Result<Reply, Error>;
}

#[derive(Debug, Default)]
pub struct MemoryStore(RefCell<BTreeMap<String, String>>);

impl MemoryStore {
    pub fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }

    /// Every key and value, for tests that check what is stored.
    pub fn dump(&self) -> String {
        self.0.borrow().iter().map(|(k, v)| format!("{k}={v}\n")).collect()
    }
}

impl Store for MemoryStore {
    async fn get(&self, key: &str) -> Result<Option<String>, Error> {
        Ok(self.0.borrow().get(key).cloned())
    }
    async fn put(&self, key: &str, value: &str, _ttl: Option<u64>) -> Result<(), Error> {
        self.0.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }
    async fn delete(&self, key: &str) -> Result<(), Error> {
        self.0.borrow_mut().remove(key);
        Ok(())
    }
    async fn list(&self, prefix: &str, limit: usize) -> Result<Vec<String>, Error> {
        let map = self.0.borrow();
        Ok(map
            .range(prefix.to_string()..)
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(prefix))
            .take(limit)
            .cloned()
            .collect())
    }
}

#[derive(Debug, Default)]
pub struct MemoryLedgers(RefCell<HashMap<String, Ledger>>);

impl Ledgers for MemoryLedgers {
    async fn apply(&self, name: &str, op: Op, now: Millis) -> Result<Reply, Error> {
        Ok(self.0.borrow_mut().entry(name.to_string()).or_default().apply(op, now))
    }
}
