//! The strongly consistent part of the state. KV is eventually consistent and has
//! no compare-and-set, so every read-modify-write that must be exact (failure
//! counters, code attempts, send caps, a user's methods) is an operation on a
//! ledger, which the worker keeps in a Durable Object: one ledger per name,
//! operations applied one at a time.
//!
//! Each kind of ledger is its own type with its own operations, and each operation
//! is a type with its own reply: a [`Name`] says which kind a ledger is, so only
//! that kind's operations can be sent to it and a caller only matches replies its
//! operation can give.
//!
//! | kind | names | holds |
//! | --- | --- | --- |
//! | [`UserLedger`] | `u/` | methods, default, second-step guard, pending codes, calls, ceremonies, passes |
//! | [`ResetLedger`] | `r/` | one password reset: its state, codes and calls |
//! | [`ThrottleLedger`] | `a/ ip/ ph/ t/ rs/ x/ pk/ inv/` | failures and sends in windows, ids spent once |
//! | [`CredentialLedger`] | `c/ n/` | who holds a security key's credential id, or a username |
//! | [`ReportLedger`] | `x/` | one "This wasn't me" link's record, until followed or run out |

mod codes;
mod credential;
pub mod journal;
mod memory;
mod pending;
mod report;
mod reset;
mod throttle;
mod user;

pub use codes::{
    AnswerCall, Codes, EndCall, HasCodes, HasSends, NotSent, RecordSend, ResendChallenge, StartCall, StartChallenge,
    TakeCall, VerifyChallenge,
};
pub use credential::{
    ClaimCredential, CredentialLedger, CredentialOp, CredentialOwner, ReleaseCredential, Taken, TransferCredential,
};
pub use journal::{Appended, Journal, JournalPage};
pub use memory::MemoryLedgers;
pub use pending::{Expiring, Pending};
pub use report::{KeepReport, ReportLedger, ReportOp, TakeReport};
pub use reset::{CloseReset, OpenReset, ReadReset, ReserveResetTry, ResetLedger, ResetOp, UpdateReset};
pub use throttle::{
    CheckDelay, CheckFailures, ClearFailures, RecordDelayedFailure, RecordFailure, ReserveTry, SpendOnce,
    ThrottleLedger, ThrottleOp, WasSpent,
};
pub use user::*;

use crate::sealing::Keyring;
use crate::{Error, Millis};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// One kind of ledger: its state, the wire enum of its operations (both declared
/// by `operations!`), and what it keeps for how long ([`Lasting`]).
pub trait Kind: Lasting + Default + Serialize + DeserializeOwned + Into<Stored> {
    /// The kind on the wire (the Durable Object's request path).
    const NAME: &'static str;
    type Op: Serialize + DeserializeOwned;
    /// This kind's ledger inside a stored one, if it is of this kind.
    fn of(stored: &mut Stored) -> Option<&mut Self>;
    /// Applies an operation from the wire and answers with its reply's JSON.
    fn apply_op(&mut self, op: Self::Op, now: Millis) -> Result<String, serde_json::Error>;
}

/// What a ledger keeps, and for how long.
pub trait Lasting {
    /// Drops what ran out long enough ago, before any operation.
    fn prune(&mut self, _now: Millis) {}
    /// When this ledger may be deleted: it holds only what runs out, all of it gone
    /// by then. `None` while it holds anything lasting (methods, counters, owners).
    fn forget_at(&self) -> Option<Millis>;
    fn is_empty(&self) -> bool;
}

/// An operation on ledgers of kind `K`, with the one reply type it can give.
pub trait Request<K: Kind>: Into<K::Op> {
    type Reply: Serialize + DeserializeOwned;
    fn apply(self, ledger: &mut K, now: Millis) -> Self::Reply;
}

/// A ledger's name, typed by its kind (made in [`crate::keys::ledger`]).
pub struct Name<K> {
    name: String,
    kind: PhantomData<fn() -> K>,
}

impl<K> Name<K> {
    pub(crate) fn new(name: String) -> Self {
        Name { name, kind: PhantomData }
    }
    pub fn as_str(&self) -> &str {
        &self.name
    }
}

impl<K> Clone for Name<K> {
    fn clone(&self) -> Self {
        Name::new(self.name.clone())
    }
}

impl<K> std::fmt::Debug for Name<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// A ledger as stored: tagged with its kind.
// One ledger per object: the size of the largest kind costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stored {
    User(UserLedger),
    Reset(ResetLedger),
    Throttle(ThrottleLedger),
    Credential(CredentialLedger),
    Report(ReportLedger),
}

impl Stored {
    pub fn forget_at(&self) -> Option<Millis> {
        match self {
            Stored::User(l) => l.forget_at(),
            Stored::Reset(l) => l.forget_at(),
            Stored::Throttle(l) => l.forget_at(),
            Stored::Credential(l) => l.forget_at(),
            Stored::Report(l) => l.forget_at(),
        }
    }

    /// The journal entries the last operations made, to append beside the ledger.
    pub fn take_appended(&mut self) -> Vec<Appended> {
        match self {
            Stored::User(l) => l.take_appended(),
            _ => vec![],
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Stored::User(l) => l.is_empty(),
            Stored::Reset(l) => l.is_empty(),
            Stored::Throttle(l) => l.is_empty(),
            Stored::Credential(l) => l.is_empty(),
            Stored::Report(l) => l.is_empty(),
        }
    }
}

/// Refused by a throttle until this time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocked {
    pub until: Millis,
}

impl Blocked {
    pub(crate) fn check(until: Option<Millis>) -> Result<(), Blocked> {
        until.map_or(Ok(()), |until| Err(Blocked { until }))
    }
}

/// Already spent: a replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replayed;

/// What the operation names is gone or was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotCurrent;

/// An operation as sent to a Durable Object.
#[derive(Serialize, Deserialize)]
pub struct Call<O> {
    pub op: O,
    pub now: Millis,
}

/// Applies `request` to the ledger in `slot` (made on first use). A ledger of
/// another kind under the name is an error, never overwritten.
pub fn apply<K: Kind, R: Request<K>>(slot: &mut Option<Stored>, request: R, now: Millis) -> Result<R::Reply, Error> {
    let ledger = of_kind::<K>(slot)?;
    ledger.prune(now);
    Ok(request.apply(ledger, now))
}

/// The Durable Object's side: applies a [`Call`] for a ledger of `kind` (JSON
/// text) and answers with the reply's JSON text.
pub fn apply_wire(slot: &mut Option<Stored>, kind: &str, call: &str) -> Result<String, Error> {
    fn wire<K: Kind>(slot: &mut Option<Stored>, call: &str) -> Result<String, Error> {
        let call: Call<K::Op> = serde_json::from_str(call)?;
        let ledger = of_kind::<K>(slot)?;
        ledger.prune(call.now);
        Ok(ledger.apply_op(call.op, call.now)?)
    }
    match kind {
        UserLedger::NAME => wire::<UserLedger>(slot, call),
        ResetLedger::NAME => wire::<ResetLedger>(slot, call),
        ThrottleLedger::NAME => wire::<ThrottleLedger>(slot, call),
        CredentialLedger::NAME => wire::<CredentialLedger>(slot, call),
        ReportLedger::NAME => wire::<ReportLedger>(slot, call),
        _ => Err(Error::Storage(format!("no ledger kind {kind}"))),
    }
}

/// The Durable Object's side of [`Ledgers::app_second_step`]: `keys`, the object's own.
pub fn app_step_wire(slot: &mut Option<Stored>, call: &str, keys: Option<&Keyring>) -> Result<String, Error> {
    let call: Call<AppStep> = serde_json::from_str(call)?;
    let ledger = of_kind::<UserLedger>(slot)?;
    ledger.prune(call.now);
    Ok(serde_json::to_string(&ledger.app_second_step(call.op, keys, call.now))?)
}

fn of_kind<K: Kind>(slot: &mut Option<Stored>) -> Result<&mut K, Error> {
    K::of(slot.get_or_insert_with(|| K::default().into()))
        .ok_or_else(|| Error::Storage(format!("the ledger is not of kind {}", K::NAME)))
}

/// Strongly consistent ledgers (Durable Objects): each name's operations are
/// applied one at a time. The futures are not `Send`, as in the Workers runtime.
#[allow(async_fn_in_trait)]
pub trait Ledgers {
    async fn apply<K: Kind, R: Request<K>>(&self, name: &Name<K>, request: R, now: Millis) -> Result<R::Reply, Error>;
    /// Adds an entry to a journal.
    async fn append(&self, journal: &Journal, entry: Appended) -> Result<(), Error>;
    /// A page of a journal, newest first.
    async fn read(&self, journal: &Journal, read: journal::Read) -> Result<JournalPage, Error>;
    /// Forgets a journal (its user is deleted).
    async fn erase(&self, journal: &Journal) -> Result<(), Error>;
    /// The second step with an authenticator app's code, whole, on the user's
    /// ledger, which opens the method's secret with keys of its own.
    async fn app_second_step(&self, name: &Name<UserLedger>, step: AppStep, now: Millis) -> Result<AppStepped, Error>;
}

/// Declares a kind of ledger: its name on the wire and in [`Stored`], its own
/// operations (each a type whose reply is what the kind's method named after it
/// returns, called with the fields in order, then `now`), and its wire enum of
/// them and of the `shared` operations it takes.
macro_rules! operations {
    (
        $kind:ident = $name:literal as $variant:ident, $op:ident, shared [$($shared:ident),* $(,)?];
        $( $(#[$meta:meta])* $req:ident { $($field:ident: $ty:ty),* $(,)? } -> $reply:ty = $method:ident; )*
    ) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
            pub struct $req { $(pub $field: $ty),* }

            impl $crate::ledger::Request<$kind> for $req {
                type Reply = $reply;
                fn apply(self, ledger: &mut $kind, now: $crate::Millis) -> $reply {
                    ledger.$method($(self.$field,)* now)
                }
            }

            impl From<$req> for $op {
                fn from(request: $req) -> Self {
                    $op::$req(request)
                }
            }
        )*
        $(
            impl From<$shared> for $op {
                fn from(request: $shared) -> Self {
                    $op::$shared(request)
                }
            }
        )*

        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $op {
            $($req($req),)*
            $($shared($shared),)*
        }

        impl $crate::ledger::Kind for $kind {
            const NAME: &'static str = $name;
            type Op = $op;

            fn of(stored: &mut $crate::ledger::Stored) -> Option<&mut Self> {
                match stored {
                    $crate::ledger::Stored::$variant(ledger) => Some(ledger),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            fn apply_op(&mut self, op: $op, now: $crate::Millis) -> Result<String, serde_json::Error> {
                use $crate::ledger::Request;
                match op {
                    $($op::$req(r) => serde_json::to_string(&r.apply(self, now)),)*
                    $($op::$shared(r) => serde_json::to_string(&r.apply(self, now)),)*
                }
            }
        }

        impl From<$kind> for $crate::ledger::Stored {
            fn from(ledger: $kind) -> Self {
                $crate::ledger::Stored::$variant(ledger)
            }
        }
    };
}
pub(crate) use operations;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_carries_the_kind_and_a_ledger_keeps_its_kind() {
        let op = ThrottleOp::from(CheckFailures { limit: crate::throttle::Limit { max: 1, window: 2 } });
        let call = serde_json::to_string(&Call { op, now: 5 }).unwrap();
        assert_eq!(call, r#"{"op":{"check-failures":{"limit":{"max":1,"window":2}}},"now":5}"#);
        let mut slot = None;
        assert_eq!(apply_wire(&mut slot, "throttle", &call).unwrap(), r#"{"Ok":null}"#);
        let record = ThrottleOp::from(RecordFailure { limit: crate::throttle::Limit { max: 1, window: 2 } });
        assert_eq!(
            apply_wire(&mut slot, "throttle", &serde_json::to_string(&Call { op: record, now: 5 }).unwrap()).unwrap(),
            "null"
        );
        assert_eq!(apply_wire(&mut slot, "throttle", &call).unwrap(), r#"{"Err":{"until":7}}"#);
        let stored = serde_json::to_string(&slot).unwrap();
        assert!(stored.starts_with(r#"{"throttle":{"#), "{stored}");
        // A user's operation never lands on a throttle's ledger, nor an unknown kind.
        let methods = serde_json::to_string(&Call { op: UserOp::from(Methods {}), now: 5 }).unwrap();
        assert!(apply_wire(&mut slot, "user", &methods).is_err());
        assert!(apply_wire(&mut slot, "nobody", &methods).is_err());
        assert!(apply_wire(&mut slot, "throttle", "{}").is_err(), "malformed");
    }
}
