//! Confirming a phone by a call: the worker places the call, the provider's signed
//! callback reports the key press, the page waits for the outcome.

use super::sent_codes::Sender;
use super::{Account, Authenticated, Portal};
use crate::delivery::{Call, Courier, Message};
use crate::entropy::{self, Entropy};
use crate::ledger::{self as op, Ledgers};
use crate::methods::{Method, MethodData};
use crate::phone::PhoneNumber;
use crate::providers::twilio::{callback_url, confirm_twiml};
use crate::session::Amr;
use crate::store::Store;
use crate::voice::{CallPurpose, CallState, PendingCall};
use crate::{keys, Error};
use api::{CallStarted, CallStatus, MethodKind, PhoneMode};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    pub(super) async fn place_call(
        &self,
        auth: &Account,
        number: PhoneNumber,
        purpose: CallPurpose,
        sender: Sender<'_>,
    ) -> Result<PendingCall, Error> {
        let id = entropy::token::<E, 16>(self.entropy);
        let action = callback_url(self.link_base, &auth.tenant.id, &auth.user.id, &id, self.lang);
        let twiml = confirm_twiml(self.lang, &auth.tenant.name, &action, &purpose);
        let call = PendingCall::new(id, number.clone(), purpose, self.now, self.entropy);
        // First the wait since the last call there, then the budgets.
        let start = op::StartCall { call: call.clone() };
        self.ledger(&self.user_ledger(auth), start)
            .await?
            .map_err(|error| super::sent_codes::challenge_error(error, self.now))?;
        self.send_allowed(&auth.tenant.id, sender, Some(number.e164())).await?;
        if let Sender::User = sender {
            let send = op::RecordSend { limit: crate::throttle::CODE_SENDS };
            self.blocked(self.ledger(&self.user_ledger(auth), send).await?)?;
        }
        self.courier.send(&Message::Call(Call { to: number, twiml })).await?;
        Ok(call)
    }

    /// "Call me": registers a phone in call mode, or the alternate phone, once the
    /// user presses `#`.
    pub async fn start_phone_call(
        &self,
        auth: &Authenticated,
        kind: MethodKind,
        country: &str,
        number: &str,
    ) -> Result<CallStarted, Error> {
        let purpose = match kind {
            MethodKind::Phone => CallPurpose::RegisterPhone,
            MethodKind::AlternatePhone => CallPurpose::RegisterAlternatePhone,
            _ => return Err(Error::MethodNotOffered),
        };
        let parsed = self.phone_to_register(auth, kind, api::PhoneMode::Call, country, number).await?;
        let call = self.place_call(auth, parsed.number, purpose, Sender::User).await?;
        Ok(started(&call, parsed.extension_removed))
    }

    /// The second step by a call to a registered phone.
    pub async fn start_second_step_call(&self, auth: &Authenticated, method_id: &str) -> Result<CallStarted, Error> {
        let method = self.usable_method(auth, method_id).await?;
        let (MethodData::Phone { number, .. } | MethodData::AlternatePhone { number }) = method.data else {
            return Err(Error::NotMfaCapable);
        };
        let purpose = CallPurpose::SecondStep { method_id: method.id };
        Ok(started(&self.place_call(auth, number, purpose, Sender::User).await?, false))
    }

    /// The provider's callback (signature already checked): the digits the page
    /// shows, then `#`, confirm the call. Returns whether they did, for what the
    /// call says next.
    pub async fn answer_call(&self, tenant: &str, user: &str, call: &str, digits: &str) -> Result<bool, Error> {
        let answer = op::AnswerCall { id: call.to_string(), keys: digits.to_string() };
        match self.ledger(&keys::ledger::user(tenant, user), answer).await? {
            Some(call) => Ok(call.state == CallState::Confirmed),
            None => Err(Error::NoPendingVerification),
        }
    }

    /// "Cancel" while the phone rings (or the page gave up): the call is over.
    pub async fn end_call(&self, auth: &Authenticated, call_id: &str) -> Result<(), Error> {
        let end = op::EndCall { id: call_id.to_string() };
        match self.ledger(&self.user_ledger(auth), end).await? {
            true => Ok(()),
            false => Err(Error::NoPendingVerification),
        }
    }

    /// How the call is going; a confirmed call completes what it was for, once.
    pub async fn call_status(&self, auth: &mut Authenticated, call_id: &str) -> Result<CallStatus, Error> {
        let ledger = self.user_ledger(auth);
        let call = self
            .ledger(&ledger, op::TakeCall { id: call_id.to_string() })
            .await?
            .ok_or(Error::NoPendingVerification)?;
        let state = call.state_at(self.now);
        if state != CallState::Confirmed {
            return Ok(CallStatus { state, method: None });
        }
        match call.purpose {
            CallPurpose::RegisterPhone | CallPurpose::RegisterAlternatePhone => {
                auth.require_full()?;
                let data = match call.purpose {
                    CallPurpose::RegisterPhone => MethodData::Phone { number: call.number, mode: PhoneMode::Call },
                    _ => MethodData::AlternatePhone { number: call.number },
                };
                let method = Method::single(data, self.now);
                let previous = self.methods(auth).await?.into_iter().find(|m| m.id == method.id);
                self.add_method(auth, &method).await?;
                self.passed_second_step(auth, Amr::Tel).await?;
                let kind = method.kind();
                let undo = crate::report::Undo::replacing(previous.as_ref(), &method);
                let activity = if previous.is_some() {
                    api::Activity::MethodChanged { method: kind }
                } else {
                    api::Activity::MethodAdded { method: kind }
                };
                self.changed(auth, activity, undo).await;
                Ok(CallStatus { state, method: Some(method.view()) })
            }
            // A reset's call completes through `reset_call_status`, never here.
            CallPurpose::Reset { .. } => Err(Error::NoPendingVerification),
            CallPurpose::SecondStep { method_id } => {
                let succeeded = op::SecondStepSucceeded { method_id, step: None };
                self.ledger(&ledger, succeeded).await?.map_err(|refusal| self.refusal(refusal))?;
                self.passed_second_step(auth, Amr::Tel).await?;
                let phone = api::MethodKind::Phone;
                self.log(&auth.tenant, &auth.user.id, api::Activity::SecondStepPassed { method: phone }).await;
                Ok(CallStatus { state, method: None })
            }
        }
    }
}

fn started(call: &PendingCall, extension_removed: bool) -> CallStarted {
    CallStarted {
        call_id: call.id.clone(),
        masked_number: call.number.masked(),
        digits: call.digits.clone(),
        expires_at: call.expires_at,
        extension_removed,
    }
}
