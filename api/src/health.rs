//! Account health on the Security info page (`SecurityInfo::advice`).

use serde::{Deserialize, Serialize};

/// One piece of account-health advice on the Security info page. The SPA shows the
/// Fluent message `advice-<kind>` and a button to the fix.
// Read by the hand-written `Deserialize` below: a list of these was 8 KB of the SPA.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Advice {
    /// No method can do the second step: add one.
    NoMfaMethod,
    /// Exactly one method can do the second step: losing it locks the user out.
    SingleMfaMethod,
    /// An authenticator app and a phone and nothing else: most likely one device.
    OneDevice,
    /// Every second-step method is a phone (text or call): an app or key resists
    /// SIM swaps and phishing better.
    PhoneOnly,
    /// Password reset is on, but fewer methods that count for it than it asks for.
    NoResetMethod { required: u8, registered: u8 },
    /// A method not used for this many days (at least 180): keep it or remove it.
    Unused { method_id: String, days: u32 },
}

impl<'de> Deserialize<'de> for Advice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            kind: String,
            #[serde(default)]
            required: Option<u8>,
            #[serde(default)]
            registered: Option<u8>,
            #[serde(default)]
            method_id: Option<String>,
            #[serde(default)]
            days: Option<u32>,
        }
        fn field<T, E: Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(name))
        }
        let f = Flat::deserialize(d)?;
        Ok(match f.kind.as_str() {
            "no-mfa-method" => Advice::NoMfaMethod,
            "single-mfa-method" => Advice::SingleMfaMethod,
            "one-device" => Advice::OneDevice,
            "phone-only" => Advice::PhoneOnly,
            "no-reset-method" => Advice::NoResetMethod {
                required: field(f.required, "required")?,
                registered: field(f.registered, "registered")?,
            },
            "unused" => Advice::Unused { method_id: field(f.method_id, "method_id")?, days: field(f.days, "days")? },
            other => return Err(D::Error::unknown_variant(other, &["no-mfa-method", "…"])),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_advice_reads_back_as_written() {
        for a in [
            Advice::NoMfaMethod,
            Advice::SingleMfaMethod,
            Advice::OneDevice,
            Advice::PhoneOnly,
            Advice::NoResetMethod { required: 2, registered: 1 },
            Advice::Unused { method_id: "m1".into(), days: 200 },
        ] {
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Advice>(&json).unwrap(), a, "{json}");
        }
        for bad in [r#"{"kind":"unused","days":3}"#, r#"{"kind":"no-reset-method"}"#, r#"{"kind":"later"}"#] {
            assert!(serde_json::from_str::<Advice>(bad).is_err(), "{bad}");
        }
    }
}
