//! Authentication methods activity, for tenant admins (Entra's report of the same
//! name): how many users registered for the second step and for reset, by method
//! and by strength, who has no second step, which admins lack a phishing-resistant
//! method, and second-step successes and failures per method over 30 days; the
//! per-user rows also as CSV.
//!
//! It reads every user (the name index, each record, methods and recent activity):
//! a scan, capped at [`MAX_USERS`], run when an admin opens the report.

use super::admin::require_admin;
use super::Portal;
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::Ledgers;
use crate::methods::{uses, Method};
use crate::store::{get_json, Store};
use crate::tenant::User;
use crate::{keys, Error, DAY};
use api::reports::{MethodCount, MethodUsage, MethodsReport, ReportRow, Strength, StrengthCount, REPORT_DAYS};
use api::users::Role;
use api::{Activity, MethodKind, Policy};
use std::collections::BTreeMap;

/// Users one report reads at most.
pub const MAX_USERS: usize = 2000;
/// Name index keys read per list call.
const LIST_PAGE: usize = 1000;

/// The strength of the strongest second-step method among `kinds`.
pub fn strength(kinds: &[MethodKind]) -> Strength {
    let mfa = |k: &&MethodKind| uses(**k).mfa || **k == MethodKind::RecoveryCodes;
    kinds.iter().filter(mfa).fold(Strength::None, |best, kind| {
        let this = match kind {
            MethodKind::SecurityKey => Strength::PhishingResistant,
            MethodKind::Phone | MethodKind::AlternatePhone => Strength::PhoneOnly,
            _ => Strength::App,
        };
        best.min(this)
    })
}

/// Whether `methods` are enough for a password reset under `policy`.
pub fn reset_registered(policy: &Policy, methods: &[Method]) -> bool {
    let counted = methods.iter().filter(|m| policy.reset.methods.contains(&m.kind()) && uses(m.kind()).reset).count();
    policy.reset.enabled && counted >= usize::from(policy.reset.methods_required)
}

/// CSV of the rows: RFC 4180 quoting, a header line, CRLF line ends.
pub fn csv(rows: &[ReportRow]) -> String {
    fn field(text: &str) -> String {
        // A leading =, +, - or @ would be a formula to a spreadsheet: quoted with a tick.
        let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    }
    let mut out = String::from(
        "username,display_name,role,disabled,mfa_registered,reset_registered,strength,methods,last_sign_in_at\r\n",
    );
    for r in rows {
        let methods: Vec<&str> = r.methods.iter().map(|k| k.as_str()).collect();
        let last = r.last_sign_in_at.map(|at| at.to_string()).unwrap_or_default();
        let line = [
            field(&r.username),
            field(&r.display_name),
            r.role.as_str().to_string(),
            r.disabled.to_string(),
            r.mfa_registered.to_string(),
            r.reset_registered.to_string(),
            r.strength.as_str().to_string(),
            methods.join(" "),
            last,
        ];
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    pub async fn methods_report(&self, auth: &super::Authenticated) -> Result<MethodsReport, Error> {
        require_admin(auth)?;
        let tenant = &auth.tenant.id;
        let since = self.now.saturating_sub(u64::from(REPORT_DAYS) * DAY);
        let prefix = keys::username(tenant, "");
        let (mut names, mut cursor, mut truncated) = (vec![], None::<String>, false);
        loop {
            let (page, next) = self.store.list_page(&prefix, cursor.as_deref(), LIST_PAGE).await?;
            names.extend(page);
            if names.len() >= MAX_USERS {
                truncated = next.is_some() || names.len() > MAX_USERS;
                names.truncate(MAX_USERS);
                break;
            }
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let mut rows = vec![];
        let mut by_method: BTreeMap<MethodKind, u32> = BTreeMap::new();
        let mut usage: BTreeMap<Option<MethodKind>, (u32, u32)> = BTreeMap::new();
        for key in names {
            let Some(id) = self.store.get(&key).await? else { continue };
            let Some(user) = get_json::<S, User>(self.store, &keys::user(tenant, &id)).await? else { continue };
            let methods = self.methods_of(tenant, &user.id).await?;
            let mut kinds: Vec<MethodKind> = methods.iter().map(Method::kind).collect();
            kinds.sort();
            kinds.dedup();
            for kind in &kinds {
                *by_method.entry(*kind).or_default() += 1;
            }
            let mut last_sign_in_at = None;
            let mut page_cursor: Option<String> = None;
            'activity: loop {
                let page =
                    crate::activity::page(self.ledgers, tenant, &user.id, page_cursor.as_deref(), self.now).await?;
                for entry in &page.entries {
                    if entry.at < since {
                        break 'activity;
                    }
                    match entry.activity {
                        Activity::SecondStepPassed { method } => usage.entry(Some(method)).or_default().0 += 1,
                        Activity::SecondStepFailed { method } => usage.entry(method).or_default().1 += 1,
                        Activity::SignedIn | Activity::SignedInWithAccessPass => {
                            last_sign_in_at = last_sign_in_at.or(Some(entry.at));
                        }
                        _ => {}
                    }
                }
                match page.next {
                    Some(next) => page_cursor = Some(next),
                    None => break,
                }
            }
            let strength = strength(&kinds);
            rows.push(ReportRow {
                username: user.username.clone(),
                display_name: user.display_name.clone(),
                role: user.role(),
                disabled: user.disabled,
                mfa_registered: strength != Strength::None,
                reset_registered: reset_registered(&auth.tenant.policy, &methods),
                strength,
                methods: kinds,
                last_sign_in_at,
            });
        }
        let count =
            |f: &dyn Fn(&ReportRow) -> bool| u32::try_from(rows.iter().filter(|r| f(r)).count()).unwrap_or(u32::MAX);
        Ok(MethodsReport {
            generated_at: self.now,
            days: REPORT_DAYS,
            users: count(&|_| true),
            mfa_registered: count(&|r| r.mfa_registered),
            reset_registered: count(&|r| r.reset_registered),
            by_strength: Strength::ALL
                .iter()
                .map(|s| StrengthCount { strength: *s, users: count(&|r| r.strength == *s) })
                .collect(),
            by_method: by_method.into_iter().map(|(method, users)| MethodCount { method, users }).collect(),
            without_mfa: rows.iter().filter(|r| !r.mfa_registered).map(|r| r.username.clone()).collect(),
            admins_without_phishing_resistant: rows
                .iter()
                .filter(|r| r.role == Role::Admin && r.strength != Strength::PhishingResistant)
                .map(|r| r.username.clone())
                .collect(),
            usage: usage
                .into_iter()
                .map(|(method, (succeeded, failed))| MethodUsage { method, succeeded, failed })
                .collect(),
            rows,
            truncated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strongest_second_step_method_decides() {
        use MethodKind as K;
        assert_eq!(strength(&[]), Strength::None);
        assert_eq!(strength(&[K::Email, K::SecurityQuestions, K::AppPassword]), Strength::None);
        assert_eq!(strength(&[K::Phone, K::AlternatePhone]), Strength::PhoneOnly);
        assert_eq!(strength(&[K::Phone, K::AuthenticatorApp]), Strength::App);
        assert_eq!(strength(&[K::RecoveryCodes]), Strength::App);
        assert_eq!(strength(&[K::Phone, K::SecurityKey, K::AuthenticatorApp]), Strength::PhishingResistant);
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        let row = |name: &str| ReportRow {
            username: "a@example.org".into(),
            display_name: name.into(),
            role: Role::HelpDesk,
            disabled: false,
            mfa_registered: true,
            reset_registered: false,
            strength: Strength::App,
            methods: vec![MethodKind::AuthenticatorApp, MethodKind::Phone],
            last_sign_in_at: Some(5),
        };
        let text = csv(&[row("Vance, \"Adele\""), row("=HYPERLINK(\"x\")")]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0].split(',').count(), 9);
        assert_eq!(
            lines[1],
            "a@example.org,\"Vance, \"\"Adele\"\"\",help-desk,false,true,false,app,authenticator-app phone,5"
        );
        assert!(lines[2].starts_with("a@example.org,\"'=HYPERLINK(\"\"x\"\")\""), "{}", lines[2]);
        assert_eq!(lines[3], "");
    }
}
