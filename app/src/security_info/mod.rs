//! The Security info page: default sign-in method, registered methods, add, delete.

mod dialogs;
mod health;

use crate::add_method::AddMethodDialog;
use crate::app::ctx;
use crate::client;
use crate::continuation;
use crate::dialog::Modal;
use crate::i18n::{date, t, t_args, tr, Current};
use crate::nav::{self, Link};
use crate::on_demand::{Flow, FlowView};
use crate::reauth::ReauthHost;
use api::endpoints;
use api::{MethodDetail, MethodKind, MethodView, MfaOption, SecondStep, SecurityInfo};
use dialogs::{ChangeDefaultDialog, DeleteDialog, RenameDialog};
use health::AccountHealth;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Add,
    Delete(MethodView),
    Rename(MethodView),
    /// "Change" on a phone or email row: register it again with a new number
    /// (or mode) or address; it replaces the old one.
    ChangeContact(MethodKind),
    /// "Change" on the security questions row: answer them all again.
    ChangeQuestions,
    /// "Regenerate" on the recovery codes row.
    ChangeRecoveryCodes,
    ChangeDefault,
}

pub(crate) use api::texts::mfa_options;

/// "Authenticator app - code (Phone)", as the default method is described.
pub fn default_label(option: &MfaOption) -> String {
    api::texts::default_label(&Current, option)
}

pub fn method_name(m: &MethodView) -> String {
    api::texts::method_name(&Current, m)
}

pub fn method_detail(m: &MethodView) -> String {
    api::texts::method_detail(&Current, m)
}

/// Puts focus back on the page when a refresh replaced the element that had it:
/// the first button of `row`'s method, else "Add method".
fn refocus(row: Option<String>) {
    use wasm_bindgen::JsCast;
    let doc = document();
    let lost = doc.active_element().is_none_or(|e| e.tag_name() == "BODY");
    if !lost {
        return;
    }
    let safe = |id: &String| id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let in_row = row
        .filter(safe)
        .and_then(|id| doc.query_selector(&format!("li.method[data-id=\"{id}\"] .row-actions button")).ok().flatten());
    let target = in_row.or_else(|| doc.query_selector("main button.add").ok().flatten());
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[component]
pub fn SecurityInfoPage() -> impl IntoView {
    let ctx = ctx();
    let info = RwSignal::new(None::<SecurityInfo>);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let open = RwSignal::new(Open::Nothing);
    // The row whose dialog was opened last: focus goes back to it after the list
    // is refreshed (its buttons are new elements), or to "Add method" if it is gone.
    let last_row = StoredValue::new(None::<String>);

    let refresh = move || {
        spawn_local(async move {
            // On the first view boot.js may have asked already, while the wasm loaded.
            let early = match nav::first_view() {
                true => crate::app::early("methods").await.and_then(|t| serde_json::from_str(&t).ok()),
                false => None,
            };
            if early.is_some() {
                // The list in a task of its own, after the page's shell.
                crate::app::pause(0).await;
            }
            let fetched = match early {
                Some(info) => Ok(info),
                None => client::call(&endpoints::METHODS, &()).await,
            };
            // The page may be gone by the time the answer is (signed out meanwhile).
            match fetched {
                Ok(i) => {
                    let _ = error.try_set(None);
                    let _ = info.try_set(Some(i));
                    crate::app::pause(0).await;
                    if let Some(row) = last_row.try_get_value() {
                        refocus(row);
                    }
                }
                Err(f) => {
                    let _ = error.try_set(Some(ctx.handle(&f)));
                }
            }
        })
    };
    Effect::new(move |_| match ctx.session.get() {
        None => nav::go("/signin"),
        Some(s) if matches!(s.second_step, SecondStep::Required { .. }) => nav::go("/verify"),
        Some(s) if s.setup.is_some() => nav::go("/setup"),
        // Signed in for an app (not with a pass, which only registers methods): back to it.
        Some(s) if s.access_pass_until.is_none() && matches!(continuation::pending(), Some((_, false))) => {
            continuation::follow()
        }
        Some(_) => refresh(),
    });

    let chunks = crate::on_demand::chunks();
    let close = Callback::new(move |_| open.set(Open::Nothing));
    let added = Callback::new(move |message: String| {
        open.set(Open::Nothing);
        status.set(message);
        refresh();
    });
    let deleted = added;
    // "Keep" on a method suspended after a report: usable again.
    let keep = Callback::new(move |m: MethodView| {
        spawn_local(async move {
            match client::call(&endpoints::METHOD_KEEP, &api::KeepMethod { method_id: m.id.clone() }).await {
                Ok(()) => {
                    status.set(t_args("method-kept", &[("name", method_name(&m).into())]));
                    refresh();
                }
                Err(f) => status.set(ctx.handle(&f)),
            }
        })
    });
    // Changing a phone number, the questions or the recovery codes: that kind's flow in a dialog.
    let change = move |kind: MethodKind, replacing: bool| {
        let flow = Flow::new(kind, replacing, info.get_untracked());
        view! {
            <Modal labelled_by="add-title" on_close=close>
                <FlowView flow on_close=close on_added=added/>
            </Modal>
        }
        .into_any()
    };
    let options = move || info.get().map(|i| mfa_options(&i)).unwrap_or_default();

    let methods = move || info.get().map(|i| i.methods).unwrap_or_default();
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{tr("app-title")}</h1>
            <p class="intro">{tr("security-info-intro")}</p>
            {move || ctx.session.get().and_then(|s| s.access_pass_until).map(|until| view! {
                <p class="notice pass">{t_args("access-pass-banner", &[("time", crate::i18n::date_time(until).into())])}</p>
            })}
            // An app asked for a second factor: add one, then go back to it.
            {continuation::pending().filter(|(_, needs)| *needs).map(|_| view! {
                <div class="notice continue" role="region" aria-labelledby="continue-text">
                    <p id="continue-text">{tr("continue-needs-factor")}</p>
                    <button type="button" class="primary" on:click=move |_| continuation::follow()>{tr("continue-to-app")}</button>
                </div>
            })}
            <p class="status" role="status" aria-live="polite">{move || status.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <Show when=move || info.get().is_some() fallback=|| view! { <p class="loading" aria-busy="true">{tr("loading")}</p> }>
                <div class="default-method">
                    <span class="label">{tr("default-method-label")}</span>
                    " "
                    <span class="value">{move || info.get().map(|i| api::texts::default_value(&Current, &i))}</span>
                    <Show when=move || !options().is_empty()>
                        <button type="button" class="link" aria-label=tr("default-change-title") on:click=move |_| open.set(Open::ChangeDefault)>{tr("default-method-change")}</button>
                    </Show>
                </div>
                <button type="button" class="add" on:click=move |_| open.set(Open::Add)>
                    <span aria-hidden="true">"+ "</span>{tr("add-method")}
                </button>
                <h2 class="visually-hidden">{tr("methods-heading")}</h2>
                <Show when=move || !methods().is_empty() fallback=|| view! { <p class="empty">{tr("methods-empty")}</p> }>
                    <ul class="methods">
                        // Keyed by content, not id alone: a changed method (new number, name) re-renders.
                        <For each=methods key=|m| m.clone() let:m>
                            <MethodRow method=m
                                on_delete=Callback::new(move |m: MethodView| { last_row.set_value(Some(m.id.clone())); open.set(Open::Delete(m)) })
                                on_rename=Callback::new(move |m: MethodView| { last_row.set_value(Some(m.id.clone())); open.set(Open::Rename(m)) })
                                on_keep=keep
                                on_change=Callback::new(move |k| open.set(match k {
                                    MethodKind::SecurityQuestions => Open::ChangeQuestions,
                                    MethodKind::RecoveryCodes => Open::ChangeRecoveryCodes,
                                    _ => Open::ChangeContact(k),
                                }))/>
                        </For>
                    </ul>
                </Show>
                <AccountHealth info=info open=open/>
                {move || info.get().filter(|i| i.connected_apps).and(chunks).map(|c| crate::on_demand::quietly((c.connected_apps)()))}
                {move || ctx.session.get().is_some_and(|s| s.access_pass_until.is_none()).then(|| devices_section(chunks))}
                // With the list, not before it: it would move down when the list comes.
                <p class="help-link"><Link href="/help">{tr("help-link")}</Link></p>
            </Show>
            {move || match open.get() {
                Open::Nothing => ().into_any(),
                // Untracked: a list refresh landing while the chooser is open must not
                // rebuild it and lose the kind the user just picked.
                Open::Add => view! {
                    <AddMethodDialog addable=info.get_untracked().map(|i| i.addable).unwrap_or_default()
                        countries=info.get_untracked().map(|i| i.phone_countries).unwrap_or_default()
                        phone_modes=info.get_untracked().map(|i| i.phone_modes).unwrap_or_default()
                        on_close=close on_added=added/>
                }.into_any(),
                Open::Delete(m) => view! { <DeleteDialog method=m on_close=close on_deleted=deleted/> }.into_any(),
                Open::Rename(m) => view! { <RenameDialog method=m on_close=close on_done=added/> }.into_any(),
                Open::ChangeContact(kind) => change(kind, false),
                Open::ChangeQuestions => change(MethodKind::SecurityQuestions, false),
                Open::ChangeRecoveryCodes => change(MethodKind::RecoveryCodes, true),
                Open::ChangeDefault => view! {
                    <ChangeDefaultDialog options=options() current=info.get().and_then(|i| i.default_method) on_close=close on_done=added/>
                }.into_any(),
            }}
            // Over the dialog whose change asked for it, which then goes through.
            <ReauthHost/>
        </section>
    }
}

#[component]
fn MethodRow(
    method: MethodView,
    on_delete: Callback<MethodView>,
    on_rename: Callback<MethodView>,
    on_change: Callback<MethodKind>,
    on_keep: Callback<MethodView>,
) -> impl IntoView {
    let m = method.clone();
    let name = move || method_name(&m);
    let detail = {
        let m = method.clone();
        move || method_detail(&m)
    };
    let created = method.created_at;
    let id = method.id.clone();
    let last_used = method.last_used_at;
    let kind = method.detail.kind().as_str();
    let label = {
        let m = method.clone();
        move || format!("{} {}", t("method-delete"), method_name(&m))
    };
    let changeable = matches!(
        method.detail.kind(),
        MethodKind::Phone
            | MethodKind::AlternatePhone
            | MethodKind::Email
            | MethodKind::SecurityQuestions
            | MethodKind::RecoveryCodes
    );
    // Recovery codes are not edited but replaced by a new set.
    let change_word =
        if method.detail.kind() == MethodKind::RecoveryCodes { "recovery-regenerate" } else { "default-method-change" };
    let change_label = {
        let m = method.clone();
        move || format!("{} {} ({})", t(change_word), method_name(&m), method_detail(&m))
    };
    let kind_of_row = method.detail.kind();
    let renamable = matches!(
        method.detail,
        MethodDetail::AuthenticatorApp { .. } | MethodDetail::SecurityKey { .. } | MethodDetail::AppPassword { .. }
    );
    let possibly_cloned = matches!(method.detail, MethodDetail::SecurityKey { possibly_cloned: true, .. });
    let turned_off = method.turned_off;
    let suspended = method.suspended;
    let for_keep = method.clone();
    let keep_label = {
        let m = method.clone();
        move || format!("{} {} ({})", t("method-keep"), method_name(&m), method_detail(&m))
    };
    let for_rename = method.clone();
    let rename_label = {
        let m = method.clone();
        move || format!("{} {} ({})", t("method-rename"), method_name(&m), method_detail(&m))
    };
    view! {
        <li class="method" data-kind=kind data-id=id>
            <span class="name">{name}</span>
            <span class="detail">{detail}</span>
            <span class="meta">
                {move || t_args("method-added-on", &[("date", date(created).into())])}
                {last_used.map(|at| view! { " · " {move || t_args("method-last-used", &[("date", date(at).into())])} })}
            </span>
            {possibly_cloned.then(|| view! { <span class="warning">{tr("key-possibly-cloned")}</span> })}
            {turned_off.then(|| view! { <span class="warning">{tr("method-turned-off")}</span> })}
            {suspended.then(|| view! { <span class="warning">{tr("method-suspended")}</span> })}
            <span class="row-actions">
                {suspended.then(|| view! {
                    <button type="button" class="link" aria-label=keep_label on:click=move |_| on_keep.run(for_keep.clone())>
                        {tr("method-keep")}
                    </button>
                })}
                {changeable.then(|| view! {
                    <button type="button" class="link" aria-label=change_label on:click=move |_| on_change.run(kind_of_row)>
                        {move || t(change_word)}
                    </button>
                })}
                {renamable.then(|| view! {
                    <button type="button" class="link" aria-label=rename_label on:click=move |_| on_rename.run(for_rename.clone())>
                        {tr("method-rename")}
                    </button>
                })}
                <button type="button" class="link danger" aria-label=label on:click=move |_| on_delete.run(method.clone())>
                    {tr("method-delete")}
                </button>
            </span>
        </li>
    }
}

/// "Devices": a heading and a button here; the list (with a "Sign out" per device
/// and "Sign out everywhere") loads as a chunk when asked for, so Security info's
/// first view fetches nothing more. The list takes the focus from the button.
fn devices_section(chunks: Option<crate::on_demand::Chunks>) -> impl IntoView {
    let opened = RwSignal::new(false);
    view! {
        <section class="devices" aria-labelledby="devices-title">
            <h2 id="devices-title">{tr("devices-title")}</h2>
            {move || match (opened.get(), chunks) {
                (true, Some(c)) => crate::on_demand::view((c.devices)(), None, None),
                _ => view! { <button type="button" class="link" on:click=move |_| opened.set(true)>{tr("devices-show")}</button> }.into_any(),
            }}
        </section>
    }
}
