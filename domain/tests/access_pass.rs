//! Temporary Access Pass: issued by an admin, signs the user in for registration
//! only, one-time passes work once, revoking or expiry ends the session; audited.

use api::{Activity, AuditAction, MethodKind};
use domain::portal::Authenticated;
use domain::{demo, Error, MINUTE};
use pollster::block_on;

mod common;
use common::{World, ADELE};

fn admin(w: &World) -> Authenticated {
    let p = w.portal();
    let tenant = block_on(p.tenant_by_id(demo::TENANT)).unwrap();
    block_on(p.sign_in(&tenant, demo::USERS[2].0, demo::USERS[2].1, "10.0.0.1")).unwrap().auth
}

#[test]
fn a_one_time_pass_signs_in_once_for_registration_only() {
    let w = World::new();
    let admin = admin(&w);
    let tenant = admin.tenant.clone();
    let issued = block_on(w.portal().issue_access_pass(&admin, " Adele@Contoso.com ", 60, true)).unwrap();
    assert_eq!(issued.pass.len(), 19);
    assert_eq!(issued.view.username, ADELE.0);
    assert_eq!(issued.view.expires_at, w.now.get() + 60 * MINUTE);
    assert!(!w.store.dump().contains(&issued.pass.replace('-', "")), "only a digest is kept");
    assert_eq!(block_on(w.portal().access_passes(&admin)).unwrap(), vec![issued.view.clone()]);

    let wrong = block_on(w.portal().sign_in_with_pass(&tenant, ADELE.0, "abcd-efgh-jkmn-pqrs"));
    assert!(matches!(wrong, Err(Error::AccessPassInvalid)));
    let signed = block_on(w.portal().sign_in_with_pass(&tenant, ADELE.0, &issued.pass.to_uppercase())).unwrap();
    let view = block_on(w.portal().session_view(&signed.auth)).unwrap();
    assert_eq!(view.access_pass_until, Some(issued.view.expires_at));
    assert!(matches!(view.second_step, api::SecondStep::Passed { .. }));
    // Registering works even long after the pass's sign-in (no fresh second step asked).
    w.advance(20 * MINUTE);
    let auth = block_on(w.portal().authenticate(&tenant, &signed.token)).unwrap();
    block_on(w.portal().create_recovery_codes(&auth)).unwrap();
    assert!(matches!(
        block_on(w.portal().sign_in_with_pass(&tenant, ADELE.0, &issued.pass)),
        Err(Error::AccessPassInvalid)
    ));
    let activity = block_on(w.portal().recent_activity(&auth, None)).unwrap();
    assert!(activity.entries.iter().any(|e| e.activity == Activity::SignedInWithAccessPass));
    let info = block_on(w.portal().security_info(&auth)).unwrap();
    assert!(info.methods.iter().any(|m| m.detail.kind() == MethodKind::RecoveryCodes));

    // The session ends with the pass.
    w.advance(20 * MINUTE);
    block_on(w.portal().authenticate(&tenant, &signed.token)).unwrap();
    w.advance(20 * MINUTE);
    assert_eq!(block_on(w.portal().authenticate(&tenant, &signed.token)).unwrap_err(), Error::Unauthenticated);
    assert!(block_on(w.portal().access_passes(&admin)).unwrap().is_empty());
}

#[test]
fn revoking_ends_sessions_made_with_the_pass_and_is_audited() {
    let w = World::new();
    let admin = admin(&w);
    let tenant = admin.tenant.clone();
    let issued = block_on(w.portal().issue_access_pass(&admin, ADELE.0, 480, false)).unwrap();
    let a = block_on(w.portal().sign_in_with_pass(&tenant, ADELE.0, &issued.pass)).unwrap();
    let b = block_on(w.portal().sign_in_with_pass(&tenant, ADELE.0, &issued.pass)).unwrap();
    block_on(w.portal().revoke_access_pass(&admin, &issued.view.user_id)).unwrap();
    for token in [a.token, b.token] {
        assert_eq!(block_on(w.portal().authenticate(&tenant, &token)).unwrap_err(), Error::Unauthenticated);
    }
    assert!(matches!(
        block_on(w.portal().sign_in_with_pass(&tenant, ADELE.0, &issued.pass)),
        Err(Error::AccessPassInvalid)
    ));
    let trail: Vec<AuditAction> =
        block_on(w.portal().audit_trail(&admin)).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(
        trail[..2],
        [
            AuditAction::AccessPassRevoked { username: ADELE.0.into() },
            AuditAction::AccessPassIssued { username: ADELE.0.into(), minutes: 480, one_time: false },
        ]
    );
}

#[test]
fn only_admins_issue_passes_within_the_lifetime_bounds() {
    let w = World::new();
    let admin = admin(&w);
    let (_, adele) = w.sign_in();
    assert_eq!(block_on(w.portal().issue_access_pass(&adele, ADELE.0, 60, true)).unwrap_err(), Error::Forbidden);
    for minutes in [0, 9, 481] {
        let refused = block_on(w.portal().issue_access_pass(&admin, ADELE.0, minutes, true));
        assert_eq!(refused.unwrap_err(), Error::InvalidLifetime);
    }
    let unknown = block_on(w.portal().issue_access_pass(&admin, "nobody@contoso.com", 60, true));
    assert_eq!(unknown.unwrap_err(), Error::UserNotFound);
    assert_eq!(block_on(w.portal().revoke_access_pass(&admin, "../x")).unwrap_err(), Error::UserNotFound);
}
