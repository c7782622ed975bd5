//! Phones on the wire: how a phone is reached, the countries offered, registering a
//! number, and the confirmation call the page waits on.

use crate::{MethodView, Millis};
use serde::{Deserialize, Serialize};

/// How a phone method reaches its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PhoneMode {
    Text,
    Call,
}

impl PhoneMode {
    pub const ALL: [PhoneMode; 2] = [PhoneMode::Text, PhoneMode::Call];

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneMode::Text => "text",
            PhoneMode::Call => "call",
        }
    }
}

impl<'de> Deserialize<'de> for PhoneMode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::by_name(d, &PhoneMode::ALL, PhoneMode::as_str)
    }
}

/// A country people may register phone numbers from, with its calling code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PhoneCountry {
    /// ISO 3166-1 alpha-2, e.g. `NL`.
    pub code: String,
    pub calling_code: u16,
}

/// `POST /api/v1/methods/phone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StartPhone {
    /// Country of a national number (ignored for numbers starting with `+`).
    pub country: String,
    pub number: String,
}

/// A confirmation call was placed; the page polls its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CallStarted {
    pub call_id: String,
    pub masked_number: String,
    /// Two digits the page shows: the callee types them before `#`, so a call the
    /// user did not start proves nothing (NIST SP 800-63B-4 out-of-band secret).
    pub digits: String,
    pub expires_at: Millis,
    #[serde(default)]
    pub extension_removed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CallState {
    Calling,
    Confirmed,
    /// Not answered, not confirmed with `#`, or timed out: "we couldn't reach you".
    Failed,
}

/// `GET /api/v1/calls/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CallStatus {
    pub state: CallState,
    /// The method a confirmed registration call added.
    #[serde(default)]
    pub method: Option<MethodView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_read_back_as_written() {
        for mode in PhoneMode::ALL {
            let json = serde_json::to_string(&mode).unwrap();
            assert_eq!(json, format!("\"{}\"", mode.as_str()));
            assert_eq!(serde_json::from_str::<PhoneMode>(&json).unwrap(), mode);
        }
        assert!(serde_json::from_str::<PhoneMode>(r#""fax""#).is_err());
    }
}
