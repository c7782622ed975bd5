//! "Change password" while signed in and "Sign out everywhere" (issue 24 #8, #10).

use domain::{Error, MINUTE};
use pollster::block_on;

use crate::common::{World, ADELE};

#[test]
fn changing_the_password_needs_the_current_one_and_the_rules_and_ends_other_sessions() {
    let w = World::new();
    let (other, _) = w.sign_in();
    let (old_token, mut auth) = w.sign_in();
    let wrong = block_on(w.portal().change_password(&mut auth, "not it", "a fresh passphrase here"));
    assert_eq!(wrong, Err(Error::CurrentPasswordWrong));
    let weak = block_on(w.portal().change_password(&mut auth, ADELE.1, "password123"));
    assert!(matches!(weak, Err(Error::WeakPassword(_))), "{weak:?}");
    assert!(block_on(w.portal().authenticate(&other)).is_ok(), "refusals change nothing");

    w.advance(MINUTE);
    block_on(w.portal().change_password(&mut auth, ADELE.1, "a fresh passphrase here")).unwrap();
    let renewed = auth.renewed_token.clone().expect("this session goes on under a new token");
    assert!(block_on(w.portal().authenticate(&renewed)).is_ok());
    for gone in [&other, &old_token] {
        assert_eq!(block_on(w.portal().authenticate(gone)).unwrap_err(), Error::Unauthenticated);
    }
    assert_eq!(block_on(w.portal().sign_in(ADELE.0, ADELE.1)).unwrap_err(), Error::InvalidCredentials);
    assert!(block_on(w.portal().sign_in(ADELE.0, "a fresh passphrase here")).is_ok());
    assert!(w.sent.last_email().text.contains("password"), "a notice went out");
}

#[test]
fn a_stale_second_step_is_asked_for_before_the_password_changes() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    w.register_app(&mut auth, "Phone");
    w.advance(60 * MINUTE);
    let stale = block_on(w.portal().change_password(&mut auth, ADELE.1, "a fresh passphrase here"));
    assert_eq!(stale, Err(Error::RecentSecondStepRequired));
}

#[test]
fn signing_out_everywhere_ends_every_session_this_one_too() {
    let w = World::new();
    let (other, _) = w.sign_in();
    let (mine, auth) = w.sign_in();
    block_on(w.portal().sign_out_everywhere(&auth)).unwrap();
    for gone in [&other, &mine] {
        assert_eq!(block_on(w.portal().authenticate(gone)).unwrap_err(), Error::Unauthenticated);
    }
    w.advance(1);
    assert!(block_on(w.portal().sign_in(ADELE.0, ADELE.1)).is_ok(), "signing in again works");
}
