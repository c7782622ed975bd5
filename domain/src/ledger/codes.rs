//! Codes sent and calls placed, waiting for the user: kept in a user's ledger and
//! in a password reset's, with the ledger's own send limit. The operations here are
//! shared by every kind that has them.

use super::pending::Pending;
use super::{Blocked, Kind, Request};
use crate::code::{Challenge, ChallengeError, CodeDigest, OneTimeCode, Purpose};
use crate::throttle::{Limit, Window};
use crate::voice::{CallPurpose, CallState, PendingCall};
use crate::Millis;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codes {
    #[serde(default)]
    pub(super) challenges: Pending<Challenge>,
    #[serde(default)]
    pub(super) calls: Pending<PendingCall>,
    #[serde(default)]
    pub(super) sends: Window,
}

impl Codes {
    pub(super) fn prune(&mut self, now: Millis) {
        self.challenges.prune(now);
        self.calls.prune(now);
    }

    pub(super) fn forget_at(&self) -> Option<Millis> {
        [self.challenges.forget_at(), self.calls.forget_at(), self.sends.forget_at()].into_iter().flatten().max()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.challenges.is_empty() && self.calls.is_empty() && self.sends.is_empty()
    }
}

/// A kind with a send limit of its own.
pub trait HasSends: Kind<Op: From<RecordSend>> {
    fn sends(&mut self) -> &mut Window;
}

/// A kind that keeps codes and calls.
pub trait HasCodes:
    HasSends
    + Kind<
        Op: From<StartChallenge>
                + From<ResendChallenge>
                + From<VerifyChallenge>
                + From<StartCall>
                + From<AnswerCall>
                + From<TakeCall>
                + From<EndCall>,
    >
{
    fn codes(&mut self) -> &mut Codes;
}

/// Why no code was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "refused", rename_all = "kebab-case")]
pub enum NotSent {
    /// The ledger's send limit is reached.
    Blocked {
        until: Millis,
    },
    Failed {
        error: ChallengeError,
    },
}

/// Counts a text or call against this ledger's send limit, if it allows one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSend {
    pub limit: Limit,
}

impl<K: HasSends> Request<K> for RecordSend {
    type Reply = Result<(), Blocked>;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply {
        ledger.sends().try_record(self.limit, now).map_err(|until| Blocked { until })
    }
}

/// Keeps a new challenge if the send limit allows another code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartChallenge {
    pub challenge: Challenge,
    pub limit: Limit,
}

impl<K: HasCodes> Request<K> for StartChallenge {
    type Reply = Result<Challenge, NotSent>;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply {
        let Self { challenge, limit } = self;
        let codes = ledger.codes();
        // A new code to where one just went waits like a resend does, so
        // repeated starts cannot burn the destination's budget.
        let waiting = codes.challenges.iter().filter(|c| c.purpose == challenge.purpose);
        if let Some(resend_at) = waiting.map(Challenge::resend_at).filter(|at| now < *at).max() {
            return Err(NotSent::Failed { error: ChallengeError::ResendTooSoon { resend_at } });
        }
        if let Err(until) = codes.sends.try_record(limit, now) {
            return Err(NotSent::Blocked { until });
        }
        codes.challenges.push(challenge.clone());
        Ok(challenge)
    }
}

/// Replaces a challenge's code if its cooldown and the send limit allow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResendChallenge {
    pub id: String,
    pub code: CodeDigest,
    pub limit: Limit,
}

impl<K: HasCodes> Request<K> for ResendChallenge {
    type Reply = Result<Challenge, NotSent>;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply {
        let Codes { challenges, sends, .. } = ledger.codes();
        let failed = |error| NotSent::Failed { error };
        let c = challenges.get_mut(&self.id).ok_or(failed(ChallengeError::NotFound))?;
        if now < c.resend_at() {
            return Err(failed(ChallengeError::ResendTooSoon { resend_at: c.resend_at() }));
        }
        if let Some(until) = sends.blocked_until(self.limit, now) {
            return Err(NotSent::Blocked { until });
        }
        c.resend(self.code, now).map_err(failed)?;
        sends.record(self.limit, now);
        Ok(c.clone())
    }
}

/// Checks a code; on success the challenge is consumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyChallenge {
    pub id: String,
    pub code: OneTimeCode,
}

impl<K: HasCodes> Request<K> for VerifyChallenge {
    type Reply = Result<Purpose, ChallengeError>;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply {
        let challenges = &mut ledger.codes().challenges;
        challenges.get_mut(&self.id).ok_or(ChallengeError::NotFound)?.verify(&self.code, now)?;
        challenges.take(&self.id).map(|c| c.purpose).ok_or(ChallengeError::NotFound)
    }
}

/// Keeps a call about to be placed, unless one to the same number for the same
/// purpose is still ringing and recent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartCall {
    pub call: PendingCall,
}

impl<K: HasCodes> Request<K> for StartCall {
    type Reply = Result<(), ChallengeError>;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply {
        let call = self.call;
        let calls = &mut ledger.codes().calls;
        let started = |c: &PendingCall| c.expires_at.saturating_sub(crate::voice::CALL_TTL);
        // Only a call still ringing makes the next one wait (one answered
        // with the wrong key may be tried again at once).
        let waiting = calls
            .iter()
            .filter(|c| c.number == call.number && c.purpose == call.purpose && c.state == CallState::Calling);
        let resend_at = waiting.map(|c| started(c) + crate::code::RESEND_COOLDOWN).max();
        if let Some(resend_at) = resend_at.filter(|at| now < *at) {
            return Err(ChallengeError::ResendTooSoon { resend_at });
        }
        // A reset's call gives way to the user's own and never pushes one out.
        let reset = |c: &PendingCall| matches!(c.purpose, CallPurpose::Reset { .. });
        let of_reset = reset(&call);
        calls.push_among(call, |c| reset(c) == of_reset);
        Ok(())
    }
}

/// The provider's signed callback: the keys pressed; the page's digits then `#`
/// confirm. The call as it now stands, if it was ringing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerCall {
    pub id: String,
    pub keys: String,
}

impl<K: HasCodes> Request<K> for AnswerCall {
    type Reply = Option<PendingCall>;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply {
        let call = ledger.codes().calls.get_mut(&self.id).filter(|c| c.state_at(now) == CallState::Calling)?;
        call.state = if call.answered_with(&self.keys) { CallState::Confirmed } else { CallState::Failed };
        Some(call.clone())
    }
}

/// The page asks how the call went; a confirmed call is handed out once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeCall {
    pub id: String,
}

impl<K: HasCodes> Request<K> for TakeCall {
    type Reply = Option<PendingCall>;
    fn apply(self, ledger: &mut K, _now: Millis) -> Self::Reply {
        let calls = &mut ledger.codes().calls;
        let call = calls.get_mut(&self.id)?.clone();
        if call.state == CallState::Confirmed {
            calls.take(&self.id);
        }
        Some(call)
    }
}

/// The page stopped waiting (Cancel, or its three minutes): a ringing call ends, so
/// a `#` pressed later confirms nothing and the next call need not wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndCall {
    pub id: String,
}

impl<K: HasCodes> Request<K> for EndCall {
    /// Whether there was such a call (ringing or not).
    type Reply = bool;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply {
        let Some(call) = ledger.codes().calls.get_mut(&self.id) else { return false };
        if call.state_at(now) == CallState::Calling {
            call.state = CallState::Failed;
        }
        true
    }
}
