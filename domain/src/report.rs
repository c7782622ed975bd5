//! "This wasn't me": every change notice carries a link with a random 256-bit
//! token (kept only as its digest, valid 7 days, usable once). Following it ends
//! every session of the user, requires a new password, and undoes the change
//! where that is possible.

use crate::methods::Method;
use crate::{Millis, DAY};
use serde::{Deserialize, Serialize};

pub const LINK_TTL: Millis = 7 * DAY;

/// How a change is undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "undo", rename_all = "kebab-case")]
pub enum Undo {
    /// Nothing to put back (a password reset, a used recovery code): locking the
    /// account down is the remedy.
    Nothing,
    /// A method was added: remove it.
    Remove { method_id: String },
    /// A method was deleted or replaced: put its stored record back.
    Restore { method: Box<Method> },
    /// The default changed: point it back.
    Default { previous: Option<String> },
}

impl Undo {
    /// For a method registered as `new`: remove it, or put back what it replaced.
    pub fn replacing(previous: Option<&Method>, new: &Method) -> Undo {
        match previous {
            Some(old) => Undo::Restore { method: Box::new(old.clone()) },
            None => Undo::Remove { method_id: new.id.clone() },
        }
    }
}

/// "This wasn't me" suspends every method added this long before the report.
pub const SUSPEND_ADDED_WITHIN: crate::Millis = 7 * crate::DAY;

/// What the link's record keeps until it is followed or expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub user_id: String,
    pub change: api::Activity,
    pub undo: Undo,
    pub created_at: Millis,
}

/// The link in a notice: the SPA's page with the token in the fragment, so it
/// never reaches a server log or a Referer header.
pub fn link(base: &str, token: &str) -> String {
    format!("{base}/report#{token}")
}
