//! The tenant's directory of people: permanent random user ids, and the move of ids
//! from earlier versions (positional, `u0` or `demo0`, which a re-provisioning
//! could hand to someone else) to random ones with everything the user owns.

use crate::entropy::{self, Entropy};
use crate::ledger::{self as op, Ledgers};
use crate::store::{get_json, put_json, Store};
use crate::tenant::{Tenant, User};
use crate::{keys, Error, Millis};

/// A new user id: 128 random bits as 32 hex digits, never derived from a name or
/// a position, never reused.
pub fn new_user_id<E: Entropy>(entropy: &E) -> String {
    entropy::token::<E, 16>(entropy)
}

/// Whether `id` is a permanent one made by [`new_user_id`].
pub fn is_permanent(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Every username index entry of the tenant: (username, user id).
pub async fn names<S: Store>(store: &S, tenant: &str) -> Result<Vec<(String, String)>, Error> {
    let prefix = keys::username(tenant, "");
    let mut out = vec![];
    let mut cursor = None;
    loop {
        let (page, next) = store.list_page(&prefix, cursor.as_deref(), 1000).await?;
        for key in page {
            if let Some(id) = store.get(&key).await? {
                out.push((key[prefix.len()..].to_string(), id));
            }
        }
        match next {
            Some(next) => cursor = Some(next),
            None => return Ok(out),
        }
    }
}

/// Moves every user of `tenant` whose id is not permanent to a random one: the
/// ledger (methods, default, passes, grants), the security keys' owner records,
/// the activity, the record and the name index. Safe to run again after a crash at
/// any point: the new id is written into the old record first and reused, and the
/// name index switching to it is the commit. Sessions and app tokens of the old id
/// end (they name it); the user signs in again. Returns (old id, new id) pairs.
pub async fn migrate<S: Store, L: Ledgers, E: Entropy>(
    store: &S,
    ledgers: &L,
    entropy: &E,
    tenant: &Tenant,
    now: Millis,
) -> Result<Vec<(String, String)>, Error> {
    let keep = u64::from(tenant.policy.activity_days.max(1)) * crate::DAY;
    let tenant = tenant.id.as_str();
    let mut moved = vec![];
    for (name, old_id) in names(store, tenant).await? {
        if is_permanent(&old_id) {
            continue;
        }
        let Some(mut old) = get_json::<S, User>(store, &keys::user(tenant, &old_id)).await? else { continue };
        let new_id = match &old.moved_to {
            Some(id) if is_permanent(id) => id.clone(),
            _ => {
                old.moved_to = Some(new_user_id(entropy));
                put_json(store, &keys::user(tenant, &old_id), &old, None).await?;
                old.moved_to.clone().unwrap_or_default()
            }
        };
        // Until the name index switches, the old ledger is the user's: copy it
        // whole over whatever an interrupted run left under the new id.
        let ledger = ledgers.apply(&keys::ledger::user(tenant, &old_id), op::Export {}, now).await?;
        for (method, credential) in ledger.credential_ids() {
            let transfer = op::TransferCredential {
                from: format!("{tenant}/{old_id}/{method}"),
                to: format!("{tenant}/{new_id}/{method}"),
            };
            ledgers.apply(&keys::ledger::credential_of(credential), transfer, now).await?;
        }
        ledgers.apply(&keys::ledger::user(tenant, &new_id), op::Import { ledger }, now).await?;
        copy_activity(ledgers, tenant, &old_id, &new_id, keep, now).await?;
        let user = User { id: new_id.clone(), moved_to: None, version: old.version + 1, ..old };
        put_json(store, &keys::user(tenant, &new_id), &user, None).await?;
        store.put(&keys::username(tenant, &name), &new_id, None).await?;
        // Committed: what is left under the old id is forgotten.
        ledgers.apply(&keys::ledger::user(tenant, &old_id), op::Clear {}, now).await?;
        ledgers.erase(&keys::journal::activity(tenant, &old_id)).await?;
        store.delete(&keys::user(tenant, &old_id)).await?;
        moved.push((old_id, new_id));
    }
    Ok(moved)
}

/// Copies a user's recent activity to their new id. An entry's key comes from its
/// content, so a second run after a crash writes the same keys again.
async fn copy_activity<L: Ledgers>(
    ledgers: &L,
    tenant: &str,
    from: &str,
    to: &str,
    keep: Millis,
    now: Millis,
) -> Result<(), Error> {
    let mut cursor = None;
    loop {
        let page = crate::activity::page(ledgers, tenant, from, cursor.as_deref(), now).await?;
        for entry in &page.entries {
            let json = serde_json::to_string(entry)?;
            let suffix = &crate::session::token_digest(&json)[..8];
            let appended = crate::ledger::Appended::new(entry.at, suffix, entry.at + keep, json);
            ledgers.append(&keys::journal::activity(tenant, to), appended).await?;
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    #[test]
    fn ids_are_random_and_permanent_ones_are_recognised() {
        let a = new_user_id(&Seeded::new(1));
        let b = new_user_id(&Seeded::new(2));
        assert_ne!(a, b);
        assert!(is_permanent(&a) && is_permanent(&b));
        assert!(!is_permanent("u0") && !is_permanent("demo2") && !is_permanent(&a.to_uppercase()));
    }
}
