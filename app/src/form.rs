//! The state every form shares: a busy flag (button disabled, `aria-busy`) and the
//! error shown in its alert region.

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
