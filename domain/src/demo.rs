//! The demo tenant for local development (`dev` feature only): a fictional
//! organization with two users and a tenant administrator.

use crate::entropy::Entropy;
use crate::policy::Policy;
use crate::store::{put_json, Store};
use crate::tenant::{Tenant, User};
use crate::{keys, password, Error};
use api::MethodKind;

pub const TENANT: &str = "contoso";
pub const HOSTS: [&str; 2] = ["localhost", "127.0.0.1"];

/// (username, password, display name, admin)
pub const USERS: [(&str, &str, &str, bool); 3] = [
    ("adele@contoso.com", "Adele-demo-2026", "Adele Vance", false),
    ("alex@contoso.com", "Alex-demo-2026", "Alex Wilber", false),
    ("admin@contoso.com", "Admin-demo-2026", "Megan Bowen", true),
];

pub fn tenant() -> Tenant {
    Tenant {
        id: TENANT.into(),
        name: "Contoso".into(),
        own_domains: vec!["contoso.com".into()],
        policy: Policy {
            allowed: MethodKind::ALL.to_vec(),
            phone_countries: crate::policy::DEFAULT_PHONE_COUNTRIES.iter().map(|c| c.to_string()).collect(),
            refuse_cloned_keys: true,
        },
    }
}

/// Writes the demo tenant and its users. Idempotent: users that exist are kept,
/// with their methods and password.
pub async fn seed<S: Store, E: Entropy>(store: &S, entropy: &E) -> Result<(), Error> {
    let tenant = tenant();
    put_json(store, &keys::tenant(&tenant.id), &tenant, None).await?;
    for host in HOSTS {
        store.put(&keys::host(host), &tenant.id, None).await?;
    }
    for (i, (username, pass, display_name, admin)) in USERS.into_iter().enumerate() {
        let id = format!("demo{i}");
        if store.get(&keys::user(&tenant.id, &id)).await?.is_some() {
            continue;
        }
        let password_hash = password::hash(pass, entropy).ok_or_else(|| Error::Storage("hashing failed".into()))?;
        let user =
            User { id: id.clone(), username: username.into(), display_name: display_name.into(), password_hash, admin };
        put_json(store, &keys::user(&tenant.id, &id), &user, None).await?;
        store.put(&keys::username(&tenant.id, username), &id, None).await?;
    }
    Ok(())
}
