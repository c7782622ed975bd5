//! "+ Add method": the chooser offers the kinds the tenant allows and the user may
//! still add, then hands over to that kind's flow.

use crate::dialog::Modal;
use crate::i18n::{t, tr};
use crate::on_demand::{Flow, FlowView};
use api::{MethodKind, PhoneCountry, PhoneMode};
use leptos::prelude::*;

#[component]
pub fn AddMethodDialog(
    addable: Vec<MethodKind>,
    countries: Vec<PhoneCountry>,
    phone_modes: Vec<PhoneMode>,
    on_close: Callback<()>,
    on_added: Callback<String>,
) -> impl IntoView {
    // The kind whose flow is open; None while choosing.
    let chosen = RwSignal::new(None::<MethodKind>);
    // While the user picks a kind, the flows' code downloads.
    if let Some(chunks) = crate::on_demand::chunks() {
        leptos::task::spawn_local((chunks.preload_flows)());
        leptos::task::spawn_local(crate::client::need_locale(crate::on_demand::CHUNK_STRINGS));
        let _ = crate::on_demand::need_styles();
    }
    let choice = RwSignal::new(addable.first().copied());
    let none_left = addable.is_empty();
    let choose = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        chosen.set(choice.get_untracked());
    };
    let options = addable.clone();
    view! {
        <Modal labelled_by="add-title" on_close=on_close>
            {move || match chosen.get() {
                None => {
                    let options = options.clone();
                    view! {
                        <h2 id="add-title">{tr("add-method-title")}</h2>
                        <Show when=move || !none_left fallback=move || view! {
                            <p>{tr("add-method-none")}</p>
                            <div class="actions"><button type="button" on:click=move |_| on_close.run(())>{tr("close")}</button></div>
                        }>
                            <form on:submit=choose>
                                <div class="field">
                                    <label for="method-choice">{tr("add-method-question")}</label>
                                    <select id="method-choice" on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        choice.set(MethodKind::ALL.into_iter().find(|k| k.as_str() == v));
                                    }>
                                        {options.clone().into_iter().map(|k| view! {
                                            <option value=k.as_str() selected=move || choice.get() == Some(k)>{move || t(&format!("method-{}", k.as_str()))}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <p class="hint">{tr("add-method-missing")}</p>
                                <div class="actions">
                                    <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                                    <button type="submit" class="primary">{tr("add-method-next")}</button>
                                </div>
                            </form>
                        </Show>
                    }.into_any()
                }
                Some(kind) => {
                    let flow = Flow { kind, replacing: false, countries: countries.clone(), modes: phone_modes.clone(), cancellable: true };
                    view! { <FlowView flow on_close on_added/> }.into_any()
                }
            }}
        </Modal>
    }
}
