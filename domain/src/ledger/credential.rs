//! A WebAuthn credential id's ledger: who registered it, so one security key is
//! held by one account across tenants, and a passkey sign-in finds its owner. The
//! same kind holds who took a username (`n/`), so two creations cannot both get it.

use super::{operations, Lasting};
use crate::Millis;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialLedger {
    /// `tenant/user/method`.
    #[serde(default)]
    owner: Option<String>,
}

/// The credential belongs to someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taken;

operations! {
    CredentialLedger = "credential" as Credential, CredentialOp, shared [];
    /// Claims the credential for `owner`; refused if someone else holds it.
    ClaimCredential { owner: String } -> Result<(), Taken> = claim;
    /// Lets go of the credential, if `owner` holds it.
    ReleaseCredential { owner: String } -> () = release;
    /// Who holds the credential (`tenant/user/method`), for passkey sign-in.
    CredentialOwner {} -> Option<String> = owner;
    /// The holder `from` is now `to` (the user's id moved); nothing if `from`
    /// does not hold it.
    TransferCredential { from: String, to: String } -> bool = transfer;
}

impl CredentialLedger {
    fn claim(&mut self, owner: String, _now: Millis) -> Result<(), Taken> {
        match &self.owner {
            Some(current) if *current != owner => Err(Taken),
            _ => {
                self.owner = Some(owner);
                Ok(())
            }
        }
    }

    fn release(&mut self, owner: String, _now: Millis) {
        if self.owner.as_ref() == Some(&owner) {
            self.owner = None;
        }
    }

    fn transfer(&mut self, from: String, to: String, _now: Millis) -> bool {
        let held = self.owner.as_ref() == Some(&from);
        if held {
            self.owner = Some(to);
        }
        held
    }

    fn owner(&mut self, _now: Millis) -> Option<String> {
        self.owner.clone()
    }
}

impl Lasting for CredentialLedger {
    /// An owner lasts until released.
    fn forget_at(&self) -> Option<Millis> {
        None
    }

    fn is_empty(&self) -> bool {
        self.owner.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{apply, Stored};
    use super::*;

    #[test]
    fn a_credential_has_one_owner_who_alone_releases_it() {
        let mut cred = None;
        let claim = |l: &mut Option<Stored>, owner: &str| apply(l, ClaimCredential { owner: owner.into() }, 0).unwrap();
        assert_eq!(claim(&mut cred, "t/u1/m"), Ok(()));
        assert_eq!(claim(&mut cred, "t/u1/m"), Ok(()), "the same owner again");
        assert_eq!(claim(&mut cred, "t/u2/m"), Err(Taken));
        assert_eq!(cred.as_ref().and_then(Stored::forget_at), None, "an owner lasts");
        apply(&mut cred, ReleaseCredential { owner: "t/u2/m".into() }, 0).unwrap();
        assert_eq!(claim(&mut cred, "t/u2/m"), Err(Taken), "only the owner releases");
        assert_eq!(apply(&mut cred, CredentialOwner {}, 0).unwrap(), Some("t/u1/m".into()));
        apply(&mut cred, ReleaseCredential { owner: "t/u1/m".into() }, 0).unwrap();
        assert!(cred.as_ref().is_some_and(Stored::is_empty));
        assert_eq!(claim(&mut cred, "t/u2/m"), Ok(()));
    }
}
