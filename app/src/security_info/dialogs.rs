//! The dialogs of a method's row: delete, rename, and changing the default.

use super::{default_label, method_detail, method_name};
use crate::app::ctx;
use crate::client;
use crate::dialog::Modal;
use crate::form::Submission;
use crate::i18n::{t, t_args, tr};
use api::endpoints;
use api::{ChooseDefault, MethodView, MfaOption, Rename};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn DeleteDialog(method: MethodView, on_close: Callback<()>, on_deleted: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let name = method_name(&method);
    let id = method.id.clone();
    let confirm = {
        let name = name.clone();
        move |_| {
            busy.set(true);
            let id = id.clone();
            let name = name.clone();
            spawn_local(async move {
                match client::call_at(&endpoints::METHOD_DELETE, &[&id], "", &()).await {
                    Ok(()) => on_deleted.run(t_args("method-deleted", &[("method", name.into())])),
                    Err(f) if f.code() == Some(api::ErrorCode::MethodNotFound) => on_deleted.run(f.message()),
                    Err(f) => {
                        error.set(Some(ctx.handle(&f)));
                        busy.set(false);
                    }
                }
            });
        }
    };
    let question = {
        let detail = method_detail(&method);
        move || t_args("delete-question", &[("method", format!("{name} ({detail})").into())])
    };
    view! {
        <Modal labelled_by="delete-title" on_close=on_close>
            <h2 id="delete-title">{tr("delete-title")}</h2>
            <p>{question}</p>
            <p class="warning">{tr("delete-warning")}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                <button type="button" class="primary danger" disabled=move || busy.get() aria-busy=move || busy.get().to_string() on:click=confirm>
                    {move || if busy.get() { t("deleting") } else { t("delete-confirm") }}
                </button>
            </div>
        </Modal>
    }
}

#[component]
pub(super) fn RenameDialog(method: MethodView, on_close: Callback<()>, on_done: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let name = RwSignal::new(method_detail(&method));
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let id = method.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let (id, body) = (id.clone(), Rename { name: name.get_untracked() });
        spawn_local(async move {
            match client::call_at(&endpoints::METHOD_RENAME, &[&id], "", &body).await {
                Ok(view) => {
                    form.done();
                    on_done.run(t_args("renamed", &[("name", method_detail(&view).into())]));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <Modal labelled_by="rename-title" on_close=on_close>
            <h2 id="rename-title">{tr("rename-title")}</h2>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="rename-name">{tr("rename-label")}</label>
                    <input id="rename-name" type="text" maxlength="64" required autofocus aria-describedby="rename-error"
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <p id="rename-error" class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                    <button type="submit" class="primary" disabled=move || busy.get()>{tr("rename-save")}</button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
pub(super) fn ChangeDefaultDialog(
    options: Vec<MfaOption>,
    current: Option<String>,
    on_close: Callback<()>,
    on_done: Callback<String>,
) -> impl IntoView {
    let ctx = ctx();
    let choice = RwSignal::new(current.or_else(|| options.first().map(|o| o.id.clone())));
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let labels = options.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(id) = choice.get_untracked() else { return };
        if !form.begin(&ev) {
            return;
        }
        let label = labels.iter().find(|o| o.id == id).map(default_label).unwrap_or_default();
        spawn_local(async move {
            match client::call(&endpoints::DEFAULT_METHOD, &ChooseDefault { method_id: id }).await {
                Ok(()) => {
                    form.done();
                    on_done.run(t_args("default-changed", &[("method", label.into())]));
                }
                // Deleted meanwhile (another tab, another device): close, say so, and
                // refresh the list for real.
                Err(f) if f.code() == Some(api::ErrorCode::MethodNotFound) => {
                    form.done();
                    on_done.run(f.message());
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <Modal labelled_by="default-title" on_close=on_close>
            <h2 id="default-title">{tr("default-change-title")}</h2>
            <form on:submit=submit>
                <div class="field">
                    <label for="default-choice">{tr("default-change-question")}</label>
                    <select id="default-choice" autofocus on:change=move |ev| choice.set(Some(event_target_value(&ev)))>
                        {options.into_iter().map(|o| {
                            let (id, value) = (o.id.clone(), o.id.clone());
                            view! { <option value=value selected=move || choice.get().as_ref() == Some(&id)>{move || default_label(&o)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                    <button type="submit" class="primary" disabled=move || busy.get()>{tr("default-confirm")}</button>
                </div>
            </form>
        </Modal>
    }
}
