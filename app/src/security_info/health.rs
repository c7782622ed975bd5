//! Account health: the worker's advice (`api::Advice`), each with a button to its fix.

use super::{method_detail, method_name, Open};
use crate::i18n::{t, t_args, tr};
use api::{Advice, SecurityInfo};
use leptos::prelude::*;

/// "Account health": the worker's advice, each with a button to its fix.
#[component]
pub(super) fn AccountHealth(info: RwSignal<Option<SecurityInfo>>, open: RwSignal<Open>) -> impl IntoView {
    let advice = move || info.get().map(|i| i.advice).unwrap_or_default();
    let method = move |id: &str| info.get().and_then(|i| i.methods.into_iter().find(|m| m.id == id));
    view! {
        <Show when=move || !advice().is_empty()>
            <section class="health" aria-labelledby="health-title">
                <h2 id="health-title">{tr("health-title")}</h2>
                <ul>
                    <For each=advice key=|a| a.clone() let:a>
                        {
                            // What the advice says, and the dialog that fixes it.
                            let (text, label, fix) = match a {
                                Advice::Unused { method_id, days } => {
                                    let m = method(&method_id);
                                    let name = m.as_ref().map(|m| format!("{} ({})", method_name(m), method_detail(m))).unwrap_or_default();
                                    (
                                        t_args("advice-unused", &[("method", name.clone().into()), ("days", days.into())]),
                                        t_args("health-fix-remove", &[("method", name.into())]),
                                        m.map_or(Open::Nothing, Open::Delete),
                                    )
                                }
                                Advice::NoResetMethod { required, registered } => (
                                    t_args("advice-no-reset-method", &[("required", required.into()), ("registered", registered.into())]),
                                    t("health-fix-add"),
                                    Open::Add,
                                ),
                                Advice::NoMfaMethod => (t("advice-no-mfa-method"), t("health-fix-add"), Open::Add),
                                Advice::SingleMfaMethod => (t("advice-single-mfa-method"), t("health-fix-add"), Open::Add),
                                Advice::OneDevice => (t("advice-one-device"), t("health-fix-add"), Open::Add),
                                Advice::PhoneOnly => (t("advice-phone-only"), t("health-fix-add"), Open::Add),
                            };
                            view! {
                                <li>
                                    <span>{text}</span>
                                    <button type="button" class="link" on:click=move |_| open.set(fix.clone())>{label}</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </Show>
    }
}
