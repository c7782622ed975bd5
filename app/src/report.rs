//! "This wasn't me": the page a change notice's link opens. The token travels in
//! the fragment; nothing happens until the user confirms, because mail scanners
//! open links too.

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::help::SupportLinks;
use crate::i18n::{t, tr};
use crate::nav::Link;
use api::endpoints;
use api::{ChangeReported, ReportChange};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ReportPage() -> impl IntoView {
    let ctx = ctx();
    let token = window().location().hash().unwrap_or_default().trim_start_matches('#').to_string();
    let result = RwSignal::new(None::<ChangeReported>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = ReportChange { token: token.clone() };
        spawn_local(async move {
            match client::call(&endpoints::REPORT, &body).await {
                Ok(r) => {
                    form.done();
                    // Every session ended, this browser's too.
                    ctx.signed_out();
                    result.set(Some(r));
                }
                Err(f) => form.fail(f.message()),
            }
        });
    };
    view! {
        <section class="card signin" aria-labelledby="report-title">
            <h1 id="report-title">{tr("report-title")}</h1>
            {move || match result.get() {
                None => view! {
                    <p>{tr("report-intro")}</p>
                    <ul class="report-steps">
                        <li>{tr("report-step-sessions")}</li>
                        <li>{tr("report-step-undo")}</li>
                        <li>{tr("report-step-password")}</li>
                    </ul>
                    <form on:submit=submit.clone() novalidate>
                        <p class="error" role="alert">{move || error.get()}</p>
                        <div class="actions">
                            <button type="submit" class="primary danger" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                                {tr("report-confirm")}
                            </button>
                        </div>
                    </form>
                }
                .into_any(),
                Some(r) => {
                    let undone = r.undone;
                    view! {
                        <p role="status">{tr("report-done")}</p>
                        <p>{move || t(if undone { "report-undone" } else { "report-not-undone" })}</p>
                        {if r.can_reset {
                            view! { <p><Link href="/reset" class="button">{tr("report-reset")}</Link></p> }.into_any()
                        } else {
                            // No method left to prove it's them: a reset cannot work, say so now.
                            view! {
                                <p class="notice" role="alert">{tr("report-no-reset")}</p>
                                {move || view! { <SupportLinks contact=ctx.config.get().map(|c| c.support).unwrap_or_default()/> }}
                            }
                            .into_any()
                        }}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
