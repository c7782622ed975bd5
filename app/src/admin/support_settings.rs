//! The admin page's help desk contact: what people who cannot sign in are told to
//! use ("Can't sign in?", a reset that cannot work): a web page, an email address
//! and a phone number, each optional.

use super::FieldError;
use crate::i18n::tr;
use api::policy::SupportContact;
use api::TenantSettings;
use leptos::prelude::*;

#[component]
pub(super) fn SupportSettings(
    settings: RwSignal<Option<TenantSettings>>,
    refused: RwSignal<Option<(&'static str, String)>>,
) -> impl IntoView {
    let get = move || settings.get().map(|s| s.policy.support).unwrap_or_default();
    let set = move |part: fn(&mut SupportContact) -> &mut Option<String>, value: String| {
        settings.update(|s| {
            if let Some(s) = s {
                *part(&mut s.policy.support) = Some(value).filter(|v| !v.trim().is_empty());
            }
        })
    };
    let invalid = move || refused.get().is_some_and(|(f, _)| f == "support").to_string();
    view! {
        <fieldset id="support" aria-describedby="support-hint support-error">
            <legend>{tr("admin-support")}</legend>
            <p id="support-hint" class="hint">{tr("admin-support-hint")}</p>
            <FieldError field="support" refused=refused/>
            <div class="field">
                <label for="support-url">{tr("admin-support-url")}</label>
                <input id="support-url" type="url" inputmode="url" placeholder="https://" maxlength="200" aria-invalid=invalid
                    prop:value=move || get().url.unwrap_or_default()
                    on:change=move |ev| set(|s| &mut s.url, event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="support-email">{tr("admin-support-email")}</label>
                <input id="support-email" type="email" maxlength="254" autocomplete="off" aria-invalid=invalid
                    prop:value=move || get().email.unwrap_or_default()
                    on:change=move |ev| set(|s| &mut s.email, event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="support-phone">{tr("admin-support-phone")}</label>
                <input id="support-phone" type="tel" maxlength="30" autocomplete="off" aria-invalid=invalid
                    prop:value=move || get().phone.unwrap_or_default()
                    on:change=move |ev| set(|s| &mut s.phone, event_target_value(&ev))/>
            </div>
        </fieldset>
    }
}
