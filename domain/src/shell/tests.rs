use super::*;

#[test]
fn sign_in_and_security_info_have_shells() {
    assert_eq!(Shell::for_path("/", false), Some(Shell::SignIn));
    assert_eq!(Shell::for_path("", true), Some(Shell::SecurityInfo));
    assert_eq!(Shell::for_path("/signin", true), Some(Shell::SignIn));
    assert_eq!(Shell::for_path("/signin/", false), Some(Shell::SignIn));
    assert_eq!(Shell::for_path("/profile", true), None);
    assert_eq!(Shell::for_path("/reset", false), None);
}

#[test]
fn the_shell_is_translated_and_escapes_the_tenant() {
    let en = Shell::SignIn.render("en-US", "A&B <Co>", "/t/ab", None);
    assert!(en.contains("<h1 id=\"signin-title\">Sign in</h1>"), "{en}");
    assert!(en.contains("Sign in to A&amp;B &lt;Co&gt; with your work or school account."), "{en}");
    assert!(en.contains("href=\"/t/ab/reset\"") && en.contains("<option value=\"en-US\" selected>English</option>"));
    assert!(!en.contains("<Co>"));
    let nl = Shell::SignIn.render("nl-NL", "Contoso", "", None);
    assert!(nl.contains("<label for=\"password\">Wachtwoord</label>"), "{nl}");
    assert!(nl.contains("<option value=\"nl-NL\" selected>Nederlands</option>"));
    let info = Shell::SecurityInfo.render("nl-NL", "Contoso", "", None);
    assert!(info.contains("<h1 id=\"page-title\">Beveiligingsgegevens</h1>"), "{info}");
    assert!(info.contains("href=\"/profile\"") && !info.contains("<form"));
    // Every string was found: no message id shows through.
    for html in [en, nl, info] {
        for id in ["sign-in-", "app-title", "-label", "skip-to", "menu", "security-info-intro"] {
            assert!(!html.contains(&format!(">{id}")), "{id} in {html}");
        }
    }
}

fn signed(methods: Vec<MethodView>, advice: Vec<api::Advice>) -> SignedIn {
    let default_method = methods.first().map(|m| m.id.clone());
    SignedIn {
        display_name: "Adele <Vance>".into(),
        admin: true,
        help_desk: false,
        info: SecurityInfo {
            default_method,
            methods,
            addable: vec![],
            phone_countries: vec![],
            phone_modes: vec![],
            advice,
            connected_apps: false,
        },
    }
}

#[test]
fn security_info_shows_the_users_methods_as_the_app_does() {
    // 2026-11-30 and 2026-12-01, 10:00 UTC.
    let (added, used) = (1_796_032_800_000, 1_796_119_200_000);
    let app = MethodView {
        id: "m1".into(),
        detail: MethodDetail::AuthenticatorApp { name: "Work <phone>".into() },
        created_at: added,
        last_used_at: Some(used),
        turned_off: false,
        suspended: false,
    };
    let phone = MethodView {
        id: "m2".into(),
        detail: MethodDetail::Phone { masked_number: "+31 ••• •• 78".into(), mode: api::PhoneMode::Text },
        created_at: added,
        last_used_at: None,
        turned_off: true,
        suspended: true,
    };
    let page = signed(vec![app, phone], vec![api::Advice::OneDevice]);
    let en = Shell::SecurityInfo.render("en-US", "Contoso", "/t/c", Some(&page));
    assert!(en.contains(r#"<div id="boot" class="shell" aria-busy="true" data-hold>"#), "{en}");
    assert!(en.contains(r#"<span class="user">Signed in as Adele &lt;Vance&gt;</span>"#), "{en}");
    assert!(en.contains(r#"<a href="/t/c/admin" class="link">"#), "an admin's header has the link");
    assert!(
        en.contains(r#"<span class="value">Authenticator app - code (Work &lt;phone&gt;)</span>"#),
        "the default: {en}"
    );
    assert!(en.contains(r#"<li class="method" data-kind="authenticator-app" data-id="m1"><span class="name">Authenticator app</span><span class="detail">Work &lt;phone&gt;</span><span class="meta">Added 11/30/2026 · Last used 12/1/2026</span>"#), "{en}");
    assert!(en.contains(r#"aria-label="Rename Authenticator app (Work &lt;phone&gt;)" disabled>Rename</button>"#));
    assert!(en.contains(r#"<span class="detail">+31 ••• •• 78 · text message</span><span class="meta">Added 11/30/2026</span><span class="warning">Turned off"#), "{en}");
    assert!(en.contains(">Keep</button>") && en.contains(">Change</button>"), "a suspended phone: keep, change");
    assert!(en.contains(r#"<section class="health" aria-labelledby="health-title">"#));
    assert!(en.contains(r#"<p class="help-link"><a href="/t/c/help">"#) && !en.contains("<p class=\"empty\""));
    let nl = Shell::SecurityInfo.render("nl-NL", "Contoso", "", Some(&page));
    assert!(nl.contains("Toegevoegd op 30-11-2026 · Laatst gebruikt op 1-12-2026"), "{nl}");
    let empty = signed(vec![], vec![]);
    let none = Shell::SecurityInfo.render("en-US", "Contoso", "", Some(&empty));
    assert!(none.contains(r#"<p class="empty">You haven&#39;t added any methods yet."#), "{none}");
    assert!(!none.contains("health-title") && !none.contains(r#"aria-label="Change default"#));
    for html in [en, nl, none] {
        assert!(!html.contains("{$") && !html.contains(">method-") && !html.contains(">advice-"), "{html}");
    }
}

thread_local!(pub(super) static MISSING: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(vec![]) });

/// Each id of `shell_ids.txt` is a message of `app.ftl` in both languages, and
/// every string any shell asks for is among them: every kind of method, each
/// warning and piece of advice, an admin's and a help desk's header.
#[test]
fn the_shells_strings_are_the_ones_it_takes_from_app_ftl() {
    for (lang, full) in [
        ("en-US", include_str!("../../../locales/en-US/app.ftl")),
        ("nl-NL", include_str!("../../../locales/nl-NL/app.ftl")),
    ] {
        let full = Messages::parse(full);
        for id in include_str!("../shell_ids.txt").lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            assert!(full.format(id, &[]).is_some(), "{id} is not in {lang}'s app.ftl");
        }
    }
    let kinds = [
        MethodDetail::AuthenticatorApp { name: "A".into() },
        MethodDetail::Phone { masked_number: "+31 6 •••• 5678".into(), mode: api::PhoneMode::Call },
        MethodDetail::AlternatePhone { masked_number: "+31 6 •••• 5679".into() },
        MethodDetail::SecurityKey { name: "K".into(), model: Some("YubiKey 5".into()), possibly_cloned: true },
        MethodDetail::Email { masked_address: "a•••@b.nl".into() },
        MethodDetail::SecurityQuestions { count: 3 },
        MethodDetail::AppPassword { name: "Mail".into() },
        MethodDetail::RecoveryCodes { remaining: 8, total: 10 },
    ];
    let methods: Vec<MethodView> = kinds
        .into_iter()
        .enumerate()
        .map(|(i, detail)| MethodView {
            id: format!("m{i}"),
            detail,
            created_at: 0,
            last_used_at: Some(1),
            turned_off: i % 2 == 0,
            suspended: i % 3 == 0,
        })
        .collect();
    let advice = vec![
        api::Advice::NoMfaMethod,
        api::Advice::SingleMfaMethod,
        api::Advice::OneDevice,
        api::Advice::PhoneOnly,
        api::Advice::NoResetMethod { required: 2, registered: 1 },
        api::Advice::Unused { method_id: "m0".into(), days: 200 },
    ];
    for lang in api::LANGUAGES {
        let mut page = signed(methods.clone(), advice.clone());
        for (admin, help_desk) in [(true, false), (false, true)] {
            (page.admin, page.help_desk) = (admin, help_desk);
            Shell::SecurityInfo.render(lang, "C", "", Some(&page));
        }
        for m in &methods {
            page.info.default_method = Some(m.id.clone());
            Shell::SecurityInfo.render(lang, "C", "", Some(&page));
        }
        Shell::SecurityInfo.render(lang, "C", "", Some(&signed(vec![], vec![])));
        Shell::SignIn.render(lang, "C", "", None);
    }
    assert_eq!(MISSING.with_borrow(Clone::clone), Vec::<String>::new());
}

#[test]
fn dates_are_written_as_the_browser_writes_them() {
    assert_eq!(date("en-US", 0), "1/1/1970");
    assert_eq!(date("nl-NL", 951_782_400_000), "29-2-2000");
    assert_eq!(date("en-US", 4_107_542_399_000), "2/28/2100");
}
