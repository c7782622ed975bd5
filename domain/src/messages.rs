//! The worker's own messages (mail, texts, calls, security questions, the apps'
//! error page) from the locales' Fluent files. They use plain text and `{ $name }`
//! placeables only, so a small reader does what fluent-bundle did, without its
//! parser, plural rules and language tags in the worker (a test compares the two
//! on every message).

use std::fmt::Display;

/// Named values for a message's placeables.
#[derive(Debug, Clone, Default)]
pub struct Args(Vec<(&'static str, String)>);

impl Args {
    pub fn new() -> Self {
        Args::default()
    }

    pub fn set(&mut self, name: &'static str, value: impl Display) {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, value.to_string()));
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
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

/// The value of message `id` in a Fluent file: the text after `id =` and the
/// indented lines below it, their common indent removed, trailing blank lines
/// dropped (as Fluent reads a multi-line value).
fn pattern(file: &str, id: &str) -> Option<String> {
    let mut lines = file.lines();
    let first = lines.by_ref().find_map(|line| {
        let (name, rest) = line.split_once('=')?;
        (name.trim_end() == id && !line.starts_with([' ', '#'])).then(|| rest.trim().to_string())
    })?;
    let body: Vec<&str> = lines.take_while(|l| l.is_empty() || l.starts_with(' ')).collect();
    let indent = body.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min();
    let mut parts: Vec<&str> = body.iter().map(|l| l.get(indent.unwrap_or(0)..).unwrap_or("").trim_end()).collect();
    while parts.last().is_some_and(|l| l.is_empty()) {
        parts.pop();
    }
    if !first.is_empty() {
        parts.insert(0, &first);
    }
    Some(parts.join("\n"))
}

/// Replaces each `{ $name }` with its value (`{$name}` when none is given, as Fluent).
fn fill(pattern: &str, args: &Args) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let name = rest[open + 1..open + close].trim().trim_start_matches('$');
        match args.get(name) {
            Some(value) => out.push_str(value),
            None => {
                out.push_str("{$");
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Formats one of the worker's messages in `lang`; falls back to the message id so
/// a missing translation shows up instead of failing the send.
pub fn format(lang: &str, id: &str, args: &Args) -> String {
    match messages_ftl(lang).iter().find_map(|file| pattern(file, id)) {
        Some(pattern) => fill(&pattern, args),
        None => id.to_string(),
    }
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
        assert_eq!(fill("a { $x } b", &Args::new()), "a {$x} b");
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
