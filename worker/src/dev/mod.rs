//! Development-only routes (`dev` feature): seed the demo tenant, read the outbox,
//! and a demo app that signs in through the demo tenant (`/dev/rp`). Not compiled
//! into production builds.

use crate::http;
use crate::kv::Kv;
use api::ErrorCode;
use domain::delivery::{Message, Outbox};
use domain::demo;
use worker::{Env, Method, Request, Response, Result};

pub async fn handle(req: Request, env: &Env, kv: &Kv, now: domain::Millis, path: &str) -> Result<Response> {
    match (req.method(), path) {
        (Method::Post, "/dev/seed") => match seed(&req, env, kv, now).await {
            Ok(()) => {
                let users = |list: &[demo::DemoUser]| -> Vec<serde_json::Value> {
                    list.iter()
                        .map(|(u, p, name, admin)| serde_json::json!({"username": u, "password": p, "name": name, "admin": admin}))
                        .collect()
                };
                let tenants = serde_json::json!([
                    {"name": demo::tenant().name, "path": "/", "users": users(&demo::USERS)},
                    {"name": demo::fabrikam().name, "path": format!("/t/{}/", demo::FABRIKAM), "users": users(&demo::FABRIKAM_USERS)},
                ]);
                http::json(200, &serde_json::json!({ "tenants": tenants }))
            }
            Err(e) => http::error(&(&e).into()),
        },
        (Method::Get, "/dev/outbox.json") => match outbox(kv, now).recent(50).await {
            Ok(messages) => http::json(200, &messages),
            Err(e) => http::error(&(&e).into()),
        },
        (Method::Get, "/dev/outbox") => match outbox(kv, now).recent(50).await {
            Ok(messages) => Response::from_html(page(&messages)),
            Err(e) => http::error(&(&e).into()),
        },
        // Whether a ledger is stored and when it forgets itself (its alarm).
        (Method::Get, "/dev/ledger") => match req.url()?.query_pairs().find(|(k, _)| k == "name") {
            Some((_, name)) => http::json(200, &crate::ledger::peek(&env.durable_object("LEDGER")?, &name).await?),
            None => http::code(ErrorCode::BadRequest),
        },
        // Puts a parcel on the delivery queue `times` times, as given (its id too):
        // what a consumer retry after a lost acknowledgement looks like.
        (Method::Post, "/dev/queue") => {
            let mut req = req;
            let body = req.text().await?;
            let times = req.url()?.query_pairs().find(|(k, _)| k == "times").and_then(|(_, v)| v.parse().ok());
            if serde_json::from_str::<domain::delivery::queue::Parcel>(&body).is_err() {
                return http::code(ErrorCode::BadRequest);
            }
            let queue = env.queue(crate::delivery::QUEUE)?;
            for _ in 0..times.unwrap_or(1u8).min(5) {
                queue.send(body.clone()).await?;
            }
            Ok(Response::empty()?.with_status(204))
        }
        (Method::Get, "/dev/rp") => Response::from_html(RP_PAGE),
        // Not `.js`: paths ending so are the static files' (wrangler.toml).
        (Method::Get, "/dev/rp-script") => {
            let mut res = Response::ok(include_str!("rp.js"))?;
            res.headers_mut().set("content-type", "text/javascript; charset=utf-8")?;
            Ok(res)
        }
        _ => http::code(ErrorCode::NotFound),
    }
}

/// The demo tenant, and its demo app at this server's `/dev/rp` (by both loopback
/// names, as the browser may use either).
async fn seed(req: &Request, env: &Env, kv: &Kv, now: domain::Millis) -> std::result::Result<(), domain::Error> {
    let ledgers = crate::ledger::DurableLedgers(
        env.durable_object("LEDGER").map_err(|e| domain::Error::Storage(format!("ledgers: {e}")))?,
        kv.1.clone(),
    );
    demo::seed(kv, &ledgers, &crate::CryptoRandom, now).await?;
    let port = req.url().ok().and_then(|u| u.port()).map(|p| format!(":{p}")).unwrap_or_default();
    let here: Vec<String> = ["127.0.0.1", "localhost"].iter().map(|h| format!("http://{h}{port}/dev/rp")).collect();
    let app = domain::oidc::clients::Client {
        id: DEMO_APP.into(),
        name: "Demo app".into(),
        redirect_uris: here.clone(),
        post_logout_redirect_uris: here,
        secret: None,
        scopes: api::oidc::SCOPES.iter().map(|s| s.to_string()).collect(),
        created_at: now,
        eam: None,
    };
    domain::store::put_json(kv, &domain::keys::client(demo::TENANT, DEMO_APP), &app, None).await
}

const DEMO_APP: &str = "demo-app";

/// The demo app's page: its script signs in through the tenant and shows the claims.
const RP_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Demo app</title>\
<link rel=\"stylesheet\" href=\"/main.css\"><script type=\"module\" src=\"/dev/rp-script\"></script></head>\
<body class=\"outbox\"><main><h1>Demo app</h1><p>An app of Contoso that signs people in through Security Info \
(OpenID Connect, development builds only).</p><p><button type=\"button\" id=\"signin\" class=\"primary\">Sign in with Contoso</button></p>\
<p id=\"error\" class=\"error\" role=\"alert\"></p><section id=\"signed-in\" hidden><h2 id=\"welcome\"></h2>\
<p>Verified claims of the ID token (signature checked against the provider's keys) and UserInfo:</p><dl id=\"claims\"></dl>\
<p><button type=\"button\" id=\"logout\">Sign out</button></p></section></main></body></html>";

fn outbox(kv: &Kv, now: domain::Millis) -> Outbox<'_, Kv> {
    Outbox { store: kv, now }
}

/// A plain inbox page for developers (not part of the product, so not translated).
fn page(messages: &[domain::delivery::OutboxMessage]) -> String {
    let mut rows = String::new();
    for m in messages {
        let (channel, to, subject, text) = match &m.message {
            Message::Email(e) => ("Email", e.to.as_str().to_string(), e.subject.clone(), e.text.clone()),
            Message::Sms(s) => ("Text message", s.to.e164().to_string(), String::new(), s.body.clone()),
            Message::Call(c) => ("Phone call", c.to.e164().to_string(), String::new(), c.twiml.clone()),
        };
        rows.push_str(&format!(
            "<article><h2>{channel}: {}</h2><p>To: <b>{}</b> · sent at {} (ms)</p><pre>{}</pre></article>\n",
            domain::shell::escape(&subject),
            domain::shell::escape(&to),
            m.sent_at,
            domain::shell::escape(&text)
        ));
    }
    if rows.is_empty() {
        rows.push_str("<p>No messages yet. Codes sent by the app show up here.</p>");
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>Dev outbox</title><link rel=\"stylesheet\" href=\"/main.css\"><link rel=\"stylesheet\" href=\"/chunks.css\"></head><body class=\"outbox\"><main>\
<h1>Dev outbox</h1><p>Mail recorded by the outbox provider (development builds only), newest first.</p>{rows}</main></body></html>"
    )
}
