//! Code that loads on demand. The portal bundle (`src/main.rs`) marks the method
//! flows, the second step and the pages few visits open as `wasm_split`
//! functions, and `scripts/build.sh` cuts each into a wasm chunk of its own
//! (wasm-split-cli): they stay out of the first load and are fetched once, when
//! first shown. The split functions live in the binary, not here, so the admin
//! and reset bundles do not carry them; pages reach them through [`Chunks`].

use crate::app_password::AppPasswordFlow;
use crate::authenticator::AuthenticatorFlow;
use crate::dialog::Modal;
use crate::email::EmailFlow;
use crate::i18n::tr;
use crate::phone::PhoneFlow;
use crate::questions::QuestionsFlow;
use crate::recovery_codes::RecoveryCodesFlow;
use crate::security_key::SecurityKeyFlow;
use api::{MethodKind, MfaOption, PhoneCountry, PhoneMode, SecurityInfo};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;

/// The Fluent file of what the chunks say (`locales/<lang>/chunks.ftl`).
pub const CHUNK_STRINGS: &str = "chunks";

thread_local! {
    static STYLES: std::cell::RefCell<Option<js_sys::Promise>> = const { std::cell::RefCell::new(None) };
}

/// The chunks' own styles (`/chunks.css`), linked once: settled when loaded (or
/// failed: the chunk shows anyway).
pub fn need_styles() -> js_sys::Promise {
    STYLES.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                js_sys::Promise::new(&mut |resolve, _| {
                    let link = document().create_element("link").ok();
                    let head = document().head();
                    match (link, head) {
                        (Some(link), Some(head)) => {
                            let _ = link.set_attribute("rel", "stylesheet");
                            let _ = link.set_attribute("href", "/chunks.css");
                            let _ = js_sys::Reflect::set(&link, &"onload".into(), &resolve);
                            let _ = js_sys::Reflect::set(&link, &"onerror".into(), &resolve);
                            let _ = head.append_child(&link);
                        }
                        _ => {
                            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                        }
                    }
                })
            })
            .clone()
    })
}

/// Which method flow to show, with what it needs from the page.
pub struct Flow {
    pub kind: MethodKind,
    /// Recovery codes exist already: the flow says the new set voids them.
    pub replacing: bool,
    pub countries: Vec<PhoneCountry>,
    pub modes: Vec<PhoneMode>,
    /// The flow offers Cancel (not in a wizard step that must be completed).
    pub cancellable: bool,
}

impl Flow {
    /// A flow for `kind` with the phone countries and modes of the user's Security info.
    pub fn new(kind: MethodKind, replacing: bool, info: Option<SecurityInfo>) -> Self {
        let (countries, modes) = info.map(|i| (i.phone_countries, i.phone_modes)).unwrap_or_default();
        Flow { kind, replacing, countries, modes, cancellable: true }
    }
}

/// A chunk did not load (offline, or a deploy replaced it).
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// What a chunk's function returns once its code is there.
pub type Chunk = Result<AnyView, NotLoaded>;
pub type Loading = Pin<Box<dyn Future<Output = Chunk>>>;

/// "Confirm it's you": the methods to offer and what to do after.
pub struct Reauth {
    pub methods: Vec<MfaOption>,
    pub default_method: Option<String>,
    pub on_close: Callback<()>,
    pub on_done: Callback<String>,
}

/// The portal's split functions that code in the first load calls.
#[derive(Clone, Copy)]
pub struct Chunks {
    pub flow: fn(Flow, Callback<()>, Callback<String>) -> Loading,
    pub reauth: fn(Reauth) -> Loading,
    /// Fetch a chunk without showing it: what the user is about to open.
    pub preload_flows: fn() -> Preloading,
    pub preload_second_step: fn() -> Preloading,
    /// Security info's "Connected apps" (shown only when there are some).
    pub connected_apps: fn() -> Loading,
    /// Security info's "Devices" (not in a pass session).
    pub devices: fn() -> Loading,
}

pub type Preloading = Pin<Box<dyn Future<Output = ()>>>;

/// The bundle's chunks; read while a component is created (needs its owner).
pub fn chunks() -> Option<Chunks> {
    use_context::<Chunks>()
}

/// A bundle without the chunks never shows what is in them.
fn missing() -> Loading {
    Box::pin(async { Err(NotLoaded) })
}

/// A method flow's view (called inside the flows' chunk).
pub fn flow(flow: Flow, on_close: Callback<()>, on_added: Callback<String>) -> AnyView {
    let Flow { kind, replacing, countries, modes, cancellable } = flow;
    match kind {
        MethodKind::AuthenticatorApp => view! { <AuthenticatorFlow on_close on_added/> }.into_any(),
        MethodKind::Phone | MethodKind::AlternatePhone => view! {
            <PhoneFlow kind countries modes on_close on_added/>
        }
        .into_any(),
        MethodKind::Email => view! { <EmailFlow on_close on_added/> }.into_any(),
        MethodKind::SecurityKey => view! { <SecurityKeyFlow on_close on_added/> }.into_any(),
        MethodKind::SecurityQuestions => view! { <QuestionsFlow on_close on_added/> }.into_any(),
        MethodKind::AppPassword => view! { <AppPasswordFlow cancellable on_close on_added/> }.into_any(),
        MethodKind::RecoveryCodes => view! { <RecoveryCodesFlow replacing on_close on_added/> }.into_any(),
    }
}

/// A method flow: a spinner while its chunk loads, an error with a way out if it cannot.
#[component]
pub fn FlowView(flow: Flow, on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let chunk = chunks().map_or_else(missing, |c| (c.flow)(flow, on_close, on_added));
    // Until the flow's heading is there, the loading note names the dialog.
    view(chunk, Some(on_close), Some("add-title"))
}

/// "Confirm it's you" before a change, when the last second step is not recent.
#[component]
pub fn ReauthDialog(
    methods: Vec<MfaOption>,
    default_method: Option<String>,
    on_close: Callback<()>,
    on_done: Callback<String>,
) -> impl IntoView {
    let reauth = Reauth { methods, default_method, on_close, on_done };
    let body = view(chunks().map_or_else(missing, |c| (c.reauth)(reauth)), Some(on_close), None);
    view! {
        <Modal labelled_by="reauth-title" on_close=on_close>
            <h2 id="reauth-title">{tr("reauth-title")}</h2>
            {body}
        </Modal>
    }
}

/// A part of a page in a chunk that shows nothing until it has loaded (and
/// nothing if it cannot): for what most users never have, like connected apps.
pub fn quietly(chunk: impl Future<Output = Chunk> + 'static) -> AnyView {
    let styles = need_styles();
    let view = send_wrapper::SendWrapper::new(async move {
        let chunk = chunk.await;
        crate::client::need_locale(CHUNK_STRINGS).await;
        let _ = wasm_bindgen_futures::JsFuture::from(styles).await;
        chunk.unwrap_or_else(|NotLoaded| ().into_any())
    });
    view! { <Suspense fallback=|| ()>{Suspend::new(view)}</Suspense> }.into_any()
}

/// The view a chunk makes once it has loaded; `loading_id` is the id of the note
/// shown meanwhile.
pub fn view(
    chunk: impl Future<Output = Chunk> + 'static,
    on_close: Option<Callback<()>>,
    loading_id: Option<&'static str>,
) -> AnyView {
    let loading = move || {
        view! { <p id=loading_id class="loading" aria-busy="true"><span class="spinner small" aria-hidden="true"></span>{tr("loading")}</p> }
    };
    // The loader's future is not Send; the app is single-threaded. What chunks say
    // loads beside the first of them.
    leptos::task::spawn_local(crate::client::need_locale(CHUNK_STRINGS));
    let styles = need_styles();
    let view = send_wrapper::SendWrapper::new(async move {
        let chunk = chunk.await;
        crate::client::need_locale(CHUNK_STRINGS).await;
        let _ = wasm_bindgen_futures::JsFuture::from(styles).await;
        match chunk {
            Ok(view) => view,
            Err(NotLoaded) => view! {
                <p class="error" role="alert">{tr("error-part-not-loaded")}</p>
                {on_close.map(|close| view! {
                    <div class="actions"><button type="button" on:click=move |_| close.run(())>{tr("close")}</button></div>
                })}
            }
            .into_any(),
        }
    });
    view! { <Suspense fallback=loading>{Suspend::new(view)}</Suspense> }.into_any()
}
