//! The step every sent-code registration shares (email, phone by text): enter the
//! code, with a resend cooldown.

use crate::app::ctx;
use crate::client;
use crate::form::{CodeField, Submission};
use crate::i18n::{t, t_args, tr};
use api::endpoints::{self, Endpoint};
use api::{MethodView, PendingVerification, Resend, VerifyCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Which kind of method the code was sent for: decides paths and wording.
#[derive(Clone, Copy, PartialEq)]
pub enum Channel {
    Email,
    Phone,
}

impl Channel {
    fn verify(self) -> &'static Endpoint<VerifyCode, MethodView> {
        match self {
            Channel::Email => &endpoints::EMAIL_VERIFY,
            Channel::Phone => &endpoints::PHONE_VERIFY,
        }
    }
    fn resend(self) -> &'static Endpoint<Resend, PendingVerification> {
        match self {
            Channel::Email => &endpoints::EMAIL_RESEND,
            Channel::Phone => &endpoints::PHONE_RESEND,
        }
    }
    fn title(self) -> String {
        match self {
            Channel::Email => t("email-verify-title"),
            Channel::Phone => t("phone-title"),
        }
    }
    fn sent(self, to: String) -> String {
        match self {
            Channel::Email => t_args("email-sent", &[("address", to.into())]),
            Channel::Phone => t_args("phone-sent", &[("number", to.into())]),
        }
    }
    fn added(self, to: String) -> String {
        match self {
            Channel::Email => t_args("email-added", &[("address", to.into())]),
            Channel::Phone => t_args("phone-added", &[("number", to.into())]),
        }
    }
    /// The code step's button, as the help pages name it: "Next" for a text, "Done"
    /// for an email.
    fn submit(self) -> String {
        match self {
            Channel::Email => t("code-verify"),
            Channel::Phone => t("code-next"),
        }
    }
    fn hint(self) -> &'static str {
        match self {
            Channel::Email => "email-code-hint",
            Channel::Phone => "phone-code-hint",
        }
    }
}

/// Step two of a sent-code registration: type the code, resend after a cooldown.
#[component]
pub fn SentCodeStep(
    pending: PendingVerification,
    channel: Channel,
    on_back: Callback<()>,
    on_added: Callback<String>,
) -> impl IntoView {
    let ctx = ctx();
    let pending = RwSignal::new(pending);
    let code = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let notice = RwSignal::new(None::<String>);
    let now = RwSignal::new(js_sys::Date::now() as u64);
    if let Ok(handle) = set_interval_with_handle(move || now.set(js_sys::Date::now() as u64), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let wait = move || pending.get().resend_at.saturating_sub(now.get()).div_ceil(1000);

    let verify = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = VerifyCode { challenge_id: pending.get_untracked().challenge_id, code: code.get_untracked() };
        spawn_local(async move {
            match client::call(channel.verify(), &body).await {
                Ok(_) => {
                    on_added.run(channel.added(pending.get_untracked().masked_destination));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let resend = move |_: leptos::ev::MouseEvent| {
        error.set(None);
        notice.set(None);
        let body = Resend { challenge_id: pending.get_untracked().challenge_id };
        spawn_local(async move {
            match client::call(channel.resend(), &body).await {
                Ok(p) => {
                    pending.set(p);
                    code.set(String::new());
                    notice.set(Some(t("code-resent")));
                }
                Err(f) => error.set(Some(ctx.handle(&f))),
            }
        });
    };
    view! {
        <h2 id="add-title">{move || channel.title()}</h2>
        <p class="sent" role="status">{move || channel.sent(pending.get().masked_destination)}</p>
        {move || pending.get().extension_removed.then(|| view! { <p class="notice">{tr("phone-extension-removed")}</p> })}
        <form on:submit=verify novalidate>
            <CodeField id="sent-code" label="code-label" hint=channel.hint() value=code error=error/>
            <p class="status" role="status">{move || notice.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_back.run(())>{tr("code-back")}</button>
                <button type="button" class="link" disabled=move || { wait() > 0 } on:click=resend>
                    {move || if wait() > 0 { t_args("code-resend-in", &[("seconds", wait().into())]) } else { t("code-resend") }}
                </button>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("code-verifying") } else { channel.submit() }}
                </button>
            </div>
        </form>
    }
}
