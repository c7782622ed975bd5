//! Phone by text message: registration, toll-fraud limits, second step.

use api::{MethodDetail, MethodKind, PhoneMode, SecondStep};
use domain::delivery::Message;
use domain::{demo, throttle, Error};
use pollster::block_on;

use crate::common::World;

fn last_sms_to(w: &World) -> String {
    match w.sent.0.borrow().last() {
        Some(Message::Sms(s)) => s.to.e164().to_string(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn register_a_phone_by_text_and_it_becomes_the_default() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let p = block_on(w.portal().start_phone(&auth, "NL", "06-1234 5678")).unwrap();
    assert_eq!(p.masked_destination, "+31 6 •••• 5678");
    assert!(!p.extension_removed);
    assert_eq!(last_sms_to(&w), "+31612345678");
    let view = block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    assert_eq!(view.detail, MethodDetail::Phone { masked_number: "+31 6 •••• 5678".into(), mode: PhoneMode::Text });
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert_eq!(info.default_method.as_deref(), Some(view.id.as_str()));
    assert!(!info.addable.contains(&MethodKind::Phone), "one phone per user");
    assert_eq!(info.phone_countries[0].calling_code, 31);
    assert!(!format!("{info:?}").contains("12345678"), "never the full number");
}

#[test]
fn extensions_are_dropped_and_reported() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    let p = block_on(w.portal().start_phone(&auth, "NL", "+1 4255551234X12345")).unwrap();
    assert!(p.extension_removed);
    assert_eq!(last_sms_to(&w), "+14255551234");
}

#[test]
fn bad_numbers_and_countries_are_refused_before_any_text() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    let p = w.portal();
    assert_eq!(block_on(p.start_phone(&auth, "NL", "12")).unwrap_err(), Error::InvalidPhone);
    assert_eq!(block_on(p.start_phone(&auth, "ZZ", "0612345678")).unwrap_err(), Error::InvalidPhone);
    assert_eq!(block_on(p.start_phone(&auth, "NL", "+53 5 2345678")).unwrap_err(), Error::CountryNotAllowed);
    assert!(w.sent.0.borrow().is_empty());
}

#[test]
fn one_number_gets_at_most_five_texts_an_hour_whoever_asks() {
    let w = World::new();
    let (_, adele) = w.sign_in();
    let p = w.portal();
    let alex = block_on(p.sign_in(demo::USERS[1].0, demo::USERS[1].1)).unwrap().auth;
    for i in 0..throttle::PHONE_SENDS.max {
        let who = if i % 2 == 0 { &adele } else { &alex };
        // Each user waits out the resend time before texting the same number again.
        w.advance(domain::code::RESEND_COOLDOWN);
        block_on(w.portal().start_phone(who, "NL", "0612345678")).unwrap();
    }
    w.advance(domain::code::RESEND_COOLDOWN);
    let p = w.portal();
    let e = block_on(p.start_phone(&alex, "NL", "0612345678")).unwrap_err();
    assert!(matches!(e, Error::TooManyAttempts { retry_after } if retry_after > 0));
    assert_eq!(w.sent.0.borrow().len() as u32, throttle::PHONE_SENDS.max);
    // Another number is still fine.
    block_on(p.start_phone(&alex, "NL", "0687654321")).unwrap();
}

#[test]
fn second_step_by_text_message() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let phone = w.register_phone(&mut auth);

    let (_, mut auth) = w.sign_in();
    let view = block_on(w.portal().session_view(&auth)).unwrap();
    let SecondStep::Required { methods, default_method } = view.second_step else { panic!() };
    assert_eq!(default_method.as_deref(), Some(phone.id.as_str()));
    assert_eq!(methods[0].label, "+31 6 •••• 5678");

    let sent = block_on(w.portal_in("nl-NL").send_second_step_code(&auth, &phone.id)).unwrap();
    let code = w.sent.last_code();
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    let e = block_on(w.portal().second_step(&mut auth, &phone.id, &wrong, Some(&sent.challenge_id))).unwrap_err();
    assert_eq!(e, Error::InvalidCode { attempts_left: 4 });
    assert_eq!(
        block_on(w.portal().second_step(&mut auth, &phone.id, &code, None)).unwrap_err(),
        Error::NoPendingVerification,
        "a texted code needs its challenge"
    );
    block_on(w.portal().second_step(&mut auth, &phone.id, &code, Some(&sent.challenge_id))).unwrap();
    assert!(block_on(w.portal().security_info(&auth)).is_ok());
    let e = block_on(w.portal().second_step(&mut auth, &phone.id, &code, Some(&sent.challenge_id))).unwrap_err();
    assert_eq!(e, Error::NoPendingVerification, "used once");
}

/// Security review finding 11: a second-step text waits out the resend time on the
/// server, so someone with the password cannot burn the phone's texts in seconds.
#[test]
fn finding_11_second_step_texts_wait_for_the_resend_time() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let phone = w.register_phone(&mut auth);
    let (_, auth) = w.sign_in();
    let first = block_on(w.portal().send_second_step_code(&auth, &phone.id)).unwrap();
    let sent = w.sent.0.borrow().len();
    w.advance(1_000);
    let again = block_on(w.portal().send_second_step_code(&auth, &phone.id));
    assert_eq!(again, Err(Error::ResendTooSoon { retry_after: 29 }));
    assert_eq!(w.sent.0.borrow().len(), sent, "no second text");
    let resend = block_on(w.portal().resend_code(&auth, &first.challenge_id));
    assert_eq!(resend, Err(Error::ResendTooSoon { retry_after: 29 }));
    w.advance(29_000);
    assert!(block_on(w.portal().send_second_step_code(&auth, &phone.id)).is_ok());
    // Calls too: not a second one while the first still rings.
    let p = w.portal();
    assert!(block_on(p.start_second_step_call(&auth, &phone.id)).is_ok());
    let e = block_on(p.start_second_step_call(&auth, &phone.id)).unwrap_err();
    assert_eq!(e, Error::ResendTooSoon { retry_after: 30 });
}

fn last_call_action(w: &World) -> String {
    match w.sent.0.borrow().last() {
        Some(Message::Call(c)) => {
            let start = c.twiml.find("action=\"").unwrap() + 8;
            c.twiml[start..start + c.twiml[start..].find('"').unwrap()].replace("&amp;", "&")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn register_a_phone_by_call_when_the_user_presses_pound() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    // A request in Dutch, reached at si.example: the call says so.
    let dutch = domain::portal::Portal { lang: "nl-NL", link_base: "https://si.example", ..w.portal() };
    let call = block_on(dutch.start_phone_call(&auth, MethodKind::Phone, "NL", "020 123 4567")).unwrap();
    assert_eq!(call.masked_number, "+31 2 •••• 4567");
    let action = last_call_action(&w);
    assert_eq!(action, format!("https://si.example/api/v1/voice/contoso/{}/{}?lang=nl-NL", auth.user.id, call.call_id));
    let status = block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap();
    assert_eq!(status.state, api::CallState::Calling);
    assert!(block_on(w.portal().answer_call("contoso", &auth.user.id, &call.call_id, &format!("{}#", call.digits)))
        .unwrap());
    let status = block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap();
    assert_eq!(status.state, api::CallState::Confirmed);
    let method = status.method.unwrap();
    assert_eq!(method.detail, MethodDetail::Phone { masked_number: "+31 2 •••• 4567".into(), mode: PhoneMode::Call });
    assert_eq!(
        block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap_err(),
        Error::NoPendingVerification,
        "a confirmed call registers once"
    );
    assert!(block_on(w.portal().answer_call("contoso", &auth.user.id, &call.call_id, &format!("{}#", call.digits)))
        .is_err());
}

#[test]
fn a_call_without_pound_or_unanswered_fails() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let a = block_on(w.portal().start_phone_call(&auth, MethodKind::Phone, "NL", "0612345678")).unwrap();
    assert!(!block_on(w.portal().answer_call("contoso", &auth.user.id, &a.call_id, "1")).unwrap());
    assert_eq!(block_on(w.portal().call_status(&mut auth, &a.call_id)).unwrap().state, api::CallState::Failed);
    let b = block_on(w.portal().start_phone_call(&auth, MethodKind::Phone, "NL", "0612345678")).unwrap();
    w.advance(domain::voice::CALL_TTL);
    assert_eq!(block_on(w.portal().call_status(&mut auth, &b.call_id)).unwrap().state, api::CallState::Failed);
    assert!(block_on(w.portal().security_info(&auth)).unwrap().methods.is_empty());
}

/// Issue 24 #14: Cancel ends the call: the digits and # pressed afterwards confirm
/// nothing, and the next call is placed at once (no wait for the one that rang).
#[test]
fn a_cancelled_call_confirms_nothing_and_the_next_one_need_not_wait() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let a = block_on(w.portal().start_phone_call(&auth, MethodKind::Phone, "NL", "0612345678")).unwrap();
    assert_eq!(
        block_on(w.portal().start_phone_call(&auth, MethodKind::Phone, "NL", "0612345678")).map(|_| ()),
        Err(Error::ResendTooSoon { retry_after: 30 }),
        "a ringing call makes the next one wait"
    );
    block_on(w.portal().end_call(&auth, &a.call_id)).unwrap();
    assert!(!block_on(w.portal().answer_call("contoso", &auth.user.id, &a.call_id, &format!("{}#", a.digits)))
        .unwrap_or(false));
    assert_eq!(block_on(w.portal().call_status(&mut auth, &a.call_id)).unwrap().state, api::CallState::Failed);
    assert!(block_on(w.portal().security_info(&auth)).unwrap().methods.is_empty());
    block_on(w.portal().start_phone_call(&auth, MethodKind::Phone, "NL", "0612345678")).unwrap();
    assert_eq!(block_on(w.portal().end_call(&auth, "no-such-call")), Err(Error::NoPendingVerification));
}

#[test]
fn second_step_by_call() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let call = block_on(w.portal().start_phone_call(&auth, MethodKind::Phone, "NL", "0612345678")).unwrap();
    block_on(w.portal().answer_call("contoso", &auth.user.id, &call.call_id, &format!("{}#", call.digits))).unwrap();
    let phone = block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap().method.unwrap();

    let (_, mut auth) = w.sign_in();
    assert_eq!(block_on(w.portal().security_info(&auth)).unwrap_err(), Error::SecondStepRequired);
    let call = block_on(w.portal().start_second_step_call(&auth, &phone.id)).unwrap();
    assert_eq!(block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap().state, api::CallState::Calling);
    block_on(w.portal().answer_call("contoso", &auth.user.id, &call.call_id, &format!("{}#", call.digits))).unwrap();
    assert_eq!(block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap().state, api::CallState::Confirmed);
    assert!(block_on(w.portal().security_info(&auth)).is_ok());
}

#[test]
fn alternate_phone_is_voice_only_and_a_separate_method() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    w.register_phone(&mut auth);
    auth.session.second_step = domain::session::SecondStep::Passed { at: w.now.get() };
    let call = block_on(w.portal().start_phone_call(&auth, MethodKind::AlternatePhone, "NL", "020 123 4567")).unwrap();
    block_on(w.portal().answer_call("contoso", &auth.user.id, &call.call_id, &format!("{}#", call.digits))).unwrap();
    let alt = block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap().method.unwrap();
    assert_eq!(alt.detail, MethodDetail::AlternatePhone { masked_number: "+31 2 •••• 4567".into() });
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert_eq!(info.methods.len(), 2);
    assert!(!info.addable.contains(&MethodKind::AlternatePhone));
    // It serves as a second step by call, never by text.
    let (_, signed) = w.sign_in();
    let view = block_on(w.portal().session_view(&signed)).unwrap();
    let SecondStep::Required { methods, .. } = view.second_step else { panic!() };
    assert!(methods.iter().any(|m| m.kind == MethodKind::AlternatePhone && m.by_call));
    assert_eq!(block_on(w.portal().send_second_step_code(&signed, &alt.id)).unwrap_err(), Error::NotMfaCapable);
    assert!(block_on(w.portal().start_second_step_call(&signed, &alt.id)).is_ok());
}

#[test]
fn change_replaces_the_number_or_the_mode_and_keeps_the_default() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let first = w.register_phone(&mut auth);
    // Change the number (a text to the new one) ...
    let p = block_on(w.portal().start_phone(&auth, "NL", "0687654321")).unwrap();
    let second = block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &w.sent.last_code())).unwrap();
    assert_eq!(second.id, first.id, "the same method, changed");
    // ... then switch it to calls.
    let call = block_on(w.portal().start_phone_call(&auth, MethodKind::Phone, "NL", "0687654321")).unwrap();
    block_on(w.portal().answer_call("contoso", &auth.user.id, &call.call_id, &format!("{}#", call.digits))).unwrap();
    block_on(w.portal().call_status(&mut auth, &call.call_id)).unwrap();
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert_eq!(info.methods.len(), 1);
    assert_eq!(
        info.methods[0].detail,
        MethodDetail::Phone { masked_number: "+31 6 •••• 4321".into(), mode: PhoneMode::Call }
    );
    assert_eq!(info.default_method.as_deref(), Some(first.id.as_str()));
}

/// Security review finding 5: a call the user did not start proves nothing: `#`
/// alone (or other digits) fails; the page's two digits then `#` confirm.
#[test]
fn finding_5_pressing_pound_alone_does_not_confirm_a_call() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let start = |w: &World, auth: &domain::portal::Authenticated| {
        block_on(w.portal().start_phone_call(auth, MethodKind::Phone, "NL", "0612345678")).unwrap()
    };
    let a = start(&w, &auth);
    assert!(!block_on(w.portal().answer_call("contoso", &auth.user.id, &a.call_id, "#")).unwrap());
    assert_eq!(block_on(w.portal().call_status(&mut auth, &a.call_id)).unwrap().state, api::CallState::Failed);
    let script = last_call_twiml(&w);
    assert!(script.contains("To confirm this phone for your security info, type the two digits"), "{script}");
    let spoken: String = script.split("<Say").skip(1).filter_map(|s| s.split('>').nth(1)).collect();
    assert!(!spoken.contains(&a.digits), "the call never says the digits: {spoken}");
    let b = start(&w, &auth);
    assert!(block_on(w.portal().answer_call("contoso", &auth.user.id, &b.call_id, &format!("{}#", b.digits))).unwrap());
    assert_eq!(block_on(w.portal().call_status(&mut auth, &b.call_id)).unwrap().state, api::CallState::Confirmed);
}

fn last_call_twiml(w: &World) -> String {
    match w.sent.0.borrow().last() {
        Some(Message::Call(c)) => c.twiml.clone(),
        other => panic!("{other:?}"),
    }
}
