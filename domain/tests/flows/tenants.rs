//! Several tenants, the setup prompt and wizard plan, and the admin settings.

use api::{AuditAction, MethodKind, PhoneMode, Requirement, SetupStep};
use domain::portal::Authenticated;
use domain::{demo, Error, DAY};
use pollster::block_on;

use crate::common::{World, ADELE};

fn sign_in(w: &World, tenant: &str, user: demo::DemoUser) -> Authenticated {
    let tenant = block_on(domain::tenant::by_id(&w.store, tenant)).unwrap();
    block_on(w.portal_for(&tenant).sign_in(user.0, user.1)).unwrap().auth
}

fn app_code(secret: &str, at: u64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret.replace(' ', "")).unwrap();
    totp_rs::Builder::new().with_secret(secret).build().unwrap().generate(at / 1000).to_string()
}

fn setup(w: &World, auth: &Authenticated) -> Option<api::Setup> {
    block_on(w.portal().session_view(auth)).unwrap().setup
}

#[test]
fn tenants_are_isolated() {
    let w = World::new();
    let (token, contoso) = w.sign_in();
    let fabrikam = block_on(domain::tenant::by_id(w.portal().store, demo::FABRIKAM)).unwrap();
    // A Contoso session means nothing at Fabrikam, and Contoso's users cannot sign in there.
    assert_eq!(block_on(w.portal_for(&fabrikam).authenticate(&token)).unwrap_err(), Error::Unauthenticated);
    let adele = demo::USERS[0];
    assert_eq!(block_on(w.portal_for(&fabrikam).sign_in(adele.0, adele.1)).unwrap_err(), Error::InvalidCredentials);
    // Same username spelled in both tenants: different people, different data.
    let lee = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[0]);
    assert_eq!(lee.tenant.id, demo::FABRIKAM);
    assert_ne!(lee.tenant.id, contoso.tenant.id);
    assert_eq!(block_on(domain::tenant::by_id(w.portal().store, "../contoso")).unwrap_err(), Error::UnknownTenant);
    assert_eq!(block_on(domain::tenant::by_id(w.portal().store, "nope")).unwrap_err(), Error::UnknownTenant);
}

#[test]
fn the_wizard_plan_follows_what_is_registered_and_resumes() {
    let w = World::new();
    let mut lee = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[0]);
    let plan = setup(&w, &lee).expect("Fabrikam requires an app and a phone");
    assert_eq!(
        plan.steps,
        vec![
            SetupStep { kind: MethodKind::AuthenticatorApp, done: false },
            SetupStep { kind: MethodKind::Phone, done: false }
        ]
    );
    assert_eq!(plan.skip_until, Some(w.now.get() + 7 * DAY));
    assert!(plan.alternatives.is_empty(), "required kinds have no alternatives");

    // Step 1 done, then the browser closes: a new session resumes at step 2.
    let s = block_on(w.portal().start_authenticator(&lee)).unwrap();
    block_on(w.portal().verify_authenticator(&mut lee, &s.challenge_id, &app_code(&s.secret, w.now.get()), ""))
        .unwrap();
    w.advance(60_000);
    let mut lee = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[0]);
    assert_eq!(setup(&w, &lee), None, "nothing is asked before the second step");
    let code = app_code(&s.secret, w.now.get());
    let methods = block_on(w.portal().session_view(&lee)).unwrap();
    let api::SecondStep::Required { default_method: Some(app_id), .. } = methods.second_step else { panic!() };
    block_on(w.portal().second_step(&mut lee, &app_id, &code, None)).unwrap();
    let plan = setup(&w, &lee).unwrap();
    assert_eq!(plan.steps[0], SetupStep { kind: MethodKind::AuthenticatorApp, done: true });
    assert_eq!(plan.steps[1], SetupStep { kind: MethodKind::Phone, done: false });

    let p = block_on(w.portal().start_phone(&lee, "NL", "0612345678")).unwrap();
    block_on(w.portal().verify_code(&mut lee, &p.challenge_id, &w.sent.last_code())).unwrap();
    assert_eq!(setup(&w, &lee), None, "all done");
}

/// "If a third section named App passwords appears, you must complete it before you
/// can finish the wizard": the plan stands until the person has an app password.
#[test]
fn a_required_app_passwords_step_holds_the_wizard_until_one_exists() {
    let w = World::new();
    let mut fabrikam = demo::fabrikam();
    fabrikam.policy.registration.require = Requirement::Methods { kinds: vec![MethodKind::Phone] };
    fabrikam.policy.registration.app_passwords_required = true;
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&fabrikam.id), &fabrikam, None)).unwrap();
    let mut lee = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[0]);
    let p = block_on(w.portal_for(&fabrikam).start_phone(&lee, "NL", "0612345678")).unwrap();
    block_on(w.portal_for(&fabrikam).verify_code(&mut lee, &p.challenge_id, &w.sent.last_code())).unwrap();
    let plan = setup(&w, &lee).expect("the app password is still missing");
    assert!(plan.steps.iter().all(|s| s.done));
    assert!(plan.app_passwords_step && plan.app_passwords_required);
    lee.session.setup_due = true; // as `session_view` stored it for this session
    assert_eq!(block_on(w.portal().require_setup_done(&lee)), Err(Error::SetupRequired));
    block_on(w.portal_for(&fabrikam).create_app_password(&lee, "Mail")).unwrap();
    assert_eq!(setup(&w, &lee), None, "done once one exists");

    // Offered only: the plan ends with the steps.
    fabrikam.policy.registration.app_passwords_required = false;
    fabrikam.policy.registration.app_passwords_step = true;
    fabrikam.policy.registration.require = Requirement::Methods { kinds: vec![MethodKind::Email] };
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&fabrikam.id), &fabrikam, None)).unwrap();
    let nestor = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[1]);
    let plan = setup(&w, &nestor).unwrap();
    assert!(plan.app_passwords_step && !plan.app_passwords_required);

    // Required but not allowed is refused.
    let admin = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[3]);
    let mut settings = w.portal().tenant_settings(&admin).unwrap();
    settings.policy.registration.app_passwords_required = true;
    settings.policy.allowed.retain(|k| *k != MethodKind::AppPassword);
    let refused = block_on(w.portal().update_settings(&admin, settings));
    assert!(matches!(refused, Err(Error::InvalidPolicy(domain::policy::Problem::RequiredNotAllowed))));
}

#[test]
fn skipping_is_allowed_twice_within_the_grace_period() {
    let w = World::new();
    let mut nestor = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[1]);
    assert!(setup(&w, &nestor).is_some());
    block_on(w.portal().skip_setup(&mut nestor)).unwrap();
    assert_eq!(setup(&w, &nestor), None, "skipped for this session");
    let mut again = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[1]);
    assert!(setup(&w, &again).unwrap().skip_until.is_some());
    block_on(w.portal().skip_setup(&mut again)).unwrap();
    let mut third = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[1]);
    assert_eq!(setup(&w, &third).unwrap().skip_until, None, "no skips left");
    assert_eq!(block_on(w.portal().skip_setup(&mut third)), Err(Error::SkipNotAllowed));

    let mut diego = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[2]);
    assert!(setup(&w, &diego).is_some());
    w.advance(7 * DAY);
    let mut diego_later = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[2]);
    assert_eq!(setup(&w, &diego_later).unwrap().skip_until, None, "the grace period ran out");
    assert_eq!(block_on(w.portal().skip_setup(&mut diego_later)), Err(Error::SkipNotAllowed));
    assert_eq!(block_on(w.portal().skip_setup(&mut diego)), Err(Error::SkipNotAllowed));
}

#[test]
fn only_admins_change_settings_and_every_change_is_checked_and_audited() {
    let w = World::new();
    let lee = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[0]);
    assert_eq!(w.portal().tenant_settings(&lee).unwrap_err(), Error::Forbidden);
    let admin = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[3]);
    let mut settings = w.portal().tenant_settings(&admin).unwrap();
    assert_eq!(settings.name, "Fabrikam");
    assert_eq!(block_on(w.portal().update_settings(&lee, settings.clone())).unwrap_err(), Error::Forbidden);

    // Requiring a method that is not allowed is refused and changes nothing.
    settings.policy.allowed.retain(|k| *k != MethodKind::Phone);
    let refused = block_on(w.portal().update_settings(&admin, settings.clone()));
    assert!(matches!(refused, Err(Error::InvalidPolicy(domain::policy::Problem::RequiredNotAllowed))));
    assert_eq!(block_on(domain::tenant::by_id(w.portal().store, demo::FABRIKAM)).unwrap(), demo::fabrikam());

    settings.policy.registration.require = Requirement::Any { count: 2 };
    settings.policy.phone_modes = vec![PhoneMode::Text];
    settings.own_domains.push(" Fabrikam.NL ".into());
    settings.policy.phone_countries = vec!["nl".into(), "BE".into()];
    let saved = block_on(w.portal().update_settings(&admin, settings)).unwrap();
    assert_eq!(saved.own_domains, ["fabrikam.com", "fabrikam.nl"]);
    assert_eq!(saved.policy.phone_countries, ["BE", "NL"]);
    let stored = block_on(domain::tenant::by_id(w.portal().store, demo::FABRIKAM)).unwrap();
    assert_eq!(stored.policy, saved.policy);

    let trail = block_on(w.portal().audit_trail(&admin)).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].actor, "admin@fabrikam.com");
    let changed = ["own-domains", "allowed-methods", "phone-modes", "phone-countries", "registration"];
    assert_eq!(trail[0].action, AuditAction::SettingsChanged { changed: changed.map(String::from).to_vec() });
    // Contoso's trail is its own.
    let contoso_admin = sign_in(&w, demo::TENANT, demo::USERS[2]);
    assert!(block_on(w.portal().audit_trail(&contoso_admin)).unwrap().is_empty());
}

#[test]
fn a_disabled_phone_mode_cannot_be_registered() {
    let w = World::new();
    let mut tenant = demo::tenant();
    tenant.policy.phone_modes = vec![PhoneMode::Call];
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&tenant.id), &tenant, None)).unwrap();
    let (_, auth) = w.sign_in();
    assert_eq!(block_on(w.portal().start_phone(&auth, "NL", "0612345678")).unwrap_err(), Error::MethodNotOffered);
}

/// Security review finding 7: a method the organization turns off is kept but can
/// no longer be used: not offered or accepted at sign-in, not in a reset, never the
/// default (it moves), and the list marks it.
#[test]
fn finding_7_a_turned_off_method_is_kept_but_not_used() {
    let w = World::new();
    let (_, mut auth) = w.sign_in();
    let phone = w.register_phone(&mut auth);
    let (app, secret) = w.register_app(&mut auth, "Phone");
    block_on(w.portal().set_default(&auth, &phone.id)).unwrap();

    let mut tenant = demo::tenant();
    tenant.policy.phone_modes = vec![api::PhoneMode::Call];
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&tenant.id), &tenant, None)).unwrap();
    w.advance(60_000);
    let p = w.portal_for(&tenant);
    let mut signed = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap().auth;
    let api::SecondStep::Required { default_method, methods } = block_on(p.session_view(&signed)).unwrap().second_step
    else {
        panic!()
    };
    assert_eq!(default_method.as_deref(), Some(app.as_str()), "the default moves to what is allowed");
    assert!(methods.iter().all(|m| m.id != phone.id), "a texting phone is not offered");
    assert_eq!(block_on(p.send_second_step_code(&signed, &phone.id)), Err(Error::MethodTurnedOff));
    block_on(p.second_step(&mut signed, &app, &crate::common::app_code(&secret, w.now.get()), None)).unwrap();
    let info = block_on(p.security_info(&signed)).unwrap();
    let row = info.methods.iter().find(|m| m.id == phone.id).unwrap();
    assert!(row.turned_off, "kept and marked");
    assert_eq!(info.default_method.as_deref(), Some(app.as_str()));
    assert_eq!(block_on(p.set_default(&signed, &phone.id)), Err(Error::MethodTurnedOff));

    // Apps turned off too: the app is refused at sign-in and the reset offers neither.
    tenant.policy.allowed.retain(|k| *k != MethodKind::AuthenticatorApp);
    block_on(domain::store::put_json(&w.store, &domain::keys::tenant(&tenant.id), &tenant, None)).unwrap();
    w.advance(60_000);
    let p = w.portal_for(&tenant);
    let mut again = block_on(p.sign_in(ADELE.0, ADELE.1)).unwrap().auth;
    let code = crate::common::app_code(&secret, w.now.get());
    assert_eq!(block_on(p.second_step(&mut again, &app, &code, None)), Err(Error::MethodTurnedOff));
    let work = p.reset_challenge().unwrap();
    let nonce = api::proof::solve(&work.challenge, ADELE.0, work.bits);
    let started = block_on(p.start_reset(ADELE.0, &work.challenge, nonce)).unwrap();
    assert!(started.options.iter().all(|o| o.id != app && o.id != phone.id), "{:?}", started.options);
}

/// Issue 24 #6: the help desk contact is checked part by part, blank parts are
/// none, and it is audited as its own change.
#[test]
fn the_help_desk_contact_is_checked_and_saved() {
    let w = World::new();
    let admin = sign_in(&w, demo::FABRIKAM, demo::FABRIKAM_USERS[3]);
    let settings = w.portal().tenant_settings(&admin).unwrap();
    let with = |url: Option<&str>, email: Option<&str>, phone: Option<&str>| {
        let mut s = settings.clone();
        s.policy.support = api::policy::SupportContact {
            url: url.map(String::from),
            email: email.map(String::from),
            phone: phone.map(String::from),
        };
        block_on(w.portal().update_settings(&admin, s))
    };
    for (url, email, phone) in [
        (Some("http://help.fabrikam.com"), None, None),
        (Some("https://"), None, None),
        (Some("javascript:alert(1)"), None, None),
        (Some("https://help.fabrikam.com/a b"), None, None),
        (None, Some("not an address"), None),
        (None, None, Some("call us")),
        (None, None, Some("+31 20 <script>")),
    ] {
        let refused = with(url, email, phone);
        assert!(
            matches!(refused, Err(Error::InvalidPolicy(domain::policy::Problem::InvalidSupport))),
            "{url:?} {email:?} {phone:?}: {refused:?}"
        );
    }
    assert_eq!(block_on(domain::tenant::by_id(w.portal().store, demo::FABRIKAM)).unwrap(), demo::fabrikam());

    let saved = with(Some(" https://help.fabrikam.com/signin "), Some("helpdesk@fabrikam.com"), Some("  ")).unwrap();
    assert_eq!(saved.policy.support.url.as_deref(), Some("https://help.fabrikam.com/signin"));
    assert_eq!(saved.policy.support.email.as_deref(), Some("helpdesk@fabrikam.com"));
    assert_eq!(saved.policy.support.phone, None, "a blank part is no part");
    let trail = block_on(w.portal().audit_trail(&admin)).unwrap();
    assert_eq!(trail[0].action, AuditAction::SettingsChanged { changed: vec!["support".to_string()] });
}
