//! Fluent strings. The active locale's `app.ftl` is fetched at start and on a
//! language switch (`client::load_locale`); `t` re-renders whatever used it when the bundle changes.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    static BUNDLE: RefCell<Option<FluentBundle<FluentResource>>> = const { RefCell::new(None) };
    static VERSION: RwSignal<u32> = RwSignal::new(0);
    static LANG: RwSignal<String> = RwSignal::new(api::LANGUAGES[0].to_string());
}

pub fn lang() -> String {
    LANG.with(|l| l.get())
}

/// Adds `text` (another Fluent file of the current language) to the messages.
pub fn add(text: String) {
    let resource = match FluentResource::try_new(text) {
        Ok(r) | Err((r, _)) => r,
    };
    BUNDLE.with(|b| {
        if let Some(bundle) = b.borrow_mut().as_mut() {
            bundle.add_resource_overriding(resource);
        }
    });
    VERSION.with(|v| v.update(|n| *n += 1));
}

/// Makes `text` (a Fluent file) the messages of `lang`.
pub fn install(lang: &str, text: String) {
    let resource = match FluentResource::try_new(text) {
        Ok(r) | Err((r, _)) => r,
    };
    let mut bundle = FluentBundle::new(vec![lang.parse().unwrap_or_default()]);
    // Our languages are left-to-right: no isolation marks around values.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    BUNDLE.with(|b| *b.borrow_mut() = Some(bundle));
    LANG.with(|l| l.set(lang.to_string()));
    VERSION.with(|v| v.update(|n| *n += 1));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang);
    }
    document().set_title(&format("app-title", None));
}

fn format(key: &str, args: Option<&FluentArgs>) -> String {
    VERSION.with(|v| v.track());
    BUNDLE.with(|b| {
        let b = b.borrow();
        let Some(bundle) = b.as_ref() else { return String::new() };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else { return key.to_string() };
        let mut errors = vec![];
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    })
}

/// The message `key` in the current language.
pub fn t(key: &str) -> String {
    format(key, None)
}

/// The message `key` as a text that follows the language. One type for every call
/// site: a closure per site (`move || t(key)`) would be code per site.
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || t(key)
}

/// The message `key` with named arguments.
pub fn t_args(key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, v.clone());
    }
    format(key, Some(&fa))
}

/// A date in the current language's style.
pub fn date(ms: api::Millis) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    d.to_locale_date_string(&lang(), &wasm_bindgen::JsValue::UNDEFINED).into()
}

/// Date and time in the page's language, e.g. "26-11-2026 14:05".
pub fn date_time(ms: api::Millis) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "short"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    d.to_locale_string(&lang(), &options).into()
}
