//! What the user granted the tenant's apps (OpenID Connect): an authorization code
//! waiting for its one redemption, then the tokens it was redeemed for, revocable
//! as one. Exact here, so two parallel redemptions of one code cannot both win.

use super::UserLedger;
use crate::Millis;
use serde::{Deserialize, Serialize};

/// Grants a user holds at once; the oldest gives way.
pub const MAX_GRANTS: usize = 50;

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

    pub(super) fn redeem_code(
        &mut self,
        code: String,
        client_id: String,
        redirect_uri: String,
        challenge: String,
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
        Ok(Box::new(grant.clone()))
    }

    pub(super) fn grant_live(&mut self, id: String, now: Millis) -> bool {
        self.grants.iter().any(|g| g.id == id && g.redeemed && !g.revoked && now < g.expires_at)
    }

    pub(super) fn grants_forget_at(&self) -> Option<Millis> {
        self.grants.iter().map(|g| g.expires_at).max()
    }
}
