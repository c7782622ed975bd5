//! Phone numbers, parsed once (libphonenumber metadata via the `phonenumber` crate)
//! into E.164. Extensions are not supported: they are accepted, dropped before any
//! text or call, and the caller is told so.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhoneNumber {
    /// `+31612345678`
    e164: String,
    /// ISO 3166-1 alpha-2 region of the number, e.g. `NL`.
    country: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// Not a phone number at all, or not a valid one for its region.
    Invalid,
    /// The default country given is not a known region code.
    UnknownCountry,
}

/// A parsed number and whether an extension was removed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub number: PhoneNumber,
    pub extension_removed: bool,
}

impl PhoneNumber {
    /// Parses what people type: national (`06 12345678` with country `NL`),
    /// international (`+31 6 12345678`, `0031 6 …`), with spaces, dashes, dots and
    /// brackets, and an optional extension (`x12345`, `ext. 12345`).
    pub fn parse(input: &str, default_country: &str) -> Result<Parsed, PhoneError> {
        let input = input.trim();
        if input.is_empty() || input.len() > 64 {
            return Err(PhoneError::Invalid);
        }
        let region = phonenumber::country::Id::from_str(&default_country.to_ascii_uppercase())
            .map_err(|_| PhoneError::UnknownCountry)?;
        let parsed = phonenumber::parse(Some(region), input).map_err(|_| PhoneError::Invalid)?;
        if !phonenumber::is_valid(&parsed) {
            return Err(PhoneError::Invalid);
        }
        let country = parsed.country().id().map(|c| c.as_ref().to_string()).ok_or(PhoneError::Invalid)?;
        let e164 = parsed.format().mode(phonenumber::Mode::E164).to_string();
        Ok(Parsed { number: PhoneNumber { e164, country }, extension_removed: parsed.extension().is_some() })
    }

    /// A mobile number set aside for fiction (ACMA's 0491 570 156): what a password
    /// reset's decoy "calls", which is never dialled.
    pub fn fictional() -> Option<PhoneNumber> {
        PhoneNumber::parse("+61 491 570 156", "AU").ok().map(|p| p.number)
    }

    pub fn e164(&self) -> &str {
        &self.e164
    }

    pub fn country(&self) -> &str {
        &self.country
    }

    /// For lists and messages: calling code, first digit, last four (`+31 6 •••• 5678`).
    pub fn masked(&self) -> String {
        // The number's country names its calling code: no metadata to load.
        match calling_code(&self.country) {
            Some(code) => mask_after(&self.e164, &code.to_string()),
            None => mask_e164(&self.e164),
        }
    }
}

/// [`PhoneNumber::masked`] of a number given in E.164 (as a provider reports it).
pub fn mask_e164(e164: &str) -> String {
    let Ok(parsed) = phonenumber::parse(None, e164) else { return "••••".into() };
    mask_after(e164, &parsed.code().value().to_string())
}

/// `e164` masked after its calling code `code`.
fn mask_after(e164: &str, code: &str) -> String {
    let national: Vec<char> = e164.chars().filter(char::is_ascii_digit).skip(code.len()).collect();
    let first: String = national.iter().take(1).collect();
    let last: String = national[national.len().saturating_sub(4)..].iter().collect();
    format!("+{code} {first} •••• {last}")
}

/// The calling code of a region (`NL` → 31).
pub use crate::calling_codes::calling_code;

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(input: &str, country: &str) -> Result<(String, bool), PhoneError> {
        PhoneNumber::parse(input, country).map(|p| (p.number.e164, p.extension_removed))
    }

    #[test]
    fn the_fictional_number_parses() {
        assert_eq!(PhoneNumber::fictional().map(|n| n.e164), Some("+61491570156".to_string()));
    }

    #[test]
    fn real_world_formats() {
        for (input, country, want) in [
            ("06 12345678", "NL", "+31612345678"),
            ("06-12345678", "NL", "+31612345678"),
            ("+31 6 12345678", "US", "+31612345678"),
            ("0031 6 1234 5678", "NL", "+31612345678"),
            ("+31 (0)6 12345678", "NL", "+31612345678"),
            ("(425) 555-0100", "US", "+14255550100"),
            ("425.555.0100", "US", "+14255550100"),
            ("+44 20 7946 0958", "NL", "+442079460958"),
            ("020 7946 0958", "GB", "+442079460958"),
            ("0470 12 34 56", "BE", "+32470123456"),
            ("030 1234567", "DE", "+49301234567"),
        ] {
            assert_eq!(e164(input, country), Ok((want.to_string(), false)), "{input} ({country})");
        }
    }

    #[test]
    fn extensions_are_removed_and_reported() {
        assert_eq!(e164("+1 4255551234X12345", "US"), Ok(("+14255551234".into(), true)));
        assert_eq!(e164("+1 (425) 555-1234 ext. 12345", "NL"), Ok(("+14255551234".into(), true)));
    }

    #[test]
    fn refuses_what_is_not_a_valid_number() {
        for (input, country) in [
            ("", "NL"),
            ("12", "NL"),
            ("06 1234", "NL"),
            ("hello", "NL"),
            ("+999 123456", "NL"),
            ("0612345678901234", "NL"),
        ] {
            assert_eq!(e164(input, country), Err(PhoneError::Invalid), "{input}");
        }
        assert_eq!(e164("0612345678", "XX"), Err(PhoneError::UnknownCountry));
        assert_eq!(e164(&"1".repeat(65), "NL"), Err(PhoneError::Invalid));
    }

    #[test]
    fn calling_codes() {
        assert_eq!(calling_code("NL"), Some(31));
        assert_eq!(calling_code("us"), Some(1));
        assert_eq!(calling_code("XX"), None);
    }

    #[test]
    fn knows_the_region_and_masks() {
        let p = PhoneNumber::parse("06 12345678", "NL").unwrap().number;
        assert_eq!(p.country(), "NL");
        assert_eq!(p.masked(), "+31 6 •••• 5678");
        let us = PhoneNumber::parse("(425) 555-0100", "US").unwrap().number;
        assert_eq!(us.masked(), "+1 4 •••• 0100");
        // From the country's calling code as from the number's own (a provider's report).
        for (input, country) in [
            ("06 12345678", "NL"),
            ("+32 470 12 34 56", "NL"),
            ("+7 701 123 4567", "RU"),
            ("+44 7911 123456", "US"),
            ("+1 684 733 1234", "US"),
        ] {
            let n = PhoneNumber::parse(input, country).unwrap_or_else(|e| panic!("{input}: {e:?}")).number;
            assert_eq!(n.masked(), mask_e164(n.e164()), "{input}");
        }
    }
}
