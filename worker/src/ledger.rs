//! Ledgers as Durable Objects: one object per ledger name. Workers deliver one
//! event at a time to an object and hold others while its storage call is pending
//! (input gates), so each load-apply-save below is atomic. The object keeps its
//! ledger in memory after the first load (it is the only writer), and writes only
//! when an operation changed it: most calls are reads (the list's overview).
//! Which operations a kind of ledger takes is `domain::ledger`'s business: the
//! request path names the kind, the body is its `Call`.

use domain::ledger::{self, apply_wire, Call, Kind, Ledgers, Name, Stored};
use domain::{Error, Millis};
use std::cell::RefCell;
use worker::{
    durable_object, DurableObject, Env, Method, ObjectNamespace, Request, RequestInit, Response, Result, ScheduledTime,
    State,
};

/// Stored as JSON text, which also tells whether an operation changed anything.
const KEY: &str = "ledger.json";

#[durable_object]
pub struct LedgerObject {
    state: State,
    /// The ledger and the JSON last stored (empty: nothing stored).
    loaded: RefCell<Option<(Option<Stored>, String)>>,
}

impl DurableObject for LedgerObject {
    fn new(state: State, _env: Env) -> Self {
        LedgerObject { state, loaded: RefCell::new(None) }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        #[cfg(feature = "dev")]
        if req.path() == PEEK {
            return self.peek().await;
        }
        // Text and serde_json, as on the calling side: no second deserialiser.
        let kind = req.path().trim_start_matches(APPLY).to_string();
        let call = req.text().await?;
        let storage = self.state.storage();
        let (mut ledger, before) = self.load().await?;
        let reply = match apply_wire(&mut ledger, &kind, &call) {
            Ok(reply) => reply,
            Err(e) => {
                // Nothing changed: keep what is loaded.
                *self.loaded.borrow_mut() = Some((ledger, before));
                return Response::error(format!("{e:?}"), 400);
            }
        };
        let ledger = ledger.filter(|l| !l.is_empty());
        let after = match &ledger {
            Some(l) => serde_json::to_string(l)?,
            None => String::new(),
        };
        let changed = after != before;
        let forget_at = ledger.as_ref().and_then(Stored::forget_at);
        // Memory first: the write below yields, and the next event must see it.
        *self.loaded.borrow_mut() = Some((ledger, after.clone()));
        if changed {
            if after.is_empty() {
                storage.delete_all().await?;
            } else {
                storage.put(KEY, after).await?;
                // A ledger of things that run out deletes itself when they have.
                if let Some(at) = forget_at {
                    storage.set_alarm(at_time(at)).await?;
                }
            }
        }
        Response::ok(reply)
    }

    async fn alarm(&self) -> Result<Response> {
        let storage = self.state.storage();
        let (ledger, json) = self.load().await?;
        let now = worker::Date::now().as_millis();
        match ledger.as_ref().and_then(Stored::forget_at) {
            Some(at) if at <= now => {
                *self.loaded.borrow_mut() = Some((None, String::new()));
                storage.delete_all().await?;
            }
            // Something lasting came in meanwhile, or something later: keep it.
            Some(at) => {
                *self.loaded.borrow_mut() = Some((ledger, json));
                storage.set_alarm(at_time(at)).await?;
            }
            None => *self.loaded.borrow_mut() = Some((ledger, json)),
        }
        Response::empty()
    }
}

/// An alarm at a point in time (a number alone would be an offset from now).
fn at_time(at: Millis) -> ScheduledTime {
    ScheduledTime::new(worker::js_sys::Date::new(&(at as f64).into()))
}

impl LedgerObject {
    /// The ledger and its stored JSON: from memory after the first load.
    async fn load(&self) -> Result<(Option<Stored>, String)> {
        let cached = self.loaded.borrow_mut().take();
        Ok(match cached {
            Some(loaded) => loaded,
            None => match self.state.storage().get::<String>(KEY).await? {
                Some(json) => (Some(serde_json::from_str(&json)?), json),
                None => (None, String::new()),
            },
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
        Ok(serde_json::from_str(&self.call(name.as_str(), K::NAME, body).await?)?)
    }
}

impl DurableLedgers {
    /// The one round trip, apart from the typed (and so per-operation) encoding.
    async fn call(&self, name: &str, kind: &str, body: String) -> std::result::Result<String, Error> {
        crate::trace::Trace::count(&self.1.ledger_calls);
        let fail = |e: worker::Error| Error::Storage(format!("ledger {name}: {e}"));
        let stub = self.0.get_by_name(name).map_err(fail)?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_body(Some(body.into()));
        let req = Request::new_with_init(&format!("https://ledger{APPLY}{kind}"), &init).map_err(fail)?;
        let mut res = stub.fetch_with_request(req).await.map_err(fail)?;
        if res.status_code() != 200 {
            return Err(Error::Storage(format!("ledger {name}: status {}", res.status_code())));
        }
        res.text().await.map_err(fail)
    }
}

/// The object's path for operations; the kind of ledger follows.
const APPLY: &str = "/apply/";
