//! The email method's flow: address → code → added.

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, tr};
use crate::sent_code::{Channel, SentCodeStep};
use api::endpoints;
use api::{PendingVerification, StartEmail};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum Step {
    Address,
    Code(PendingVerification),
}

#[component]
pub fn EmailFlow(on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let step = RwSignal::new(Step::Address);
    move || {
        match step.get() {
        Step::Address => view! { <EmailAddressStep step=step on_close=on_close/> }.into_any(),
        Step::Code(p) => view! {
            <SentCodeStep pending=p channel=Channel::Email on_back=Callback::new(move |_| step.set(Step::Address)) on_added=on_added/>
        }
        .into_any(),
    }
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
            match client::call(&endpoints::EMAIL_START, &body).await {
                Ok(p) => {
                    form.done();
                    step.set(Step::Code(p));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <h2 id="add-title">{tr("email-title")}</h2>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="email-address">{tr("email-question")}</label>
                <input id="email-address" type="email" inputmode="email" autocomplete="email" required autofocus
                    aria-describedby="email-hint email-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=address on:input=move |ev| address.set(event_target_value(&ev))/>
                <p id="email-hint" class="hint">{tr("email-hint")}</p>
            </div>
            <p id="email-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("email-sending") } else { t("email-send") }}
                </button>
            </div>
        </form>
    }
}
