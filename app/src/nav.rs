//! Navigation between pages: the current path (below the tenant base) is a signal;
//! links and `go` push a history entry, the back button pops one. The app has a
//! handful of fixed paths, so this replaces leptos_router, which cost every page
//! ~20 KB brotli of matching machinery it did not need.

use crate::client;
use leptos::prelude::*;

thread_local! {
    // Not a context: `go` is also called from event handlers and after awaits,
    // where no reactive owner is current.
    static PATH: std::cell::Cell<Option<RwSignal<String>>> = const { std::cell::Cell::new(None) };
    static MOVED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the page shown is still the one the document was loaded for (what
/// boot.js fetched early belongs to it).
pub fn first_view() -> bool {
    !MOVED.with(std::cell::Cell::get)
}

fn signal() -> RwSignal<String> {
    PATH.with(|p| match p.get() {
        Some(path) => path,
        None => {
            let path = RwSignal::new(location_path());
            p.set(Some(path));
            path
        }
    })
}

/// The path of the location below the tenant base, `/` for the base itself.
fn location_path() -> String {
    let full = window().location().pathname().unwrap_or_default();
    let below = full.strip_prefix(&client::base()).unwrap_or(&full);
    match below.trim_end_matches('/') {
        "" => "/".to_string(),
        p => p.to_string(),
    }
}

/// Starts following the location; call once, above every page.
pub fn provide() {
    let path = signal();
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        MOVED.with(|m| m.set(true));
        path.set(location_path());
    });
    // The root lives as long as the page.
    std::mem::forget(handle);
}

/// The current page's path, e.g. `/signin`.
pub fn path() -> String {
    signal().get()
}

/// The current page's path, outside the reactive graph (event handlers).
pub fn path_untracked() -> String {
    signal().get_untracked()
}

/// Shows the page at `to` and adds it to the history.
pub fn go(to: &str) {
    let path = signal();
    if path.get_untracked() == to {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{}{to}", client::base())));
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
    MOVED.with(|m| m.set(true));
    path.set(to.to_string());
}

/// A link to a page of the app; a plain click stays in the app, a click with a
/// modifier (new tab, new window) is left to the browser.
#[component]
pub fn Link(href: &'static str, #[prop(optional)] class: &'static str, children: Children) -> impl IntoView {
    let path = signal();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
            ev.prevent_default();
            go(href);
        }
    };
    view! {
        <a href=format!("{}{href}", client::base()) class=(!class.is_empty()).then_some(class) on:click=on_click
            aria-current=move || (path.get() == href).then_some("page")>
            {children()}
        </a>
    }
}
