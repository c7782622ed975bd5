//! Security info: registered methods and the email registration flow.

use crate::{Advice, Millis};
use serde::{Deserialize, Serialize};

// Phone and call types live in `phone`; listed here too, where the methods' wire types are.
pub use crate::phone::{CallStarted, CallState, CallStatus, PhoneCountry, PhoneMode, StartPhone};

/// Every kind of sign-in method the product knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MethodKind {
    AuthenticatorApp,
    Phone,
    AlternatePhone,
    SecurityKey,
    Email,
    SecurityQuestions,
    AppPassword,
    RecoveryCodes,
}

impl<'de> Deserialize<'de> for MethodKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::by_name(d, &MethodKind::ALL, MethodKind::as_str)
    }
}

impl MethodKind {
    pub const ALL: [MethodKind; 8] = [
        MethodKind::AuthenticatorApp,
        MethodKind::Phone,
        MethodKind::AlternatePhone,
        MethodKind::SecurityKey,
        MethodKind::Email,
        MethodKind::SecurityQuestions,
        MethodKind::AppPassword,
        MethodKind::RecoveryCodes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MethodKind::AuthenticatorApp => "authenticator-app",
            MethodKind::Phone => "phone",
            MethodKind::AlternatePhone => "alternate-phone",
            MethodKind::SecurityKey => "security-key",
            MethodKind::Email => "email",
            MethodKind::SecurityQuestions => "security-questions",
            MethodKind::AppPassword => "app-password",
            MethodKind::RecoveryCodes => "recovery-codes",
        }
    }
}

/// A registered method as listed on the Security info page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MethodView {
    pub id: String,
    pub detail: MethodDetail,
    pub created_at: Millis,
    #[serde(default)]
    pub last_used_at: Option<Millis>,
    /// The organization turned this kind (or the phone's mode) off: kept, but it
    /// cannot be used to sign in or reset until it is turned on again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub turned_off: bool,
    /// Added in the days before the user reported a change as not theirs: it
    /// cannot be used until the user keeps it (or deletes it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspended: bool,
}

// Read by the hand-written `Deserialize` below: the same JSON as the derived one for
// a fraction of its code (the derived one was the SPA's largest function, 19 KB).
/// What the list shows of each kind; secrets never leave the worker.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum MethodDetail {
    Email {
        masked_address: String,
    },
    AuthenticatorApp {
        name: String,
    },
    Phone {
        masked_number: String,
        mode: PhoneMode,
    },
    AlternatePhone {
        masked_number: String,
    },
    SecurityQuestions {
        /// How many questions are answered (the answers never leave the worker).
        count: u8,
    },
    AppPassword {
        name: String,
    },
    /// A set of single-use backup codes; how many of it are still unused.
    RecoveryCodes {
        remaining: u8,
        total: u8,
    },
    SecurityKey {
        name: String,
        /// Its signature counter went backwards once: the key may have been copied.
        #[serde(default)]
        possibly_cloned: bool,
        /// The authenticator model, when its AAGUID is in our table.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        model: Option<String>,
    },
}

impl<'de> Deserialize<'de> for MethodDetail {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            kind: String,
            #[serde(default)]
            masked_address: Option<String>,
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            masked_number: Option<String>,
            #[serde(default)]
            mode: Option<PhoneMode>,
            #[serde(default)]
            count: Option<u8>,
            #[serde(default)]
            remaining: Option<u8>,
            #[serde(default)]
            total: Option<u8>,
            #[serde(default)]
            possibly_cloned: bool,
            #[serde(default)]
            model: Option<String>,
        }
        fn field<T, E: Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(name))
        }
        let f = Flat::deserialize(d)?;
        Ok(match f.kind.as_str() {
            "email" => MethodDetail::Email { masked_address: field(f.masked_address, "masked_address")? },
            "authenticator-app" => MethodDetail::AuthenticatorApp { name: field(f.name, "name")? },
            "phone" => MethodDetail::Phone {
                masked_number: field(f.masked_number, "masked_number")?,
                mode: field(f.mode, "mode")?,
            },
            "alternate-phone" => {
                MethodDetail::AlternatePhone { masked_number: field(f.masked_number, "masked_number")? }
            }
            "security-questions" => MethodDetail::SecurityQuestions { count: field(f.count, "count")? },
            "app-password" => MethodDetail::AppPassword { name: field(f.name, "name")? },
            "recovery-codes" => MethodDetail::RecoveryCodes {
                remaining: field(f.remaining, "remaining")?,
                total: field(f.total, "total")?,
            },
            "security-key" => MethodDetail::SecurityKey {
                name: field(f.name, "name")?,
                possibly_cloned: f.possibly_cloned,
                model: f.model,
            },
            other => return Err(D::Error::unknown_variant(other, &["email", "…"])),
        })
    }
}

/// `POST /api/v1/session/second-step/send`: send a code to a phone method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SendSecondStepCode {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::METHOD_ID)))]
    pub method_id: String,
}

impl MethodDetail {
    pub fn kind(&self) -> MethodKind {
        match self {
            MethodDetail::Email { .. } => MethodKind::Email,
            MethodDetail::AuthenticatorApp { .. } => MethodKind::AuthenticatorApp,
            MethodDetail::Phone { .. } => MethodKind::Phone,
            MethodDetail::AlternatePhone { .. } => MethodKind::AlternatePhone,
            MethodDetail::SecurityKey { .. } => MethodKind::SecurityKey,
            MethodDetail::SecurityQuestions { .. } => MethodKind::SecurityQuestions,
            MethodDetail::AppPassword { .. } => MethodKind::AppPassword,
            MethodDetail::RecoveryCodes { .. } => MethodKind::RecoveryCodes,
        }
    }
}

/// `GET /api/v1/methods`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SecurityInfo {
    /// Id of the default sign-in method; `None` until an MFA-capable method exists.
    pub default_method: Option<String>,
    pub methods: Vec<MethodView>,
    /// Kinds the tenant allows and the user may still add, in display order.
    pub addable: Vec<MethodKind>,
    /// Where phone numbers may come from (the tenant's SMS/voice countries).
    #[serde(default)]
    pub phone_countries: Vec<PhoneCountry>,
    /// How phones may be registered: text message, call or both.
    #[serde(default)]
    pub phone_modes: Vec<PhoneMode>,
    /// Account health: concrete advice, most important first; empty when all is well.
    #[serde(default)]
    pub advice: Vec<Advice>,
    /// The user is signed in to one of the organization's apps (they are listed at
    /// `GET /api/v1/apps`).
    #[serde(default)]
    pub connected_apps: bool,
}

/// `POST /api/v1/methods/email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StartEmail {
    pub address: String,
}

/// A code is on its way; the SPA shows where and when it may ask for another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PendingVerification {
    pub challenge_id: String,
    pub masked_destination: String,
    pub expires_at: Millis,
    pub resend_at: Millis,
    /// A phone extension was dropped: codes go to the main number.
    #[serde(default)]
    pub extension_removed: bool,
}

/// `POST /api/v1/methods/email/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifyCode {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::CHALLENGE_ID)))]
    pub challenge_id: String,
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::SIX_DIGITS)))]
    pub code: String,
}

/// `POST /api/v1/methods/authenticator`: what the user needs to set up the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuthenticatorSetup {
    pub challenge_id: String,
    /// The `otpauth://` URI as a QR code (SVG), rendered by the worker.
    pub qr_svg: String,
    pub uri: String,
    /// Base32 secret in groups of four, for "Can't scan image?".
    pub secret: String,
    pub account: String,
    pub issuer: String,
    pub expires_at: Millis,
}

/// `POST /api/v1/methods/authenticator/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifyAuthenticator {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::CHALLENGE_ID)))]
    pub challenge_id: String,
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::SIX_DIGITS)))]
    pub code: String,
    /// Name to list it under; the issuer's name when empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::NAME_OR_BLANK)))]
    pub name: String,
}

/// `POST /api/v1/methods/app-password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAppPassword {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::NAME)))]
    pub name: String,
}

/// The new app password, shown once (four groups of four letters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AppPasswordCreated {
    pub method: MethodView,
    pub password: String,
}

/// `POST /api/v1/methods/recovery-codes`: a new set, replacing any earlier one,
/// shown once (each `xxxx-xxxx-xxxx`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RecoveryCodesCreated {
    pub method: MethodView,
    pub codes: Vec<String>,
}

/// `GET /api/v1/legacy/whoami` with HTTP Basic authentication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WhoAmI {
    pub username: String,
    pub display_name: String,
}

/// A security question in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Question {
    pub id: String,
    pub text: String,
}

/// `GET /api/v1/methods/security-questions`: what to choose from, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QuestionChoices {
    pub questions: Vec<Question>,
    pub register: u8,
    pub min_length: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub question_id: String,
    pub answer: String,
}

/// `PUT /api/v1/methods/security-questions`: all answers (replaces earlier ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SetAnswers {
    pub answers: Vec<Answer>,
}

/// `PATCH /api/v1/methods/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rename {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::NAME)))]
    pub name: String,
}

/// `PUT /api/v1/default-method`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseDefault {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::METHOD_ID)))]
    pub method_id: String,
}

/// `POST /api/v1/methods/keep`: keep a method suspended after a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeepMethod {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::METHOD_ID)))]
    pub method_id: String,
}

/// `POST /api/v1/methods/email/resend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Resend {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::CHALLENGE_ID)))]
    pub challenge_id: String,
}

#[cfg(test)]
mod tests;
