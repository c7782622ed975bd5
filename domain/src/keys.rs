//! KV key layout. One key per method, so two devices adding methods at once write
//! different keys and cannot overwrite each other.

pub fn host(host: &str) -> String {
    format!("h/{host}")
}
pub fn tenant(tenant: &str) -> String {
    format!("t/{tenant}")
}
pub fn username(tenant: &str, username: &str) -> String {
    format!("t/{tenant}/n/{username}")
}
pub fn user(tenant: &str, user: &str) -> String {
    format!("t/{tenant}/u/{user}")
}
/// A provisioned user's first access pass, until it is used.
pub fn invitation(tenant: &str, user: &str) -> String {
    format!("t/{tenant}/inv/{user}")
}
/// A caller the help desk member `helper` verified as `user` (with a TTL).
pub fn caller_verified(tenant: &str, helper: &str, user: &str) -> String {
    format!("t/{tenant}/cv/{helper}/{user}")
}
pub fn method(tenant: &str, user: &str, method: &str) -> String {
    format!("t/{tenant}/u/{user}/m/{method}")
}
/// An app registered to sign in through the tenant (OpenID Connect client).
pub fn client(tenant: &str, client_id: &str) -> String {
    format!("t/{tenant}/oc/{client_id}")
}
pub fn clients(tenant: &str) -> String {
    format!("t/{tenant}/oc/")
}
/// A message that could not be delivered, newest first (`inverted`: `u64::MAX - time`).
pub fn undelivered(tenant: &str, inverted: u64, id: &str) -> String {
    format!("t/{tenant}/dl/{inverted:020}-{id}")
}
pub fn undelivered_all(tenant: &str) -> String {
    format!("t/{tenant}/dl/")
}
pub const OUTBOX: &str = "outbox/";

/// Durable Object names: one ledger per sign-in name, per user and per client IP.
pub mod ledger {
    use crate::ledger::{CredentialLedger, Name, ReportLedger, ResetLedger, ThrottleLedger, UserLedger};

    pub fn account(tenant: &str, username: &str) -> Name<ThrottleLedger> {
        Name::new(format!("a/{tenant}/{username}"))
    }
    pub fn user(tenant: &str, user: &str) -> Name<UserLedger> {
        Name::new(format!("u/{tenant}/{user}"))
    }
    /// One client address: IPv4 as is, IPv6 by its /64 (`crate::throttle::address_block`).
    pub fn ip(ip: &str) -> Name<ThrottleLedger> {
        Name::new(format!("ip/{}", crate::throttle::address_block(ip)))
    }
    /// The /48 of an IPv6 client, for its looser budgets.
    pub fn ip_wide(ip: &str) -> Option<Name<ThrottleLedger>> {
        crate::throttle::wide_block(ip).map(|block| Name::new(format!("ip/{block}")))
    }
    /// Sends to one phone number (E.164), across tenants and users.
    pub fn phone(e164: &str) -> Name<ThrottleLedger> {
        Name::new(format!("ph/{e164}"))
    }
    pub fn tenant(tenant: &str) -> Name<ThrottleLedger> {
        Name::new(format!("t/{tenant}"))
    }
    /// Password resets started from one address or for one name: their own ledgers,
    /// so they never use up the address's budget of texts and calls.
    pub fn resets_from(ip: &str) -> Name<ThrottleLedger> {
        Name::new(format!("rs/ip/{}", crate::throttle::address_block(ip)))
    }
    pub fn resets_for(tenant: &str, username: &str) -> Name<ThrottleLedger> {
        Name::new(format!("rs/a/{tenant}/{username}"))
    }
    /// What password resets for one name sent (codes and calls), and to one phone
    /// number: apart from sign-in's budgets, so a stranger cannot use those up.
    pub fn reset_sends_for(tenant: &str, username: &str) -> Name<ThrottleLedger> {
        Name::new(format!("rs/s/{tenant}/{username}"))
    }
    pub fn reset_phone(e164: &str) -> Name<ThrottleLedger> {
        Name::new(format!("rs/ph/{e164}"))
    }
    pub fn reset_tenant(tenant: &str) -> Name<ThrottleLedger> {
        Name::new(format!("rs/tenant/{tenant}"))
    }
    /// One "This wasn't me" link's record, so it works once.
    pub fn report(tenant: &str, digest: &str) -> Name<ReportLedger> {
        Name::new(format!("x/{tenant}/{digest}"))
    }
    /// One password reset, by the digest of its ticket.
    pub fn reset(tenant: &str, digest: &str) -> Name<ResetLedger> {
        Name::new(format!("r/{tenant}/{digest}"))
    }
    /// Who holds a username: decides between two creations (admin, SCIM) at once.
    pub fn username(tenant: &str, username: &str) -> Name<CredentialLedger> {
        Name::new(format!("n/{tenant}/{username}"))
    }
    /// Requests of one SCIM token, for its rate limit.
    /// Codes entered to verify a caller as `user`, by any help desk member.
    pub fn caller_checks(tenant: &str, user: &str) -> Name<ThrottleLedger> {
        Name::new(format!("cc/{tenant}/{user}"))
    }
    pub fn scim(tenant: &str, token: &str) -> Name<ThrottleLedger> {
        Name::new(format!("scim/{tenant}/{token}"))
    }
    /// A provisioned user's first access pass, adopted once.
    pub fn invitation(tenant: &str, user: &str) -> Name<ThrottleLedger> {
        Name::new(format!("inv/{tenant}/{user}"))
    }
    /// A passkey sign-in's ceremony id, spent once when the key answers.
    pub fn passkey(tenant: &str, ceremony: &str) -> Name<ThrottleLedger> {
        Name::new(format!("pk/{tenant}/{ceremony}"))
    }
    /// A queued message's id, spent when it was delivered (so a retry sends nothing).
    pub fn delivered(id: &str) -> Name<ThrottleLedger> {
        Name::new(format!("dl/{id}"))
    }
    /// A WebAuthn credential id (hex of its SHA-256), whoever holds it.
    pub fn credential(digest: &str) -> Name<CredentialLedger> {
        Name::new(format!("c/{digest}"))
    }
    /// The ledger of the credential with this id (base64url, as the browser sends it).
    pub fn credential_of(id: &str) -> Name<CredentialLedger> {
        use sha2::{Digest, Sha256};
        let raw = api::base64url::decode(id).unwrap_or_default();
        credential(&crate::entropy::hex(&Sha256::digest(raw)))
    }
}

/// Journals (`crate::ledger::journal`): which object keeps each.
pub mod journal {
    use crate::ledger::Journal;

    /// A user's recent activity: in the user's own object, beside their ledger.
    pub fn activity(tenant: &str, user: &str) -> Journal {
        Journal::new(super::ledger::user(tenant, user).as_str().to_string())
    }
    /// A tenant's audit trail.
    pub fn audit(tenant: &str) -> Journal {
        Journal::new(format!("audit/{tenant}"))
    }
}
