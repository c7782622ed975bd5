//! One "This wasn't me" link's ledger, named by the digest of its token: what the
//! link undoes, until it is followed (once) or runs out. Here rather than in KV: a
//! change then writes no KV, and following the link takes the record atomically.

use super::{operations, Lasting};
use crate::report::{Report, LINK_TTL};
use crate::Millis;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLedger {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    report: Option<Box<Report>>,
}

operations! {
    ReportLedger = "report" as Report, ReportOp, shared [];
    /// Keeps the record of a new link.
    KeepReport { report: Box<Report> } -> () = keep;
    /// Hands the record out once, while the link is valid.
    TakeReport {} -> Option<Box<Report>> = take;
}

impl ReportLedger {
    fn keep(&mut self, report: Box<Report>, _now: Millis) {
        self.report = Some(report);
    }

    fn take(&mut self, now: Millis) -> Option<Box<Report>> {
        self.report.take().filter(|r| now < r.created_at + LINK_TTL)
    }
}

impl Lasting for ReportLedger {
    fn prune(&mut self, now: Millis) {
        if self.report.as_ref().is_some_and(|r| now >= r.created_at + LINK_TTL) {
            self.report = None;
        }
    }

    fn forget_at(&self) -> Option<Millis> {
        self.report.as_ref().map(|r| r.created_at + LINK_TTL)
    }

    fn is_empty(&self) -> bool {
        self.report.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_taken_once_and_only_while_valid() {
        let report = Report {
            user_id: "u".into(),
            change: api::Activity::PasswordChanged,
            undo: crate::report::Undo::Nothing,
            created_at: 10,
        };
        let mut ledger = ReportLedger::default();
        ledger.keep(Box::new(report.clone()), 10);
        assert_eq!(ledger.forget_at(), Some(10 + LINK_TTL));
        assert_eq!(ledger.take(11).as_deref(), Some(&report));
        assert_eq!(ledger.take(12), None, "once");
        assert!(ledger.is_empty());
        ledger.keep(Box::new(report), 10);
        assert_eq!(ledger.take(10 + LINK_TTL), None, "ran out");
    }
}
