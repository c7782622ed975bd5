//! Ledgers as Durable Objects: one object per ledger name. Workers deliver one
//! event at a time to an object and hold others while its storage call is pending
//! (input gates), so each load-apply-save below is atomic. The object keeps its
//! ledger in memory after the first load (it is the only writer), and writes only
//! when an operation changed it: most calls are reads (the list's overview).

use domain::ledger::{Ledger, Op, Reply};
use domain::store::Ledgers;
use domain::{Error, Millis};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use worker::{
    durable_object, DurableObject, Env, Method, ObjectNamespace, Request, RequestInit, Response, Result, State,
};

/// Stored as JSON text, which also tells whether an operation changed anything.
const KEY: &str = "ledger.json";

#[derive(Serialize, Deserialize)]
struct Call {
    op: Op,
    now: Millis,
}

#[durable_object]
pub struct LedgerObject {
    state: State,
    /// The ledger and the JSON last stored (empty: nothing stored).
    loaded: RefCell<Option<(Ledger, String)>>,
}

impl DurableObject for LedgerObject {
    fn new(state: State, _env: Env) -> Self {
        LedgerObject { state, loaded: RefCell::new(None) }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        // Text and serde_json, as on the calling side: no second deserialiser for `Op`.
        let call: Call = serde_json::from_str(&req.text().await?)?;
        let storage = self.state.storage();
        let cached = self.loaded.borrow_mut().take();
        let (mut ledger, before) = match cached {
            Some(loaded) => loaded,
            None => match storage.get::<String>(KEY).await? {
                Some(json) => (serde_json::from_str(&json)?, json),
                None => (Ledger::default(), String::new()),
            },
        };
        let reply = ledger.apply(call.op, call.now);
        let after = if ledger.is_empty() { String::new() } else { serde_json::to_string(&ledger)? };
        let changed = after != before;
        // Memory first: the write below yields, and the next event must see it.
        *self.loaded.borrow_mut() = Some((ledger, after.clone()));
        if changed {
            if after.is_empty() {
                storage.delete(KEY).await?;
            } else {
                storage.put(KEY, after).await?;
            }
        }
        Response::from_json(&reply)
    }
}

/// The worker's side: sends operations to the named object.
pub struct DurableLedgers(pub ObjectNamespace);

impl Ledgers for DurableLedgers {
    async fn apply(&self, name: &str, op: Op, now: Millis) -> std::result::Result<Reply, Error> {
        let fail = |e: worker::Error| Error::Storage(format!("ledger {name}: {e}"));
        let stub = self.0.get_by_name(name).map_err(fail)?;
        let body = serde_json::to_string(&Call { op, now })?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_body(Some(body.into()));
        let req = Request::new_with_init("https://ledger/apply", &init).map_err(fail)?;
        let mut res = stub.fetch_with_request(req).await.map_err(fail)?;
        if res.status_code() != 200 {
            return Err(Error::Storage(format!("ledger {name}: status {}", res.status_code())));
        }
        res.json().await.map_err(fail)
    }
}
