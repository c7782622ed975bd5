//! Security info's "Devices", once opened: where the user is signed in (each
//! session's device, place, sign-in time and last activity), "Sign out" per device
//! and "Sign out everywhere". A chunk (with My Profile's, which shares the dialog).

use crate::app::ctx;
use crate::client;
use crate::i18n::{date_time, t, t_args, tr};
use crate::profile::EverywhereDialog;
use api::endpoints;
use api::session::Device;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Devices() -> impl IntoView {
    let ctx = ctx();
    let devices = RwSignal::new(None::<Vec<Device>>);
    let status = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            match client::call(&endpoints::DEVICES, &()).await {
                Ok(list) => devices.set(Some(list.devices)),
                Err(f) => status.set(ctx.handle(&f)),
            }
        })
    };
    load();
    let intro = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(p) = intro.get() {
            let _ = p.focus();
        }
    });
    let sign_out = move |device: Device, name: String| {
        spawn_local(async move {
            match client::call_at(&endpoints::DEVICE_SIGN_OUT, &[&device.id], "", &()).await {
                Ok(()) => {
                    status.set(t_args("devices-signed-out", &[("device", name.into())]));
                    load();
                    // Its row (and the button) goes: the focus goes back to the top.
                    if let Some(p) = intro.get_untracked() {
                        let _ = p.focus();
                    }
                }
                Err(f) => status.set(ctx.handle(&f)),
            }
        });
    };
    view! {
        <div class="devices-open" aria-busy=move || devices.get().is_none().to_string()>
            // Opened from a button that is gone now: the focus comes here.
            <p tabindex="-1" node_ref=intro>{tr("devices-intro")}</p>
            <p class="status" role="status">{move || status.get()}</p>
            <ul class="devices-list">
                {move || devices.get().unwrap_or_default().into_iter().map(|d| {
                    let name = crate::activity::device(&d.device);
                    let place = d.country.clone().unwrap_or_else(|| t("devices-place-unknown"));
                    let when = t_args("devices-row", &[("signed", date_time(d.signed_in_at).into()), ("active", date_time(d.last_active_at).into())]);
                    let label = t_args("devices-sign-out-label", &[("device", name.clone().into())]);
                    let action = if d.current {
                        view! { <span class="badge">{tr("devices-this")}</span> }.into_any()
                    } else {
                        let (device, name) = (d.clone(), name.clone());
                        view! {
                            <button type="button" class="link" aria-label=label
                                on:click=move |_| sign_out(device.clone(), name.clone())>{tr("devices-sign-out")}</button>
                        }.into_any()
                    };
                    view! {
                        <li>
                            <span><strong>{name}</strong>" · "{place}</span>
                            <span class="meta">{when}</span>
                            {action}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" class="danger" on:click=move |_| confirming.set(true)>{tr("everywhere-button")}</button>
            <Show when=move || confirming.get()>
                <EverywhereDialog on_close=Callback::new(move |_| confirming.set(false))/>
            </Show>
        </div>
    }
}
