//! Security keys: "+ Add method" → Security key (USB or NFC, a name, the browser
//! prompt), and the key as the second sign-in step.

use crate::app::{ctx, Ctx};
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, t_args, tr};
use crate::webauthn::{self, KeyProblem};
use api::endpoints::{self, Endpoint};
use api::{
    FinishSecurityKey, MethodDetail, MethodView, MfaOption, SecurityKeyChallenge, SecurityKeyProof,
    SecurityKeyRegistration, Session, StartSecurityKey,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How the key reaches the device; only the instructions differ.
#[derive(Clone, Copy, PartialEq)]
enum Connection {
    Usb,
    Nfc,
}

/// A browser refusal or an API error, as the form shows it.
pub(crate) enum Problem {
    Browser(KeyProblem),
    Api(client::Failure),
}

async fn register(name: String) -> Result<MethodView, Problem> {
    let start = StartSecurityKey { name };
    let options: SecurityKeyRegistration =
        client::call(&endpoints::SECURITY_KEY_START, &start).await.map_err(Problem::Api)?;
    let credential = webauthn::create(&options.public_key).await.map_err(Problem::Browser)?;
    let finish = FinishSecurityKey { challenge_id: options.challenge_id, credential };
    client::call(&endpoints::SECURITY_KEY_VERIFY, &finish).await.map_err(Problem::Api)
}

/// A `get()` ceremony through `start` and `verify`: the second step with the
/// user's keys, or a passkey sign-in (optionally waiting in the autofill).
pub(crate) async fn prove(
    start: &Endpoint<(), SecurityKeyChallenge>,
    verify: &Endpoint<SecurityKeyProof, Session>,
    conditional: Option<&web_sys::AbortSignal>,
) -> Result<Session, Problem> {
    let options = client::call(start, &()).await.map_err(Problem::Api)?;
    let credential = webauthn::sign(&options.public_key, conditional).await.map_err(Problem::Browser)?;
    let proof = SecurityKeyProof { challenge_id: options.challenge_id, credential };
    client::call(verify, &proof).await.map_err(Problem::Api)
}

pub(crate) fn message(problem: Problem, ctx: Ctx) -> String {
    match problem {
        Problem::Browser(p) => t(p.message_id()),
        Problem::Api(f) => ctx.handle(&f),
    }
}

#[component]
pub fn SecurityKeyFlow(on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let connection = RwSignal::new(Connection::Usb);
    let name = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let unavailable = webauthn::available().err();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        spawn_local(async move {
            match register(name.get_untracked()).await {
                Ok(view) => {
                    form.done();
                    let name = match view.detail {
                        MethodDetail::SecurityKey { name, .. } => name,
                        _ => String::new(),
                    };
                    on_added.run(t_args("key-added", &[("name", name.into())]));
                }
                Err(problem) => form.fail(message(problem, ctx)),
            }
        });
    };
    let radio = move |value: Connection, id: &'static str, label: &'static str| {
        view! {
            <label class="radio" for=id>
                <input type="radio" id=id name="key-connection" checked=move || connection.get() == value
                    on:change=move |_| connection.set(value)/>
                {move || t(label)}
            </label>
        }
    };
    view! {
        <h2 id="add-title">{tr("method-security-key")}</h2>
        {unavailable.map(|p| view! { <p class="error" role="alert">{t(p.message_id())}</p> })}
        <form on:submit=submit novalidate>
            <fieldset class="choices">
                <legend>{tr("key-type-question")}</legend>
                {radio(Connection::Usb, "key-usb", "key-usb")}
                {radio(Connection::Nfc, "key-nfc", "key-nfc")}
            </fieldset>
            <p id="key-instructions" class="hint">
                {move || if connection.get() == Connection::Usb { t("key-usb-instructions") } else { t("key-nfc-instructions") }}
            </p>
            <div class="field">
                <label for="key-name">{tr("key-name-label")}</label>
                <input id="key-name" type="text" maxlength="64" required autocomplete="off"
                    aria-describedby="key-name-hint key-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <p id="key-name-hint" class="hint">{tr("key-name-hint")}</p>
            </div>
            <p class="status" role="status" aria-live="polite">{move || busy.get().then(|| t("key-waiting"))}</p>
            <p id="key-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                <button type="submit" class="primary" disabled=move || busy.get() || unavailable.is_some()
                    aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("key-waiting-short") } else { t("totp-next") }}
                </button>
            </div>
        </form>
    }
}

/// The second step with a key: one button, then the browser's prompt.
#[component]
pub fn KeyForm(method: MfaOption, on_passed: Callback<Session>) -> impl IntoView {
    let ctx = ctx();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let start = move |_| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match prove(&endpoints::SECOND_STEP_KEY, &endpoints::SECOND_STEP_KEY_VERIFY, None).await {
                Ok(session) => on_passed.run(session),
                Err(problem) => error.set(Some(message(problem, ctx))),
            }
            busy.set(false);
        });
    };
    let label = method.label.clone();
    view! {
        <p>{move || t_args("verify-key-prompt", &[("name", label.clone().into())])}</p>
        <p class="status" role="status" aria-live="polite">{move || busy.get().then(|| t("key-waiting"))}</p>
        <p class="error" role="alert">{move || error.get()}</p>
        <div class="actions">
            <button type="button" class="primary" autofocus disabled=move || busy.get()
                aria-busy=move || busy.get().to_string() on:click=start>
                {move || if busy.get() { t("key-waiting-short") } else { t("verify-use-key") }}
            </button>
        </div>
    }
}
