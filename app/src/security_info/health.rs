//! Account health: the worker's advice (`api::Advice`), each with a button to its fix.

use super::Open;
use crate::i18n::{tr, Current};
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
                            let (text, label) = api::texts::advice(&Current, &a, &info.get().map(|i| i.methods).unwrap_or_default());
                            let fix = match a {
                                Advice::Unused { method_id, .. } => method(&method_id).map_or(Open::Nothing, Open::Delete),
                                _ => Open::Add,
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
