//! "This wasn't me": the link in a change notice undoes the change, ends every
//! session, requires a new password, works once and for 7 days; audited.

use api::{Activity, AuditAction, MethodKind};
use domain::delivery::Message;
use domain::{demo, Error, DAY};
use pollster::block_on;

use crate::common::{app_code, World, ADELE};

/// The token of the "This wasn't me" link in the newest notice to the work address.
fn last_link(w: &World) -> String {
    let sent = w.sent.0.borrow();
    let text = sent
        .iter()
        .rev()
        .find_map(|m| match m {
            Message::Email(e) if e.to.as_str() == ADELE.0 && e.text.contains("/report#") => Some(e.text.clone()),
            _ => None,
        })
        .expect("a notice with a link");
    assert!(text.contains("https://contoso.example/report#"), "{text}");
    text.split("/report#").nth(1).unwrap()[..64].to_string()
}

fn admin(w: &World) -> domain::portal::Authenticated {
    let p = w.portal();
    block_on(p.sign_in(demo::USERS[2].0, demo::USERS[2].1)).unwrap().auth
}

#[test]
fn an_added_method_is_removed_sessions_end_and_the_password_must_be_reset() {
    let w = World::new();
    let (other_device, _) = w.sign_in();
    let (token, mut auth) = w.sign_in();
    let p = block_on(w.portal().start_email(&auth, "intruder@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    let link = last_link(&w);
    let tenant = auth.tenant.clone();

    assert_eq!(block_on(w.portal_for(&tenant).report_change(&"0".repeat(64))).unwrap_err(), Error::ReportInvalid);
    let reported = block_on(w.portal_for(&tenant).report_change(&link)).unwrap();
    assert_eq!(reported.change, Activity::MethodAdded { method: MethodKind::Email });
    assert!(reported.undone);
    assert!(!reported.can_reset, "her only method is gone: told at once that a reset cannot work");
    for t in [&token, &other_device] {
        assert_eq!(block_on(w.portal_for(&tenant).authenticate(t)).unwrap_err(), Error::Unauthenticated);
    }
    let signed = block_on(w.portal_for(&tenant).sign_in(ADELE.0, ADELE.1));
    assert!(matches!(signed, Err(Error::PasswordResetRequired)));
    assert!(!w.store.dump().contains("intruder@example.org"), "the added email is gone");
    assert_eq!(block_on(w.portal_for(&tenant).report_change(&link)).unwrap_err(), Error::ReportInvalid, "once");

    let trail = block_on(w.portal().audit_trail(&admin(&w))).unwrap();
    assert_eq!(
        trail[0].action,
        AuditAction::ChangeReported {
            username: ADELE.0.into(),
            change: Activity::MethodAdded { method: MethodKind::Email }
        }
    );
}

#[test]
fn a_deleted_method_is_restored_and_works_again() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let s = block_on(w.portal().start_authenticator(&auth)).unwrap();
    block_on(w.portal().verify_authenticator(&mut auth, &s.challenge_id, &app_code(&s.secret, w.now.get()), "Phone"))
        .unwrap();
    let id = block_on(w.portal().security_info(&auth)).unwrap().methods[0].id.clone();
    block_on(w.portal().delete_method(&auth, &id)).unwrap();
    let tenant = auth.tenant.clone();
    let reported = block_on(w.portal_for(&tenant).report_change(&last_link(&w))).unwrap();
    assert_eq!(reported.change, Activity::MethodDeleted { method: MethodKind::AuthenticatorApp });
    assert!(reported.undone);
    assert!(reported.can_reset, "the restored app can reset");

    // Back, as the default, and its codes pass the second step again (after a reset
    // of the password, as the link requires).
    assert!(w.ledgers.dump().lines().any(|l| l.starts_with("u/") && l.contains(&id)));
    w.advance(60_000);
    let work = w.portal().reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, ADELE.0, work.bits);
    let started = block_on(w.portal_for(&tenant).start_reset(ADELE.0, &work.challenge, nonce)).unwrap();
    let option = started.options.iter().find(|o| o.kind == MethodKind::AuthenticatorApp).unwrap().id.clone();
    let code = app_code(&s.secret, w.now.get());
    block_on(w.portal_for(&tenant).reset_verify(&started.ticket, &option, &code, None)).unwrap();
    block_on(w.portal_for(&tenant).reset_password(&started.ticket, "a fresh passphrase")).unwrap();
    let signed = block_on(w.portal_for(&tenant).sign_in(ADELE.0, "a fresh passphrase")).unwrap();
    let view = block_on(w.portal().session_view(&signed.auth)).unwrap();
    assert!(matches!(view.second_step, api::SecondStep::Required { default_method: Some(d), .. } if d == id));
}

#[test]
fn links_last_seven_days() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    block_on(w.portal().create_recovery_codes(&auth)).unwrap();
    let link = last_link(&w);
    w.advance(7 * DAY);
    assert_eq!(block_on(w.portal_for(&auth.tenant).report_change(&link)).unwrap_err(), Error::ReportInvalid);
}

/// Security review findings 9 and 3: "This wasn't me" and a password reset end every
/// app password and the access pass; until the reset, no way in works (password,
/// app password, access pass), and only someone with the right password is told why.
#[test]
fn finding_9_app_passwords_and_passes_end_with_a_report_and_with_a_reset() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let tenant = auth.tenant.clone();
    let first = block_on(w.portal().create_app_password(&auth, "Outlook")).unwrap().password;
    let pass = block_on(w.portal().issue_access_pass(&admin(&w), ADELE.0, 60, false)).unwrap().pass;
    let p = block_on(w.portal().start_email(&auth, "intruder@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    assert!(block_on(w.portal_for(&tenant).legacy_whoami(ADELE.0, &first)).is_ok());
    block_on(w.portal_for(&tenant).report_change(&last_link(&w))).unwrap();

    let whoami = block_on(w.portal_for(&tenant).legacy_whoami(ADELE.0, &first));
    assert_eq!(whoami.unwrap_err(), Error::InvalidCredentials, "the app password is gone");
    let whoami = block_on(w.portal_for(&tenant).legacy_whoami(ADELE.0, ADELE.1));
    assert_eq!(whoami.unwrap_err(), Error::PasswordResetRequired);
    let with_pass = block_on(w.portal_for(&tenant).sign_in_with_pass(ADELE.0, &pass));
    assert!(matches!(with_pass, Err(Error::AccessPassInvalid)), "the pass is revoked");
    let wrong = block_on(w.portal_at("10.0.0.2").sign_in(ADELE.0, "not her password"));
    assert!(matches!(wrong, Err(Error::InvalidCredentials)), "a stranger learns nothing");
    // (Other links' records name it until they run out: what their change was.)
    let users = w.ledgers.dump().lines().filter(|l| l.starts_with("u/")).collect::<String>();
    assert!(!users.contains("Outlook"), "deleted, not just refused");
}

/// Security review finding 4: a replaced or deleted email hears of the change, and
/// a replaced phone gets a text: that is where the person who lost them still is.
#[test]
fn finding_4_change_notices_reach_the_addresses_before_the_change() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let p = block_on(w.portal().start_email(&auth, "mine@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    w.register_phone(&mut auth);
    let notices_to = |w: &World, from: usize| -> Vec<String> {
        w.sent.0.borrow()[from..]
            .iter()
            .filter_map(|m| match m {
                Message::Email(e) if e.subject.contains("security info changed") => Some(e.to.as_str().to_string()),
                Message::Sms(s) if s.body.contains("sign-in methods changed") => Some(s.to.e164().to_string()),
                _ => None,
            })
            .collect()
    };
    // An intruder replaces the phone: the old number gets a text.
    w.advance(60_000);
    let p = block_on(w.portal().start_phone(&auth, "NL", "0687654321")).unwrap();
    let from = w.sent.0.borrow().len();
    block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    assert!(notices_to(&w, from).contains(&"+31612345678".to_string()), "{:?}", notices_to(&w, from));
    // ... and deletes the email: the deleted address hears of it.
    let from = w.sent.0.borrow().len();
    block_on(w.portal().delete_method(&auth, "email")).unwrap();
    let mut to = notices_to(&w, from);
    to.sort();
    assert_eq!(to, [ADELE.0, "mine@example.org"]);
}

/// Security review finding 3: "This wasn't me" locks the door. Methods added in the
/// 7 days before the report are suspended (kept, unusable), so the intruder's other
/// method cannot do the forced reset; after the reset the user keeps or deletes each.
#[test]
fn finding_3_a_report_suspends_what_was_added_lately() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let tenant = auth.tenant.clone();
    // Adele's own email, long ago.
    let p = block_on(w.portal().start_email(&auth, "adele.own@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    w.advance(30 * DAY);
    // An intruder with her password adds an app, then a phone; she reports the phone.
    let (_, mut intruder) = w.sign_in();
    let (app, secret) = w.register_app(&mut intruder, "Intruder");
    let p = block_on(w.portal().start_phone(&intruder, "NL", "0612345678")).unwrap();
    block_on(w.portal().verify_code(&mut intruder, &p.challenge_id, &w.sent.last_code())).unwrap();
    let reported = block_on(w.portal_for(&tenant).report_change(&last_link(&w))).unwrap();
    assert_eq!(reported.change, Activity::MethodAdded { method: MethodKind::Phone });

    // The forced reset offers only what is older than the week before the report.
    w.advance(60_000);
    let work = w.portal().reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, ADELE.0, work.bits);
    let started = block_on(w.portal_for(&tenant).start_reset(ADELE.0, &work.challenge, nonce)).unwrap();
    let kinds: Vec<MethodKind> = started.options.iter().map(|o| o.kind).collect();
    assert_eq!(kinds, [MethodKind::Email], "not the intruder's app");
    let sent = block_on(w.portal_for(&tenant).reset_send(&started.ticket, "email")).unwrap();
    let code = w.sent.last_code();
    block_on(w.portal_for(&tenant).reset_verify(
        &started.ticket,
        "email",
        &code,
        Some(&sent.challenge_id).map(|x| x.as_str()),
    ))
    .unwrap();
    block_on(w.portal_for(&tenant).reset_password(&started.ticket, "a fresh passphrase")).unwrap();

    // Signed in again: the app is listed as suspended, never asked for, until kept.
    w.advance(60_000);
    let mut back = block_on(w.portal_for(&tenant).sign_in(ADELE.0, "a fresh passphrase")).unwrap().auth;
    let view = block_on(w.portal().session_view(&back)).unwrap();
    assert!(matches!(view.second_step, api::SecondStep::NotRequired), "{:?}", view.second_step);
    let info = block_on(w.portal().security_info(&back)).unwrap();
    let row = info.methods.iter().find(|m| m.id == app).unwrap();
    assert!(row.suspended);
    assert_eq!(info.default_method, None);
    let code = app_code(&secret, w.now.get());
    assert_eq!(block_on(w.portal().second_step(&mut back, &app, &code, None)), Err(Error::MethodSuspended));
    assert_eq!(block_on(w.portal().keep_method(&back, "email")), Err(Error::MethodNotFound), "only suspended ones");
    block_on(w.portal().keep_method(&back, &app)).unwrap();
    let info = block_on(w.portal().security_info(&back)).unwrap();
    assert!(!info.methods.iter().find(|m| m.id == app).unwrap().suspended);
    assert_eq!(info.default_method.as_deref(), Some(app.as_str()));
}
