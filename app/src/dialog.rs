//! A modal dialog on the native `<dialog>` element: focus moves in, Tab stays in,
//! Escape closes, and focus returns to whatever opened it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Modal(
    /// Id of the heading that names the dialog.
    labelled_by: &'static str,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Dialog>::new();
    let opener = document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let opener = StoredValue::new_local(opener);
    let shown = StoredValue::new_local(None::<web_sys::HtmlDialogElement>);
    Effect::new(move |_| {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
            shown.set_value(Some(dialog));
        }
    });
    on_cleanup(move || {
        // Close first: while a modal is open everything outside it is inert.
        if let Some(dialog) = shown.get_value() {
            dialog.close();
        }
        if let Some(el) = opener.get_value() {
            let _ = el.focus();
        }
    });
    view! {
        <dialog node_ref=node class="modal" aria-labelledby=labelled_by
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); on_close.run(()); }>
            {children()}
        </dialog>
    }
}
