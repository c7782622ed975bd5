//! Stable machine codes for every error the API returns. The SPA shows the Fluent
//! message `error-<code>`; a test checks that every code has one in every locale.

use serde::{Deserialize, Serialize};

// Read by the hand-written `Deserialize` below (through `as_str`, which the SPA needs
// anyway): the derived one's matcher of 87 names was 6.5 KB of the SPA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    BadRequest,
    UnsupportedMediaType,
    UnknownField,
    BodyTooLarge,
    CsrfRejected,
    NotFound,
    MethodNotAllowed,
    Unauthenticated,
    InvalidCredentials,
    TooManyAttempts,
    InvalidEmail,
    WorkEmailNotAllowed,
    MethodNotOffered,
    MethodTurnedOff,
    MethodSuspended,
    InvalidCode,
    CodeExpired,
    CodeLocked,
    NoPendingVerification,
    ResendTooSoon,
    MethodNotFound,
    DeliveryFailed,
    InvalidPhone,
    CountryNotAllowed,
    SecondStepRequired,
    RecentSecondStepRequired,
    SecondStepLocked,
    CodeAlreadyUsed,
    // (No doc comments on variants: schemars would turn the enum into a oneOf.)
    RecoveryCodeUsed,
    InvalidName,
    NotMfaCapable,
    KeyRejected,
    KeyNotVerified,
    KeyAlreadyRegistered,
    KeyCloned,
    KeyExpired,
    Forbidden,
    PolicyNoMethods,
    PolicyRequiredNotAllowed,
    PolicyInvalidCount,
    PolicyInvalidCountry,
    PolicyInvalidDomain,
    PolicyInvalidGrace,
    PolicyInvalidName,
    PolicyInvalidColor,
    PolicyInvalidRetention,
    PolicyInvalidReset,
    PolicyInvalidSupport,
    CurrentPasswordWrong,
    SkipNotAllowed,
    SetupRequired,
    AnswersWrongCount,
    QuestionNotOffered,
    QuestionRepeated,
    AnswerTooShort,
    AnswerIsQuestion,
    AnswerRepeated,
    PolicyInvalidQuestions,
    ResetDisabled,
    WorkRequired,
    ResetNotEnoughMethods,
    ResetIncomplete,
    ResetExpired,
    ResetLocked,
    WrongAnswers,
    PasswordLength,
    PasswordTooShortAlone,
    PasswordCommon,
    PasswordContainsUsername,
    TooManyAppPasswords,
    AppPasswordRequired,
    AccessPassInvalid,
    AccessPassLimited,
    InvalidLifetime,
    UserNotFound,
    ReportInvalid,
    PasswordResetRequired,
    InvalidRedirectUri,
    InvalidScope,
    ClientNotFound,
    TooManyClients,
    AccountDisabled,
    UsernameTaken,
    InvalidUsername,
    InvalidDisplayName,
    // A help desk action before the caller was verified (`verify-caller`).
    CallerNotVerified,
    Internal,
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::by_name(d, &ErrorCode::ALL, ErrorCode::as_str)
    }
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 87] = [
        ErrorCode::BadRequest,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::UnknownField,
        ErrorCode::BodyTooLarge,
        ErrorCode::CsrfRejected,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Unauthenticated,
        ErrorCode::InvalidCredentials,
        ErrorCode::TooManyAttempts,
        ErrorCode::InvalidEmail,
        ErrorCode::WorkEmailNotAllowed,
        ErrorCode::MethodNotOffered,
        ErrorCode::MethodTurnedOff,
        ErrorCode::MethodSuspended,
        ErrorCode::InvalidCode,
        ErrorCode::CodeExpired,
        ErrorCode::CodeLocked,
        ErrorCode::NoPendingVerification,
        ErrorCode::ResendTooSoon,
        ErrorCode::MethodNotFound,
        ErrorCode::DeliveryFailed,
        ErrorCode::InvalidPhone,
        ErrorCode::CountryNotAllowed,
        ErrorCode::SecondStepRequired,
        ErrorCode::RecentSecondStepRequired,
        ErrorCode::SecondStepLocked,
        ErrorCode::CodeAlreadyUsed,
        ErrorCode::RecoveryCodeUsed,
        ErrorCode::InvalidName,
        ErrorCode::NotMfaCapable,
        ErrorCode::KeyRejected,
        ErrorCode::KeyNotVerified,
        ErrorCode::KeyAlreadyRegistered,
        ErrorCode::KeyCloned,
        ErrorCode::KeyExpired,
        ErrorCode::Forbidden,
        ErrorCode::PolicyNoMethods,
        ErrorCode::PolicyRequiredNotAllowed,
        ErrorCode::PolicyInvalidCount,
        ErrorCode::PolicyInvalidCountry,
        ErrorCode::PolicyInvalidDomain,
        ErrorCode::PolicyInvalidGrace,
        ErrorCode::PolicyInvalidName,
        ErrorCode::PolicyInvalidColor,
        ErrorCode::PolicyInvalidRetention,
        ErrorCode::PolicyInvalidReset,
        ErrorCode::PolicyInvalidSupport,
        ErrorCode::CurrentPasswordWrong,
        ErrorCode::SkipNotAllowed,
        ErrorCode::SetupRequired,
        ErrorCode::AnswersWrongCount,
        ErrorCode::QuestionNotOffered,
        ErrorCode::QuestionRepeated,
        ErrorCode::AnswerTooShort,
        ErrorCode::AnswerIsQuestion,
        ErrorCode::AnswerRepeated,
        ErrorCode::PolicyInvalidQuestions,
        ErrorCode::ResetDisabled,
        ErrorCode::WorkRequired,
        ErrorCode::ResetNotEnoughMethods,
        ErrorCode::ResetIncomplete,
        ErrorCode::ResetExpired,
        ErrorCode::ResetLocked,
        ErrorCode::WrongAnswers,
        ErrorCode::PasswordLength,
        ErrorCode::PasswordTooShortAlone,
        ErrorCode::PasswordCommon,
        ErrorCode::PasswordContainsUsername,
        ErrorCode::TooManyAppPasswords,
        ErrorCode::AppPasswordRequired,
        ErrorCode::AccessPassInvalid,
        ErrorCode::AccessPassLimited,
        ErrorCode::InvalidLifetime,
        ErrorCode::UserNotFound,
        ErrorCode::ReportInvalid,
        ErrorCode::PasswordResetRequired,
        ErrorCode::InvalidRedirectUri,
        ErrorCode::InvalidScope,
        ErrorCode::ClientNotFound,
        ErrorCode::TooManyClients,
        ErrorCode::AccountDisabled,
        ErrorCode::UsernameTaken,
        ErrorCode::InvalidUsername,
        ErrorCode::InvalidDisplayName,
        ErrorCode::CallerNotVerified,
        ErrorCode::Internal,
    ];

    /// The wire spelling, also the suffix of the Fluent message id.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad-request",
            ErrorCode::UnsupportedMediaType => "unsupported-media-type",
            ErrorCode::UnknownField => "unknown-field",
            ErrorCode::BodyTooLarge => "body-too-large",
            ErrorCode::CsrfRejected => "csrf-rejected",
            ErrorCode::NotFound => "not-found",
            ErrorCode::MethodNotAllowed => "method-not-allowed",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::InvalidCredentials => "invalid-credentials",
            ErrorCode::TooManyAttempts => "too-many-attempts",
            ErrorCode::InvalidEmail => "invalid-email",
            ErrorCode::WorkEmailNotAllowed => "work-email-not-allowed",
            ErrorCode::MethodNotOffered => "method-not-offered",
            ErrorCode::MethodTurnedOff => "method-turned-off",
            ErrorCode::MethodSuspended => "method-suspended",
            ErrorCode::InvalidCode => "invalid-code",
            ErrorCode::CodeExpired => "code-expired",
            ErrorCode::CodeLocked => "code-locked",
            ErrorCode::NoPendingVerification => "no-pending-verification",
            ErrorCode::ResendTooSoon => "resend-too-soon",
            ErrorCode::MethodNotFound => "method-not-found",
            ErrorCode::DeliveryFailed => "delivery-failed",
            ErrorCode::InvalidPhone => "invalid-phone",
            ErrorCode::CountryNotAllowed => "country-not-allowed",
            ErrorCode::SecondStepRequired => "second-step-required",
            ErrorCode::RecentSecondStepRequired => "recent-second-step-required",
            ErrorCode::SecondStepLocked => "second-step-locked",
            ErrorCode::CodeAlreadyUsed => "code-already-used",
            ErrorCode::RecoveryCodeUsed => "recovery-code-used",
            ErrorCode::InvalidName => "invalid-name",
            ErrorCode::NotMfaCapable => "not-mfa-capable",
            ErrorCode::KeyRejected => "key-rejected",
            ErrorCode::KeyNotVerified => "key-not-verified",
            ErrorCode::KeyAlreadyRegistered => "key-already-registered",
            ErrorCode::KeyCloned => "key-cloned",
            ErrorCode::KeyExpired => "key-expired",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::PolicyNoMethods => "policy-no-methods",
            ErrorCode::PolicyRequiredNotAllowed => "policy-required-not-allowed",
            ErrorCode::PolicyInvalidCount => "policy-invalid-count",
            ErrorCode::PolicyInvalidCountry => "policy-invalid-country",
            ErrorCode::PolicyInvalidDomain => "policy-invalid-domain",
            ErrorCode::PolicyInvalidGrace => "policy-invalid-grace",
            ErrorCode::PolicyInvalidName => "policy-invalid-name",
            ErrorCode::PolicyInvalidColor => "policy-invalid-color",
            ErrorCode::PolicyInvalidRetention => "policy-invalid-retention",
            ErrorCode::PolicyInvalidReset => "policy-invalid-reset",
            ErrorCode::PolicyInvalidSupport => "policy-invalid-support",
            ErrorCode::CurrentPasswordWrong => "current-password-wrong",
            ErrorCode::SkipNotAllowed => "skip-not-allowed",
            ErrorCode::SetupRequired => "setup-required",
            ErrorCode::AnswersWrongCount => "answers-wrong-count",
            ErrorCode::QuestionNotOffered => "question-not-offered",
            ErrorCode::QuestionRepeated => "question-repeated",
            ErrorCode::AnswerTooShort => "answer-too-short",
            ErrorCode::AnswerIsQuestion => "answer-is-question",
            ErrorCode::AnswerRepeated => "answer-repeated",
            ErrorCode::PolicyInvalidQuestions => "policy-invalid-questions",
            ErrorCode::ResetDisabled => "reset-disabled",
            ErrorCode::WorkRequired => "work-required",
            ErrorCode::ResetNotEnoughMethods => "reset-not-enough-methods",
            ErrorCode::ResetIncomplete => "reset-incomplete",
            ErrorCode::ResetExpired => "reset-expired",
            ErrorCode::ResetLocked => "reset-locked",
            ErrorCode::WrongAnswers => "wrong-answers",
            ErrorCode::PasswordLength => "password-length",
            ErrorCode::PasswordTooShortAlone => "password-too-short-alone",
            ErrorCode::PasswordCommon => "password-common",
            ErrorCode::PasswordContainsUsername => "password-contains-username",
            ErrorCode::TooManyAppPasswords => "too-many-app-passwords",
            ErrorCode::AppPasswordRequired => "app-password-required",
            ErrorCode::AccessPassInvalid => "access-pass-invalid",
            ErrorCode::AccessPassLimited => "access-pass-limited",
            ErrorCode::InvalidLifetime => "invalid-lifetime",
            ErrorCode::UserNotFound => "user-not-found",
            ErrorCode::ReportInvalid => "report-invalid",
            ErrorCode::PasswordResetRequired => "password-reset-required",
            ErrorCode::InvalidRedirectUri => "invalid-redirect-uri",
            ErrorCode::InvalidScope => "invalid-scope",
            ErrorCode::ClientNotFound => "client-not-found",
            ErrorCode::TooManyClients => "too-many-clients",
            ErrorCode::AccountDisabled => "account-disabled",
            ErrorCode::UsernameTaken => "username-taken",
            ErrorCode::InvalidUsername => "invalid-username",
            ErrorCode::InvalidDisplayName => "invalid-display-name",
            ErrorCode::CallerNotVerified => "caller-not-verified",
            ErrorCode::Internal => "internal",
        }
    }

    /// HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest
            | ErrorCode::UnknownField
            | ErrorCode::InvalidEmail
            | ErrorCode::WorkEmailNotAllowed
            | ErrorCode::InvalidCode
            | ErrorCode::CodeExpired => 400,
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => 401,
            ErrorCode::CsrfRejected
            | ErrorCode::MethodNotOffered
            | ErrorCode::MethodTurnedOff
            | ErrorCode::MethodSuspended => 403,
            ErrorCode::NotFound | ErrorCode::MethodNotFound | ErrorCode::NoPendingVerification => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::TooManyAttempts | ErrorCode::ResendTooSoon | ErrorCode::CodeLocked => 429,
            ErrorCode::SecondStepRequired | ErrorCode::RecentSecondStepRequired | ErrorCode::SecondStepLocked => 403,
            ErrorCode::CodeAlreadyUsed
            | ErrorCode::RecoveryCodeUsed
            | ErrorCode::InvalidName
            | ErrorCode::NotMfaCapable => 400,
            ErrorCode::InvalidPhone | ErrorCode::CountryNotAllowed => 400,
            ErrorCode::KeyRejected | ErrorCode::KeyNotVerified | ErrorCode::KeyExpired => 400,
            ErrorCode::KeyAlreadyRegistered | ErrorCode::TooManyAppPasswords => 409,
            ErrorCode::AppPasswordRequired | ErrorCode::AccessPassInvalid => 401,
            ErrorCode::AccessPassLimited => 403,
            ErrorCode::InvalidLifetime => 400,
            ErrorCode::UserNotFound | ErrorCode::ReportInvalid => 404,
            ErrorCode::PasswordResetRequired => 403,
            ErrorCode::AccountDisabled => 403,
            ErrorCode::UsernameTaken => 409,
            ErrorCode::InvalidUsername => 400,
            ErrorCode::InvalidDisplayName => 400,
            ErrorCode::CallerNotVerified => 403,
            ErrorCode::KeyCloned => 403,
            ErrorCode::Forbidden | ErrorCode::SkipNotAllowed | ErrorCode::SetupRequired => 403,
            ErrorCode::ResetDisabled | ErrorCode::ResetNotEnoughMethods | ErrorCode::ResetIncomplete => 403,
            ErrorCode::WorkRequired
            | ErrorCode::ResetExpired
            | ErrorCode::ResetLocked
            | ErrorCode::WrongAnswers
            | ErrorCode::PasswordLength
            | ErrorCode::PasswordTooShortAlone
            | ErrorCode::PasswordCommon
            | ErrorCode::PasswordContainsUsername => 400,
            ErrorCode::AnswersWrongCount
            | ErrorCode::QuestionNotOffered
            | ErrorCode::QuestionRepeated
            | ErrorCode::AnswerTooShort
            | ErrorCode::AnswerIsQuestion
            | ErrorCode::AnswerRepeated
            | ErrorCode::PolicyInvalidQuestions => 400,
            ErrorCode::PolicyNoMethods
            | ErrorCode::PolicyRequiredNotAllowed
            | ErrorCode::PolicyInvalidCount
            | ErrorCode::PolicyInvalidCountry
            | ErrorCode::PolicyInvalidDomain
            | ErrorCode::PolicyInvalidGrace
            | ErrorCode::PolicyInvalidName
            | ErrorCode::PolicyInvalidColor
            | ErrorCode::PolicyInvalidRetention
            | ErrorCode::PolicyInvalidReset
            | ErrorCode::PolicyInvalidSupport
            | ErrorCode::CurrentPasswordWrong => 400,
            ErrorCode::InvalidRedirectUri | ErrorCode::InvalidScope => 400,
            ErrorCode::ClientNotFound => 404,
            ErrorCode::TooManyClients => 409,
            ErrorCode::Internal => 500,
            ErrorCode::DeliveryFailed => 502,
        }
    }
}

/// The body of every non-2xx API response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// Seconds until the action may be tried again (throttling, resend cooldown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Wrong tries left before the code is locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        ApiError { code, retry_after: None, attempts_left: None }
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

#[cfg(test)]
mod tests;
