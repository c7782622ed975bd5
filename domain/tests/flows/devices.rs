//! Sessions live in the user's ledger (issue 25 #1): a signed-in read is one
//! ledger call, an ended session is refused at once, and "Devices" lists and
//! signs out each one.

use domain::portal::Portal;
use domain::{Error, MINUTE};
use pollster::block_on;

use crate::common::World;

const FIREFOX: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1";

#[test]
fn a_signed_in_read_is_one_ledger_call_and_nothing_is_in_kv() {
    let w = World::new();
    let (token, auth) = w.sign_in();
    assert!(token.starts_with(&format!("{}.", auth.user.id)), "the token names its user");
    assert!(!w.store.dump().contains(&auth.session.csrf_token), "no session in KV");
    assert!(w.ledgers.dump().contains(&auth.session.csrf_token), "it is in the user's ledger");

    let before = w.ledgers.calls();
    let p = w.portal();
    let auth = block_on(p.authenticate(&token)).unwrap();
    let info = block_on(p.security_info(&auth)).unwrap();
    assert!(info.methods.is_empty());
    assert_eq!(w.ledgers.calls() - before, 1, "Security info: one call");

    // A change in the same request is seen by the next read (no stale copy).
    let mut auth = auth;
    w.register_app(&mut auth, "Phone");
    let token = auth.renewed_token.clone().unwrap_or(token);
    let p = w.portal();
    let auth = block_on(p.authenticate(&token)).unwrap();
    assert_eq!(block_on(p.security_info(&auth)).unwrap().methods.len(), 1);
    let id = block_on(p.security_info(&auth)).unwrap().methods[0].id.clone();
    block_on(p.delete_method(&auth, &id)).unwrap();
    assert!(block_on(p.security_info(&auth)).unwrap().methods.is_empty(), "read after the delete");
}

#[test]
fn touching_a_session_writes_at_most_once_a_minute() {
    let w = World::new();
    let (token, _) = w.sign_in();
    let stored = w.ledgers.dump();
    w.advance(MINUTE / 2);
    block_on(w.portal().authenticate(&token)).unwrap();
    assert_eq!(w.ledgers.dump(), stored, "a read within the minute changes nothing");
    w.advance(MINUTE);
    block_on(w.portal().authenticate(&token)).unwrap();
    assert_ne!(w.ledgers.dump(), stored, "last activity moves on");
}

#[test]
fn devices_lists_each_session_and_signs_one_out_at_once() {
    let w = World::new();
    let p = Portal { user_agent: FIREFOX, client_country: Some("NL"), ..w.portal() };
    let laptop = block_on(p.sign_in(crate::common::ADELE.0, crate::common::ADELE.1)).unwrap();
    w.advance(MINUTE);
    let p = Portal { user_agent: SAFARI, client_country: None, ..w.portal() };
    let phone = block_on(p.sign_in(crate::common::ADELE.0, crate::common::ADELE.1)).unwrap();

    w.advance(MINUTE / 2);
    let auth = block_on(w.portal().authenticate(&laptop.token)).unwrap();
    let devices = block_on(w.portal().devices(&auth)).unwrap().devices;
    assert_eq!(devices.len(), 2);
    let (first, second) = (&devices[0], &devices[1]);
    assert_eq!(
        (first.device.as_str(), first.current, first.country.as_deref()),
        ("Firefox on Windows", true, Some("NL"))
    );
    assert_eq!(first.last_active_at, w.now.get(), "this one, in use now, first");
    assert_eq!((second.device.as_str(), second.current, second.country.as_deref()), ("Safari on iPhone", false, None));
    assert_eq!(second.signed_in_at, second.last_active_at);
    assert!(!devices.iter().any(|d| d.id.contains(&phone.token) || phone.token.contains(&d.id)));

    // The phone is signed out from the laptop: its very next request is refused.
    assert!(!block_on(w.portal().sign_out_device(&auth, &second.id)).unwrap());
    assert_eq!(block_on(w.portal().authenticate(&phone.token)).unwrap_err(), Error::Unauthenticated);
    assert_eq!(block_on(w.portal().sign_out_device(&auth, &second.id)), Err(Error::NotFound), "gone already");
    assert_eq!(block_on(w.portal().sign_out_device(&auth, "nope")), Err(Error::NotFound));
    assert_eq!(block_on(w.portal().devices(&auth)).unwrap().devices.len(), 1);

    // Signing out this device is signing out.
    assert!(block_on(w.portal().sign_out_device(&auth, &first.id)).unwrap());
    assert_eq!(block_on(w.portal().authenticate(&laptop.token)).unwrap_err(), Error::Unauthenticated);
}

#[test]
fn another_users_session_id_or_token_does_not_reach_this_user() {
    let w = World::new();
    let (adele, auth) = w.sign_in();
    let p = w.portal();
    let alex = block_on(p.sign_in("alex@contoso.com", "Alex-demo-2026")).unwrap();
    let alex_session = block_on(w.portal().devices(&alex.auth)).unwrap().devices[0].id.clone();
    assert_eq!(block_on(w.portal().sign_out_device(&auth, &alex_session)), Err(Error::NotFound));
    assert!(block_on(w.portal().authenticate(&alex.token)).is_ok());
    // Adele's secret under Alex's id is nobody's session.
    let secret = adele.split_once('.').unwrap().1;
    let forged = format!("{}.{secret}", alex.auth.user.id);
    assert_eq!(block_on(w.portal().authenticate(&forged)).unwrap_err(), Error::Unauthenticated);
}

#[test]
fn a_second_step_pending_session_sees_no_devices() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    w.register_app(&mut auth, "Phone");
    let pending = block_on(w.portal().sign_in(crate::common::ADELE.0, crate::common::ADELE.1)).unwrap();
    assert_eq!(block_on(w.portal().devices(&pending.auth)), Err(Error::SecondStepRequired));
}

#[test]
fn a_device_signed_out_while_passing_the_second_step_stays_out() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let (_, secret) = w.register_app(&mut auth, "Phone");
    let laptop = block_on(w.portal().sign_in(crate::common::ADELE.0, crate::common::ADELE.1)).unwrap();
    let mut phone = block_on(w.portal().sign_in(crate::common::ADELE.0, crate::common::ADELE.1)).unwrap();
    // The laptop passes its step and signs the phone out while the phone is passing its own.
    let mut on_laptop = laptop.auth.clone();
    w.advance(31_000);
    let method = block_on(w.portal().security_info(&auth)).unwrap().methods[0].id.clone();
    block_on(w.portal().second_step(&mut on_laptop, &method, &crate::common::app_code(&secret, w.now.get()), None))
        .unwrap();
    let phone_id = phone.auth.session.id.clone();
    block_on(w.portal().sign_out_device(&on_laptop, &phone_id)).unwrap();
    w.advance(31_000);
    let code = crate::common::app_code(&secret, w.now.get());
    let late = block_on(w.portal().second_step(&mut phone.auth, &method, &code, None));
    assert_eq!(late, Err(Error::Unauthenticated));
    assert!(phone.auth.renewed_token.is_none());
    assert!(!block_on(w.portal().devices(&on_laptop)).unwrap().devices.iter().any(|d| d.id == phone_id), "not back");
}
