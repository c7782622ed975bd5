use super::*;
use crate::email::EmailAddress;
use crate::methods::MethodData;
use api::{Registration, Reset};

fn policy(allowed: &[MethodKind], require: Requirement) -> Policy {
    Policy { allowed: allowed.to_vec(), registration: Registration { require, ..Default::default() }, ..Policy::open() }
}

fn email() -> Method {
    Method::single(MethodData::Email { address: EmailAddress::parse("a@b.nl").unwrap() }, 0)
}

#[test]
fn phone_countries_default_to_a_short_list_with_calling_codes() {
    let p: Policy = serde_json::from_str(r#"{"allowed":["phone"]}"#).unwrap();
    assert!(p.allows_phone_country("nl") && !p.allows_phone_country("CU"));
    let codes = p.phone_countries();
    assert_eq!(codes[0], api::PhoneCountry { code: "NL".into(), calling_code: 31 });
    assert_eq!(codes.len(), DEFAULT_PHONE_COUNTRIES.len());
}

#[test]
fn offers_allowed_kinds_not_yet_held() {
    let p = policy(&[MethodKind::Email, MethodKind::AppPassword], Requirement::Nothing);
    assert_eq!(p.addable(&[]), vec![MethodKind::Email, MethodKind::AppPassword]);
    assert_eq!(
        Policy::open().addable(&[]),
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
    assert_eq!(p.addable(&[email()]), vec![MethodKind::AppPassword], "many app passwords, one email");
    assert_eq!(policy(&[MethodKind::Phone], Requirement::Nothing).addable(&[]), vec![MethodKind::Phone]);
}

#[test]
fn required_methods_become_steps_done_or_not() {
    let kinds = vec![MethodKind::AuthenticatorApp, MethodKind::Email];
    let p = policy(&MethodKind::ALL, Requirement::Methods { kinds });
    let steps = p.setup_steps(&[email()]);
    assert_eq!(
        steps,
        vec![
            SetupStep { kind: MethodKind::AuthenticatorApp, done: false },
            SetupStep { kind: MethodKind::Email, done: true }
        ]
    );
    assert!(policy(&MethodKind::ALL, Requirement::Nothing).setup_steps(&[]).is_empty());
}

#[test]
fn any_n_counts_what_is_held_then_suggests_the_strongest() {
    let p = policy(&MethodKind::ALL, Requirement::Any { count: 2 });
    assert_eq!(
        p.setup_steps(&[]),
        vec![
            SetupStep { kind: MethodKind::AuthenticatorApp, done: false },
            SetupStep { kind: MethodKind::Phone, done: false }
        ]
    );
    assert_eq!(
        p.setup_steps(&[email()]),
        vec![
            SetupStep { kind: MethodKind::Email, done: true },
            SetupStep { kind: MethodKind::AuthenticatorApp, done: false }
        ]
    );
    // Only kinds the tenant allows are suggested.
    let p = policy(&[MethodKind::Email, MethodKind::SecurityKey], Requirement::Any { count: 2 });
    let kinds: Vec<_> = p.setup_steps(&[]).into_iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [MethodKind::SecurityKey, MethodKind::Email]);
}

#[test]
fn policies_that_cannot_be_met_are_refused() {
    let ok = policy(&MethodKind::ALL, Requirement::Methods { kinds: vec![MethodKind::AuthenticatorApp] });
    assert_eq!(ok.check(), Ok(()));
    let not_allowed = policy(&[MethodKind::Email], Requirement::Methods { kinds: vec![MethodKind::Phone] });
    assert_eq!(not_allowed.check(), Err(Problem::RequiredNotAllowed));
    let app_passwords = policy(&MethodKind::ALL, Requirement::Methods { kinds: vec![MethodKind::AppPassword] });
    assert_eq!(app_passwords.check(), Err(Problem::RequiredNotAllowed));
    let twice = Requirement::Methods { kinds: vec![MethodKind::Phone, MethodKind::Phone] };
    assert_eq!(policy(&MethodKind::ALL, twice).check(), Err(Problem::InvalidCount));
    let too_many = policy(&[MethodKind::Email, MethodKind::Phone], Requirement::Any { count: 3 });
    assert_eq!(too_many.check(), Err(Problem::InvalidCount));
    assert_eq!(policy(&[], Requirement::Nothing).check(), Err(Problem::NoMethods));
    let mut grace = ok.clone();
    grace.registration.grace_days = 15;
    assert_eq!(grace.check(), Err(Problem::InvalidGrace));
    let mut reset = ok.clone();
    reset.reset.methods_required = 3;
    assert_eq!(reset.check(), Err(Problem::InvalidReset));
    reset.reset = Reset { methods_required: 2, methods: vec![MethodKind::Email], ..Reset::default() };
    assert_eq!(reset.check(), Err(Problem::InvalidReset), "two needed, one counts");
    let mut retention = ok.clone();
    retention.activity_days = 0;
    assert_eq!(retention.check(), Err(Problem::InvalidRetention), "its own problem, not the methods count");
    let mut countries = ok.clone();
    countries.phone_countries = vec!["XX".into()];
    assert_eq!(countries.check(), Err(Problem::InvalidCountry));
    let mut no_modes = ok;
    no_modes.phone_modes = vec![];
    assert_eq!(no_modes.check(), Err(Problem::NoMethods));
}

#[test]
fn settings_check_name_colour_and_domains() {
    let good = TenantSettings {
        name: "Fabrikam".into(),
        own_domains: vec!["fabrikam.com".into()],
        brand_color: "#0f5fb3".into(),
        policy: Policy::open(),
    };
    assert_eq!(check_settings(&good), Ok(()));
    for bad in ["red", "#ffff00", "#77aaff", "#0f5fb"] {
        let bad_color = TenantSettings { brand_color: bad.into(), ..good.clone() };
        assert_eq!(check_settings(&bad_color), Err(Problem::InvalidColor), "{bad}");
    }
    let purple = TenantSettings { brand_color: "#6b2fbf".into(), ..good.clone() };
    assert_eq!(check_settings(&purple), Ok(()));
    let bad_domain = TenantSettings { own_domains: vec!["not a domain".into()], ..good.clone() };
    assert_eq!(check_settings(&bad_domain), Err(Problem::InvalidDomain));
    let no_name = TenantSettings { name: " ".into(), ..good };
    assert_eq!(check_settings(&no_name), Err(Problem::InvalidName));
}
