//! Authentication methods activity: registration by method and strength, who has
//! no second step, admins without a phishing-resistant method, and second-step
//! results per method; admins only.

use api::reports::{Strength, StrengthCount};
use api::MethodKind;
use domain::{demo, Error};
use pollster::block_on;

use crate::common::{app_code, World};

#[test]
fn the_report_counts_registrations_strength_and_second_steps() {
    let w = World::new();
    let admin = block_on(w.portal().sign_in(demo::USERS[2].0, demo::USERS[2].1)).unwrap().auth;
    let (_, mut adele) = w.sign_in();
    let (app, secret) = w.register_app(&mut adele, "Phone");
    w.register_phone(&mut adele);
    let mut alex = block_on(w.portal().sign_in(demo::USERS[1].0, demo::USERS[1].1)).unwrap().auth;
    w.register_phone(&mut alex);

    // Adele signs in again: one wrong app code, then the right one.
    w.advance(60_000);
    let (_, mut again) = w.sign_in();
    let wrong = block_on(w.portal().second_step(&mut again, &app, "000000", None));
    assert!(wrong.is_err());
    w.advance(30_000);
    block_on(w.portal().second_step(&mut again, &app, &app_code(&secret, w.now.get()), None)).unwrap();

    let report = block_on(w.portal().methods_report(&admin)).unwrap();
    assert_eq!((report.users, report.mfa_registered, report.days), (3, 2, 30));
    assert!(!report.truncated);
    let strength = |s: Strength| report.by_strength.iter().find(|c| c.strength == s).map(|c| c.users);
    assert_eq!(
        [Strength::PhishingResistant, Strength::App, Strength::PhoneOnly, Strength::None].map(strength),
        [Some(0), Some(1), Some(1), Some(1)]
    );
    assert_eq!(report.by_strength.iter().map(|StrengthCount { users, .. }| users).sum::<u32>(), 3);
    let phones = report.by_method.iter().find(|c| c.method == MethodKind::Phone).map(|c| c.users);
    assert_eq!(phones, Some(2));
    assert_eq!(report.without_mfa, [demo::USERS[2].0]);
    assert_eq!(report.admins_without_phishing_resistant, [demo::USERS[2].0]);
    let app_usage = report.usage.iter().find(|u| u.method == Some(MethodKind::AuthenticatorApp)).unwrap();
    assert_eq!((app_usage.succeeded, app_usage.failed), (1, 1));
    let names: Vec<&str> = report.rows.iter().map(|r| r.username.as_str()).collect();
    assert_eq!(names, [demo::USERS[0].0, demo::USERS[2].0, demo::USERS[1].0], "by username");
    let adele_row = &report.rows[0];
    assert_eq!(adele_row.methods, [MethodKind::AuthenticatorApp, MethodKind::Phone]);
    assert!(adele_row.last_sign_in_at.is_some());

    // Thirty days on, the second steps have left the window; registrations stay.
    w.advance(31 * 24 * 3_600_000);
    let later = block_on(w.portal().methods_report(&admin)).unwrap();
    assert!(later.usage.is_empty(), "{:?}", later.usage);
    assert_eq!(later.mfa_registered, 2);

    let csv = domain::portal::methods_report::csv(&report.rows);
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.lines().nth(1).unwrap().starts_with("adele@contoso.com,Adele Vance,user,false,true,"));
    assert_eq!(block_on(w.portal().methods_report(&alex)).unwrap_err(), Error::Forbidden);
}
