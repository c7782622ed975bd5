//! A tenant set up from a file: its records, loaded into a store, serve sign-in.

use domain::tenant_file::{records, FileProblem, TenantFile};
use domain::Error;
use pollster::block_on;

use crate::common::World;

const FILE: &str = r##"{
  "id": "northwind",
  "name": "Northwind Traders",
  "hosts": ["Login.Northwind.example"],
  "own_domains": ["northwind.example"],
  "brand_color": "#1b5e20",
  "users": [
    {"username": "Nancy@northwind.example", "display_name": "Nancy Davolio", "password": "tea and biscuits at four", "admin": true},
    {"username": "andrew@northwind.example", "display_name": "Andrew Fuller", "password": "sails across the bay"}
  ]
}"##;

#[test]
fn a_tenant_file_becomes_a_working_tenant() {
    let w = World::new();
    let file: TenantFile = serde_json::from_str(FILE).unwrap();
    for (key, value) in records(&file, &w.rng).unwrap() {
        block_on(domain::store::Store::put(&w.store, &key, &value, None)).unwrap();
    }
    let p = w.portal();
    let tenant = block_on(domain::tenant::for_host(p.store, "login.northwind.example")).unwrap();
    assert_eq!((tenant.name.as_str(), tenant.brand_color.as_str()), ("Northwind Traders", "#1b5e20"));
    let nancy = block_on(w.portal_for(&tenant).sign_in("nancy@northwind.example", "tea and biscuits at four")).unwrap();
    assert!(nancy.auth.user.admin);
    assert!(!w.store.dump().contains("tea and biscuits"), "passwords are hashed");
    // Isolated from the demo tenants.
    let contoso = block_on(domain::tenant::by_id(p.store, "contoso")).unwrap();
    assert_eq!(
        block_on(w.portal_for(&contoso).sign_in("nancy@northwind.example", "tea and biscuits at four")).unwrap_err(),
        Error::InvalidCredentials
    );
}

#[test]
fn bad_files_are_refused() {
    let w = World::new();
    let with = |from: &str, to: &str| -> TenantFile { serde_json::from_str(&FILE.replace(from, to)).unwrap() };
    assert_eq!(records(&with("\"northwind\"", "\"North Wind\""), &w.rng), Err(FileProblem::InvalidId));
    assert!(matches!(records(&with("#1b5e20", "#ffffff"), &w.rng), Err(FileProblem::Settings(_))));
    assert!(matches!(records(&with("sails across the bay", "password1"), &w.rng), Err(FileProblem::WeakPassword(_))));
    assert!(matches!(records(&with("andrew@", "nancy@"), &w.rng), Err(FileProblem::DuplicateUsername(_))));
    assert!(matches!(records(&with("Login.Northwind.example", "bad host/"), &w.rng), Err(FileProblem::InvalidHost(_))));
}
