//! Authenticator apps and the second sign-in step, over in-memory storage.

use api::{MethodDetail, MethodKind, SecondStep};
use domain::{mfa, Error, MINUTE};
use pollster::block_on;

use crate::common::{app_code, World, ADELE};

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

/// Registers an app for Adele; returns (method id, base32 secret).
fn register(w: &World, name: &str) -> (String, String) {
    let (_, mut auth) = w.sign_in();
    if matches!(auth.session.second_step, domain::session::SecondStep::Pending) {
        panic!("register() expects a user without a second step pending");
    }
    w.register_app(&mut auth, name)
}

#[test]
fn setup_shows_uri_qr_and_grouped_secret() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    let s = block_on(w.portal().start_authenticator(&auth)).unwrap();
    assert!(s.uri.starts_with("otpauth://totp/Contoso:adele%40contoso.com?secret="));
    assert!(s.uri.ends_with("&issuer=Contoso&algorithm=SHA1&digits=6&period=30"));
    assert!(s.uri.contains(&s.secret.replace(' ', "")));
    assert_eq!(s.secret.len(), 32 + 7, "160 bits = 32 base32 characters in 8 groups");
    assert!(s.qr_svg.contains("<svg"));
    assert_eq!((s.issuer.as_str(), s.account.as_str()), ("Contoso", ADELE.0));
    // The pending secret is kept sealed, never in the clear.
    let everything = w.store.dump() + &format!("{:?}", w.ledgers);
    assert!(!everything.contains(&s.secret.replace(' ', "")));
}

#[test]
fn a_registered_secret_is_sealed_at_rest_with_a_key_id() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let p = block_on(w.portal().start_email(&auth, "a@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    let (id, secret) = register(&w, "Phone");
    // Methods live in the user's ledger (a Durable Object in the worker).
    let stored = w.store.dump() + &w.ledgers.dump();
    let record = w.ledgers.dump().lines().find(|l| l.contains(&format!(r#""id":"{id}""#))).unwrap().to_string();
    assert!(record.contains(r#""kid":"k1""#), "{record}");
    assert!(!stored.contains(&secret.replace(' ', "")), "no base32 secret at rest");
    let raw = totp_rs::Secret::try_from_base32(secret.replace(' ', "")).unwrap();
    let hex: String = raw.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    assert!(!stored.contains(&hex), "no raw secret at rest");
    // Email is never offered as a second step.
    let (_, auth) = w.sign_in();
    let view = block_on(w.portal().session_view(&auth)).unwrap();
    let SecondStep::Required { methods, .. } = view.second_step else { panic!() };
    assert_eq!(methods.iter().map(|m| m.kind).collect::<Vec<_>>(), vec![MethodKind::AuthenticatorApp]);
}

#[test]
fn registration_with_the_apps_code_lists_it_and_makes_it_default() {
    let w = World::new();
    let (id, _) = register(&w, "Phone");
    let (_, auth) = w.sign_in();
    // A user with an app must pass the second step before seeing anything.
    assert_eq!(block_on(w.portal().security_info(&auth)).unwrap_err(), Error::SecondStepRequired);
    let view = block_on(w.portal().session_view(&auth)).unwrap();
    let SecondStep::Required { default_method, methods } = view.second_step else { panic!("{view:?}") };
    assert_eq!(default_method.as_deref(), Some(id.as_str()));
    assert_eq!(methods.len(), 1);
    assert_eq!((methods[0].kind, methods[0].label.as_str()), (MethodKind::AuthenticatorApp, "Phone"));
}

#[test]
fn wrong_codes_cost_tries_and_five_lock_the_registration() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let s = block_on(w.portal().start_authenticator(&auth)).unwrap();
    let right = app_code(&s.secret, w.now.get());
    for left in (1..5).rev() {
        let e = block_on(w.portal().verify_authenticator(&mut auth, &s.challenge_id, &wrong(&right), "")).unwrap_err();
        assert_eq!(e, Error::InvalidCode { attempts_left: left });
    }
    assert_eq!(
        block_on(w.portal().verify_authenticator(&mut auth, &s.challenge_id, &wrong(&right), "")).unwrap_err(),
        Error::CodeLocked
    );
    assert_eq!(
        block_on(w.portal().verify_authenticator(&mut auth, &s.challenge_id, &right, "")).unwrap_err(),
        Error::CodeLocked
    );
    assert!(block_on(w.portal().security_info(&auth)).unwrap().methods.is_empty());
}

#[test]
fn registration_expires_after_ten_minutes() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let s = block_on(w.portal().start_authenticator(&auth)).unwrap();
    w.advance(10 * MINUTE);
    let code = app_code(&s.secret, w.now.get());
    assert_eq!(
        block_on(w.portal().verify_authenticator(&mut auth, &s.challenge_id, &code, "")).unwrap_err(),
        Error::CodeExpired
    );
}

#[test]
fn second_step_accepts_a_code_once_and_never_the_registration_code() {
    let w = World::new();
    let (id, secret) = register(&w, "Phone");
    let registration_code = app_code(&secret, w.now.get());
    let (_, mut auth) = w.sign_in();
    let e = block_on(w.portal().second_step(&mut auth, &id, &registration_code, None)).unwrap_err();
    assert_eq!(e, Error::CodeAlreadyUsed, "the code used at registration is spent");
    w.advance(30_000);
    let (_, mut auth) = w.sign_in();
    let code = app_code(&secret, w.now.get());
    block_on(w.portal().second_step(&mut auth, &id, &code, None)).unwrap();
    assert!(block_on(w.portal().security_info(&auth)).is_ok());
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert_eq!(info.methods[0].last_used_at, Some(w.now.get()));
    // Replaying the same code on another session fails.
    let (_, mut other) = w.sign_in();
    assert_eq!(block_on(w.portal().second_step(&mut other, &id, &code, None)).unwrap_err(), Error::CodeAlreadyUsed);
    assert_eq!(block_on(w.portal().second_step(&mut other, &id, "12x456", None)).unwrap_err(), Error::MalformedCode);
    assert_eq!(block_on(w.portal().second_step(&mut other, "nope", &code, None)).unwrap_err(), Error::MethodNotFound);
}

#[test]
fn wrong_second_steps_are_throttled() {
    let w = World::new();
    let (id, secret) = register(&w, "Phone");
    let (_, mut auth) = w.sign_in();
    let bad = wrong(&app_code(&secret, w.now.get()));
    let mut refused = 0;
    for _ in 0..20 {
        match block_on(w.portal().second_step(&mut auth, &id, &bad, None)) {
            Err(Error::WrongCode) => {}
            Err(Error::TooManyAttempts { .. }) => refused += 1,
            other => panic!("{other:?}"),
        }
    }
    assert!(refused >= 10, "growing delays and the window refuse most rapid guesses");
    w.advance(mfa::FAILURES.window);
    w.advance(30_000);
    let code = app_code(&secret, w.now.get());
    block_on(w.portal().second_step(&mut auth, &id, &code, None)).unwrap();
}

#[test]
fn changes_need_a_recent_second_step() {
    let w = World::new();
    let (id, secret) = register(&w, "Phone");
    w.advance(30_000);
    let (_, mut auth) = w.sign_in();
    block_on(w.portal().second_step(&mut auth, &id, &app_code(&secret, w.now.get()), None)).unwrap();
    w.advance(domain::session::SessionPolicy::default().recent_second_step + 1);
    assert_eq!(block_on(w.portal().start_authenticator(&auth)).unwrap_err(), Error::RecentSecondStepRequired);
    assert_eq!(block_on(w.portal().delete_method(&auth, &id)).unwrap_err(), Error::RecentSecondStepRequired);
    assert_eq!(block_on(w.portal().start_email(&auth, "a@example.org")).unwrap_err(), Error::RecentSecondStepRequired);
    block_on(w.portal().second_step(&mut auth, &id, &app_code(&secret, w.now.get()), None)).unwrap();
    block_on(w.portal().delete_method(&auth, &id)).unwrap();
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert!(info.methods.is_empty());
    assert_eq!(info.default_method, None);
}

#[test]
fn default_can_change_and_moves_when_deleted() {
    let w = World::new();
    let (first, _) = register(&w, "Phone");
    // Still within ten minutes of proving the first app: the second may be added.
    let (_, mut auth) = w.sign_in();
    auth.session.second_step = domain::session::SecondStep::Passed { at: w.now.get() };
    let s = block_on(w.portal().start_authenticator(&auth)).unwrap();
    let second = block_on(w.portal().verify_authenticator(
        &mut auth,
        &s.challenge_id,
        &app_code(&s.secret, w.now.get()),
        "Tablet",
    ))
    .unwrap()
    .id;
    assert_eq!(block_on(w.portal().security_info(&auth)).unwrap().default_method.as_deref(), Some(first.as_str()));
    block_on(w.portal().set_default(&auth, &second)).unwrap();
    assert_eq!(block_on(w.portal().security_info(&auth)).unwrap().default_method.as_deref(), Some(second.as_str()));
    block_on(w.portal().delete_method(&auth, &second)).unwrap();
    assert_eq!(block_on(w.portal().security_info(&auth)).unwrap().default_method.as_deref(), Some(first.as_str()));
    assert_eq!(block_on(w.portal().set_default(&auth, "nope")).unwrap_err(), Error::MethodNotFound);
}

#[test]
fn email_cannot_be_the_default_and_apps_can_be_renamed() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let p = block_on(w.portal().start_email(&auth, "a@example.org")).unwrap();
    let email = block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    assert_eq!(block_on(w.portal().set_default(&auth, &email.id)).unwrap_err(), Error::NotMfaCapable);
    let (id, _) = register(&w, "Phone");
    let (_, mut auth) = w.sign_in();
    auth.session.second_step = domain::session::SecondStep::Passed { at: w.now.get() };
    let renamed = block_on(w.portal().rename_method(&auth, &id, "  Work phone ")).unwrap();
    assert_eq!(renamed.detail, MethodDetail::AuthenticatorApp { name: "Work phone".into() });
    assert_eq!(block_on(w.portal().rename_method(&auth, &id, " ")).unwrap_err(), Error::InvalidName);
    assert_eq!(block_on(w.portal().rename_method(&auth, &email.id, "x")).unwrap_err(), Error::InvalidName);
}

/// Security review (low): passing the second step renews the session token (ASVS
/// 5.0 7.2.4): the token from before the step ends, the new one carries on.
#[test]
fn finding_low_the_session_token_is_renewed_when_the_second_step_passes() {
    let w = World::new();
    let (id, secret) = register(&w, "Phone");
    w.advance(30_000);
    let p = w.portal();
    let mut signed = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap();
    assert_eq!(signed.auth.renewed_token, None);
    block_on(p.second_step(&mut signed.auth, &id, &app_code(&secret, w.now.get()), None)).unwrap();
    let renewed = signed.auth.renewed_token.clone().expect("a new token");
    assert_ne!(renewed, signed.token);
    assert_eq!(block_on(p.authenticate(&signed.token)).unwrap_err(), Error::Unauthenticated);
    let carried = block_on(p.authenticate(&renewed)).unwrap();
    assert!(matches!(carried.session.second_step, domain::session::SecondStep::Passed { .. }));
    assert_eq!(carried.session.csrf_token, signed.auth.session.csrf_token, "the page's CSRF token stays");
}

/// Issue 25 #3: an app's code at the second step is one call to the user's ledger
/// after the session check (the try, its outcome, the session's renewal and the
/// activity entry together), and a session ended meanwhile counts nothing.
#[test]
fn an_apps_second_step_is_one_ledger_call_and_logs_its_outcome() {
    use api::Activity;
    let w = World::new();
    let (id, secret) = register(&w, "Phone");
    w.advance(30_000);
    let p = w.portal();
    let signed = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap();
    let mut auth = block_on(p.authenticate(&signed.token)).unwrap();

    let before = w.ledgers.calls();
    let bad = wrong(&app_code(&secret, w.now.get()));
    assert_eq!(block_on(p.second_step(&mut auth, &id, &bad, None)).unwrap_err(), Error::WrongCode);
    assert_eq!(w.ledgers.calls() - before, 1, "a wrong code: one call");
    assert_eq!(auth.renewed_token, None, "no new session for a wrong code");

    // The next request (the growing delay has run out): the right code.
    w.advance(30_000);
    let p = w.portal();
    let mut auth = block_on(p.authenticate(&signed.token)).unwrap();
    let before = w.ledgers.calls();
    block_on(p.second_step(&mut auth, &id, &app_code(&secret, w.now.get()), None)).unwrap();
    assert_eq!(w.ledgers.calls() - before, 1, "a right code: one call");
    let renewed = auth.renewed_token.clone().expect("a new token");
    assert_eq!(block_on(p.authenticate(&signed.token)).unwrap_err(), Error::Unauthenticated);
    let carried = block_on(p.authenticate(&renewed)).unwrap();
    assert!(matches!(carried.session.second_step, domain::session::SecondStep::Passed { .. }));
    let info = block_on(p.security_info(&carried)).unwrap();
    assert_eq!(info.methods[0].last_used_at, Some(w.now.get()), "the method's last use");

    let entries = block_on(p.recent_activity(&carried, None)).unwrap().entries;
    // Newest first; the sign-in shares its millisecond with the wrong code.
    let kinds: Vec<&Activity> = entries
        .iter()
        .map(|e| &e.activity)
        .filter(|a| matches!(a, Activity::SecondStepPassed { .. } | Activity::SecondStepFailed { .. }))
        .collect();
    assert_eq!(kinds[0], &Activity::SecondStepPassed { method: MethodKind::AuthenticatorApp }, "{kinds:?}");
    assert_eq!(kinds[1], &Activity::SecondStepFailed { method: Some(MethodKind::AuthenticatorApp) }, "{kinds:?}");

    // A session signed out from another device: refused, nothing counted or logged.
    w.advance(30_000);
    let p = w.portal();
    let mut gone = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap();
    block_on(p.sign_out(&gone.token)).unwrap();
    let bad = wrong(&app_code(&secret, w.now.get()));
    // Three failures in a row would delay the next try.
    for _ in 0..3 {
        assert_eq!(block_on(p.second_step(&mut gone.auth, &id, &bad, None)).unwrap_err(), Error::Unauthenticated);
    }
    let failures = |entries: &[api::ActivityEntry]| {
        entries.iter().filter(|e| matches!(e.activity, Activity::SecondStepFailed { .. })).count()
    };
    let after = block_on(p.recent_activity(&carried, None)).unwrap().entries;
    assert_eq!(failures(&after), failures(&entries), "nothing logged for an ended session");
    let mut live = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap();
    block_on(p.second_step(&mut live.auth, &id, &app_code(&secret, w.now.get()), None))
        .expect("no failure was counted: no delay");
}

/// Issue 25 #3: by the session's cookie, an app's code at the second step is one
/// call in all, the session's checks included; what that call does not decide
/// (another CSRF token, another kind of method, no such session) changes nothing
/// and goes the usual way.
#[test]
fn an_apps_second_step_by_cookie_is_one_call_session_check_included() {
    use api::Activity;
    let w = World::new();
    let (id, secret) = register(&w, "Phone");
    w.advance(30_000);
    let p = w.portal();
    let signed = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap();
    let csrf = signed.auth.session.csrf_token.clone();
    let bad = wrong(&app_code(&secret, w.now.get()));

    // Not this call's to decide: nothing counted, nothing logged.
    let p = w.portal();
    assert!(block_on(p.app_second_step(&signed.token, "forged", &id, &bad)).unwrap().is_none());
    assert!(block_on(p.app_second_step("nobody.0", &csrf, &id, &bad)).unwrap().is_none());
    assert!(block_on(p.app_second_step(&signed.token, &csrf, "nope", &bad)).unwrap().is_none());
    assert!(block_on(p.app_second_step(&signed.token, &csrf, &id, "12x456")).unwrap().is_none());
    let phone = {
        let (_, mut full) = w.sign_in();
        block_on(w.portal().second_step(&mut full, &id, &app_code(&secret, w.now.get()), None)).unwrap();
        w.register_phone(&mut full).id
    };
    let before_phone = w.ledgers.dump();
    assert!(block_on(w.portal().app_second_step(&signed.token, &csrf, &phone, "123456")).unwrap().is_none());
    assert_eq!(w.ledgers.dump(), before_phone, "a phone's code is not this call's");

    // A wrong code: one call, counted and logged.
    w.advance(30_000);
    let p = w.portal();
    let calls = w.ledgers.calls();
    let bad = wrong(&app_code(&secret, w.now.get()));
    let tried = block_on(p.app_second_step(&signed.token, &csrf, &id, &bad)).unwrap().expect("decided in the call");
    assert_eq!(tried.result.unwrap_err(), Error::WrongCode);
    assert_eq!(tried.user_id, signed.auth.user.id);
    assert_eq!(w.ledgers.calls() - calls, 1, "one call in all");

    // The right one: one call, the session renewed, the step passed.
    w.advance(30_000);
    let p = w.portal();
    let calls = w.ledgers.calls();
    let auth = block_on(p.app_second_step(&signed.token, &csrf, &id, &app_code(&secret, w.now.get())))
        .unwrap()
        .expect("decided in the call")
        .result
        .unwrap();
    assert_eq!(w.ledgers.calls() - calls, 1, "one call in all");
    assert!(matches!(auth.session.second_step, domain::session::SecondStep::Passed { .. }));
    let renewed = auth.renewed_token.clone().expect("a new token");
    assert_eq!(block_on(p.authenticate(&signed.token)).unwrap_err(), Error::Unauthenticated);
    let carried = block_on(p.authenticate(&renewed)).unwrap();
    assert!(carried.session.amr.contains(&domain::session::Amr::Otp));
    assert_eq!(block_on(p.session_view(&auth)).unwrap().username, ADELE.0);
    // Replayed under the new session: refused.
    let again = block_on(p.app_second_step(&renewed, &csrf, &id, &app_code(&secret, w.now.get())));
    assert_eq!(again.unwrap().expect("decided in the call").result.unwrap_err(), Error::CodeAlreadyUsed);
    let entries = block_on(p.recent_activity(&carried, None)).unwrap().entries;
    let failed = entries.iter().filter(|e| matches!(e.activity, Activity::SecondStepFailed { .. })).count();
    assert_eq!(failed, 1, "the wrong code only: the refused ones were not this call's");
}
