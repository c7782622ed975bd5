//! Recent activity and change notices.

use api::{Activity, MethodKind};
use domain::delivery::Message;
use domain::Error;
use pollster::block_on;

use crate::common::{World, ADELE};

#[test]
fn sign_ins_and_changes_are_recorded_newest_first_and_expire() {
    let w = World::new();
    assert_eq!(block_on(w.portal_at("ip").sign_in(ADELE.0, "wrong")).unwrap_err(), Error::InvalidCredentials);
    w.advance(1000);
    let (_, mut auth) = w.sign_in();
    w.advance(1000);
    let p = block_on(w.portal().start_email(&auth, "adele.home@example.org")).unwrap();
    let code = w.sent.last_code();
    let view = block_on(w.portal().verify_code(&mut auth, &p.challenge_id, &code)).unwrap();
    w.advance(1000);
    block_on(w.portal().delete_method(&auth, &view.id)).unwrap();

    let page = block_on(w.portal().recent_activity(&auth, None)).unwrap();
    let kinds: Vec<&Activity> = page.entries.iter().map(|e| &e.activity).collect();
    assert_eq!(
        kinds,
        [
            &Activity::MethodDeleted { method: MethodKind::Email },
            &Activity::MethodAdded { method: MethodKind::Email },
            &Activity::SignedIn,
            &Activity::SignInFailed,
        ]
    );
    let newest = &page.entries[0];
    assert_eq!(
        (newest.ip.as_str(), newest.country.as_deref(), newest.device.as_str()),
        ("10.0.0.1", Some("NL"), "Firefox on Linux")
    );
    assert!(!w.store.keys().iter().any(|k| k.contains("/a/")), "nothing in KV");

    // Notices: to the work address and the email method, about the change.
    let notices: Vec<(String, String)> = w
        .sent
        .0
        .borrow()
        .iter()
        .filter_map(|m| match m {
            Message::Email(e) if e.subject == "Your Contoso security info changed" => {
                Some((e.to.as_str().to_string(), e.text.clone()))
            }
            _ => None,
        })
        .collect();
    assert!(notices.iter().any(|(to, text)| to == ADELE.0 && text.contains("was added to your account: email")));
    assert!(notices.iter().any(|(to, text)| to == "adele.home@example.org" && text.contains("added")));
    assert!(notices.iter().any(|(to, text)| to == ADELE.0 && text.contains("removed from your account: email")));

    // Kept for the tenant's 90 days, each entry from its own time.
    w.advance(90 * domain::DAY - 2000);
    assert_eq!(block_on(w.portal().recent_activity(&auth, None)).unwrap().entries.len(), 2, "the oldest two ran out");
    w.advance(2000);
    assert!(block_on(w.portal().recent_activity(&auth, None)).unwrap().entries.is_empty());
}

#[test]
fn activity_pages_through_older_entries() {
    let w = World::new();
    for _ in 0..25 {
        w.sign_in();
        w.advance(1000);
    }
    let (_, auth) = w.sign_in();
    let first = block_on(w.portal().recent_activity(&auth, None)).unwrap();
    assert_eq!(first.entries.len(), 20);
    let second = block_on(w.portal().recent_activity(&auth, first.next.as_deref())).unwrap();
    assert_eq!(second.entries.len(), 6);
    assert_eq!(second.next, None);
    assert!(first.entries.last().unwrap().at > second.entries[0].at);
}
