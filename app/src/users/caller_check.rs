//! The help desk's check of a caller: a code to one of the user's own methods.

use super::is_admin;
use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{date_time, t, t_args, tr};
use crate::security_info::{method_detail, method_name};
use api::endpoints;
use api::users::{CallerCheck, CallerCheckAnswer, CallerCheckStart, UserDetail};
use api::MethodDetail;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Methods that can verify a caller: a code sent to a phone or email, or an app's own.
fn can_verify(detail: &MethodDetail) -> bool {
    matches!(detail, MethodDetail::Phone { .. } | MethodDetail::Email { .. } | MethodDetail::AuthenticatorApp { .. })
}

#[component]
pub(super) fn CallerCheckPanel(
    id: String,
    detail: RwSignal<Option<UserDetail>>,
    on_verified: Callback<()>,
) -> impl IntoView {
    let ctx = ctx();
    let id = StoredValue::new(id);
    let methods = move || {
        detail
            .get()
            .map(|d| d.methods.into_iter().filter(|m| can_verify(&m.detail)).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let chosen = RwSignal::new(String::new());
    let check = RwSignal::new(None::<CallerCheck>);
    let code = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let send = move |ev: leptos::ev::SubmitEvent| {
        let method_id = match chosen.get_untracked() {
            m if m.is_empty() => methods().first().map(|m| m.id.clone()).unwrap_or_default(),
            m => m,
        };
        if !form.begin(&ev) {
            return;
        }
        spawn_local(async move {
            let body = CallerCheckStart { method_id };
            match client::call_at(&endpoints::ADMIN_USER_VERIFY_CALLER, &[&id.get_value()], "", &body).await {
                Ok(c) => {
                    form.done();
                    check.set(Some(c));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let verify = move |ev: leptos::ev::SubmitEvent| {
        let Some(c) = check.get_untracked() else { return };
        if !form.begin(&ev) {
            return;
        }
        let body =
            CallerCheckAnswer { method_id: c.method_id, code: code.get_untracked(), challenge_id: c.challenge_id };
        spawn_local(async move {
            match client::call_at(&endpoints::ADMIN_USER_CALLER_CHECK, &[&id.get_value()], "", &body).await {
                Ok(_) => {
                    form.done();
                    check.set(None);
                    code.set(String::new());
                    on_verified.run(());
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <section class="caller-check" aria-labelledby="verify-caller-title">
            <h3 id="verify-caller-title">{tr("users-verify-title")}</h3>
            {move || match detail.get().and_then(|d| d.caller_verified_until) {
                Some(until) => view! { <p class="notice ok">{t_args("users-verified", &[("time", date_time(until).into())])}</p> }.into_any(),
                None => view! {
                    <p>{tr("users-verify-intro")}</p>
                    <Show when=is_admin><p class="hint">{tr("users-verify-admin")}</p></Show>
                }.into_any(),
            }}
            <Show when=move || !methods().is_empty() fallback=|| view! { <p class="empty">{tr("users-verify-none")}</p> }>
                <form on:submit=send novalidate>
                    <div class="field">
                        <label for="verify-method">{tr("users-verify-method")}</label>
                        <select id="verify-method" on:change=move |ev| chosen.set(event_target_value(&ev))>
                            {move || methods().into_iter().map(|m| {
                                let label = format!("{} · {}", method_name(&m), method_detail(&m));
                                view! { <option value=m.id.clone()>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="actions">
                        <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("users-verify-send")}</button>
                    </div>
                </form>
            </Show>
            {move || check.get().map(|c| view! {
                <form on:submit=verify novalidate>
                    <p role="status">{match &c.sent_to {
                        Some(to) => t_args("users-verify-sent", &[("destination", to.clone().into())]),
                        None => t("users-verify-app"),
                    }}</p>
                    <div class="field">
                        <label for="verify-code">{tr("users-verify-code")}</label>
                        <input id="verify-code" type="text" inputmode="numeric" autocomplete="off" maxlength="6"
                            aria-describedby="verify-error" aria-invalid=move || error.get().is_some().to_string()
                            prop:value=code on:input=move |ev| code.set(event_target_value(&ev))/>
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("users-verify-check")}</button>
                    </div>
                </form>
            })}
            <p id="verify-error" class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
