//! Sign-in and the session the SPA sees.

use crate::{MethodKind, Millis};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

/// The signed-in user as the SPA shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Session {
    pub username: String,
    pub display_name: String,
    pub tenant_name: String,
    /// Send back in the `x-csrf-token` header on every state-changing request.
    pub csrf_token: String,
    pub second_step: SecondStep,
    /// What the tenant requires that the user has not registered yet ("More
    /// information required"); `None` when nothing is missing or it was skipped.
    #[serde(default)]
    pub setup: Option<Setup>,
    /// Tenant administrators see the admin's pages.
    #[serde(default)]
    pub admin: bool,
    /// The help desk sees the Users page (and acts on users' methods).
    #[serde(default)]
    pub help_desk: bool,
    /// Signed in with a Temporary Access Pass: until then, and only to register methods.
    #[serde(default)]
    pub access_pass_until: Option<Millis>,
}

/// A signed-in browser or app: one of the user's sessions ("Devices").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Device {
    /// The session's public id (not its token).
    pub id: String,
    /// e.g. "Firefox on Windows" (as activity entries describe it).
    pub device: String,
    /// ISO country code of the address it signed in from, when known.
    #[serde(default)]
    pub country: Option<String>,
    pub signed_in_at: Millis,
    pub last_active_at: Millis,
    /// The session of this request.
    #[serde(default)]
    pub current: bool,
}

/// The user's live sessions, most recently used first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Devices {
    pub devices: Vec<Device>,
}

/// The "Keep your account secure" wizard's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Setup {
    pub steps: Vec<SetupStep>,
    /// Kinds offered by "I want to set up a different method".
    pub alternatives: Vec<MethodKind>,
    /// "Skip for now" is offered (grace period), until this time.
    #[serde(default)]
    pub skip_until: Option<Millis>,
    /// The wizard ends with an App passwords step.
    #[serde(default)]
    pub app_passwords_step: bool,
    /// The App passwords step must be completed (no Cancel): the wizard is not done
    /// until the person has an app password.
    #[serde(default)]
    pub app_passwords_required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SetupStep {
    pub kind: MethodKind,
    pub done: bool,
}

// Read by the hand-written `Deserialize` below: the same JSON as the derived one, a
// third of its code.
/// Where the session stands with the second sign-in step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum SecondStep {
    /// The user has no method that can serve as a second step.
    NotRequired,
    /// Password accepted; one of these methods must be passed before anything else.
    Required { default_method: Option<String>, methods: Vec<MfaOption> },
    /// Passed at this time (changes to methods need it to be recent).
    Passed { at: Millis },
}

impl<'de> Deserialize<'de> for SecondStep {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            state: String,
            #[serde(default)]
            default_method: Option<String>,
            #[serde(default)]
            methods: Option<Vec<MfaOption>>,
            #[serde(default)]
            at: Option<Millis>,
        }
        let f = Flat::deserialize(d)?;
        Ok(match f.state.as_str() {
            "not-required" => SecondStep::NotRequired,
            "required" => SecondStep::Required {
                default_method: f.default_method,
                methods: f.methods.ok_or_else(|| D::Error::missing_field("methods"))?,
            },
            "passed" => SecondStep::Passed { at: f.at.ok_or_else(|| D::Error::missing_field("at"))? },
            other => return Err(D::Error::unknown_variant(other, &["not-required", "required", "passed"])),
        })
    }
}

/// A method that can serve as the second step, as "Sign in another way" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MfaOption {
    pub id: String,
    pub kind: MethodKind,
    /// The user's name for it, e.g. the authenticator app's name.
    pub label: String,
    /// Phones reached by a call rather than a text.
    #[serde(default)]
    pub by_call: bool,
}

/// `POST /api/v1/session/second-step`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecondStepProof {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::shapes::METHOD_ID)))]
    pub method_id: String,
    pub code: String,
    /// For methods that were sent a code (phone): the challenge it belongs to.
    #[serde(default)]
    pub challenge_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_second_step_reads_back_as_written() {
        let option =
            MfaOption { id: "m1".into(), kind: MethodKind::Phone, label: "+31 ••• 78".into(), by_call: true };
        for step in [
            SecondStep::NotRequired,
            SecondStep::Required { default_method: Some("m1".into()), methods: vec![option.clone()] },
            SecondStep::Required { default_method: None, methods: vec![] },
            SecondStep::Passed { at: 1_700_000_000_000 },
        ] {
            let json = serde_json::to_string(&step).unwrap();
            assert_eq!(serde_json::from_str::<SecondStep>(&json).unwrap(), step, "{json}");
        }
        assert_eq!(serde_json::to_string(&SecondStep::Passed { at: 5 }).unwrap(), r#"{"state":"passed","at":5}"#);
        for bad in [r#"{"state":"passed"}"#, r#"{"state":"required"}"#, r#"{"state":"maybe"}"#, r#"{}"#] {
            assert!(serde_json::from_str::<SecondStep>(bad).is_err(), "{bad}");
        }
    }
}
