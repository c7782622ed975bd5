//! Ledgers in memory: the native tests' Durable Objects.

use super::{
    apply, journal, of_kind, AppStep, AppStepped, Appended, Journal, JournalPage, Kind, Lasting, Ledgers, Name,
    Request, Stored, UserLedger,
};
use crate::sealing::Keyring;
use crate::{Error, Millis};
use std::cell::RefCell;
use std::collections::HashMap;

/// Ledgers in memory, for native tests; an empty ledger is dropped, as a Durable
/// Object deletes its storage.
#[derive(Default)]
pub struct MemoryLedgers(
    RefCell<HashMap<String, Stored>>,
    std::cell::Cell<usize>,
    RefCell<HashMap<String, std::collections::BTreeMap<String, journal::Kept>>>,
    /// The keys the objects hold (the worker's sealing keys), once given.
    RefCell<Option<Keyring>>,
);

impl std::fmt::Debug for MemoryLedgers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.dump())
    }
}

impl MemoryLedgers {
    /// Gives the objects the keys that open sealed secrets (as a Durable Object
    /// reads them from its environment).
    pub fn hold_keys(&self, keys: Keyring) {
        *self.3.borrow_mut() = Some(keys);
    }

    /// Runs `run` on the ledger `name`, as one object call: made on first use,
    /// dropped when empty, its journal entries appended.
    fn with<T>(&self, name: &str, run: impl FnOnce(&mut Option<Stored>) -> T) -> T {
        self.1.set(self.1.get() + 1);
        let mut ledgers = self.0.borrow_mut();
        let mut slot = ledgers.remove(name);
        let reply = run(&mut slot);
        for entry in slot.as_mut().map(Stored::take_appended).unwrap_or_default() {
            self.keep(name, entry);
        }
        if let Some(stored) = slot.filter(|s| !s.is_empty()) {
            ledgers.insert(name.to_string(), stored);
        }
        reply
    }

    fn keep(&self, journal: &str, entry: Appended) {
        let kept = journal::Kept { until: entry.until, entry: entry.entry };
        self.2.borrow_mut().entry(journal.to_string()).or_default().insert(entry.key, kept);
    }

    /// How many operations were applied so far (a Durable Object call each).
    pub fn calls(&self) -> usize {
        self.1.get()
    }

    /// Every ledger as the JSON a Durable Object would store, one `name=json` per
    /// line, then each journal's entries (`journal name=count`).
    pub fn dump(&self) -> String {
        let ledgers = self.0.borrow();
        let mut names: Vec<&String> = ledgers.keys().collect();
        names.sort();
        let mut out: String = names
            .iter()
            .map(|n| format!("{n}={}\n", serde_json::to_string(&ledgers[*n]).unwrap_or_default()))
            .collect();
        let journals = self.2.borrow();
        let mut names: Vec<&String> = journals.keys().filter(|n| !journals[*n].is_empty()).collect();
        names.sort();
        out.extend(names.iter().map(|n| format!("journal {n}={}\n", journals[*n].len())));
        out
    }
}

impl Ledgers for MemoryLedgers {
    async fn apply<K: Kind, R: Request<K>>(&self, name: &Name<K>, request: R, now: Millis) -> Result<R::Reply, Error> {
        self.with(name.as_str(), |slot| apply(slot, request, now))
    }

    async fn app_second_step(&self, name: &Name<UserLedger>, step: AppStep, now: Millis) -> Result<AppStepped, Error> {
        let keys = self.3.borrow().clone();
        self.with(name.as_str(), |slot| {
            let ledger = of_kind::<UserLedger>(slot)?;
            ledger.prune(now);
            Ok(ledger.app_second_step(step, keys.as_ref(), now))
        })
    }

    async fn append(&self, journal: &Journal, entry: Appended) -> Result<(), Error> {
        self.1.set(self.1.get() + 1);
        self.keep(journal.as_str(), entry);
        Ok(())
    }

    async fn read(&self, journal: &Journal, read: journal::Read) -> Result<JournalPage, Error> {
        self.1.set(self.1.get() + 1);
        let journals = self.2.borrow();
        Ok(journals
            .get(journal.as_str())
            .map(|entries| journal::page(entries.iter().map(|(k, v)| (k.as_str(), v)), &read))
            .unwrap_or_default())
    }

    async fn erase(&self, journal: &Journal) -> Result<(), Error> {
        self.1.set(self.1.get() + 1);
        self.2.borrow_mut().remove(journal.as_str());
        Ok(())
    }
}
