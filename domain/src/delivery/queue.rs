//! Delivery that survives a provider's outage: messages nobody waits for, and codes
//! whose first try met a passing trouble, go on a queue as a [`Parcel`]. The
//! consumer ([`deliver`]) tries each again with growing pauses; a message
//! delivered is marked spent under its id, so a parcel seen twice (a retry after a
//! lost acknowledgement, a second enqueue) goes out once. What the provider refuses
//! for good, or the dead-letter queue receives after the last retry, is recorded
//! for the tenant's admins ([`record_undelivered`], [`undelivered`]).

use super::Message;
use crate::ledger::{Ledgers, SpendOnce, WasSpent};
use crate::phone::mask_e164;
use crate::store::{get_json, put_json, Store};
use crate::{keys, Error, Millis, DAY};
use api::reports::{Channel, Undelivered, UndeliveredMessage};
use serde::{Deserialize, Serialize};

/// A message on the delivery queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parcel {
    /// Random, made when it was queued: the idempotency key.
    pub id: String,
    pub tenant: String,
    pub queued_at: Millis,
    pub message: Message,
    /// Where the SMS provider reports a text's delivery status (on the host of the
    /// request that queued it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_callback: Option<String>,
}

/// Why a provider did not take a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// 429, 5xx, no answer: it may take it later.
    Passing,
    /// Any other refusal (a bad number, missing credentials): trying again won't help.
    Final,
}

/// Sends one message once, telling a passing trouble from a final one.
#[allow(async_fn_in_trait)]
pub trait Provider {
    async fn try_send(&self, message: &Message) -> Result<(), Trouble>;
}

/// What became of a parcel on this try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Delivered,
    /// Delivered before: nothing sent.
    AlreadyDelivered,
    /// Try again after this many seconds.
    RetryIn(u32),
    /// Refused for good; recorded for the admins.
    Undeliverable,
}

/// How long a delivered id is remembered: longer than a queue keeps a message.
const DELIVERED_KEPT: Millis = 5 * DAY;
/// Undelivered messages are listed for this long.
const UNDELIVERED_KEPT_SECONDS: u64 = 30 * 24 * 3600;
/// The longest pause between two tries.
const LONGEST_PAUSE_SECONDS: u32 = 15 * 60;
/// At most this many are listed.
const UNDELIVERED_LISTED: usize = 50;

/// The pause before the next try: as long as the parcel has waited so far, at
/// least `shortest` (so it doubles each time) and at most 15 minutes.
pub fn pause_seconds(queued_at: Millis, now: Millis, shortest: u32) -> u32 {
    let waited = u32::try_from(now.saturating_sub(queued_at) / 1000).unwrap_or(u32::MAX);
    waited.max(shortest).min(LONGEST_PAUSE_SECONDS.max(shortest))
}

/// Tries a parcel once; `shortest`: the first pause, in seconds.
pub async fn deliver<P: Provider, L: Ledgers, S: Store>(
    parcel: &Parcel,
    provider: &P,
    ledgers: &L,
    store: &S,
    now: Millis,
    shortest: u32,
) -> Result<Verdict, Error> {
    let mark = keys::ledger::delivered(&parcel.id);
    if ledgers.apply(&mark, WasSpent { id: parcel.id.clone() }, now).await? {
        return Ok(Verdict::AlreadyDelivered);
    }
    match provider.try_send(&parcel.message).await {
        Ok(()) => {
            // Spent only after it went out: a crash in between sends it twice,
            // never not at all.
            let _ = ledgers.apply(&mark, SpendOnce { id: parcel.id.clone(), until: now + DELIVERED_KEPT }, now).await?;
            Ok(Verdict::Delivered)
        }
        Err(Trouble::Passing) => Ok(Verdict::RetryIn(pause_seconds(parcel.queued_at, now, shortest))),
        Err(Trouble::Final) => {
            record_undelivered(store, parcel, now).await?;
            Ok(Verdict::Undeliverable)
        }
    }
}

/// Records a parcel the providers would not take (also: the dead-letter queue's).
pub async fn record_undelivered<S: Store>(store: &S, parcel: &Parcel, now: Millis) -> Result<(), Error> {
    let record = UndeliveredMessage {
        channel: parcel.message.channel(),
        to: parcel.message.masked_recipient(),
        queued_at: parcel.queued_at,
        failed_at: now,
    };
    let key = keys::undelivered(&parcel.tenant, u64::MAX - now, &parcel.id);
    put_json(store, &key, &record, Some(UNDELIVERED_KEPT_SECONDS)).await
}

/// Records a text the provider took but the phone network did not deliver (its
/// status callback said `failed` or `undelivered`); `sid`: the provider's id.
pub async fn record_undelivered_text<S: Store>(
    store: &S,
    tenant: &str,
    sid: &str,
    to: &str,
    now: Millis,
) -> Result<(), Error> {
    let record = UndeliveredMessage { channel: Channel::Sms, to: mask_e164(to), queued_at: now, failed_at: now };
    let id: String = sid.chars().filter(char::is_ascii_alphanumeric).take(64).collect();
    put_json(store, &keys::undelivered(tenant, u64::MAX - now, &id), &record, Some(UNDELIVERED_KEPT_SECONDS)).await
}

/// The tenant's undelivered messages of the last 30 days, newest first.
pub async fn undelivered<S: Store>(store: &S, tenant: &str, now: Millis) -> Result<Undelivered, Error> {
    let mut messages = vec![];
    for key in store.list(&keys::undelivered_all(tenant), UNDELIVERED_LISTED).await? {
        if let Some(m) = get_json::<S, UndeliveredMessage>(store, &key).await? {
            if now.saturating_sub(m.failed_at) < UNDELIVERED_KEPT_SECONDS * 1000 {
                messages.push(m);
            }
        }
    }
    Ok(Undelivered { messages })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::Sms;
    use crate::ledger::MemoryLedgers;
    use crate::phone::PhoneNumber;
    use crate::store::MemoryStore;
    use std::cell::RefCell;

    /// Answers with the troubles given, then takes everything; counts what it took.
    struct Stand(RefCell<Vec<Trouble>>, RefCell<u32>);

    impl Provider for Stand {
        async fn try_send(&self, _: &Message) -> Result<(), Trouble> {
            let mut troubles = self.0.borrow_mut();
            if troubles.is_empty() {
                *self.1.borrow_mut() += 1;
                Ok(())
            } else {
                Err(troubles.remove(0))
            }
        }
    }

    fn parcel(id: &str) -> Parcel {
        let to = PhoneNumber::parse("+31612345678", "NL").map(|p| p.number).unwrap();
        Parcel {
            id: id.into(),
            tenant: "contoso".into(),
            queued_at: 1_000_000,
            message: Message::Sms(Sms { to, body: "hi".into() }),
            status_callback: None,
        }
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        pollster::block_on(f)
    }

    #[test]
    fn pauses_double_and_stop_growing_at_fifteen_minutes() {
        assert_eq!(pause_seconds(0, 0, 5), 5);
        assert_eq!(pause_seconds(0, 12_000, 5), 12);
        assert_eq!(pause_seconds(0, 10 * 3_600_000, 5), 900);
        assert_eq!(pause_seconds(5_000, 0, 1), 1, "a clock behind the parcel");
    }

    #[test]
    fn a_parcel_is_retried_after_passing_trouble_and_delivered_once() {
        let (ledgers, store) = (MemoryLedgers::default(), MemoryStore::default());
        let stand = Stand(RefCell::new(vec![Trouble::Passing]), RefCell::new(0));
        let p = parcel("p1");
        let first = run(deliver(&p, &stand, &ledgers, &store, 1_004_000, 2)).unwrap();
        assert_eq!(first, Verdict::RetryIn(4));
        assert_eq!(run(deliver(&p, &stand, &ledgers, &store, 1_008_000, 2)).unwrap(), Verdict::Delivered);
        // The same parcel again (a lost acknowledgement): nothing sent.
        assert_eq!(run(deliver(&p, &stand, &ledgers, &store, 1_009_000, 2)).unwrap(), Verdict::AlreadyDelivered);
        assert_eq!(*stand.1.borrow(), 1);
        // Another parcel with the same message is another message.
        assert_eq!(run(deliver(&parcel("p2"), &stand, &ledgers, &store, 1_009_000, 2)).unwrap(), Verdict::Delivered);
        assert_eq!(*stand.1.borrow(), 2);
        assert!(run(undelivered(&store, "contoso", 1_010_000)).unwrap().messages.is_empty());
    }

    #[test]
    fn a_final_refusal_is_listed_masked_for_the_tenant_only() {
        let (ledgers, store) = (MemoryLedgers::default(), MemoryStore::default());
        let stand = Stand(RefCell::new(vec![Trouble::Final]), RefCell::new(0));
        assert_eq!(
            run(deliver(&parcel("p1"), &stand, &ledgers, &store, 2_000_000, 2)).unwrap(),
            Verdict::Undeliverable
        );
        run(record_undelivered(&store, &parcel("p2"), 3_000_000)).unwrap();
        let listed = run(undelivered(&store, "contoso", 3_000_001)).unwrap().messages;
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].failed_at, 3_000_000, "newest first");
        assert_eq!(listed[0].to, "+31 6 •••• 5678");
        assert_eq!(listed[0].channel, api::reports::Channel::Sms);
        assert!(run(undelivered(&store, "fabrikam", 3_000_001)).unwrap().messages.is_empty());
        // A text the network would not deliver, by its status callback.
        run(record_undelivered_text(&store, "contoso", "SM/1", "+447700900123", 3_000_002)).unwrap();
        let listed = run(undelivered(&store, "contoso", 3_000_003)).unwrap().messages;
        assert_eq!(listed[0].to, "+44 7 •••• 0123");
        // Thirty days on, the list is empty (KV forgets the keys by then too).
        assert!(run(undelivered(&store, "contoso", 3_000_000 + 31 * DAY)).unwrap().messages.is_empty());
    }
}
