//! Pages: any path that is not the API's. The static page (`dist/index.html` and
//! its copies) gets the tenant's config, its language and the translated first view
//! (`domain::shell`) put in, so the sign-in form paints before the wasm has loaded
//! and the app asks for no config. Everything else of the static files is served as is.

use crate::http::cookie;
use crate::kv::Kv;
use crate::site;
use api::SIGNED_IN_COOKIE;
use domain::shell::Shell;
use worker::{Env, Method, Request, Response, Result};

/// The placeholder in `index.html` the shell replaces (boot.js's spinner).
const BOOT: &str =
    r#"<div id="boot" class="boot" aria-busy="true"><span class="spinner" aria-hidden="true"></span></div>"#;

/// Whether `path` (after any tenant prefix) is a page rather than the API's.
pub fn is_page(path: &str) -> bool {
    let api = ["/api/", "/.well-known/", "/dev/"].iter().any(|p| path.starts_with(p))
        || path == api::paths::SCIM_ROOT
        || path.starts_with(&format!("{}/", api::paths::SCIM_ROOT));
    !api
}

pub async fn serve(req: Request, env: &Env, kv: &Kv, now: domain::Millis) -> Result<Response> {
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
    let signed_in = cookie(&req, SIGNED_IN_COOKIE).as_deref() == Some("1");
    let mut res = res;
    let text = res.text().await?;
    let shell = Shell::for_path(page, signed_in);
    let first = match shell {
        Some(shell) => shell.render(lang, &tenant.name, &prefixed.as_deref().map(site::prefix_of).unwrap_or_default()),
        None => BOOT.to_string(),
    };
    // Sign-in's first view is the whole page: the wasm waits for it to paint
    // (boot.js), so it is not preloaded. Security info's list comes with the app.
    let text = match shell.filter(|s| *s == Shell::SignIn).and_then(|_| wasm_preload(&text)).map(str::to_string) {
        Some(link) => text.replacen(&link, "", 1),
        None => text,
    };
    // JSON in a script element: `<` escaped, so no `</script>` in a name ends it.
    let config = config.replace('<', "\\u003c");
    let body = text.replacen("<html lang=\"en\">", &format!("<html lang=\"{lang}\">"), 1).replacen(
        BOOT,
        &format!(r#"{first}<script type="application/json" id="si-config">{config}</script>"#),
        1,
    );
    let mut out = Response::from_html(body)?;
    let h = out.headers_mut();
    // Made for this tenant, language and signed-in hint: each visit asks again.
    h.set("cache-control", "private, no-cache")?;
    h.set("vary", "cookie, accept-language")?;
    Ok(out)
}

/// The page's `<link rel="preload" …>` of its wasm bundle.
fn wasm_preload(html: &str) -> Option<&str> {
    let start = html.find(r#"<link rel="preload" href="/"#)?;
    let end = start + html[start..].find('>')? + 1;
    html[start..end].contains("_bg.wasm").then(|| &html[start..end])
}
