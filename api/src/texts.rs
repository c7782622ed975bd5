//! What Security info says of a method, of the default and of the account's health,
//! in words: one source for the app and for the worker's first view of the page
//! (`domain::shell`), so the page the worker sends says what the app then shows.

use crate::fluent::Value;
use crate::{Advice, MethodDetail, MethodKind, MethodView, MfaOption, PhoneMode, SecurityInfo};

/// Formats message `id` of `app.ftl` with `args`, in some language.
pub trait Words {
    fn text(&self, id: &str, args: &[(&str, Value)]) -> String;
}

/// "Authenticator app", "Phone"…
pub fn method_name(w: &impl Words, m: &MethodView) -> String {
    w.text(&format!("method-{}", m.detail.kind().as_str()), &[])
}

/// What tells one method from another of its kind: a name, a masked number…
pub fn method_detail(w: &impl Words, m: &MethodView) -> String {
    let mode =
        |mode: PhoneMode| w.text(if mode == PhoneMode::Call { "phone-mode-call" } else { "phone-mode-text" }, &[]);
    match &m.detail {
        MethodDetail::Email { masked_address } => masked_address.clone(),
        MethodDetail::AuthenticatorApp { name } | MethodDetail::AppPassword { name } => name.clone(),
        MethodDetail::SecurityKey { name, model: Some(model), .. } => format!("{name} · {model}"),
        MethodDetail::SecurityKey { name, .. } => name.clone(),
        MethodDetail::Phone { masked_number, mode: m } => format!("{masked_number} · {}", mode(*m)),
        MethodDetail::AlternatePhone { masked_number } => format!("{masked_number} · {}", mode(PhoneMode::Call)),
        MethodDetail::SecurityQuestions { count } => w.text("questions-count", &[("count", (*count).into())]),
        MethodDetail::RecoveryCodes { remaining, total } => {
            w.text("recovery-remaining", &[("remaining", (*remaining).into()), ("total", (*total).into())])
        }
    }
}

/// The methods that can serve as the second step, as options.
pub fn mfa_options(info: &SecurityInfo) -> Vec<MfaOption> {
    let option = |m: &MethodView, label: &str, by_call| MfaOption {
        id: m.id.clone(),
        kind: m.detail.kind(),
        label: label.to_string(),
        by_call,
    };
    info.methods
        .iter()
        .filter_map(|m| match &m.detail {
            MethodDetail::AuthenticatorApp { name } | MethodDetail::SecurityKey { name, .. } => {
                Some(option(m, name, false))
            }
            MethodDetail::Phone { masked_number, mode } => Some(option(m, masked_number, *mode == PhoneMode::Call)),
            MethodDetail::AlternatePhone { masked_number } => Some(option(m, masked_number, true)),
            MethodDetail::Email { .. }
            | MethodDetail::SecurityQuestions { .. }
            | MethodDetail::AppPassword { .. }
            | MethodDetail::RecoveryCodes { .. } => None,
        })
        .collect()
}

/// "Authenticator app - code (Phone)", as the default method is described.
pub fn default_label(w: &impl Words, option: &MfaOption) -> String {
    let number = [("number", Value::from(option.label.as_str()))];
    let name = [("name", Value::from(option.label.as_str()))];
    match option.kind {
        MethodKind::Phone if option.by_call => w.text("default-method-phone-call", &number),
        MethodKind::Phone => w.text("default-method-phone", &number),
        MethodKind::AlternatePhone => w.text("default-method-alternate", &number),
        MethodKind::SecurityKey => w.text("default-method-key", &name),
        MethodKind::RecoveryCodes => w.text("default-method-recovery", &[]),
        _ => w.text("default-method-app", &name),
    }
}

/// The default's line: its label, or that there is none yet.
pub fn default_value(w: &impl Words, info: &SecurityInfo) -> String {
    mfa_options(info)
        .into_iter()
        .find(|o| Some(&o.id) == info.default_method.as_ref())
        .map(|o| default_label(w, &o))
        .unwrap_or_else(|| w.text("default-method-none", &[]))
}

/// A piece of advice and its fix's button label; `methods`, the user's, for the
/// one an `Unused` names.
pub fn advice(w: &impl Words, advice: &Advice, methods: &[MethodView]) -> (String, String) {
    let add = || w.text("health-fix-add", &[]);
    match advice {
        Advice::Unused { method_id, days } => {
            let name = methods
                .iter()
                .find(|m| &m.id == method_id)
                .map(|m| format!("{} ({})", method_name(w, m), method_detail(w, m)))
                .unwrap_or_default();
            (
                w.text("advice-unused", &[("method", name.as_str().into()), ("days", (*days).into())]),
                w.text("health-fix-remove", &[("method", name.into())]),
            )
        }
        Advice::NoResetMethod { required, registered } => (
            w.text("advice-no-reset-method", &[("required", (*required).into()), ("registered", (*registered).into())]),
            add(),
        ),
        Advice::NoMfaMethod => (w.text("advice-no-mfa-method", &[]), add()),
        Advice::SingleMfaMethod => (w.text("advice-single-mfa-method", &[]), add()),
        Advice::OneDevice => (w.text("advice-one-device", &[]), add()),
        Advice::PhoneOnly => (w.text("advice-phone-only", &[]), add()),
    }
}
