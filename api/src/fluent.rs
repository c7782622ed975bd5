//! The Fluent our locale files use (locales/*/*.ftl): messages of text and
//! `{ $name }` placeables, and selects on a variable (`{ $n -> [one] … *[other] … }`,
//! keyed by a string, a number or its plural category). The SPA formats its strings
//! with this instead of fluent-bundle, whose parser, plural rules for every language
//! and language tags weighed ~10 KB brotli in every bundle; a test formats every
//! message of the SPA's files both ways and compares.

/// A placeable's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(String),
    Num(i64),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}

macro_rules! number {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Num(n as i64)
            }
        }
    )*};
}
number!(u8, u16, u32, u64, usize, i32, i64);

/// The messages of one language: id and pattern (the text after `=`, with its
/// continuation lines), sorted by id.
#[derive(Debug, Default)]
pub struct Messages(Vec<(String, String)>);

impl Messages {
    pub fn parse(text: &str) -> Messages {
        let mut messages = Messages::default();
        messages.add(text);
        messages
    }

    /// Adds the messages of `text`; one already there with the same id is replaced.
    pub fn add(&mut self, text: &str) {
        let lines: Vec<&str> = text.lines().collect();
        let mut at = 0;
        while at < lines.len() {
            let line = lines[at];
            at += 1;
            let Some((id, first)) = line.split_once('=') else { continue };
            let id = id.trim_end();
            if line.starts_with([' ', '#', '-', '}']) || id.is_empty() {
                continue;
            }
            // Indented lines, and a select's closing brace, continue the message;
            // so do blank lines between them (a mail's paragraphs).
            let continues = |l: &str| l.starts_with([' ', '}']);
            let mut end = at;
            while let Some(next) = lines[end..].iter().position(|l| !l.trim().is_empty()) {
                if !continues(lines[end + next]) {
                    break;
                }
                end += next + 1;
            }
            let body = &lines[at..end];
            at = end;
            // As Fluent reads a value over several lines: their common indent removed.
            let indented = body.iter().filter(|l| l.starts_with(' ') && !l.trim().is_empty());
            let indent = indented.map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
            let mut pattern = first.trim().to_string();
            for l in body {
                let spaces = l.len() - l.trim_start_matches(' ').len();
                if !pattern.is_empty() {
                    pattern.push('\n');
                }
                pattern.push_str(l[spaces.min(indent)..].trim_end());
            }
            match self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)) {
                Ok(i) => self.0[i].1 = pattern,
                Err(i) => self.0.insert(i, (id.to_string(), pattern)),
            }
        }
    }

    /// Message `id` with `args`; `None` when there is no such message.
    pub fn format(&self, id: &str, args: &[(&str, Value)]) -> Option<String> {
        let i = self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)).ok()?;
        let mut out = String::new();
        pattern(&self.0[i].1, args, &mut out);
        Some(out.trim_end().to_string())
    }
}

/// Writes the pattern `s` (text and placeables) to `out`; returns what follows a
/// closing brace that ends it, if one does.
fn pattern<'s>(s: &'s str, args: &[(&str, Value)], out: &mut String) -> &'s str {
    let mut rest = s;
    loop {
        let Some(open) = rest.find('{') else {
            out.push_str(rest);
            return "";
        };
        out.push_str(&rest[..open]);
        rest = placeable(&rest[open + 1..], args, out);
    }
}

/// A placeable after its `{`: writes it, returns what follows its `}`.
fn placeable<'s>(s: &'s str, args: &[(&str, Value)], out: &mut String) -> &'s str {
    let s = s.trim_start();
    let s = s.strip_prefix('$').unwrap_or(s);
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(s.len());
    let (name, rest) = s.split_at(end);
    let value = args.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
    let rest = rest.trim_start();
    if let Some(variants) = rest.strip_prefix("->") {
        return select(variants, value, args, out);
    }
    match value {
        Some(Value::Str(v)) => out.push_str(v),
        Some(Value::Num(n)) => out.push_str(&n.to_string()),
        // As fluent-bundle shows a missing value.
        None => {
            out.push_str("{$");
            out.push_str(name);
            out.push('}');
        }
    }
    rest.strip_prefix('}').unwrap_or(rest)
}

/// A select's variants (`[key] text` lines, the default starred) up to its `}`:
/// writes the one `value` picks, returns what follows.
fn select<'s>(s: &'s str, value: Option<&Value>, args: &[(&str, Value)], out: &mut String) -> &'s str {
    let mut rest = s;
    let mut chosen: Option<&str> = None;
    let mut default: Option<&str> = None;
    loop {
        rest = rest.trim_start();
        let starred = rest.starts_with('*');
        let Some(open) = rest.strip_prefix('*').unwrap_or(rest).strip_prefix('[') else { break };
        let Some((key, after)) = open.split_once(']') else { break };
        let (text, next) = after.split_once('\n').unwrap_or((after, ""));
        let text = text.trim();
        let key = key.trim();
        let matches = match value {
            Some(Value::Str(v)) => v == key,
            Some(Value::Num(n)) => n.to_string() == key || key == plural(*n),
            None => false,
        };
        if matches && chosen.is_none() {
            chosen = Some(text);
        }
        if starred {
            default = Some(text);
        }
        rest = next;
    }
    if let Some(text) = chosen.or(default) {
        pattern(text, args, out);
    }
    rest.strip_prefix('}').unwrap_or(rest)
}

/// The plural category of an integer in English and Dutch (CLDR: `one` is 1).
fn plural(n: i64) -> &'static str {
    if n == 1 {
        "one"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

    /// What each bundle loads: `app.ftl`, then its own file over it (`i18n::add`).
    const SETS: [[&str; 2]; 3] = [["app", "chunks"], ["app", "admin"], ["app", "users"]];

    fn read(lang: &str, file: &str) -> String {
        let path = format!("{}/../locales/{lang}/{file}.ftl", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Every message of the SPA's files, with every variable as a string, as 0, 1, 2
    /// and 17, and missing: the same text as fluent-bundle's.
    #[test]
    fn every_message_reads_as_fluent_bundle_reads_it() {
        let mut checked = 0;
        for (lang, [first, second]) in crate::LANGUAGES.iter().flat_map(|l| SETS.map(|s| (*l, s))) {
            let (first, second) = (read(lang, first), read(lang, second));
            let mut ours = Messages::parse(&first);
            ours.add(&second);
            let mut bundle = FluentBundle::new(vec![lang.parse().unwrap()]);
            bundle.set_use_isolating(false);
            bundle.add_resource(FluentResource::try_new(first.clone()).unwrap()).unwrap();
            bundle.add_resource_overriding(FluentResource::try_new(second.clone()).unwrap());
            let text = first + "\n" + &second;
            let ids: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with([' ', '#', '}', '-']) && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap().trim())
                .collect();
            for id in ids {
                let names: Vec<String> = {
                    let msg = &ours.0[ours.0.binary_search_by(|(k, _)| k.as_str().cmp(id)).unwrap()].1;
                    msg.split('$')
                        .skip(1)
                        .map(|s| s.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect())
                        .collect()
                };
                let samples: Vec<Option<Value>> = vec![
                    None,
                    Some(Value::Num(0)),
                    Some(Value::Num(1)),
                    Some(Value::Num(2)),
                    Some(Value::Num(17)),
                    Some(Value::Str("none".into())),
                    Some(Value::Str("phone".into())),
                    Some(Value::Str("Contoso & <Co>".into())),
                ];
                for sample in &samples {
                    let args: Vec<(&str, Value)> =
                        sample.iter().flat_map(|v| names.iter().map(move |n| (n.as_str(), v.clone()))).collect();
                    let mut fa = FluentArgs::new();
                    for (k, v) in &args {
                        match v {
                            Value::Str(s) => fa.set(*k, FluentValue::from(s.clone())),
                            Value::Num(n) => fa.set(*k, FluentValue::from(*n)),
                        }
                    }
                    let pattern = bundle.get_message(id).and_then(|m| m.value()).unwrap();
                    let expected = bundle.format_pattern(pattern, Some(&fa), &mut vec![]).into_owned();
                    assert_eq!(ours.format(id, &args).as_deref(), Some(expected.as_str()), "{lang} {id} {args:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 3000, "{checked}");
    }

    #[test]
    fn later_files_override_and_missing_ids_are_none() {
        let mut m = Messages::parse("a = one\nb = { $n ->\n    [one] 1 item\n   *[other] { $n } items\n}\n");
        assert_eq!(m.format("b", &[("n", 3u32.into())]).as_deref(), Some("3 items"));
        assert_eq!(m.format("b", &[("n", 1u32.into())]).as_deref(), Some("1 item"));
        m.add("a = two");
        assert_eq!(m.format("a", &[]).as_deref(), Some("two"));
        assert_eq!(m.format("c", &[]), None);
        assert_eq!(m.format("b", &[]).as_deref(), Some("{$n} items"));
    }
}
