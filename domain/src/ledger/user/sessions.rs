//! The user's sessions, by the digest of their token's secret. Here, not in KV: a
//! request checks its session and does its work in one call, and a session ended
//! here (signed out, password changed, turned off) is gone for every next request
//! at once, with no copy elsewhere to read back.

use super::UserLedger;
use crate::session::{SessionPolicy, SessionRecord};
use crate::tenant::User;
use crate::Millis;
use serde::{Deserialize, Serialize};

/// At most this many live sessions per user (each is written with the ledger): a
/// new one ends the least recently used. Far above people's devices; scripts and
/// test runs signing one account in many times stay under it for half an hour.
pub const MAX_SESSIONS: usize = 128;

/// A session and when it stops being live unless used again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub session: SessionRecord,
    pub until: Millis,
}

/// A live session, with what a request needs of its user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub session: SessionRecord,
    /// The user's record, when this ledger holds it (it does once they signed in).
    pub profile: Option<Box<User>>,
    pub methods: super::MethodList,
}

/// No live session under the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoSession;

// The operations hold the session boxed, so `UserOp` stays small.
#[allow(clippy::boxed_local)]
impl UserLedger {
    pub(super) fn open_session(
        &mut self,
        digest: String,
        session: Box<SessionRecord>,
        policy: SessionPolicy,
        seed: Box<User>,
        _now: Millis,
    ) {
        // The directory's copy may be newer (a tenant file writes KV only).
        if self.profile.as_ref().is_none_or(|mine| mine.version < seed.version) {
            self.profile = Some(seed);
        }
        while self.sessions.len() >= MAX_SESSIONS {
            let oldest = self.sessions.iter().min_by_key(|(_, h)| h.session.last_seen_at).map(|(d, _)| d.clone());
            if let Some(digest) = oldest {
                self.sessions.remove(&digest);
            }
        }
        let until = session.until(policy);
        self.sessions.insert(digest, Held { session: *session, until });
    }

    /// The live session under `digest`, touched (written at most once a minute),
    /// with the user's record and methods.
    pub(super) fn authenticate(
        &mut self,
        digest: String,
        policy: SessionPolicy,
        now: Millis,
    ) -> Result<Found, NoSession> {
        let session = self.live_session(&digest, policy, now)?;
        Ok(Found { session, profile: self.profile.clone(), methods: self.list(now) })
    }

    /// The live session under `digest`, touched; one that ended is dropped.
    pub(super) fn live_session(
        &mut self,
        digest: &str,
        policy: SessionPolicy,
        now: Millis,
    ) -> Result<SessionRecord, NoSession> {
        let held = self.sessions.get(digest).ok_or(NoSession)?;
        // A pass session ends when its pass is revoked or replaced.
        let pass = |id: &str| self.access_pass.as_ref().is_some_and(|p| p.id == id && now < p.expires_at);
        let pass_ok = held.session.access_pass.as_ref().is_none_or(|p| pass(&p.id));
        let ended = self.profile.as_ref().is_some_and(|u| ended_for(u, &held.session));
        if !held.session.is_live(policy, now) || !pass_ok || ended {
            self.sessions.remove(digest);
            return Err(NoSession);
        }
        let held = self.sessions.get_mut(digest).ok_or(NoSession)?;
        if held.session.needs_touch(now) {
            held.session.last_seen_at = now;
            held.until = held.session.until(policy);
        }
        Ok(held.session.clone())
    }

    /// Writes back what a request changed on its session (the second step, the
    /// setup prompt), unless it ended meanwhile.
    pub(super) fn save_session(
        &mut self,
        digest: String,
        session: Box<SessionRecord>,
        policy: SessionPolicy,
        _now: Millis,
    ) -> Result<(), NoSession> {
        let held = self.sessions.get_mut(&digest).ok_or(NoSession)?;
        held.until = session.until(policy);
        held.session = *session;
        Ok(())
    }

    /// The session goes on under a new token; the old one ends. Not one that
    /// ended meanwhile: that would bring it back.
    pub(super) fn renew_session(
        &mut self,
        old: String,
        new: String,
        session: Box<SessionRecord>,
        policy: SessionPolicy,
        _now: Millis,
    ) -> Result<(), NoSession> {
        self.sessions.remove(&old).ok_or(NoSession)?;
        let until = session.until(policy);
        self.sessions.insert(new, Held { session: *session, until });
        Ok(())
    }

    pub(super) fn end_session(&mut self, digest: String, _now: Millis) {
        self.sessions.remove(&digest);
    }

    /// Ends the session with public id `id` (a device signed out from another):
    /// whether there was one.
    pub(super) fn end_session_by_id(&mut self, id: String, _now: Millis) -> bool {
        let before = self.sessions.len();
        self.sessions.retain(|_, h| h.session.id != id);
        self.sessions.len() < before
    }

    /// The live sessions, most recently used first.
    pub(super) fn live_sessions(&mut self, policy: SessionPolicy, now: Millis) -> Vec<SessionRecord> {
        let ended = |s: &SessionRecord| self.profile.as_ref().is_some_and(|u| ended_for(u, s));
        let mut live: Vec<SessionRecord> = self
            .sessions
            .values()
            .map(|h| &h.session)
            .filter(|s| s.is_live(policy, now) && !ended(s))
            .cloned()
            .collect();
        live.sort_by(|a, b| b.last_seen_at.cmp(&a.last_seen_at).then_with(|| a.id.cmp(&b.id)));
        live
    }

    /// After a change of the record: sessions it ended go at once.
    pub(super) fn drop_ended_sessions(&mut self) {
        if let Some(user) = &self.profile {
            self.sessions.retain(|_, h| !ended_for(user, &h.session));
        }
    }

    pub(super) fn prune_sessions(&mut self, now: Millis) {
        self.sessions.retain(|_, h| h.until > now);
    }

    pub(super) fn sessions_forget_at(&self) -> Option<Millis> {
        self.sessions.values().map(|h| h.until).max()
    }
}

/// Turned off, or the session was made before a change that ended sessions (a new
/// password, "Sign out everywhere", "This wasn't me").
fn ended_for(user: &User, session: &SessionRecord) -> bool {
    user.disabled || user.sessions_after.is_some_and(|after| session.created_at <= after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    #[test]
    fn a_session_past_the_cap_ends_the_least_recently_used() {
        let policy = SessionPolicy::default();
        let user = Box::new(User::new("u".into(), "a@example.org".into(), "A".into(), 0));
        let mut ledger = UserLedger::default();
        let rng = Seeded::new(3);
        for i in 0..MAX_SESSIONS as u64 {
            let session = SessionRecord::new("u".into(), 1000 + i, &rng);
            ledger.open_session(format!("d{i}"), Box::new(session), policy, user.clone(), 1000 + i);
        }
        // The first one is used again: the second is now the least recently used.
        let now = 1000 + crate::MINUTE + MAX_SESSIONS as u64;
        assert!(ledger.authenticate("d0".into(), policy, now).is_ok());
        let newest = SessionRecord::new("u".into(), now, &rng);
        ledger.open_session("new".into(), Box::new(newest), policy, user, now);
        assert_eq!(ledger.sessions.len(), MAX_SESSIONS);
        assert!(ledger.authenticate("d1".into(), policy, now).is_err(), "the least recently used ended");
        assert!(ledger.authenticate("d0".into(), policy, now).is_ok());
        assert!(ledger.authenticate("new".into(), policy, now).is_ok());
    }
}
