//! One password reset's ledger, named by the digest of its ticket: where the reset
//! stands, and the codes and calls it sent (apart from the user's own, so a
//! stranger's reset never pushes those out).

use super::{operations, Codes, HasCodes, HasSends, Lasting};
use super::{AnswerCall, EndCall, RecordSend, ResendChallenge, StartCall, StartChallenge, TakeCall, VerifyChallenge};
use crate::code::ChallengeError;
use crate::reset::ResetState;
use crate::throttle::Window;
use crate::Millis;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLedger {
    #[serde(default)]
    reset: Option<ResetState>,
    #[serde(default)]
    codes: Codes,
}

operations! {
    ResetLedger = "reset" as Reset, ResetOp, shared [StartChallenge, ResendChallenge, VerifyChallenge, StartCall, AnswerCall, TakeCall, EndCall, RecordSend];
    OpenReset { state: ResetState } -> () = open;
    ReadReset {} -> Result<ResetState, ChallengeError> = read;
    /// Takes one of the reset's tries at proving a method; `Locked` once they are
    /// used up (the reset is over).
    ReserveResetTry {} -> Result<ResetState, ChallengeError> = reserve_try;
    /// The reset's user proved option `passed`; `questions` records a subset asked.
    UpdateReset { passed: Option<String>, questions: Option<Vec<String>> } -> Result<ResetState, ChallengeError> = update;
    /// The password was set: the ticket is spent.
    CloseReset {} -> Result<ResetState, ChallengeError> = close;
}

impl ResetLedger {
    fn open(&mut self, state: ResetState, _now: Millis) {
        self.reset = Some(state);
    }

    /// The reset while its ticket is valid; an expired one is dropped.
    fn current(&mut self, now: Millis) -> Result<&mut ResetState, ChallengeError> {
        match &self.reset {
            None => Err(ChallengeError::NotFound),
            Some(state) if now >= state.expires_at => {
                self.reset = None;
                Err(ChallengeError::Expired)
            }
            Some(_) => self.reset.as_mut().ok_or(ChallengeError::NotFound),
        }
    }

    fn read(&mut self, now: Millis) -> Result<ResetState, ChallengeError> {
        self.current(now).cloned()
    }

    fn reserve_try(&mut self, now: Millis) -> Result<ResetState, ChallengeError> {
        let state = self.current(now)?;
        if state.tries >= crate::reset::TRIES {
            return Err(ChallengeError::Locked);
        }
        state.tries += 1;
        Ok(state.clone())
    }

    fn update(
        &mut self,
        passed: Option<String>,
        questions: Option<Vec<String>>,
        now: Millis,
    ) -> Result<ResetState, ChallengeError> {
        let state = self.current(now)?;
        if let Some(id) = passed.filter(|id| !state.passed.contains(id)) {
            state.passed.push(id);
            // A proven method gives its try back: only wrong ones use them up.
            state.tries = state.tries.saturating_sub(1);
        }
        if let Some(q) = questions {
            state.questions = q;
        }
        Ok(state.clone())
    }

    fn close(&mut self, now: Millis) -> Result<ResetState, ChallengeError> {
        match self.reset.take() {
            Some(state) if now < state.expires_at => Ok(state),
            Some(_) => Err(ChallengeError::Expired),
            None => Err(ChallengeError::NotFound),
        }
    }
}

impl HasSends for ResetLedger {
    fn sends(&mut self) -> &mut Window {
        &mut self.codes.sends
    }
}

impl HasCodes for ResetLedger {
    fn codes(&mut self) -> &mut Codes {
        &mut self.codes
    }
}

impl Lasting for ResetLedger {
    fn prune(&mut self, now: Millis) {
        self.codes.prune(now);
    }

    /// A reset never closed is forgotten when its ticket expires.
    fn forget_at(&self) -> Option<Millis> {
        self.reset.iter().map(|r| r.expires_at).chain(self.codes.forget_at()).max()
    }

    fn is_empty(&self) -> bool {
        self.reset.is_none() && self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{apply, Stored};
    use super::*;

    fn state(expires_at: Millis) -> ResetState {
        ResetState {
            user_id: None,
            required: 1,
            options: vec![],
            passed: vec![],
            questions: vec![],
            expires_at,
            name: "n".into(),
            tries: 0,
        }
    }

    #[test]
    fn tries_run_out_proven_methods_give_theirs_back_and_the_ticket_is_spent_once() {
        let mut l = None;
        apply(&mut l, OpenReset { state: state(900) }, 0).unwrap();
        assert_eq!(l.as_ref().and_then(Stored::forget_at), Some(900), "forgotten when its ticket expires");
        for _ in 0..crate::reset::TRIES {
            assert!(apply(&mut l, ReserveResetTry {}, 1).unwrap().is_ok());
        }
        assert_eq!(apply(&mut l, ReserveResetTry {}, 1).unwrap(), Err(ChallengeError::Locked));
        let passed = apply(&mut l, UpdateReset { passed: Some("m".into()), questions: None }, 2).unwrap().unwrap();
        assert_eq!((passed.passed, passed.tries), (vec!["m".to_string()], crate::reset::TRIES - 1));
        assert!(apply(&mut l, CloseReset {}, 3).unwrap().is_ok());
        assert_eq!(apply(&mut l, ReadReset {}, 4).unwrap(), Err(ChallengeError::NotFound));
        assert!(l.as_ref().is_some_and(Stored::is_empty));
    }

    #[test]
    fn an_expired_reset_says_so_once_and_is_dropped() {
        let mut l = None;
        apply(&mut l, OpenReset { state: state(10) }, 0).unwrap();
        assert_eq!(apply(&mut l, ReadReset {}, 10).unwrap(), Err(ChallengeError::Expired));
        assert_eq!(apply(&mut l, ReadReset {}, 11).unwrap(), Err(ChallengeError::NotFound));
    }
}
