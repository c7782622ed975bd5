//! The worker's own messages (mail, texts, calls, security questions, the apps'
//! error page) from the locales' Fluent files, read by the SPA's reader
//! (`api::fluent`) rather than fluent-bundle, whose parser, plural rules and
//! language tags the worker need not carry (a test compares the two on every
//! message).

use api::fluent::{Messages, Value};
use std::cell::OnceCell;
use std::fmt::Display;
use std::rc::Rc;

/// Named values for a message's placeables.
#[derive(Debug, Clone, Default)]
pub struct Args(Vec<(&'static str, Value)>);

impl Args {
    pub fn new() -> Self {
        Args::default()
    }

    pub fn set(&mut self, name: &'static str, value: impl Display) {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, Value::Str(value.to_string())));
    }
}

/// The worker's messages in `lang` (English for any other language).
fn messages_ftl(lang: &str) -> [&'static str; 5] {
    match lang {
        "nl-NL" => [
            include_str!("../../locales/nl-NL/email.ftl"),
            include_str!("../../locales/nl-NL/sms.ftl"),
            include_str!("../../locales/nl-NL/voice.ftl"),
            include_str!("../../locales/nl-NL/questions.ftl"),
            include_str!("../../locales/nl-NL/oidc.ftl"),
        ],
        _ => [
            include_str!("../../locales/en-US/email.ftl"),
            include_str!("../../locales/en-US/sms.ftl"),
            include_str!("../../locales/en-US/voice.ftl"),
            include_str!("../../locales/en-US/questions.ftl"),
            include_str!("../../locales/en-US/oidc.ftl"),
        ],
    }
}

/// The worker's messages in `lang` (English for any other), read once per isolate.
fn messages(lang: &str) -> Rc<Messages> {
    thread_local!(static READ: [OnceCell<Rc<Messages>>; 2] = Default::default());
    let (slot, lang) = if lang == "nl-NL" { (1, "nl-NL") } else { (0, "en-US") };
    READ.with(|read| {
        read[slot]
            .get_or_init(|| {
                let mut m = Messages::default();
                for file in messages_ftl(lang) {
                    m.add(file);
                }
                Rc::new(m)
            })
            .clone()
    })
}

/// Formats one of the worker's messages in `lang`; falls back to the message id so
/// a missing translation shows up instead of failing the send.
pub fn format(lang: &str, id: &str, args: &Args) -> String {
    messages(lang).format(id, &args.0).unwrap_or_else(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};

    const NAMES: [&str; 10] =
        ["tenant", "code", "report", "change", "method", "remaining", "link", "purpose", "username", "pass"];

    /// What fluent-bundle makes of the same message.
    fn fluent(lang: &str, id: &str, args: &[(&'static str, String)]) -> String {
        let mut bundle = FluentBundle::new(vec![lang.parse().unwrap_or_default()]);
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(messages_ftl(lang).join("\n")).unwrap_or_else(|(r, _)| r);
        bundle.add_resource(resource).unwrap();
        let pattern = bundle.get_message(id).and_then(|m| m.value()).unwrap();
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        bundle.format_pattern(pattern, Some(&fa), &mut vec![]).into_owned()
    }

    #[test]
    fn every_message_reads_as_fluent_reads_it() {
        let mut checked = 0;
        for lang in api::LANGUAGES {
            for file in messages_ftl(lang) {
                for line in file.lines().filter(|l| !l.starts_with([' ', '#']) && l.contains(" =")) {
                    let id = line.split(" =").next().unwrap().trim();
                    let values: Vec<_> = NAMES.iter().map(|n| (*n, format!("<{n} value>"))).collect();
                    let mut args = Args::new();
                    for (n, v) in &values {
                        args.set(n, v);
                    }
                    assert_eq!(format(lang, id, &args), fluent(lang, id, &values), "{lang} {id}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 60, "{checked}");
    }

    #[test]
    fn a_missing_value_or_message_shows_itself() {
        assert_eq!(Messages::parse("m = a { $x } b").format("m", &Args::new().0).as_deref(), Some("a {$x} b"));
        assert_eq!(format("en-US", "no-such-message", &Args::new()), "no-such-message");
        let mut args = Args::new();
        args.set("tenant", "Contoso");
        args.set("code", 123456);
        assert_eq!(
            format("en-US", "sms-code", &args),
            "123456 is your Contoso verification code. It expires in 10 minutes. Don't share it."
        );
        assert!(format("nl-NL", "email-code-body", &args).contains("\n\n123456\n\n"));
    }
}
