//! A tenant's authentication methods policy: which methods its people may register.

use crate::methods::{many_allowed, Method};
use api::MethodKind;
use serde::{Deserialize, Serialize};

/// Kinds this build can register. Grows as method flows are built.
pub const IMPLEMENTED: [MethodKind; 5] = [
    MethodKind::AuthenticatorApp,
    MethodKind::Phone,
    MethodKind::AlternatePhone,
    MethodKind::SecurityKey,
    MethodKind::Email,
];

/// Countries texts and calls may go to unless the tenant says otherwise: a short
/// list, because open lists invite SMS pumping (toll fraud).
pub const DEFAULT_PHONE_COUNTRIES: [&str; 8] = ["NL", "BE", "LU", "DE", "FR", "GB", "IE", "US"];

fn default_phone_countries() -> Vec<String> {
    DEFAULT_PHONE_COUNTRIES.iter().map(|c| c.to_string()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub allowed: Vec<MethodKind>,
    /// ISO 3166-1 alpha-2 codes of the countries SMS and calls may go to.
    #[serde(default = "default_phone_countries")]
    pub phone_countries: Vec<String>,
    /// Refuse sign-in with a security key whose counter went backwards (it is
    /// flagged on the user's page either way).
    #[serde(default = "refuse")]
    pub refuse_cloned_keys: bool,
}

fn refuse() -> bool {
    true
}

impl Policy {
    pub fn allows(&self, kind: MethodKind) -> bool {
        self.allowed.contains(&kind)
    }

    /// Whether the kind may be registered, or registered again to change it (a
    /// phone's number or text/call mode): allowed by the tenant and implemented.
    pub fn may_register(&self, kind: MethodKind) -> bool {
        self.allows(kind) && IMPLEMENTED.contains(&kind)
    }

    pub fn allows_phone_country(&self, country: &str) -> bool {
        self.phone_countries.iter().any(|c| c.eq_ignore_ascii_case(country))
    }

    /// The allowed countries with their calling codes, for the country picker.
    pub fn phone_countries(&self) -> Vec<api::PhoneCountry> {
        self.phone_countries
            .iter()
            .filter_map(|c| {
                Some(api::PhoneCountry { code: c.to_ascii_uppercase(), calling_code: crate::phone::calling_code(c)? })
            })
            .collect()
    }

    /// Kinds offered by "+ Add method": allowed, implemented, and not already held
    /// when the kind is one-per-user. In the product's display order.
    pub fn addable(&self, registered: &[Method]) -> Vec<MethodKind> {
        MethodKind::ALL
            .into_iter()
            .filter(|k| self.allows(*k) && IMPLEMENTED.contains(k))
            .filter(|k| many_allowed(*k) || !registered.iter().any(|m| m.kind() == *k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::email::EmailAddress;
    use crate::methods::MethodData;

    #[test]
    fn phone_countries_default_to_a_short_list_with_calling_codes() {
        let p: Policy = serde_json::from_str(r#"{"allowed":["phone"]}"#).unwrap();
        assert!(p.allows_phone_country("nl") && !p.allows_phone_country("CU"));
        let codes = p.phone_countries();
        assert_eq!(codes[0], api::PhoneCountry { code: "NL".into(), calling_code: 31 });
        assert_eq!(codes.len(), DEFAULT_PHONE_COUNTRIES.len());
    }

    #[test]
    fn offers_allowed_kinds_not_yet_held() {
        let p = Policy {
            allowed: vec![MethodKind::Email, MethodKind::AppPassword],
            phone_countries: vec![],
            refuse_cloned_keys: true,
        };
        assert_eq!(p.addable(&[]), vec![MethodKind::Email]);
        let all = Policy { allowed: MethodKind::ALL.to_vec(), phone_countries: vec![], refuse_cloned_keys: true };
        assert_eq!(
            all.addable(&[]),
            vec![
                MethodKind::AuthenticatorApp,
                MethodKind::Phone,
                MethodKind::AlternatePhone,
                MethodKind::SecurityKey,
                MethodKind::Email
            ]
        );
        let email = Method::single(MethodData::Email { address: EmailAddress::parse("a@b.nl").unwrap() }, 0);
        assert_eq!(p.addable(&[email]), vec![]);
        let none = Policy { allowed: vec![MethodKind::AppPassword], phone_countries: vec![], refuse_cloned_keys: true };
        assert_eq!(none.addable(&[]), vec![]);
    }
}
