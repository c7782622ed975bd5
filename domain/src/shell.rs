//! The first view as static HTML: the worker puts it in the page it serves, so the
//! sign-in form (or Security info, with the user's methods) paints in the tenant's
//! language before the app's wasm has loaded. The app renders the same markup in the same place;
//! boot.js then carries over what was typed (and a submit it held) and removes this
//! copy. The markup copies the app's (`signin.rs`, the
//! header in `app.rs`, `security_info`); tests/e2e/shell.test.mjs checks that nothing
//! moves when the app takes over.

use api::fluent::{Messages, Value};
use api::texts::{self, Words};
use api::{MethodDetail, MethodKind, MethodView, SecurityInfo};

/// What the worker knows of a signed-in visit to Security info (one call to the
/// user's ledger): the header's name and links, and the page's list.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub display_name: String,
    pub admin: bool,
    pub help_desk: bool,
    pub info: SecurityInfo,
}

/// `app.ftl` in one language, as `api::texts` asks for it.
struct AppWords(Messages);

impl AppWords {
    fn new(lang: &str) -> Self {
        // The shell's strings only (build.rs, `shell_ids.txt`), not all of `app.ftl`.
        AppWords(Messages::parse(match lang {
            "nl-NL" => include_str!(concat!(env!("OUT_DIR"), "/shell-nl-NL.ftl")),
            _ => include_str!(concat!(env!("OUT_DIR"), "/shell-en-US.ftl")),
        }))
    }
}

impl Words for AppWords {
    fn text(&self, id: &str, args: &[(&str, Value)]) -> String {
        self.0.format(id, args).unwrap_or_else(|| {
            #[cfg(test)]
            tests::MISSING.with_borrow_mut(|m| m.push(id.to_string()));
            id.to_string()
        })
    }
}

/// The pages that have a shell: the two almost every visit starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    SignIn,
    SecurityInfo,
}

impl Shell {
    /// The shell of `path` (below any tenant prefix); `signed_in` is the readable
    /// signed-in hint cookie (`api::SIGNED_IN_COOKIE`): a guess the app corrects.
    pub fn for_path(path: &str, signed_in: bool) -> Option<Shell> {
        match path.trim_end_matches('/') {
            "" if signed_in => Some(Shell::SecurityInfo),
            "" | "/signin" => Some(Shell::SignIn),
            _ => None,
        }
    }

    /// The shell's markup in `lang` for the tenant `tenant` (its display name), links
    /// below `prefix` (`""` or `/t/<tenant>`). Controls that need the app are
    /// disabled until it takes over; the form posts nowhere useful (boot.js holds a
    /// submit for the app, and the worker answers a post to a page with a redirect).
    /// `signed`: Security info's user and list, when the worker has them; without,
    /// its heading only.
    pub fn render(self, lang: &str, tenant: &str, prefix: &str, signed: Option<&SignedIn>) -> String {
        let words = AppWords::new(lang);
        let t = |id: &str| escape(&words.text(id, &[]));
        let prefix = escape(prefix);
        let languages: String = api::LANGUAGES
            .iter()
            .map(|l| {
                let selected = if *l == lang { " selected" } else { "" };
                format!(r#"<option value="{l}"{selected}>{}</option>"#, t(&format!("language-{l}")))
            })
            .collect();
        let menu = match self {
            Shell::SignIn => String::new(),
            Shell::SecurityInfo => format!(
                r#"<button class="menu-toggle" type="button" aria-controls="site-nav" aria-expanded="false" disabled><span class="menu-icon" aria-hidden="true"></span><span class="visually-hidden">{}</span></button>"#,
                t("menu")
            ),
        };
        let nav = match self {
            Shell::SignIn => String::new(),
            Shell::SecurityInfo => {
                let admin = match signed {
                    Some(s) if s.admin => format!(r#"<a href="{prefix}/admin" class="link">{}</a>"#, t("admin-link")),
                    Some(s) if s.help_desk => {
                        format!(r#"<a href="{prefix}/admin/users" class="link">{}</a>"#, t("admin-link"))
                    }
                    _ => String::new(),
                };
                let user = signed
                    .map(|s| escape(&words.text("signed-in-as", &[("name", s.display_name.as_str().into())])))
                    .unwrap_or_default();
                format!(
                    r#"<nav class="site-nav" id="site-nav" aria-label="{menu}"><a href="{prefix}/" class="link" aria-current="page">{title}</a><a href="{prefix}/profile" class="link">{profile}</a><a href="{prefix}/activity" class="link">{activity}</a>{admin}<span class="user">{user}</span><button type="button" class="link" disabled>{sign_out}</button></nav>"#,
                    menu = t("menu"),
                    title = t("app-title"),
                    profile = t("profile-title"),
                    activity = t("activity-title"),
                    sign_out = t("sign-out"),
                )
            }
        };
        let page = match self {
            Shell::SignIn => {
                format!(
                    concat!(
                        r#"<section class="card signin" aria-labelledby="signin-title"><h1 id="signin-title">{title}</h1><p>{intro}</p>"#,
                        r#"<form novalidate method="post"><div class="field"><label for="username">{username}</label><input id="username" name="username" type="text" autocomplete="username webauthn" required autocapitalize="off" spellcheck="false" aria-invalid="false" aria-describedby="signin-error"></div>"#,
                        r#"<div class="field"><label for="password">{password}</label><input id="password" name="password" type="password" required autocomplete="current-password" aria-invalid="false" aria-describedby="signin-error"></div>"#,
                        r#"<p class="error" id="signin-error" role="alert" aria-live="assertive"></p><button class="primary" type="submit" aria-busy="false">{button}</button></form>"#,
                        r#"<div class="passkey"><button type="button" disabled>{passkey}</button></div><p class="forgot"><a href="{prefix}/reset">{reset}</a><a href="{prefix}/help">{help}</a></p>"#,
                        r#"<p class="forgot"><button class="link" type="button" disabled>{pass}</button></p></section>"#
                    ),
                    title = t("sign-in-title"),
                    intro = escape(&words.text("sign-in-intro", &[("tenant", tenant.into())])),
                    username = t("username-label"),
                    password = t("password-label"),
                    button = t("sign-in-button"),
                    passkey = t("signin-passkey"),
                    reset = t("reset-link"),
                    help = t("help-link"),
                    pass = t("signin-with-pass"),
                    prefix = prefix,
                )
            }
            Shell::SecurityInfo => format!(
                r#"<section class="page" aria-labelledby="page-title"><h1 id="page-title">{}</h1><p class="intro">{}</p>{}</section>"#,
                t("app-title"),
                t("security-info-intro"),
                signed.map(|s| list(&words, lang, prefix.as_str(), &s.info)).unwrap_or_default(),
            ),
        };
        // Held on screen until the app's page has its list (boot.js), so the list
        // does not blink out while the app loads it.
        let hold = if signed.is_some() { " data-hold" } else { "" };
        format!(
            concat!(
                r##"<div id="boot" class="shell" aria-busy="true"{hold}><div class="app"><a class="skip" href="#main">{skip}</a><header class="topbar"><div class="brand"><span class="tenant">{tenant}</span><span class="product">{product}</span></div>"##,
                r#"<div class="tools"><label class="lang"><span class="visually-hidden">{language}</span><select disabled>{languages}</select></label>{menu}</div>{nav}</header>"#,
                r#"<main id="main" tabindex="-1">{page}</main></div></div>"#
            ),
            skip = t("skip-to-content"),
            tenant = escape(tenant),
            product = t("app-title"),
            language = t("language-label"),
            languages = languages,
            menu = menu,
            nav = nav,
            page = page,
            hold = hold,
        )
    }
}

/// Security info below its intro, as the app renders it once it has the list
/// (`app/src/security_info`): the default, "Add method", the methods or the empty
/// state, account health, devices and the help link. Buttons wait for the app.
fn list(w: &AppWords, lang: &str, prefix: &str, info: &SecurityInfo) -> String {
    let t = |id: &str| escape(&w.text(id, &[]));
    let change = if texts::mfa_options(info).is_empty() {
        String::new()
    } else {
        format!(
            r#"<button type="button" class="link" aria-label="{}" disabled>{}</button>"#,
            t("default-change-title"),
            t("default-method-change")
        )
    };
    let methods = if info.methods.is_empty() {
        format!(r#"<p class="empty">{}</p>"#, t("methods-empty"))
    } else {
        let rows: String = info.methods.iter().map(|m| row(w, lang, m)).collect();
        format!(r#"<ul class="methods">{rows}</ul>"#)
    };
    let health = if info.advice.is_empty() {
        String::new()
    } else {
        let items: String = info
            .advice
            .iter()
            .map(|a| {
                let (text, label) = texts::advice(w, a, &info.methods);
                format!(
                    r#"<li><span>{}</span><button type="button" class="link" disabled>{}</button></li>"#,
                    escape(&text),
                    escape(&label)
                )
            })
            .collect();
        format!(
            r#"<section class="health" aria-labelledby="health-title"><h2 id="health-title">{}</h2><ul>{items}</ul></section>"#,
            t("health-title")
        )
    };
    format!(
        concat!(
            r#"<p class="status" role="status" aria-live="polite"></p><p class="error" role="alert"></p>"#,
            r#"<div class="default-method"><span class="label">{label}</span> <span class="value">{default}</span>{change}</div>"#,
            r#"<button type="button" class="add" disabled><span aria-hidden="true">+ </span>{add}</button>"#,
            r#"<h2 class="visually-hidden">{heading}</h2>{methods}{health}"#,
            r#"<section class="devices" aria-labelledby="devices-title"><h2 id="devices-title">{devices}</h2><button type="button" class="link" disabled>{show}</button></section>"#,
            r#"<p class="help-link"><a href="{prefix}/help">{help}</a></p>"#
        ),
        label = t("default-method-label"),
        default = escape(&texts::default_value(w, info)),
        change = change,
        add = t("add-method"),
        heading = t("methods-heading"),
        methods = methods,
        health = health,
        devices = t("devices-title"),
        show = t("devices-show"),
        prefix = prefix,
        help = t("help-link"),
    )
}

/// One method's row, as the app's `MethodRow`.
fn row(w: &AppWords, lang: &str, m: &MethodView) -> String {
    let t = |id: &str| escape(&w.text(id, &[]));
    let name = texts::method_name(w, m);
    let detail = texts::method_detail(w, m);
    let mut meta = w.text("method-added-on", &[("date", date(lang, m.created_at).into())]);
    if let Some(at) = m.last_used_at {
        meta.push_str(" · ");
        meta.push_str(&w.text("method-last-used", &[("date", date(lang, at).into())]));
    }
    let kind = m.detail.kind();
    let mut warnings = String::new();
    for (shown, id) in [
        (matches!(m.detail, MethodDetail::SecurityKey { possibly_cloned: true, .. }), "key-possibly-cloned"),
        (m.turned_off, "method-turned-off"),
        (m.suspended, "method-suspended"),
    ] {
        if shown {
            warnings.push_str(&format!(r#"<span class="warning">{}</span>"#, t(id)));
        }
    }
    let button = |word: &str, label: String, class: &str| {
        format!(
            r#"<button type="button" class="{class}" aria-label="{}" disabled>{}</button>"#,
            escape(&label),
            t(word)
        )
    };
    let named = |word: &str| format!("{} {name} ({detail})", w.text(word, &[]));
    let mut actions = String::new();
    if m.suspended {
        actions.push_str(&button("method-keep", named("method-keep"), "link"));
    }
    let changeable = matches!(
        kind,
        MethodKind::Phone
            | MethodKind::AlternatePhone
            | MethodKind::Email
            | MethodKind::SecurityQuestions
            | MethodKind::RecoveryCodes
    );
    if changeable {
        let word = if kind == MethodKind::RecoveryCodes { "recovery-regenerate" } else { "default-method-change" };
        actions.push_str(&button(word, named(word), "link"));
    }
    if matches!(
        m.detail,
        MethodDetail::AuthenticatorApp { .. } | MethodDetail::SecurityKey { .. } | MethodDetail::AppPassword { .. }
    ) {
        actions.push_str(&button("method-rename", named("method-rename"), "link"));
    }
    actions.push_str(&button("method-delete", format!("{} {name}", w.text("method-delete", &[])), "link danger"));
    format!(
        r#"<li class="method" data-kind="{kind}" data-id="{id}"><span class="name">{name}</span><span class="detail">{detail}</span><span class="meta">{meta}</span>{warnings}<span class="row-actions">{actions}</span></li>"#,
        kind = kind.as_str(),
        id = escape(&m.id),
        name = escape(&name),
        detail = escape(&detail),
        meta = escape(&meta),
    )
}

/// A date as the browser's `toLocaleDateString` writes it in `lang` (in UTC: the
/// app writes it again in the visitor's time zone): 11/30/2026, 30-11-2026.
fn date(lang: &str, ms: crate::Millis) -> String {
    let (year, month, day) = crate::calendar::civil(ms);
    match lang {
        "nl-NL" => format!("{day}-{month}-{year}"),
        _ => format!("{month}/{day}/{year}"),
    }
}

/// Text or an attribute value as HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests;
