//! Ledgers as Durable Objects: one object per ledger name. Workers deliver one
//! event at a time to an object and hold others while its storage call is pending
//! (input gates), so each load-apply-save below is atomic. The object keeps its
//! ledger in memory after the first load (it is the only writer), with a copy of
//! what it last stored, and writes only when an operation changed it: most calls
//! are reads (the list's overview, a refused try). Comparing with the copy costs
//! a few percent of serialising the ledger to compare JSON, as it once did
//! (`make bench`: 1.2 against 32 µs natively for 5 methods and 30 sessions).
//! Which operations a kind of ledger takes is `domain::ledger`'s business: a call
//! (by Workers RPC, `ledgerCall(path, body)`) names the kind in its path, and its
//! body is the `Call` as JSON.
//!
//! An object also keeps a journal (`domain::ledger::journal`: a user's activity,
//! a tenant's audit trail) as one storage key per entry beside the ledger's; its
//! one alarm serves both (the ledger's forgetting and the entries running out).
//! Entries come by their own request, or from an operation that made them (a
//! second-step try logs its outcome in the same call).

use domain::ledger::journal::{Kept, Read};
use domain::ledger::{
    self, app_step_wire, apply_wire, AppStep, AppStepped, Appended, Call, Journal, JournalPage, Kind, Ledgers, Name,
    Stored, UserLedger,
};
use domain::sealing::Keyring;
use domain::{Error, Millis};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use worker::{
    durable_object, DurableObject, Env, ListOptions, ObjectNamespace, Request, Response, Result, ScheduledTime, State,
};

/// Stored as JSON text.
const KEY: &str = "ledger.json";

/// The ledger in memory, and as last stored (`None`: nothing stored).
#[derive(Default)]
struct Loaded {
    ledger: Option<Stored>,
    stored: Option<Stored>,
}

#[durable_object]
pub struct LedgerObject {
    state: State,
    loaded: RefCell<Option<Loaded>>,
    /// The worker's sealing keys: a user's object opens an authenticator app's
    /// secret itself for the one-call second step (`domain::ledger::AppStep`).
    keys: Option<Keyring>,
}

impl DurableObject for LedgerObject {
    fn new(state: State, env: Env) -> Self {
        LedgerObject { state, loaded: RefCell::new(None), keys: crate::site::sealing_keys(&env) }
    }

    /// Ledger calls come by RPC (`ledgerCall`); a fetch serves development's peek only.
    async fn fetch(&self, req: Request) -> Result<Response> {
        #[cfg(feature = "dev")]
        if req.path() == PEEK {
            return self.peek().await;
        }
        let _ = req;
        Response::error("ledger calls come by RPC", 404)
    }

    async fn alarm(&self) -> Result<Response> {
        let storage = self.state.storage();
        let loaded = self.load().await?;
        let now = worker::Date::now().as_millis();
        let ledger_next = match loaded.ledger.as_ref().and_then(Stored::forget_at) {
            Some(at) if at <= now => {
                *self.loaded.borrow_mut() = Some(Loaded::default());
                storage.delete(KEY).await?;
                None
            }
            // Something lasting came in meanwhile, or something later: keep it.
            at => {
                *self.loaded.borrow_mut() = Some(loaded);
                at
            }
        };
        let journal_next = self.drop_ran_out(now).await?;
        match ledger_next.into_iter().chain(journal_next).min() {
            Some(at) => storage.set_alarm(at_time(at)).await?,
            None if self.loaded.borrow().as_ref().is_some_and(|l| l.ledger.is_none()) && journal_next.is_none() => {
                // Nothing left at all: the object is gone.
                storage.delete_all().await?;
            }
            None => {}
        }
        Response::empty()
    }
}

/// Where an object's journal entries are stored, each under its key.
const ENTRIES: &str = "j/";
/// The object's path for journal requests; `append`, `read` or `erase` follows.
const JOURNAL_PATH: &str = "/journal/";
/// Entries dropped per alarm, at most (the next alarm goes on).
const DROP_BATCH: usize = 128;

/// Listed journal entries: (key without the prefix, what is kept), in the list's order.
fn entries(listed: &worker::js_sys::Map) -> Vec<(String, Kept)> {
    let mut out = vec![];
    listed.for_each(&mut |value, key| {
        let kept = value.as_string().and_then(|v| serde_json::from_str::<Kept>(&v).ok());
        if let (Some(key), Some(kept)) = (key.as_string(), kept) {
            out.push((key.trim_start_matches(ENTRIES).to_string(), kept));
        }
    });
    out
}

/// An alarm at a point in time (a number alone would be an offset from now).
fn at_time(at: Millis) -> ScheduledTime {
    ScheduledTime::new(worker::js_sys::Date::new(&(at as f64).into()))
}

/// What the object answers a call: the reply, or why it refused (nothing changed).
type Answer = std::result::Result<String, String>;

/// Calls by Workers RPC: no Request, Response or body stream on either side, which
/// cost about as much as the rest of a small request (`DurableLedgers::call`).
/// The runtime serves RPC on classes deriving from its `DurableObject`: the build
/// (scripts/build.sh) sets the exported class's prototype so.
#[wasm_bindgen::prelude::wasm_bindgen(
    wasm_bindgen = ::worker::wasm_bindgen,
    wasm_bindgen_futures = ::worker::wasm_bindgen_futures,
    js_sys = ::worker::js_sys
)]
impl LedgerObject {
    #[wasm_bindgen(js_name = ledgerCall)]
    pub async fn ledger_call(&self, path: String, body: String) -> std::result::Result<JsValue, JsValue> {
        match self.answer(&path, &body).await {
            Ok(Ok(reply)) => Ok(JsValue::from(reply)),
            Ok(Err(refused)) => Err(JsValue::from(refused)),
            Err(e) => Err(JsValue::from(e.to_string())),
        }
    }
}

impl LedgerObject {
    /// An operation (`/apply/<kind>`, `/app-step`) or a journal request (`/journal/…`).
    async fn answer(&self, path: &str, call: &str) -> Result<Answer> {
        if let Some(op) = path.strip_prefix(JOURNAL_PATH) {
            return self.journal(op, call).await;
        }
        let storage = self.state.storage();
        let Loaded { mut ledger, stored } = self.load().await?;
        let applied = match path.strip_prefix(APPLY) {
            Some(kind) => apply_wire(&mut ledger, kind, call),
            None if path == APP_STEP => app_step_wire(&mut ledger, call, self.keys.as_ref()),
            None => Err(Error::Storage(format!("no such ledger request {path}"))),
        };
        let reply = match applied {
            Ok(reply) => reply,
            Err(e) => {
                // Nothing changed: keep what is loaded.
                *self.loaded.borrow_mut() = Some(Loaded { ledger, stored });
                return Ok(Err(format!("{e:?}")));
            }
        };
        // Entries the operation made for the object's journal (activity), kept below.
        let appended = ledger.as_mut().map(Stored::take_appended).unwrap_or_default();
        let ledger = ledger.filter(|l| !l.is_empty());
        if ledger == stored {
            *self.loaded.borrow_mut() = Some(Loaded { ledger, stored });
        } else {
            let json = ledger.as_ref().map(serde_json::to_string).transpose()?;
            let forget_at = ledger.as_ref().and_then(Stored::forget_at);
            // Memory first: the write below yields, and the next event must see it.
            *self.loaded.borrow_mut() = Some(Loaded { stored: ledger.clone(), ledger });
            match json {
                None => {
                    storage.delete(KEY).await?;
                }
                Some(json) => {
                    storage.put(KEY, json).await?;
                    // A ledger of things that run out deletes itself when they have.
                    if let Some(at) = forget_at {
                        self.wake_by(at).await?;
                    }
                }
            }
        }
        for entry in appended {
            self.keep(entry).await?;
        }
        Ok(Ok(reply))
    }

    async fn journal(&self, op: &str, body: &str) -> Result<Answer> {
        let storage = self.state.storage();
        match op {
            "append" => {
                self.keep(serde_json::from_str(body)?).await?;
                Ok(Ok("null".to_string()))
            }
            "read" => {
                let read: Read = serde_json::from_str(body)?;
                // `start` is inclusive: the cursor's own entry is on the page before.
                let start = read.cursor.as_ref().map(|c| format!("{ENTRIES}{c}\u{0}"));
                let limit = read.limit.clamp(1, 1000) as usize;
                let mut options = ListOptions::new().prefix(ENTRIES).limit(limit + 1);
                if let Some(start) = start.as_deref() {
                    options = options.start(start);
                }
                let listed = entries(&storage.list_with_options(options).await?);
                let page = ledger::journal::page(listed.iter().map(|(k, v)| (k.as_str(), v)), &read);
                Ok(Ok(serde_json::to_string(&page)?))
            }
            "erase" => {
                loop {
                    let options = ListOptions::new().prefix(ENTRIES).limit(DROP_BATCH);
                    let keys: Vec<String> = storage
                        .list_with_options(options)
                        .await?
                        .keys()
                        .into_iter()
                        .filter_map(|k| k.ok()?.as_string())
                        .collect();
                    if keys.is_empty() {
                        break;
                    }
                    storage.delete_multiple(keys).await?;
                }
                Ok(Ok("null".to_string()))
            }
            _ => Ok(Err(format!("no such journal request {op}"))),
        }
    }

    /// Stores a journal entry under its key, until it runs out.
    async fn keep(&self, entry: Appended) -> Result<()> {
        let kept = serde_json::to_string(&Kept { until: entry.until, entry: entry.entry })?;
        self.state.storage().put(&format!("{ENTRIES}{}", entry.key), kept).await?;
        self.wake_by(entry.until).await
    }

    /// Entries that ran out go, oldest first; when the oldest left runs out.
    async fn drop_ran_out(&self, now: Millis) -> Result<Option<Millis>> {
        let storage = self.state.storage();
        let options = ListOptions::new().prefix(ENTRIES).reverse(true).limit(DROP_BATCH);
        let oldest = entries(&storage.list_with_options(options).await?);
        let gone: Vec<String> =
            oldest.iter().take_while(|(_, kept)| kept.until <= now).map(|(key, _)| format!("{ENTRIES}{key}")).collect();
        let next = match oldest.get(gone.len()) {
            Some((_, kept)) => Some(kept.until),
            // A whole batch ran out: the rest at the next alarm, at once.
            None if gone.len() == DROP_BATCH => Some(now),
            None => None,
        };
        if !gone.is_empty() {
            storage.delete_multiple(gone).await?;
        }
        Ok(next)
    }

    /// The alarm rings by `at` at the latest (an earlier one stays).
    async fn wake_by(&self, at: Millis) -> Result<()> {
        let storage = self.state.storage();
        let set = storage.get_alarm().await?;
        if set.is_none_or(|set| u64::try_from(set).unwrap_or(0) > at) {
            storage.set_alarm(at_time(at)).await?;
        }
        Ok(())
    }

    /// The ledger: from memory after the first load.
    async fn load(&self) -> Result<Loaded> {
        let cached = self.loaded.borrow_mut().take();
        Ok(match cached {
            Some(loaded) => loaded,
            None => {
                let stored: Option<Stored> = match self.state.storage().get::<String>(KEY).await? {
                    Some(json) => Some(serde_json::from_str(&json)?),
                    None => None,
                };
                Loaded { ledger: stored.clone(), stored }
            }
        })
    }

    /// Development only: what the object stores and when it will forget it.
    #[cfg(feature = "dev")]
    async fn peek(&self) -> Result<Response> {
        let storage = self.state.storage();
        let stored = storage.get::<String>(KEY).await?;
        let alarm = storage.get_alarm().await?;
        Response::from_json(&serde_json::json!({ "stored": stored.is_some(), "alarm": alarm }))
    }
}

#[cfg(feature = "dev")]
const PEEK: &str = "/peek";

/// Development only: asks the named object what it stores.
#[cfg(feature = "dev")]
pub async fn peek(namespace: &ObjectNamespace, name: &str) -> Result<serde_json::Value> {
    namespace.get_by_name(name)?.fetch_with_str(&format!("https://ledger{PEEK}")).await?.json().await
}

/// The worker's side: sends operations to the named object.
pub struct DurableLedgers(pub ObjectNamespace, pub std::rc::Rc<crate::trace::Trace>);

impl Ledgers for DurableLedgers {
    async fn apply<K: Kind, R: ledger::Request<K>>(
        &self,
        name: &Name<K>,
        request: R,
        now: Millis,
    ) -> std::result::Result<R::Reply, Error> {
        let body = serde_json::to_string(&Call { op: request.into(), now })?;
        Ok(serde_json::from_str(&self.call(name.as_str(), &format!("{APPLY}{}", K::NAME), body).await?)?)
    }

    async fn append(&self, journal: &Journal, entry: Appended) -> std::result::Result<(), Error> {
        let body = serde_json::to_string(&entry)?;
        self.call(journal.as_str(), &format!("{JOURNAL_PATH}append"), body).await.map(drop)
    }

    async fn read(&self, journal: &Journal, read: Read) -> std::result::Result<JournalPage, Error> {
        let body = serde_json::to_string(&read)?;
        Ok(serde_json::from_str(&self.call(journal.as_str(), &format!("{JOURNAL_PATH}read"), body).await?)?)
    }

    async fn erase(&self, journal: &Journal) -> std::result::Result<(), Error> {
        self.call(journal.as_str(), &format!("{JOURNAL_PATH}erase"), String::new()).await.map(drop)
    }

    async fn app_second_step(
        &self,
        name: &Name<UserLedger>,
        step: AppStep,
        now: Millis,
    ) -> std::result::Result<AppStepped, Error> {
        let body = serde_json::to_string(&Call { op: step, now })?;
        Ok(serde_json::from_str(&self.call(name.as_str(), APP_STEP, body).await?)?)
    }
}

impl DurableLedgers {
    /// The one round trip (by RPC), apart from the typed (and so per-operation) encoding.
    async fn call(&self, name: &str, path: &str, body: String) -> std::result::Result<String, Error> {
        crate::trace::Trace::count(&self.1.ledger_calls);
        let fail = |e: String| Error::Storage(format!("ledger {name}: {e}"));
        let stub: LedgerStub = self.0.get_by_name(name).map_err(|e| fail(e.to_string()))?.into_rpc();
        let reply = stub.ledger_call(path, &body).map_err(|e| fail(format!("{e:?}")))?;
        let reply = worker::wasm_bindgen_futures::JsFuture::from(reply)
            .await
            .map_err(|e| fail(e.as_string().unwrap_or_default()))?;
        reply.as_string().ok_or_else(|| fail("a reply that is not text".to_string()))
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A ledger object's stub, as seen by RPC.
    type LedgerStub;
    #[wasm_bindgen(method, catch, js_name = ledgerCall)]
    fn ledger_call(this: &LedgerStub, path: &str, body: &str) -> std::result::Result<worker::js_sys::Promise, JsValue>;
}

/// The object's path for operations; the kind of ledger follows.
const APPLY: &str = "/apply/";
/// The object's path for the one-call second step.
const APP_STEP: &str = "/app-step";
