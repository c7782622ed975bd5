//! The rules of a tenant's authentication methods policy (`api::Policy`): what may
//! be registered, what must be, and whether a policy an admin wrote makes sense.

use crate::methods::{many_allowed, uses, Method};
use api::{MethodKind, PhoneMode, Policy, Requirement, SetupStep, TenantSettings};

pub use api::policy::DEFAULT_PHONE_COUNTRIES;

/// The wizard suggests kinds in this order: strongest and most common first.
const SUGGESTED: [MethodKind; 5] = [
    MethodKind::AuthenticatorApp,
    MethodKind::Phone,
    MethodKind::SecurityKey,
    MethodKind::Email,
    MethodKind::AlternatePhone,
];

/// Longest grace period an admin may set, and most skips (as Microsoft Entra).
pub const MAX_GRACE_DAYS: u16 = 14;
pub const MAX_SKIPS: u8 = 3;

/// What is wrong with a policy an admin submitted; each is an API error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NoMethods,
    RequiredNotAllowed,
    InvalidCount,
    InvalidCountry,
    InvalidDomain,
    InvalidGrace,
    InvalidName,
    InvalidColor,
    InvalidQuestions,
    /// Days recent activity is kept: 1 to 365.
    InvalidRetention,
    /// Password reset: 1 or 2 methods, and at least that many offered for it.
    InvalidReset,
    /// The help desk contact: an `https://` address, an email address, a phone number.
    InvalidSupport,
}

pub trait Rules {
    /// Whether the kind may be registered, or registered again to change it (a
    /// phone's number or text/call mode).
    fn allows(&self, kind: MethodKind) -> bool;
    fn allows_phone_mode(&self, mode: PhoneMode) -> bool;
    /// Whether a registered method may be used now (second step, reset, default):
    /// its kind, and a phone's mode, are still turned on, and it is not suspended
    /// after a report.
    fn usable(&self, method: &Method) -> bool {
        if method.suspended {
            return false;
        }
        match &method.data {
            crate::methods::MethodData::Phone { mode, .. } => {
                self.allows(MethodKind::Phone) && self.allows_phone_mode(*mode)
            }
            _ => self.allows(method.kind()),
        }
    }
    fn allows_phone_country(&self, country: &str) -> bool;
    /// The allowed countries with their calling codes, for the country picker.
    fn phone_countries(&self) -> Vec<api::PhoneCountry>;
    /// Kinds offered by "+ Add method": allowed, implemented, and not already held
    /// when the kind is one-per-user. In the product's display order.
    fn addable(&self, registered: &[Method]) -> Vec<MethodKind>;
    /// The "Keep your account secure" steps for someone holding `registered`;
    /// empty when nothing is required.
    fn setup_steps(&self, registered: &[Method]) -> Vec<SetupStep>;
    fn check(&self) -> Result<(), Problem>;
}

impl Rules for Policy {
    fn allows(&self, kind: MethodKind) -> bool {
        self.allowed.contains(&kind)
    }

    fn allows_phone_mode(&self, mode: PhoneMode) -> bool {
        self.phone_modes.contains(&mode)
    }

    fn allows_phone_country(&self, country: &str) -> bool {
        self.phone_countries.iter().any(|c| c.eq_ignore_ascii_case(country))
    }

    fn phone_countries(&self) -> Vec<api::PhoneCountry> {
        self.phone_countries
            .iter()
            .filter_map(|c| {
                Some(api::PhoneCountry { code: c.to_ascii_uppercase(), calling_code: crate::phone::calling_code(c)? })
            })
            .collect()
    }

    fn addable(&self, registered: &[Method]) -> Vec<MethodKind> {
        MethodKind::ALL
            .into_iter()
            .filter(|k| self.allows(*k))
            .filter(|k| many_allowed(*k) || !registered.iter().any(|m| m.kind() == *k))
            .collect()
    }

    fn setup_steps(&self, registered: &[Method]) -> Vec<SetupStep> {
        let held = |kind: MethodKind| registered.iter().any(|m| m.kind() == kind);
        match &self.registration.require {
            Requirement::Nothing => vec![],
            Requirement::Methods { kinds } => kinds.iter().map(|k| SetupStep { kind: *k, done: held(*k) }).collect(),
            Requirement::Any { count } => {
                // What the person holds counts first, in the order it was added.
                let mut steps: Vec<SetupStep> = registered
                    .iter()
                    .filter(|m| self.allows(m.kind()) && counts(m.kind()))
                    .take(usize::from(*count))
                    .map(|m| SetupStep { kind: m.kind(), done: true })
                    .collect();
                let mut suggestions = SUGGESTED.iter().filter(|k| self.allows(**k) && !held(**k));
                while steps.len() < usize::from(*count) {
                    let Some(kind) = suggestions.next() else { break };
                    steps.push(SetupStep { kind: *kind, done: false });
                }
                steps
            }
        }
    }

    fn check(&self) -> Result<(), Problem> {
        if self.allowed.is_empty() {
            return Err(Problem::NoMethods);
        }
        if self.allows(MethodKind::Phone) && self.phone_modes.is_empty() {
            return Err(Problem::NoMethods);
        }
        for country in &self.phone_countries {
            if country.len() != 2 || crate::phone::calling_code(country).is_none() {
                return Err(Problem::InvalidCountry);
            }
        }
        if self.registration.app_passwords_required && !self.allows(MethodKind::AppPassword) {
            return Err(Problem::RequiredNotAllowed);
        }
        match &self.registration.require {
            Requirement::Nothing => {}
            Requirement::Methods { kinds } => {
                if kinds.is_empty() || kinds.len() > 4 {
                    return Err(Problem::InvalidCount);
                }
                let mut seen = vec![];
                for kind in kinds {
                    if !self.allows(*kind) || !counts(*kind) {
                        return Err(Problem::RequiredNotAllowed);
                    }
                    if seen.contains(kind) {
                        return Err(Problem::InvalidCount);
                    }
                    seen.push(*kind);
                }
            }
            Requirement::Any { count } => {
                let available = self.allowed.iter().filter(|k| self.allows(**k) && counts(**k)).count();
                if *count == 0 || usize::from(*count) > available.min(4) {
                    return Err(Problem::InvalidCount);
                }
            }
        }
        if self.registration.grace_days > MAX_GRACE_DAYS || self.registration.max_skips > MAX_SKIPS {
            return Err(Problem::InvalidGrace);
        }
        if !(1..=365).contains(&self.activity_days) {
            return Err(Problem::InvalidRetention);
        }
        if !(1..=2).contains(&self.reset.methods_required)
            || self.reset.methods.iter().any(|k| !api::policy::RESET_KINDS.contains(k))
            || (self.reset.enabled && self.reset.methods.len() < usize::from(self.reset.methods_required))
        {
            return Err(Problem::InvalidReset);
        }
        check_support(&self.support)?;
        check_questions(&self.questions)
    }
}

/// Each part of the contact as people will follow it: a web page on https (no
/// spaces or quotes), a mail address, a phone number of digits with `+ - ( )` and
/// spaces.
fn check_support(s: &api::policy::SupportContact) -> Result<(), Problem> {
    let url_ok = s.url.as_deref().is_none_or(|u| {
        let host = u.strip_prefix("https://").unwrap_or_default();
        u.len() <= 200
            && !host.is_empty()
            && !host.starts_with('/')
            && !u.contains(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    });
    let email_ok = s.email.as_deref().is_none_or(|e| crate::email::EmailAddress::parse(e).is_some());
    let phone_ok = s.phone.as_deref().is_none_or(|p| {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        (3..=20).contains(&digits) && p.len() <= 30 && p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
    });
    if url_ok && email_ok && phone_ok {
        Ok(())
    } else {
        Err(Problem::InvalidSupport)
    }
}

/// 3 to 5 to register, 1 to that many asked, enough questions to choose from, built-in
/// ids that exist, custom ones named `custom-…` with a text in every language.
fn check_questions(q: &api::policy::Questions) -> Result<(), Problem> {
    let offered = q.builtin.len() + q.custom.len();
    let counts_ok = (3..=5).contains(&q.register) && (1..=q.register).contains(&q.answer);
    if !counts_ok || offered < usize::from(q.register) {
        return Err(Problem::InvalidQuestions);
    }
    if q.builtin.iter().any(|id| !api::policy::BUILTIN_QUESTIONS.contains(&id.as_str())) {
        return Err(Problem::InvalidQuestions);
    }
    for custom in &q.custom {
        let id_ok = custom.id.strip_prefix("custom-").is_some_and(|rest| {
            !rest.is_empty()
                && rest.len() <= 40
                && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
        let texts_ok = api::LANGUAGES
            .iter()
            .all(|lang| custom.text.get(*lang).is_some_and(|t| (5..=200).contains(&t.trim().chars().count())));
        if !id_ok || !texts_ok {
            return Err(Problem::InvalidQuestions);
        }
    }
    Ok(())
}

/// Whether a kind counts towards what registration requires: sign-in and reset
/// methods do, app passwords do not.
fn counts(kind: MethodKind) -> bool {
    let u = uses(kind);
    u.mfa || u.reset
}

/// `#rrggbb` that white text on it reads at WCAG AA (contrast at least 4.5:1):
/// buttons are white on the brand colour.
fn contrast_with_white_ok(color: &str) -> bool {
    let Some(hex) = color.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit())) else {
        return false;
    };
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    1.05 / (luminance + 0.05) >= 4.5
}

/// Checks everything an admin may submit: the policy and the tenant's details.
pub fn check_settings(settings: &TenantSettings) -> Result<(), Problem> {
    let name = settings.name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(Problem::InvalidName);
    }
    if !contrast_with_white_ok(&settings.brand_color) {
        return Err(Problem::InvalidColor);
    }
    for domain in &settings.own_domains {
        if !crate::email::valid_domain(domain) {
            return Err(Problem::InvalidDomain);
        }
    }
    settings.policy.check()
}

#[cfg(test)]
mod tests;
