//! The Worker: a thin HTTP adapter. It resolves the tenant, reads cookies and
//! bodies, applies the security rules every request shares, and hands the work to
//! `domain::portal`. Storage is Workers KV; ledgers are Durable Objects.

mod delivery;
#[cfg(feature = "dev")]
mod dev;
mod handlers;
mod http;
mod kv;
mod ledger;
mod page;
mod router;
mod site;
mod trace;

pub use ledger::LedgerObject;

use worker::{event, Context, Env, MessageBatch, Request, Response, Result};

/// Randomness from the runtime's CSPRNG (`crypto.getRandomValues`).
pub struct CryptoRandom;

impl domain::entropy::Entropy for CryptoRandom {
    fn fill(&self, buf: &mut [u8]) {
        if getrandom::getrandom(buf).is_err() {
            // Without secure randomness no token may be issued: fail the request.
            wasm_bindgen::throw_str("secure randomness unavailable");
        }
    }
}

/// The delivery queue's consumer, and its dead-letter queue's (`delivery::consume`).
#[event(queue)]
async fn queue(batch: MessageBatch<String>, env: Env, _ctx: Context) -> Result<()> {
    delivery::consume(batch, env).await
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    let https = http::is_https(&req);
    let started = worker::Date::now().as_millis();
    // Cloudflare's ray id names the request in its logs too; locally, a random one.
    let id = req.headers().get("cf-ray").ok().flatten().unwrap_or_else(|| {
        let mut bytes = [0u8; 8];
        domain::entropy::Entropy::fill(&CryptoRandom, &mut bytes);
        domain::entropy::hex(&bytes)
    });
    let (method, path) = (req.method().to_string(), req.path());
    let trace = std::rc::Rc::new(trace::Trace::default());
    let mut res = match router::handle(req, &env, https, &ctx, &trace).await {
        Ok(res) => res,
        Err(e) => {
            worker::console_error!("{}", serde_json::json!({ "id": id, "unhandled": e.to_string() }));
            http::error(&api::ApiError::new(api::ErrorCode::Internal))?
        }
    };
    http::secure(&mut res, https)?;
    res.headers_mut().set("x-request-id", &id)?;
    // One structured line per request: no query (tokens), bodies, cookies or addresses.
    let mut line = serde_json::Map::new();
    line.insert("id".into(), id.into());
    line.insert("method".into(), method.into());
    line.insert("status".into(), res.status_code().into());
    line.insert("ms".into(), worker::Date::now().as_millis().saturating_sub(started).into());
    trace.fill(&mut line);
    // The route's template when one matched (no ids in the log), else the path.
    if !line.contains_key("route") {
        line.insert("path".into(), path.into());
    }
    let line = serde_json::Value::Object(line);
    worker::console_log!("{line}");
    Ok(res)
}
