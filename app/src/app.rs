//! The root: boot (config, language, session), the page shell and the routes.

use crate::client::{self, Failure};
use crate::i18n::{self, t, t_args, tr};
use crate::nav::{self, Link};
use api::endpoints;
use api::{Config, Session, LANGUAGES, LANGUAGE_COOKIE};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// What every page may read: the tenant's config and the signed-in session.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub config: RwSignal<Option<Config>>,
    pub session: RwSignal<Option<Session>>,
}

impl Ctx {
    /// Forget the session (signed out or expired); the page guard then shows sign-in.
    pub fn signed_out(&self) {
        client::set_csrf("");
        self.session.set(None);
    }

    /// A failed call: an ended session sends the user back to sign-in.
    pub fn handle(&self, failure: &Failure) -> String {
        match failure.code() {
            Some(api::ErrorCode::Unauthenticated) => {
                if let Some(s) = self.session.get_untracked() {
                    crate::signin::session_ended(s.username, crate::nav::path_untracked());
                }
                self.signed_out()
            }
            // The server holds everything but the setup flow until it is done. After
            // the caller has shown the message: leaving unmounts its page (and signals).
            Some(api::ErrorCode::SetupRequired) => leptos::task::spawn_local(async { crate::nav::go("/setup") }),
            _ => {}
        }
        failure.message()
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// For pages that need a full session: anyone signed out goes to sign-in, anyone
/// halfway through signing in to the second step.
pub fn require_full_session() {
    let ctx = ctx();
    Effect::new(move |_| match ctx.session.get() {
        None => nav::go("/signin"),
        Some(s) if matches!(s.second_step, api::SecondStep::Required { .. }) => nav::go("/verify"),
        Some(_) => {}
    });
}

/// What `boot.js` fetched while the wasm was downloading (`window.siBoot[name]`, a
/// promise of the response text, or null when the request failed). Handed out
/// once: later reads must ask the API afresh.
pub(crate) async fn early(name: &str) -> Option<String> {
    let boot = js_sys::Reflect::get(&window(), &"siBoot".into()).ok()?;
    let promise: js_sys::Promise = js_sys::Reflect::get(&boot, &name.into()).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(boot.unchecked_ref::<js_sys::Object>(), &name.into());
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// Waits `ms` milliseconds in a later task, letting the browser paint and
/// handle input in between.
pub(crate) async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn boot(ctx: Ctx, ready: RwSignal<bool>) {
    let config: Option<Config> = match early("config").await.and_then(|t| serde_json::from_str(&t).ok()) {
        Some(config) => Some(config),
        None => client::call(&endpoints::CONFIG, &()).await.ok(),
    };
    let lang = config.as_ref().map_or(LANGUAGES[0].to_string(), |c| c.language.clone());
    match early("locale").await {
        // boot.js fetched the locale the config named: the same language.
        Some(text) if config.is_some() => i18n::install(&lang, text),
        _ => {
            let _ = client::load_locale(&lang).await;
        }
    }
    let session = match early("session").await.and_then(|t| serde_json::from_str::<Option<Session>>(&t).ok()) {
        Some(session) => Ok(session),
        None => client::call(&endpoints::SESSION, &()).await,
    };
    if let Ok(Some(session)) = session {
        client::set_csrf(&session.csrf_token);
        ctx.session.set(Some(session));
    }
    if let Some(color) = config.as_ref().map(|c| c.brand_color.clone()) {
        // Through the CSSOM, which the CSP allows (no inline style attribute).
        if let Some(root) = document().document_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = root.style().set_property("--accent", &color);
        }
    }
    ctx.config.set(config);
    // boot.js's answers are usually there before the wasm is: without this the
    // start, the shell and the page would render in one long task that blocks input.
    pause(0).await;
    ready.set(true);
}

#[component]
pub fn App(pages: crate::Pages) -> impl IntoView {
    let ctx = Ctx { config: RwSignal::new(None), session: RwSignal::new(None) };
    provide_context(ctx);
    nav::provide();
    let ready = RwSignal::new(false);
    spawn_local(boot(ctx, ready));
    view! {
        <Show when=move || ready.get() fallback=|| view! { <div class="boot" aria-busy="true"><span class="spinner" aria-hidden="true"></span></div> }>
            <div class="app">
                <a class="skip" href="#main">{tr("skip-to-content")}</a>
                <Header/>
                <main id="main" tabindex="-1">{move || page(pages, &nav::path())}</main>
            </div>
        </Show>
    }
}

/// The page at `path`: this bundle's, a fresh load for the other bundle's, or
/// "not found".
fn page(pages: crate::Pages, path: &str) -> AnyView {
    if let Some(view) = pages(path) {
        return view;
    }
    if crate::PAGES.contains(&path) {
        // Replaces the entry `nav::go` pushed, so Back skips nothing.
        let _ = window().location().replace(&format!("{}{path}", client::base()));
        return view! { <div class="boot" aria-busy="true"><span class="spinner" aria-hidden="true"></span></div> }
            .into_any();
    }
    view! { <p class="notice">{tr("error-not-found")}</p> }.into_any()
}

fn set_language_cookie(lang: &str) {
    if let Some(doc) = document().dyn_ref::<web_sys::HtmlDocument>() {
        let _ = doc.set_cookie(&format!("{LANGUAGE_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax"));
    }
}

#[component]
fn Header() -> impl IntoView {
    let ctx = ctx();
    let tenant = move || ctx.config.get().map(|c| c.tenant_name).unwrap_or_default();
    let on_lang = move |ev: leptos::ev::Event| {
        let lang = event_target_value(&ev);
        if LANGUAGES.contains(&lang.as_str()) {
            set_language_cookie(&lang);
            spawn_local(async move {
                let _ = client::load_locale(&lang).await;
            });
        }
    };
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = client::call(&endpoints::SIGN_OUT, &()).await;
            ctx.signed_out();
        });
    };
    // On a phone the links fold behind a menu button: one bar, not three lines.
    let menu_open = RwSignal::new(false);
    let close_menu = move |_| menu_open.set(false);
    view! {
        <header class="topbar" on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { menu_open.set(false) }>
            <div class="brand">
                <span class="tenant">{tenant}</span>
                <span class="product">{tr("app-title")}</span>
            </div>
            <div class="tools">
                <label class="lang">
                    <span class="visually-hidden">{tr("language-label")}</span>
                    <select on:change=on_lang prop:value=i18n::lang>
                        {LANGUAGES.iter().map(|l| view! { <option value=*l selected=move || i18n::lang() == *l>{move || t(&format!("language-{l}"))}</option> }).collect_view()}
                    </select>
                </label>
                {move || ctx.session.get().is_some().then(|| view! {
                    <button type="button" class="menu-toggle" aria-controls="site-nav" aria-expanded=move || menu_open.get().to_string()
                        on:click=move |_| menu_open.update(|o| *o = !*o)>
                        <span class="menu-icon" aria-hidden="true"></span>
                        <span class="visually-hidden">{tr("menu")}</span>
                    </button>
                })}
            </div>
            // One closure for the whole menu (not a `Show` per link): less code.
            {move || ctx.session.get().map(|s| {
                let full = !matches!(s.second_step, api::SecondStep::Required { .. });
                // A pass session may only register methods; the help desk has the Users page only.
                let pass = s.access_pass_until.is_some();
                let admin = full && s.admin;
                let help_desk = full && s.help_desk && !s.admin;
                let name = s.display_name;
                view! {
                    <nav id="site-nav" class="site-nav" class:open=move || menu_open.get() aria-label=tr("menu") on:click=close_menu>
                        {full.then(|| view! { <Link href="/" class="link">{tr("app-title")}</Link> })}
                        {(full && !pass).then(|| view! {
                            <Link href="/profile" class="link">{tr("profile-title")}</Link>
                            <Link href="/activity" class="link">{tr("activity-title")}</Link>
                        })}
                        {admin.then(|| view! { <Link href="/admin" class="link">{tr("admin-link")}</Link> })}
                        {help_desk.then(|| view! { <Link href="/admin/users" class="link">{tr("admin-link")}</Link> })}
                        <span class="user">{move || t_args("signed-in-as", &[("name", name.clone().into())])}</span>
                        <button type="button" class="link" on:click=sign_out>{tr("sign-out")}</button>
                    </nav>
                }
            })}
        </header>
    }
}
