//! The domain's single error type; each variant maps to one stable API code.

use api::{ApiError, ErrorCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    UnknownTenant,
    Unauthenticated,
    InvalidCredentials,
    /// Throttled: too many failures or starts; retry after this many seconds.
    TooManyAttempts {
        retry_after: u64,
    },
    InvalidEmail,
    InvalidPhone,
    /// The tenant does not allow SMS/voice to the number's country.
    CountryNotAllowed,
    WorkEmailNotAllowed,
    MethodNotOffered,
    /// The organization turned this method (or the phone's mode) off.
    MethodTurnedOff,
    /// Added shortly before a "This wasn't me" report: on hold until kept.
    MethodSuspended,
    InvalidCode {
        attempts_left: u32,
    },
    /// Not six digits: refused without costing a try.
    MalformedCode,
    CodeExpired,
    /// All wrong tries used; a new code must be sent.
    CodeLocked,
    NoPendingVerification,
    ResendTooSoon {
        retry_after: u64,
    },
    MethodNotFound,
    DeliveryFailed,
    /// The session must pass the second sign-in step first.
    SecondStepRequired,
    /// Changing methods needs a second step within the last 10 minutes.
    RecentSecondStepRequired,
    /// Too many consecutive wrong codes at sign-in: locked for this many seconds,
    /// unless an administrator unlocks sooner.
    SecondStepLocked {
        retry_after: u64,
    },
    /// This password reset had its tries: it is over, start again.
    ResetLocked,
    /// A right code whose time step was already used.
    CodeAlreadyUsed,
    /// A recovery code spent before (each works once).
    RecoveryCodeUsed,
    /// A wrong code where no count of tries applies (sign-in, growing delays).
    WrongCode,
    InvalidName,
    NotMfaCapable,
    /// A security key's response failed a check of the WebAuthn ceremony.
    KeyRejected(crate::webauthn::Rejection),
    /// The key did not verify the user (PIN or biometrics).
    KeyNotVerified,
    KeyAlreadyRegistered,
    /// The key's signature counter went backwards: it may have been copied.
    KeyCloned,
    /// The browser answered after the challenge's five minutes.
    KeyExpired,
    /// Only tenant administrators may do this.
    Forbidden,
    AccessPassInvalid,
    AccessPassLimited,
    InvalidLifetime,
    UserNotFound,
    /// What the path names does not exist (a SCIM token).
    NotFound,
    ReportInvalid,
    PasswordResetRequired,
    /// "Change password": the current one is not right.
    CurrentPasswordWrong,
    /// The user is turned off (admin, or SCIM `active: false`).
    AccountDisabled,
    CallerNotVerified,
    UsernameTaken,
    InvalidUsername,
    InvalidDisplayName,
    InvalidPolicy(crate::policy::Problem),
    /// No grace period left: the required methods must be set up now.
    SkipNotAllowed,
    /// The tenant requires methods the user has not set up (and they have not
    /// skipped): only the setup flow answers.
    SetupRequired,
    InvalidAnswers(crate::questions::AnswerProblem),
    /// The tenant does not offer self-service password reset.
    ResetDisabled,
    /// No (valid) proof of work came with the request.
    WorkRequired,
    /// Not enough methods proven yet (or not a real account).
    ResetIncomplete,
    ResetExpired,
    WeakPassword(crate::password::Weakness),
    WrongAnswers,
    /// The 41st app password.
    TooManyAppPasswords,
    /// The account password at the app endpoint of a user with two-step verification.
    AppPasswordRequired,
    /// An app's redirect or logout address is not one we can send people to.
    InvalidRedirectUri,
    InvalidScope,
    ClientNotFound,
    TooManyClients,
    /// Storage or another runtime dependency failed; details go to the log only.
    Storage(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::UnknownTenant | Error::NotFound => ErrorCode::NotFound,
            Error::Unauthenticated => ErrorCode::Unauthenticated,
            Error::InvalidCredentials => ErrorCode::InvalidCredentials,
            Error::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Error::InvalidEmail => ErrorCode::InvalidEmail,
            Error::InvalidPhone => ErrorCode::InvalidPhone,
            Error::CountryNotAllowed => ErrorCode::CountryNotAllowed,
            Error::WorkEmailNotAllowed => ErrorCode::WorkEmailNotAllowed,
            Error::MethodNotOffered => ErrorCode::MethodNotOffered,
            Error::MethodTurnedOff => ErrorCode::MethodTurnedOff,
            Error::MethodSuspended => ErrorCode::MethodSuspended,
            Error::InvalidCode { .. } | Error::MalformedCode => ErrorCode::InvalidCode,
            Error::CodeExpired => ErrorCode::CodeExpired,
            Error::CodeLocked => ErrorCode::CodeLocked,
            Error::NoPendingVerification => ErrorCode::NoPendingVerification,
            Error::ResendTooSoon { .. } => ErrorCode::ResendTooSoon,
            Error::MethodNotFound => ErrorCode::MethodNotFound,
            Error::DeliveryFailed => ErrorCode::DeliveryFailed,
            Error::SecondStepRequired => ErrorCode::SecondStepRequired,
            Error::RecentSecondStepRequired => ErrorCode::RecentSecondStepRequired,
            Error::SecondStepLocked { .. } => ErrorCode::SecondStepLocked,
            Error::ResetLocked => ErrorCode::ResetLocked,
            Error::CodeAlreadyUsed => ErrorCode::CodeAlreadyUsed,
            Error::RecoveryCodeUsed => ErrorCode::RecoveryCodeUsed,
            Error::WrongCode => ErrorCode::InvalidCode,
            Error::InvalidName => ErrorCode::InvalidName,
            Error::NotMfaCapable => ErrorCode::NotMfaCapable,
            Error::KeyRejected(_) => ErrorCode::KeyRejected,
            Error::KeyNotVerified => ErrorCode::KeyNotVerified,
            Error::KeyAlreadyRegistered => ErrorCode::KeyAlreadyRegistered,
            Error::KeyCloned => ErrorCode::KeyCloned,
            Error::KeyExpired => ErrorCode::KeyExpired,
            Error::Forbidden => ErrorCode::Forbidden,
            Error::AccessPassInvalid => ErrorCode::AccessPassInvalid,
            Error::AccessPassLimited => ErrorCode::AccessPassLimited,
            Error::InvalidLifetime => ErrorCode::InvalidLifetime,
            Error::UserNotFound => ErrorCode::UserNotFound,
            Error::ReportInvalid => ErrorCode::ReportInvalid,
            Error::PasswordResetRequired => ErrorCode::PasswordResetRequired,
            Error::CurrentPasswordWrong => ErrorCode::CurrentPasswordWrong,
            Error::AccountDisabled => ErrorCode::AccountDisabled,
            Error::CallerNotVerified => ErrorCode::CallerNotVerified,
            Error::UsernameTaken => ErrorCode::UsernameTaken,
            Error::InvalidUsername => ErrorCode::InvalidUsername,
            Error::InvalidDisplayName => ErrorCode::InvalidDisplayName,
            Error::SkipNotAllowed => ErrorCode::SkipNotAllowed,
            Error::SetupRequired => ErrorCode::SetupRequired,
            Error::ResetDisabled => ErrorCode::ResetDisabled,
            Error::WorkRequired => ErrorCode::WorkRequired,
            Error::ResetIncomplete => ErrorCode::ResetIncomplete,
            Error::ResetExpired => ErrorCode::ResetExpired,
            Error::WrongAnswers => ErrorCode::WrongAnswers,
            Error::TooManyAppPasswords => ErrorCode::TooManyAppPasswords,
            Error::AppPasswordRequired => ErrorCode::AppPasswordRequired,
            Error::WeakPassword(w) => match w {
                crate::password::Weakness::Length => ErrorCode::PasswordLength,
                crate::password::Weakness::TooShortAlone => ErrorCode::PasswordTooShortAlone,
                crate::password::Weakness::Common => ErrorCode::PasswordCommon,
                crate::password::Weakness::ContainsUsername => ErrorCode::PasswordContainsUsername,
            },
            Error::InvalidAnswers(problem) => {
                use crate::questions::AnswerProblem;
                match problem {
                    AnswerProblem::WrongCount => ErrorCode::AnswersWrongCount,
                    AnswerProblem::QuestionNotOffered => ErrorCode::QuestionNotOffered,
                    AnswerProblem::QuestionRepeated => ErrorCode::QuestionRepeated,
                    AnswerProblem::TooShort => ErrorCode::AnswerTooShort,
                    AnswerProblem::SameAsQuestion => ErrorCode::AnswerIsQuestion,
                    AnswerProblem::AnswerRepeated => ErrorCode::AnswerRepeated,
                }
            }
            Error::InvalidPolicy(problem) => {
                use crate::policy::Problem;
                match problem {
                    Problem::NoMethods => ErrorCode::PolicyNoMethods,
                    Problem::RequiredNotAllowed => ErrorCode::PolicyRequiredNotAllowed,
                    Problem::InvalidCount => ErrorCode::PolicyInvalidCount,
                    Problem::InvalidCountry => ErrorCode::PolicyInvalidCountry,
                    Problem::InvalidDomain => ErrorCode::PolicyInvalidDomain,
                    Problem::InvalidGrace => ErrorCode::PolicyInvalidGrace,
                    Problem::InvalidRetention => ErrorCode::PolicyInvalidRetention,
                    Problem::InvalidReset => ErrorCode::PolicyInvalidReset,
                    Problem::InvalidSupport => ErrorCode::PolicyInvalidSupport,
                    Problem::InvalidName => ErrorCode::PolicyInvalidName,
                    Problem::InvalidColor => ErrorCode::PolicyInvalidColor,
                    Problem::InvalidQuestions => ErrorCode::PolicyInvalidQuestions,
                }
            }
            Error::InvalidRedirectUri => ErrorCode::InvalidRedirectUri,
            Error::InvalidScope => ErrorCode::InvalidScope,
            Error::ClientNotFound => ErrorCode::ClientNotFound,
            Error::TooManyClients => ErrorCode::TooManyClients,
            Error::Storage(_) => ErrorCode::Internal,
        }
    }
}

impl From<&Error> for ApiError {
    fn from(e: &Error) -> Self {
        let mut out = ApiError::new(e.code());
        match e {
            Error::TooManyAttempts { retry_after }
            | Error::ResendTooSoon { retry_after }
            | Error::SecondStepLocked { retry_after } => out.retry_after = Some(*retry_after),
            Error::InvalidCode { attempts_left } => out.attempts_left = Some(*attempts_left),
            _ => {}
        }
        out
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Storage(format!("corrupt record: {e}"))
    }
}

/// Whole seconds until `until`, at least one, for `Retry-After`.
pub fn seconds_until(now: api::Millis, until: api::Millis) -> u64 {
    until.saturating_sub(now).div_ceil(1000).max(1)
}
