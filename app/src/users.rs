//! The admin's Users page (`/admin/users`, a bundle of its own): find people,
//! see their state and registered methods, act on them (delete a method, require
//! re-registration, sign out everywhere, unlock, turn off and on, export and
//! delete), create a user with a one-time access pass, and the directory's SCIM
//! tokens. Every action is audited by the worker.

use crate::app::ctx;
use crate::authenticator::CopyButton;
use crate::client;
use crate::dialog::Modal;
use crate::form::Submission;
use crate::i18n::{date_time, t, t_args, tr};
use crate::security_info::{method_detail, method_name};
use api::endpoints;
use api::reports::MethodsReport;
use api::users::{
    CallerCheck, CallerCheckAnswer, CallerCheckStart, NewScimToken, NewUser, Role, ScimTokenCreated, ScimTokenView,
    UserCreated, UserDetail, UserRole, UserState, UserSummary,
};
use api::{AccessPassIssued, IssueAccessPass, MethodDetail, UnlockUser};
use leptos::prelude::*;
use leptos::task::spawn_local;

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

/// An action that needs a second look: its question, its button, what it does.
#[derive(Clone)]
struct Confirm {
    question: String,
    button: &'static str,
    act: Callback<()>,
}

#[component]
fn Detail(
    id: String,
    selected: RwSignal<Option<String>>,
    status: RwSignal<String>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let ctx = ctx();
    let detail = RwSignal::new(None::<UserDetail>);
    let error = RwSignal::new(None::<String>);
    let confirm = RwSignal::new(None::<Confirm>);
    let id = StoredValue::new(id);
    let load = move || {
        spawn_local(async move {
            match client::call_at(&endpoints::ADMIN_USER, &[&id.get_value()], "", &()).await {
                Ok(d) => detail.set(Some(d)),
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        })
    };
    load();
    // Runs an action, then says `done` and shows the user afresh.
    let after = move |result: Result<(), client::Failure>, done: String| match result {
        Ok(()) => {
            error.set(None);
            status.set(done);
            load();
            refresh.update(|n| *n += 1);
        }
        Err(f) => error.set(Some(ctx.handle(&f))),
    };
    let ask = move |question: String, button: &'static str, act: Callback<()>| {
        confirm.set(Some(Confirm { question, button, act }));
    };
    let name = move || detail.get().map(|d| d.user.display_name).unwrap_or_default();
    // The help desk acts only on a verified caller; admins at once.
    let allowed = move || is_admin() || detail.get().is_some_and(|d| d.caller_verified_until.is_some());
    let pass = RwSignal::new(None::<AccessPassIssued>);
    let issue_pass = move |_| {
        let Some(d) = detail.get_untracked() else { return };
        let body = IssueAccessPass { username: d.user.username, minutes: 60, one_time: true };
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_ISSUE_ACCESS_PASS, &body).await {
                Ok(p) => {
                    error.set(None);
                    pass.set(Some(p));
                }
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        });
    };
    let delete_method = move |method_id: String, label: String| {
        let question =
            t_args("users-delete-method-confirm", &[("method", label.clone().into()), ("name", name().into())]);
        ask(
            question,
            "users-delete-method",
            Callback::new(move |_| {
                let method_id = method_id.clone();
                let label = label.clone();
                spawn_local(async move {
                    let r =
                        client::call_at(&endpoints::ADMIN_USER_METHOD, &[&id.get_value(), &method_id], "", &()).await;
                    after(r, t_args("users-method-deleted", &[("method", label.into())]));
                });
            }),
        );
    };
    let reregister = move |_| {
        ask(
            t_args("users-reregister-confirm", &[("name", name().into())]),
            "users-reregister",
            Callback::new(move |_| {
                spawn_local(async move {
                    let r = client::call_at(&endpoints::ADMIN_USER_REREGISTER, &[&id.get_value()], "", &()).await;
                    after(r, t("users-reregistered"));
                });
            }),
        );
    };
    let sign_out = move |_| {
        spawn_local(async move {
            let r = client::call_at(&endpoints::ADMIN_USER_SIGN_OUT, &[&id.get_value()], "", &()).await;
            after(r, t("users-signed-out"));
        });
    };
    let unlock = move |_| {
        let Some(d) = detail.get_untracked() else { return };
        spawn_local(async move {
            let r = client::call(&endpoints::ADMIN_UNLOCK, &UnlockUser { username: d.user.username }).await;
            after(r, t("users-unlocked"));
        });
    };
    let set_disabled = move |disabled: bool| {
        spawn_local(async move {
            let r =
                client::call_at(&endpoints::ADMIN_USER_STATE, &[&id.get_value()], "", &UserState { disabled }).await;
            let done = if disabled { t("users-disabled") } else { t("users-enabled") };
            after(r.map(|_| ()), done);
        });
    };
    let export = move |_| {
        spawn_local(async move {
            match client::call_at(&endpoints::ADMIN_USER_EXPORT, &[&id.get_value()], "", &()).await {
                Ok(data) => {
                    let name = format!("{}.json", data.user.username);
                    let json = serde_json::to_string_pretty(&data).unwrap_or_default();
                    download(&name, &json);
                    status.set(t("users-exported"));
                }
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        });
    };
    let delete = move |_| {
        ask(
            t_args("users-delete-confirm", &[("name", name().into())]),
            "users-delete",
            Callback::new(move |_| {
                spawn_local(async move {
                    match client::call_at(&endpoints::ADMIN_DELETE_USER, &[&id.get_value()], "", &()).await {
                        Ok(()) => {
                            status.set(t("users-deleted"));
                            selected.set(None);
                            refresh.update(|n| *n += 1);
                        }
                        Err(f) => error.set(Some(ctx.handle(&f))),
                    }
                });
            }),
        );
    };
    view! {
        <section class="user-detail" aria-labelledby="user-name">
            <p class="error" role="alert">{move || error.get()}</p>
            {move || detail.get().map(|d| {
                let disabled = d.user.disabled;
                let locked = d.locked_until.is_some();
                let never = t("users-never");
                view! {
                    <h2 id="user-name" tabindex="-1">{d.user.display_name.clone()}</h2>
                    <dl class="facts">
                        <dt>{tr("users-username")}</dt><dd>{d.user.username.clone()}</dd>
                        <dt>{tr("users-email")}</dt><dd>{d.user.email.clone().unwrap_or_else(|| "—".into())}</dd>
                        <dt>{tr("users-state")}</dt><dd>{states(&d.user)}</dd>
                        <dt>{tr("users-last-sign-in")}</dt><dd>{d.last_sign_in_at.map(date_time).unwrap_or_else(|| never.clone())}</dd>
                        <dt>{tr("users-created")}</dt><dd>{d.created_at.map(date_time).unwrap_or_else(|| "—".into())}</dd>
                        {d.locked_until.map(|until| view! {
                            <dt>{tr("users-locked")}</dt><dd>{t_args("users-locked-until", &[("time", date_time(until).into())])}</dd>
                        })}
                    </dl>
                    <h3>{tr("users-methods")}</h3>
                    {if d.methods.is_empty() {
                        view! { <p class="empty">{tr("users-no-methods")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="methods">
                                <thead><tr>
                                    <th scope="col">{tr("users-method")}</th><th scope="col">{tr("users-method-detail")}</th>
                                    <th scope="col">{tr("users-added")}</th><th scope="col">{tr("users-last-used")}</th>
                                    <th scope="col"><span class="visually-hidden">{tr("users-actions")}</span></th>
                                </tr></thead>
                                <tbody>
                                {d.methods.iter().map(|m| {
                                    let label = method_name(m);
                                    let is_default = d.default_method.as_deref() == Some(m.id.as_str());
                                    let (method_id, remove_label) = (m.id.clone(), label.clone());
                                    let aria = format!("{} {}", t("users-delete-method"), label);
                                    view! {
                                        <tr>
                                            <th scope="row">{label.clone()}{is_default.then(|| view! { " "<span class="badge">{tr("users-default")}</span> })}</th>
                                            <td>{method_detail(m)}</td>
                                            <td>{date_time(m.created_at)}</td>
                                            <td>{m.last_used_at.map(date_time).unwrap_or_else(|| never.clone())}</td>
                                            <td><button type="button" class="link danger" aria-label=aria disabled=move || !allowed()
                                                on:click=move |_| delete_method(method_id.clone(), remove_label.clone())>{tr("users-delete-method")}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <CallerCheckPanel id=id.get_value() detail on_verified=Callback::new(move |_| load())/>
                    <div class="actions wrap">
                        <button type="button" disabled=move || !allowed() on:click=reregister>{tr("users-reregister")}</button>
                        <button type="button" disabled=move || !allowed() on:click=sign_out>{tr("users-sign-out")}</button>
                        <button type="button" disabled=move || !allowed() on:click=issue_pass>{tr("users-issue-pass")}</button>
                        {locked.then(|| view! { <button type="button" disabled=move || !allowed() on:click=unlock>{tr("users-unlock")}</button> })}
                        <Show when=is_admin>
                            {if disabled {
                                view! { <button type="button" on:click=move |_| set_disabled(false)>{tr("users-enable")}</button> }.into_any()
                            } else {
                                view! { <button type="button" on:click=move |_| set_disabled(true)>{tr("users-disable")}</button> }.into_any()
                            }}
                            <button type="button" on:click=export>{tr("users-export")}</button>
                            <button type="button" class="danger" on:click=delete>{tr("users-delete")}</button>
                        </Show>
                        <button type="button" class="link" on:click=move |_| selected.set(None)>{tr("close")}</button>
                    </div>
                    {move || pass.get().map(|p| view! {
                        <div class="issued" role="status">
                            <p>{t_args("users-pass-issued", &[("time", date_time(p.view.expires_at).into())])}</p>
                            <p class="secret-row"><code class="secret">{p.pass.clone()}</code><CopyButton text=p.pass.clone() label="users-pass"/></p>
                        </div>
                    })}
                    <Show when=is_admin>
                        <RoleForm id=id.get_value() role=d.user.role on_saved=Callback::new(move |_| { status.set(t("users-role-saved")); load(); })/>
                    </Show>
                }
            })}
            {move || confirm.get().map(|c| {
                let close = Callback::new(move |_| confirm.set(None));
                let act = c.act;
                view! {
                    <Modal labelled_by="confirm-title" on_close=close>
                        <h2 id="confirm-title">{tr("users-confirm-title")}</h2>
                        <p>{c.question.clone()}</p>
                        <div class="actions">
                            <button type="button" class="primary danger" on:click=move |_| { confirm.set(None); act.run(()); }>{t(c.button)}</button>
                            <button type="button" on:click=move |_| close.run(())>{tr("cancel")}</button>
                        </div>
                    </Modal>
                }
            })}
        </section>
    }
}

/// Methods that can verify a caller: a code sent to a phone or email, or an app's own.
fn can_verify(detail: &MethodDetail) -> bool {
    matches!(detail, MethodDetail::Phone { .. } | MethodDetail::Email { .. } | MethodDetail::AuthenticatorApp { .. })
}

#[component]
fn CallerCheckPanel(id: String, detail: RwSignal<Option<UserDetail>>, on_verified: Callback<()>) -> impl IntoView {
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

#[component]
fn RoleForm(id: String, role: Role, on_saved: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let chosen = RwSignal::new(role);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let id = id.clone();
        spawn_local(async move {
            let body = UserRole { role: chosen.get_untracked() };
            match client::call_at(&endpoints::ADMIN_USER_ROLE, &[&id], "", &body).await {
                Ok(_) => {
                    form.done();
                    on_saved.run(());
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let roles = [Role::User, Role::HelpDesk, Role::Admin];
    view! {
        <form class="role" on:submit=submit novalidate>
            <div class="field">
                <label for="user-role">{tr("users-role")}</label>
                <div class="inline">
                    <select id="user-role" aria-describedby="role-error" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(r) = roles.iter().find(|r| r.as_str() == value) {
                            chosen.set(*r);
                        }
                    }>
                        {roles.iter().map(|r| view! {
                            <option value=r.as_str() selected=*r == role>{t(&format!("users-role-{}", r.as_str()))}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("users-role-save")}</button>
                </div>
            </div>
            <p id="role-error" class="error" role="alert">{move || error.get()}</p>
        </form>
    }
}

/// Authentication methods activity (admins): loaded on request, since it reads
/// every user.
#[component]
fn MethodsActivity() -> impl IntoView {
    let ctx = ctx();
    let report = RwSignal::new(None::<MethodsReport>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let load = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        spawn_local(async move {
            match client::call(&endpoints::ADMIN_METHODS_REPORT, &()).await {
                Ok(r) => {
                    form.done();
                    report.set(Some(r));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let csv = format!("{}{}", client::base(), api::paths::ADMIN_METHODS_REPORT_CSV);
    let kind = |k: api::MethodKind| t(&format!("method-{}", k.as_str()));
    let names = |list: Vec<String>| if list.is_empty() { t("methods-report-nobody") } else { list.join(", ") };
    view! {
        <section class="methods-report" aria-labelledby="methods-report-title">
            <h2 id="methods-report-title">{tr("methods-report-title")}</h2>
            <p>{tr("methods-report-intro")}</p>
            <form on:submit=load novalidate>
                <div class="actions">
                    <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{tr("methods-report-load")}</button>
                    <a class="button" href=csv download="authentication-methods.csv">{tr("methods-report-csv")}</a>
                </div>
                <p class="error" role="alert">{move || error.get()}</p>
            </form>
            {move || report.get().map(|r| view! {
                <p role="status">{t_args("methods-report-summary", &[
                    ("users", r.users.into()), ("mfa", r.mfa_registered.into()), ("reset", r.reset_registered.into()),
                ])}</p>
                {r.truncated.then(|| view! { <p class="notice">{tr("methods-report-truncated")}</p> })}
                <div class="methods-report-tables">
                    <table>
                        <caption>{tr("methods-report-by-strength")}</caption>
                        <thead><tr><th scope="col">{tr("methods-report-strength")}</th><th scope="col">{tr("methods-report-users")}</th></tr></thead>
                        <tbody>{r.by_strength.iter().map(|c| view! {
                            <tr><th scope="row">{t(&format!("methods-report-strength-{}", c.strength.as_str()))}</th><td>{c.users}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                    <table>
                        <caption>{tr("methods-report-by-method")}</caption>
                        <thead><tr><th scope="col">{tr("users-method")}</th><th scope="col">{tr("methods-report-users")}</th></tr></thead>
                        <tbody>{r.by_method.iter().map(|c| view! {
                            <tr><th scope="row">{kind(c.method)}</th><td>{c.users}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                    <table>
                        <caption>{t_args("methods-report-usage", &[("days", r.days.into())])}</caption>
                        <thead><tr><th scope="col">{tr("users-method")}</th><th scope="col">{tr("methods-report-succeeded")}</th><th scope="col">{tr("methods-report-failed")}</th></tr></thead>
                        <tbody>{r.usage.iter().map(|u| view! {
                            <tr><th scope="row">{u.method.map(kind).unwrap_or_else(|| t("methods-report-unknown-method"))}</th><td>{u.succeeded}</td><td>{u.failed}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                </div>
                <h3>{tr("methods-report-without-mfa")}</h3>
                <p class="names">{names(r.without_mfa.clone())}</p>
                <h3>{tr("methods-report-weak-admins")}</h3>
                <p class="names">{names(r.admins_without_phishing_resistant.clone())}</p>
            })}
        </section>
    }
}

/// Offers `text` as a file download.
fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let Ok(blob) = web_sys::Blob::new_with_str_sequence(&parts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(a) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&a) {
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
fn CreateUser(selected: RwSignal<Option<String>>, refresh: RwSignal<u32>) -> impl IntoView {
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
fn ScimTokens(status: RwSignal<String>) -> impl IntoView {
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
