//! Password hashing: Argon2id with OWASP's first recommended cost (m = 19 MiB, t = 2,
//! p = 1). In workerd it costs roughly 110–200 ms of CPU per sign-in, which needs the
//! Workers paid plan (the free plan stops at 10 ms); the cheaper m = 8 MiB, t = 1
//! (~15 ms) was rejected as below OWASP's floor. Sign-in is rare, so the cost is paid
//! where it protects most.

use crate::entropy::Entropy;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;

/// Security-question answers are hashed one by one (a reset checks a random subset)
/// and up to five at a time, so each gets the cheaper m = 8 MiB, t = 1 (~15–19 ms in
/// workerd): five at registration stay under 100 ms of CPU.
pub const ANSWER_MEMORY_KIB: u32 = 8 * 1024;
pub const ANSWER_ITERATIONS: u32 = 1;

fn hasher_with(memory_kib: u32, iterations: u32) -> Argon2<'static> {
    // The parameters are constants within argon2's documented bounds.
    let params = Params::new(memory_kib, iterations, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hasher() -> Argon2<'static> {
    hasher_with(MEMORY_KIB, ITERATIONS)
}

fn hash_with<E: Entropy>(secret: &str, entropy: &E, argon: Argon2<'static>) -> Option<String> {
    let mut salt = [0u8; 16];
    entropy.fill(&mut salt);
    let salt = SaltString::encode_b64(&salt).ok()?;
    argon.hash_password(secret.as_bytes(), &salt).ok().map(|h| h.to_string())
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of a new password.
pub fn hash<E: Entropy>(password: &str, entropy: &E) -> Option<String> {
    hash_with(password, entropy, hasher())
}

/// The PHC string of a (normalised) security-question answer.
pub fn hash_answer<E: Entropy>(answer: &str, entropy: &E) -> Option<String> {
    hash_with(answer, entropy, hasher_with(ANSWER_MEMORY_KIB, ANSWER_ITERATIONS))
}

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// Fewer than [`MIN_LENGTH`] characters (or more than [`MAX_LENGTH`]).
    Length,
    /// On the bundled list of the most common passwords.
    Common,
    /// Contains the user's sign-in name (or its part before `@`).
    ContainsUsername,
}

pub const MIN_LENGTH: usize = 8;
/// Long enough for any passphrase, short enough to bound hashing work.
pub const MAX_LENGTH: usize = 256;

static COMMON: &str = include_str!("../data/common-passwords.txt");

fn is_common(password: &str) -> bool {
    // The list is sorted: its lines are split once per isolate, then binary-searched.
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let lines = LINES.get_or_init(|| COMMON.lines().collect());
    lines.binary_search(&password.to_lowercase().as_str()).is_ok()
}

/// NIST SP 800-63B rules for a new password: length, not a common password, not the
/// user's own name. No composition rules.
pub fn check_new(password: &str, username: &str) -> Result<(), Weakness> {
    let length = password.chars().count();
    if !(MIN_LENGTH..=MAX_LENGTH).contains(&length) {
        return Err(Weakness::Length);
    }
    if is_common(password) {
        return Err(Weakness::Common);
    }
    let lower = password.to_lowercase();
    let name = username.to_lowercase();
    let local = name.split('@').next().unwrap_or_default();
    if (local.chars().count() >= 3 && lower.contains(local)) || lower.contains(&name) {
        return Err(Weakness::ContainsUsername);
    }
    Ok(())
}

/// Verifies with the parameters stored in the hash, so old hashes keep working
/// after the cost changes.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
}

/// Checked for unknown sign-in names so they take as long as known ones.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2VjdXJpdHktaW5mby1kdW1teQ$0uQWkKqPn0mQ4Hrn3XbSxWy7Yl1RFc2ZgI8Jt8xWcw8";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::Seeded;

    #[test]
    fn hashes_verify_and_use_the_stated_cost() {
        let h = hash("correct horse", &Seeded::new(1)).unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse", &h));
        assert!(!verify("correct hors", &h));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn new_passwords_follow_length_common_list_and_name_rules() {
        assert_eq!(check_new("short1!", "adele@contoso.com"), Err(Weakness::Length));
        assert_eq!(check_new(&"x".repeat(257), "a"), Err(Weakness::Length));
        for common in ["password", "Password1", "12345678", "iloveyou", "QWERTYUIOP"] {
            assert_eq!(check_new(common, "adele@contoso.com"), Err(Weakness::Common), "{common}");
        }
        assert_eq!(check_new("Adele-likes-tea", "adele@contoso.com"), Err(Weakness::ContainsUsername));
        assert_eq!(check_new("correct horse battery", "adele@contoso.com"), Ok(()));
        assert_eq!(check_new("ünïcødé pässwörd", "adele@contoso.com"), Ok(()));
        assert!(COMMON.lines().all(|l| l.chars().count() >= MIN_LENGTH), "shorter ones fail the length rule anyway");
        let lines: Vec<&str> = COMMON.lines().collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted for binary search");
    }

    #[test]
    fn answers_hash_cheaper_and_verify() {
        let h = hash_answer("amsterdam", &Seeded::new(2)).unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=8192,t=1,p=1$"));
        assert!(verify("amsterdam", &h));
        assert!(!verify("rotterdam", &h));
    }

    #[test]
    fn dummy_hash_is_well_formed_and_matches_nothing_typed() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!verify("", DUMMY_HASH));
        assert!(!verify("password", DUMMY_HASH));
    }
}
