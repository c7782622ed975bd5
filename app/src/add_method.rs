//! "+ Add method": the chooser offers the kinds the tenant allows and the user may
//! still add, then hands over to that kind's flow.

use crate::app_password::AppPasswordFlow;
use crate::authenticator::AuthenticatorFlow;
use crate::dialog::Modal;
use crate::email::EmailFlow;
use crate::i18n::t;
use crate::phone::PhoneFlow;
use crate::questions::QuestionsFlow;
use crate::recovery_codes::RecoveryCodesFlow;
use crate::security_key::SecurityKeyFlow;
use api::{MethodKind, PhoneCountry, PhoneMode};
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Step {
    Choose,
    App,
    Phone,
    AlternatePhone,
    SecurityKey,
    SecurityQuestions,
    AppPassword,
    RecoveryCodes,
    Email,
}

#[component]
pub fn AddMethodDialog(
    addable: Vec<MethodKind>,
    countries: Vec<PhoneCountry>,
    phone_modes: Vec<PhoneMode>,
    on_close: Callback<()>,
    on_added: Callback<String>,
) -> impl IntoView {
    let step = RwSignal::new(Step::Choose);
    let choice = RwSignal::new(addable.first().copied());
    let none_left = addable.is_empty();
    let choose = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match choice.get_untracked() {
            Some(MethodKind::Email) => step.set(Step::Email),
            Some(MethodKind::AuthenticatorApp) => step.set(Step::App),
            Some(MethodKind::Phone) => step.set(Step::Phone),
            Some(MethodKind::AlternatePhone) => step.set(Step::AlternatePhone),
            Some(MethodKind::SecurityKey) => step.set(Step::SecurityKey),
            Some(MethodKind::SecurityQuestions) => step.set(Step::SecurityQuestions),
            Some(MethodKind::AppPassword) => step.set(Step::AppPassword),
            Some(MethodKind::RecoveryCodes) => step.set(Step::RecoveryCodes),
            _ => {}
        }
    };
    let options = addable.clone();
    view! {
        <Modal labelled_by="add-title" on_close=on_close>
            {move || match step.get() {
                Step::Choose => {
                    let options = options.clone();
                    view! {
                        <h2 id="add-title">{move || t("add-method-title")}</h2>
                        <Show when=move || !none_left fallback=move || view! {
                            <p>{t("add-method-none")}</p>
                            <div class="actions"><button type="button" on:click=move |_| on_close.run(())>{t("close")}</button></div>
                        }>
                            <form on:submit=choose>
                                <div class="field">
                                    <label for="method-choice">{move || t("add-method-question")}</label>
                                    <select id="method-choice" on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        choice.set(MethodKind::ALL.into_iter().find(|k| k.as_str() == v));
                                    }>
                                        {options.clone().into_iter().map(|k| view! {
                                            <option value=k.as_str() selected=move || choice.get() == Some(k)>{move || t(&format!("method-{}", k.as_str()))}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <p class="hint">{move || t("add-method-missing")}</p>
                                <div class="actions">
                                    <button type="button" on:click=move |_| on_close.run(())>{move || t("cancel")}</button>
                                    <button type="submit" class="primary">{move || t("add-method-next")}</button>
                                </div>
                            </form>
                        </Show>
                    }.into_any()
                }
                Step::App => view! { <AuthenticatorFlow on_close=on_close on_added=on_added/> }.into_any(),
                Step::Email => view! { <EmailFlow on_close=on_close on_added=on_added/> }.into_any(),
                Step::SecurityKey => view! { <SecurityKeyFlow on_close=on_close on_added=on_added/> }.into_any(),
                Step::SecurityQuestions => view! { <QuestionsFlow on_close=on_close on_added=on_added/> }.into_any(),
                Step::AppPassword => view! { <AppPasswordFlow on_close=on_close on_added=on_added/> }.into_any(),
                Step::RecoveryCodes => view! { <RecoveryCodesFlow replacing=false on_close=on_close on_added=on_added/> }.into_any(),
                Step::Phone => view! {
                    <PhoneFlow kind=MethodKind::Phone countries=countries.clone() modes=phone_modes.clone() on_close=on_close on_added=on_added/>
                }
                .into_any(),
                Step::AlternatePhone => view! {
                    <PhoneFlow kind=MethodKind::AlternatePhone countries=countries.clone() modes=phone_modes.clone() on_close=on_close on_added=on_added/>
                }
                .into_any(),
            }}
        </Modal>
    }
}
