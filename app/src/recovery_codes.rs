//! "+ Add method" → Recovery codes, and "Regenerate" on their row: ten single-use
//! codes, shown once, to copy or download as a text file.

use crate::app::ctx;
use crate::authenticator::CopyButton;
use crate::client;
use crate::form::Submission;
use crate::i18n::{date, t, t_args, tr};
use api::endpoints;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RecoveryCodesFlow(
    /// A set exists: say that the new one voids it.
    replacing: bool,
    on_close: Callback<()>,
    on_added: Callback<String>,
) -> impl IntoView {
    let ctx = ctx();
    let codes = RwSignal::new(None::<Vec<String>>);
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        spawn_local(async move {
            match client::call(&endpoints::RECOVERY_CODES, &()).await {
                Ok(c) => {
                    form.done();
                    codes.set(Some(c.codes));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <h2 id="add-title">{tr("method-recovery-codes")}</h2>
        {move || match codes.get() {
            None => view! {
                <p>{tr("recovery-intro")}</p>
                {replacing.then(|| view! { <p class="warning">{tr("recovery-replace-warning")}</p> })}
                <form on:submit=submit novalidate>
                    <p id="recovery-error" class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                        <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                            {tr("recovery-create")}
                        </button>
                    </div>
                </form>
            }
            .into_any(),
            Some(list) => {
                let text = list.join("\n");
                // The file says whose codes they are: found in Downloads months later.
                let (account, organization) = ctx
                    .session
                    .get_untracked()
                    .map(|s| (s.username, s.tenant_name))
                    .unwrap_or_default();
                let title = t_args(
                    "recovery-file-title",
                    &[("account", account.into()), ("organization", organization.clone().into()), ("date", date(js_sys::Date::now() as u64).into())],
                );
                // A data: URL, so the download needs no script-created object URL.
                let file = format!(
                    "data:text/plain;charset=utf-8,{}",
                    String::from(js_sys::encode_uri_component(&format!("{title}\n\n{text}\n")))
                );
                let slug: String = organization
                    .to_lowercase()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                let file_name = format!("recovery-codes-{}.txt", slug.trim_matches('-'));
                view! {
                    <p role="status">{tr("recovery-once")}</p>
                    <ol class="recovery-codes">
                        {list.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                    </ol>
                    <p class="secret-row">
                        <CopyButton text=text label="method-recovery-codes"/>
                        <a class="button" href=file download=file_name>{tr("recovery-download")}</a>
                    </p>
                    <p class="hint">{tr("recovery-advice")}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| on_added.run(t("recovery-added"))>{tr("totp-done")}</button>
                    </div>
                }
                .into_any()
            }
        }}
    }
}
