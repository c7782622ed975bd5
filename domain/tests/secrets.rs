//! `scripts/secrets.sh` makes keys the worker reads, and its rotation puts a new
//! key in front: the new one seals and signs, the old ones still open and verify.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::entropy::Seeded;
use domain::oidc::signing::SigningKeys;
use domain::sealing::Keyring;
use std::process::Command;

/// The values the script would store: (SEALING_KEYS, OIDC_SIGNING_KEYS).
fn run(env: &[(&str, &str)], args: &[&str]) -> (String, String) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/secrets.sh");
    let out = Command::new("bash").arg(script).args(args).envs(env.iter().copied()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let value = |name: &str| {
        let line = text.lines().find(|l| l.contains(&format!("| npx wrangler secret put {name} "))).unwrap();
        line.split('\'').nth(3).unwrap().to_string()
    };
    (value("SEALING_KEYS"), value("OIDC_SIGNING_KEYS"))
}

#[test]
fn the_script_makes_keys_the_worker_reads_and_rotates_them() {
    let (sealing, signing) = run(&[], &[]);
    let ring = Keyring::parse(&sealing).expect("a key ring");
    assert!(SigningKeys::parse(&signing).is_some(), "{signing}");
    let (again, _) = run(&[], &[]);
    assert_ne!(again, sealing, "random every time");

    let sealed = ring.seal(b"authenticator secret", "aad", &Seeded::new(1)).unwrap();
    let (rotated, rotated_signing) =
        run(&[("SEALING_KEYS", sealing.as_str()), ("OIDC_SIGNING_KEYS", signing.as_str())], &["--rotate"]);
    assert!(rotated.ends_with(&format!(",{sealing}")));
    let rotated_ring = Keyring::parse(&rotated).unwrap();
    assert_ne!(rotated_ring.current_id(), ring.current_id());
    assert_eq!(rotated_ring.open(&sealed, "aad").unwrap(), b"authenticator secret");
    assert_eq!(rotated_ring.seal(b"x", "aad", &Seeded::new(2)).unwrap().kid, rotated_ring.current_id());
    let keys = SigningKeys::parse(&rotated_signing).unwrap();
    assert_eq!(keys.jwks().keys.len(), 2, "both keys are published");
}
