//! What the user granted the tenant's apps (OpenID Connect): an authorization code
//! waiting for its one redemption, then the tokens it was redeemed for, revocable
//! as one: a family of refresh tokens, each used once (rotation); a used one shown
//! again revokes the family. Exact here, so two parallel redemptions of one code or
//! one refresh token cannot both win.

use super::UserLedger;
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Grants a user holds at once; the oldest gives way.
pub const MAX_GRANTS: usize = 50;
/// Used refresh tokens a grant remembers, to spot one shown again.
pub const SPENT_KEPT: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// Random; the access tokens' `jti`.
    pub id: String,
    /// SHA-256 of the authorization code (hex).
    pub code: String,
    pub client_id: String,
    pub redirect_uri: String,
    /// PKCE: base64url SHA-256 of the verifier the redemption must show.
    pub challenge: String,
    pub nonce: Option<String>,
    pub scopes: Vec<String>,
    /// The session that signed in (the ID token's `sid`) and when it signed in.
    pub sid: String,
    pub auth_time: Millis,
    pub amr: Vec<String>,
    pub code_expires_at: Millis,
    pub redeemed: bool,
    /// A second redemption of the code revoked what the first issued.
    pub revoked: bool,
    /// Until when the grant (its tokens) lasts: the code's expiry until redeemed.
    pub expires_at: Millis,
    /// SHA-256 of the current refresh token.
    #[serde(default)]
    pub refresh: Option<String>,
    /// SHA-256 of refresh tokens used before (most recent last).
    #[serde(default)]
    pub spent: Vec<String>,
    /// When the app last redeemed or refreshed.
    #[serde(default)]
    pub used_at: Millis,
}

impl Grant {
    /// The grant's tokens still hold.
    pub fn live(&self, now: Millis) -> bool {
        self.redeemed && !self.revoked && now < self.expires_at
    }
}

/// Why a refresh token was not exchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefreshRefused {
    Unknown,
    /// Its grant ran out or was revoked.
    Ended,
    /// Used before: the whole family is revoked now.
    Reused,
}

/// Why a code was not redeemed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeRefused {
    Unknown,
    Expired,
    /// Another client, redirect address or PKCE verifier: the code stays unspent.
    Mismatch,
    /// Redeemed before: what that redemption issued is revoked now.
    Replayed,
}

impl UserLedger {
    pub(super) fn prune_grants(&mut self, now: Millis) {
        self.grants.retain(|g| g.expires_at > now);
    }

    #[allow(clippy::boxed_local)]
    pub(super) fn issue_code(&mut self, grant: Box<Grant>, _now: Millis) {
        if self.grants.len() >= MAX_GRANTS {
            self.grants.remove(0);
        }
        self.grants.push(*grant);
    }

    // The operation's fields, as `operations!` passes them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn redeem_code(
        &mut self,
        code: String,
        client_id: String,
        redirect_uri: String,
        challenge: String,
        refresh: String,
        until: Millis,
        now: Millis,
    ) -> Result<Box<Grant>, CodeRefused> {
        let grant = self.grants.iter_mut().find(|g| g.code == code).ok_or(CodeRefused::Unknown)?;
        if grant.redeemed {
            grant.revoked = true;
            return Err(CodeRefused::Replayed);
        }
        if now >= grant.code_expires_at {
            return Err(CodeRefused::Expired);
        }
        if grant.client_id != client_id || grant.redirect_uri != redirect_uri || grant.challenge != challenge {
            return Err(CodeRefused::Mismatch);
        }
        grant.redeemed = true;
        grant.expires_at = until;
        grant.refresh = Some(refresh);
        grant.used_at = now;
        Ok(Box::new(grant.clone()))
    }

    pub(super) fn rotate_refresh(
        &mut self,
        client_id: String,
        old: String,
        new: String,
        idle: Millis,
        max: Millis,
        now: Millis,
    ) -> Result<Box<Grant>, RefreshRefused> {
        let mine = |g: &&mut Grant| g.client_id == client_id;
        if let Some(grant) = self.grants.iter_mut().filter(mine).find(|g| g.refresh.as_ref() == Some(&old)) {
            if !grant.live(now) {
                return Err(RefreshRefused::Ended);
            }
            if grant.spent.len() >= SPENT_KEPT {
                grant.spent.remove(0);
            }
            grant.spent.push(old);
            grant.refresh = Some(new);
            grant.expires_at = now.saturating_add(idle).min(grant.auth_time.saturating_add(max));
            grant.used_at = now;
            return Ok(Box::new(grant.clone()));
        }
        match self.grants.iter_mut().filter(mine).find(|g| g.spent.contains(&old)) {
            Some(family) => {
                family.revoked = true;
                family.refresh = None;
                Err(RefreshRefused::Reused)
            }
            None => Err(RefreshRefused::Unknown),
        }
    }

    pub(super) fn grant_live(&mut self, id: String, now: Millis) -> bool {
        self.grants.iter().any(|g| g.id == id && g.live(now))
    }

    pub(super) fn live_grants(&mut self, now: Millis) -> Vec<Grant> {
        self.grants.iter().filter(|g| g.live(now)).cloned().collect()
    }

    /// Signs the user out of an app: every grant of `client_id` ends. How many did.
    pub(super) fn revoke_app(&mut self, client_id: String, now: Millis) -> usize {
        self.end_grants(now, |g| g.client_id == client_id)
    }

    pub(super) fn revoke_grants(&mut self, now: Millis) -> usize {
        self.end_grants(now, |_| true)
    }

    fn end_grants(&mut self, now: Millis, which: impl Fn(&Grant) -> bool) -> usize {
        let mut ended = 0;
        for grant in self.grants.iter_mut().filter(|g| which(g) && g.live(now)) {
            grant.revoked = true;
            grant.refresh = None;
            ended += 1;
        }
        ended
    }

    pub(super) fn grants_forget_at(&self) -> Option<Millis> {
        self.grants.iter().map(|g| g.expires_at).max()
    }
}
