//! The page shell (`src/shell.rs`) says a few of the portal's strings: only those
//! (`src/shell_ids.txt`) go into the worker, as `OUT_DIR/shell-<lang>.ftl`, not all
//! of `app.ftl` in every language. A message is its `id = …` line and the lines
//! that continue it (indented, or a select's closing brace), as `api::fluent` reads.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let out = std::env::var("OUT_DIR").map_err(std::io::Error::other)?;
    let ids: Vec<&str> =
        include_str!("src/shell_ids.txt").lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    println!("cargo:rerun-if-changed=src/shell_ids.txt");
    for lang in ["en-US", "nl-NL"] {
        let source = format!("../locales/{lang}/app.ftl");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source)?;
        let mut kept = String::new();
        let mut keep = false;
        for line in text.lines() {
            if !line.starts_with([' ', '}']) {
                let id = line.split_once('=').map(|(id, _)| id.trim_end());
                keep = !line.starts_with(['#', '-']) && id.is_some_and(|id| ids.contains(&id));
            }
            if keep {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        std::fs::write(Path::new(&out).join(format!("shell-{lang}.ftl")), kept)?;
    }
    Ok(())
}
