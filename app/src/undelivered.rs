//! The admin page's notice of messages the providers would not take after every
//! retry (the delivery queue's dead letters, and texts the network reported as not
//! delivered): how many, and to whom (masked), so someone checks the provider.

use crate::client;
use crate::i18n::{date, t, t_args, tr};
use api::endpoints;
use api::reports::UndeliveredMessage;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Undelivered() -> impl IntoView {
    let messages = RwSignal::new(Vec::<UndeliveredMessage>::new());
    spawn_local(async move {
        if let Ok(found) = client::call(&endpoints::ADMIN_UNDELIVERED, &()).await {
            messages.set(found.messages);
        }
    });
    view! {
        <Show when=move || !messages.get().is_empty()>
            <section class="undelivered" aria-labelledby="undelivered-title">
                <h2 id="undelivered-title">
                    {move || t_args("admin-undelivered-title", &[("count", messages.get().len().into())])}
                </h2>
                <p>{tr("admin-undelivered-intro")}</p>
                <ul>
                    {move || messages.get().into_iter().map(|m| {
                        let channel = t(&format!("admin-undelivered-{}", channel_id(m.channel)));
                        view! {
                            <li>{t_args("admin-undelivered-line", &[
                                ("date", date(m.failed_at).into()), ("channel", channel.into()), ("to", m.to.into()),
                            ])}</li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

fn channel_id(channel: api::reports::Channel) -> &'static str {
    match channel {
        api::reports::Channel::Email => "email",
        api::reports::Channel::Sms => "sms",
        api::reports::Channel::Call => "call",
    }
}
