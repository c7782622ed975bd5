//! Reads a tenant file (JSON, see `domain::tenant_file`) on stdin and prints the KV
//! records for `wrangler kv bulk put` on stdout. Used by `scripts/tenant.sh`.

use domain::entropy::Entropy;
use std::io::Read;
use std::process::ExitCode;

/// The operating system's randomness, for password salts.
struct OsRandom;

impl Entropy for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        // /dev/urandom never blocks once the system is up; a failed read leaves the
        // zeroed buffer, so refuse to go on rather than salt with zeros.
        let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(buf)).is_ok();
        if !ok {
            eprintln!("tenant-records: cannot read /dev/urandom");
            std::process::exit(1);
        }
    }
}

fn main() -> ExitCode {
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        eprintln!("tenant-records: cannot read stdin");
        return ExitCode::FAILURE;
    }
    let file: domain::tenant_file::TenantFile = match serde_json::from_str(&input) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("tenant-records: not a tenant file: {e}");
            return ExitCode::FAILURE;
        }
    };
    match domain::tenant_file::records(&file, &OsRandom) {
        Ok(records) => {
            let bulk: Vec<serde_json::Value> =
                records.into_iter().map(|(key, value)| serde_json::json!({ "key": key, "value": value })).collect();
            println!("{}", serde_json::to_string_pretty(&bulk).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("tenant-records: {problem:?}");
            ExitCode::FAILURE
        }
    }
}
