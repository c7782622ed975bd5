//! "Confirm it's you" in the middle of a change: a call the server refuses for a
//! stale second step waits (`client::call_at`) while the page asks for one, then is
//! sent again, so the change the user asked for goes through (or, cancelled, says
//! why not). Only pages that hold a [`ReauthHost`] ask; elsewhere the refusal is
//! shown as it is.

use crate::client;
use crate::on_demand::ReauthDialog;
use crate::security_info::mfa_options;
use api::endpoints;
use api::MfaOption;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    // Reference-counted: it outlives the page that first reads it.
    static ASKED: ArcRwSignal<bool> = ArcRwSignal::new(false);
    /// The calls waiting for the answer (their promises' `resolve`).
    static WAITING: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
    static HOSTS: Cell<u32> = const { Cell::new(0) };
}

/// Asks the user to confirm it's them; whether they did. `false` at once on a
/// page that cannot ask.
pub async fn confirmed() -> bool {
    if HOSTS.with(Cell::get) == 0 {
        return false;
    }
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
    let Some(resolve) = resolve else { return false };
    WAITING.with(|w| w.borrow_mut().push(resolve));
    ASKED.with(|a| a.set(true));
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

fn answer(confirmed: bool) {
    ASKED.with(|a| a.set(false));
    for resolve in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(confirmed));
    }
}

/// Shows "Confirm it's you" when a call asks for it, with every method that can
/// serve as a second step (fetched then: the list may have changed).
#[component]
pub fn ReauthHost() -> impl IntoView {
    HOSTS.with(|h| h.set(h.get() + 1));
    on_cleanup(|| {
        HOSTS.with(|h| h.set(h.get().saturating_sub(1)));
        answer(false);
    });
    let asked = ASKED.with(Clone::clone);
    let options = RwSignal::new(None::<(Vec<MfaOption>, Option<String>)>);
    Effect::new(move |_| {
        if asked.get() {
            spawn_local(async move {
                match client::call(&endpoints::METHODS, &()).await {
                    Ok(info) => {
                        // The host may be gone by now (the page changed).
                        let _ = options.try_set(Some((mfa_options(&info), info.default_method)));
                    }
                    Err(_) => answer(false),
                }
            });
        } else {
            options.set(None);
        }
    });
    let closed = Callback::new(move |_| answer(false));
    let done = Callback::new(move |_: String| answer(true));
    move || {
        options.get().map(|(methods, default_method)| {
            view! { <ReauthDialog methods default_method on_close=closed on_done=done/> }
        })
    }
}
