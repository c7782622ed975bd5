//! Recent activity: the user's sign-ins and security-info changes, newest first,
//! a page at a time.

use crate::app::ctx;
use crate::client;
use crate::i18n::{date_time, t, t_args, tr};
use api::endpoints;
use api::{Activity, ActivityEntry};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The server's "Chrome on Linux" in the page's language (names stay names).
pub(crate) fn device(described: &str) -> String {
    match described.split_once(" on ") {
        Some((browser, system)) => {
            t_args("activity-device", &[("browser", browser.to_string().into()), ("system", system.to_string().into())])
        }
        None if described == "unknown" => t("activity-device-unknown"),
        None => described.to_string(),
    }
}

pub(crate) fn describe(activity: &Activity) -> String {
    let kind = |k: &api::MethodKind| t(&format!("method-{}", k.as_str()));
    match activity {
        Activity::SignedIn => t("activity-signed-in"),
        Activity::SignInFailed => t("activity-sign-in-failed"),
        Activity::SecondStepPassed { method } => t_args("activity-second-step", &[("method", kind(method).into())]),
        Activity::SecondStepFailed { .. } => t("activity-second-step-failed"),
        Activity::MethodAdded { method } => t_args("activity-method-added", &[("method", kind(method).into())]),
        Activity::MethodChanged { method } => t_args("activity-method-changed", &[("method", kind(method).into())]),
        Activity::MethodDeleted { method } => t_args("activity-method-deleted", &[("method", kind(method).into())]),
        Activity::DefaultChanged { method } => t_args("activity-default-changed", &[("method", kind(method).into())]),
        Activity::PasswordReset => t("activity-password-reset"),
        Activity::PasswordChanged => t("activity-password-changed"),
        Activity::SignedOutEverywhere => t("activity-signed-out-everywhere"),
        Activity::SignedOutDevice => t("activity-signed-out-device"),
        Activity::AppPasswordCreated { name } => {
            t_args("activity-app-password-created", &[("name", name.clone().into())])
        }
        Activity::ChangeReported => t("activity-change-reported"),
        Activity::SignedInWithAccessPass => t("activity-signed-in-access-pass"),
        Activity::AccessPassIssued => t("activity-access-pass-issued"),
        Activity::RecoveryCodeUsed { remaining } => {
            t_args("activity-recovery-code-used", &[("remaining", (*remaining).into())])
        }
        Activity::AppPasswordUsed { name } => t_args("activity-app-password-used", &[("name", name.clone().into())]),
        Activity::AppPasswordDeleted { name } => {
            t_args("activity-app-password-deleted", &[("name", name.clone().into())])
        }
        Activity::SignedInToApp { app } => t_args("activity-signed-in-to-app", &[("app", app.clone().into())]),
    }
}

#[component]
pub fn ActivityPage() -> impl IntoView {
    let ctx = ctx();
    crate::app::require_full_session();
    let entries = RwSignal::new(Vec::<ActivityEntry>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let load = move |cursor: Option<String>| {
        loading.set(true);
        spawn_local(async move {
            let query = match &cursor {
                Some(c) => format!("?page={}", js_sys::encode_uri_component(c)),
                None => String::new(),
            };
            match client::call_at(&endpoints::ACTIVITY, &[], &query, &()).await {
                Ok(page) => {
                    entries.update(|e| e.extend(page.entries));
                    next.set(page.next);
                }
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
            loading.set(false);
        });
    };
    load(None);
    view! {
        <section class="page" aria-labelledby="activity-title">
            <h1 id="activity-title">{tr("activity-title")}</h1>
            <p class="intro">{tr("activity-intro")}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <Show when=move || !entries.get().is_empty() || loading.get() fallback=|| view! { <p class="empty">{tr("activity-empty")}</p> }>
                <ul class="activity">
                    {move || entries.get().into_iter().map(|e| {
                        let place = match &e.country {
                            Some(c) => format!("{} ({c})", e.ip),
                            None => e.ip.clone(),
                        };
                        view! {
                            <li>
                                <span class="what">{move || describe(&e.activity)}</span>
                                <span class="meta">{move || t_args("activity-meta", &[("date", date_time(e.at).into()), ("place", place.clone().into()), ("device", device(&e.device).into())])}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || loading.get()><p class="loading" aria-busy="true">{tr("loading")}</p></Show>
            <Show when=move || next.get().is_some() && !loading.get()>
                <button type="button" on:click=move |_| load(next.get_untracked())>{tr("activity-more")}</button>
            </Show>
        </section>
    }
}
