//! The strongly consistent part of the state. KV is eventually consistent and has
//! no compare-and-set, so every read-modify-write that must be exact (failure
//! counters, code attempts, send caps) is an operation on a ledger, which the worker
//! keeps in a Durable Object: one ledger per name, operations applied one at a time.

use crate::code::{Challenge, ChallengeError, CodeDigest, OneTimeCode, Purpose};
use crate::throttle::{Limit, Window};
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Pending challenges a ledger keeps at once; the oldest give way.
const MAX_PENDING: usize = 5;
const EXPIRED_KEPT: Millis = crate::HOUR;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    #[serde(default)]
    failures: Window,
    #[serde(default)]
    sends: Window,
    #[serde(default)]
    challenges: Vec<Challenge>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    /// Is a sign-in allowed now?
    CheckFailures { limit: Limit },
    RecordFailure { limit: Limit },
    ClearFailures,
    /// Keeps a new challenge if the send cap allows another code.
    StartChallenge { challenge: Challenge, limit: Limit },
    /// Replaces a challenge's code if its cooldown and the send cap allow.
    ResendChallenge { id: String, code: CodeDigest, limit: Limit },
    /// Checks a code; on success the challenge is consumed.
    VerifyChallenge { id: String, code: OneTimeCode },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "kebab-case")]
pub enum Reply {
    Done,
    /// Refused by a throttle until this time.
    Blocked { until: Millis },
    Started { challenge: Challenge },
    Verified { purpose: Purpose },
    Failed { error: ChallengeError },
}

impl Ledger {
    pub fn apply(&mut self, op: Op, now: Millis) -> Reply {
        // Expired challenges linger a while so the user hears "expired", not "unknown".
        self.challenges.retain(|c| c.expires_at + EXPIRED_KEPT > now);
        match op {
            Op::CheckFailures { limit } => blocked(self.failures.blocked_until(limit, now)),
            Op::RecordFailure { limit } => {
                self.failures.record(limit, now);
                blocked(self.failures.blocked_until(limit, now))
            }
            Op::ClearFailures => {
                self.failures.clear();
                Reply::Done
            }
            Op::StartChallenge { challenge, limit } => {
                if let Err(until) = self.sends.try_record(limit, now) {
                    return Reply::Blocked { until };
                }
                if self.challenges.len() >= MAX_PENDING {
                    self.challenges.remove(0);
                }
                self.challenges.push(challenge.clone());
                Reply::Started { challenge }
            }
            Op::ResendChallenge { id, code, limit } => {
                let Some(c) = self.challenges.iter_mut().find(|c| c.id == id) else {
                    return Reply::Failed { error: ChallengeError::NotFound };
                };
                if now < c.resend_at() {
                    return Reply::Failed { error: ChallengeError::ResendTooSoon { resend_at: c.resend_at() } };
                }
                if let Some(until) = self.sends.blocked_until(limit, now) {
                    return Reply::Blocked { until };
                }
                match c.resend(code, now) {
                    Ok(()) => {
                        self.sends.record(limit, now);
                        Reply::Started { challenge: c.clone() }
                    }
                    Err(error) => Reply::Failed { error },
                }
            }
            Op::VerifyChallenge { id, code } => {
                let Some(pos) = self.challenges.iter().position(|c| c.id == id) else {
                    return Reply::Failed { error: ChallengeError::NotFound };
                };
                match self.challenges[pos].verify(&code, now) {
                    Ok(()) => Reply::Verified { purpose: self.challenges.remove(pos).purpose },
                    Err(error) => Reply::Failed { error },
                }
            }
        }
    }

    /// Nothing worth keeping: the Durable Object may delete its storage.
    pub fn is_empty(&self) -> bool {
        self.failures.is_empty() && self.sends.is_empty() && self.challenges.is_empty()
    }
}

fn blocked(until: Option<Millis>) -> Reply {
    until.map_or(Reply::Done, |until| Reply::Blocked { until })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{CODE_TTL, RESEND_COOLDOWN};
    use crate::email::EmailAddress;
    use crate::entropy::Seeded;

    const SENDS: Limit = Limit { max: 3, window: 1_000_000 };

    fn new_challenge(id: &str, rng: &Seeded, now: Millis) -> (Challenge, OneTimeCode) {
        let code = OneTimeCode::generate(rng);
        let purpose = Purpose::RegisterEmail { address: EmailAddress::parse("a@b.nl").unwrap() };
        (Challenge::new(id.into(), purpose, CodeDigest::new(&code, rng), now), code)
    }

    #[test]
    fn a_verified_challenge_is_consumed_so_replays_fail() {
        let rng = Seeded::new(3);
        let mut l = Ledger::default();
        let (c, code) = new_challenge("c", &rng, 0);
        assert!(matches!(l.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0), Reply::Started { .. }));
        let verify = Op::VerifyChallenge { id: "c".into(), code };
        assert!(matches!(l.apply(verify.clone(), 5), Reply::Verified { .. }));
        assert_eq!(l.apply(verify, 6), Reply::Failed { error: ChallengeError::NotFound });
    }

    #[test]
    fn expired_challenges_say_so_and_are_dropped_later() {
        let rng = Seeded::new(3);
        let mut l = Ledger::default();
        let (c, code) = new_challenge("c", &rng, 0);
        l.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0);
        let verify = Op::VerifyChallenge { id: "c".into(), code };
        assert_eq!(l.apply(verify.clone(), CODE_TTL), Reply::Failed { error: ChallengeError::Expired });
        let reply = l.apply(verify, CODE_TTL + EXPIRED_KEPT);
        assert_eq!(reply, Reply::Failed { error: ChallengeError::NotFound });
    }

    #[test]
    fn send_cap_counts_starts_and_resends() {
        let rng = Seeded::new(3);
        let mut l = Ledger::default();
        let (c, _) = new_challenge("c", &rng, 0);
        l.apply(Op::StartChallenge { challenge: c, limit: SENDS }, 0);
        let resend = |l: &mut Ledger, now| {
            let code = CodeDigest::new(&OneTimeCode::generate(&rng), &rng);
            l.apply(Op::ResendChallenge { id: "c".into(), code, limit: SENDS }, now)
        };
        assert!(matches!(resend(&mut l, 1), Reply::Failed { error: ChallengeError::ResendTooSoon { .. } }));
        assert!(matches!(resend(&mut l, RESEND_COOLDOWN), Reply::Started { .. }));
        let (d, _) = new_challenge("d", &rng, RESEND_COOLDOWN);
        assert!(matches!(l.apply(Op::StartChallenge { challenge: d.clone(), limit: SENDS }, 40_000), Reply::Started { .. }));
        assert_eq!(l.apply(Op::StartChallenge { challenge: d, limit: SENDS }, 50_000), Reply::Blocked { until: 1_000_000 });
        assert_eq!(resend(&mut l, 2 * RESEND_COOLDOWN), Reply::Blocked { until: 1_000_000 });
    }

    #[test]
    fn failures_block_and_clear() {
        let limit = Limit { max: 2, window: 100 };
        let mut l = Ledger::default();
        assert_eq!(l.apply(Op::RecordFailure { limit }, 0), Reply::Done);
        assert_eq!(l.apply(Op::RecordFailure { limit }, 1), Reply::Blocked { until: 100 });
        assert_eq!(l.apply(Op::CheckFailures { limit }, 50), Reply::Blocked { until: 100 });
        l.apply(Op::ClearFailures, 51);
        assert_eq!(l.apply(Op::CheckFailures { limit }, 52), Reply::Done);
        assert!(l.is_empty());
    }

    #[test]
    fn wire_format_round_trips() {
        let op = Op::CheckFailures { limit: Limit { max: 1, window: 2 } };
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(json, r#"{"op":"check-failures","limit":{"max":1,"window":2}}"#);
        assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
    }
}
