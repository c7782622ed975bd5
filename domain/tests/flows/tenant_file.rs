//! A tenant set up and provisioned from a file: its records, loaded into a store,
//! serve sign-in; running it again with the file changed keeps everyone's id,
//! methods and password with the right person.

use domain::store::Store;
use domain::tenant::User;
use domain::tenant_file::{plan, Change, Existing, FileProblem, Plan, TenantFile};
use domain::{keys, Error};
use pollster::block_on;

use crate::common::{World, T0};

const FILE: &str = r##"{
  "id": "northwind",
  "name": "Northwind Traders",
  "hosts": ["Login.Northwind.example"],
  "own_domains": ["northwind.example"],
  "brand_color": "#1b5e20",
  "users": [
    {"username": "Nancy@northwind.example", "display_name": "Nancy Davolio", "admin": true},
    {"username": "andrew@northwind.example", "display_name": "Andrew Fuller", "email": "andrew.fuller@northwind.example"}
  ]
}"##;

fn file(text: &str) -> TenantFile {
    serde_json::from_str(text).unwrap()
}

/// What `scripts/tenant.sh` reads back: the tenant, its names and their records.
fn stored(w: &World, tenant: &str) -> Existing {
    let mut out = Existing::new();
    for key in block_on(w.store.list(&format!("t/{tenant}"), 1000)).unwrap() {
        let record = key.starts_with(&keys::user(tenant, "")) && key.matches('/').count() == 3;
        if key == keys::tenant(tenant) || key.starts_with(&keys::username(tenant, "")) || record {
            out.insert(key.clone(), block_on(w.store.get(&key)).unwrap().unwrap());
        }
    }
    if let Some(owner) = block_on(w.store.get(&keys::host("login.northwind.example"))).unwrap() {
        out.insert(keys::host("login.northwind.example"), owner);
    }
    out
}

/// Writes a plan as `wrangler kv bulk put` / `delete` would.
fn apply(w: &World, plan: &Plan) {
    for key in &plan.deletes {
        block_on(w.store.delete(key)).unwrap();
    }
    for (key, value, ttl) in &plan.records {
        block_on(w.store.put(key, value, *ttl)).unwrap();
    }
}

fn provision(w: &World, text: &str) -> Plan {
    let plan = plan(&file(text), &stored(w, "northwind"), &w.rng, w.now.get()).unwrap();
    apply(w, &plan);
    plan
}

fn user(w: &World, name: &str) -> User {
    let id = block_on(w.store.get(&keys::username("northwind", name))).unwrap().unwrap();
    serde_json::from_str(&block_on(w.store.get(&keys::user("northwind", &id))).unwrap().unwrap()).unwrap()
}

#[test]
fn a_tenant_file_becomes_a_working_tenant_whose_new_users_get_a_one_time_pass() {
    let w = World::new();
    let plan = provision(&w, FILE);
    assert_eq!(plan.changes[0], Change::TenantCreated);
    assert_eq!(plan.passes.len(), 2);
    let p = w.portal();
    let tenant = block_on(domain::tenant::for_host(p.store, "login.northwind.example")).unwrap();
    assert_eq!((tenant.name.as_str(), tenant.brand_color.as_str()), ("Northwind Traders", "#1b5e20"));
    let nancy = user(&w, "nancy@northwind.example");
    assert!(nancy.admin && domain::directory::is_permanent(&nancy.id));
    assert_eq!(user(&w, "andrew@northwind.example").work_email(), Some("andrew.fuller@northwind.example"));
    // No password: only the pass signs in, once; it is stored hashed.
    let (name, pass) = &plan.passes[0];
    assert_eq!(name, "nancy@northwind.example");
    assert!(!w.store.dump().contains(&pass.replace('-', "")));
    let portal = w.portal_for(&tenant);
    assert_eq!(block_on(portal.sign_in(name, "")).unwrap_err(), Error::InvalidCredentials);
    let signed = block_on(portal.sign_in_with_pass(name, pass)).unwrap();
    assert_eq!(signed.auth.user.id, nancy.id);
    assert!(signed.auth.session.access_pass.is_some(), "a pass session: it registers methods");
    assert!(block_on(portal.authenticate(&signed.token)).is_ok());
    assert_eq!(block_on(portal.sign_in_with_pass(name, pass)).unwrap_err(), Error::AccessPassInvalid, "once");
    assert!(block_on(w.store.get(&keys::invitation("northwind", &nancy.id))).unwrap().is_none());
    // Andrew's pass is his alone.
    assert_eq!(
        block_on(portal.sign_in_with_pass("andrew@northwind.example", pass)).unwrap_err(),
        Error::AccessPassInvalid
    );
    // Isolated from the demo tenants.
    let contoso = block_on(domain::tenant::by_id(p.store, "contoso")).unwrap();
    assert_eq!(block_on(w.portal_for(&contoso).sign_in_with_pass(name, pass)).unwrap_err(), Error::AccessPassInvalid);
}

#[test]
fn an_invitation_runs_out() {
    let w = World::new();
    let plan = provision(&w, FILE);
    w.now.set(T0 + domain::access_pass::INVITATION_DAYS * domain::DAY);
    let tenant = block_on(domain::tenant::by_id(&w.store, "northwind")).unwrap();
    let (name, pass) = &plan.passes[1];
    assert_eq!(block_on(w.portal_for(&tenant).sign_in_with_pass(name, pass)).unwrap_err(), Error::AccessPassInvalid);
}

#[test]
fn running_again_with_a_line_inserted_keeps_everyone_with_their_own_id_and_password() {
    let w = World::new();
    let first = provision(&w, FILE);
    let tenant = block_on(domain::tenant::by_id(&w.store, "northwind")).unwrap();
    // Andrew sets up his account: a password (by reset's record) and a method.
    let mut andrew = user(&w, "andrew@northwind.example");
    andrew.password_hash = domain::password::hash("sails across the bay", &w.rng).unwrap();
    andrew.sessions_after = Some(T0);
    block_on(domain::store::put_json(&w.store, &keys::user("northwind", &andrew.id), &andrew, None)).unwrap();
    let signed = block_on(w.portal_for(&tenant).sign_in_with_pass(&first.passes[0].0, &first.passes[0].1)).unwrap();
    let nancy_id = signed.auth.user.id.clone();
    let mut auth = signed.auth;
    let pending = block_on(w.portal_for(&tenant).start_email(&auth, "nancy@example.org")).unwrap();
    block_on(w.portal_for(&tenant).verify_code(&mut auth, &pending.challenge_id, &w.sent.last_code())).unwrap();

    let inserted = FILE.replace(
        r#""users": ["#,
        r#""users": [
    {"username": "margaret@northwind.example", "display_name": "Margaret Peacock"},"#,
    );
    let again = provision(&w, &inserted);
    assert_eq!(
        again.changes,
        vec![Change::UserAdded { username: "margaret@northwind.example".into() }],
        "nothing else changes"
    );
    assert_eq!(again.passes.len(), 1);
    assert_eq!(user(&w, "nancy@northwind.example").id, nancy_id);
    assert_eq!(user(&w, "andrew@northwind.example"), andrew, "password and marks kept");
    let margaret = user(&w, "margaret@northwind.example");
    assert!(margaret.id != nancy_id && margaret.id != andrew.id);
    let signed = block_on(w.portal_for(&tenant).sign_in("andrew@northwind.example", "sails across the bay")).unwrap();
    assert_eq!(signed.auth.user.id, andrew.id);
    // Nancy's method is Nancy's; Margaret starts with none.
    assert_eq!(block_on(w.portal_for(&tenant).security_info(&auth)).unwrap().methods.len(), 1);
    let (name, pass) = &again.passes[0];
    let margaret_auth = block_on(w.portal_for(&tenant).sign_in_with_pass(name, pass)).unwrap().auth;
    assert_eq!(margaret_auth.user.id, margaret.id);
    assert!(block_on(w.portal_for(&tenant).security_info(&margaret_auth)).unwrap().methods.is_empty());
    // A third run with no change writes nothing at all.
    assert!(provision(&w, &inserted).records.is_empty());
}

#[test]
fn a_user_renamed_by_id_keeps_the_id_and_the_admin_pages_settings_stay() {
    let w = World::new();
    provision(&w, FILE);
    let andrew = user(&w, "andrew@northwind.example");
    // The admin page changed the tenant's name: the file no longer applies it.
    let mut tenant = block_on(domain::tenant::by_id(&w.store, "northwind")).unwrap();
    tenant.name = "Northwind".into();
    block_on(domain::store::put_json(&w.store, &keys::tenant("northwind"), &tenant, None)).unwrap();
    let renamed = FILE.replace(
        r#"{"username": "andrew@northwind.example","#,
        &format!(r#"{{"id": "{}", "username": "drew@northwind.example","#, andrew.id),
    );
    let plan = provision(&w, &renamed);
    assert!(plan.changes.contains(&Change::TenantSettingsKept));
    assert!(plan.changes.contains(&Change::UserRenamed {
        from: "andrew@northwind.example".into(),
        to: "drew@northwind.example".into()
    }));
    assert_eq!(user(&w, "drew@northwind.example").id, andrew.id);
    assert!(block_on(w.store.get(&keys::username("northwind", "andrew@northwind.example"))).unwrap().is_none());
    assert_eq!(block_on(domain::tenant::by_id(&w.store, "northwind")).unwrap().name, "Northwind");
    assert!(plan.passes.is_empty());
}

#[test]
fn bad_files_are_refused() {
    let w = World::new();
    let with = |from: &str, to: &str| -> TenantFile { file(&FILE.replace(from, to)) };
    let none = Existing::new();
    let run = |f: &TenantFile| plan(f, &none, &w.rng, T0).map(|_| ());
    assert_eq!(run(&with("\"northwind\"", "\"North Wind\"")), Err(FileProblem::InvalidId));
    assert!(matches!(run(&with("#1b5e20", "#ffffff")), Err(FileProblem::Settings(_))));
    assert!(matches!(run(&with("andrew@", "nancy@")), Err(FileProblem::DuplicateUsername(_))));
    assert!(matches!(run(&with("Login.Northwind.example", "bad host/")), Err(FileProblem::InvalidHost(_))));
    assert!(matches!(run(&with("andrew.fuller@", "not an address@")), Err(FileProblem::InvalidEmail(_))));
    assert!(matches!(
        run(&with(r#""admin": true"#, r#""password": "tea and biscuits""#)),
        Err(FileProblem::PasswordInFile(_))
    ));
    assert!(matches!(run(&with(r#""admin": true"#, r#""id": "u0""#)), Err(FileProblem::InvalidUserId(_))));
    let taken = Existing::from([(keys::host("login.northwind.example"), "contoso".to_string())]);
    assert_eq!(
        plan(&file(FILE), &taken, &w.rng, T0).map(|_| ()),
        Err(FileProblem::HostTaken("login.northwind.example".into()))
    );
}
