//! Methods proven by a code we send: email (reset only) and phone by text message
//! (also a second step). Sending to phones is limited per number, user, client
//! address and tenant against SMS pumping.

use super::{Authenticated, Portal};
use crate::code::{Challenge, ChallengeError, CodeDigest, OneTimeCode, Purpose};
use crate::delivery::{caller_email, caller_sms, code_email, code_sms, reset_code_email, Courier, Message};
use crate::email::EmailAddress;
use crate::entropy::{self, Entropy};
use crate::error::seconds_until;
use crate::ledger::{self as op, Ledgers};
use crate::methods::{uses, Method, MethodData};
use crate::phone::PhoneNumber;
use crate::policy::Rules;
use crate::session::Amr;
use crate::store::Store;
use crate::{keys, throttle, Error};
use api::{MethodKind, MethodView, PendingVerification, PhoneMode};

pub(super) fn pending(challenge: &Challenge) -> PendingVerification {
    let masked_destination = match &challenge.purpose {
        Purpose::RegisterEmail { address }
        | Purpose::ResetEmail { address, .. }
        | Purpose::CallerEmail { address, .. } => address.masked(),
        Purpose::RegisterPhone { number }
        | Purpose::SecondStep { number, .. }
        | Purpose::ResetPhone { number, .. }
        | Purpose::CallerPhone { number, .. } => number.masked(),
        Purpose::Decoy { .. } => String::new(),
    };
    PendingVerification {
        challenge_id: challenge.id.clone(),
        masked_destination,
        expires_at: challenge.expires_at,
        resend_at: challenge.resend_at(),
        extension_removed: false,
    }
}

/// The message carrying `code` for a challenge, by its channel (a decoy's, none).
fn message(purpose: &Purpose, code: &OneTimeCode, tenant: &str, lang: &str) -> Option<Message> {
    Some(match purpose {
        Purpose::RegisterEmail { address } => code_email(address, code.as_str(), tenant, lang),
        Purpose::ResetEmail { address, .. } => reset_code_email(address, code.as_str(), tenant, lang),
        Purpose::CallerEmail { address, .. } => caller_email(address, code.as_str(), tenant, lang),
        Purpose::RegisterPhone { number } | Purpose::SecondStep { number, .. } | Purpose::ResetPhone { number, .. } => {
            code_sms(number, code.as_str(), tenant, lang)
        }
        Purpose::CallerPhone { number, .. } => caller_sms(number, code.as_str(), tenant, lang),
        Purpose::Decoy { .. } => return None,
    })
}

/// Whose budgets a text, call or mail counts against.
#[derive(Debug, Clone, Copy)]
pub(super) enum Sender<'a> {
    /// The signed-in user (the per-user cap is the ledger's send limit).
    User,
    /// A password reset for this sign-in name: budgets of its own, so a stranger
    /// never uses up what the user's own sign-in needs.
    Reset { name: &'a str },
}

/// What a reset decoy's phone option counts its sends against in place of a number:
/// a line of its own per name, so a decoy costs the budgets and storage calls of a
/// real text or call (and its budget runs out like a real number's).
pub(super) fn decoy_line(tenant: &str, name: &str, option_id: &str) -> String {
    format!("decoy/{tenant}/{name}/{option_id}")
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    /// Creates a challenge for `purpose` in the user's ledger and sends its code.
    pub(super) async fn send_challenge(&self, auth: &Authenticated, purpose: Purpose) -> Result<Challenge, Error> {
        let ledger = self.user_ledger(auth);
        self.send_code(&auth.tenant, &ledger, throttle::CODE_SENDS, Sender::User, purpose).await
    }

    /// Keeps a new challenge in `ledger` (within its send `limit` and the resend
    /// wait), then counts the sender's budgets and sends the code.
    pub(super) async fn send_code<K: op::HasCodes>(
        &self,
        tenant: &crate::tenant::Tenant,
        ledger: &op::Name<K>,
        limit: throttle::Limit,
        sender: Sender<'_>,
        purpose: Purpose,
    ) -> Result<Challenge, Error> {
        let code = OneTimeCode::generate(self.entropy);
        let id = entropy::token::<E, 16>(self.entropy);
        let challenge = Challenge::new(id, purpose, CodeDigest::new(&code, self.entropy), self.now);
        let start = op::StartChallenge { challenge, limit };
        let challenge = self.challenge_reply(self.ledger(ledger, start).await?)?;
        let line = match (&challenge.purpose, sender) {
            (Purpose::Decoy { method_id, by_phone: true }, Sender::Reset { name }) => {
                Some(decoy_line(&tenant.id, name, method_id))
            }
            (purpose, _) => purpose.phone().map(|n| n.e164().to_string()),
        };
        self.send_allowed(&tenant.id, sender, line.as_deref()).await?;
        if let Some(message) = message(&challenge.purpose, &code, &tenant.name, self.lang) {
            self.courier.send(&message).await?;
        }
        Ok(challenge)
    }

    /// Budgets before any text, call or reset mail. Phones (`line`: the E.164
    /// number): toll-fraud limits per number, per client address and per tenant per
    /// day (the user's own cap is the challenge send cap). Resets: their own
    /// per-name, per-number and tenant budgets.
    pub(super) async fn send_allowed(&self, tenant: &str, sender: Sender<'_>, line: Option<&str>) -> Result<(), Error> {
        let mut budgets = vec![];
        if let Sender::Reset { name } = sender {
            budgets.push((keys::ledger::reset_sends_for(tenant, name), throttle::RESET_SENDS));
        }
        if let Some(line) = line {
            let (phone, daily) = match sender {
                Sender::User => (keys::ledger::phone(line), keys::ledger::tenant(tenant)),
                Sender::Reset { .. } => (keys::ledger::reset_phone(line), keys::ledger::reset_tenant(tenant)),
            };
            budgets.push((phone, throttle::PHONE_SENDS));
            budgets.push((keys::ledger::ip(self.client_ip), throttle::IP_SENDS));
            budgets.extend(keys::ledger::ip_wide(self.client_ip).map(|wide| (wide, throttle::WIDE_SENDS)));
            budgets.push((daily, throttle::TENANT_SENDS));
        }
        for (ledger, limit) in budgets {
            self.blocked(self.ledger(&ledger, op::RecordSend { limit }).await?)?;
        }
        Ok(())
    }

    /// Step one of adding an email method: validate the address and send a code.
    /// "+ Add method" → Email, and "Change" on the email row.
    pub async fn start_email(&self, auth: &Authenticated, address: &str) -> Result<PendingVerification, Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        self.require_adds_only(auth, &methods, MethodKind::Email)?;
        // A registered email may be registered again: that changes its address (the
        // old and the new one both hear of it).
        let held = methods.iter().any(|m| m.kind() == MethodKind::Email);
        let policy = &auth.tenant.policy;
        if !(policy.addable(&methods).contains(&MethodKind::Email) || held && policy.allows(MethodKind::Email)) {
            return Err(Error::MethodNotOffered);
        }
        let address = EmailAddress::parse(address).ok_or(Error::InvalidEmail)?;
        if auth.tenant.own_domains.iter().any(|d| address.is_in_domain(d)) {
            return Err(Error::WorkEmailNotAllowed);
        }
        let challenge = self.send_challenge(auth, Purpose::RegisterEmail { address }).await?;
        Ok(pending(&challenge))
    }

    /// Checks shared by every phone registration (text or call): a recent second
    /// step, the tenant allows the kind, a valid number in an allowed country. A
    /// registered phone may be registered again: that changes its number or mode.
    pub(super) async fn phone_to_register(
        &self,
        auth: &Authenticated,
        kind: MethodKind,
        mode: api::PhoneMode,
        country: &str,
        number: &str,
    ) -> Result<crate::phone::Parsed, Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        self.require_adds_only(auth, &methods, kind)?;
        let policy = &auth.tenant.policy;
        if !policy.allows(kind) || (kind == MethodKind::Phone && !policy.allows_phone_mode(mode)) {
            return Err(Error::MethodNotOffered);
        }
        let parsed = PhoneNumber::parse(number, country).map_err(|_| Error::InvalidPhone)?;
        if !auth.tenant.policy.allows_phone_country(parsed.number.country()) {
            return Err(Error::CountryNotAllowed);
        }
        Ok(parsed)
    }

    /// Step one of adding a phone method (text): parse the number, check the
    /// tenant's countries, text a code.
    pub async fn start_phone(
        &self,
        auth: &Authenticated,
        country: &str,
        number: &str,
    ) -> Result<PendingVerification, Error> {
        let parsed = self.phone_to_register(auth, MethodKind::Phone, api::PhoneMode::Text, country, number).await?;
        let challenge = self.send_challenge(auth, Purpose::RegisterPhone { number: parsed.number }).await?;
        Ok(PendingVerification { extension_removed: parsed.extension_removed, ..pending(&challenge) })
    }

    /// Sends a fresh code for a pending challenge (registration or second step).
    pub async fn resend_code(&self, auth: &Authenticated, challenge_id: &str) -> Result<PendingVerification, Error> {
        let code = OneTimeCode::generate(self.entropy);
        let resend = op::ResendChallenge {
            id: challenge_id.to_string(),
            code: CodeDigest::new(&code, self.entropy),
            limit: throttle::CODE_SENDS,
        };
        let challenge = self.challenge_reply(self.ledger(&self.user_ledger(auth), resend).await?)?;
        self.send_allowed(&auth.tenant.id, Sender::User, challenge.purpose.phone().map(|n| n.e164())).await?;
        if let Some(message) = message(&challenge.purpose, &code, &auth.tenant.name, self.lang) {
            self.courier.send(&message).await?;
        }
        Ok(pending(&challenge))
    }

    /// Step two of a registration: the code proves the address or number; only
    /// now is a method stored.
    pub async fn verify_code(
        &self,
        auth: &mut Authenticated,
        challenge_id: &str,
        code: &str,
    ) -> Result<MethodView, Error> {
        auth.require_full()?;
        let code = OneTimeCode::parse(code).ok_or(Error::MalformedCode)?;
        let verify = op::VerifyChallenge { id: challenge_id.to_string(), code };
        let ledger = self.user_ledger(auth);
        let data = match self.ledger(&ledger, verify).await? {
            Ok(Purpose::RegisterEmail { address }) => MethodData::Email { address },
            Ok(Purpose::RegisterPhone { number }) => MethodData::Phone { number, mode: PhoneMode::Text },
            Ok(_) => return Err(Error::NoPendingVerification),
            Err(error) => return Err(challenge_error(error, self.now)),
        };
        let method = Method::single(data, self.now);
        let previous = self.methods(auth).await?.into_iter().find(|m| m.id == method.id);
        self.add_method(auth, &method).await?;
        let undo = crate::report::Undo::replacing(previous.as_ref(), &method);
        let activity = if previous.is_some() {
            api::Activity::MethodChanged { method: method.kind() }
        } else {
            api::Activity::MethodAdded { method: method.kind() }
        };
        self.changed(auth, activity, undo).await;
        if uses(method.kind()).mfa {
            // The code just reached the phone: that counts as a fresh second step.
            self.passed_second_step(auth, Amr::Sms).await?;
        }
        Ok(method.view())
    }

    /// The second step by text message: sends a code to a registered phone.
    pub async fn send_second_step_code(
        &self,
        auth: &Authenticated,
        method_id: &str,
    ) -> Result<PendingVerification, Error> {
        let method = self.usable_method(auth, method_id).await?;
        let MethodData::Phone { number, .. } = method.data else {
            return Err(Error::NotMfaCapable);
        };
        let purpose = Purpose::SecondStep { method_id: method.id, number };
        Ok(pending(&self.send_challenge(auth, purpose).await?))
    }

    /// Maps a ledger's answer about a challenge to the challenge or an error.
    pub(super) fn challenge_reply(&self, reply: Result<Challenge, op::NotSent>) -> Result<Challenge, Error> {
        reply.map_err(|refused| match refused {
            op::NotSent::Blocked { until } => Error::TooManyAttempts { retry_after: seconds_until(self.now, until) },
            op::NotSent::Failed { error } => challenge_error(error, self.now),
        })
    }
}

pub(super) fn challenge_error(error: ChallengeError, now: crate::Millis) -> Error {
    match error {
        ChallengeError::NotFound => Error::NoPendingVerification,
        ChallengeError::Expired => Error::CodeExpired,
        ChallengeError::Wrong { attempts_left } => Error::InvalidCode { attempts_left },
        ChallengeError::Locked | ChallengeError::TooManySends => Error::CodeLocked,
        ChallengeError::ResendTooSoon { resend_at } => {
            Error::ResendTooSoon { retry_after: seconds_until(now, resend_at) }
        }
    }
}
