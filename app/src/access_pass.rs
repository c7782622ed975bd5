//! The admin page's Temporary Access Pass section: issue a pass for a user (shown
//! once, with a copy button), list the live ones, revoke.

use crate::app::ctx;
use crate::authenticator::CopyButton;
use crate::client;
use crate::form::Submission;
use crate::i18n::{date_time, t, t_args, tr};
use api::endpoints;
use api::{AccessPassIssued, AccessPassView, IssueAccessPass};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Lifetimes offered, in minutes (the API takes 10 to 480).
const LIFETIMES: [u16; 4] = [10, 60, 240, 480];

#[component]
pub fn AccessPasses(status: RwSignal<String>, on_change: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let passes = RwSignal::new(Vec::<AccessPassView>::new());
    let username = RwSignal::new(String::new());
    let minutes = RwSignal::new(60u16);
    let one_time = RwSignal::new(true);
    let issued = RwSignal::new(None::<AccessPassIssued>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let load = move || {
        spawn_local(async move {
            if let Ok(list) = client::call(&endpoints::ADMIN_ACCESS_PASSES, &()).await {
                passes.set(list);
            }
        })
    };
    load();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = IssueAccessPass {
            username: username.get_untracked(),
            minutes: minutes.get_untracked(),
            one_time: one_time.get_untracked(),
        };
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_ISSUE_ACCESS_PASS, &body).await {
                Ok(p) => {
                    form.done();
                    username.set(String::new());
                    issued.set(Some(p));
                    load();
                    on_change.run(());
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let revoke = move |view: AccessPassView| {
        spawn_local(async move {
            match client::call_at(&endpoints::ADMIN_REVOKE_ACCESS_PASS, &[&view.user_id], "", &()).await {
                Ok(()) => {
                    if issued.get_untracked().is_some_and(|p| p.view.user_id == view.user_id) {
                        issued.set(None);
                    }
                    status.set(t_args("admin-tap-revoked", &[("name", view.display_name.into())]));
                    load();
                    on_change.run(());
                }
                Err(f) => status.set(ctx.handle(&f)),
            }
        });
    };
    view! {
        <section class="tap" aria-labelledby="tap-title">
        <h2 id="tap-title">{tr("admin-tap-title")}</h2>
        <p>{tr("admin-tap-intro")}</p>
        <form on:submit=submit novalidate>
            <UserField id="tap" label="admin-tap-user" value=username error=error/>
            <div class="field">
                <label for="tap-lifetime">{tr("admin-tap-lifetime")}</label>
                <select id="tap-lifetime" on:change=move |ev| minutes.set(event_target_value(&ev).parse().unwrap_or(60))>
                    {LIFETIMES.into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || minutes.get() == m>{move || t(&format!("admin-tap-{m}"))}</option>
                    }).collect_view()}
                </select>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=one_time on:change=move |ev| one_time.set(event_target_checked(&ev))/>
                {tr("admin-tap-one-time")}
            </label>
            <p id="tap-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("admin-tap-issue")}</button>
            </div>
        </form>
        {move || issued.get().map(|p| view! {
            <div class="issued" role="status">
                <p>{t_args("admin-tap-issued", &[("name", p.view.display_name.clone().into()), ("time", date_time(p.view.expires_at).into())])}</p>
                <p class="secret-row"><code class="secret access-pass">{p.pass.clone()}</code>
                    <CopyButton text=p.pass.clone() label="admin-tap-title"/></p>
            </div>
        })}
        <h3>{tr("admin-tap-active")}</h3>
        <Show when=move || !passes.get().is_empty() fallback=|| view! { <p class="empty">{tr("admin-tap-none")}</p> }>
            <ul class="passes">
                {move || passes.get().into_iter().map(|p| {
                    let use_key = if p.one_time { "admin-tap-use-once" } else { "admin-tap-use-many" };
                    let line = t_args("admin-tap-row", &[
                        ("name", format!("{} ({})", p.display_name, p.username).into()),
                        ("time", date_time(p.expires_at).into()),
                        ("use", t(use_key).into()),
                    ]);
                    let label = format!("{} {}", t("admin-tap-revoke"), p.display_name);
                    view! {
                        <li>{line}" "
                            <button type="button" class="link danger" aria-label=label on:click=move |_| revoke(p.clone())>{tr("admin-tap-revoke")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
        </section>
    }
}

/// "Unlock sign-in": lifts a user's second-step lock (100 wrong codes in a row)
/// before its 24 hours run out, once the help desk knows who is asking.
#[component]
pub fn UnlockUser(status: RwSignal<String>, on_change: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let username = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = api::UnlockUser { username: username.get_untracked() };
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_UNLOCK, &body).await {
                Ok(()) => {
                    form.done();
                    status.set(t_args("admin-unlock-done", &[("name", body.username.into())]));
                    username.set(String::new());
                    on_change.run(());
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <section class="unlock" aria-labelledby="unlock-title">
        <h2 id="unlock-title">{tr("admin-unlock-title")}</h2>
        <p>{tr("admin-unlock-intro")}</p>
        <form on:submit=submit novalidate>
            <UserField id="unlock" label="admin-unlock-user" value=username error=error/>
            <p id="unlock-error" class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("admin-unlock-button")}</button>
            </div>
        </form>
        </section>
    }
}

/// A user's sign-in name typed by an admin: `#{id}-user`, described by the form's
/// `#{id}-error` line.
#[component]
fn UserField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("{id}-user")>{move || t(label)}</label>
            <input id=format!("{id}-user") type="email" autocomplete="off" required spellcheck="false" autocapitalize="off"
                aria-describedby=format!("{id}-error") aria-invalid=move || error.get().is_some().to_string()
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}
