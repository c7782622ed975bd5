//! The admin's Users page (`/admin/users`, a bundle of its own): find people,
//! see their state and registered methods, act on them (delete a method, require
//! re-registration, sign out everywhere, unlock, turn off and on, export and
//! delete), create a user with a one-time access pass, and the directory's SCIM
//! tokens. Every action is audited by the worker.

mod caller_check;
mod detail;
mod provisioning;
mod report;

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, tr};
use api::endpoints;
use api::users::{Role, UserSummary};
use detail::Detail;
use leptos::prelude::*;
use leptos::task::spawn_local;
use provisioning::{CreateUser, ScimTokens};
use report::MethodsActivity;

/// `?q=…&page=…` with both parts encoded.
fn query(q: &str, page: Option<&str>) -> String {
    let params = web_sys::UrlSearchParams::new().ok();
    let Some(params) = params else { return String::new() };
    params.append("q", q);
    if let Some(page) = page {
        params.append("page", page);
    }
    format!("?{}", String::from(params.to_string()))
}

/// "Disabled · Must register" and the like: what is not ordinary about a user.
fn states(user: &UserSummary) -> String {
    let marks = [
        (user.disabled, "users-state-disabled"),
        (user.must_reset, "users-state-must-reset"),
        (user.must_register, "users-state-must-register"),
        (user.admin, "users-state-admin"),
        (user.role == Role::HelpDesk, "users-state-help-desk"),
    ];
    let marks: Vec<String> = marks.iter().filter(|(on, _)| *on).map(|(_, key)| t(key)).collect();
    if marks.is_empty() {
        t("users-state-active")
    } else {
        marks.join(" · ")
    }
}

/// A tenant admin (the help desk sees less: no settings, no creating or deleting).
fn is_admin() -> bool {
    ctx().session.get().is_some_and(|s| s.admin)
}

#[component]
pub fn UsersPage() -> impl IntoView {
    crate::app::require_full_session();
    let status = RwSignal::new(String::new());
    let selected = RwSignal::new(None::<String>);
    let refresh = RwSignal::new(0u32);
    view! {
        <section class="page admin users" aria-labelledby="users-title">
            <h1 id="users-title">{tr("users-title")}</h1>
            <p class="intro">{tr("users-intro")}</p>
            <AdminNav/>
            <p class="status" role="status" aria-live="polite">{move || status.get()}</p>
            <Search selected refresh/>
            {move || selected.get().map(|id| view! { <Detail id selected status refresh/> })}
            <Show when=is_admin>
                <CreateUser selected refresh/>
                <MethodsActivity/>
                <ScimTokens status/>
            </Show>
        </section>
    }
}

/// The admin's two pages (each a bundle: following a link loads the other).
#[component]
pub fn AdminNav() -> impl IntoView {
    use crate::nav::Link;
    view! {
        <nav class="admin-nav" aria-label=tr("admin-link")>
            <Show when=is_admin><Link href="/admin">{tr("admin-settings-link")}</Link></Show>
            <Link href="/admin/users">{tr("admin-users-link")}</Link>
        </nav>
    }
}

#[component]
fn Search(selected: RwSignal<Option<String>>, refresh: RwSignal<u32>) -> impl IntoView {
    let ctx = ctx();
    let text = RwSignal::new(String::new());
    let users = RwSignal::new(None::<Vec<UserSummary>>);
    let next = RwSignal::new(None::<String>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    // Only the latest request's answer shows (an earlier one may come back later).
    let latest = StoredValue::new(0u32);
    let fetch = move |page: Option<String>| {
        let q = query(&text.get_untracked(), page.as_deref());
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        spawn_local(async move {
            let answer = client::call_at(&endpoints::ADMIN_USERS, &[], &q, &()).await;
            if latest.get_value() != mine {
                return;
            }
            match answer {
                Ok(found) => {
                    form.done();
                    let more = page.is_some();
                    users.update(|list| match list {
                        Some(list) if more => list.extend(found.users),
                        _ => *list = Some(found.users),
                    });
                    next.set(found.next);
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    // The list shows everyone at first, and again after a change elsewhere.
    Effect::new(move |_| {
        refresh.track();
        fetch(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if form.begin(&ev) {
            fetch(None);
        }
    };
    view! {
        <form class="search" role="search" on:submit=submit novalidate>
            <div class="field">
                <label for="users-query">{tr("users-search")}</label>
                <div class="inline">
                    <input id="users-query" type="search" autocomplete="off" spellcheck="false" autocapitalize="off"
                        aria-describedby="users-error" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
                    <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("users-find")}</button>
                </div>
            </div>
            <p id="users-error" class="error" role="alert">{move || error.get()}</p>
        </form>
        {move || match users.get() {
            None => view! { <p class="loading" aria-busy="true"><span class="spinner small" aria-hidden="true"></span>{tr("loading")}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p class="empty">{tr("users-none")}</p> }.into_any(),
            Some(list) => view! {
                <ul class="user-list" aria-label=tr("users-results")>
                    {list.into_iter().map(|user| {
                        let id = user.id.clone();
                        let current = {
                            let id = id.clone();
                            move || selected.get().as_deref() == Some(id.as_str())
                        };
                        view! {
                            <li>
                                <button type="button" class="link" aria-pressed=move || current().to_string()
                                    on:click=move |_| selected.set(Some(id.clone()))>{user.display_name.clone()}</button>
                                " "<span class="username">{user.username.clone()}</span>
                                " "<span class="state">{states(&user)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <Show when=move || next.get().is_some()>
            <button type="button" on:click=move |_| fetch(next.get_untracked())>{tr("users-more")}</button>
        </Show>
    }
}
