//! The demo tenant for local development (`dev` feature only): a fictional
//! organization with two users and a tenant administrator.

use crate::directory::new_user_id;
use crate::entropy::Entropy;
use crate::ledger::Ledgers;
use crate::store::{put_json, Store};
use crate::tenant::{Tenant, User};
use crate::{keys, password, Error, Millis};
use api::MethodKind;
use api::{Policy, Registration, Requirement};

pub const TENANT: &str = "contoso";
pub const HOSTS: [&str; 2] = ["localhost", "127.0.0.1"];

/// (username, password, display name, admin)
pub type DemoUser = (&'static str, &'static str, &'static str, bool);

pub const USERS: [DemoUser; 3] = [
    ("adele@contoso.com", "Adele-demo-2026", "Adele Vance", false),
    ("alex@contoso.com", "Alex-demo-2026", "Alex Wilber", false),
    ("admin@contoso.com", "Admin-demo-2026", "Megan Bowen", true),
];

/// The second tenant, reached by the path prefix `/t/fabrikam/` in development:
/// it requires an authenticator app and a phone, so its users meet the wizard.
pub const FABRIKAM: &str = "fabrikam";
pub const FABRIKAM_USERS: [DemoUser; 5] = [
    ("lee@fabrikam.com", "Lee-demo-2026", "Lee Gu", false),
    ("nestor@fabrikam.com", "Nestor-demo-2026", "Nestor Wilke", false),
    ("diego@fabrikam.com", "Diego-demo-2026", "Diego Siciliani", false),
    ("admin@fabrikam.com", "Admin-demo-2026", "Isaiah Langer", true),
    ("pradeep@fabrikam.com", "Pradeep-demo-2026", "Pradeep Gupta", false),
];

pub fn tenant() -> Tenant {
    Tenant {
        id: TENANT.into(),
        name: "Contoso".into(),
        own_domains: vec!["contoso.com".into()],
        brand_color: crate::tenant::DEFAULT_BRAND_COLOR.into(),
        policy: Policy::open(),
    }
}

pub fn fabrikam() -> Tenant {
    let mut policy = Policy::open();
    policy.registration = Registration {
        require: Requirement::Methods { kinds: vec![MethodKind::AuthenticatorApp, MethodKind::Phone] },
        grace_days: 7,
        max_skips: 2,
        app_passwords_step: false,
        app_passwords_required: false,
    };
    Tenant {
        id: FABRIKAM.into(),
        name: "Fabrikam".into(),
        own_domains: vec!["fabrikam.com".into()],
        brand_color: "#6b2fbf".into(),
        policy,
    }
}

/// Writes the demo tenants and their users. Idempotent: users that exist (by
/// name) are kept, with their id, methods and password; tenant settings are reset.
/// Users stored by an earlier version under positional ids (`demo0`) move to
/// random ones with their methods ([`crate::directory::migrate`]).
pub async fn seed<S: Store, L: Ledgers, E: Entropy>(
    store: &S,
    ledgers: &L,
    entropy: &E,
    now: Millis,
) -> Result<(), Error> {
    for host in HOSTS {
        store.put(&keys::host(host), TENANT, None).await?;
    }
    for (tenant, users) in [(tenant(), &USERS[..]), (fabrikam(), &FABRIKAM_USERS[..])] {
        put_json(store, &keys::tenant(&tenant.id), &tenant, None).await?;
        for (username, pass, display_name, admin) in users {
            if store.get(&keys::username(&tenant.id, username)).await?.is_some() {
                continue;
            }
            let mut user = User::new(new_user_id(entropy), username.to_string(), display_name.to_string(), now);
            user.password_hash =
                password::hash(pass, entropy).ok_or_else(|| Error::Storage("hashing failed".into()))?;
            user.admin = *admin;
            put_json(store, &keys::user(&tenant.id, &user.id), &user, None).await?;
            store.put(&keys::username(&tenant.id, username), &user.id, None).await?;
        }
        crate::directory::migrate(store, ledgers, entropy, &tenant, now).await?;
    }
    Ok(())
}
