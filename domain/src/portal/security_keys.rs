//! Security keys (FIDO2 / WebAuthn with PIN): registration and the second step.
//! Challenges are held in the user's ledger and handed out once (a passkey
//! sign-in, which has no user yet, derives its challenge instead); each credential
//! id is claimed in a ledger of its own, so no two accounts can register it.

use super::{Account, Authenticated, Counted, Portal};
use crate::delivery::Courier;
use crate::entropy::{self, Entropy};
use crate::ledger::{self as op, Ledgers};
use crate::methods::{parse_name, Method, MethodData};
use crate::policy::Rules;
use crate::session::Amr;
use crate::store::Store;
use crate::webauthn::{self, Ceremony, CeremonyPurpose, Credential, Rejection, RelyingParty, CEREMONY_TTL};
use crate::{keys, Error};
use api::base64url;
use api::{
    AssertionCredential, AuthenticatorSelection, CreationOptions, CredentialDescriptor, CredentialParameters,
    MethodKind, MethodView, RegistrationCredential, RequestOptions, SecurityKeyChallenge, SecurityKeyRegistration,
    UserEntity,
};

const PUBLIC_KEY: &str = "public-key";
/// The PIN (or biometrics) is what makes a key a second factor on its own.
const REQUIRED: &str = "required";

fn rejected(rejection: Rejection) -> Error {
    match rejection {
        Rejection::NotVerified => Error::KeyNotVerified,
        other => Error::KeyRejected(other),
    }
}

fn keys_of(methods: &[Method]) -> impl Iterator<Item = (&Method, &Credential)> {
    methods.iter().filter_map(|m| match &m.data {
        MethodData::SecurityKey { credential, .. } => Some((m, credential)),
        _ => None,
    })
}

fn descriptors(methods: &[Method]) -> Vec<CredentialDescriptor> {
    keys_of(methods)
        .map(|(_, c)| CredentialDescriptor {
            kind: PUBLIC_KEY.into(),
            id: c.id.clone(),
            transports: c.transports.clone(),
        })
        .collect()
}

/// Ledger holding who registered a credential id.
fn credential_ledger(credential: &Credential) -> op::Name<op::CredentialLedger> {
    keys::ledger::credential_of(&credential.id)
}

/// Options for `navigator.credentials.get()`; user verification is always required.
pub(super) fn request_options(
    ceremony: Ceremony,
    rp: &RelyingParty,
    allow_credentials: Vec<api::CredentialDescriptor>,
) -> SecurityKeyChallenge {
    SecurityKeyChallenge {
        challenge_id: ceremony.id,
        public_key: RequestOptions {
            challenge: ceremony.challenge,
            timeout: CEREMONY_TTL as u32,
            rp_id: rp.id.clone(),
            allow_credentials,
            user_verification: REQUIRED.into(),
        },
    }
}

fn owner(auth: &Account, method_id: &str) -> String {
    format!("{}/{}/{method_id}", auth.tenant.id, auth.user.id)
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// The user's WebAuthn handle: random and fixed on first use, never the name.
    async fn user_handle(&self, auth: &Account) -> Result<String, Error> {
        let mut candidate = [0u8; 32];
        self.entropy.fill(&mut candidate);
        let candidate = base64url::encode(&candidate);
        self.ledger(&self.user_ledger(auth), op::UserHandle { candidate }).await
    }

    pub(super) async fn start_ceremony(&self, auth: &Account, purpose: CeremonyPurpose) -> Result<Ceremony, Error> {
        let mut challenge = [0u8; 32];
        self.entropy.fill(&mut challenge);
        let ceremony = Ceremony::new(entropy::token::<E, 16>(self.entropy), &challenge, purpose, self.now);
        self.ledger(&self.user_ledger(auth), op::StartCeremony { ceremony: ceremony.clone() }).await?;
        Ok(ceremony)
    }

    async fn take_ceremony(&self, auth: &Account, id: &str) -> Result<Ceremony, Error> {
        match self.ledger(&self.user_ledger(auth), op::TakeCeremony { id: id.to_string() }).await? {
            Ok(ceremony) => Ok(ceremony),
            Err(crate::code::ChallengeError::Expired) => Err(Error::KeyExpired),
            Err(_) => Err(Error::NoPendingVerification),
        }
    }

    /// "Add method → Security key": options for `navigator.credentials.create()`.
    pub async fn start_security_key(
        &self,
        auth: &Authenticated,
        name: &str,
        rp: &RelyingParty,
    ) -> Result<SecurityKeyRegistration, Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        if !auth.tenant.policy.addable(&methods).contains(&MethodKind::SecurityKey) {
            return Err(Error::MethodNotOffered);
        }
        let name = parse_name(name).ok_or(Error::InvalidName)?;
        let handle = self.user_handle(auth).await?;
        let ceremony = self.start_ceremony(auth, CeremonyPurpose::Register { name }).await?;
        Ok(SecurityKeyRegistration {
            challenge_id: ceremony.id,
            public_key: CreationOptions {
                rp: api::RelyingParty { id: rp.id.clone(), name: auth.tenant.name.clone() },
                user: UserEntity {
                    id: handle,
                    name: auth.user.username.clone(),
                    display_name: auth.user.display_name.clone(),
                },
                challenge: ceremony.challenge,
                pub_key_cred_params: webauthn::ALGORITHMS
                    .iter()
                    .map(|alg| CredentialParameters { kind: PUBLIC_KEY.into(), alg: *alg })
                    .collect(),
                timeout: CEREMONY_TTL as u32,
                exclude_credentials: descriptors(&methods),
                authenticator_selection: AuthenticatorSelection {
                    resident_key: "preferred".into(),
                    require_resident_key: false,
                    user_verification: REQUIRED.into(),
                },
                attestation: "none".into(),
                hints: vec!["security-key".into()],
            },
        })
    }

    /// The browser's answer: verified (§7.1), claimed, and stored as a method.
    pub async fn finish_security_key(
        &self,
        auth: &mut Authenticated,
        challenge_id: &str,
        response: &RegistrationCredential,
        rp: &RelyingParty,
    ) -> Result<MethodView, Error> {
        auth.require_full()?;
        let ceremony = self.take_ceremony(auth, challenge_id).await?;
        let CeremonyPurpose::Register { name } = ceremony.purpose else {
            return Err(Error::NoPendingVerification);
        };
        let credential = webauthn::verify_registration(response, &ceremony.challenge, rp, true).map_err(rejected)?;
        let method_id = entropy::token::<E, 8>(self.entropy);
        let claim = op::ClaimCredential { owner: owner(auth, &method_id) };
        self.ledger(&credential_ledger(&credential), claim).await?.map_err(|op::Taken| Error::KeyAlreadyRegistered)?;
        // A new method id has no counter yet: the first is always taken.
        let counter = op::KeyCounter { method_id: method_id.clone(), counter: credential.sign_count };
        let first = self.ledger(&self.user_ledger(auth), counter).await?;
        first.map_err(|op::CounterRegressed { .. }| Error::Storage("a new key's counter was refused".into()))?;
        let method = Method {
            id: method_id.clone(),
            data: MethodData::SecurityKey { name, credential, cloned_at: None },
            created_at: self.now,
            last_used_at: Some(self.now),
            suspended: false,
        };
        self.add_method(auth, &method).await?;
        // Touch plus PIN on a key just registered is a fresh second step.
        self.passed_second_step(auth, Amr::Hwk).await?;
        let added = api::Activity::MethodAdded { method: MethodKind::SecurityKey };
        self.changed(auth, added, crate::report::Undo::Remove { method_id }).await;
        Ok(method.view())
    }

    pub(super) async fn release_credential(
        &self,
        auth: &Account,
        method_id: &str,
        credential: &Credential,
    ) -> Result<(), Error> {
        let release = op::ReleaseCredential { owner: owner(auth, method_id) };
        self.ledger(&credential_ledger(credential), release).await
    }

    /// Takes a restored key's credential back; `false` if someone registered it since.
    pub(super) async fn reclaim_credential(
        &self,
        auth: &Account,
        method_id: &str,
        credential: &Credential,
    ) -> Result<bool, Error> {
        let claim = op::ClaimCredential { owner: owner(auth, method_id) };
        Ok(self.ledger(&credential_ledger(credential), claim).await?.is_ok())
    }

    /// Second step with a key: options for `navigator.credentials.get()` over all
    /// of the user's keys.
    pub async fn start_key_second_step(
        &self,
        auth: &Authenticated,
        rp: &RelyingParty,
    ) -> Result<SecurityKeyChallenge, Error> {
        let methods = self.methods(auth).await?;
        let allow_credentials = descriptors(&methods);
        if allow_credentials.is_empty() {
            return Err(Error::MethodNotFound);
        }
        if !auth.tenant.policy.allows(MethodKind::SecurityKey) {
            return Err(Error::MethodTurnedOff);
        }
        let ceremony = self.start_ceremony(auth, CeremonyPurpose::SignIn).await?;
        Ok(request_options(ceremony, rp, allow_credentials))
    }

    /// The signed assertion (§7.2) for a sign-in ceremony, as a second-step try
    /// (exact limits). A counter that did not grow flags the key and, by the
    /// tenant's policy, refuses it. Returns the key's method.
    pub(super) async fn check_key_assertion(
        &self,
        auth: &Account,
        challenge_id: &str,
        response: &AssertionCredential,
        rp: &RelyingParty,
        counted: Counted,
    ) -> Result<Method, Error> {
        self.reserve(auth, counted).await?;
        let ceremony = self.take_ceremony(auth, challenge_id).await?;
        if ceremony.purpose != CeremonyPurpose::SignIn {
            return Err(Error::NoPendingVerification);
        }
        let methods = self.methods(auth).await?;
        let (method, _) = keys_of(&methods)
            .find(|(_, c)| c.id == response.raw_id)
            .ok_or(Error::KeyRejected(Rejection::UnknownCredential))?;
        super::usable(&auth.tenant.policy, method)?;
        self.accept_assertion(auth, &ceremony.challenge, method, response, rp, counted).await
    }

    /// Verifies a `get()` answer of the user's key `method` for `challenge`, as a
    /// second-step try already reserved. A counter that did not grow flags the key
    /// and, by the tenant's policy, refuses it. Returns the method, marked used.
    pub(super) async fn accept_assertion(
        &self,
        auth: &Account,
        challenge: &str,
        method: &Method,
        response: &AssertionCredential,
        rp: &RelyingParty,
        counted: Counted,
    ) -> Result<Method, Error> {
        let MethodData::SecurityKey { credential, .. } = &method.data else {
            return Err(Error::KeyRejected(Rejection::UnknownCredential));
        };
        let ledger = self.user_ledger(auth);
        let handle = self.user_handle(auth).await?;
        let assertion = webauthn::verify_assertion(response, challenge, rp, credential, &handle).map_err(rejected)?;
        let mut method = method.clone();
        let counter = op::KeyCounter { method_id: method.id.clone(), counter: assertion.sign_count };
        if let Err(op::CounterRegressed { .. }) = self.ledger(&ledger, counter).await? {
            if let MethodData::SecurityKey { cloned_at, .. } = &mut method.data {
                cloned_at.get_or_insert(self.now);
            }
            self.update_method(auth, &method).await?;
            if auth.tenant.policy.refuse_cloned_keys {
                return Err(Error::KeyCloned);
            }
        }
        self.proven(auth, counted, &method.id, None).await?;
        self.method_used(&auth.tenant.id, &auth.user.id, &method.id).await?;
        method.last_used_at = Some(self.now);
        Ok(method)
    }

    /// The second step with a key.
    pub async fn finish_key_second_step(
        &self,
        auth: &mut Authenticated,
        challenge_id: &str,
        response: &AssertionCredential,
        rp: &RelyingParty,
    ) -> Result<(), Error> {
        self.check_key_assertion(auth, challenge_id, response, rp, Counted::BySecondStepGuard).await?;
        self.log(&auth.tenant, &auth.user.id, api::Activity::SecondStepPassed { method: MethodKind::SecurityKey })
            .await;
        self.passed_second_step(auth, Amr::Hwk).await
    }
}
