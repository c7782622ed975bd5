//! Self-service password reset rules: the reset's state (kept in a ledger of its
//! own), the proof-of-work challenge, and the decoy answer for unknown usernames.

use crate::entropy::{self, Entropy};
use crate::{Millis, MINUTE};
use api::{MethodKind, ResetOption};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// A reset must finish within this time.
pub const TICKET_TTL: Millis = 15 * MINUTE;
/// Tries at proving methods one reset has (right ones are given back); then the
/// reset is over and the user starts again.
pub const TRIES: u32 = 5;
/// A work challenge is good for this long.
pub const CHALLENGE_TTL: Millis = 5 * MINUTE;

/// Where a reset stands. `user_id` is `None` for a decoy (unknown username): it
/// looks the same and can never be completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetState {
    pub user_id: Option<String>,
    pub required: u8,
    pub options: Vec<ResetOption>,
    /// Option ids proven so far.
    pub passed: Vec<String>,
    /// The questions this reset asks (a random subset of those registered).
    #[serde(default)]
    pub questions: Vec<String>,
    pub expires_at: Millis,
    /// The normalised sign-in name, for the per-name budgets (a decoy's too).
    #[serde(default)]
    pub name: String,
    /// Tries taken so far (see [`TRIES`]).
    #[serde(default)]
    pub tries: u32,
}

impl ResetState {
    /// Enough methods proven, and not security questions alone (ASVS 5.0 6.4.2:
    /// knowledge-based answers are never the only reset factor).
    pub fn complete(&self) -> bool {
        let beyond_questions = self
            .passed
            .iter()
            .any(|id| self.options.iter().any(|o| &o.id == id && o.kind != MethodKind::SecurityQuestions));
        self.user_id.is_some() && self.passed.len() >= usize::from(self.required) && beyond_questions
    }
}

fn mac(key: &[u8; 32], message: &str) -> Vec<u8> {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else { return vec![] };
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// A signed challenge for `tenant`: `time.random.signature` (the signature covers
/// the tenant, so work done for one tenant starts nothing at another).
pub fn issue_challenge<E: Entropy>(key: &[u8; 32], tenant: &str, now: Millis, entropy: &E) -> String {
    let body = format!("{now}.{}", entropy::token::<E, 8>(entropy));
    format!("{body}.{}", entropy::hex(&mac(key, &format!("{tenant}/{body}"))))
}

/// A solved challenge: when it was issued (its work is spent once, until it
/// expires) and an id to spend it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solved {
    pub id: String,
    pub expires_at: Millis,
}

/// Signed by us for `tenant`, recent, and the nonce does the work for `username`
/// (as typed, the same string the page worked with).
pub fn challenge_solved(
    key: &[u8; 32],
    tenant: &str,
    challenge: &str,
    username: &str,
    nonce: u64,
    now: Millis,
) -> Option<Solved> {
    let (body, signature) = challenge.rsplit_once('.')?;
    let issued = body.split('.').next().and_then(|t| t.parse::<Millis>().ok())?;
    let fresh = issued <= now && now < issued + CHALLENGE_TTL;
    // The signature is compared in constant time by verify_slice.
    let signed = <Hmac<Sha256> as Mac>::new_from_slice(key).is_ok_and(|mut m| {
        m.update(format!("{tenant}/{body}").as_bytes());
        entropy::unhex(signature).is_some_and(|s| m.verify_slice(&s).is_ok())
    });
    let worked = api::proof::work(challenge, username, nonce) >= api::proof::BITS;
    (fresh && signed && worked).then(|| Solved { id: signature.to_string(), expires_at: issued + CHALLENGE_TTL })
}

/// The reset's label of a method: where a code goes, masked (a phone by its last
/// two digits only); apps and keys by their kind alone, never the names the user
/// gave them, which would tell a stranger about the account.
pub fn option_label(data: &crate::methods::MethodData) -> String {
    use crate::methods::MethodData;
    match data {
        MethodData::Email { address } => address.masked(),
        MethodData::Phone { number, .. } | MethodData::AlternatePhone { number } => {
            masked_phone(&number.e164()[number.e164().len().saturating_sub(2)..])
        }
        _ => String::new(),
    }
}

fn masked_phone(last_two: &str) -> String {
    format!("••••••{last_two}")
}

/// Kinds held once per user carry their kind as id; apps and keys a random one.
fn held_once(kind: MethodKind) -> bool {
    !matches!(kind, MethodKind::AuthenticatorApp | MethodKind::SecurityKey | MethodKind::AppPassword)
}

/// What an unknown username (or an account without enough reset methods) is
/// shown: the tenant's own reset kinds, `required` or one more of them, with ids
/// and labels shaped like real ones; the same for the same name every time
/// (derived from it with a secret key), so repeated tries match.
pub fn decoy_options(key: &[u8; 32], tenant: &str, username: &str, policy: &api::Policy) -> Vec<ResetOption> {
    let seed = mac(key, &format!("decoy/{tenant}/{username}"));
    let byte = |i: usize| seed.get(i % seed.len().max(1)).copied().unwrap_or(0);
    let mut kinds: Vec<MethodKind> = api::policy::RESET_KINDS
        .into_iter()
        .filter(|k| policy.reset.methods.contains(k) && crate::policy::Rules::allows(policy, *k))
        .collect();
    // Fisher–Yates driven by the seed, then `required` or one more.
    for i in (1..kinds.len()).rev() {
        kinds.swap(i, usize::from(byte(i)) % (i + 1));
    }
    // A real reset always offers more than security questions; so does a decoy.
    if kinds.first() == Some(&MethodKind::SecurityQuestions) && kinds.len() > 1 {
        kinds.swap(0, 1);
    }
    let count = usize::from(policy.reset.methods_required) + usize::from(byte(20) % 2);
    kinds.truncate(count.max(1));
    let letter = |i: usize| char::from(b'a' + byte(i) % 26);
    const DOMAINS: [&str; 4] = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com"];
    kinds
        .into_iter()
        .enumerate()
        .map(|(n, kind)| {
            let id = if held_once(kind) {
                kind.as_str().to_string()
            } else {
                entropy::hex(&(0..8).map(|i| byte(24 + 8 * n + i)).collect::<Vec<u8>>())
            };
            let label = match kind {
                MethodKind::Email => {
                    format!("{}{}•••@{}", letter(0), letter(1), DOMAINS[usize::from(byte(2)) % DOMAINS.len()])
                }
                MethodKind::Phone | MethodKind::AlternatePhone => {
                    masked_phone(&format!("{:02}", (u16::from(byte(3 + n)) * 256 + u16::from(byte(4 + n))) % 100))
                }
                _ => String::new(),
            };
            ResetOption { id, kind, label }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    const KEY: [u8; 32] = [7; 32];

    #[test]
    fn challenges_must_be_ours_fresh_and_worked() {
        let (t, name) = ("contoso", "adele@contoso.com");
        let c = issue_challenge(&KEY, t, 1_000, &Seeded::new(1));
        let nonce = api::proof::solve(&c, name, api::proof::BITS);
        let solved = challenge_solved(&KEY, t, &c, name, nonce, 2_000).unwrap();
        assert_eq!(solved.expires_at, 1_000 + CHALLENGE_TTL);
        assert!(challenge_solved(&KEY, t, &c, name, nonce, 1_000 + CHALLENGE_TTL).is_none(), "expired");
        assert!(challenge_solved(&[8; 32], t, &c, name, nonce, 2_000).is_none(), "not signed by us");
        let lazy = (0..).find(|n| api::proof::work(&c, name, *n) < api::proof::BITS).unwrap();
        assert!(challenge_solved(&KEY, t, &c, name, lazy, 2_000).is_none(), "no work");
        let forged = c.replacen("1000", "1500", 1);
        let forged_nonce = api::proof::solve(&forged, name, api::proof::BITS);
        assert!(challenge_solved(&KEY, t, &forged, name, forged_nonce, 2_000).is_none());
    }

    /// Security review (low): the work is bound to the tenant and the name.
    #[test]
    fn finding_low_work_is_bound_to_the_tenant_and_the_name() {
        let c = issue_challenge(&KEY, "contoso", 1_000, &Seeded::new(1));
        let nonce = api::proof::solve(&c, "adele@contoso.com", api::proof::BITS);
        assert!(challenge_solved(&KEY, "fabrikam", &c, "adele@contoso.com", nonce, 2_000).is_none(), "other tenant");
        let other = "alex@contoso.com";
        let works_for_other = api::proof::work(&c, other, nonce) >= api::proof::BITS;
        assert_eq!(challenge_solved(&KEY, "contoso", &c, other, nonce, 2_000).is_some(), works_for_other);
        assert!(!works_for_other || api::proof::solve(&c, other, api::proof::BITS) == nonce);
    }

    #[test]
    fn decoys_are_stable_per_name_and_look_like_real_options() {
        let policy = api::Policy::open();
        let a = decoy_options(&KEY, "contoso", "nobody@contoso.com", &policy);
        assert_eq!(a, decoy_options(&KEY, "contoso", "nobody@contoso.com", &policy));
        let names = (0..40).map(|i| format!("user{i}@contoso.com"));
        let all: Vec<Vec<ResetOption>> = names.map(|n| decoy_options(&KEY, "contoso", &n, &policy)).collect();
        assert!(all.iter().any(|o| o != &a), "other names, other options");
        for options in &all {
            assert!((1..=2).contains(&options.len()), "{options:?}");
            for o in options {
                match o.kind {
                    MethodKind::Email => assert_eq!((o.id.as_str(), o.label.contains("•••@")), ("email", true)),
                    MethodKind::Phone | MethodKind::AlternatePhone => {
                        assert_eq!(o.id, o.kind.as_str());
                        assert_eq!(o.label.chars().filter(char::is_ascii_digit).count(), 2, "{}", o.label);
                    }
                    MethodKind::AuthenticatorApp | MethodKind::SecurityKey => {
                        assert_eq!((o.id.len(), o.label.as_str()), (16, ""))
                    }
                    _ => assert_eq!((o.id.as_str(), o.label.as_str()), (o.kind.as_str(), "")),
                }
            }
        }
        // Only what the tenant offers for a reset.
        let mut narrow = api::Policy::open();
        narrow.reset.methods = vec![MethodKind::Email, MethodKind::SecurityQuestions];
        narrow.reset.methods_required = 2;
        for n in 0..20 {
            let o = decoy_options(&KEY, "contoso", &format!("u{n}"), &narrow);
            let kinds: Vec<MethodKind> = o.iter().map(|o| o.kind).collect();
            assert!(
                kinds.len() == 2
                    && kinds.contains(&MethodKind::Email)
                    && kinds.contains(&MethodKind::SecurityQuestions)
            );
        }
    }
}
