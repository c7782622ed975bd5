//! Workers KV behind a small trait, an in-memory map for native tests (ledgers,
//! the Durable Objects, are in [`crate::ledger`]). The trait's futures are not
//! `Send`, as in the single-threaded Workers runtime.

use crate::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// An eventually consistent key-value store (Workers KV).
#[allow(async_fn_in_trait)]
pub trait Store {
    async fn get(&self, key: &str) -> Result<Option<String>, Error>;
    /// `ttl_seconds`: KV drops the key after that long (cleanup only; expiry rules
    /// are always checked in code).
    async fn put(&self, key: &str, value: &str, ttl_seconds: Option<u64>) -> Result<(), Error>;
    async fn delete(&self, key: &str) -> Result<(), Error>;
    /// Keys under `prefix`, in lexicographic order, at most `limit`.
    async fn list(&self, prefix: &str, limit: usize) -> Result<Vec<String>, Error> {
        Ok(self.list_page(prefix, None, limit).await?.0)
    }
    /// One page of keys under `prefix` from `cursor` on, and the cursor of the next
    /// page if there is one. Cursors are opaque.
    async fn list_page(
        &self,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<(Vec<String>, Option<String>), Error>;
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

#[derive(Debug, Default)]
pub struct MemoryStore(RefCell<BTreeMap<String, String>>, RefCell<BTreeMap<String, u64>>);

impl MemoryStore {
    /// The time to live a key was last written with, for tests of expiry.
    pub fn ttl(&self, key: &str) -> Option<u64> {
        self.1.borrow().get(key).copied()
    }

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
    async fn put(&self, key: &str, value: &str, ttl: Option<u64>) -> Result<(), Error> {
        self.0.borrow_mut().insert(key.to_string(), value.to_string());
        match ttl {
            Some(ttl) => self.1.borrow_mut().insert(key.to_string(), ttl),
            None => self.1.borrow_mut().remove(key),
        };
        Ok(())
    }
    async fn delete(&self, key: &str) -> Result<(), Error> {
        self.0.borrow_mut().remove(key);
        Ok(())
    }
    async fn list_page(
        &self,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<(Vec<String>, Option<String>), Error> {
        let map = self.0.borrow();
        // The cursor is the last key of the previous page.
        let mut keys: Vec<String> = map
            .range(prefix.to_string()..)
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(prefix))
            .filter(|k| cursor.is_none_or(|c| k.as_str() > c))
            .take(limit + 1)
            .cloned()
            .collect();
        let more = keys.len() > limit;
        keys.truncate(limit);
        let next = if more { keys.last().cloned() } else { None };
        Ok((keys, next))
    }
}
