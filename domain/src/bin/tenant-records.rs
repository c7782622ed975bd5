//! Reads a tenant file (JSON, see `domain::tenant_file`) on stdin and what is stored
//! for the tenant now (a JSON object key → value, or `wrangler kv bulk get`'s
//! key → {value}) from the file named by the first argument, and prints the plan
//! as JSON: `put` (for `wrangler kv bulk put`), `delete`, `changes` (readable
//! lines) and `passes` (new users' one-time access passes). `scripts/tenant.sh`
//! runs it.

use domain::entropy::Entropy;
use domain::tenant_file::{Existing, TenantFile};
use serde_json::{json, Value};
use std::io::Read;
use std::process::ExitCode;

/// The operating system's randomness, for user ids and passes.
struct OsRandom;

impl Entropy for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        // /dev/urandom never blocks once the system is up; a failed read leaves the
        // zeroed buffer, so refuse to go on rather than use zeros.
        let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(buf)).is_ok();
        if !ok {
            eprintln!("tenant-records: cannot read /dev/urandom");
            std::process::exit(1);
        }
    }
}

fn fail(message: String) -> ExitCode {
    eprintln!("tenant-records: {message}");
    ExitCode::FAILURE
}

/// Stored values as `{key: value}`; `wrangler kv bulk get` nests them as
/// `{key: {"value": …}}` and answers `null` for a missing key.
fn existing(text: &str) -> Result<Existing, String> {
    let map: serde_json::Map<String, Value> = serde_json::from_str(text).map_err(|e| format!("stored state: {e}"))?;
    let mut out = Existing::new();
    for (key, value) in map {
        let value = match value {
            Value::Object(mut o) => o.remove("value").unwrap_or(Value::Null),
            other => other,
        };
        if let Value::String(text) = value {
            out.insert(key, text);
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        return fail("cannot read stdin".into());
    }
    let file: TenantFile = match serde_json::from_str(&input) {
        Ok(f) => f,
        Err(e) => return fail(format!("not a tenant file: {e}")),
    };
    let stored = match std::env::args().nth(1).map(std::fs::read_to_string).transpose() {
        Ok(text) => existing(text.as_deref().unwrap_or("{}")),
        Err(e) => return fail(format!("cannot read the stored state: {e}")),
    };
    let stored = match stored {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let now = u64::try_from(now).unwrap_or(0);
    match domain::tenant_file::plan(&file, &stored, &OsRandom, now) {
        Ok(plan) => {
            let put: Vec<Value> = plan
                .records
                .iter()
                .map(|(key, value, ttl)| match ttl {
                    Some(ttl) => json!({ "key": key, "value": value, "expiration_ttl": ttl }),
                    None => json!({ "key": key, "value": value }),
                })
                .collect();
            let changes: Vec<String> = plan.changes.iter().map(ToString::to_string).collect();
            let passes: Vec<Value> =
                plan.passes.iter().map(|(username, pass)| json!({ "username": username, "pass": pass })).collect();
            let out = json!({ "put": put, "delete": plan.deletes, "changes": changes, "passes": passes });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(problem) => fail(format!("{problem:?}")),
    }
}
