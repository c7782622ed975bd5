//! "Confirm it's you" in the middle of a change: a call the server refuses for a
//! stale second step waits (`client::call_at`) while the page asks for one, then is
//! sent again, so the change the user asked for goes through (or, cancelled, says
//! why not). Only pages that hold a [`ReauthHost`] ask (it sets the client's hook);
//! elsewhere the refusal is shown as it is.

use crate::client;
use crate::on_demand::ReauthDialog;
use crate::security_info::mfa_options;
use api::endpoints;
use api::MfaOption;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    // Reference-counted: they outlive the page that first reads them. What to
    // offer while asking (the methods and the default), `None` when not asking.
    static ASKING: ArcRwSignal<Option<(Vec<MfaOption>, Option<String>)>> = ArcRwSignal::new(None);
    /// The calls waiting for the answer (their promises' `resolve`).
    static WAITING: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
    static HOSTS: Cell<u32> = const { Cell::new(0) };
}

/// Asks the user to confirm it's them; whether they did.
async fn confirmed() -> bool {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
    let Some(resolve) = resolve else { return false };
    let first = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        w.push(resolve);
        w.len() == 1
    });
    if first {
        // Every method that can serve as a second step, as the list stands now.
        match client::call_once(&endpoints::METHODS).await {
            Ok(info) => ASKING.with(|a| a.set(Some((mfa_options(&info), info.default_method)))),
            Err(_) => answer(false),
        }
    }
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

fn answer(confirmed: bool) {
    let waiting = WAITING.with(|w| std::mem::take(&mut *w.borrow_mut()));
    if waiting.is_empty() {
        return;
    }
    ASKING.with(|a| a.set(None));
    for resolve in waiting {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(confirmed));
    }
}

/// Shows "Confirm it's you" while a call asks for it.
#[component]
pub fn ReauthHost() -> impl IntoView {
    HOSTS.with(|h| h.set(h.get() + 1));
    client::ask_to_confirm(Some(|| Box::pin(confirmed())));
    on_cleanup(|| {
        let left = HOSTS.with(|h| {
            h.set(h.get().saturating_sub(1));
            h.get()
        });
        if left == 0 {
            client::ask_to_confirm(None);
        }
        answer(false);
    });
    let asking = ASKING.with(Clone::clone);
    let closed = Callback::new(move |_| answer(false));
    let done = Callback::new(move |_: String| answer(true));
    move || {
        asking.get().map(|(methods, default_method)| {
            view! { <ReauthDialog methods default_method on_close=closed on_done=done/> }
        })
    }
}
