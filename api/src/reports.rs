//! Reports for tenant admins: the authentication methods activity (as Entra's
//! report of that name): who registered what, how strong, and how the second step
//! went over the last 30 days.

use crate::users::Role;
use crate::{MethodKind, Millis};
use serde::{Deserialize, Serialize};

/// Days of second-step results the report counts.
pub const REPORT_DAYS: u32 = 30;

/// How strong a user's strongest second-step method is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// A security key or passkey (FIDO2).
    PhishingResistant,
    /// An authenticator app (or recovery codes).
    App,
    /// Text or call to a phone only.
    PhoneOnly,
    /// No second-step method.
    None,
}

impl Strength {
    pub const ALL: [Strength; 4] = [Strength::PhishingResistant, Strength::App, Strength::PhoneOnly, Strength::None];

    pub const fn as_str(self) -> &'static str {
        match self {
            Strength::PhishingResistant => "phishing-resistant",
            Strength::App => "app",
            Strength::PhoneOnly => "phone-only",
            Strength::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StrengthCount {
    pub strength: Strength,
    pub users: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MethodCount {
    pub method: MethodKind,
    pub users: u32,
}

/// Second steps with one kind of method over the report's days (`method` none:
/// failures whose method is not known).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MethodUsage {
    pub method: Option<MethodKind>,
    pub succeeded: u32,
    pub failed: u32,
}

/// One user's line (also the CSV's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportRow {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub mfa_registered: bool,
    pub reset_registered: bool,
    pub strength: Strength,
    pub methods: Vec<MethodKind>,
    pub last_sign_in_at: Option<Millis>,
}

/// `GET /api/v1/admin/reports/methods` (tenant admins); `…/methods.csv` gives the
/// rows as CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MethodsReport {
    pub generated_at: Millis,
    pub days: u32,
    pub users: u32,
    /// Users with a second-step method.
    pub mfa_registered: u32,
    /// Users with as many reset methods as the policy asks (none when reset is off).
    pub reset_registered: u32,
    pub by_strength: Vec<StrengthCount>,
    /// Users with each kind registered.
    pub by_method: Vec<MethodCount>,
    /// Usernames of users without any second-step method.
    pub without_mfa: Vec<String>,
    /// Usernames of admins without a phishing-resistant method.
    pub admins_without_phishing_resistant: Vec<String>,
    pub usage: Vec<MethodUsage>,
    pub rows: Vec<ReportRow>,
    /// The tenant has more users than one report reads: the figures cover the
    /// first ones (by username).
    pub truncated: bool,
}

/// The way a message goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Email,
    Sms,
    Call,
}

/// A message the providers would not take however often it was tried: it went to
/// the dead-letter queue (or was refused outright).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UndeliveredMessage {
    pub channel: Channel,
    /// The recipient, masked (`+31 6 •••• 5678`, `ad•••@contoso.com`).
    pub to: String,
    pub queued_at: Millis,
    pub failed_at: Millis,
}

/// Messages of the last 30 days that could not be delivered, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Undelivered {
    pub messages: Vec<UndeliveredMessage>,
}
