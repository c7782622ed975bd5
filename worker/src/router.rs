//! A request's path: health first, then the tenant, then the endpoint table
//! (`api::endpoints`): unknown paths answer 404, other verbs 405 with `Allow`; the
//! table's access rule is checked (session, Temporary Access Pass, CSRF token)
//! before the handler runs (the second step's handler checks it itself, in one
//! call with an app's code); the handler's answer gets the table's status.

use crate::delivery::{self, Postbox};
use crate::handlers::{self, Call, Fault};
use crate::http::{self, changes_state, cookie, same_origin};
use crate::kv::Kv;
use crate::ledger::DurableLedgers;
use crate::site::{self, Settings, Site, WorkerPortal};
use crate::trace::Trace;
use api::endpoints::{self, Access, Lookup, Route, Verb};
use api::{ApiError, ErrorCode};
use domain::portal::Authenticated;
use std::rc::Rc;
use worker::{Context, Env, Request, Response, Result};

/// The request's verb as sent (workers-rs reads a verb it does not know, say
/// QUERY, as GET).
fn verb(req: &Request) -> Option<Verb> {
    let sent = req.inner().method();
    Verb::ALL.into_iter().find(|v| v.as_str() == sent)
}

/// 405 with the verbs the path has.
fn not_allowed(verbs: &[Verb]) -> Result<Response> {
    let mut res = http::code(ErrorCode::MethodNotAllowed)?;
    let allow: Vec<&str> = verbs.iter().map(|v| v.as_str()).collect();
    res.headers_mut().set("allow", &allow.join(", "))?;
    Ok(res)
}

/// `https`: whether the request came over https (session cookie and HSTS follow it).
/// `trace`: what the request did, for its log line.
pub async fn handle(req: Request, env: &Env, https: bool, ctx: &Context, trace: &Rc<Trace>) -> Result<Response> {
    let full_path = req.path();
    let (prefixed, path) = match site::tenant_prefix(&full_path) {
        // Tenant ids are lower case; a prefix spelled otherwise names the same tenant.
        Some((id, rest)) => (Some(id.to_ascii_lowercase()), rest.to_string()),
        None => (None, full_path.clone()),
    };
    if crate::page::is_page(&path) {
        let kv = Kv(env.kv("KV")?, trace.clone());
        return crate::page::serve(req, env, &kv, https, worker::Date::now().as_millis()).await;
    }
    let method = req.method();
    // Before any storage: liveness, and what the table says of the path.
    let found = match verb(&req) {
        Some(verb) => endpoints::lookup(verb, &path),
        // HEAD, OPTIONS, TRACE…: 405 on a path that has other verbs.
        None => endpoints::allowed(&path),
    };
    if let Lookup::Found(route, _) = &found {
        if route.id == endpoints::Id::HEALTH {
            return http::json(200, &api::Health { ok: true });
        }
    }
    // Apps call from anywhere and send browsers here from their own pages; so
    // does the directory (SCIM, with its token).
    let from_app = matches!(&found, Lookup::Found(r, _) if matches!(r.access, Access::App | Access::Scim));
    if changes_state(&method) && !same_origin(&req) && !from_app {
        return http::code(ErrorCode::CsrfRejected);
    }
    let now = worker::Date::now().as_millis();
    let kv = Kv(env.kv("KV")?, trace.clone());
    let ledgers = DurableLedgers(env.durable_object("LEDGER")?, trace.clone());
    if let Lookup::Found(route, _) = &found {
        if route.id == endpoints::Id::READY {
            return ready(&kv, &ledgers, now).await;
        }
    }
    #[cfg(feature = "dev")]
    if path.starts_with("/dev/") {
        return crate::dev::handle(req, env, &kv, now, &path).await;
    }
    let scim = site::is_scim(&path);
    let (route, values) = match found {
        Lookup::Found(route, values) => (route, values.into_iter().map(str::to_string).collect()),
        Lookup::NotAllowed(verbs) if scim => {
            return handlers::scim::not_allowed(&verbs.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "))
        }
        Lookup::NotFound if scim => return handlers::scim::not_found(),
        Lookup::NotAllowed(verbs) => return not_allowed(&verbs),
        Lookup::NotFound => return http::code(ErrorCode::NotFound),
    };

    trace.route.set(Some((route.verb.as_str(), route.path)));
    let host = req.url()?.host_str().unwrap_or_default().to_string();
    let tenant = match site::find_tenant(&kv, prefixed.as_deref(), &host, now).await {
        Ok(t) => t,
        Err(e) => return handlers::fail(&e),
    };
    let site = Site::new(tenant, prefixed.as_deref(), &req, https);
    *trace.tenant.borrow_mut() = Some(site.tenant.id.clone());
    // A reset's texts and calls go out after the response (see `Postbox`).
    let hold = matches!(route.id, endpoints::Id::RESET_SEND | endpoints::Id::RESET_CALL);
    let courier = Postbox::new(env, &kv, &site.tenant.id, &site.link_base, hold, now);
    let settings = Settings::of(env);
    let portal = site.portal(&kv, &ledgers, &courier, &settings, now);

    // The second step checks its session in the same call as an app's code
    // (`handlers::session::second_step`).
    let auth = if route.access.needs_session() && route.id != endpoints::Id::SECOND_STEP {
        match checked_session(&portal, &req, &site, route).await {
            Ok(auth) => Some(auth),
            Err(fault) => return handlers::fault(fault),
        }
    } else {
        None
    };
    let mut call = Call { req, env, portal: &portal, site: &site, route, values, auth };
    let res = handlers::dispatch(&mut call).await;
    let held = courier.take_held();
    if !held.is_empty() {
        ctx.wait_until(delivery::send_held(env.clone(), site.tenant.id.clone(), site.link_base.clone(), held, now));
    }
    let mut res = res?;
    // A code went on the delivery queue: the SPA says it may take a minute.
    if courier.queued() {
        res.headers_mut().set(delivery::QUEUED_HEADER, "queued")?;
    }
    // The second step passed: the session lives on under a new token.
    if let Some(token) = call.auth.as_mut().and_then(|a| a.renewed_token.take()) {
        if (200..300).contains(&res.status_code()) {
            http::set_session(&mut res, &site, &token, portal.sessions.absolute / 1000)?;
        }
    }
    Ok(res)
}

/// The session a route's access rule asks for: the one behind the cookie, a pass
/// session only where the table lets it in, the CSRF token of a change, and
/// nothing but the setup flow while setup is due.
pub async fn checked_session(
    portal: &WorkerPortal<'_>,
    req: &Request,
    site: &Site,
    route: &Route,
) -> std::result::Result<Authenticated, Fault> {
    let token = cookie(req, &site.cookie).ok_or(Fault::Domain(domain::Error::Unauthenticated))?;
    let auth = portal.authenticate(&token).await?;
    portal.ledgers.1.user(&auth.user.id);
    // A pass session may only look at the methods and register new ones.
    if auth.session.access_pass.is_some() && route.access != Access::PassSession {
        return Err(Fault::Bad(ApiError::new(ErrorCode::AccessPassLimited)));
    }
    if changes_state(&req.method()) {
        let sent = req.headers().get(api::CSRF_HEADER).ok().flatten().unwrap_or_default();
        if sent != auth.session.csrf_token {
            return Err(Fault::Bad(ApiError::new(ErrorCode::CsrfRejected)));
        }
    }
    // "More information required": only the setup flow (the methods, adding
    // them, app passwords, the skip) answers until it is done or skipped.
    let setup_flow = route.access == Access::PassSession
        || matches!(route.id, endpoints::Id::SETUP_SKIP | endpoints::Id::APP_PASSWORD);
    if !setup_flow {
        portal.require_setup_done(&auth).await?;
    }
    Ok(auth)
}

/// Readiness: one KV read and one ledger round trip (on a name that stores
/// nothing: an empty ledger is never written).
async fn ready(kv: &Kv, ledgers: &DurableLedgers, now: domain::Millis) -> Result<Response> {
    use domain::ledger::Ledgers;
    use domain::store::Store;
    let kv_ok = kv.get("ready").await.is_ok();
    let probe = domain::keys::ledger::user("-", "ready");
    let ledger_ok = ledgers.apply(&probe, domain::ledger::Methods {}, now).await.is_ok();
    let ok = kv_ok && ledger_ok;
    http::json(if ok { 200 } else { 503 }, &api::Readiness { ok, kv: kv_ok, ledger: ledger_ok })
}
