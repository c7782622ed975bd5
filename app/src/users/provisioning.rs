//! Creating a user with a one-time access pass, and the directory's SCIM tokens.

use crate::app::ctx;
use crate::authenticator::CopyButton;
use crate::client;
use crate::form::Submission;
use crate::i18n::{date_time, t, t_args, tr};
use api::endpoints;
use api::users::{NewScimToken, NewUser, ScimTokenCreated, ScimTokenView, UserCreated};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn CreateUser(selected: RwSignal<Option<String>>, refresh: RwSignal<u32>) -> impl IntoView {
    let ctx = ctx();
    let (username, display_name, email) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let created = RwSignal::new(None::<UserCreated>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let email_text = email.get_untracked();
        let body = NewUser {
            username: username.get_untracked(),
            display_name: display_name.get_untracked(),
            email: (!email_text.trim().is_empty()).then_some(email_text),
        };
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_CREATE_USER, &body).await {
                Ok(c) => {
                    form.done();
                    for field in [username, display_name, email] {
                        field.set(String::new());
                    }
                    selected.set(Some(c.user.id.clone()));
                    created.set(Some(c));
                    refresh.update(|n| *n += 1);
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let field = |id: &'static str, label: &'static str, kind: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || t(label)}</label>
                <input id=id type=kind spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="create-error"
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <section class="create-user" aria-labelledby="create-title">
            <h2 id="create-title">{tr("users-create-title")}</h2>
            <p>{tr("users-create-intro")}</p>
            <form on:submit=submit novalidate>
                {field("new-username", "users-username", "text", username)}
                {field("new-display-name", "users-display-name", "text", display_name)}
                {field("new-email", "users-email", "email", email)}
                <p id="create-error" class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("users-create")}</button>
                </div>
            </form>
            {move || created.get().map(|c| view! {
                <div class="issued" role="status">
                    <p>{t_args("users-created-pass", &[("name", c.user.username.clone().into()), ("time", date_time(c.expires_at).into())])}</p>
                    <p class="secret-row"><code class="secret">{c.pass.clone()}</code><CopyButton text=c.pass.clone() label="users-pass"/></p>
                    {c.emailed.then(|| view! { <p>{t_args("users-created-emailed", &[("email", c.user.email.clone().unwrap_or_default().into())])}</p> })}
                </div>
            })}
        </section>
    }
}

#[component]
pub(super) fn ScimTokens(status: RwSignal<String>) -> impl IntoView {
    let ctx = ctx();
    let tokens = RwSignal::new(Vec::<ScimTokenView>::new());
    let name = RwSignal::new(String::new());
    let created = RwSignal::new(None::<ScimTokenCreated>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let load = move || {
        spawn_local(async move {
            if let Ok(list) = client::call(&endpoints::ADMIN_SCIM_TOKENS, &()).await {
                tokens.set(list);
            }
        })
    };
    load();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = NewScimToken { name: name.get_untracked() };
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_CREATE_SCIM_TOKEN, &body).await {
                Ok(c) => {
                    form.done();
                    name.set(String::new());
                    created.set(Some(c));
                    load();
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let revoke = move |token: ScimTokenView| {
        spawn_local(async move {
            match client::call_at(&endpoints::ADMIN_REVOKE_SCIM_TOKEN, &[&token.id], "", &()).await {
                Ok(()) => {
                    if created.get_untracked().is_some_and(|c| c.view.id == token.id) {
                        created.set(None);
                    }
                    status.set(t_args("scim-revoked", &[("name", token.name.into())]));
                    load();
                }
                Err(f) => status.set(ctx.handle(&f)),
            }
        });
    };
    view! {
        <section class="scim" aria-labelledby="scim-title">
            <h2 id="scim-title">{tr("scim-title")}</h2>
            <p>{tr("scim-intro")}</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="scim-name">{tr("scim-name")}</label>
                    <input id="scim-name" type="text" maxlength="64" aria-describedby="scim-error"
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <p id="scim-error" class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("scim-create")}</button>
                </div>
            </form>
            {move || created.get().map(|c| view! {
                <div class="issued" role="status">
                    <p>{tr("scim-created")}</p>
                    <p class="secret-row">{tr("scim-endpoint")}" "<code>{c.endpoint.clone()}</code><CopyButton text=c.endpoint.clone() label="scim-endpoint"/></p>
                    <p class="secret-row">{tr("scim-token")}" "<code class="secret">{c.token.clone()}</code><CopyButton text=c.token.clone() label="scim-token"/></p>
                </div>
            })}
            <Show when=move || !tokens.get().is_empty() fallback=|| view! { <p class="empty">{tr("scim-none")}</p> }>
                <ul class="passes">
                    {move || tokens.get().into_iter().map(|token| {
                        let used = token.last_used_at.map(date_time).unwrap_or_else(|| t("users-never"));
                        let line = t_args("scim-line", &[
                            ("name", token.name.clone().into()),
                            ("created", date_time(token.created_at).into()),
                            ("by", token.created_by.clone().into()),
                            ("used", used.into()),
                        ]);
                        let label = format!("{} {}", t("scim-revoke"), token.name);
                        view! {
                            <li>{line}" "
                                <button type="button" class="link danger" aria-label=label on:click=move |_| revoke(token.clone())>{tr("scim-revoke")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
