use super::super::{apply, pending::EXPIRED_KEPT, NotSent, Request, Stored};
use super::*;
use crate::code::{Challenge, CodeDigest, OneTimeCode, Purpose, CODE_TTL, RESEND_COOLDOWN};
use crate::email::EmailAddress;
use crate::entropy::Seeded;
use crate::methods::fixtures::{app, email, phone};
use crate::throttle::Limit;

const SENDS: Limit = Limit { max: 3, window: 1_000_000 };

fn run<R: Request<UserLedger>>(l: &mut Option<Stored>, request: R, now: Millis) -> R::Reply {
    apply(l, request, now).unwrap()
}

fn new_challenge(id: &str, rng: &Seeded, now: Millis) -> (Challenge, OneTimeCode) {
    let code = OneTimeCode::generate(rng);
    let purpose = Purpose::RegisterEmail { address: EmailAddress::parse("a@b.nl").unwrap() };
    (Challenge::new(id.into(), purpose, CodeDigest::new(&code, rng), now), code)
}

fn method(id: &str, data: crate::methods::MethodData, created_at: Millis) -> Box<Method> {
    Box::new(Method { id: id.into(), data, created_at, last_used_at: None, suspended: false })
}

fn empty(l: &Option<Stored>) -> bool {
    l.as_ref().is_none_or(Stored::is_empty)
}

#[test]
fn a_verified_challenge_is_consumed_so_replays_fail() {
    let rng = Seeded::new(3);
    let mut l = None;
    let (c, code) = new_challenge("c", &rng, 0);
    assert!(run(&mut l, StartChallenge { challenge: c, limit: SENDS }, 0).is_ok());
    let verify = VerifyChallenge { id: "c".into(), code };
    assert!(run(&mut l, verify.clone(), 5).is_ok());
    assert_eq!(run(&mut l, verify, 6), Err(ChallengeError::NotFound));
}

#[test]
fn expired_challenges_say_so_and_are_dropped_later() {
    let rng = Seeded::new(3);
    let mut l = None;
    let (c, code) = new_challenge("c", &rng, 0);
    run(&mut l, StartChallenge { challenge: c, limit: SENDS }, 0).unwrap();
    let verify = VerifyChallenge { id: "c".into(), code };
    assert_eq!(run(&mut l, verify.clone(), CODE_TTL), Err(ChallengeError::Expired));
    assert_eq!(run(&mut l, verify, CODE_TTL + EXPIRED_KEPT), Err(ChallengeError::NotFound));
}

#[test]
fn send_cap_counts_starts_and_resends() {
    let rng = Seeded::new(3);
    let mut l = None;
    let (c, _) = new_challenge("c", &rng, 0);
    run(&mut l, StartChallenge { challenge: c, limit: SENDS }, 0).unwrap();
    let resend = |l: &mut Option<Stored>, now| {
        let code = CodeDigest::new(&OneTimeCode::generate(&rng), &rng);
        run(l, ResendChallenge { id: "c".into(), code, limit: SENDS }, now)
    };
    assert!(matches!(resend(&mut l, 1), Err(NotSent::Failed { error: ChallengeError::ResendTooSoon { .. } })));
    assert!(resend(&mut l, RESEND_COOLDOWN).is_ok());
    let (d, _) = new_challenge("d", &rng, 2 * RESEND_COOLDOWN);
    assert!(run(&mut l, StartChallenge { challenge: d.clone(), limit: SENDS }, 2 * RESEND_COOLDOWN).is_ok());
    assert_eq!(
        run(&mut l, StartChallenge { challenge: d, limit: SENDS }, 4 * RESEND_COOLDOWN),
        Err(NotSent::Blocked { until: 1_000_000 })
    );
    assert_eq!(resend(&mut l, 4 * RESEND_COOLDOWN), Err(NotSent::Blocked { until: 1_000_000 }));
}

/// Security review finding 11: a new code to where one just went waits like a
/// resend, so back-to-back starts cannot burn the destination's budget.
#[test]
fn finding_11_starts_wait_for_the_resend_time_of_the_same_destination() {
    let rng = Seeded::new(3);
    let mut l = None;
    let (c, _) = new_challenge("c", &rng, 0);
    assert!(run(&mut l, StartChallenge { challenge: c, limit: SENDS }, 0).is_ok());
    let (again, _) = new_challenge("again", &rng, 1);
    let refused = run(&mut l, StartChallenge { challenge: again.clone(), limit: SENDS }, 1);
    assert_eq!(refused, Err(NotSent::Failed { error: ChallengeError::ResendTooSoon { resend_at: RESEND_COOLDOWN } }));
    // Elsewhere at once is fine; the same place once the wait is over.
    let code = CodeDigest::new(&OneTimeCode::generate(&rng), &rng);
    let other = Purpose::RegisterEmail { address: EmailAddress::parse("c@d.nl").unwrap() };
    let elsewhere = Challenge::new("e".into(), other, code, 2);
    assert!(run(&mut l, StartChallenge { challenge: elsewhere, limit: SENDS }, 2).is_ok());
    assert!(run(&mut l, StartChallenge { challenge: again, limit: SENDS }, RESEND_COOLDOWN).is_ok());
}

#[test]
fn pending_codes_run_out_and_methods_last() {
    let rng = Seeded::new(3);
    let mut l = None;
    let (c, _) = new_challenge("c", &rng, 0);
    run(&mut l, StartChallenge { challenge: c, limit: SENDS }, 0).unwrap();
    // (the send it counted outlives the code)
    assert_eq!(l.as_ref().and_then(Stored::forget_at), Some(crate::throttle::LONGEST_WINDOW));
    run(&mut l, AddMethod { method: method("a", app(), 1) }, 1);
    assert_eq!(l.as_ref().and_then(Stored::forget_at), None);
}

#[test]
fn default_follows_adds_and_removals() {
    let mut l = None;
    let add = |l: &mut Option<Stored>, id: &str, data, created_at| {
        run(l, AddMethod { method: method(id, data, created_at) }, 0)
    };
    assert_eq!(add(&mut l, "e", email(), 1), None, "an email is never the default");
    assert_eq!(add(&mut l, "p", phone(), 2), Some("p".into()));
    assert_eq!(add(&mut l, "a", app(), 3), Some("p".into()), "first stays");
    assert_eq!(add(&mut l, "b", app(), 4), Some("p".into()));
    assert_eq!(run(&mut l, SetDefault { method_id: "e".into() }, 0), Err(NotCurrent), "not a second step");
    assert_eq!(run(&mut l, SetDefault { method_id: "gone".into() }, 0), Err(NotCurrent));
    assert_eq!(run(&mut l, SetDefault { method_id: "a".into() }, 0), Ok(()));
    assert_eq!(run(&mut l, GetDefault {}, 0), Some("a".into()));
    assert_eq!(run(&mut l, MethodRemoved { method_id: "p".into() }, 0), Some("a".into()));
    // The default goes: the strongest left takes over (an app before the phone).
    assert_eq!(add(&mut l, "p", phone(), 5), Some("a".into()));
    assert_eq!(run(&mut l, MethodRemoved { method_id: "a".into() }, 0), Some("b".into()));
    assert_eq!(run(&mut l, MethodRemoved { method_id: "b".into() }, 0), Some("p".into()));
    assert_eq!(run(&mut l, MethodRemoved { method_id: "p".into() }, 0), None);
    let list = run(&mut l, Methods {}, 0);
    assert_eq!(list.default_method, None);
    assert_eq!(list.methods.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["e"]);
    assert_eq!(run(&mut l, MethodRemoved { method_id: "e".into() }, 0), None);
    assert!(empty(&l));
}

#[test]
fn updates_never_bring_back_a_deleted_method() {
    let mut l = None;
    run(&mut l, AddMethod { method: method("a", app(), 1) }, 0);
    run(&mut l, MethodUsed { method_id: "a".into() }, 7);
    assert_eq!(run(&mut l, Methods {}, 8).methods[0].last_used_at, Some(7));
    run(&mut l, MethodRemoved { method_id: "a".into() }, 9);
    run(&mut l, MethodUsed { method_id: "a".into() }, 10);
    assert_eq!(run(&mut l, UpdateMethod { method: method("a", app(), 1) }, 10), Err(NotCurrent));
    assert!(empty(&l));
}

#[test]
fn authenticator_registration_tries_are_reserved() {
    let rng = Seeded::new(4);
    let ring =
        crate::sealing::Keyring::parse("k:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap();
    let sealed = ring.seal(b"s", "aad", &rng).unwrap();
    let mut l = None;
    run(&mut l, StartAuthenticator { pending: PendingAuthenticator::new("p".into(), sealed, 0) }, 0);
    for left in (0..crate::totp::REGISTRATION_TRIES).rev() {
        assert_eq!(run(&mut l, ReserveAuthenticator { id: "p".into() }, 1).map(|(_, n)| n), Ok(left));
    }
    assert_eq!(run(&mut l, ReserveAuthenticator { id: "p".into() }, 1).map(|(_, n)| n), Err(ChallengeError::Locked));
    let consume = ConsumeAuthenticator { id: "p".into(), method_id: "m".into(), step: 9 };
    assert_eq!(run(&mut l, consume.clone(), 2), Ok(()));
    assert_eq!(run(&mut l, consume, 2), Err(ChallengeError::NotFound), "only once");
    run(&mut l, ReserveSecondStep {}, 3).unwrap();
    let replay = SecondStepSucceeded { method_id: "m".into(), step: Some(9) };
    assert_eq!(run(&mut l, replay, 3), Err(Refusal::Replayed));
}

#[test]
fn ceremonies_are_handed_out_once_and_expire() {
    use crate::webauthn::{CeremonyPurpose, CEREMONY_TTL};
    let mut l = None;
    let c = Ceremony::new("k".into(), &[1; 32], CeremonyPurpose::SignIn, 0);
    run(&mut l, StartCeremony { ceremony: c.clone() }, 0);
    assert_eq!(run(&mut l, TakeCeremony { id: "k".into() }, 1), Ok(c.clone()));
    assert_eq!(run(&mut l, TakeCeremony { id: "k".into() }, 2), Err(ChallengeError::NotFound));
    run(&mut l, StartCeremony { ceremony: c }, 0);
    assert_eq!(run(&mut l, TakeCeremony { id: "k".into() }, CEREMONY_TTL), Err(ChallengeError::Expired));
}

#[test]
fn key_counters_must_grow() {
    let mut l = None;
    let mut used = |counter| run(&mut l, KeyCounter { method_id: "k".into(), counter }, 0);
    assert_eq!(used(5), Ok(()));
    assert_eq!(used(6), Ok(()));
    assert_eq!(used(6), Err(CounterRegressed { stored: 6 }));
    assert_eq!(used(2), Err(CounterRegressed { stored: 6 }));
    assert_eq!(used(7), Ok(()), "a refused counter leaves the stored one");
}

#[test]
fn the_user_handle_is_fixed_on_first_use() {
    let mut l = None;
    assert_eq!(run(&mut l, UserHandle { candidate: "a".into() }, 0), "a");
    assert_eq!(run(&mut l, UserHandle { candidate: "b".into() }, 0), "a");
}

#[test]
fn skipping_setup_is_bounded_by_days_and_count() {
    let mut l = None;
    let (grace, max_skips) = (7 * crate::DAY, 2);
    let until = 1000 + grace;
    assert_eq!(run(&mut l, SetupPrompted { grace, max_skips }, 1000), Some(until));
    let skip = |session: &str| SkipSetup { grace, max_skips, session: session.into() };
    assert!(run(&mut l, skip("s1"), 2000));
    // The same session again (a double click): allowed, nothing spent.
    assert!(run(&mut l, skip("s1"), 2100));
    assert_eq!(run(&mut l, SetupPrompted { grace, max_skips }, 3000), Some(until));
    assert!(run(&mut l, skip("s2"), 4000));
    assert!(!run(&mut l, skip("s3"), 5000), "two skips");
    assert!(run(&mut l, skip("s2"), 5000), "a session that skipped stays skipped");
    let mut late = None;
    run(&mut late, SetupPrompted { grace, max_skips }, 0);
    assert!(!run(&mut late, skip("s1"), grace));
    let mut none = None;
    assert_eq!(run(&mut none, SetupPrompted { grace: 0, max_skips: 3 }, 0), None);
}

#[test]
fn app_passwords_are_capped_and_freed_by_deletion() {
    let mut l = None;
    for i in 0..3 {
        assert_eq!(run(&mut l, AddAppPassword { id: format!("p{i}"), max: 3 }, 0), Ok(()));
    }
    assert_eq!(run(&mut l, AddAppPassword { id: "p3".into(), max: 3 }, 0), Err(LimitReached));
    run(&mut l, MethodRemoved { method_id: "p1".into() }, 0);
    assert_eq!(run(&mut l, AddAppPassword { id: "p3".into(), max: 3 }, 0), Ok(()));
}

#[test]
fn a_one_time_pass_signs_in_once_and_revoking_ends_it() {
    let mut l = None;
    let ring =
        crate::sealing::Keyring::parse("k:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap();
    let (shown, pass) = crate::access_pass::issue(&Seeded::new(2), &ring, true, 1_000);
    let digests = crate::access_pass::typed_digests(&ring, &shown).unwrap();
    assert_eq!(run(&mut l, UsePass { digests: digests.clone() }, 0), None);
    run(&mut l, IssuePass { pass: pass.clone() }, 0);
    assert_eq!(
        run(&mut l, UsePass { digests: digests.clone() }, 0),
        Some(PassRef { id: pass.id.clone(), until: 1_000 })
    );
    assert_eq!(run(&mut l, UsePass { digests }, 1), None, "one-time");
    assert!(run(&mut l, CheckPass { id: pass.id.clone() }, 1), "its session lives on");
    assert!(!run(&mut l, CheckPass { id: pass.id.clone() }, 1_000), "until it expires");
    run(&mut l, RevokePass {}, 2);
    assert!(!run(&mut l, CheckPass { id: pass.id }, 2));
}

#[test]
fn a_recovery_code_is_spent_once_and_only_from_the_current_set() {
    let mut l = None;
    let spend = |set: &str, index| SpendRecoveryCode { set: set.into(), index };
    assert_eq!(run(&mut l, spend("a", 0), 0), Err(NotSpent::NotCurrent));
    run(&mut l, IssueRecoveryCodes { set: "a".into() }, 0);
    assert_eq!(run(&mut l, spend("a", 3), 0), Ok(1));
    assert_eq!(run(&mut l, spend("a", 3), 0), Err(NotSpent::Replayed));
    assert_eq!(run(&mut l, spend("a", 4), 0), Ok(2));
    assert_eq!(
        run(&mut l, Methods {}, 0),
        MethodList { methods: vec![], default_method: None, recovery_spent: 2, live_grants: 0, locked_until: None }
    );
    // Regenerated: the old set's codes are worthless, the new set is whole.
    run(&mut l, IssueRecoveryCodes { set: "b".into() }, 0);
    assert_eq!(run(&mut l, spend("a", 5), 0), Err(NotSpent::NotCurrent));
    assert_eq!(run(&mut l, spend("b", 3), 0), Ok(1));
    run(&mut l, MethodRemoved { method_id: crate::recovery::METHOD_ID.into() }, 0);
    assert_eq!(run(&mut l, spend("b", 4), 0), Err(NotSpent::NotCurrent));
    assert!(empty(&l));
}

/// A second-step try's log: an app's code from 192.0.2.1 by curl, kept `until`.
fn try_log(until: Millis) -> TryLog {
    let origin = crate::activity::Origin { at: 0, ip: "192.0.2.1".into(), country: None, device: "curl".into() };
    TryLog { method: api::MethodKind::AuthenticatorApp, origin, suffix: "s".into(), until }
}

#[test]
fn a_second_step_try_counts_renews_and_logs_in_one_operation() {
    use crate::session::{SecondStep, SessionPolicy, SessionRecord};
    use api::{Activity, ActivityEntry, MethodKind};
    let rng = Seeded::new(5);
    let policy = SessionPolicy::default();
    let mut l = None;
    let record = SessionRecord::new("u".into(), 0, &rng);
    let seed = Box::new(serde_json::from_str(r#"{"id":"u","username":"u","display_name":"U"}"#).unwrap());
    run(&mut l, OpenSession { digest: "old".into(), session: Box::new(record.clone()), policy, seed }, 0);
    let log = try_log(99);
    let attempt = |proof, new: &str| {
        let mut passed = record.clone();
        passed.second_step = SecondStep::Passed { at: 0 };
        TrySecondStep {
            method_id: "a".into(),
            proof,
            renew: Box::new(Renewal { old: "old".into(), new: new.into(), session: passed, policy }),
            log: Box::new(log.clone()),
        }
    };
    // What the try logged: the outcome, kept until the caller said, where it came from.
    let take = |l: &mut Option<Stored>| -> Vec<Activity> {
        let appended = l.as_mut().map(Stored::take_appended).unwrap_or_default();
        appended
            .into_iter()
            .map(|a| {
                assert_eq!(a.until, 99);
                let entry: ActivityEntry = serde_json::from_str(&a.entry).unwrap();
                assert_eq!((entry.ip.as_str(), entry.device.as_str()), ("192.0.2.1", "curl"));
                entry.activity
            })
            .collect()
    };
    let failed = Activity::SecondStepFailed { method: Some(MethodKind::AuthenticatorApp) };

    for now in 1..=3 {
        assert_eq!(run(&mut l, attempt(Proof::Wrong, "new"), now), Err(Missed::Wrong));
        assert_eq!(take(&mut l), vec![failed.clone()]);
    }
    // After three wrong ones, at once again: the delay refuses it, nothing is logged.
    assert!(matches!(run(&mut l, attempt(Proof::Step(7), "new"), 4), Err(Missed::Refused(Refusal::Wait { .. }))));
    assert!(take(&mut l).is_empty());
    assert_eq!(run(&mut l, attempt(Proof::Step(7), "new"), 60_000), Ok(()));
    assert_eq!(take(&mut l), vec![Activity::SecondStepPassed { method: MethodKind::AuthenticatorApp }]);
    // The session moved: the old digest is gone, so a try under it counts nothing.
    assert_eq!(run(&mut l, attempt(Proof::Wrong, "newer"), 60_001), Err(Missed::NoSession));
    let found = run(&mut l, Authenticate { digest: "new".into(), policy }, 60_001).unwrap();
    assert!(matches!(found.session.second_step, SecondStep::Passed { .. }));
    assert_eq!(found.methods.locked_until, None);
    // The same step again, under the new session: a replay.
    let mut replay = attempt(Proof::Step(7), "newest");
    replay.renew.old = "new".into();
    assert_eq!(run(&mut l, replay, 60_002), Err(Missed::Refused(Refusal::Replayed)));
    assert!(take(&mut l).is_empty());
}

/// A try the guard would not take ends before the method's secret is opened
/// (no key here could open it), and counts nothing.
#[test]
fn an_apps_try_the_guard_refuses_ends_before_the_secret_is_opened() {
    use crate::session::{SessionPolicy, SessionRecord};
    let policy = SessionPolicy::default();
    let mut l = None;
    let record = SessionRecord::new("u".into(), 0, &Seeded::new(6));
    let csrf = record.csrf_token.clone();
    let seed = Box::new(serde_json::from_str(r#"{"id":"u","username":"u","display_name":"U"}"#).unwrap());
    run(&mut l, OpenSession { digest: "d".into(), session: Box::new(record.clone()), policy, seed }, 0);
    run(&mut l, AddMethod { method: method("a", app(), 0) }, 0);
    let step = || AppStep {
        digest: "d".into(),
        sessions: policy,
        csrf: csrf.clone(),
        tenant: "t".into(),
        method_id: "a".into(),
        code: "123456".into(),
        allowed: true,
        new: "n".into(),
        log: try_log(9),
    };
    let app_step = |l: &mut Option<Stored>, now| match l {
        Some(Stored::User(user)) => user.app_second_step(step(), None, now),
        _ => panic!("a user's ledger"),
    };
    // A secret no key opens: not this call's to decide, nothing counted.
    let fresh = l.clone();
    assert_eq!(app_step(&mut l, 1), AppStepped::Usual);
    assert_eq!(l, fresh);
    let renew = |proof| TrySecondStep {
        method_id: "a".into(),
        proof,
        renew: Box::new(Renewal { old: "d".into(), new: "d".into(), session: record.clone(), policy }),
        log: Box::new(step().log),
    };
    for now in 1..=3 {
        assert_eq!(run(&mut l, renew(Proof::Wrong), now), Err(Missed::Wrong));
    }
    let before = l.clone();
    // Three wrong in a row: the next try waits, and the call says so itself.
    assert!(matches!(
        app_step(&mut l, 4),
        AppStepped::Missed(Missed::Refused(Refusal::Wait { until })) if until > 4
    ));
    assert_eq!(l, before, "a refused try changes nothing");
}
