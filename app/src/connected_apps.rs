//! Security info's "Connected apps": the organization's apps the user signed in
//! to through this portal (OpenID Connect), each with "Sign out", which ends the
//! app's tokens. Shown only when there is one; it loads as a chunk of its own.

use crate::app::ctx;
use crate::client;
use crate::i18n::{date, t_args, tr};
use api::endpoints;
use api::oidc::ConnectedApp;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ConnectedApps() -> impl IntoView {
    let ctx = ctx();
    let apps = RwSignal::new(Vec::<ConnectedApp>::new());
    let status = RwSignal::new(String::new());
    let load = move || {
        spawn_local(async move {
            if let Ok(list) = client::call(&endpoints::CONNECTED_APPS, &()).await {
                apps.set(list);
            }
        })
    };
    load();
    let sign_out = move |app: ConnectedApp| {
        spawn_local(async move {
            match client::call_at(&endpoints::DISCONNECT_APP, &[&app.client_id], "", &()).await {
                Ok(()) => {
                    status.set(t_args("connected-apps-signed-out", &[("app", app.name.into())]));
                    load();
                }
                Err(f) => status.set(ctx.handle(&f)),
            }
        });
    };
    view! {
        <Show when=move || !apps.get().is_empty() || !status.get().is_empty()>
            <section class="connected-apps" aria-labelledby="connected-apps-title">
                <h2 id="connected-apps-title">{tr("connected-apps-title")}</h2>
                <p>{tr("connected-apps-intro")}</p>
                <p class="status" role="status">{move || status.get()}</p>
                <ul class="passes">
                    {move || apps.get().into_iter().map(|app| {
                        let label = t_args("connected-apps-sign-out-label", &[("app", app.name.clone().into())]);
                        let when = t_args("connected-apps-row", &[("date", date(app.signed_in_at).into())]);
                        view! {
                            <li><strong>{app.name.clone()}</strong>" · "{when}" "
                                <button type="button" class="link" aria-label=label on:click=move |_| sign_out(app.clone())>{tr("connected-apps-sign-out")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
