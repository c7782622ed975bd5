//! Native micro-benchmarks of the hot code: `cargo run --release -p domain --example bench`.

// A benchmark over fixed inputs: a failed unwrap is a broken benchmark, not input.
#![allow(clippy::unwrap_used)]

use domain::code::{Challenge, CodeDigest, OneTimeCode, Purpose};
use domain::email::EmailAddress;
use domain::entropy::Seeded;
use domain::ledger::{self, Call, Stored, ThrottleOp, UserOp};
use domain::throttle::ACCOUNT_FAILURES;
use std::hint::black_box;
use std::time::Instant;

fn bench(name: &str, iterations: u32, mut f: impl FnMut()) {
    for _ in 0..iterations / 10 {
        f();
    }
    let t0 = Instant::now();
    for _ in 0..iterations {
        f();
    }
    let per = t0.elapsed().as_nanos() as f64 / iterations as f64;
    let (value, unit) = if per > 1e6 {
        (per / 1e6, "ms")
    } else if per > 1e3 {
        (per / 1e3, "µs")
    } else {
        (per, "ns")
    };
    println!("  {name:<40} {value:>9.2} {unit}/op");
}

fn main() {
    let rng = Seeded::new(1);
    println!("Native micro-benchmarks (release):");
    bench("EmailAddress::parse", 200_000, || {
        black_box(EmailAddress::parse(black_box(" Jan.de-Vries+mfa@Example.ORG ")));
    });
    bench("OneTimeCode::parse", 1_000_000, || {
        black_box(OneTimeCode::parse(black_box("123 456")));
    });
    let code = OneTimeCode::generate(&rng);
    let purpose = Purpose::RegisterEmail { address: EmailAddress::parse("a@b.nl").unwrap() };
    let challenge = Challenge::new("c".into(), purpose, CodeDigest::new(&code, &rng), 0);
    bench("Challenge::verify (sha-256)", 200_000, || {
        let mut c = challenge.clone();
        black_box(c.verify(black_box(&code), 1)).ok();
    });
    let mut throttle = None;
    bench("Ledger record+check failure", 200_000, || {
        ledger::apply(&mut throttle, ledger::RecordFailure { limit: ACCOUNT_FAILURES }, 5).unwrap();
        black_box(ledger::apply(&mut throttle, ledger::CheckFailures { limit: ACCOUNT_FAILURES }, 5).unwrap()).ok();
    });
    let json = serde_json::to_string(&throttle).unwrap();
    bench("Ledger JSON round trip", 200_000, || {
        let l: Stored = serde_json::from_str(black_box(&json)).unwrap();
        black_box(serde_json::to_string(&l).unwrap());
    });
    let call = serde_json::to_string(&Call {
        op: ThrottleOp::from(ledger::CheckFailures { limit: ACCOUNT_FAILURES }),
        now: 5,
    })
    .unwrap();
    bench("Ledger wire call (parse, apply, reply)", 200_000, || {
        black_box(ledger::apply_wire(&mut throttle, "throttle", black_box(&call)).unwrap());
    });
    let secret = domain::totp::TotpSecret::generate(&rng);
    let now = 1_800_000_000_000;
    let totp_code = OneTimeCode::parse(&secret.code_at(now)).unwrap();
    bench("TotpSecret::check (±1 step, SHA-1)", 200_000, || {
        black_box(secret.check(black_box(&totp_code), now));
    });
    let uri = secret.uri("Contoso", "adele@contoso.com");
    bench("totp::qr_svg (otpauth URI)", 2_000, || {
        black_box(domain::totp::qr_svg(black_box(&uri)));
    });
    let ring =
        domain::sealing::Keyring::parse("k1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap();
    let sealed = ring.seal(secret.as_bytes(), "t/x/u/y/m/z", &rng).unwrap();
    bench("Keyring::open (AES-256-GCM)", 200_000, || {
        black_box(ring.open(black_box(&sealed), "t/x/u/y/m/z"));
    });
    // What the user's ledger object does for Security info (its state already in
    // memory): the `Methods` operation, the reply, and the comparison with the copy
    // of what it last stored that tells a change.
    let mut user = None;
    for i in 0..5 {
        let data = domain::methods::MethodData::AuthenticatorApp { name: format!("Phone {i}"), secret: sealed.clone() };
        let method = domain::methods::Method {
            id: format!("{i:016x}"),
            data,
            created_at: i,
            last_used_at: None,
            suspended: false,
        };
        ledger::apply(&mut user, ledger::AddMethod { method: Box::new(method) }, 0).unwrap();
    }
    let methods = serde_json::to_string(&Call { op: UserOp::from(ledger::Methods {}), now: 5 }).unwrap();
    let last_stored = user.clone();
    bench("Ledger of 5 methods: Methods + compare", 100_000, || {
        black_box(ledger::apply_wire(&mut user, "user", black_box(&methods)).unwrap());
        black_box(user == last_stored);
    });
    // The same ledger with 30 signed-in sessions: telling "nothing changed" by its
    // JSON (as the ledger objects did) and by a copy (clone and compare; the
    // objects keep the copy, so they only compare).
    let policy = domain::session::SessionPolicy::default();
    for i in 0..30 {
        let mut session = domain::session::SessionRecord::new("u".into(), 0, &rng);
        session.device = "Chrome on Windows".into();
        session.country = Some("NL".into());
        let seed = Box::new(serde_json::from_str(r#"{"id":"u","username":"u","display_name":"U"}"#).unwrap());
        let open = ledger::OpenSession { digest: format!("{i:064x}"), session: Box::new(session), policy, seed };
        ledger::apply(&mut user, open, 0).unwrap();
    }
    let json = serde_json::to_string(&user).unwrap();
    println!("  (user ledger of 5 methods and 30 sessions: {} bytes of JSON)", json.len());
    bench("  unchanged? by its JSON", 20_000, || {
        black_box(serde_json::to_string(black_box(&user)).unwrap() == json);
    });
    let stored = user.clone();
    bench("  unchanged? by a copy", 20_000, || {
        let copy = black_box(&user).clone();
        black_box(copy == stored);
    });
    bench("  unchanged? by the kept copy", 20_000, || {
        black_box(black_box(&user) == &stored);
    });
    webauthn();
    id_tokens();
    let hash = domain::password::hash("correct horse battery", &rng).unwrap();
    bench("password::verify (argon2id m=19MiB t=2)", 20, || {
        black_box(domain::password::verify("correct horse battery", &hash));
    });
}

/// An ID token as the token endpoint signs it (ES256), and as an app checks it.
fn id_tokens() {
    use domain::oidc::signing::SigningKeys;
    use domain::oidc::tokens::{IdToken, ID_TYP};
    let keys = SigningKeys::parse("k1:c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721").unwrap();
    let claims = IdToken {
        iss: "https://login.contoso.example".into(),
        aud: "0123456789abcdef0123456789abcdef".into(),
        azp: "0123456789abcdef0123456789abcdef".into(),
        exp: 1_800_000_600,
        iat: 1_800_000_000,
        auth_time: 1_799_999_000,
        nonce: Some("n-0S6_WzA2Mj".into()),
        sid: "00112233445566778899aabbccddeeff".into(),
        acr: "mfa".into(),
        amr: vec!["pwd".into(), "otp".into(), "mfa".into()],
        profile: api::oidc::UserInfo {
            sub: "u1".into(),
            name: Some("Adele Vance".into()),
            preferred_username: Some("adele@contoso.com".into()),
            email: Some("adele@contoso.com".into()),
            email_verified: Some(true),
        },
    };
    bench("ID token sign (ES256)", 2_000, || {
        black_box(keys.sign(ID_TYP, black_box(&claims)).unwrap());
    });
    let jwt = keys.sign(ID_TYP, &claims).unwrap();
    bench("ID token verify (ES256)", 2_000, || {
        black_box(keys.verify::<IdToken>(ID_TYP, black_box(&jwt)).unwrap());
    });
}

/// WebAuthn ceremonies on the responses recorded from Chromium (domain/tests/fixtures).
fn webauthn() {
    use domain::webauthn::{verify_assertion, verify_registration, RelyingParty};
    let f: serde_json::Value = serde_json::from_str(include_str!("../tests/flows/fixtures/webauthn.json")).unwrap();
    let rp = RelyingParty { id: f["rp_id"].as_str().unwrap().into(), origin: f["origin"].as_str().unwrap().into() };
    let handle = f["user_handle"].as_str().unwrap();
    for case in f["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let registration: api::RegistrationCredential =
            serde_json::from_value(case["registration"]["response"].clone()).unwrap();
        let challenge = case["registration"]["challenge"].as_str().unwrap();
        let credential = verify_registration(&registration, challenge, &rp, true).unwrap();
        bench(&format!("webauthn register ({name})"), 2_000, || {
            black_box(verify_registration(black_box(&registration), challenge, &rp, true)).ok();
        });
        let assertion: api::AssertionCredential =
            serde_json::from_value(case["assertions"][0]["response"].clone()).unwrap();
        let challenge = case["assertions"][0]["challenge"].as_str().unwrap();
        bench(&format!("webauthn assert ({name})"), 2_000, || {
            black_box(verify_assertion(black_box(&assertion), challenge, &rp, &credential, handle)).ok();
        });
    }
}
