//! One user on the admin's Users page: their facts and methods, what an admin or a
//! (caller-verifying) help desk can do to them, each change behind a confirmation.

use super::caller_check::CallerCheckPanel;
use super::{is_admin, states};
use crate::app::ctx;
use crate::authenticator::CopyButton;
use crate::client;
use crate::dialog::Modal;
use crate::form::Submission;
use crate::i18n::{date_time, t, t_args, tr};
use crate::security_info::{method_detail, method_name};
use api::endpoints;
use api::users::{Role, UserDetail, UserRole, UserState};
use api::{AccessPassIssued, IssueAccessPass, UnlockUser};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// An action that needs a second look: its question, its button, what it does.
#[derive(Clone)]
struct Confirm {
    question: String,
    button: &'static str,
    act: Callback<()>,
}

#[component]
pub(super) fn Detail(
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
