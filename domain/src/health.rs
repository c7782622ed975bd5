//! Account health: advice computed from the user's methods and the tenant policy,
//! shown on the Security info page, each item with its fix.

use crate::methods::{uses, Method};
use crate::{Millis, DAY};
use api::{Advice, MethodKind, Policy};

/// A method unused for this long is worth a look.
pub const UNUSED_DAYS: u32 = 180;

/// Advice for someone holding `methods`, most important first.
pub fn advice(methods: &[Method], policy: &Policy, now: Millis) -> Vec<Advice> {
    let mut out = vec![];
    let mfa: Vec<MethodKind> = methods.iter().map(Method::kind).filter(|k| uses(*k).mfa).collect();
    let phones = |k: &MethodKind| matches!(k, MethodKind::Phone | MethodKind::AlternatePhone);
    match mfa.len() {
        0 => out.push(Advice::NoMfaMethod),
        1 => out.push(Advice::SingleMfaMethod),
        _ => {}
    }
    if !mfa.is_empty() && mfa.iter().all(phones) {
        out.push(Advice::PhoneOnly);
    } else if mfa.contains(&MethodKind::AuthenticatorApp)
        && mfa.iter().any(phones)
        && mfa.iter().all(|k| phones(k) || *k == MethodKind::AuthenticatorApp)
    {
        out.push(Advice::OneDevice);
    }
    if policy.reset.enabled {
        let counted =
            methods.iter().filter(|m| policy.reset.methods.contains(&m.kind()) && uses(m.kind()).reset).count();
        let registered = u8::try_from(counted).unwrap_or(u8::MAX);
        if registered < policy.reset.methods_required {
            out.push(Advice::NoResetMethod { required: policy.reset.methods_required, registered });
        }
    }
    for m in methods {
        // App passwords have their own "last used"; the advice is about sign-in methods.
        if m.kind() == MethodKind::AppPassword {
            continue;
        }
        let since = m.last_used_at.unwrap_or(m.created_at);
        let days = u32::try_from(now.saturating_sub(since) / DAY).unwrap_or(u32::MAX);
        if days >= UNUSED_DAYS {
            out.push(Advice::Unused { method_id: m.id.clone(), days });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::fixtures::{app, email, phone};
    use crate::methods::MethodData;

    const NOW: Millis = 400 * DAY;

    fn method(id: &str, data: MethodData, used_days_ago: Option<u64>) -> Method {
        Method {
            id: id.into(),
            data,
            created_at: NOW - 365 * DAY,
            last_used_at: used_days_ago.map(|d| NOW - d * DAY),
            suspended: false,
        }
    }
    fn kinds(advice: &[Advice]) -> Vec<&'static str> {
        advice
            .iter()
            .map(|a| match a {
                Advice::NoMfaMethod => "no-mfa",
                Advice::SingleMfaMethod => "single",
                Advice::OneDevice => "one-device",
                Advice::PhoneOnly => "phone-only",
                Advice::NoResetMethod { .. } => "no-reset",
                Advice::Unused { .. } => "unused",
            })
            .collect()
    }

    #[test]
    fn nothing_registered_needs_a_second_step_method_and_a_reset_method() {
        let policy = Policy::open();
        assert_eq!(kinds(&advice(&[], &policy, NOW)), ["no-mfa", "no-reset"]);
    }

    #[test]
    fn a_single_phone_is_both_single_and_phone_only() {
        let got = advice(&[method("p", phone(), Some(1))], &Policy::open(), NOW);
        assert_eq!(kinds(&got), ["single", "phone-only"]);
    }

    #[test]
    fn an_app_and_a_phone_are_probably_one_device() {
        let got = advice(&[method("a", app(), Some(1)), method("p", phone(), Some(2))], &Policy::open(), NOW);
        assert_eq!(kinds(&got), ["one-device"]);
    }

    #[test]
    fn methods_unused_for_180_days_are_named() {
        let methods = [method("a", app(), Some(10)), method("p", phone(), Some(200)), method("e", email(), None)];
        let got = advice(&methods, &Policy::open(), NOW);
        assert_eq!(
            got,
            [
                Advice::OneDevice,
                Advice::Unused { method_id: "p".into(), days: 200 },
                Advice::Unused { method_id: "e".into(), days: 365 },
            ]
        );
    }

    #[test]
    fn reset_advice_follows_the_policy() {
        let mut policy = Policy::open();
        policy.reset.methods_required = 2;
        policy.reset.methods = vec![MethodKind::Email, MethodKind::Phone];
        let methods = [method("a", app(), Some(1)), method("p", phone(), Some(1))];
        assert_eq!(advice(&methods, &policy, NOW)[1], Advice::NoResetMethod { required: 2, registered: 1 });
        policy.reset.methods.push(MethodKind::AuthenticatorApp);
        assert_eq!(kinds(&advice(&methods, &policy, NOW)), ["one-device"]);
        policy.reset.methods.clear();
        policy.reset.enabled = false;
        assert_eq!(kinds(&advice(&methods, &policy, NOW)), ["one-device"]);
    }
}
