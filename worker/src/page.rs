//! Pages: any path that is not the API's. The static page (`dist/index.html` and
//! its copies) gets the tenant's config, its language and the translated first view
//! (`domain::shell`) put in, so the sign-in form, or Security info with the user's
//! methods, paints before the wasm has loaded, and the app asks for no config (nor,
//! on Security info, for the list). Everything else of the static files is served as is.

use crate::delivery::Postbox;
use crate::http::cookie;
use crate::kv::Kv;
use crate::ledger::DurableLedgers;
use crate::site::{self, Settings, Site};
use api::SIGNED_IN_COOKIE;
use domain::session::SecondStep;
use domain::shell::{Shell, SignedIn};
use worker::{Env, Method, Request, Response, Result};

/// The placeholder in `index.html` the shell replaces (boot.js's spinner).
const BOOT: &str =
    r#"<div id="boot" class="boot" aria-busy="true"><span class="spinner" aria-hidden="true"></span></div>"#;

/// Whether `path` (after any tenant prefix) is a page: neither the API's nor
/// development's own (`/dev/…`).
pub fn is_page(path: &str) -> bool {
    !(site::is_api(path) || path.starts_with("/dev/"))
}

pub async fn serve(req: Request, env: &Env, kv: &Kv, https: bool, now: domain::Millis) -> Result<Response> {
    let url = req.url()?;
    // The shell's form, sent before boot.js could hold it: back to the page with a
    // GET (the password in no address).
    if req.method() == Method::Post {
        let mut res = Response::empty()?.with_status(303);
        res.headers_mut().set("location", url.as_str())?;
        return Ok(res);
    }
    let assets = env.assets("ASSETS")?;
    let res = assets.fetch_request(req.clone()?).await?;
    // A fetched response's headers are immutable: the security headers go on a copy.
    let headers = res.headers().clone();
    let res = res.with_headers(headers);
    let html = res.headers().get("content-type")?.is_some_and(|t| t.starts_with("text/html"));
    if req.method() != Method::Get || res.status_code() != 200 || !html {
        return Ok(res);
    }
    let path = req.path();
    let (prefixed, page) = site::page_prefix(&path);
    let host = url.host_str().unwrap_or_default().to_string();
    // No such organization: the plain page (boot.js asks for the config and says so).
    let Ok(tenant) = site::find_tenant(kv, prefixed.as_deref(), &host, now).await else { return Ok(res) };
    let lang = site::language(&req);
    let config = serde_json::to_string(&site::config(&tenant, lang))?;
    let hinted = cookie(&req, SIGNED_IN_COOKIE).as_deref() == Some("1");
    let mut res = res;
    let text = res.text().await?;
    let prefix = prefixed.as_deref().map(site::prefix_of).unwrap_or_default();
    let mut shell = Shell::for_path(page, hinted);
    let mut list = None;
    if shell == Some(Shell::SecurityInfo) {
        let site = Site::new(tenant.clone(), prefixed.as_deref(), &req, https);
        match visit(&req, env, kv, &site, now).await {
            Visit::Shown(signed, json) => list = Some((signed, json)),
            Visit::Elsewhere => {}
            // The hint outlived the session: the app will ask for a sign-in.
            Visit::SignedOut => shell = Some(Shell::SignIn),
        }
    }
    let first = match shell {
        Some(shell) => shell.render(lang, &tenant.name, &prefix, list.as_ref().map(|(s, _)| s.as_ref())),
        None => BOOT.to_string(),
    };
    // A first view that is the whole page (sign-in, Security info with its list)
    // paints before the wasm loads (boot.js waits for that paint), so the wasm is
    // not preloaded: it would share the first round trips with the page's CSS.
    let whole = shell == Some(Shell::SignIn) || list.is_some();
    let text = match wasm_preload(&text).filter(|_| whole).map(str::to_string) {
        Some(link) => text.replacen(&link, "", 1),
        None => text,
    };
    // The list as the app would have fetched it (boot.js hands it over).
    let methods = list
        .map(|(_, json)| {
            format!(r#"<script type="application/json" id="si-methods">{}</script>"#, json.replace('<', "\\u003c"))
        })
        .unwrap_or_default();
    // JSON in a script element: `<` escaped, so no `</script>` in a name ends it.
    let config = config.replace('<', "\\u003c");
    let body = text.replacen("<html lang=\"en\">", &format!("<html lang=\"{lang}\">"), 1).replacen(
        BOOT,
        &format!(r#"{first}<script type="application/json" id="si-config">{config}</script>{methods}"#),
        1,
    );
    let mut out = Response::from_html(body)?;
    let h = out.headers_mut();
    // Made for this tenant, language and signed-in hint: each visit asks again.
    h.set("cache-control", "private, no-cache")?;
    h.set("vary", "cookie, accept-language")?;
    Ok(out)
}

/// What the worker knows of a visit to Security info.
enum Visit {
    /// Its user and list (one call to the user's ledger), and the list's JSON.
    Shown(Box<SignedIn>, String),
    /// Signed in, but the app shows another page first (the second step, setup,
    /// a Temporary Access Pass's banner): the heading only.
    Elsewhere,
    /// No live session.
    SignedOut,
}

async fn visit(req: &Request, env: &Env, kv: &Kv, site: &Site, now: domain::Millis) -> Visit {
    let Some(token) = cookie(req, &site.cookie) else { return Visit::SignedOut };
    let Ok(namespace) = env.durable_object("LEDGER") else { return Visit::Elsewhere };
    let ledgers = DurableLedgers(namespace, kv.1.clone());
    let courier = Postbox::new(env, kv, &site.tenant.id, &site.link_base, false, now);
    let settings = Settings::of(env);
    let portal = site.portal(kv, &ledgers, &courier, &settings, now);
    let auth = match portal.authenticate(&token).await {
        Ok(auth) => auth,
        Err(domain::Error::Unauthenticated) => return Visit::SignedOut,
        Err(_) => return Visit::Elsewhere,
    };
    let session = &auth.session;
    if session.access_pass.is_some() || session.setup_due || matches!(session.second_step, SecondStep::Pending) {
        return Visit::Elsewhere;
    }
    let Ok(info) = portal.security_info(&auth).await else { return Visit::Elsewhere };
    let Ok(json) = serde_json::to_string(&info) else { return Visit::Elsewhere };
    let user = &auth.user;
    let signed =
        SignedIn { display_name: user.display_name.clone(), admin: user.admin, help_desk: user.help_desk, info };
    Visit::Shown(Box::new(signed), json)
}

/// The page's `<link rel="preload" …>` of its wasm bundle.
fn wasm_preload(html: &str) -> Option<&str> {
    let start = html.find(r#"<link rel="preload" href="/"#)?;
    let end = start + html[start..].find('>')? + 1;
    html[start..end].contains("_bg.wasm").then(|| &html[start..end])
}
