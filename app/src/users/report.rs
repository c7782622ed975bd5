//! Authentication methods activity: who registered what, and how it was used.

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{t, t_args, tr};
use api::endpoints;
use api::reports::MethodsReport;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Authentication methods activity (admins): loaded on request, since it reads
/// every user.
#[component]
pub(super) fn MethodsActivity() -> impl IntoView {
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
