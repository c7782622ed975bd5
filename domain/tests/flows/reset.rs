//! Security questions and self-service password reset over in-memory storage.

use api::{Answer, MethodDetail, MethodKind, ResetStarted};
use domain::delivery::Message;
use domain::portal::Authenticated;
use domain::{demo, Error};
use pollster::block_on;

use crate::common::{World, ADELE};

fn answers(list: &[(&str, &str)]) -> Vec<Answer> {
    list.iter().map(|(q, a)| Answer { question_id: q.to_string(), answer: a.to_string() }).collect()
}

const MINE: [(&str, &str); 3] =
    [("first-pet", "Rex the Dog"), ("favourite-food", "Stamppot"), ("first-street", "Dorpsstraat")];

fn add_email(w: &World, auth: &mut Authenticated) {
    let p = block_on(w.portal().start_email(auth, "adele.private@example.org")).unwrap();
    block_on(w.portal().verify_code(auth, &p.challenge_id, &w.sent.last_code())).unwrap();
}

fn start(w: &World, username: &str) -> Result<ResetStarted, Error> {
    let p = w.portal();
    let work = p.reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, username, work.bits);
    block_on(p.start_reset(username, &work.challenge, nonce))
}

fn contoso(w: &World) -> domain::tenant::Tenant {
    block_on(domain::tenant::by_id(w.portal().store, demo::TENANT)).unwrap()
}

#[test]
fn security_questions_are_stored_hashed_and_reset_only() {
    let w = World::new();
    let (_, auth) = w.sign_in();
    let choices = w.portal_in("nl-NL").question_choices(&auth).unwrap();
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
    let app_password = block_on(w.portal().create_app_password(&auth, "Outlook")).unwrap().password;

    let started = start(&w, " ADELE@contoso.com ").unwrap();
    assert_eq!(started.required, 1);
    assert_eq!(started.options.len(), 1);
    assert_eq!(started.options[0].label, "ad•••@example.org");
    let option = started.options[0].id.clone();
    assert_eq!(
        block_on(w.portal_for(&tenant).reset_password(&started.ticket, "a fresh passphrase")),
        Err(Error::ResetIncomplete)
    );
    let sent = block_on(w.portal_for(&tenant).reset_send(&started.ticket, &option)).unwrap();
    assert!(w.sent.last_email().subject.starts_with("Contoso password reset code"));
    let wrong = block_on(w.portal_for(&tenant).reset_verify(
        &started.ticket,
        &option,
        "000000",
        Some(&sent.challenge_id).map(|x| x.as_str()),
    ));
    assert!(matches!(wrong, Err(Error::InvalidCode { .. })) || w.sent.last_code() == "000000");
    let progress = block_on(w.portal_for(&tenant).reset_verify(
        &started.ticket,
        &option,
        &w.sent.last_code(),
        Some(&sent.challenge_id).map(|x| x.as_str()),
    ))
    .unwrap();
    assert_eq!(progress.passed, std::slice::from_ref(&option));

    for (weak, why) in [
        ("short", domain::password::Weakness::Length),
        ("password123", domain::password::Weakness::Common),
        ("adele-forever-2026", domain::password::Weakness::ContainsUsername),
    ] {
        assert_eq!(
            block_on(w.portal_for(&tenant).reset_password(&started.ticket, weak)),
            Err(Error::WeakPassword(why))
        );
    }
    block_on(w.portal_for(&tenant).reset_password(&started.ticket, "a fresh passphrase")).unwrap();
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
        block_on(w.portal_for(&tenant).reset_password(&started.ticket, "another passphrase")),
        Err(Error::NoPendingVerification)
    );
    assert_eq!(block_on(w.portal_for(&tenant).authenticate(&old_token)).unwrap_err(), Error::Unauthenticated);
    assert_eq!(block_on(w.portal_for(&tenant).sign_in(ADELE.0, ADELE.1)).unwrap_err(), Error::InvalidCredentials);
    w.advance(1);
    assert!(block_on(w.portal_for(&tenant).sign_in(ADELE.0, "a fresh passphrase")).is_ok());
    // Finding 9: app passwords end with the reset.
    let whoami = block_on(w.portal_for(&tenant).legacy_whoami(ADELE.0, &app_password));
    assert_eq!(whoami.unwrap_err(), Error::InvalidCredentials);
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
    let asked = block_on(w.portal_for(&tenant).reset_questions(&started.ticket, &questions)).unwrap();
    assert_eq!(asked.len(), 2);
    let again = block_on(w.portal_for(&tenant).reset_questions(&started.ticket, &questions)).unwrap();
    assert_eq!(asked, again, "asking again does not draw easier questions");
    let right = |q: &str| four.iter().find(|(id, _)| *id == q).map(|(_, a)| a.to_uppercase()).unwrap();
    let mut reply: Vec<Answer> =
        asked.iter().map(|q| Answer { question_id: q.id.clone(), answer: right(&q.id) }).collect();
    reply[1].answer = "wrong answer".into();
    assert_eq!(
        block_on(w.portal_for(&tenant).reset_answers(&started.ticket, &questions, &reply)),
        Err(Error::WrongAnswers)
    );
    reply[1].answer = format!("  {}  ", right(&asked[1].id));
    let progress = block_on(w.portal_for(&tenant).reset_answers(&started.ticket, &questions, &reply)).unwrap();
    assert_eq!(progress.passed.len(), 1);
    assert_eq!(
        block_on(w.portal_for(&tenant).reset_password(&started.ticket, "a fresh passphrase")),
        Err(Error::ResetIncomplete),
        "one of two"
    );
    let email = started.options.iter().find(|o| o.kind == MethodKind::Email).unwrap().id.clone();
    let dutch = domain::portal::Portal { lang: "nl-NL", ..w.portal_for(&tenant) };
    let sent = block_on(dutch.reset_send(&started.ticket, &email)).unwrap();
    assert!(w.sent.last_email().subject.starts_with("Code om uw wachtwoord van Contoso"));
    let code = w.sent.last_code();
    block_on(w.portal_for(&tenant).reset_verify(
        &started.ticket,
        &email,
        &code,
        Some(&sent.challenge_id).map(|x| x.as_str()),
    ))
    .unwrap();
    block_on(dutch.reset_password(&started.ticket, "a fresh passphrase")).unwrap();
}

/// Security review findings 2 and 12: every step of a reset answers an unknown
/// name exactly as it answers a known one (ids, kinds, labels, sends, wrong codes,
/// the end of a reset), and nothing is sent for the unknown one.
#[test]
fn finding_2_and_12_an_unknown_name_answers_every_reset_step_like_a_known_one() {
    let w = World::new();
    let mut tenant = demo::tenant();
    tenant.policy.reset.methods = vec![MethodKind::Email, MethodKind::AuthenticatorApp];
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&tenant.id), &tenant, None)).unwrap();
    let (_, mut auth) = w.sign_in();
    add_email(&w, &mut auth);
    w.register_app(&mut auth, "Adele's phone");
    let real = start(&w, ADELE.0).unwrap();
    // A name whose decoy offers both kinds, as Adele's reset does.
    let (name, fake) = (0..50)
        .map(|i| format!("nobody{i}@contoso.com"))
        .find_map(|n| start(&w, &n).ok().filter(|s| s.options.len() == 2).map(|s| (n, s)))
        .unwrap();
    assert_eq!(start(&w, &name).unwrap().options, fake.options, "the same every time");
    type Shape = (usize, u8, u64, Vec<(MethodKind, String, usize, String)>);
    let shape = |s: &ResetStarted| -> Shape {
        let mut options: Vec<(MethodKind, String, usize, String)> = s
            .options
            .iter()
            .map(|o| {
                let id = if o.id == o.kind.as_str() { o.id.clone() } else { format!("hex{}", o.id.len()) };
                let label = o.label.chars().map(|c| if c.is_ascii_alphanumeric() { 'x' } else { c }).collect();
                (o.kind, id, o.label.len(), label)
            })
            .collect();
        options.sort();
        (s.ticket.len(), s.required, s.expires_at, options)
    };
    // Labels differ in length with the address; the rest of the shape is the same.
    let strip = |mut s: Shape| {
        s.3.iter_mut().for_each(|o| {
            o.2 = 0;
            o.3 = o.3.split('@').next().unwrap_or_default().to_string();
        });
        s
    };
    assert_eq!(strip(shape(&real)), strip(shape(&fake)));
    let app_label =
        |s: &ResetStarted| s.options.iter().find(|o| o.kind == MethodKind::AuthenticatorApp).unwrap().label.clone();
    assert_eq!((app_label(&real), app_label(&fake)), (String::new(), String::new()), "never the name Adele gave it");

    let sends = w.sent.0.borrow().len();
    let steps = |s: &ResetStarted| {
        let option = |k: MethodKind| s.options.iter().find(|o| o.kind == k).unwrap().id.clone();
        let (email, app) = (option(MethodKind::Email), option(MethodKind::AuthenticatorApp));
        let p = w.portal_for(&tenant);
        let mut out = vec![format!("{:?}", block_on(p.reset_send(&s.ticket, &app)))];
        let sent = block_on(p.reset_send(&s.ticket, &email)).unwrap();
        let label = s.options.iter().find(|o| o.id == email).unwrap().label.clone();
        out.push(format!("{}", sent.masked_destination == label));
        out.push(format!("{:?}", block_on(p.reset_send(&s.ticket, &email))));
        for code in ["000000", "000001"] {
            out.push(format!(
                "{:?}",
                block_on(p.reset_verify(&s.ticket, &email, code, Some(&sent.challenge_id).map(|x| x.as_str())))
            ));
        }
        for _ in 0..4 {
            out.push(format!("{:?}", block_on(p.reset_verify(&s.ticket, &app, "999999", None))));
        }
        out.push(format!("{:?}", block_on(p.reset_password(&s.ticket, "a fresh passphrase"))));
        out
    };
    let for_real = steps(&real);
    assert_eq!(w.sent.0.borrow().len(), sends + 1, "Adele's code");
    let for_fake = steps(&fake);
    assert_eq!(w.sent.0.borrow().len(), sends + 1, "nothing is sent for an unknown name");
    assert_eq!(for_real, for_fake);
    assert!(for_real[0].contains("MethodNotFound") && for_real[2].contains("ResendTooSoon"), "{for_real:?}");
    assert!(for_real[8].contains("ResetLocked") && for_real[9].contains("ResetIncomplete"), "{for_real:?}");
}

#[test]
fn resets_need_work_enough_methods_and_are_limited() {
    let w = World::new();
    let p = w.portal();
    let work = p.reset_challenge().unwrap();
    let lazy = (0..).find(|n| api::proof::work(&work.challenge, ADELE.0, *n) < work.bits).unwrap();
    assert_eq!(block_on(p.start_reset(ADELE.0, &work.challenge, lazy)).unwrap_err(), Error::WorkRequired);
    // Adele has no reset method yet: she gets a reset shaped like an unknown name's
    // (telling her apart would tell a stranger she exists), which never completes.
    let decoy = start(&w, ADELE.0).unwrap();
    let proved = block_on(p.reset_verify(&decoy.ticket, &decoy.options[0].id, "123456", None));
    assert!(proved.is_err());
    assert_eq!(block_on(p.reset_password(&decoy.ticket, "a fresh passphrase")), Err(Error::ResetIncomplete));
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
    assert!(block_on(w.portal().start_phone(&auth, "NL", "0612345678")).is_ok());
}

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

/// Security review finding 1: wrong reset codes from a stranger take tries from the
/// reset (five per reset, twenty an hour per name), never from the user's sign-in.
#[test]
fn finding_1_wrong_reset_codes_never_lock_the_user_out() {
    let w = World::new();
    let tenant = contoso(&w);
    let (_, mut auth) = w.sign_in();
    let (app, secret) = w.register_app(&mut auth, "Phone");
    let (mut wrong_codes, mut dead_resets, mut throttled, mut resets) = (0, 0, 0, 0);
    while let Ok(started) = start(&w, ADELE.0) {
        resets += 1;
        let option = started.options.iter().find(|o| o.kind == MethodKind::AuthenticatorApp).unwrap().id.clone();
        for _ in 0..6 {
            let guess = wrong(&crate::common::app_code(&secret, w.now.get()));
            match block_on(w.portal_for(&tenant).reset_verify(&started.ticket, &option, &guess, None)) {
                Err(Error::WrongCode) => wrong_codes += 1,
                Err(Error::ResetLocked) => dead_resets += 1,
                Err(Error::TooManyAttempts { .. }) => throttled += 1,
                other => panic!("{other:?}"),
            }
        }
    }
    assert_eq!(resets, 10, "ten resets per name per hour");
    assert_eq!(wrong_codes, 20, "the name's hourly budget of reset tries");
    assert_eq!(dead_resets, resets, "every reset ends at its sixth try");
    assert_eq!(throttled, 6 * resets - 20 - resets);
    // Adele signs in with her password and her app (at its next code) straight away.
    w.advance(30_000);
    let p = w.portal();
    let mut signed = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap().auth;
    block_on(p.second_step(&mut signed, &app, &crate::common::app_code(&secret, w.now.get()), None)).unwrap();
}

/// Finding 1: a right reset code neither clears nor uses the sign-in guard, and a
/// step the reset accepted is not accepted again at sign-in (replay).
#[test]
fn finding_1_a_reset_code_is_spent_once_across_reset_and_sign_in() {
    let w = World::new();
    let tenant = contoso(&w);
    let (_, mut auth) = w.sign_in();
    let (app, secret) = w.register_app(&mut auth, "Phone");
    w.advance(30_000);
    let started = start(&w, ADELE.0).unwrap();
    let option = started.options.iter().find(|o| o.kind == MethodKind::AuthenticatorApp).unwrap().id.clone();
    let code = crate::common::app_code(&secret, w.now.get());
    block_on(w.portal_for(&tenant).reset_verify(&started.ticket, &option, &code, None)).unwrap();
    let mut signed = block_on(w.portal_at("10.0.0.9").sign_in(ADELE.0, ADELE.1)).unwrap().auth;
    assert_eq!(block_on(w.portal().second_step(&mut signed, &app, &code, None)), Err(Error::CodeAlreadyUsed));
}

/// Finding 1: codes a reset sends have budgets of their own and live in the reset,
/// so a stranger's resets neither use up the phone's texts nor push out the code
/// the user is signing in with.
#[test]
fn finding_1_reset_texts_leave_the_users_sign_in_texts_alone() {
    let w = World::new();
    let tenant = contoso(&w);
    let (_, mut auth) = w.sign_in();
    w.register_phone(&mut auth);
    let mut signed = block_on(w.portal_at("10.0.0.9").sign_in(ADELE.0, ADELE.1)).unwrap().auth;
    let phone = signed_phone(&w, &signed);
    let mine = block_on(w.portal().send_second_step_code(&signed, &phone)).unwrap();
    let my_code = w.sent.last_code();
    // A stranger sends every reset text the budgets allow.
    let started = start(&w, ADELE.0).unwrap();
    let option = started.options.iter().find(|o| o.kind == MethodKind::Phone).unwrap().id.clone();
    let mut sent = 0;
    loop {
        w.advance(31_000);
        match block_on(w.portal_for(&tenant).reset_send(&started.ticket, &option)) {
            Ok(_) => sent += 1,
            Err(Error::TooManyAttempts { .. }) => break,
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(sent, domain::throttle::RESET_SENDS.max);
    block_on(w.portal().second_step(&mut signed, &phone, &my_code, Some(&mine.challenge_id))).unwrap();
    // And the next sign-in can still have its text.
    let again = block_on(w.portal_at("10.0.0.9").sign_in(ADELE.0, ADELE.1)).unwrap().auth;
    assert!(block_on(w.portal().send_second_step_code(&again, &phone)).is_ok());
}

fn signed_phone(w: &World, auth: &Authenticated) -> String {
    match block_on(w.portal().session_view(auth)).unwrap().second_step {
        api::SecondStep::Required { methods, .. } => methods[0].id.clone(),
        other => panic!("{other:?}"),
    }
}

/// Security review (low): security questions are never the only reset factor
/// (ASVS 5.0 6.4.2): with questions alone the reset is a decoy; with questions and
/// an email, the questions alone do not complete it.
#[test]
fn finding_low_security_questions_are_never_the_only_reset_factor() {
    let w = World::new();
    let tenant = contoso(&w);
    let (_, mut auth) = w.sign_in();
    block_on(w.portal().set_answers(&auth, &answers(&MINE))).unwrap();
    let alone = start(&w, ADELE.0).unwrap();
    assert!(alone.options.iter().any(|o| o.kind != MethodKind::SecurityQuestions), "{:?}", alone.options);
    let asked = block_on(w.portal_for(&tenant).reset_questions(&alone.ticket, "security-questions"));
    if let Ok(asked) = asked {
        let right = |q: &str| MINE.iter().find(|(id, _)| *id == q).map(|(_, a)| a.to_string()).unwrap_or_default();
        let reply: Vec<Answer> =
            asked.iter().map(|q| Answer { question_id: q.id.clone(), answer: right(&q.id) }).collect();
        let _ = block_on(w.portal_for(&tenant).reset_answers(&alone.ticket, "security-questions", &reply));
    }
    assert_eq!(
        block_on(w.portal_for(&tenant).reset_password(&alone.ticket, "a fresh passphrase")),
        Err(Error::ResetIncomplete),
        "questions alone never reset"
    );

    add_email(&w, &mut auth);
    let both = start(&w, ADELE.0).unwrap();
    let asked = block_on(w.portal_for(&tenant).reset_questions(&both.ticket, "security-questions")).unwrap();
    let right = |q: &str| MINE.iter().find(|(id, _)| *id == q).map(|(_, a)| a.to_string()).unwrap();
    let reply: Vec<Answer> = asked.iter().map(|q| Answer { question_id: q.id.clone(), answer: right(&q.id) }).collect();
    block_on(w.portal_for(&tenant).reset_answers(&both.ticket, "security-questions", &reply)).unwrap();
    assert_eq!(
        block_on(w.portal_for(&tenant).reset_password(&both.ticket, "a fresh passphrase")),
        Err(Error::ResetIncomplete)
    );
    let sent = block_on(w.portal_for(&tenant).reset_send(&both.ticket, "email")).unwrap();
    let code = w.sent.last_code();
    block_on(w.portal_for(&tenant).reset_verify(
        &both.ticket,
        "email",
        &code,
        Some(&sent.challenge_id).map(|x| x.as_str()),
    ))
    .unwrap();
    block_on(w.portal_for(&tenant).reset_password(&both.ticket, "a fresh passphrase")).unwrap();
}

/// Security review (low): a solved proof of work starts one reset, for the name
/// and tenant it was done for.
#[test]
fn finding_low_work_starts_one_reset_for_its_name_and_tenant() {
    let w = World::new();
    let p = w.portal();
    let work = p.reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, ADELE.0, work.bits);
    assert!(block_on(p.start_reset(ADELE.0, &work.challenge, nonce)).is_ok());
    let again = block_on(p.start_reset(ADELE.0, &work.challenge, nonce));
    assert_eq!(again.unwrap_err(), Error::WorkRequired, "spent");
    let other = "alex@contoso.com";
    if api::proof::work(&work.challenge, other, nonce) < work.bits {
        let elsewhere = block_on(p.start_reset(other, &work.challenge, nonce));
        assert_eq!(elsewhere.unwrap_err(), Error::WorkRequired, "done for another name");
    }
    let fabrikam = block_on(domain::tenant::by_id(p.store, demo::FABRIKAM)).unwrap();
    let fresh = p.reset_challenge().unwrap();
    let nonce = api::proof::solve(&fresh.challenge, "lee@fabrikam.com", fresh.bits);
    let at_other_tenant = block_on(w.portal_for(&fabrikam).start_reset("lee@fabrikam.com", &fresh.challenge, nonce));
    assert_eq!(at_other_tenant.unwrap_err(), Error::WorkRequired, "issued for another tenant");
}
