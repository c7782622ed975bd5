//! "+ Add method" → Authenticator app: get the app, set up the account, scan the
//! QR code (or type the key), prove it with a code.

use crate::app::ctx;
use crate::client;
use crate::form::{CodeField, Submission};
use crate::i18n::{t, t_args, tr};
use api::endpoints;
use api::{AuthenticatorSetup, MethodDetail, VerifyAuthenticator};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[derive(Clone, PartialEq)]
enum Stage {
    Get,
    Setup,
    Scan(AuthenticatorSetup),
    Code(AuthenticatorSetup),
}

/// A button that copies `text` and says so.
#[component]
pub fn CopyButton(text: String, label: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = text.clone();
        spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            if wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.is_ok() {
                copied.set(true);
                set_timeout(move || copied.set(false), Duration::from_secs(2));
            }
        });
    };
    view! {
        <button type="button" class="copy" on:click=copy aria-label=move || format!("{} {}", t("copy"), t(label))>
            {move || if copied.get() { t("copied") } else { t("copy") }}
        </button>
    }
}

#[component]
pub fn AuthenticatorFlow(on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let stage = RwSignal::new(Stage::Get);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);

    let start = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        spawn_local(async move {
            match client::call(&endpoints::AUTHENTICATOR_START, &()).await {
                Ok(setup) => {
                    form.done();
                    stage.set(Stage::Scan(setup));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };

    view! {
        <h2 id="add-title">{tr("method-authenticator-app")}</h2>
        {move || match stage.get() {
            Stage::Get => view! {
                <h3>{tr("totp-get-title")}</h3>
                <p>{tr("totp-get-body")}</p>
                <p><a href="https://www.microsoft.com/security/mobile-authenticator-app" target="_blank" rel="noopener noreferrer">{tr("totp-download")}</a></p>
                <details class="other-app">
                    <summary>{tr("totp-other")}</summary>
                    <p>{tr("totp-other-body")}</p>
                </details>
                <div class="actions">
                    <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                    <button type="button" class="primary" autofocus on:click=move |_| stage.set(Stage::Setup)>{tr("totp-next")}</button>
                </div>
            }.into_any(),
            Stage::Setup => view! {
                <h3>{tr("totp-setup-title")}</h3>
                <p>{tr("totp-setup-body")}</p>
                <form on:submit=start>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| stage.set(Stage::Get)>{tr("totp-back")}</button>
                        <button type="submit" class="primary" autofocus disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                            {move || if busy.get() { t("totp-creating") } else { t("totp-next") }}
                        </button>
                    </div>
                </form>
            }.into_any(),
            Stage::Scan(setup) => view! { <Scan setup=setup stage=stage/> }.into_any(),
            Stage::Code(setup) => view! { <Code setup=setup stage=stage on_added=on_added/> }.into_any(),
        }}
    }
}

#[component]
fn Scan(setup: AuthenticatorSetup, stage: RwSignal<Stage>) -> impl IntoView {
    let manual = RwSignal::new(false);
    let src = format!("data:image/svg+xml;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&setup.qr_svg)));
    let account = setup.account.clone();
    let next = setup.clone();
    view! {
        <h3>{tr("totp-scan-title")}</h3>
        <p>{tr("totp-scan-body")}</p>
        <img class="qr" src=src width="200" height="200" alt=move || t_args("totp-qr-alt", &[("account", account.clone().into())])/>
        <p>
            <button type="button" class="link" aria-expanded=move || manual.get().to_string() aria-controls="manual-entry"
                on:click=move |_| manual.update(|m| *m = !*m)>{tr("totp-cant-scan")}</button>
        </p>
        <div id="manual-entry" hidden=move || !manual.get()>
            <p>{tr("totp-manual")}</p>
            <dl class="manual">
                <dt>{tr("totp-account-name")}</dt>
                <dd><code>{setup.account.clone()}</code><CopyButton text=setup.account.clone() label="totp-account-name"/></dd>
                <dt>{tr("totp-secret-key")}</dt>
                <dd><code class="secret">{setup.secret.clone()}</code><CopyButton text=setup.secret.replace(' ', "") label="totp-secret-key"/></dd>
                <dt>{tr("totp-url")}</dt>
                <dd><code class="uri">{setup.uri.clone()}</code><CopyButton text=setup.uri.clone() label="totp-url"/></dd>
            </dl>
        </div>
        <div class="actions">
            <button type="button" on:click=move |_| stage.set(Stage::Setup)>{tr("totp-back")}</button>
            <button type="button" class="primary" on:click=move |_| stage.set(Stage::Code(next.clone()))>{tr("totp-next")}</button>
        </div>
    }
}

#[component]
fn Code(setup: AuthenticatorSetup, stage: RwSignal<Stage>, on_added: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let name = RwSignal::new(setup.issuer.clone());
    let code = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let challenge_id = setup.challenge_id.clone();
    let back = setup.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = VerifyAuthenticator {
            challenge_id: challenge_id.clone(),
            code: code.get_untracked(),
            name: name.get_untracked(),
        };
        spawn_local(async move {
            match client::call(&endpoints::AUTHENTICATOR_VERIFY, &body).await {
                Ok(view) => {
                    let name = match view.detail {
                        MethodDetail::AuthenticatorApp { name } => name,
                        _ => String::new(),
                    };
                    form.done();
                    on_added.run(t_args("totp-added", &[("name", name.into())]));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <h3>{tr("totp-code-title")}</h3>
        <p>{tr("totp-code-body")}</p>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="totp-name">{tr("totp-name-label")}</label>
                <input id="totp-name" type="text" maxlength="64" autocomplete="off" required
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <CodeField id="totp-code" label="totp-code-label" value=code error=error/>
            <div class="actions">
                <button type="button" on:click=move |_| stage.set(Stage::Scan(back.clone()))>{tr("totp-back")}</button>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("totp-checking") } else { t("totp-done") }}
                </button>
            </div>
        </form>
    }
}
