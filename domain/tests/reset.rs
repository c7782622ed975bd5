//! Security questions and self-service password reset over in-memory storage.

use api::{Answer, MethodDetail, MethodKind, ResetStarted};
use domain::delivery::Message;
use domain::portal::Authenticated;
use domain::{demo, Error};
use pollster::block_on;

mod common;
use common::{World, ADELE};

fn answers(list: &[(&str, &str)]) -> Vec<Answer> {
    list.iter().map(|(q, a)| Answer { question_id: q.to_string(), answer: a.to_string() }).collect()
}

const MINE: [(&str, &str); 3] =
    [("first-pet", "Rex the Dog"), ("favourite-food", "Stamppot"), ("first-street", "Dorpsstraat")];

fn add_email(w: &World, auth: &mut Authenticated) {
    let p = block_on(w.portal().start_email(auth, "adele.private@example.org", "en-US")).unwrap();
    block_on(w.portal().verify_code(auth, &p.challenge_id, &w.sent.last_code())).unwrap();
}

fn start(w: &World, username: &str) -> Result<ResetStarted, Error> {
    let p = w.portal();
    let tenant = block_on(p.tenant_by_id(demo::TENANT)).unwrap();
    let work = p.reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, work.bits);
    block_on(p.start_reset(&tenant, username, &work.challenge, nonce))
}

fn contoso(w: &World) -> domain::tenant::Tenant {
    block_on(w.portal().tenant_by_id(demo::TENANT)).unwrap()
}

#[test]
fn security_questions_are_stored_hashed_and_reset_only() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    let choices = w.portal().question_choices(&auth, "nl-NL").unwrap();
    assert_eq!(choices.register, 3);
    assert!(choices.questions.iter().any(|q| q.text == "Hoe heette uw eerste huisdier?"));
    let view = block_on(w.portal().set_answers(&auth, &answers(&MINE))).unwrap();
    assert_eq!(view.detail, MethodDetail::SecurityQuestions { count: 3 });
    let stored = w.store.dump().to_lowercase();
    assert!(!stored.contains("stamppot") && !stored.contains("dorpsstraat"), "answers are hashed");
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert_eq!(info.default_method, None, "never a default");
    assert!(!info.addable.contains(&MethodKind::SecurityQuestions), "one set per user");
    // Change replaces them all.
    let again = answers(&[("city-first-job", "Delft"), ("first-pet", "Max"), ("childhood-friend", "Piet Jansen")]);
    block_on(w.portal().set_answers(&auth, &again)).unwrap();
    assert_eq!(block_on(w.portal().security_info(&auth)).unwrap().methods.len(), 1);
    let short = answers(&[("city-first-job", "De"), ("first-pet", "Max"), ("childhood-friend", "Piet")]);
    assert!(matches!(block_on(w.portal().set_answers(&auth, &short)), Err(Error::InvalidAnswers(_))));
}

#[test]
fn reset_with_an_email_code_then_sessions_end_and_a_notice_is_sent() {
    let w = World::new();
    let (old_token, mut auth) = w.sign_in();
    add_email(&w, &mut auth);
    let tenant = contoso(&w);

    let started = start(&w, " ADELE@contoso.com ").unwrap();
    assert_eq!(started.required, 1);
    assert_eq!(started.options.len(), 1);
    assert_eq!(started.options[0].label, "ad•••@example.org");
    let option = started.options[0].id.clone();
    assert_eq!(
        block_on(w.portal().reset_password(&tenant, &started.ticket, "a fresh passphrase", "en-US")),
        Err(Error::ResetIncomplete)
    );
    let sent = block_on(w.portal().reset_send(&tenant, &started.ticket, &option, "en-US")).unwrap();
    assert!(w.sent.last_email().subject.starts_with("Contoso password reset code"));
    let wrong =
        block_on(w.portal().reset_verify(&tenant, &started.ticket, &option, "000000", Some(&sent.challenge_id)));
    assert!(matches!(wrong, Err(Error::InvalidCode { .. })) || w.sent.last_code() == "000000");
    let progress = block_on(w.portal().reset_verify(
        &tenant,
        &started.ticket,
        &option,
        &w.sent.last_code(),
        Some(&sent.challenge_id),
    ))
    .unwrap();
    assert_eq!(progress.passed, std::slice::from_ref(&option));

    for (weak, why) in [
        ("short", domain::password::Weakness::Length),
        ("password123", domain::password::Weakness::Common),
        ("adele-forever-2026", domain::password::Weakness::ContainsUsername),
    ] {
        assert_eq!(
            block_on(w.portal().reset_password(&tenant, &started.ticket, weak, "en-US")),
            Err(Error::WeakPassword(why))
        );
    }
    block_on(w.portal().reset_password(&tenant, &started.ticket, "a fresh passphrase", "en-US")).unwrap();
    let notices: Vec<String> = w
        .sent
        .0
        .borrow()
        .iter()
        .filter_map(|m| match m {
            Message::Email(e) if e.subject == "Your Contoso password was changed" => Some(e.to.as_str().to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(notices, [ADELE.0, "adele.private@example.org"], "the work address and the email method");
    // The ticket is spent, the old session is over, the old password no longer works.
    assert_eq!(
        block_on(w.portal().reset_password(&tenant, &started.ticket, "another passphrase", "en-US")),
        Err(Error::NoPendingVerification)
    );
    assert_eq!(block_on(w.portal().authenticate(&tenant, &old_token)).unwrap_err(), Error::Unauthenticated);
    assert_eq!(
        block_on(w.portal().sign_in(&tenant, ADELE.0, ADELE.1, "10.0.0.1")).unwrap_err(),
        Error::InvalidCredentials
    );
    w.advance(1);
    assert!(block_on(w.portal().sign_in(&tenant, ADELE.0, "a fresh passphrase", "10.0.0.1")).is_ok());
}

#[test]
fn two_methods_with_questions_asked_as_a_fixed_random_subset() {
    let w = World::new();
    let mut tenant = demo::tenant();
    tenant.policy.reset.methods_required = 2;
    tenant.policy.questions.register = 4;
    tenant.policy.questions.answer = 2;
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&tenant.id), &tenant, None)).unwrap();
    let (_, mut auth) = w.sign_in();
    add_email(&w, &mut auth);
    let mut four = MINE.to_vec();
    four.push(("city-first-job", "Utrecht"));
    block_on(w.portal().set_answers(&auth, &answers(&four))).unwrap();

    let started = start(&w, ADELE.0).unwrap();
    assert_eq!(started.required, 2);
    let questions = started.options.iter().find(|o| o.kind == MethodKind::SecurityQuestions).unwrap().id.clone();
    let asked = block_on(w.portal().reset_questions(&tenant, &started.ticket, &questions, "en-US")).unwrap();
    assert_eq!(asked.len(), 2);
    let again = block_on(w.portal().reset_questions(&tenant, &started.ticket, &questions, "en-US")).unwrap();
    assert_eq!(asked, again, "asking again does not draw easier questions");
    let right = |q: &str| four.iter().find(|(id, _)| *id == q).map(|(_, a)| a.to_uppercase()).unwrap();
    let mut reply: Vec<Answer> =
        asked.iter().map(|q| Answer { question_id: q.id.clone(), answer: right(&q.id) }).collect();
    reply[1].answer = "wrong answer".into();
    assert_eq!(
        block_on(w.portal().reset_answers(&tenant, &started.ticket, &questions, &reply)),
        Err(Error::WrongAnswers)
    );
    reply[1].answer = format!("  {}  ", right(&asked[1].id));
    let progress = block_on(w.portal().reset_answers(&tenant, &started.ticket, &questions, &reply)).unwrap();
    assert_eq!(progress.passed.len(), 1);
    assert_eq!(
        block_on(w.portal().reset_password(&tenant, &started.ticket, "a fresh passphrase", "en-US")),
        Err(Error::ResetIncomplete),
        "one of two"
    );
    let email = started.options.iter().find(|o| o.kind == MethodKind::Email).unwrap().id.clone();
    let sent = block_on(w.portal().reset_send(&tenant, &started.ticket, &email, "nl-NL")).unwrap();
    assert!(w.sent.last_email().subject.starts_with("Code om uw wachtwoord van Contoso"));
    let code = w.sent.last_code();
    block_on(w.portal().reset_verify(&tenant, &started.ticket, &email, &code, Some(&sent.challenge_id))).unwrap();
    block_on(w.portal().reset_password(&tenant, &started.ticket, "a fresh passphrase", "nl-NL")).unwrap();
}

#[test]
fn an_unknown_name_looks_like_a_real_one_and_never_completes() {
    let w = World::new();
    let tenant = contoso(&w);
    let real = {
        let (_, mut auth) = w.sign_in();
        add_email(&w, &mut auth);
        block_on(w.portal().set_answers(&auth, &answers(&MINE))).unwrap();
        start(&w, ADELE.0).unwrap()
    };
    let fake = start(&w, "nobody@contoso.com").unwrap();
    assert_eq!((fake.required, fake.options.len()), (real.required, real.options.len()));
    assert_eq!(fake.ticket.len(), real.ticket.len());
    assert_eq!(fake.options[0].kind, MethodKind::Email);
    assert!(fake.options[0].label.contains("•••@"));
    assert_eq!(start(&w, "nobody@contoso.com").unwrap().options, fake.options, "the same every time");
    let sends = w.sent.0.borrow().len();
    let sent = block_on(w.portal().reset_send(&tenant, &fake.ticket, &fake.options[0].id, "en-US")).unwrap();
    assert_eq!(sent.masked_destination, fake.options[0].label);
    assert_eq!(w.sent.0.borrow().len(), sends, "nothing is sent anywhere");
    let guess = block_on(w.portal().reset_verify(
        &tenant,
        &fake.ticket,
        &fake.options[0].id,
        "123456",
        Some(&sent.challenge_id),
    ));
    assert_eq!(guess, Err(Error::WrongCode));
    assert_eq!(
        block_on(w.portal().reset_password(&tenant, &fake.ticket, "a fresh passphrase", "en-US")),
        Err(Error::ResetIncomplete)
    );
    assert!(!w.sent.0.borrow().iter().any(|m| matches!(m, Message::Email(e) if e.to.as_str().contains("nobody"))));
}

#[test]
fn resets_need_work_enough_methods_and_are_limited() {
    let w = World::new();
    let tenant = contoso(&w);
    let p = w.portal();
    let work = p.reset_challenge().unwrap();
    let lazy = (0..).find(|n| api::proof::work(&work.challenge, *n) < work.bits).unwrap();
    assert_eq!(block_on(p.start_reset(&tenant, ADELE.0, &work.challenge, lazy)).unwrap_err(), Error::WorkRequired);
    assert_eq!(start(&w, ADELE.0).unwrap_err(), Error::ResetNotEnoughMethods, "Adele has no reset method yet");
    for _ in 0..9 {
        let _ = start(&w, "someone@contoso.com");
    }
    assert!(start(&w, "someone@contoso.com").is_ok(), "ten per name per hour");
    assert!(matches!(start(&w, "someone@contoso.com"), Err(Error::TooManyAttempts { .. })));
    let mut closed = demo::tenant();
    closed.policy.reset.enabled = false;
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&closed.id), &closed, None)).unwrap();
    assert_eq!(start(&w, "other@contoso.com").unwrap_err(), Error::ResetDisabled);
}

#[test]
fn resets_do_not_use_up_the_addresses_texts() {
    let w = World::new();
    for i in 0..25 {
        let _ = start(&w, &format!("someone{i}@contoso.com"));
    }
    let (_, auth) = w.sign_in();
    assert!(block_on(w.portal().start_phone(&auth, "NL", "0612345678", "en-US")).is_ok());
}
