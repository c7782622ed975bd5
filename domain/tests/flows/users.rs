//! The admin page's users: find, create with a one-time pass, turn off and on,
//! delete with everything the user owns, delete a method, require registration
//! again, sign out everywhere; admins only, audited.

use api::users::NewUser;
use api::{AuditAction, MethodKind};
use domain::portal::Authenticated;
use domain::{demo, Error};
use pollster::block_on;

use crate::common::{self, World, ADELE};

fn admin(w: &World) -> Authenticated {
    block_on(w.portal().sign_in(demo::USERS[2].0, demo::USERS[2].1)).unwrap().auth
}

fn new_user(username: &str) -> NewUser {
    NewUser { username: username.into(), display_name: "Lidia Holloway".into(), email: None }
}

#[test]
fn admins_find_users_by_name_or_username_a_page_at_a_time() {
    let w = World::new();
    let admin = admin(&w);
    let (_, adele) = w.sign_in();
    assert_eq!(block_on(w.portal().users(&adele, "", None)).unwrap_err(), Error::Forbidden);
    let all = block_on(w.portal().users(&admin, "", None)).unwrap();
    let names: Vec<&str> = all.users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["adele@contoso.com", "admin@contoso.com", "alex@contoso.com"]);
    assert!(all.next.is_none());
    let by_name = block_on(w.portal().users(&admin, "VANCE", None)).unwrap();
    assert_eq!(by_name.users.len(), 1);
    assert_eq!(by_name.users[0].username, ADELE.0);
    assert!(block_on(w.portal().users(&admin, "nobody", None)).unwrap().users.is_empty());
    // Sixty more people: the first page holds 25 or a few more, the rest follow.
    for i in 0..60 {
        block_on(w.portal().create_user(&admin, &new_user(&format!("person{i:02}@contoso.com")))).unwrap();
    }
    // (A page reads whole pages of the index: it may hold a few more.)
    let first = block_on(w.portal().users(&admin, "person", None)).unwrap();
    assert!((api::users::PAGE..60).contains(&first.users.len()), "{}", first.users.len());
    let rest = block_on(w.portal().users(&admin, "person", first.next.as_deref())).unwrap();
    let found: Vec<String> = first.users.iter().chain(&rest.users).map(|u| u.username.clone()).collect();
    let expected: Vec<String> = (0..60).map(|i| format!("person{i:02}@contoso.com")).collect();
    assert_eq!(found, expected);
}

#[test]
fn a_created_user_signs_in_once_with_the_pass_and_names_are_unique() {
    let w = World::new();
    let admin = admin(&w);
    let mut new = new_user(" Lidia@Contoso.com ");
    new.email = Some("lidia.holloway@contoso.com".into());
    let created = block_on(w.portal().create_user(&admin, &new)).unwrap();
    assert_eq!(created.user.username, "lidia@contoso.com");
    // A work address gets the invitation too: username, pass and where to go.
    assert!(created.emailed);
    let mail = w.sent.last_email();
    assert_eq!(mail.to.as_str(), "lidia.holloway@contoso.com");
    assert!(mail.text.contains(&created.pass) && mail.text.contains("lidia@contoso.com"), "{}", mail.text);
    assert!(mail.text.contains("/signin"));
    assert!(domain::directory::is_permanent(&created.user.id));
    let signed = block_on(w.portal().sign_in_with_pass("lidia@contoso.com", &created.pass)).unwrap();
    assert!(signed.auth.session.access_pass.is_some());
    assert_eq!(
        block_on(w.portal().sign_in_with_pass("lidia@contoso.com", &created.pass)).unwrap_err(),
        Error::AccessPassInvalid
    );
    assert_eq!(
        block_on(w.portal().create_user(&admin, &new_user("lidia@contoso.com"))).unwrap_err(),
        Error::UsernameTaken
    );
    assert_eq!(block_on(w.portal().create_user(&admin, &new_user(ADELE.0))).unwrap_err(), Error::UsernameTaken);
    assert_eq!(block_on(w.portal().create_user(&admin, &new_user("a/b"))).unwrap_err(), Error::InvalidUsername);
    let mut blank = new_user("x@contoso.com");
    blank.display_name = "  ".into();
    assert_eq!(block_on(w.portal().create_user(&admin, &blank)).unwrap_err(), Error::InvalidDisplayName);
    let mut bad_mail = new_user("y@contoso.com");
    bad_mail.email = Some("not an address".into());
    assert_eq!(block_on(w.portal().create_user(&admin, &bad_mail)).unwrap_err(), Error::InvalidEmail);
    let audit = block_on(w.portal().audit_trail(&admin)).unwrap();
    assert!(audit.iter().any(|e| e.action == AuditAction::UserCreated { username: "lidia@contoso.com".into() }));
}

#[test]
fn a_user_turned_off_gets_in_by_no_way_until_turned_on() {
    let w = World::new();
    let admin = admin(&w);
    let (token, mut adele) = w.sign_in();
    let id = adele.user.id.clone();
    let pending = block_on(w.portal().start_email(&adele, "adele@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut adele, &pending.challenge_id, &w.sent.last_code())).unwrap();
    let app_password = block_on(w.portal().create_app_password(&adele, "Mail")).unwrap().password;
    assert_eq!(block_on(w.portal().set_user_disabled(&admin, &admin.user.id, true)).unwrap_err(), Error::Forbidden);

    let off = block_on(w.portal().set_user_disabled(&admin, &id, true)).unwrap();
    assert!(off.disabled);
    assert_eq!(block_on(w.portal().authenticate(&token)).unwrap_err(), Error::Unauthenticated, "the session ended");
    assert_eq!(block_on(w.portal().sign_in(ADELE.0, ADELE.1)).unwrap_err(), Error::AccountDisabled);
    assert_eq!(
        block_on(w.portal().sign_in(ADELE.0, "wrong")).unwrap_err(),
        Error::InvalidCredentials,
        "told only to her"
    );
    assert_eq!(block_on(w.portal().legacy_whoami(ADELE.0, &app_password)).unwrap_err(), Error::AccountDisabled);
    let pass = block_on(w.portal().issue_access_pass(&admin, ADELE.0, 60, true)).unwrap().pass;
    assert_eq!(block_on(w.portal().sign_in_with_pass(ADELE.0, &pass)).unwrap_err(), Error::AccountDisabled);

    let on = block_on(w.portal().set_user_disabled(&admin, &id, false)).unwrap();
    assert!(!on.disabled);
    let back = block_on(w.portal().sign_in(ADELE.0, ADELE.1)).unwrap();
    assert_eq!(back.auth.user.id, id);
    let audit = block_on(w.portal().audit_trail(&admin)).unwrap();
    assert!(audit.iter().any(|e| e.action == AuditAction::UserDisabled { username: ADELE.0.into() }));
    assert!(audit.iter().any(|e| e.action == AuditAction::UserEnabled { username: ADELE.0.into() }));
}

#[test]
fn deleting_a_user_takes_everything_they_own_after_an_export() {
    let w = World::new();
    let admin = admin(&w);
    let (_, mut adele) = w.sign_in();
    let id = adele.user.id.clone();
    w.register_app(&mut adele, "Phone");
    let export = block_on(w.portal().export_user(&admin, &id)).unwrap();
    assert_eq!(export.user.username, ADELE.0);
    assert_eq!(export.methods.len(), 1);
    assert!(!export.activity.is_empty());
    assert!(!serde_json::to_string(&export).unwrap().contains("argon2"), "no password hash");
    assert_eq!(block_on(w.portal().delete_user(&admin, &admin.user.id)).unwrap_err(), Error::Forbidden);

    block_on(w.portal().delete_user(&admin, &id)).unwrap();
    assert_eq!(block_on(w.portal().user_detail(&admin, &id)).unwrap_err(), Error::UserNotFound);
    assert_eq!(block_on(w.portal().sign_in(ADELE.0, ADELE.1)).unwrap_err(), Error::InvalidCredentials);
    // Her record, methods, sessions, activity and ledger are gone (report links'
    // records name her but lead nowhere, and run out).
    let left = format!("{}{}", w.store.dump(), w.ledgers.dump());
    let hers = |l: &&str| l.contains(&id) && !l.starts_with("x/contoso/");
    assert_eq!(left.lines().filter(hers).collect::<Vec<_>>(), Vec::<&str>::new());
    // The name is free again, for someone new with nothing of hers.
    let again = block_on(w.portal().create_user(&admin, &new_user(ADELE.0))).unwrap();
    assert_ne!(again.user.id, id);
    assert!(block_on(w.portal().user_detail(&admin, &again.user.id)).unwrap().methods.is_empty());
}

#[test]
fn an_admin_deletes_one_method_and_the_user_hears_of_it() {
    let w = World::new();
    let admin = admin(&w);
    let (_, mut adele) = w.sign_in();
    let (app, _) = w.register_app(&mut adele, "Phone");
    let pending = block_on(w.portal().start_email(&adele, "adele@example.org")).unwrap();
    block_on(w.portal().verify_code(&mut adele, &pending.challenge_id, &w.sent.last_code())).unwrap();
    let detail = block_on(w.portal().user_detail(&admin, &adele.user.id)).unwrap();
    assert_eq!(detail.methods.len(), 2);
    assert_eq!(detail.default_method.as_deref(), Some(app.as_str()));
    let sent = w.sent.0.borrow().len();

    block_on(w.portal().delete_user_method(&admin, &adele.user.id, &app)).unwrap();
    let detail = block_on(w.portal().user_detail(&admin, &adele.user.id)).unwrap();
    assert_eq!(detail.methods.iter().map(|m| m.detail.kind()).collect::<Vec<_>>(), [MethodKind::Email]);
    assert!(w.sent.0.borrow().len() > sent, "a notice went out");
    assert_eq!(
        block_on(w.portal().delete_user_method(&admin, &adele.user.id, &app)).unwrap_err(),
        Error::MethodNotFound
    );
}

#[test]
fn after_required_registration_the_wizard_asks_for_a_new_second_step_without_skipping() {
    let w = World::new();
    let admin = admin(&w);
    let (token, mut adele) = w.sign_in();
    w.register_app(&mut adele, "Old phone");
    block_on(w.portal().require_registration(&admin, &adele.user.id)).unwrap();
    assert!(block_on(w.portal().authenticate(&token)).is_err(), "signed out");
    w.advance(1_000);
    let detail = block_on(w.portal().user_detail(&admin, &adele.user.id)).unwrap();
    assert!(detail.methods.is_empty() && detail.user.must_register);

    // Password only now; the wizard follows, with no way past it.
    let mut signed = block_on(w.portal().sign_in(ADELE.0, ADELE.1)).unwrap().auth;
    let setup = block_on(w.portal().session_view(&signed)).unwrap().setup.unwrap();
    assert_eq!(setup.steps, vec![api::SetupStep { kind: MethodKind::AuthenticatorApp, done: false }]);
    assert_eq!(setup.skip_until, None);
    assert_eq!(block_on(w.portal().skip_setup(&mut signed)).unwrap_err(), Error::SkipNotAllowed);
    w.register_app(&mut signed, "New phone");
    let signed = block_on(w.portal().authenticate(&block_on(w.portal().sign_in(ADELE.0, ADELE.1)).unwrap().token));
    let signed = signed.unwrap();
    assert!(block_on(w.portal().session_view(&signed)).unwrap().setup.is_none());
    assert!(!block_on(w.portal().user_detail(&admin, &signed.user.id)).unwrap().user.must_register);
}

#[test]
fn signing_a_user_out_everywhere_ends_sessions_and_app_grants() {
    let w = World::new();
    let admin = admin(&w);
    let (token, adele) = w.sign_in();
    block_on(w.portal().sign_out_user(&admin, &adele.user.id)).unwrap();
    assert!(block_on(w.portal().authenticate(&token)).is_err());
    assert!(block_on(w.portal().sign_in(ADELE.0, ADELE.1)).is_ok(), "she can sign in again");
    let audit = block_on(w.portal().audit_trail(&admin)).unwrap();
    assert!(audit.iter().any(|e| e.action == AuditAction::UserSignedOut { username: ADELE.0.into() }));
}

/// Alex's id and a session of his.
fn alex(w: &World) -> Authenticated {
    block_on(w.portal().sign_in(demo::USERS[1].0, demo::USERS[1].1)).unwrap().auth
}

#[test]
fn the_help_desk_acts_on_a_user_only_after_verifying_the_caller() {
    let w = World::new();
    let admin = admin(&w);
    let (_, adele) = w.sign_in();
    let role = block_on(w.portal().set_user_role(&admin, &adele.user.id, api::users::Role::HelpDesk)).unwrap();
    assert_eq!(role.role, api::users::Role::HelpDesk);
    assert_eq!(
        block_on(w.portal().set_user_role(&admin, &admin.user.id, api::users::Role::User)).unwrap_err(),
        Error::Forbidden,
        "not oneself"
    );
    let (_, desk) = w.sign_in();
    assert!(block_on(w.portal().session_view(&desk)).unwrap().help_desk);
    let mut alex = alex(&w);
    let phone = w.register_phone(&mut alex);
    let (app, secret) = w.register_app(&mut alex, "Phone");

    // What the help desk may not do at all: settings, roles, creating, deleting.
    assert_eq!(w.portal().tenant_settings(&desk).unwrap_err(), Error::Forbidden);
    assert_eq!(block_on(w.portal().create_user(&desk, &new_user("x@contoso.com"))).unwrap_err(), Error::Forbidden);
    assert_eq!(block_on(w.portal().delete_user(&desk, &alex.user.id)).unwrap_err(), Error::Forbidden);
    assert_eq!(
        block_on(w.portal().set_user_role(&desk, &alex.user.id, api::users::Role::Admin)).unwrap_err(),
        Error::Forbidden
    );
    // Nor anything for an admin: a pass for one would be a way up.
    let megan = admin.user.id.clone();
    let code_for_admin = block_on(w.portal().start_caller_check(&desk, &megan, "any"));
    assert_eq!(code_for_admin.unwrap_err(), Error::Forbidden);
    assert_eq!(block_on(w.portal().sign_out_user(&desk, &megan)).unwrap_err(), Error::Forbidden);
    let pass_for_admin = block_on(w.portal().issue_access_pass(&desk, demo::USERS[2].0, 60, true));
    assert_eq!(pass_for_admin.unwrap_err(), Error::Forbidden);
    // What it may do, once the caller is verified.
    let found = block_on(w.portal().users(&desk, "alex", None)).unwrap();
    assert_eq!(found.users.len(), 1);
    let detail = block_on(w.portal().user_detail(&desk, &alex.user.id)).unwrap();
    assert_eq!(detail.caller_verified_until, None);
    let refused = block_on(w.portal().delete_user_method(&desk, &alex.user.id, &phone.id));
    assert_eq!(refused.unwrap_err(), Error::CallerNotVerified);
    assert_eq!(block_on(w.portal().sign_out_user(&desk, &alex.user.id)).unwrap_err(), Error::CallerNotVerified);
    assert_eq!(block_on(w.portal().unlock_second_step(&desk, demo::USERS[1].0)).unwrap_err(), Error::CallerNotVerified);
    let pass = block_on(w.portal().issue_access_pass(&desk, demo::USERS[1].0, 60, true));
    assert_eq!(pass.unwrap_err(), Error::CallerNotVerified);

    // A code by text: a wrong one fails (audited), the right one opens the actions.
    let check = block_on(w.portal().start_caller_check(&desk, &alex.user.id, &phone.id)).unwrap();
    assert!(check.sent_to.as_deref().is_some_and(|to| to.ends_with("78")), "{check:?}");
    let sms = match w.sent.0.borrow().last() {
        Some(domain::delivery::Message::Sms(sms)) => sms.body.clone(),
        other => panic!("{other:?}"),
    };
    assert!(sms.contains("help desk"), "{sms}");
    let code = w.sent.last_code();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let answer = |code: &str, method: &str, challenge: Option<String>| api::users::CallerCheckAnswer {
        method_id: method.into(),
        code: code.into(),
        challenge_id: challenge,
    };
    let failed = block_on(w.portal().finish_caller_check(
        &desk,
        &alex.user.id,
        &answer(wrong, &phone.id, check.challenge_id.clone()),
    ));
    assert!(matches!(failed, Err(Error::InvalidCode { .. })), "{failed:?}");
    let passed = block_on(w.portal().finish_caller_check(
        &desk,
        &alex.user.id,
        &answer(&code, &phone.id, check.challenge_id.clone()),
    ))
    .unwrap();
    assert_eq!(passed.until, w.now.get() + 10 * 60_000);
    let replay =
        block_on(w.portal().finish_caller_check(&desk, &alex.user.id, &answer(&code, &phone.id, check.challenge_id)));
    assert!(replay.is_err(), "a code is good once");
    let detail = block_on(w.portal().user_detail(&desk, &alex.user.id)).unwrap();
    assert_eq!(detail.caller_verified_until, Some(passed.until));
    block_on(w.portal().delete_user_method(&desk, &alex.user.id, &phone.id)).unwrap();
    // Verified for Alex is not verified for anyone else.
    let lidia = block_on(w.portal().create_user(&admin, &new_user("lidia@contoso.com"))).unwrap().user.id;
    assert_eq!(block_on(w.portal().sign_out_user(&desk, &lidia)).unwrap_err(), Error::CallerNotVerified);
    // Nor do they act on themselves or each other: the help desk has no power over the help desk.
    assert_eq!(block_on(w.portal().sign_out_user(&desk, &adele.user.id)).unwrap_err(), Error::Forbidden);
    // Ten minutes later the actions close again.
    w.advance(10 * 60_000 + 1);
    assert_eq!(block_on(w.portal().sign_out_user(&desk, &alex.user.id)).unwrap_err(), Error::CallerNotVerified);

    // The authenticator app's own code, once; then five tries per quarter hour.
    let now_code = common::app_code(&secret, w.now.get());
    block_on(w.portal().finish_caller_check(&desk, &alex.user.id, &answer(&now_code, &app, None))).unwrap();
    block_on(w.portal().sign_out_user(&desk, &alex.user.id)).unwrap();
    w.advance(15 * 60_000);
    for _ in 0..5 {
        let r = block_on(w.portal().finish_caller_check(&desk, &alex.user.id, &answer(wrong, &app, None)));
        assert_eq!(r.unwrap_err(), Error::WrongCode);
    }
    let blocked = block_on(w.portal().finish_caller_check(&desk, &alex.user.id, &answer(wrong, &app, None)));
    assert!(matches!(blocked, Err(Error::TooManyAttempts { .. })), "{blocked:?}");

    let trail = block_on(w.portal().audit_trail(&admin)).unwrap();
    let checks: Vec<bool> = trail
        .iter()
        .filter_map(|e| match &e.action {
            AuditAction::CallerChecked { passed, .. } => Some(*passed),
            _ => None,
        })
        .collect();
    // Newest first: five wrong app codes, the app's code, the replay, the text's code, the wrong one.
    assert_eq!(checks, [false, false, false, false, false, true, false, true, false]);
    assert!(trail
        .iter()
        .any(|e| matches!(&e.action, AuditAction::RoleChanged { role: api::users::Role::HelpDesk, .. })));
    assert!(trail
        .iter()
        .any(|e| e.actor == demo::USERS[0].0 && matches!(e.action, AuditAction::UserMethodDeleted { .. })));
}

#[test]
fn a_user_the_directory_creates_with_a_work_address_is_invited_by_mail() {
    let w = World::new();
    let admin = admin(&w);
    let (token, _) = block_on(w.portal().create_scim_token(&admin, "Entra")).unwrap();
    let by = block_on(w.portal().provisioner(Some(&token))).unwrap();
    let body = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "nina@contoso.com",
        "displayName": "Nina Patel",
        "emails": [{ "value": "nina.patel@contoso.com", "type": "work", "primary": true }],
        "active": true
    });
    let before = w.sent.0.borrow().len();
    block_on(w.portal().scim_create(&by, &body)).unwrap();
    let mail = w.sent.last_email();
    assert_eq!(mail.to.as_str(), "nina.patel@contoso.com");
    let pass = mail.text.lines().find_map(|l| l.trim().strip_prefix("Access pass: ")).unwrap().to_string();
    let signed = block_on(w.portal().sign_in_with_pass("nina@contoso.com", &pass)).unwrap();
    assert!(signed.auth.session.access_pass.is_some());
    // Without an address, or turned off, nobody is mailed.
    let quiet = serde_json::json!({ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "omar@contoso.com" });
    block_on(w.portal().scim_create(&by, &quiet)).unwrap();
    let off = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "pia@contoso.com", "active": false,
        "emails": [{ "value": "pia@contoso.com", "type": "work" }]
    });
    block_on(w.portal().scim_create(&by, &off)).unwrap();
    assert_eq!(w.sent.0.borrow().len(), before + 1);
}

#[test]
fn a_directory_patch_read_before_an_admin_turned_the_user_off_leaves_them_off() {
    let w = World::new();
    let admin = admin(&w);
    let (token, _) = block_on(w.portal().create_scim_token(&admin, "Entra")).unwrap();
    let by = block_on(w.portal().provisioner(Some(&token))).unwrap();
    let body =
        serde_json::json!({ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "rae@contoso.com" });
    let user = block_on(w.portal().scim_create(&by, &body)).unwrap();
    let key = domain::keys::user(&admin.tenant.id, &user.id);
    let before = block_on(domain::store::Store::get(&w.store, &key)).unwrap().unwrap();
    block_on(w.portal().set_user_disabled(&admin, &user.id, true)).unwrap();
    // The PATCH's read of the record happened before the admin's change landed in KV.
    block_on(domain::store::Store::put(&w.store, &key, &before, None)).unwrap();
    let patch = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{ "op": "replace", "path": "displayName", "value": "Rae Renamed" }]
    });
    let patched = block_on(w.portal().scim_patch(&by, &user.id, &patch, None)).unwrap();
    assert_eq!((patched.display_name.as_str(), patched.disabled), ("Rae Renamed", true));
}
