//! Apps signing in through the tenant (OpenID Connect): registration, the
//! authorization request, code redemption once, tokens and UserInfo.

use crate::common::{World, ADELE};
use domain::demo;
use domain::oidc::authorization::{PageError, Params};
use domain::oidc::tokens::{self, AccessToken, IdToken};
use domain::portal::{Authenticated, Authorization};
use pollster::block_on;

const RP: &str = "https://rp.example/cb";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn params(pairs: &[(&str, &str)]) -> Params {
    Params(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

/// An admin registers the app; its id and secret.
fn register(w: &World, confidential: bool) -> (String, Option<String>) {
    let admin = block_on(w.portal().sign_in(demo::USERS[2].0, demo::USERS[2].1)).unwrap().auth;
    let new = api::oidc::NewClient {
        name: "Payroll".into(),
        redirect_uris: vec![RP.into()],
        post_logout_redirect_uris: vec!["https://rp.example/bye".into()],
        confidential,
        scopes: vec!["profile".into(), "email".into()],
        external_method: None,
    };
    let created = block_on(w.portal().register_client(&admin, new)).unwrap();
    assert_eq!(created.client_secret.is_some(), confidential);
    (created.client.client_id, created.client_secret)
}

fn authorize_params<'a>(client: &'a str, challenge: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("response_type", "code"),
        ("client_id", client),
        ("redirect_uri", RP),
        ("scope", "openid profile email"),
        ("state", "st-1"),
        ("nonce", "n-1"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]
}

/// Adele, signed in with her password and an authenticator app (both steps); the
/// app's method id and secret.
fn adele_with_app(w: &World) -> (Authenticated, String, String) {
    let (_, mut auth) = w.sign_in();
    let (id, secret) = w.register_app(&mut auth, "Phone");
    (auth, id, secret)
}

fn adele(w: &World) -> Authenticated {
    adele_with_app(w).0
}

fn code_from(outcome: Authorization) -> String {
    let Authorization::Redirect(to) = outcome else { panic!("{outcome:?}") };
    assert!(to.starts_with(&format!("{RP}?code=")), "{to}");
    assert!(to.contains("&state=st-1&iss=https%3A%2F%2Fcontoso.example"), "{to}");
    let code = to.split(['?', '&']).find_map(|p| p.strip_prefix("code=")).unwrap();
    domain::providers::form::form_decode(&format!("c={code}")).pop().unwrap().1
}

fn redeem(client: &str, secret: Option<&str>, code: &str, verifier: &str) -> Params {
    let mut pairs = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", RP),
        ("code_verifier", verifier),
        ("client_id", client),
    ];
    pairs.extend(secret.map(|s| ("client_secret", s)));
    params(&pairs)
}

#[test]
fn code_flow_with_pkce_gives_tokens_for_what_the_user_did() {
    let w = World::new();
    let (client, secret) = register(&w, true);
    let challenge = tokens::s256(VERIFIER);
    let request = params(&authorize_params(&client, &challenge));

    // Not signed in: our sign-in page, told to continue the request.
    let Authorization::Interact { to, .. } = block_on(w.portal().authorize(&request, None, None)).unwrap() else {
        panic!()
    };
    assert!(
        to.starts_with(
            "https://contoso.example/signin?continue=https%3A%2F%2Fcontoso.example%2Fapi%2Fv1%2Foidc%2Fauthorize%3F"
        ),
        "{to}"
    );

    let auth = adele(&w);
    let code = code_from(block_on(w.portal().authorize(&request, Some(&auth), None)).unwrap());
    let secret = secret.as_deref();

    // A wrong verifier or secret is refused and leaves the code for its client.
    let wrong = redeem(&client, secret, &code, &"x".repeat(43));
    assert_eq!(block_on(w.portal().token(&wrong, None)).unwrap().unwrap_err().error, "invalid_grant");
    let bad_secret = redeem(&client, Some("nope"), &code, VERIFIER);
    assert_eq!(block_on(w.portal().token(&bad_secret, None)).unwrap().unwrap_err().error, "invalid_client");

    let tokens = block_on(w.portal().token(&redeem(&client, secret, &code, VERIFIER), None)).unwrap().unwrap();
    let id: IdToken = w.signing.verify(tokens::ID_TYP, &tokens.id_token).unwrap();
    assert_eq!(
        (id.iss.as_str(), id.aud.as_str(), id.profile.sub.as_str()),
        ("https://contoso.example", client.as_str(), auth.user.id.as_str())
    );
    assert_eq!(id.nonce.as_deref(), Some("n-1"));
    assert_eq!(id.amr, ["pwd", "otp", "mfa"]);
    assert_eq!(id.acr, "mfa");
    assert_eq!(id.sid, auth.session.id);
    assert!(id.exp - id.iat <= 600);
    assert_eq!(id.profile.email.as_deref(), Some(ADELE.0));
    assert_eq!(id.profile.email_verified, Some(true), "the organization's own domain");
    assert!(w.signing.verify::<IdToken>(tokens::ACCESS_TYP, &tokens.id_token).is_none(), "not an access token");
    let at: AccessToken = w.signing.verify(tokens::ACCESS_TYP, &tokens.access_token).unwrap();
    assert!(at.exp - at.iat <= 3600);

    let info = block_on(w.portal().userinfo(&tokens.access_token)).unwrap().unwrap();
    assert_eq!(info.preferred_username.as_deref(), Some(ADELE.0));
    assert_eq!(block_on(w.portal().userinfo(&tokens.id_token)).unwrap().unwrap_err().error, "invalid_token");

    // A second redemption is refused and revokes what the first issued.
    let again = block_on(w.portal().token(&redeem(&client, secret, &code, VERIFIER), None)).unwrap();
    assert_eq!(again.unwrap_err().error, "invalid_grant");
    assert_eq!(block_on(w.portal().userinfo(&tokens.access_token)).unwrap().unwrap_err().error, "invalid_token");
}

#[test]
fn codes_expire_and_belong_to_their_client_and_address() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let challenge = tokens::s256(VERIFIER);
    let auth = adele(&w);
    let request = params(&authorize_params(&client, &challenge));
    let code = code_from(block_on(w.portal().authorize(&request, Some(&auth), None)).unwrap());
    w.advance(tokens::CODE_TTL);
    let late = block_on(w.portal().token(&redeem(&client, None, &code, VERIFIER), None)).unwrap();
    assert_eq!(late.unwrap_err().error, "invalid_grant");
    let forged = block_on(w.portal().token(&redeem(&client, None, "u1.0000", VERIFIER), None)).unwrap();
    assert_eq!(forged.unwrap_err().error, "invalid_grant");
    let nobody = block_on(w.portal().token(&redeem(&client, None, "../x.00", VERIFIER), None)).unwrap();
    assert_eq!(nobody.unwrap_err().error, "invalid_grant");
}

#[test]
fn bad_requests_are_shown_or_sent_back_as_the_specification_says() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let auth = adele(&w);
    let challenge = tokens::s256(VERIFIER);
    let run = |pairs: Vec<(&str, &str)>| block_on(w.portal().authorize(&params(&pairs), Some(&auth), None)).unwrap();
    let with = |name: &'static str, value: &'static str| {
        let mut p: Vec<(&str, &str)> =
            authorize_params(&client, &challenge).into_iter().filter(|(k, _)| *k != name).collect();
        if !value.is_empty() {
            p.push((name, value));
        }
        p
    };
    // Never redirected: an unknown client, an address not registered exactly.
    assert_eq!(run(with("client_id", "unknown")), Authorization::Page(PageError::UnknownClient));
    assert_eq!(run(with("redirect_uri", "https://rp.example/cb/")), Authorization::Page(PageError::RedirectMismatch));
    assert_eq!(run(with("redirect_uri", "https://evil.example/cb")), Authorization::Page(PageError::RedirectMismatch));
    assert_eq!(run(with("redirect_uri", "")), Authorization::Page(PageError::Malformed));
    let mut twice = authorize_params(&client, &challenge);
    twice.push(("redirect_uri", "https://evil.example/cb"));
    assert_eq!(run(twice), Authorization::Page(PageError::Malformed));
    let long = "x".repeat(5000);
    let mut oversized = authorize_params(&client, &challenge);
    oversized.push(("login_hint", &long));
    assert_eq!(run(oversized), Authorization::Page(PageError::Malformed));

    // Sent back, with state: each error its code.
    let error_of = |pairs| match run(pairs) {
        Authorization::Redirect(to) => {
            assert!(to.starts_with(&format!("{RP}?error=")) && to.contains("state=st-1"), "{to}");
            to.split(['?', '&']).find_map(|p| p.strip_prefix("error=")).unwrap().to_string()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(error_of(with("code_challenge", "")), "invalid_request");
    assert_eq!(error_of(with("code_challenge_method", "plain")), "invalid_request");
    assert_eq!(error_of(with("code_challenge_method", "")), "invalid_request");
    assert_eq!(error_of(with("scope", "profile")), "invalid_scope");
    assert_eq!(error_of(with("response_type", "token")), "unsupported_response_type");
    assert_eq!(error_of(with("request", "eyJ")), "request_not_supported");
    assert_eq!(error_of(with("prompt", "none login")), "invalid_request");
    assert_eq!(error_of(with("max_age", "soon")), "invalid_request");

    // prompt=none without a session: login_required; with one, a code at once.
    let none = with("prompt", "none");
    let outcome = block_on(w.portal().authorize(&params(&none), None, None)).unwrap();
    assert!(matches!(&outcome, Authorization::Redirect(to) if to.contains("error=login_required")), "{outcome:?}");
    code_from(run(none));
}

#[test]
fn prompt_login_and_max_age_ask_for_a_new_sign_in_once() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let challenge = tokens::s256(VERIFIER);
    let (auth, app, secret) = adele_with_app(&w);
    let mut pairs = authorize_params(&client, &challenge);
    pairs.push(("prompt", "login"));
    let Authorization::Interact { to, .. } =
        block_on(w.portal().authorize(&params(&pairs), Some(&auth), None)).unwrap()
    else {
        panic!()
    };
    assert!(to.contains("&login=1"), "{to}");
    // The continued request carries when it asked; a session from before is not enough.
    let resume = domain::providers::form::form_decode(to.split_once('?').unwrap().1);
    let resume = &resume.iter().find(|(k, _)| k == "continue").unwrap().1;
    let query = Params(domain::providers::form::form_decode(resume.split_once('?').unwrap().1));
    assert!(matches!(
        block_on(w.portal().authorize(&query, Some(&auth), None)).unwrap(),
        Authorization::Interact { .. }
    ));
    w.advance(30_000);
    let (_, mut again) = w.sign_in();
    let Authorization::Interact { to, .. } = block_on(w.portal().authorize(&query, Some(&again), None)).unwrap() else {
        panic!("the second step comes first")
    };
    assert!(!to.contains("login=1"), "{to}");
    let code = crate::common::app_code(&secret, w.now.get());
    block_on(w.portal().second_step(&mut again, &app, &code, None)).unwrap();
    code_from(block_on(w.portal().authorize(&query, Some(&again), None)).unwrap());

    // max_age=0 with a session older than the request: sign in again.
    let mut aged = authorize_params(&client, &challenge);
    aged.push(("max_age", "0"));
    w.advance(1000);
    assert!(matches!(
        block_on(w.portal().authorize(&params(&aged), Some(&again), None)).unwrap(),
        Authorization::Interact { .. }
    ));
}

fn refresh_with(client: &str, secret: Option<&str>, token: &str) -> Params {
    let mut pairs = vec![("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", client)];
    pairs.extend(secret.map(|s| ("client_secret", s)));
    params(&pairs)
}

/// Adele signed in to the app: its tokens.
fn signed_in_to(w: &World, client: &str, secret: Option<&str>, auth: &Authenticated) -> api::oidc::TokenResponse {
    let challenge = tokens::s256(VERIFIER);
    let code = code_from(
        block_on(w.portal().authorize(&params(&authorize_params(client, &challenge)), Some(auth), None)).unwrap(),
    );
    block_on(w.portal().token(&redeem(client, secret, &code, VERIFIER), None)).unwrap().unwrap()
}

#[test]
fn refresh_tokens_rotate_and_one_used_twice_revokes_the_family() {
    let w = World::new();
    let (client, secret) = register(&w, true);
    let secret = secret.as_deref();
    let auth = adele(&w);
    let first = signed_in_to(&w, &client, secret, &auth);
    let r1 = first.refresh_token.clone().unwrap();
    assert!(r1.starts_with(&format!("{}.", auth.user.id)));
    w.advance(tokens::ACCESS_TTL);
    assert_eq!(
        block_on(w.portal().userinfo(&first.access_token)).unwrap().unwrap_err().error,
        "invalid_token",
        "expired"
    );
    let second = block_on(w.portal().token(&refresh_with(&client, secret, &r1), None)).unwrap().unwrap();
    let r2 = second.refresh_token.clone().unwrap();
    assert_ne!(r1, r2);
    let id: IdToken = w.signing.verify(tokens::ID_TYP, &second.id_token).unwrap();
    assert_eq!(id.nonce, None, "a refreshed ID token has no nonce");
    assert_eq!(id.auth_time, auth.session.created_at / 1000, "the original sign-in");
    assert_eq!(id.amr, ["pwd", "otp", "mfa"]);
    assert!(block_on(w.portal().userinfo(&second.access_token)).unwrap().is_ok());

    // Another app cannot use it; without its secret neither.
    let (other, other_secret) = register(&w, true);
    let theirs = block_on(w.portal().token(&refresh_with(&other, other_secret.as_deref(), &r2), None)).unwrap();
    assert_eq!(theirs.unwrap_err().error, "invalid_grant");
    let unauthenticated = block_on(w.portal().token(&refresh_with(&client, None, &r2), None)).unwrap();
    assert_eq!(unauthenticated.unwrap_err().error, "invalid_client");

    // r1 again (a thief's copy): refused, and the family ends, r2 and its access token too.
    let reused = block_on(w.portal().token(&refresh_with(&client, secret, &r1), None)).unwrap();
    assert_eq!(reused.unwrap_err().error, "invalid_grant");
    let after = block_on(w.portal().token(&refresh_with(&client, secret, &r2), None)).unwrap();
    assert_eq!(after.unwrap_err().error, "invalid_grant");
    assert_eq!(block_on(w.portal().userinfo(&second.access_token)).unwrap().unwrap_err().error, "invalid_token");
}

#[test]
fn refresh_families_end_when_unused_and_after_ninety_days() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let auth = adele(&w);
    let mut token = signed_in_to(&w, &client, None, &auth).refresh_token.unwrap();
    // Used every 13 days it lasts, but not past 90 days after the sign-in.
    for _ in 0..6 {
        w.advance(tokens::REFRESH_IDLE - domain::DAY);
        let next = block_on(w.portal().token(&refresh_with(&client, None, &token), None)).unwrap().unwrap();
        token = next.refresh_token.unwrap();
    }
    w.advance(tokens::REFRESH_IDLE - domain::DAY);
    let late = block_on(w.portal().token(&refresh_with(&client, None, &token), None)).unwrap();
    assert_eq!(late.unwrap_err().error, "invalid_grant", "91 days after the sign-in");
}

#[test]
fn a_refresh_family_unused_for_fourteen_days_ends() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let auth = adele(&w);
    let token = signed_in_to(&w, &client, None, &auth).refresh_token.unwrap();
    w.advance(tokens::REFRESH_IDLE);
    let idle = block_on(w.portal().token(&refresh_with(&client, None, &token), None)).unwrap();
    assert_eq!(idle.unwrap_err().error, "invalid_grant");
}

#[test]
fn people_see_and_sign_out_of_connected_apps_and_a_password_reset_ends_them() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let auth = adele(&w);
    let tokens_now = signed_in_to(&w, &client, None, &auth);
    let apps = block_on(w.portal().connected_apps(&auth)).unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!((apps[0].client_id.as_str(), apps[0].name.as_str()), (client.as_str(), "Payroll"));
    block_on(w.portal().disconnect_app(&auth, &client)).unwrap();
    assert!(block_on(w.portal().connected_apps(&auth)).unwrap().is_empty());
    assert_eq!(block_on(w.portal().userinfo(&tokens_now.access_token)).unwrap().unwrap_err().error, "invalid_token");
    let refresh = refresh_with(&client, None, tokens_now.refresh_token.as_deref().unwrap());
    assert_eq!(block_on(w.portal().token(&refresh, None)).unwrap().unwrap_err().error, "invalid_grant");
    assert!(matches!(block_on(w.portal().disconnect_app(&auth, &client)), Err(domain::Error::ClientNotFound)));

    // Signed in again; then a password reset ends every session, and the app's tokens.
    let again = signed_in_to(&w, &client, None, &auth);
    w.advance(1000);
    let key = domain::keys::user(demo::TENANT, &auth.user.id);
    let mut user: domain::tenant::User = block_on(domain::store::get_json(&w.store, &key)).unwrap().unwrap();
    user.sessions_after = Some(w.now.get());
    block_on(domain::store::put_json(&w.store, &key, &user, None)).unwrap();
    assert_eq!(block_on(w.portal().userinfo(&again.access_token)).unwrap().unwrap_err().error, "invalid_token");
    let refresh = refresh_with(&client, None, again.refresh_token.as_deref().unwrap());
    assert_eq!(block_on(w.portal().token(&refresh, None)).unwrap().unwrap_err().error, "invalid_grant");
}

#[test]
fn a_made_up_login_after_asks_for_one_sign_in_not_forever() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let challenge = tokens::s256(VERIFIER);
    let mut pairs = authorize_params(&client, &challenge);
    pairs.push(("login_after", "99999999999999"));
    let (auth, _, _) = adele_with_app(&w);
    let Authorization::Interact { to, .. } =
        block_on(w.portal().authorize(&params(&pairs), Some(&auth), None)).unwrap()
    else {
        panic!()
    };
    // The continued request says when it was asked; a session made since is enough.
    let page = domain::providers::form::form_decode(to.split_once('?').unwrap().1);
    let resume = &page.iter().find(|(k, _)| k == "continue").unwrap().1;
    let continued = Params(domain::providers::form::form_decode(resume.split_once('?').unwrap().1));
    w.advance(1000);
    let mut fresh = auth.clone();
    fresh.session.created_at = w.now.get();
    code_from(block_on(w.portal().authorize(&continued, Some(&fresh), None)).unwrap());
}

const ENTRA_REDIRECT: &str = "https://login.microsoftonline.com/common/federation/externalauthprovider";

#[test]
fn entra_external_method_runs_only_the_second_step_and_posts_the_hints_subject_back() {
    let w = World::new();
    let f: serde_json::Value = serde_json::from_str(include_str!("fixtures/entra.json")).unwrap();
    let app = domain::oidc::clients::Client {
        id: f["client_id"].as_str().unwrap().into(),
        name: "Microsoft Entra ID".into(),
        redirect_uris: vec![ENTRA_REDIRECT.into()],
        post_logout_redirect_uris: vec![],
        secret: None,
        scopes: vec!["openid".into()],
        created_at: w.now.get(),
        eam: Some(api::oidc::ExternalMethod {
            issuer: f["issuer"].as_str().unwrap().into(),
            jwks_uri: "https://login.microsoftonline.com/contoso-tid/discovery/v2.0/keys".into(),
            username_claim: api::oidc::UsernameClaim::PreferredUsername,
        }),
    };
    block_on(domain::store::put_json(&w.store, &domain::keys::client(demo::TENANT, &app.id), &app, None)).unwrap();
    let jwks = f["jwks"].to_string();
    let hint = |name: &str| f["hints"][name].as_str().unwrap().to_string();
    let request = |hint: &str, response_type: &'static str| {
        let mut p = Params::default();
        for (k, v) in [
            ("client_id", "entra-eam"),
            ("redirect_uri", ENTRA_REDIRECT),
            ("response_type", response_type),
            ("response_mode", "form_post"),
            ("scope", "openid"),
            ("nonce", "n-eam"),
            ("state", "st-eam"),
            ("id_token_hint", hint),
        ] {
            p.0.push((k.into(), v.into()));
        }
        p
    };
    let (_, app_id, secret) = adele_with_app(&w);
    let keys_at = block_on(w.portal().external_keys(&request(&hint("valid"), "id_token"))).unwrap();
    assert_eq!(keys_at, Some(app.eam.clone().unwrap().jwks_uri));

    // No session here: one is made for the hint's user that can only pass the second step.
    let first = block_on(w.portal().authorize(&request(&hint("valid"), "id_token"), None, Some(&jwks))).unwrap();
    let Authorization::Interact { to, session: Some(token), .. } = first else { panic!("{first:?}") };
    let mut auth = block_on(w.portal().authenticate(&token)).unwrap();
    assert_eq!(auth.user.username, ADELE.0);
    assert_eq!(auth.session.second_step, domain::session::SecondStep::Pending);
    assert!(auth.session.amr.is_empty(), "no first factor here");
    let page = domain::providers::form::form_decode(to.split_once('?').unwrap().1);
    let resume = &page.iter().find(|(k, _)| k == "continue").unwrap().1;
    let continued = Params(domain::providers::form::form_decode(resume.split_once('?').unwrap().1));
    // Before the second step: still the sign-in page's job.
    let pending = block_on(w.portal().authorize(&continued, Some(&auth), Some(&jwks))).unwrap();
    assert!(matches!(pending, Authorization::Interact { .. }), "{pending:?}");

    w.advance(30_000);
    let code = crate::common::app_code(&secret, w.now.get());
    block_on(w.portal().second_step(&mut auth, &app_id, &code, None)).unwrap();
    let done = block_on(w.portal().authorize(&continued, Some(&auth), Some(&jwks))).unwrap();
    let Authorization::FormPost { to, fields } = done else { panic!("{done:?}") };
    assert_eq!(to, ENTRA_REDIRECT);
    assert_eq!(fields[1], ("state", "st-eam".to_string()));
    let id: IdToken = w.signing.verify(tokens::ID_TYP, &fields[0].1).unwrap();
    assert_eq!(id.profile.sub, "entra-sub-adele", "the hint's subject");
    assert_eq!((id.aud.as_str(), id.nonce.as_deref()), ("entra-eam", Some("n-eam")));
    assert_eq!(id.acr, "possessionorinherence");
    assert_eq!(id.amr, ["otp"]);
    assert_eq!(id.profile.email, None, "nothing of ours beyond what Entra asked");

    // Forged, foreign or stale hints: an error page, never a post.
    for bad in ["other_audience", "other_issuer", "two_hours_old", "alg_none", "hs256_with_public_key"] {
        let out = block_on(w.portal().authorize(&request(&hint(bad), "id_token"), None, Some(&jwks))).unwrap();
        assert_eq!(out, Authorization::Page(PageError::Hint), "{bad}");
    }
    let nobody =
        block_on(w.portal().authorize(&request(&hint("unknown_user"), "id_token"), None, Some(&jwks))).unwrap();
    assert_eq!(nobody, Authorization::Page(PageError::UnknownUser));
    // The external method answers id_token only, posted.
    let code_flow = block_on(w.portal().authorize(&request(&hint("valid"), "code"), None, Some(&jwks))).unwrap();
    let Authorization::FormPost { fields, .. } = code_flow else { panic!("{code_flow:?}") };
    assert_eq!(fields[0], ("error", "unsupported_response_type".to_string()));

    // The claim naming the user is the app's setting: these hints carry no `email`.
    let mut by_email = app.clone();
    by_email.eam.as_mut().unwrap().username_claim = api::oidc::UsernameClaim::Email;
    block_on(domain::store::put_json(&w.store, &domain::keys::client(demo::TENANT, &app.id), &by_email, None)).unwrap();
    let unnamed = block_on(w.portal().authorize(&request(&hint("valid"), "id_token"), None, Some(&jwks))).unwrap();
    assert_eq!(unnamed, Authorization::Page(PageError::Hint));
}

#[test]
fn a_user_whose_methods_the_organization_turned_off_gets_no_tokens() {
    let w = World::new();
    let (client, _) = register(&w, false);
    let auth = adele(&w);
    let key = domain::keys::tenant(demo::TENANT);
    let mut tenant: domain::tenant::Tenant = block_on(domain::store::get_json(&w.store, &key)).unwrap().unwrap();
    tenant.policy.allowed.retain(|k| *k != api::MethodKind::AuthenticatorApp);
    block_on(domain::store::put_json(&w.store, &key, &tenant, None)).unwrap();
    let challenge = tokens::s256(VERIFIER);
    let out =
        block_on(w.portal().authorize(&params(&authorize_params(&client, &challenge)), Some(&auth), None)).unwrap();
    let Authorization::Redirect(to) = out else { panic!("{out:?}") };
    assert!(to.starts_with(&format!("{RP}?error=access_denied")), "{to}");
}
