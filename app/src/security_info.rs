//! The Security info page: default sign-in method, registered methods, add, delete.

use crate::app::ctx;
use crate::client;
use crate::dialog::Modal;
use crate::email::AddMethodDialog;
use crate::i18n::{date, t, t_args};
use api::{paths, MethodDetail, MethodView, SecurityInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Add,
    Delete(MethodView),
}

pub fn method_name(m: &MethodView) -> String {
    t(&format!("method-{}", m.detail.kind().as_str()))
}

fn method_detail(m: &MethodView) -> String {
    match &m.detail {
        MethodDetail::Email { masked_address } => masked_address.clone(),
        MethodDetail::AuthenticatorApp { name } => name.clone(),
    }
}

#[component]
pub fn SecurityInfoPage() -> impl IntoView {
    let ctx = ctx();
    let navigate = use_navigate();
    let info = RwSignal::new(None::<SecurityInfo>);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let open = RwSignal::new(Open::Nothing);

    let refresh = move || {
        spawn_local(async move {
            match client::get::<SecurityInfo>(paths::METHODS).await {
                Ok(i) => {
                    error.set(None);
                    info.set(Some(i));
                }
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        })
    };
    Effect::new(move |_| {
        if ctx.session.get().is_none() {
            navigate("/signin", Default::default());
        } else {
            refresh();
        }
    });

    let close = Callback::new(move |_| open.set(Open::Nothing));
    let added = Callback::new(move |message: String| {
        open.set(Open::Nothing);
        status.set(message);
        refresh();
    });
    let deleted = Callback::new(move |message: String| {
        open.set(Open::Nothing);
        status.set(message);
        refresh();
    });

    let methods = move || info.get().map(|i| i.methods).unwrap_or_default();
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{move || t("app-title")}</h1>
            <p class="intro">{move || t("security-info-intro")}</p>
            <p class="status" role="status" aria-live="polite">{move || status.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <Show when=move || info.get().is_some() fallback=|| view! { <p class="loading" aria-busy="true">{t("loading")}</p> }>
                <div class="default-method">
                    <span class="label">{move || t("default-method-label")}</span>
                    " "
                    <span>{move || t("default-method-none")}</span>
                </div>
                <button type="button" class="add" on:click=move |_| open.set(Open::Add)>
                    <span aria-hidden="true">"+ "</span>{move || t("add-method")}
                </button>
                <h2 class="visually-hidden">{move || t("methods-heading")}</h2>
                <Show when=move || !methods().is_empty() fallback=|| view! { <p class="empty">{t("methods-empty")}</p> }>
                    <ul class="methods">
                        <For each=methods key=|m| m.id.clone() let:m>
                            <MethodRow method=m on_delete=Callback::new(move |m| open.set(Open::Delete(m)))/>
                        </For>
                    </ul>
                </Show>
            </Show>
            {move || match open.get() {
                Open::Nothing => ().into_any(),
                Open::Add => view! {
                    <AddMethodDialog addable=info.get().map(|i| i.addable).unwrap_or_default() on_close=close on_added=added/>
                }.into_any(),
                Open::Delete(m) => view! { <DeleteDialog method=m on_close=close on_deleted=deleted/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MethodRow(method: MethodView, on_delete: Callback<MethodView>) -> impl IntoView {
    let m = method.clone();
    let name = move || method_name(&m);
    let detail = method_detail(&method);
    let created = method.created_at;
    let kind = method.detail.kind().as_str();
    let label = {
        let m = method.clone();
        move || format!("{} {}", t("method-delete"), method_name(&m))
    };
    view! {
        <li class="method" data-kind=kind>
            <span class="name">{name}</span>
            <span class="detail">{detail}</span>
            <span class="meta">{move || t_args("method-added-on", &[("date", date(created).into())])}</span>
            <button type="button" class="link danger" aria-label=label on:click=move |_| on_delete.run(method.clone())>
                {move || t("method-delete")}
            </button>
        </li>
    }
}

#[component]
fn DeleteDialog(method: MethodView, on_close: Callback<()>, on_deleted: Callback<String>) -> impl IntoView {
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
                match client::delete(&paths::method(&id)).await {
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
            <h2 id="delete-title">{move || t("delete-title")}</h2>
            <p>{question}</p>
            <p class="warning">{move || t("delete-warning")}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{move || t("cancel")}</button>
                <button type="button" class="primary danger" disabled=move || busy.get() aria-busy=move || busy.get().to_string() on:click=confirm>
                    {move || if busy.get() { t("deleting") } else { t("delete-confirm") }}
                </button>
            </div>
        </Modal>
    }
}
