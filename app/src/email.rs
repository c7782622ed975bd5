//! "+ Add method": the chooser, then the email flow (address → code → added).

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::authenticator::AuthenticatorFlow;
use crate::dialog::Modal;
use crate::i18n::{t, t_args};
use api::{paths, MethodKind, PendingVerification, Resend, StartEmail, VerifyCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[derive(Clone, PartialEq)]
enum Step {
    Choose,
    App,
    Address,
    Code(PendingVerification),
}

#[component]
pub fn AddMethodDialog(addable: Vec<MethodKind>, on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let step = RwSignal::new(Step::Choose);
    let choice = RwSignal::new(addable.first().copied());
    let none_left = addable.is_empty();
    let choose = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match choice.get_untracked() {
            Some(MethodKind::Email) => step.set(Step::Address),
            Some(MethodKind::AuthenticatorApp) => step.set(Step::App),
            _ => {}
        }
    };
    let options = addable.clone();
    view! {
        <Modal labelled_by="add-title" on_close=on_close>
            {move || match step.get() {
                Step::Choose => {
                    let options = options.clone();
                    view! {
                        <h2 id="add-title">{move || t("add-method-title")}</h2>
                        <Show when=move || !none_left fallback=move || view! {
                            <p>{t("add-method-none")}</p>
                            <div class="actions"><button type="button" on:click=move |_| on_close.run(())>{t("close")}</button></div>
                        }>
                            <form on:submit=choose>
                                <div class="field">
                                    <label for="method-choice">{move || t("add-method-question")}</label>
                                    <select id="method-choice" on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        choice.set(MethodKind::ALL.into_iter().find(|k| k.as_str() == v));
                                    }>
                                        {options.clone().into_iter().map(|k| view! {
                                            <option value=k.as_str() selected=move || choice.get() == Some(k)>{move || t(&format!("method-{}", k.as_str()))}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <p class="hint">{move || t("add-method-missing")}</p>
                                <div class="actions">
                                    <button type="button" on:click=move |_| on_close.run(())>{move || t("cancel")}</button>
                                    <button type="submit" class="primary">{move || t("add-method-next")}</button>
                                </div>
                            </form>
                        </Show>
                    }.into_any()
                }
                Step::App => view! { <AuthenticatorFlow on_close=on_close on_added=on_added/> }.into_any(),
                Step::Address => view! { <EmailAddressStep step=step on_close=on_close/> }.into_any(),
                Step::Code(p) => view! { <EmailCodeStep pending=p step=step on_added=on_added/> }.into_any(),
            }}
        </Modal>
    }
}

#[component]
fn EmailAddressStep(step: RwSignal<Step>, on_close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let address = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = StartEmail { address: address.get_untracked() };
        spawn_local(async move {
            match client::post::<_, PendingVerification>(paths::EMAIL_START, &body).await {
                Ok(p) => {
                    form.done();
                    step.set(Step::Code(p));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <h2 id="add-title">{move || t("email-title")}</h2>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="email-address">{move || t("email-question")}</label>
                <input id="email-address" type="email" inputmode="email" autocomplete="email" required autofocus
                    aria-describedby="email-hint email-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=address on:input=move |ev| address.set(event_target_value(&ev))/>
                <p id="email-hint" class="hint">{move || t("email-hint")}</p>
            </div>
            <p id="email-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{move || t("cancel")}</button>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("email-sending") } else { t("email-send") }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn EmailCodeStep(pending: PendingVerification, step: RwSignal<Step>, on_added: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let pending = RwSignal::new(pending);
    let code = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let notice = RwSignal::new(None::<String>);
    let now = RwSignal::new(js_sys::Date::now() as u64);
    if let Ok(handle) = set_interval_with_handle(move || now.set(js_sys::Date::now() as u64), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let wait = move || pending.get().resend_at.saturating_sub(now.get()).div_ceil(1000);

    let verify = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = VerifyCode { challenge_id: pending.get_untracked().challenge_id, code: code.get_untracked() };
        spawn_local(async move {
            match client::post::<_, api::MethodView>(paths::EMAIL_VERIFY, &body).await {
                Ok(_) => {
                    let address = pending.get_untracked().masked_destination;
                    on_added.run(t_args("email-added", &[("address", address.into())]));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let resend = move |_: leptos::ev::MouseEvent| {
        error.set(None);
        notice.set(None);
        let body = Resend { challenge_id: pending.get_untracked().challenge_id };
        spawn_local(async move {
            match client::post::<_, PendingVerification>(paths::EMAIL_RESEND, &body).await {
                Ok(p) => {
                    pending.set(p);
                    code.set(String::new());
                    notice.set(Some(t("email-resent")));
                }
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        });
    };
    view! {
        <h2 id="add-title">{move || t("email-title")}</h2>
        <p class="sent" role="status">{move || t_args("email-sent", &[("address", pending.get().masked_destination.into())])}</p>
        <form on:submit=verify novalidate>
            <div class="field">
                <label for="email-code">{move || t("email-code-label")}</label>
                <input id="email-code" class="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                    pattern="[0-9 ]*" required autofocus
                    aria-describedby="code-hint code-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=code on:input=move |ev| code.set(event_target_value(&ev))/>
                <p id="code-hint" class="hint">{move || t("email-code-hint")}</p>
            </div>
            <p id="code-error" class="error" role="alert">{move || error.get()}</p>
            <p class="status" role="status">{move || notice.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| step.set(Step::Address)>{move || t("email-back")}</button>
                <button type="button" class="link" disabled=move || { wait() > 0 } on:click=resend>
                    {move || if wait() > 0 { t_args("email-resend-in", &[("seconds", wait().into())]) } else { t("email-resend") }}
                </button>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("email-verifying") } else { t("email-verify") }}
                </button>
            </div>
        </form>
    }
}
