//! The email method's flow: address → code → added.

use crate::app::ctx;
use crate::client;
use crate::form::{CodeField, Submission};
use crate::i18n::{t, t_args};
use api::{paths, PendingVerification, Resend, StartEmail, VerifyCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[derive(Clone, PartialEq)]
enum Step {
    Address,
    Code(PendingVerification),
}

#[component]
pub fn EmailFlow(on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let step = RwSignal::new(Step::Address);
    move || match step.get() {
        Step::Address => view! { <EmailAddressStep step=step on_close=on_close/> }.into_any(),
        Step::Code(p) => view! { <EmailCodeStep pending=p step=step on_added=on_added/> }.into_any(),
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
            <CodeField id="email-code" label="email-code-label" hint="email-code-hint" value=code error=error/>
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
