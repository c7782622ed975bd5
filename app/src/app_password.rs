//! "+ Add method" → App password: a name, then the generated password, shown once
//! with a copy button.

use crate::app::ctx;
use crate::authenticator::CopyButton;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t_args, tr};
use api::endpoints;
use api::{AppPasswordCreated, CreateAppPassword, MethodDetail};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AppPasswordFlow(cancellable: bool, on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let name = RwSignal::new(String::new());
    let created = RwSignal::new(None::<AppPasswordCreated>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = CreateAppPassword { name: name.get_untracked() };
        spawn_local(async move {
            match client::call(&endpoints::APP_PASSWORD, &body).await {
                Ok(c) => {
                    form.done();
                    created.set(Some(c));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let done = move |_| {
        let name = match created.get_untracked().map(|c| c.method.detail) {
            Some(MethodDetail::AppPassword { name }) => name,
            _ => String::new(),
        };
        on_added.run(t_args("app-password-added", &[("name", name.into())]));
    };
    view! {
        <h2 id="add-title">{tr("method-app-password")}</h2>
        {move || match created.get() {
            None => view! {
                <p>{tr("app-password-intro")}</p>
                <form on:submit=submit novalidate>
                    <div class="field">
                        <label for="app-password-name">{tr("app-password-name")}</label>
                        <input id="app-password-name" type="text" maxlength="64" required autofocus autocomplete="off"
                            aria-describedby="app-password-error" aria-invalid=move || error.get().is_some().to_string()
                            prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <p id="app-password-error" class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        {cancellable.then(|| view! { <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button> })}
                        <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("totp-next")}</button>
                    </div>
                </form>
            }
            .into_any(),
            Some(c) => view! {
                <p role="status">{tr("app-password-once")}</p>
                <p class="secret-row"><code class="secret app-password">{c.password.clone()}</code>
                    <CopyButton text=c.password.replace(' ', "") label="method-app-password"/></p>
                <p class="hint">{tr("app-password-advice")}</p>
                <div class="actions">
                    <button type="button" class="primary" autofocus on:click=done>{tr("totp-done")}</button>
                </div>
            }
            .into_any(),
        }}
    }
}
