//! "+ Add method" → Phone: country or region, number, "Text me a code", the code.

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{lang, t};
use crate::sent_code::{Channel, SentCodeStep};
use api::{paths, PendingVerification, PhoneCountry, StartPhone};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

#[derive(Clone, PartialEq)]
enum Step {
    Number,
    Code(PendingVerification),
}

/// The region's name in the page's language, from the browser's `Intl.DisplayNames`
/// (no country table in the app); the code itself where that is unavailable.
fn country_name(code: &str) -> String {
    let name = (|| -> Option<String> {
        let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: js_sys::Function = js_sys::Reflect::get(&intl, &"DisplayNames".into()).ok()?.into();
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
        let locales = js_sys::Array::of1(&JsValue::from_str(&lang()));
        let names = js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&locales, &options)).ok()?;
        let of: js_sys::Function = js_sys::Reflect::get(&names, &"of".into()).ok()?.into();
        of.call1(&names, &code.into()).ok()?.as_string()
    })();
    name.unwrap_or_else(|| code.to_string())
}

/// The browser's region (`nl-NL` → `NL`) when the tenant allows it, else the first.
fn default_country(countries: &[PhoneCountry]) -> String {
    let region = window().navigator().language().and_then(|l| l.split('-').nth(1).map(str::to_ascii_uppercase));
    region
        .filter(|r| countries.iter().any(|c| &c.code == r))
        .or_else(|| countries.first().map(|c| c.code.clone()))
        .unwrap_or_default()
}

#[component]
pub fn PhoneFlow(countries: Vec<PhoneCountry>, on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let step = RwSignal::new(Step::Number);
    move || {
        match step.get() {
        Step::Number => view! { <NumberStep countries=countries.clone() step=step on_close=on_close/> }.into_any(),
        Step::Code(p) => view! {
            <SentCodeStep pending=p channel=Channel::Phone on_back=Callback::new(move |_| step.set(Step::Number)) on_added=on_added/>
        }
        .into_any(),
    }
    }
}

#[component]
fn NumberStep(countries: Vec<PhoneCountry>, step: RwSignal<Step>, on_close: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let country = RwSignal::new(default_country(&countries));
    let number = RwSignal::new(String::new());
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = StartPhone { country: country.get_untracked(), number: number.get_untracked() };
        spawn_local(async move {
            match client::post::<_, PendingVerification>(paths::PHONE_START, &body).await {
                Ok(p) => {
                    form.done();
                    step.set(Step::Code(p));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    view! {
        <h2 id="add-title">{move || t("phone-title")}</h2>
        <p>{move || t("phone-question")}</p>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="phone-country">{move || t("phone-country-label")}</label>
                <select id="phone-country" autocomplete="tel-country-code" on:change=move |ev| country.set(event_target_value(&ev))>
                    {countries.into_iter().map(|c| {
                        let code = c.code.clone();
                        let value = c.code.clone();
                        view! {
                            <option value=value selected=move || country.get() == code>
                                {move || format!("{} (+{})", country_name(&c.code), c.calling_code)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="phone-number">{move || t("phone-number-label")}</label>
                <input id="phone-number" type="tel" inputmode="tel" autocomplete="tel-national" required autofocus
                    aria-describedby="phone-hint phone-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=number on:input=move |ev| number.set(event_target_value(&ev))/>
                <p id="phone-hint" class="hint">{move || t("phone-number-hint")}</p>
            </div>
            <p id="phone-error" class="error" role="alert">{move || error.get()}</p>
            <p class="hint">{move || t("phone-rates")}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{move || t("cancel")}</button>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("email-sending") } else { t("phone-text-me") }}
                </button>
            </div>
        </form>
    }
}
