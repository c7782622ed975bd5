//! The flows end to end over in-memory storage, with a fixed clock and seeded randomness.

use api::MethodKind;
use domain::code::{CODE_TTL, MAX_WRONG_TRIES, RESEND_COOLDOWN};
use domain::session::SessionPolicy;
use domain::store::Store;
use domain::{demo, throttle, Error, MINUTE};
use pollster::block_on;

use crate::common::{World, ADELE};

#[test]
fn tenant_is_found_by_host_without_port() {
    let w = World::new();
    let p = w.portal();
    assert_eq!(block_on(domain::tenant::for_host(p.store, "127.0.0.1:8787")).unwrap().id, demo::TENANT);
    assert_eq!(block_on(domain::tenant::for_host(p.store, "LOCALHOST")).unwrap().id, demo::TENANT);
    assert_eq!(block_on(domain::tenant::for_host(p.store, "evil.example")).unwrap_err(), Error::UnknownTenant);
}

#[test]
fn sign_in_accepts_the_password_case_insensitive_name_and_issues_a_session() {
    let w = World::new();
    let p = w.portal();
    let s = block_on(p.sign_in(" ADELE@contoso.com", ADELE.1)).unwrap();
    assert_eq!(s.auth.user.display_name, "Adele Vance");
    let again = block_on(p.authenticate(&s.token)).unwrap();
    assert_eq!(again.user.id, s.auth.user.id);
    // The store holds the token's digest, never the token.
    assert!(w.store.keys().iter().all(|k| !k.contains(&s.token)));
}

#[test]
fn wrong_password_and_unknown_name_look_the_same() {
    let w = World::new();
    let p = w.portal();
    assert_eq!(block_on(p.sign_in(ADELE.0, "nope")).unwrap_err(), Error::InvalidCredentials);
    assert_eq!(block_on(p.sign_in("nobody@contoso.com", "nope")).unwrap_err(), Error::InvalidCredentials);
    assert_eq!(block_on(p.sign_in("", "nope")).unwrap_err(), Error::InvalidCredentials);
}

/// Security review finding 8: wrong passwords for a name slow further tries with
/// growing delays (even the right password waits them out), but a stranger who
/// keeps guessing can never keep the user out for more than a minute.
#[test]
fn finding_8_wrong_passwords_slow_a_name_down_but_never_lock_it() {
    let w = World::new();
    for i in 0..throttle::ACCOUNT_FAILURES.max {
        let _ = block_on(w.portal_at(&format!("10.1.0.{i}")).sign_in(ADELE.0, "wrong"));
    }
    let _ = block_on(w.portal_at("10.1.1.1").sign_in(ADELE.0, "wrong"));
    let err = block_on(w.portal_at("10.2.0.1").sign_in(ADELE.0, ADELE.1)).unwrap_err();
    assert_eq!(err, Error::TooManyAttempts { retry_after: 1 }, "a delay, not a lock");
    // Another account is not affected.
    assert!(block_on(w.portal_at("ip2").sign_in(demo::USERS[1].0, demo::USERS[1].1)).is_ok());
    // A stranger guesses as fast as allowed for an hour, from many addresses.
    let mut guesses = 0;
    for i in 0..2_000u32 {
        match block_on(w.portal_at(&format!("10.3.{}.{}", i / 200, i % 200)).sign_in(ADELE.0, "wrong")) {
            Err(Error::TooManyAttempts { retry_after }) => {
                assert!(retry_after <= 60, "{retry_after}");
                w.advance(retry_after * 1000);
            }
            Err(Error::InvalidCredentials) => guesses += 1,
            other => panic!("{other:?}"),
        }
        if w.now.get() > crate::common::T0 + domain::HOUR {
            break;
        }
    }
    assert!(guesses < 100, "{guesses} guesses an hour");
    // The user waits at most a minute and signs in.
    w.advance(throttle::ACCOUNT_MAX_DELAY);
    assert!(block_on(w.portal_at("10.2.0.1").sign_in(ADELE.0, ADELE.1)).is_ok());
}

#[test]
fn repeated_failures_throttle_the_client_address_across_names() {
    let w = World::new();
    for i in 0..throttle::IP_FAILURES.max {
        let _ = block_on(w.portal_at("203.0.113.9").sign_in(&format!("guess{i}@contoso.com"), "x"));
    }
    let err = block_on(w.portal_at("203.0.113.9").sign_in(ADELE.0, ADELE.1)).unwrap_err();
    assert!(matches!(err, Error::TooManyAttempts { .. }));
    assert!(block_on(w.portal_at("198.51.100.1").sign_in(ADELE.0, ADELE.1)).is_ok());
}

/// Security review finding 8: an IPv6 client is its /64 (a new address in it is
/// the same client), and a /48 has a looser budget across its /64s.
#[test]
fn finding_8_ipv6_clients_count_per_64_and_per_48() {
    let w = World::new();
    for i in 0..throttle::IP_FAILURES.max {
        let ip = format!("2001:db8:7:1::{:x}", i + 1);
        let _ = block_on(w.portal_at(&ip).sign_in(&format!("guess{i}@contoso.com"), "x"));
    }
    let err = block_on(w.portal_at("2001:db8:7:1:ffff::9").sign_in(ADELE.0, ADELE.1)).unwrap_err();
    assert!(matches!(err, Error::TooManyAttempts { .. }), "another host of the same /64");
    assert!(block_on(w.portal_at("2001:db8:7:2::1").sign_in(ADELE.0, ADELE.1)).is_ok(), "the next /64");
    // Hopping /64s inside one /48 runs into its budget.
    let mut refused = false;
    for i in 0..throttle::WIDE_FAILURES.max {
        let ip = format!("2001:db8:7:{:x}::1", 16 + i / 20);
        refused |= matches!(
            block_on(w.portal_at(&ip).sign_in(&format!("hop{i}@contoso.com"), "x")),
            Err(Error::TooManyAttempts { .. })
        );
    }
    assert!(refused, "the /48 budget");
    let err = block_on(w.portal_at("2001:db8:7:ff::1").sign_in(ADELE.0, ADELE.1)).unwrap_err();
    assert!(matches!(err, Error::TooManyAttempts { .. }));
    assert!(block_on(w.portal_at("2001:db8:8::1").sign_in(ADELE.0, ADELE.1)).is_ok(), "another /48");
}

#[test]
fn sessions_expire_when_idle_and_absolutely_and_on_sign_out() {
    let w = World::new();
    let tenant = demo::tenant();
    let policy = SessionPolicy::default();
    let (token, _) = w.sign_in();
    w.advance(policy.idle - MINUTE);
    assert!(block_on(w.portal_for(&tenant).authenticate(&token)).is_ok(), "activity keeps it alive");
    w.advance(policy.idle - MINUTE);
    assert!(block_on(w.portal_for(&tenant).authenticate(&token)).is_ok());
    w.advance(policy.idle);
    assert_eq!(block_on(w.portal_for(&tenant).authenticate(&token)).unwrap_err(), Error::Unauthenticated);

    let (token, _) = w.sign_in();
    for _ in 0..(policy.absolute / (20 * MINUTE)) {
        w.advance(20 * MINUTE);
        let _ = block_on(w.portal_for(&tenant).authenticate(&token));
    }
    assert_eq!(block_on(w.portal_for(&tenant).authenticate(&token)).unwrap_err(), Error::Unauthenticated);

    let (token, _) = w.sign_in();
    block_on(w.portal_for(&tenant).sign_out(&token)).unwrap();
    assert_eq!(block_on(w.portal_for(&tenant).authenticate(&token)).unwrap_err(), Error::Unauthenticated);
    assert_eq!(block_on(w.portal_for(&tenant).authenticate("forged")).unwrap_err(), Error::Unauthenticated);
    assert_eq!(block_on(w.portal_for(&tenant).authenticate(&"a".repeat(64))).unwrap_err(), Error::Unauthenticated);
}

#[test]
fn email_method_happy_path_then_delete() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert!(info.methods.is_empty());
    assert_eq!(
        info.addable,
        vec![
            MethodKind::AuthenticatorApp,
            MethodKind::Phone,
            MethodKind::AlternatePhone,
            MethodKind::SecurityKey,
            MethodKind::Email,
            MethodKind::SecurityQuestions,
            MethodKind::AppPassword,
            MethodKind::RecoveryCodes
        ]
    );

    let pending = block_on(w.portal_in("nl-NL").start_email(&auth, "Adele.Vance@Example.org")).unwrap();
    assert_eq!(pending.masked_destination, "ad•••@example.org");
    assert_eq!(pending.expires_at, w.now.get() + CODE_TTL);
    let mail = w.sent.last_email();
    assert_eq!(mail.to.as_str(), "adele.vance@example.org");
    assert!(mail.subject.starts_with("Verificatiecode van Contoso"));

    let view = block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, &w.sent.last_code())).unwrap();
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert_eq!(info.methods, vec![view.clone()]);
    assert_eq!(
        info.addable,
        vec![
            MethodKind::AuthenticatorApp,
            MethodKind::Phone,
            MethodKind::AlternatePhone,
            MethodKind::SecurityKey,
            MethodKind::SecurityQuestions,
            MethodKind::AppPassword,
            MethodKind::RecoveryCodes
        ],
        "one email per user"
    );
    // Not a second row: starting again changes the address (the "Change" on its row).
    assert!(block_on(w.portal().start_email(&auth, "x@example.org")).is_ok());

    block_on(w.portal().delete_method(&auth, &view.id)).unwrap();
    assert!(block_on(w.portal().security_info(&auth)).unwrap().methods.is_empty());
    assert_eq!(block_on(w.portal().delete_method(&auth, &view.id)).unwrap_err(), Error::MethodNotFound);
    assert_eq!(block_on(w.portal().delete_method(&auth, "../../x")).unwrap_err(), Error::MethodNotFound);
}

#[test]
fn bad_addresses_are_refused_and_change_nothing() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    let p = w.portal();
    assert_eq!(block_on(p.start_email(&auth, "not-an-address")).unwrap_err(), Error::InvalidEmail);
    assert_eq!(block_on(p.start_email(&auth, "adele@contoso.com")).unwrap_err(), Error::WorkEmailNotAllowed);
    assert_eq!(block_on(p.start_email(&auth, "adele@eu.contoso.com")).unwrap_err(), Error::WorkEmailNotAllowed);
    assert!(w.sent.0.borrow().is_empty());
    assert!(block_on(p.security_info(&auth)).unwrap().methods.is_empty());
}

#[test]
fn wrong_malformed_expired_and_replayed_codes_change_nothing() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let pending = block_on(w.portal().start_email(&auth, "a@example.org")).unwrap();
    let code = w.sent.last_code();
    let wrong = if code == "000000" { "000001" } else { "000000" };

    assert_eq!(
        block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, "12ab56")).unwrap_err(),
        Error::MalformedCode
    );
    assert_eq!(
        block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, wrong)).unwrap_err(),
        Error::InvalidCode { attempts_left: MAX_WRONG_TRIES - 1 }
    );
    assert_eq!(
        block_on(w.portal().verify_code(&mut auth, "unknown", &code)).unwrap_err(),
        Error::NoPendingVerification
    );
    assert!(block_on(w.portal().security_info(&auth)).unwrap().methods.is_empty());

    w.advance(CODE_TTL);
    assert_eq!(
        block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, &code)).unwrap_err(),
        Error::CodeExpired
    );

    // A resend brings a fresh code; using it twice fails the second time.
    block_on(w.portal().resend_code(&auth, &pending.challenge_id)).unwrap();
    let fresh = w.sent.last_code();
    block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, &fresh)).unwrap();
    assert_eq!(
        block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, &fresh)).unwrap_err(),
        Error::NoPendingVerification
    );
}

#[test]
fn five_wrong_codes_lock_the_challenge() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let pending = block_on(w.portal().start_email(&auth, "a@example.org")).unwrap();
    let code = w.sent.last_code();
    let wrong = if code == "000000" { "000001" } else { "000000" };
    for _ in 1..MAX_WRONG_TRIES {
        assert!(matches!(
            block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, wrong)),
            Err(Error::InvalidCode { .. })
        ));
    }
    assert_eq!(
        block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, wrong)).unwrap_err(),
        Error::CodeLocked
    );
    assert_eq!(
        block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, &code)).unwrap_err(),
        Error::CodeLocked
    );
}

#[test]
fn resend_waits_for_the_cooldown() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    let pending = block_on(w.portal().start_email(&auth, "a@example.org")).unwrap();
    assert_eq!(pending.resend_at, w.now.get() + RESEND_COOLDOWN);
    let err = block_on(w.portal().resend_code(&auth, &pending.challenge_id)).unwrap_err();
    assert_eq!(err, Error::ResendTooSoon { retry_after: RESEND_COOLDOWN / 1000 });
    assert_eq!(w.sent.0.borrow().len(), 1);
    w.advance(RESEND_COOLDOWN);
    block_on(w.portal().resend_code(&auth, &pending.challenge_id)).unwrap();
    assert_eq!(w.sent.0.borrow().len(), 2);
}

#[test]
fn challenges_belong_to_their_user() {
    let w = World::new();
    let (_, adele) = w.sign_in();
    let pending = block_on(w.portal().start_email(&adele, "a@example.org")).unwrap();
    let code = w.sent.last_code();
    let p = w.portal();
    let mut alex = block_on(p.sign_in(demo::USERS[1].0, demo::USERS[1].1)).unwrap().auth;
    assert_eq!(
        block_on(p.verify_code(&mut alex, &pending.challenge_id, &code)).unwrap_err(),
        Error::NoPendingVerification
    );
    assert!(block_on(p.security_info(&alex)).unwrap().methods.is_empty());
}

#[test]
fn code_requests_are_capped_per_user() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    // To other addresses each time: one address waits out the resend time.
    for i in 0..throttle::CODE_SENDS.max {
        block_on(w.portal().start_email(&auth, &format!("a{i}@example.org"))).unwrap();
    }
    let err = block_on(w.portal().start_email(&auth, "a@example.org")).unwrap_err();
    assert!(matches!(err, Error::TooManyAttempts { .. }));
    assert_eq!(w.sent.0.borrow().len() as u32, throttle::CODE_SENDS.max);
}

#[test]
fn seeding_twice_keeps_users_and_methods() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let pending = block_on(w.portal().start_email(&auth, "a@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &pending.challenge_id, &w.sent.last_code())).unwrap();
    let before = w.store.keys();
    block_on(demo::seed(&w.store, &w.ledgers, &w.rng, crate::common::T0)).unwrap();
    assert_eq!(w.store.keys(), before);
    assert_eq!(block_on(w.portal().security_info(&auth)).unwrap().methods.len(), 1);
    assert!(block_on(w.store.get(&domain::keys::user(demo::TENANT, &auth.user.id))).unwrap().is_some());
}

/// Issue 24 #4: "Change" on the email row: a code to the new address, then the old
/// row is replaced, and both addresses hear of it.
#[test]
fn changing_the_email_replaces_it_and_tells_both_addresses() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let first = block_on(w.portal().start_email(&auth, "adele.home@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &first.challenge_id, &w.sent.last_code())).unwrap();
    let before = w.sent.0.borrow().len();

    let change = block_on(w.portal().start_email(&auth, "adele.new@example.org")).unwrap();
    assert_eq!(w.sent.last_email().to.as_str(), "adele.new@example.org", "the code goes to the new address");
    block_on(w.portal().verify_code(&mut auth, &change.challenge_id, &w.sent.last_code())).unwrap();
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    let emails: Vec<_> = info.methods.iter().filter(|m| m.detail.kind() == MethodKind::Email).collect();
    assert_eq!(emails.len(), 1, "replaced, not added");
    assert!(
        matches!(&emails[0].detail, api::MethodDetail::Email { masked_address } if masked_address.ends_with("@example.org"))
    );
    let activity = block_on(w.portal().recent_activity(&auth, None)).unwrap();
    assert_eq!(activity.entries[0].activity, api::Activity::MethodChanged { method: MethodKind::Email });
    let notices: Vec<String> = w.sent.0.borrow()[before + 1..]
        .iter()
        .filter_map(|m| match m {
            domain::delivery::Message::Email(e) => Some(e.to.as_str().to_string()),
            _ => None,
        })
        .collect();
    for address in ["adele.home@example.org", "adele.new@example.org"] {
        assert!(notices.iter().any(|n| n == address), "{address} told: {notices:?}");
    }
}
