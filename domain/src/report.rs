//! "This wasn't me": every change notice carries a link with a random 256-bit
//! token (kept only as its digest, valid 7 days, usable once). Following it ends
//! every session of the user, requires a new password, and undoes the change
//! where that is possible.

use crate::methods::Method;
use crate::{Millis, DAY};
use serde::{Deserialize, Serialize};

pub const LINK_TTL: Millis = 7 * DAY;

/// How a change is undone. (Read by a hand-written `Deserialize`: the derived
/// one's JSON, for less code in the worker.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

impl<'de> Deserialize<'de> for Undo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Flat {
            undo: String,
            #[serde(default)]
            method_id: Option<String>,
            #[serde(default)]
            method: Option<Box<Method>>,
            #[serde(default)]
            previous: Option<String>,
        }
        let f = Flat::deserialize(d)?;
        Ok(match f.undo.as_str() {
            "nothing" => Undo::Nothing,
            "remove" => Undo::Remove { method_id: f.method_id.ok_or_else(|| D::Error::missing_field("method_id"))? },
            "restore" => Undo::Restore { method: f.method.ok_or_else(|| D::Error::missing_field("method"))? },
            "default" => Undo::Default { previous: f.previous },
            other => return Err(D::Error::unknown_variant(other, &["nothing", "remove", "restore", "default"])),
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_undo_reads_back_as_written() {
        let method = Method {
            id: "m1".into(),
            data: crate::methods::fixtures::email(),
            created_at: 5,
            last_used_at: None,
            suspended: false,
        };
        for undo in [
            Undo::Nothing,
            Undo::Remove { method_id: "m1".into() },
            Undo::Restore { method: Box::new(method) },
            Undo::Default { previous: Some("m2".into()) },
            Undo::Default { previous: None },
        ] {
            let text = serde_json::to_string(&undo).unwrap();
            assert_eq!(serde_json::from_str::<Undo>(&text).unwrap(), undo, "{text}");
        }
        assert!(serde_json::from_str::<Undo>(r#"{"undo":"remove"}"#).is_err());
    }
}
