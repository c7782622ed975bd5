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
mod router;
mod site;

pub use ledger::LedgerObject;

use worker::{event, Context, Env, Request, Response, Result};

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

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    let https = http::is_https(&req);
    let mut res = match router::handle(req, &env, https, &ctx).await {
        Ok(res) => res,
        Err(e) => {
            worker::console_error!("unhandled: {e}");
            http::error(&api::ApiError::new(api::ErrorCode::Internal))?
        }
    };
    http::secure(&mut res, https)?;
    Ok(res)
}
