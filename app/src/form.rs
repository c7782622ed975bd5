//! The state every form shares: a busy flag (button disabled, `aria-busy`) and the
//! error shown in its alert region.

use crate::client;
use crate::i18n::t;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Submission {
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
}

impl Submission {
    pub fn new() -> Self {
        Submission { busy: RwSignal::new(false), error: RwSignal::new(None) }
    }

    /// Stops the browser's own submit; `false` while an earlier one still runs.
    pub fn begin(&self, ev: &SubmitEvent) -> bool {
        ev.prevent_default();
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        self.error.set(None);
        true
    }

    pub fn fail(&self, message: String) {
        self.error.set(Some(message));
        self.busy.set(false);
    }

    pub fn done(&self) {
        self.busy.set(false);
    }
}

/// A one-time-code input with its label, optional hint and alert region: numeric
/// keyboard, autofill from SMS/mail (`one-time-code`), errors announced. A
/// recovery code is letters and digits the user types from paper: no autofill.
#[component]
pub fn CodeField(
    id: &'static str,
    /// Fluent id of the label.
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
    #[prop(optional)] recovery: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="field">
            <label for=id>{move || t(label)}</label>
            <input id=id class=if recovery { "recovery-code" } else { "code" } type="text"
                inputmode=if recovery { "text" } else { "numeric" }
                autocomplete=if recovery { "off" } else { "one-time-code" } autocapitalize="off" spellcheck="false"
                pattern=(!recovery).then_some("[0-9 ]*") required autofocus aria-describedby=described
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            {hint.map(|h| view! { <p id=hint_id class="hint">{move || t(h)}</p> })}
            <p class="hint" role="status">
                {move || (!recovery && client::delivery_queued()).then(|| t("code-on-its-way"))}
            </p>
        </div>
        <p id=error_id class="error" role="alert">{move || error.get()}</p>
    }
}
