//! "+ Add method" → Phone or Alternate phone: country or region, number, then "Text
//! me a code" (phone) or "Call me" (both; the page waits for the `#` key press).

use crate::app::ctx;
use crate::client;
use crate::form::Submission;
use crate::i18n::{lang, t, t_args, tr};
use crate::sent_code::{Channel, SentCodeStep};
use api::endpoints;
use api::{CallStarted, CallState, MethodKind, PendingVerification, PhoneCountry, PhoneMode, StartPhone};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::JsValue;

#[derive(Clone, PartialEq)]
enum Step {
    Number,
    Code(PendingVerification),
    Call(CallStarted),
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

/// A national number as people of the country write it (the default countries):
/// the example under the field follows the country chosen.
fn example(country: &str) -> Option<&'static str> {
    Some(match country {
        "NL" => "06 12345678",
        "BE" => "0470 12 34 56",
        "LU" => "628 123 456",
        "DE" => "01512 3456789",
        "FR" => "06 12 34 56 78",
        "GB" => "07400 123456",
        "IE" => "085 012 3456",
        "US" => "(201) 555-0123",
        _ => return None,
    })
}

#[component]
pub fn PhoneFlow(
    kind: MethodKind,
    countries: Vec<PhoneCountry>,
    /// What the tenant allows for the phone method: text, call or both.
    modes: Vec<PhoneMode>,
    on_close: Callback<()>,
    on_added: Callback<String>,
) -> impl IntoView {
    let step = RwSignal::new(Step::Number);
    let back = Callback::new(move |_| step.set(Step::Number));
    // Here, not in the number step: back from a code or a call, what was typed stays.
    let country = RwSignal::new(default_country(&countries));
    let number = RwSignal::new(String::new());
    move || {
        match step.get() {
        Step::Number => {
            view! { <NumberStep kind=kind countries=countries.clone() modes=modes.clone() country number step=step on_close=on_close/> }.into_any()
        }
        Step::Code(p) => {
            view! { <SentCodeStep pending=p channel=Channel::Phone on_back=back on_added=on_added/> }.into_any()
        }
        Step::Call(call) => {
            let added = Callback::new(move |number: String| {
                let key = if kind == MethodKind::AlternatePhone { "alternate-phone-added" } else { "phone-call-added" };
                on_added.run(t_args(key, &[("number", number.into())]))
            });
            view! { <CallWait call=call on_back=back on_confirmed=added/> }.into_any()
        }
    }
    }
}

#[component]
fn NumberStep(
    kind: MethodKind,
    countries: Vec<PhoneCountry>,
    modes: Vec<PhoneMode>,
    country: RwSignal<String>,
    number: RwSignal<String>,
    step: RwSignal<Step>,
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = ctx();
    let search = RwSignal::new(String::new());
    // The countries whose name, code or calling code contains what was typed.
    let shown = Memo::new(move |_| {
        let q = search.get().trim().trim_start_matches('+').to_lowercase();
        countries
            .iter()
            .filter(|c| {
                q.is_empty()
                    || country_name(&c.code).to_lowercase().contains(&q)
                    || c.code.to_lowercase() == q
                    || c.calling_code.to_string().starts_with(&q)
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    let form = Submission::new();
    let (busy, error) = (form.busy, form.error);
    let is_phone = kind == MethodKind::Phone;
    let by_text = is_phone && modes.contains(&PhoneMode::Text);
    // "Call me" next to "Text me a code" when the tenant allows both.
    let call_too = by_text && modes.contains(&PhoneMode::Call);
    let call_endpoint = if is_phone { &endpoints::PHONE_CALL } else { &endpoints::ALTERNATE_PHONE_CALL };
    // Enter (submit) texts a phone if texts are allowed, else calls.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let body = StartPhone { country: country.get_untracked(), number: number.get_untracked() };
        spawn_local(async move {
            let next = if by_text {
                client::call(&endpoints::PHONE_START, &body).await.map(Step::Code)
            } else {
                client::call(call_endpoint, &body).await.map(Step::Call)
            };
            match next {
                Ok(next) => {
                    form.done();
                    step.set(next);
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let call = move |_: leptos::ev::MouseEvent| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let body = StartPhone { country: country.get_untracked(), number: number.get_untracked() };
        spawn_local(async move {
            match client::call(&endpoints::PHONE_CALL, &body).await {
                Ok(c) => {
                    form.done();
                    step.set(Step::Call(c));
                }
                Err(f) => form.fail(ctx.handle(&f)),
            }
        });
    };
    let (title, question) = if is_phone {
        ("phone-title", "phone-question")
    } else {
        ("alternate-phone-title", "alternate-phone-question")
    };
    view! {
        <h2 id="add-title">{move || t(title)}</h2>
        <p>{move || t(question)}</p>
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="phone-country-search">{tr("phone-country-search")}</label>
                <input id="phone-country-search" type="search" autocomplete="off" aria-controls="phone-country"
                    prop:value=search on:input=move |ev| {
                        search.set(event_target_value(&ev));
                        // Keep the choice on a country the filter still shows.
                        if let Some(first) = shown.get_untracked().first() {
                            if !shown.get_untracked().iter().any(|c| c.code == country.get_untracked()) {
                                country.set(first.code.clone());
                            }
                        }
                    }/>
            </div>
            <div class="field">
                <label for="phone-country">{tr("phone-country-label")}</label>
                <select id="phone-country" autocomplete="tel-country-code" on:change=move |ev| country.set(event_target_value(&ev))>
                    {move || shown.get().into_iter().map(|c| {
                        let code = c.code.clone();
                        let value = c.code.clone();
                        let name = format!("{} (+{})", country_name(&c.code), c.calling_code);
                        view! { <option value=value selected=move || country.get() == code>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="phone-number">{tr("phone-number-label")}</label>
                <input id="phone-number" type="tel" inputmode="tel" autocomplete="tel-national" required autofocus
                    aria-describedby="phone-hint phone-error" aria-invalid=move || error.get().is_some().to_string()
                    prop:value=number on:input=move |ev| number.set(event_target_value(&ev))/>
                <p id="phone-hint" class="hint">
                    {move || example(&country.get()).map(|e| format!("{} ", t_args("phone-example", &[("example", e.into())])))}
                    {tr("phone-number-hint")}
                </p>
            </div>
            <p id="phone-error" class="error" role="alert">{move || error.get()}</p>
            <p class="hint">{tr("phone-rates")}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_close.run(())>{tr("cancel")}</button>
                {call_too.then(|| view! {
                    <button type="button" disabled=move || busy.get() on:click=call>{tr("phone-call-me")}</button>
                })}
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { t("email-sending") } else if by_text { t("phone-text-me") } else { t("phone-call-me") }}
                </button>
            </div>
        </form>
    }
}

/// What the call asks for: the number called and the two digits to type, also
/// shown large (the status line says them for screen readers).
#[component]
pub fn CallDigits(number: String, digits: String) -> impl IntoView {
    let spoken = digits.clone();
    view! {
        <p class="sent" role="status">{move || t_args("phone-calling", &[("number", number.clone().into()), ("digits", spoken.clone().into())])}</p>
        <p class="call-digits" aria-hidden="true">{digits}</p>
    }
}

/// How long a call is waited for before "we couldn't reach you" (the server's
/// `voice::CALL_TTL`; it ends the call then too).
const CALL_WAIT: Duration = Duration::from_secs(180);

/// Waits for the call to be answered with `#`: polls every two seconds, shows
/// progress, offers Cancel, and after three minutes (or when the call failed) says
/// it couldn't reach the phone.
#[component]
pub fn CallWait(call: CallStarted, on_back: Callback<()>, on_confirmed: Callback<String>) -> impl IntoView {
    let ctx = ctx();
    let state = RwSignal::new(CallState::Calling);
    let error = RwSignal::new(None::<String>);
    let number = call.masked_number.clone();
    let digits = call.digits.clone();
    let id = call.call_id.clone();
    let confirmed_number = number.clone();
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if state.get_untracked() != CallState::Calling {
                return;
            }
            let (id, number) = (id.clone(), confirmed_number.clone());
            spawn_local(async move {
                match client::call_at(&endpoints::CALL_STATUS, &[&id], "", &()).await {
                    // A poll answered after the page gave up (or left) does not undo it.
                    Ok(_) if state.try_get_untracked() != Some(CallState::Calling) => {}
                    Ok(status) => {
                        state.set(status.state);
                        if status.state == CallState::Confirmed {
                            on_confirmed.run(number);
                        }
                    }
                    Err(f) => {
                        state.set(CallState::Failed);
                        error.set(Some(ctx.handle(&f)));
                    }
                }
            });
        },
        Duration::from_secs(2),
    ) {
        on_cleanup(move || handle.clear());
    }
    // The server ends the call too: a `#` pressed later confirms nothing, and the
    // next call need not wait for this one.
    let end_id = call.call_id.clone();
    let end = Callback::new(move |_: ()| {
        let id = end_id.clone();
        spawn_local(async move {
            let _ = client::call_at(&endpoints::CALL_END, &[&id], "", &()).await;
        });
    });
    if let Ok(handle) = set_timeout_with_handle(
        move || {
            if state.get_untracked() == CallState::Calling {
                state.set(CallState::Failed);
                end.run(());
            }
        },
        CALL_WAIT,
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <h3 class="call-title">{tr("phone-call-title")}</h3>
        <CallDigits number=number.clone() digits=digits/>
        {call.extension_removed.then(|| view! { <p class="notice">{tr("phone-extension-removed-call")}</p> })}
        <Show when=move || state.get() == CallState::Calling fallback=move || view! {
            <p class="error" role="alert">{move || error.get().unwrap_or_else(|| t("phone-call-failed"))}</p>
            <div class="actions">
                <button type="button" class="primary" autofocus on:click=move |_| on_back.run(())>{tr("phone-try-again")}</button>
            </div>
        }>
            <p class="waiting" aria-busy="true"><span class="spinner small" aria-hidden="true"></span>" "{tr("phone-call-waiting")}</p>
            <div class="actions">
                <button type="button" on:click=move |_| {
                    state.set(CallState::Failed);
                    end.run(());
                    on_back.run(());
                }>{tr("cancel")}</button>
            </div>
        </Show>
    }
}
