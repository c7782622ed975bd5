//! Self-service password reset: prove enough methods, then set a new password.
//! Every step carries the reset's `ticket`, a random token held by the page.

use crate::{AssertionCredential, MethodKind};
use serde::{Deserialize, Serialize};

/// `GET /api/v1/reset/challenge`: work to do before starting a reset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WorkChallenge {
    pub challenge: String,
    pub bits: u32,
}

/// `POST /api/v1/reset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StartReset {
    pub username: String,
    pub challenge: String,
    pub nonce: u64,
}

/// What the account can prove with. An unknown username gets an answer of the
/// same shape, so the page cannot tell whether an account exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResetStarted {
    pub ticket: String,
    /// How many different methods must be proven (1 or 2).
    pub required: u8,
    pub options: Vec<ResetOption>,
    pub expires_at: crate::Millis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResetOption {
    pub id: String,
    pub kind: MethodKind,
    /// Masked address or number, or the method's name.
    pub label: String,
}

/// How far a reset is: methods proven of those required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResetProgress {
    pub passed: Vec<String>,
    pub required: u8,
}

/// `POST /api/v1/reset/send`, `/questions`, `/security-key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetStep {
    pub ticket: String,
    pub option_id: String,
}

/// `POST /api/v1/reset/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetCode {
    pub ticket: String,
    pub option_id: String,
    pub code: String,
    /// For codes that were sent: the challenge from `/send`.
    #[serde(default)]
    pub challenge_id: Option<String>,
}

/// `POST /api/v1/reset/answers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetAnswers {
    pub ticket: String,
    pub option_id: String,
    pub answers: Vec<crate::Answer>,
}

/// `POST /api/v1/reset/security-key/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetKeyProof {
    pub ticket: String,
    pub challenge_id: String,
    pub credential: AssertionCredential,
}

/// `POST /api/v1/reset/call/status`: how a reset's confirmation call is going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetCallCheck {
    pub ticket: String,
    pub option_id: String,
    pub call_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResetCallStatus {
    pub state: crate::CallState,
    /// Once confirmed: the reset's progress.
    #[serde(default)]
    pub progress: Option<ResetProgress>,
}

/// `POST /api/v1/reset/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    pub ticket: String,
    pub password: String,
}

/// `POST /api/v1/password`: "Change password" while signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current: String,
    pub new: String,
}
