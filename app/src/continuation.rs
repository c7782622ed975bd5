//! An app's sign-in waiting for the user (OpenID Connect). The provider sends the
//! browser to the sign-in page with `?continue=<its authorize request>`; the
//! request is kept for the tab (sessionStorage) through the second step and the
//! setup wizard, and followed once the user reaches Security info. Only our own
//! authorize endpoint is ever followed, and the worker checks the request again.

use crate::client;
use api::endpoints;
use leptos::prelude::window;

const KEY: &str = "si-continue";
/// The app asked for a second factor the user has yet to add: wait for a click.
const NEEDS_FACTOR: &str = "si-continue-needs-factor";

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// What the sign-in page was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// Sign in again even when signed in (`prompt=login`, `max_age`).
    pub login: bool,
    pub login_hint: Option<String>,
}

/// Reads the sign-in page's query: keeps an app's request to continue.
pub fn from_query() -> Asked {
    let search = window().location().search().unwrap_or_default();
    let Ok(query) = web_sys::UrlSearchParams::new_with_str(&search) else { return Asked::default() };
    let own = format!(
        "{}{}{}?",
        window().location().origin().unwrap_or_default(),
        client::base(),
        endpoints::OIDC_AUTHORIZE.route.path
    );
    if let (Some(to), Some(store)) = (query.get("continue").filter(|to| to.starts_with(&own)), storage()) {
        let _ = store.set_item(KEY, &to);
        let _ = match query.get("need").as_deref() {
            Some("second-factor") => store.set_item(NEEDS_FACTOR, "1"),
            _ => store.remove_item(NEEDS_FACTOR),
        };
    }
    Asked { login: query.get("login").as_deref() == Some("1"), login_hint: query.get("login_hint") }
}

/// The app request waiting, and whether it waits for a new second factor.
pub fn pending() -> Option<(String, bool)> {
    let store = storage()?;
    let to = store.get_item(KEY).ok().flatten()?;
    Some((to, store.get_item(NEEDS_FACTOR).ok().flatten().is_some()))
}

/// Goes back to the app (through the provider, which checks the request again).
pub fn follow() {
    if let Some((to, _)) = pending() {
        if let Some(store) = storage() {
            let _ = store.remove_item(KEY);
            let _ = store.remove_item(NEEDS_FACTOR);
        }
        let _ = window().location().assign(&to);
    }
}
