#!/usr/bin/env bash
# Builds the SPA (Trunk, release) into dist/ and the worker into worker/build-dev
# (`dev`: outbox and demo seed) or worker/build (`prod`).
# Usage: scripts/build.sh dev|prod [--worker-only | --spa-only]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mode=${1:-dev}
worker_only=0 spa_only=0
[ "${2:-}" = --worker-only ] && worker_only=1
[ "${2:-}" = --spa-only ] && spa_only=1

if [ "$worker_only" = 0 ]; then
echo "== building the SPA"
cargo fetch -q
# The SPA alone builds on a pinned nightly: std rebuilt with panics that abort at
# once, without panic locations (-24 KB brotli, see docs/architecture.md) and with
# `{:?}` printing nothing (the SPA shows no Debug output; -4 KB brotli). Worker and native
# code stay on stable. The env rustflags replace .cargo/config.toml's, so they repeat
# erase_components.
spa_env=(RUSTUP_TOOLCHAIN="$SPA_TOOLCHAIN" CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none -Clink-arg=--emit-relocs")
# Trunk copies the page, CSS, locales and boot.js; the wasm bundles are built below
# (index.html names the crate with data-trunk-skip: Trunk cannot cut wasm chunks).
trunk build --release --skip-version-check
sed -i '/data-trunk rel="rust"/d' dist/index.html
# The SPA's Fluent files without comments and blank lines (email.ftl, the worker's,
# has blank lines inside messages and is not loaded by the pages).
find dist/locales -name '*.ftl' ! -name email.ftl -exec sed -i -e '/^#/d' -e '/^[[:space:]]*$/d' {} +
# The first load's own scripts and styles, minified (~1 KB brotli less).
for file in dist/boot.js dist/not-found.js dist/form-post.js dist/work.js dist/main.css dist/users.css dist/admin.css dist/chunks.css; do
  "$ESBUILD_BIN" "$file" --minify --target=es2020 --allow-overwrite --outfile="$file" --log-level=warning
done
# Trunk's integrity hash of main.css names the file as it wrote it: the minified one's.
sri="sha384-$("$NODE22" -e "process.stdout.write(require('crypto').createHash('sha384').update(require('fs').readFileSync('dist/main.css')).digest('base64'))")"
sed -i "s|\(href=\"/main.css\" integrity=\"\)[^\"]*|\1$sri|" dist/index.html
grep -q "integrity=\"$sri\"" dist/index.html || { echo "main.css integrity not updated" >&2; exit 1; }
# /admin, /admin/users and /reset get a copy of the page that preloads their
# bundle instead of the portal's (the asset server answers /admin with admin.html,
# /admin/users with admin/users.html, and app/static/_redirects sends the
# tenant-prefixed paths there).
mkdir -p dist/admin
for page in admin:admin users:admin/users reset:reset; do
  bundle=${page%%:*}
  sed -e "s|/app\.js|/$bundle.js|; s|/app_bg\.wasm|/${bundle}_bg.wasm|; /__wasm_split\.js/d" dist/index.html >"dist/${page#*:}.html"
done
# The admin's pages' own styles, and the Users page's (the other pages never load them).
sed -i 's|^\(.*<link rel="stylesheet" href="/main.css"[^>]*>\)|\1\n  <link rel="stylesheet" href="/admin.css">\n  <link rel="stylesheet" href="/users.css">|' dist/admin/users.html
sed -i 's|^\(.*<link rel="stylesheet" href="/main.css"[^>]*>\)|\1\n  <link rel="stylesheet" href="/admin.css">|' dist/admin.html
# The reset shows what the portal's chunks do (its styles load with the first chunk there).
sed -i 's|^\(.*<link rel="stylesheet" href="/main.css"[^>]*>\)|\1\n  <link rel="stylesheet" href="/chunks.css">|' dist/reset.html
# Four bundles (the crate's binaries; boot.js loads each for its pages): the
# portal everyone loads, the admin's two pages' and the password reset's. Relocations
# are kept so wasm-split-cli can cut the portal's `wasm_split` functions
# (app/src/main.rs) into chunks that load on demand.
env "${spa_env[@]}" cargo build -q --release --target wasm32-unknown-unknown -p app --bin app --bin admin --bin users --bin reset
wasm_dir=target/wasm32-unknown-unknown/release
for bundle in app admin users reset; do
  # wasm-split-cli also drops the relocations from bundles without chunks.
  split_dir=target/wasm-split/$bundle
  rm -rf "$split_dir" && mkdir -p "$split_dir"
  wasm-split-cli "$wasm_dir/$bundle.wasm" "$split_dir" --out-name "$bundle" --target web
  if [ "$bundle" = app ]; then
    cp "$split_dir"/__wasm_split.js "$split_dir"/split_*.wasm "$split_dir"/chunk_*.wasm dist/
  elif ls "$split_dir"/split_*.wasm >/dev/null 2>&1; then
    echo "the $bundle bundle has wasm_split chunks; only the portal's are served" >&2; exit 1
  fi
  # The chunks call through the portal's function table: keep it exported.
  wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir dist --out-name "$bundle" "$split_dir/$bundle.wasm"
done
# Until nothing shrinks (-0.6 KB brotli for the portal), without the producers and
# target-features sections no browser reads.
for wasm in dist/*.wasm; do
  wasm-opt -Oz --converge --strip-producers --strip-target-features "$wasm" -o "$wasm"
done
# wasm-bindgen's glue, minified (-1.3 KB brotli a bundle; export and import names
# stay); the chunk loader after its chunks' names are set below.
for glue in dist/app.js dist/admin.js dist/users.js dist/reset.js; do
  "$ESBUILD_BIN" "$glue" --minify --format=esm --target=es2022 --allow-overwrite --outfile="$glue" --log-level=error
done
# The wasm's imports from its glue get short names in both (-3.9 KB brotli for the
# portal: the long names carry a hash each).
for bundle in app admin users reset; do
  node scripts/short-imports.mjs "dist/${bundle}_bg.wasm" "dist/$bundle.js" "./${bundle}_bg.js"
done
# The chunks link against this very build of app_bg.wasm (its function table and
# memory layout), so their names carry its hash: a page loaded before a deploy then
# fails to fetch a chunk (and says so) instead of running one of another build.
build_id=$(sha256sum dist/app_bg.wasm | cut -c1-12)
for chunk in dist/split_*.wasm dist/chunk_*.wasm; do
  name=$(basename "$chunk" .wasm)
  mv "$chunk" "dist/$name.$build_id.wasm"
  sed -i "s|\"./$name.wasm\"|\"./$name.$build_id.wasm\"|" dist/__wasm_split.js
done
"$ESBUILD_BIN" dist/__wasm_split.js --minify --format=esm --target=es2022 --allow-overwrite \
  --outfile=dist/__wasm_split.js --log-level=error

fi
if [ "$spa_only" = 1 ]; then exit 0; fi

echo "== building the worker ($mode)"
cd worker
# On the SPA's nightly too, with std rebuilt and panics that abort at once without
# messages or locations: -68 KB gzip (the 1 MiB budget). A panic is a trap either
# way (panic=abort); input never panics (clippy denies unwrap, expect, panic).
# `{:?}` prints nothing (-12 KB gzip): nothing the worker answers or stores is
# made with Debug (a country code once was: `domain::phone` uses its name).
worker_env=(RUSTUP_TOOLCHAIN="$SPA_TOOLCHAIN" CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none")
if [ "$mode" = prod ]; then
  out=build
  features=()
else
  out=build-dev
  features=(--features dev)
fi
# Built beside the live directory and swapped in at the end: a `wrangler dev`
# serving it (make dev) reloads once, on complete files, instead of reading a
# half-written module and dying.
# KEEP_NAMES=1 (profiling, tests/bench/profile.mjs): no size passes, which drop the
# wasm's function names.
keep_names=${KEEP_NAMES:-0}
passes=()
[ "$keep_names" = 1 ] && passes=(--no-opt)
rm -rf "$out.next"
env "${worker_env[@]}" worker-build --release "${passes[@]}" --out-dir "$out.next" "${features[@]}"
# The worker calls its ledger objects by Workers RPC (worker/src/ledger.rs), which the
# runtime serves on classes deriving from its DurableObject; worker-build's shim
# exports the class without that base (its "plain" shim does the same as here).
# The bundle is minified: the class is exported under another local name.
class=$(grep -o '[A-Za-z_$][A-Za-z0-9_$]* as LedgerObject[,}]' "$out.next/index.js" | head -1 | cut -d' ' -f1 || true)
class=${class:-LedgerObject}
printf '\nimport{DurableObject as SiDurableObject}from"cloudflare:workers";\n%s\n%s\n' \
  "Object.setPrototypeOf($class.prototype,SiDurableObject.prototype);" \
  "Object.setPrototypeOf($class,SiDurableObject);" >> "$out.next/index.js"
# worker-build keeps the name section (485 KB); a size pass drops it and shrinks code.
[ "$keep_names" = 1 ] || wasm-opt -Oz "$out.next/index_bg.wasm" -o "$out.next/index_bg.wasm"
rm -rf "$out.old"
if [ -d "$out" ]; then mv "$out" "$out.old"; fi
mv "$out.next" "$out"
rm -rf "$out.old"
