//! Fluent strings. The active locale's `app.ftl` is fetched at start and on a
//! language switch (`client::load_locale`); `t` re-renders whatever used it when the
//! messages change. `api::fluent` formats them (the subset of Fluent our files use).

use api::fluent::Messages;
pub use api::fluent::Value;
use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    static MESSAGES: RefCell<Option<Messages>> = const { RefCell::new(None) };
    static VERSION: RwSignal<u32> = RwSignal::new(0);
    static LANG: RwSignal<String> = RwSignal::new(api::LANGUAGES[0].to_string());
}

pub fn lang() -> String {
    LANG.with(|l| l.get())
}

/// Adds `text` (another Fluent file of the current language) to the messages.
pub fn add(text: String) {
    MESSAGES.with(|m| {
        if let Some(messages) = m.borrow_mut().as_mut() {
            messages.add(&text);
        }
    });
    VERSION.with(|v| v.update(|n| *n += 1));
}

/// Makes `text` (a Fluent file) the messages of `lang`.
pub fn install(lang: &str, text: String) {
    MESSAGES.with(|m| *m.borrow_mut() = Some(Messages::parse(&text)));
    LANG.with(|l| l.set(lang.to_string()));
    VERSION.with(|v| v.update(|n| *n += 1));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang);
    }
    document().set_title(&format("app-title", &[]));
}

fn format(key: &str, args: &[(&str, Value)]) -> String {
    VERSION.with(|v| v.track());
    MESSAGES.with(|m| match m.borrow().as_ref() {
        Some(messages) => messages.format(key, args).unwrap_or_else(|| key.to_string()),
        None => String::new(),
    })
}

/// The current language's messages, as `api::texts` asks for them.
pub struct Current;

impl api::texts::Words for Current {
    fn text(&self, id: &str, args: &[(&str, Value)]) -> String {
        format(id, args)
    }
}

/// The message `key` in the current language.
pub fn t(key: &str) -> String {
    format(key, &[])
}

/// The message `key` as a text that follows the language. One type for every call
/// site: a closure per site (`move || t(key)`) would be code per site.
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || t(key)
}

/// The message `key` with named arguments.
pub fn t_args(key: &str, args: &[(&str, Value)]) -> String {
    format(key, args)
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
