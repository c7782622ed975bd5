//! Temporary Access Pass: issued by an admin, signs the user in for registration
//! only, one-time passes work once, revoking or expiry ends the session; audited.

use api::{Activity, AuditAction, MethodKind};
use domain::portal::Authenticated;
use domain::{demo, Error, MINUTE};
use pollster::block_on;

use crate::common::{World, ADELE};

fn admin(w: &World) -> Authenticated {
    let p = w.portal();
    block_on(p.sign_in(demo::USERS[2].0, demo::USERS[2].1)).unwrap().auth
}

#[test]
fn a_one_time_pass_signs_in_once_for_registration_only() {
    let w = World::new();
    let admin = admin(&w);
    let tenant = admin.tenant.clone();
    let issued = block_on(w.portal().issue_access_pass(&admin, " Adele@Contoso.com ", 60, true)).unwrap();
    assert_eq!(issued.pass.len(), 19);
    assert_eq!(issued.view.username, ADELE.0);
    assert_eq!(issued.view.expires_at, w.now.get() + 60 * MINUTE);
    assert!(!w.store.dump().contains(&issued.pass.replace('-', "")), "only a digest is kept");
    assert_eq!(block_on(w.portal().access_passes(&admin)).unwrap(), vec![issued.view.clone()]);

    let wrong = block_on(w.portal_for(&tenant).sign_in_with_pass(ADELE.0, "abcd-efgh-jkmn-pqrs"));
    assert!(matches!(wrong, Err(Error::AccessPassInvalid)));
    let signed = block_on(w.portal_for(&tenant).sign_in_with_pass(ADELE.0, &issued.pass.to_uppercase())).unwrap();
    let view = block_on(w.portal().session_view(&signed.auth)).unwrap();
    assert_eq!(view.access_pass_until, Some(issued.view.expires_at));
    assert!(matches!(view.second_step, api::SecondStep::Passed { .. }));
    // Registering works even long after the pass's sign-in (no fresh second step asked).
    w.advance(20 * MINUTE);
    let auth = block_on(w.portal_for(&tenant).authenticate(&signed.token)).unwrap();
    block_on(w.portal().create_recovery_codes(&auth)).unwrap();
    assert!(matches!(
        block_on(w.portal_for(&tenant).sign_in_with_pass(ADELE.0, &issued.pass)),
        Err(Error::AccessPassInvalid)
    ));
    let activity = block_on(w.portal().recent_activity(&auth, None)).unwrap();
    assert!(activity.entries.iter().any(|e| e.activity == Activity::SignedInWithAccessPass));
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert!(info.methods.iter().any(|m| m.detail.kind() == MethodKind::RecoveryCodes));

    // The session ends with the pass.
    w.advance(20 * MINUTE);
    block_on(w.portal_for(&tenant).authenticate(&signed.token)).unwrap();
    w.advance(20 * MINUTE);
    assert_eq!(block_on(w.portal_for(&tenant).authenticate(&signed.token)).unwrap_err(), Error::Unauthenticated);
    assert!(block_on(w.portal().access_passes(&admin)).unwrap().is_empty());
}

#[test]
fn revoking_ends_sessions_made_with_the_pass_and_is_audited() {
    let w = World::new();
    let admin = admin(&w);
    let tenant = admin.tenant.clone();
    let issued = block_on(w.portal().issue_access_pass(&admin, ADELE.0, 480, false)).unwrap();
    let a = block_on(w.portal_for(&tenant).sign_in_with_pass(ADELE.0, &issued.pass)).unwrap();
    let b = block_on(w.portal_for(&tenant).sign_in_with_pass(ADELE.0, &issued.pass)).unwrap();
    block_on(w.portal().revoke_access_pass(&admin, &issued.view.user_id)).unwrap();
    for token in [a.token, b.token] {
        assert_eq!(block_on(w.portal_for(&tenant).authenticate(&token)).unwrap_err(), Error::Unauthenticated);
    }
    assert!(matches!(
        block_on(w.portal_for(&tenant).sign_in_with_pass(ADELE.0, &issued.pass)),
        Err(Error::AccessPassInvalid)
    ));
    let trail: Vec<AuditAction> =
        block_on(w.portal().audit_trail(&admin)).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(
        trail[..2],
        [
            AuditAction::AccessPassRevoked { username: ADELE.0.into() },
            AuditAction::AccessPassIssued { username: ADELE.0.into(), minutes: 480, one_time: false },
        ]
    );
}

#[test]
fn only_admins_issue_passes_within_the_lifetime_bounds() {
    let w = World::new();
    let admin = admin(&w);
    let (_, adele) = w.sign_in();
    assert_eq!(block_on(w.portal().issue_access_pass(&adele, ADELE.0, 60, true)).unwrap_err(), Error::Forbidden);
    for minutes in [0, 9, 481] {
        let refused = block_on(w.portal().issue_access_pass(&admin, ADELE.0, minutes, true));
        assert_eq!(refused.unwrap_err(), Error::InvalidLifetime);
    }
    let unknown = block_on(w.portal().issue_access_pass(&admin, "nobody@contoso.com", 60, true));
    assert_eq!(unknown.unwrap_err(), Error::UserNotFound);
    assert_eq!(block_on(w.portal().revoke_access_pass(&admin, "../x")).unwrap_err(), Error::UserNotFound);
}

/// Security review finding 1: the lock after 100 wrong second steps in a row lasts
/// 24 hours, and an admin can lift it sooner (audited); only admins can.
#[test]
fn finding_1_the_second_step_lock_runs_out_and_an_admin_can_lift_it() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let (app, secret) = w.register_app(&mut auth, "Phone");
    let locked = |w: &World| {
        let mut failures = 0;
        loop {
            let mut signed = block_on(w.portal_at("10.0.0.7").sign_in(ADELE.0, ADELE.1)).unwrap().auth;
            let right = crate::common::app_code(&secret, w.now.get());
            let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 500_000) % 1_000_000);
            match block_on(w.portal().second_step(&mut signed, &app, &wrong, None)) {
                Err(Error::WrongCode) => failures += 1,
                Err(Error::TooManyAttempts { retry_after }) => w.advance(retry_after * 1000),
                Err(Error::SecondStepLocked { retry_after }) => return (failures, retry_after),
                other => panic!("{other:?}"),
            }
        }
    };
    let (failures, retry_after) = locked(&w);
    assert_eq!((failures, retry_after), (domain::mfa::LOCK_AFTER, 24 * 3600));
    let try_app = |w: &World| {
        w.advance(30_000);
        let mut signed = block_on(w.portal_at("10.0.0.7").sign_in(ADELE.0, ADELE.1)).unwrap().auth;
        block_on(w.portal().second_step(&mut signed, &app, &crate::common::app_code(&secret, w.now.get()), None))
    };
    assert!(matches!(try_app(&w), Err(Error::SecondStepLocked { .. })), "even the right code");

    let mut alex = block_on(w.portal_at("10.0.0.7").sign_in(demo::USERS[1].0, demo::USERS[1].1)).unwrap().auth;
    alex.session.second_step = domain::session::SecondStep::Passed { at: w.now.get() };
    assert_eq!(block_on(w.portal().unlock_second_step(&alex, ADELE.0)), Err(Error::Forbidden));
    let admin = admin(&w);
    assert_eq!(block_on(w.portal().unlock_second_step(&admin, "nobody@contoso.com")), Err(Error::UserNotFound));
    block_on(w.portal().unlock_second_step(&admin, " Adele@Contoso.com ")).unwrap();
    try_app(&w).unwrap();
    let trail = block_on(w.portal().audit_trail(&admin)).unwrap();
    assert_eq!(trail[0].action, AuditAction::SecondStepUnlocked { username: ADELE.0.into() });

    // Locked again, the lock runs out by itself after 24 hours.
    let (_, retry_after) = locked(&w);
    w.advance(retry_after * 1000);
    try_app(&w).unwrap();
}

/// Security review finding 10: a pass session only adds methods; replacing the
/// phone or email, the security questions or the recovery codes needs a full
/// session.
#[test]
fn finding_10_a_pass_session_adds_but_never_replaces() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    w.register_phone(&mut auth);
    let p = block_on(w.portal().start_email(&auth, "adele@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    block_on(w.portal().create_recovery_codes(&auth)).unwrap();
    let answers: Vec<api::Answer> =
        [("first-pet", "Rex the Dog"), ("favourite-food", "Stamppot"), ("first-street", "Dorpsstraat")]
            .iter()
            .map(|(q, a)| api::Answer { question_id: q.to_string(), answer: a.to_string() })
            .collect();
    block_on(w.portal().set_answers(&auth, &answers)).unwrap();

    let admin = admin(&w);
    let pass = block_on(w.portal().issue_access_pass(&admin, ADELE.0, 60, false)).unwrap().pass;
    let signed = block_on(w.portal_for(&admin.tenant).sign_in_with_pass(ADELE.0, &pass)).unwrap().auth;
    let before = w.ledgers.dump();
    let p = w.portal();
    assert_eq!(block_on(p.start_phone(&signed, "NL", "0687654321")).unwrap_err(), Error::AccessPassLimited);
    assert_eq!(block_on(p.start_email(&signed, "evil@example.org")).unwrap_err(), Error::AccessPassLimited);
    assert_eq!(block_on(p.set_answers(&signed, &answers)).unwrap_err(), Error::AccessPassLimited);
    assert_eq!(block_on(p.create_recovery_codes(&signed)).unwrap_err(), Error::AccessPassLimited);
    assert_eq!(w.ledgers.dump(), before, "nothing changed");
    // What the user lacks can still be added.
    let call = block_on(p.start_phone_call(&signed, MethodKind::AlternatePhone, "NL", "0201234567"));
    assert!(call.is_ok(), "{call:?}");
}

/// Security review finding 6: issuing a pass needs a recent second step, and the
/// user is told, with "This wasn't me", which revokes the pass.
#[test]
fn finding_6_issuing_a_pass_needs_a_recent_second_step_and_tells_the_user() {
    let w = World::new();
    let mut admin = admin(&w);
    let (app, secret) = w.register_app(&mut admin, "Admin phone");
    w.advance(11 * MINUTE);
    let admin = {
        let p = w.portal();
        let mut s = block_on(p.sign_in(demo::USERS[2].0, demo::USERS[2].1)).unwrap();
        block_on(p.second_step(&mut s.auth, &app, &crate::common::app_code(&secret, w.now.get()), None)).unwrap();
        s.auth
    };
    w.advance(11 * MINUTE);
    let late = block_on(w.portal().issue_access_pass(&admin, ADELE.0, 60, true));
    assert_eq!(late.unwrap_err(), Error::RecentSecondStepRequired);
    assert!(block_on(w.portal().access_passes(&admin)).unwrap().is_empty());

    // Fresh again: issued, and Adele hears of it.
    let p = w.portal();
    let mut again = block_on(p.sign_in(demo::USERS[2].0, demo::USERS[2].1)).unwrap().auth;
    block_on(p.second_step(&mut again, &app, &crate::common::app_code(&secret, w.now.get()), None)).unwrap();
    let issued = block_on(w.portal().issue_access_pass(&again, ADELE.0, 60, true)).unwrap();
    let notice = w
        .sent
        .0
        .borrow()
        .iter()
        .rev()
        .find_map(|m| match m {
            domain::delivery::Message::Email(e) if e.to.as_str() == ADELE.0 => Some(e.text.clone()),
            _ => None,
        })
        .unwrap();
    assert!(notice.contains("Temporary Access Pass") && notice.contains("/report#"), "{notice}");
    let token = notice.split("/report#").nth(1).unwrap()[..64].to_string();
    block_on(w.portal_for(&again.tenant).report_change(&token)).unwrap();
    let used = block_on(w.portal_for(&again.tenant).sign_in_with_pass(ADELE.0, &issued.pass));
    assert!(matches!(used, Err(Error::AccessPassInvalid)), "reported: the pass is revoked");
}
