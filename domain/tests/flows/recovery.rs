//! Recovery codes: shown once, stored as digests, each accepted once in the second
//! step or a reset, regenerating voids the old set, every use is announced.

use api::{MethodDetail, MethodKind, SecondStep};
use domain::delivery::Message;
use domain::portal::Authenticated;
use domain::{demo, Error};
use pollster::block_on;

use crate::common::{app_code, World, ADELE};

/// Adele with an authenticator app (so sign-in asks for a second step) and a set of codes.
fn with_codes(w: &World) -> (Authenticated, Vec<String>) {
    let (_, mut auth) = w.sign_in();
    let s = block_on(w.portal().start_authenticator(&auth)).unwrap();
    block_on(w.portal().verify_authenticator(&mut auth, &s.challenge_id, &app_code(&s.secret, w.now.get()), ""))
        .unwrap();
    let created = block_on(w.portal().create_recovery_codes(&auth)).unwrap();
    (auth, created.codes)
}

fn remaining(w: &World, auth: &Authenticated) -> MethodDetail {
    let info = block_on(w.portal().security_info(auth)).unwrap();
    info.methods.into_iter().find(|m| m.detail.kind() == MethodKind::RecoveryCodes).unwrap().detail
}

fn notices(w: &World) -> Vec<String> {
    w.sent
        .0
        .borrow()
        .iter()
        .filter_map(|m| match m {
            Message::Email(e) if e.text.contains("recovery code was used") => Some(e.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn ten_codes_shown_once_and_stored_as_digests() {
    let w = World::new();
    let (auth, codes) = with_codes(&w);
    assert_eq!(codes.len(), 10);
    let dump = w.store.dump();
    assert!(codes.iter().all(|c| !dump.contains(&c.replace('-', "")) && !dump.contains(c.as_str())));
    assert_eq!(remaining(&w, &auth), MethodDetail::RecoveryCodes { remaining: 10, total: 10 });
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert_ne!(info.default_method.as_deref(), Some("recovery-codes"), "never the default");
    assert!(!info.addable.contains(&MethodKind::RecoveryCodes), "one set; Regenerate replaces it");
}

#[test]
fn a_code_passes_the_second_step_once_and_the_user_is_told() {
    let w = World::new();
    let (auth, codes) = with_codes(&w);
    let (_, mut next) = w.sign_in();
    let options = match block_on(w.portal().session_view(&next)).unwrap().second_step {
        SecondStep::Required { methods, default_method } => {
            assert_ne!(default_method.as_deref(), Some("recovery-codes"));
            methods
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(options.last().map(|o| o.kind), Some(MethodKind::RecoveryCodes), "offered last, as a backup");

    assert_eq!(
        block_on(w.portal().second_step(&mut next, "recovery-codes", "not-a-code", None)),
        Err(Error::MalformedCode)
    );
    assert_eq!(
        block_on(w.portal().second_step(&mut next, "recovery-codes", "abcd-efgh-jkmn", None)),
        Err(Error::WrongCode)
    );
    // Typed in capitals with spaces: still the code.
    let typed = codes[3].to_uppercase().replace('-', " ");
    block_on(w.portal().second_step(&mut next, "recovery-codes", &typed, None)).unwrap();
    assert!(matches!(block_on(w.portal().session_view(&next)).unwrap().second_step, SecondStep::Passed { .. }));
    assert_eq!(remaining(&w, &auth), MethodDetail::RecoveryCodes { remaining: 9, total: 10 });
    let told = notices(&w);
    assert_eq!(told.len(), 1, "the work address is told");
    assert!(told[0].contains("9 codes are left"), "{}", told[0]);

    w.advance(60_000);
    let (_, mut again) = w.sign_in();
    assert_eq!(
        block_on(w.portal().second_step(&mut again, "recovery-codes", &codes[3], None)),
        Err(Error::RecoveryCodeUsed)
    );
    block_on(w.portal().second_step(&mut again, "recovery-codes", &codes[4], None)).unwrap();
    assert_eq!(remaining(&w, &auth), MethodDetail::RecoveryCodes { remaining: 8, total: 10 });
}

#[test]
fn regenerating_voids_the_old_codes() {
    let w = World::new();
    let (auth, old) = with_codes(&w);
    let new = block_on(w.portal().create_recovery_codes(&auth)).unwrap().codes;
    assert!(old.iter().all(|c| !new.contains(c)));
    assert_eq!(remaining(&w, &auth), MethodDetail::RecoveryCodes { remaining: 10, total: 10 });
    let (_, mut next) = w.sign_in();
    assert_eq!(block_on(w.portal().second_step(&mut next, "recovery-codes", &old[0], None)), Err(Error::WrongCode));
    block_on(w.portal().second_step(&mut next, "recovery-codes", &new[0], None)).unwrap();
}

#[test]
fn a_code_proves_a_reset_when_the_tenant_counts_it() {
    let w = World::new();
    let (_, codes) = with_codes(&w);
    let p = w.portal();
    let tenant = block_on(domain::tenant::by_id(p.store, demo::TENANT)).unwrap();
    let work = p.reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, ADELE.0, work.bits);
    let started = block_on(p.start_reset(ADELE.0, &work.challenge, nonce)).unwrap();
    let option = started.options.iter().find(|o| o.kind == MethodKind::RecoveryCodes).unwrap().id.clone();
    assert_eq!(block_on(p.reset_verify(&started.ticket, &option, "123456", None)), Err(Error::MalformedCode));
    let progress = block_on(p.reset_verify(&started.ticket, &option, &codes[0], None)).unwrap();
    assert_eq!(progress.passed, [option]);
    block_on(p.reset_password(&started.ticket, "a fresh passphrase")).unwrap();

    // A tenant that leaves recovery codes out of reset does not offer them.
    let mut strict = tenant.clone();
    strict.policy.reset.methods.retain(|k| *k != MethodKind::RecoveryCodes);
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&strict.id), &strict, None)).unwrap();
    let p = w.portal_for(&strict);
    let work = p.reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, ADELE.0, work.bits);
    let started = block_on(p.start_reset(ADELE.0, &work.challenge, nonce)).unwrap();
    assert!(started.options.iter().all(|o| o.kind != MethodKind::RecoveryCodes));
}
