//! Email addresses, parsed once into a newtype.

use serde::{Deserialize, Serialize};

const MAX_LEN: usize = 254;
const MAX_LOCAL: usize = 64;

/// A syntactically valid, lower-cased email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Accepts what people type: surrounding spaces are trimmed, case is folded.
    /// Refuses anything that is not `local@domain.tld` in plain ASCII.
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim().to_ascii_lowercase();
        if s.is_empty() || s.len() > MAX_LEN || !s.is_ascii() {
            return None;
        }
        let (local, domain) = s.split_once('@')?;
        if !valid_local(local) || !valid_domain(domain) {
            return None;
        }
        Some(EmailAddress(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
    }

    /// True when the address is in `domain` or one of its subdomains.
    pub fn is_in_domain(&self, domain: &str) -> bool {
        let own = domain.trim().trim_start_matches('@').to_ascii_lowercase();
        let mine = self.domain();
        !own.is_empty() && (mine == own || mine.ends_with(&format!(".{own}")))
    }

    /// Shown in lists: the first two characters of the name, the domain in full.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        let keep: String = local.chars().take(if local.len() > 3 { 2 } else { 1 }).collect();
        format!("{keep}•••@{domain}")
    }
}

fn valid_local(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= MAX_LOCAL
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
}

pub fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && tld.len() >= 2
        && (tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"))
}

impl TryFrom<String> for EmailAddress {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        EmailAddress::parse(&s).ok_or_else(|| format!("not an email address: {s}"))
    }
}

impl From<EmailAddress> for String {
    fn from(e: EmailAddress) -> String {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_normalises() {
        let e = EmailAddress::parse("  Jan.de-Vries+mfa@Example.ORG ").unwrap();
        assert_eq!(e.as_str(), "jan.de-vries+mfa@example.org");
        assert_eq!(e.domain(), "example.org");
        assert!(EmailAddress::parse("a@b.co").is_some());
        assert!(EmailAddress::parse("x@mail.xn--p1ai").is_some());
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "",
            "plainaddress",
            "@example.org",
            "jan@",
            "jan@@example.org",
            "jan@example",
            "jan@example.c",
            "jan@example.123",
            "jan@-example.org",
            "jan@example-.org",
            "jan@exa_mple.org",
            "jan..de@example.org",
            ".jan@example.org",
            "jan.@example.org",
            "jan de@example.org",
            "jän@example.org",
            "jan@example..org",
            "jan@example.org\n",
        ] {
            // A trailing newline is trimmed, so that one is fine; the rest must fail.
            if bad.ends_with('\n') {
                assert!(EmailAddress::parse(bad).is_some());
            } else {
                assert!(EmailAddress::parse(bad).is_none(), "accepted {bad:?}");
            }
        }
        let long_local = format!("{}@example.org", "a".repeat(65));
        assert!(EmailAddress::parse(&long_local).is_none());
        let long = format!("a@{}.org", "b.".repeat(130));
        assert!(EmailAddress::parse(&long).is_none());
    }

    #[test]
    fn own_domain_includes_subdomains_only() {
        let e = EmailAddress::parse("jan@mail.contoso.com").unwrap();
        assert!(e.is_in_domain("contoso.com"));
        assert!(e.is_in_domain("@Contoso.com"));
        assert!(!e.is_in_domain("toso.com"));
        assert!(!EmailAddress::parse("jan@notcontoso.com").unwrap().is_in_domain("contoso.com"));
        assert!(!e.is_in_domain(""));
    }

    #[test]
    fn masks_the_name_but_keeps_the_domain() {
        assert_eq!(EmailAddress::parse("jan.jansen@example.org").unwrap().masked(), "ja•••@example.org");
        assert_eq!(EmailAddress::parse("al@example.org").unwrap().masked(), "a•••@example.org");
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<EmailAddress>("\"nope\"").is_err());
        let e: EmailAddress = serde_json::from_str("\"A@B.nl\"").unwrap();
        assert_eq!(e.as_str(), "a@b.nl");
    }
}
