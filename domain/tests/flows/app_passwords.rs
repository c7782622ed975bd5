//! App passwords: shown once, capped at 40, accepted by the basic-auth endpoint.

use api::{MethodDetail, MethodKind};
use domain::portal::app_passwords_cap;
use domain::{demo, Error};
use pollster::block_on;

use crate::common::{app_code, World, ADELE};

#[test]
fn an_app_password_works_once_issued_and_not_after_delete() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let tenant = demo::tenant();
    let created = block_on(w.portal().create_app_password(&auth, "Outlook 2010")).unwrap();
    assert_eq!(created.method.detail, MethodDetail::AppPassword { name: "Outlook 2010".into() });
    assert!(regex_like(&created.password), "{}", created.password);
    assert!(!w.store.dump().contains(&created.password.replace(' ', "")), "only a digest is stored");

    // Without two-step verification the account password also works there.
    assert!(block_on(w.portal_for(&tenant).legacy_whoami(ADELE.0, ADELE.1)).is_ok());
    let s = block_on(w.portal().start_authenticator(&auth)).unwrap();
    block_on(w.portal().verify_authenticator(&mut auth, &s.challenge_id, &app_code(&s.secret, w.now.get()), ""))
        .unwrap();
    assert_eq!(block_on(w.portal_for(&tenant).legacy_whoami(ADELE.0, ADELE.1)), Err(Error::AppPasswordRequired));
    let me =
        block_on(w.portal_for(&tenant).legacy_whoami("Adele@Contoso.com", &created.password.to_uppercase())).unwrap();
    assert_eq!(me.username, ADELE.0);
    let listed = block_on(w.portal().security_info(&auth)).unwrap();
    let app = listed.methods.iter().find(|m| m.detail.kind() == MethodKind::AppPassword).unwrap();
    assert_eq!(app.last_used_at, Some(w.now.get()));
    let authenticator = listed.methods.iter().find(|m| m.detail.kind() == MethodKind::AuthenticatorApp).unwrap();
    assert_eq!(listed.default_method.as_deref(), Some(authenticator.id.as_str()), "never the default");

    block_on(w.portal().delete_method(&auth, &app.id)).unwrap();
    assert_eq!(
        block_on(w.portal_for(&tenant).legacy_whoami(ADELE.0, &created.password)),
        Err(Error::InvalidCredentials)
    );
    assert_eq!(
        block_on(w.portal_for(&tenant).legacy_whoami("nobody@contoso.com", "whatever")),
        Err(Error::InvalidCredentials)
    );
}

fn regex_like(p: &str) -> bool {
    p.len() == 19 && p.split(' ').all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_lowercase()))
}

#[test]
fn forty_at_most_and_only_where_allowed() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    for i in 0..app_passwords_cap() {
        block_on(w.portal().create_app_password(&auth, &format!("Device {i}"))).unwrap();
    }
    assert_eq!(block_on(w.portal().create_app_password(&auth, "One more")).unwrap_err(), Error::TooManyAppPasswords);
    let mut tenant = demo::tenant();
    tenant.policy.allowed.retain(|k| *k != MethodKind::AppPassword);
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&tenant.id), &tenant, None)).unwrap();
    let (_, auth) = w.sign_in();
    assert_eq!(block_on(w.portal().create_app_password(&auth, "Blocked")).unwrap_err(), Error::MethodNotOffered);
}
