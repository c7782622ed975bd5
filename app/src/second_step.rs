//! The second sign-in step ("Verify your identity") and the same check again
//! before a change ("Confirm it's you").

use crate::app::ctx;
use crate::client;
use crate::form::{CodeField, Submission};
use crate::i18n::{t, t_args, tr};
use crate::nav::{self, Link};
use crate::phone::CallWait;
use crate::security_key::KeyForm;
use api::endpoints;
use api::{
    CallStarted, MethodKind, MfaOption, PendingVerification, SecondStep, SecondStepProof, SendSecondStepCode, Session,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The second step by a call: "Call me", then wait for the `#` key press.
#[component]
fn CallForm(method: MfaOption, on_passed: Callback<Session>) -> impl IntoView {
    let ctx = ctx();
    let call = RwSignal::new(None::<CallStarted>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = method.id.clone();
    let start = move |_: leptos::ev::MouseEvent| {
        let body = SendSecondStepCode { method_id: id.clone() };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match client::call(&endpoints::SECOND_STEP_CALL, &body).await {
                Ok(c) => call.set(Some(c)),
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
            busy.set(false);
        });
    };
    let confirmed = Callback::new(move |_: String| {
        spawn_local(async move {
            if let Ok(Some(session)) = client::call(&endpoints::SESSION, &()).await {
                on_passed.run(session);
            }
        });
    });
    let label = method.label.clone();
    view! {
        {move || match call.get() {
            Some(c) => view! { <CallWait call=c on_back=Callback::new(move |_| call.set(None)) on_confirmed=confirmed/> }.into_any(),
            None => {
                let label = label.clone();
                view! {
                    <p>{move || t_args("verify-call-prompt", &[("number", label.clone().into())])}</p>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button type="button" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string() on:click=start.clone()>
                            {tr("verify-call-me")}
                        </button>
                    </div>
                }.into_any()
            }
        }}
    }
}

/// A code field for one method; reports the updated session when the code is right.
/// Phones are first sent a code ("Text me a code").
#[component]
fn CodeForm(method: Signal<Option<MfaOption>>, on_passed: Callback<Session>) -> impl IntoView {
    let ctx = ctx();
    let code = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let challenge = RwSignal::new(None::<PendingVerification>);
    let is_phone = move || method.get().is_some_and(|m| m.kind == MethodKind::Phone);
    let is_recovery = move || method.get().is_some_and(|m| m.kind == MethodKind::RecoveryCodes);
    // A different method was chosen: forget the code sent to the previous one.
    Effect::new(move |_| {
        method.track();
        challenge.set(None);
    });
    let send = move |_: leptos::ev::MouseEvent| {
        let Some(m) = method.get_untracked() else { return };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match client::call(&endpoints::SECOND_STEP_SEND, &SendSecondStepCode { method_id: m.id }).await {
                Ok(p) => challenge.set(Some(p)),
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
            busy.set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(m) = method.get_untracked() else { return };
        if !form.begin(&ev) {
            return;
        }
        let challenge_id = challenge.get_untracked().map(|c| c.challenge_id);
        let body = SecondStepProof { method_id: m.id, code: code.get_untracked(), challenge_id };
        spawn_local(async move {
            match client::call(&endpoints::SECOND_STEP, &body).await {
                Ok(session) => {
                    form.done();
                    on_passed.run(session);
                }
                Err(f) => {
                    code.set(String::new());
                    form.fail(ctx.handle(&f));
                }
            }
        });
    };
    view! {
        <Show when=move || !is_phone() || challenge.get().is_some() fallback=move || view! {
            <p>{move || method.get().map(|m| t_args("verify-phone-prompt", &[("number", m.label.into())]))}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string() on:click=send>
                    {move || if busy.get() { t("email-sending") } else { t("verify-send-code") }}
                </button>
            </div>
        }>
            <form on:submit=submit novalidate>
                <p>{move || match (method.get(), challenge.get()) {
                    (Some(_), Some(c)) => t_args("verify-code-sent", &[("number", c.masked_destination.into())]),
                    (Some(m), None) if m.kind == MethodKind::RecoveryCodes => t("verify-recovery-prompt"),
                    (Some(m), None) => t_args("verify-app-prompt", &[("name", m.label.into())]),
                    _ => String::new(),
                }}</p>
                {move || if is_recovery() {
                    view! { <CodeField id="second-step-recovery" label="recovery-code-label" hint="recovery-code-hint" value=code error=error recovery=true/> }.into_any()
                } else {
                    view! { <CodeField id="second-step-code" label="verify-code-label" value=code error=error/> }.into_any()
                }}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || if busy.get() { t("verifying") } else { t("verify-button") }}
                    </button>
                </div>
            </form>
        </Show>
    }
}

/// The right form for the method: a call, or a code (app, or texted).
#[component]
fn ProofForm(method: Signal<Option<MfaOption>>, on_passed: Callback<Session>) -> impl IntoView {
    move || match method.get() {
        Some(m) if m.by_call => view! { <CallForm method=m on_passed=on_passed/> }.into_any(),
        Some(m) if m.kind == MethodKind::SecurityKey => view! { <KeyForm method=m on_passed=on_passed/> }.into_any(),
        _ => view! { <CodeForm method=method on_passed=on_passed/> }.into_any(),
    }
}

fn option_name(m: &MfaOption) -> String {
    crate::security_info::default_label(m)
}

/// After the password: the default method's prompt, with "Sign in another way".
#[component]
pub fn SecondStepPage() -> impl IntoView {
    let ctx = ctx();
    let required = move || match ctx.session.get().map(|s| s.second_step) {
        Some(SecondStep::Required { default_method, methods }) => Some((default_method, methods)),
        _ => None,
    };
    Effect::new(move |_| match ctx.session.get() {
        None => nav::go("/signin"),
        Some(s) if !matches!(s.second_step, SecondStep::Required { .. }) => nav::go("/"),
        _ => {}
    });
    let chosen = RwSignal::new(None::<String>);
    let choosing = RwSignal::new(false);
    let method = Signal::derive(move || {
        let (default, methods) = required()?;
        let id = chosen.get().or(default);
        methods.iter().find(|m| Some(&m.id) == id.as_ref()).or(methods.first()).cloned()
    });
    let passed = Callback::new(move |session: Session| ctx.session.set(Some(session)));
    let methods = Signal::derive(move || required().map(|(_, methods)| methods).unwrap_or_default());
    view! {
        <section class="card signin" aria-labelledby="verify-title">
            <h1 id="verify-title">{tr("verify-title")}</h1>
            <AnotherWay methods chosen choosing>
                <ProofForm method=method on_passed=passed/>
            </AnotherWay>
            <p class="help-link"><Link href="/help">{tr("help-link")}</Link></p>
        </section>
    }
}

/// The proof form (`children`) with "Sign in another way" under it when there is
/// more than one method; that shows the methods to choose from instead.
#[component]
fn AnotherWay(
    methods: Signal<Vec<MfaOption>>,
    chosen: RwSignal<Option<String>>,
    choosing: RwSignal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show when=move || !choosing.get() fallback=move || view! {
            <fieldset class="choices">
                <legend>{tr("verify-choose")}</legend>
                {methods.get().into_iter().map(|m| {
                    let id = m.id.clone();
                    view! {
                        <button type="button" class="choice" on:click=move |_| { chosen.set(Some(id.clone())); choosing.set(false); }>
                            {move || option_name(&m)}
                        </button>
                    }
                }).collect_view()}
            </fieldset>
        }>
            {children()}
            <Show when=move || methods.with(|m| m.len() > 1)>
                <button type="button" class="link" on:click=move |_| choosing.set(true)>{tr("verify-other")}</button>
            </Show>
        </Show>
    }
}

/// "Confirm it's you" before a change, when the last second step is not recent:
/// the dialog's content (the dialog itself is in the first load, see
/// `on_demand::ReauthDialog`).
pub fn reauth(
    methods: Vec<MfaOption>,
    default_method: Option<String>,
    on_close: Callback<()>,
    on_done: Callback<String>,
) -> AnyView {
    let ctx = ctx();
    let chosen = RwSignal::new(default_method);
    let choosing = RwSignal::new(false);
    let options = methods.clone();
    let method = Signal::derive(move || {
        let id = chosen.get();
        options.iter().find(|m| Some(&m.id) == id.as_ref()).or(options.first()).cloned()
    });
    let passed = Callback::new(move |session: Session| {
        ctx.session.set(Some(session));
        on_done.run(t("reauth-done"));
    });
    let methods = Signal::stored(methods);
    view! {
        <p>{tr("reauth-body")}</p>
        <AnotherWay methods chosen choosing>
            <ProofForm method=method on_passed=passed/>
        </AnotherWay>
        <div class="actions">
            <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
        </div>
    }
    .into_any()
}
