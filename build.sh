#!/usr/bin/env bash
# build.sh — the front door: build, run, test and benchmark Vigie.
# Usage: ./build.sh [run|test|build|wasm|ext|server|worker|bench|clean|help]
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DIST=$ROOT/dist
DATA=${VIGIE_DATA:-$ROOT/data}
ADDR=${VIGIE_ADDR:-127.0.0.1:8787}
export GOFLAGS=${GOFLAGS:--mod=mod}
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

CURRENT=""
step() {
  CURRENT=$*
  printf '\n==> %s\n' "$*"
}
die() {
  printf 'build.sh: %s\n' "$*" >&2
  exit 1
}
trap 'rc=$?; [ $rc -eq 0 ] || [ -z "$CURRENT" ] || printf "build.sh: FAILED (exit %d) in step: %s\n" "$rc" "$CURRENT" >&2' EXIT

go_wasm_dir() { echo "$(go env GOROOT)/lib/wasm"; }

# need_npm DIR installs DIR's npm packages from its lockfile when missing or
# older than the lockfile.
need_npm() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    step "install: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# need_browsers makes sure Debian's chromium (and firefox-esr for the Firefox
# smoke test) are there. Returns 1 when they are missing and cannot be
# installed; CI must not get there.
need_browsers() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    step "install: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    return 0
  fi
  [ "${CI:-}" = "true" ] && die "browser tests need: apt-get install -y ${missing[*]} (not root)"
  printf 'SKIP browser tests: run as root: apt-get update && apt-get install -y %s\n' "${missing[*]}"
  return 1
}

# pack_default_bundle writes the packed default rules next to vigie-wasm, and
# their snapshot (the rules compiled), which the module embeds. Both are
# ignored, generated files: building or vetting the wasm needs them.
pack_default_bundle() {
  mkdir -p "$DIST/bin"
  go build -trimpath -o "$DIST/bin/" ./wasm/cmd/vigie-scan
  "$DIST/bin/vigie-scan" -print-bundle >wasm/cmd/vigie-wasm/bundle.json.tmp
  "$DIST/bin/vigie-scan" -print-snapshot >wasm/cmd/vigie-wasm/snapshot.bin.tmp
  mv wasm/cmd/vigie-wasm/bundle.json.tmp wasm/cmd/vigie-wasm/bundle.json
  mv wasm/cmd/vigie-wasm/snapshot.bin.tmp wasm/cmd/vigie-wasm/snapshot.bin
}

cmd_wasm() {
  step "wasm: compile the detection core to dist/extension/engine/vigie.wasm"
  mkdir -p "$DIST/extension/engine"
  # The packed default bundle is embedded in the module and shipped beside it.
  pack_default_bundle
  cp wasm/cmd/vigie-wasm/bundle.json "$DIST/extension/engine/bundle.json"
  # Packages that never run while scanning are compiled without inlining:
  # parsing and compiling rule bundles (regexp/syntax, jsonv), checking
  # updates (trust, update, edwards25519) and formatting (strconv, time).
  # The module is about 18 KB smaller in brotli; scans take the same time
  # and verifying a signature takes 1.0 ms instead of 0.4 (README, "Benchmarks").
  local flags=() pkg
  for pkg in regexp/syntax vigie/wasm/jsonv vigie/wasm/trust vigie/wasm/update \
    'filippo.io/edwards25519/...' strconv internal/strconv time; do
    flags+=("-gcflags=$pkg=-l")
  done
  GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' "${flags[@]}" \
    -o "$DIST/extension/engine/vigie.wasm" ./wasm/cmd/vigie-wasm
  cp "$(go_wasm_dir)/wasm_exec.js" "$DIST/extension/engine/wasm_exec.js"
  cp wasm/js/engine.js "$DIST/extension/engine/engine.js"
  # Node then loads engine.js and wasm_exec.js as ES modules without first
  # trying them as CommonJS (about 8 ms of a cold start in Node 20). Tests
  # and benchmarks run the shipped core in Node; browsers ignore the file,
  # and vigie-pack leaves it out of the store packages.
  printf '{"type": "module"}\n' >"$DIST/extension/engine/package.json"
}

# cmd_ext packs the extension; extra arguments go to vigie-pack (the run job
# passes the development root key and server URL).
cmd_ext() {
  cmd_wasm
  step "ext: minify and pack the extension into dist/extension and dist/vigie-{chrome,firefox}.zip"
  go run ./extension/cmd/vigie-pack -src extension/src -dist "$DIST" "$@"
}

cmd_server() {
  step "server: build vigie-server, vigie-admin and vigie-scan into dist/bin"
  mkdir -p "$DIST/bin"
  go build -trimpath -o "$DIST/bin/" ./server/cmd/vigie-server ./server/cmd/vigie-admin ./wasm/cmd/vigie-scan
}

cmd_worker() {
  need_npm server/worker
  step "worker: build the Cloudflare Worker into dist/worker and check its size"
  go tool workers-assets-gen -mode=go -o "$DIST/worker"
  GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$DIST/worker/app.wasm" ./server/cmd/vigie-worker
  local out kib
  out=$(cd server/worker && npx --no-install wrangler deploy --dry-run --outdir "$DIST/worker-deploy" 2>&1) || die "wrangler deploy --dry-run: $out"
  kib=$(printf '%s\n' "$out" | sed -n 's/.*gzip: *\([0-9.]*\) *KiB.*/\1/p' | tail -1)
  [ -n "$kib" ] || die "wrangler printed no gzip size: $out"
  printf 'worker upload: %s KiB gzip (free plan limit 3072 KiB)\n' "$kib"
  awk -v k="$kib" 'BEGIN { exit !(k <= 3072) }' || die "worker is over the 3 MiB free-plan limit"
}

cmd_build() {
  cmd_ext
  cmd_server
  cmd_worker
}

cmd_test() {
  step "test: gofmt and go vet"
  local unformatted
  unformatted=$(gofmt -l $(git ls-files '*.go') 2>/dev/null || true)
  [ -z "$unformatted" ] || die "gofmt would change: $unformatted"
  go vet ./...
  pack_default_bundle
  GOOS=js GOARCH=wasm go vet ./wasm/... ./server/cmd/vigie-worker ./server/store/d1
  step "test: the wasm core links neither encoding/json, crypto/ed25519 nor phonenumbers (size budget)"
  if GOOS=js GOARCH=wasm go list -deps ./wasm/cmd/vigie-wasm | grep -E '^(encoding/json|crypto/ed25519|github.com/nyaruka/.*)$'; then
    die "the wasm core links a package kept out of it for size (see wasm/jsonv, wasm/trust/internal/edverify)"
  fi

  need_npm server/worker
  step "test: Go, native, with -race (includes the worker contract under wrangler dev)"
  VIGIE_TEST_WORKER=1 go test -race -count=1 ./...
  step "test: short fuzz runs of every fuzz target"
  fuzz_short
  step "test: Go under GOOS=js GOARCH=wasm in Node"
  PATH="$PATH:$(go_wasm_dir)" GOOS=js GOARCH=wasm go test -count=1 ./wasm/...

  cmd_ext
  step "test: the shipped wasm through engine.js in Node (parity with native)"
  node --test wasm/js/test/
  web_ext_lint
  need_npm extension
  step "test: extension unit tests"
  (cd extension && node --test test/unit/)
  if need_browsers; then
    step "test: extension end to end in headless Chromium, rule updates against the server and the worker, Firefox smoke test"
    (cd extension && VIGIE_TEST_WORKER=1 node --test --test-concurrency=1 test/e2e/)
  fi
}

# web_ext_lint runs Mozilla's web-ext lint on the Firefox zip, warnings as
# errors. web-ext is installed from extension/tools/web-ext's lockfile into a
# cache directory outside the repository: one of its dependencies ships a .go
# file that `go vet ./...` would otherwise pick up.
web_ext_lint() {
  local cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/vigie/web-ext src
  mkdir -p "$cache"
  if ! cmp -s extension/tools/web-ext/package-lock.json "$cache/package-lock.json" || [ ! -d "$cache/node_modules" ]; then
    step "install: web-ext (npm ci) in $cache"
    cp extension/tools/web-ext/package.json extension/tools/web-ext/package-lock.json "$cache/"
    (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  step "test: web-ext lint on dist/vigie-firefox.zip (warnings are errors)"
  src=$(mktemp -d)
  (cd "$src" && unzip -q "$DIST/vigie-firefox.zip")
  (cd "$cache" && npx --no-install web-ext lint --source-dir "$src" --warnings-as-errors --output text)
  rm -rf "$src"
}

# fuzz_short runs every fuzz target for a few seconds; a failure prints the
# fuzzer's output (a crasher is also saved under the package's testdata/fuzz).
# Go's fuzzer sometimes ends a run with "context deadline exceeded" and no
# failing input when its time is up mid-step: that run is repeated, once.
fuzz_short() {
  local pkg target out try
  for pkg in $(go list ./wasm/... ./server/...); do
    for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
      for try in 1 2; do
        if out=$(go test -run='^$' -fuzz="^${target}\$" -fuzztime=4s "$pkg" 2>&1); then
          break
        fi
        if [ "$try" = 1 ] && grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
          continue
        fi
        printf '%s\n' "$out" | grep -v '^fuzz: elapsed' >&2
        die "fuzz target $target in $pkg failed"
      done
    done
  done
}

cmd_bench() {
  cmd_ext
  cmd_server
  need_npm wasm/bench
  step "bench: detection core, wasm in Node vs native vs npm peers (medians, ratios)"
  node wasm/bench/bench.mjs
  step "bench: rule server on loopback (latest 304 and 200)"
  go run ./server/cmd/vigie-load -target native -c 8
  need_npm extension
  if need_browsers; then
    step "bench: extension keystroke → highlight latency in Chromium"
    (cd extension && node bench/latency.mjs 40)
  fi
}

# cmd_run is the main job: build, start the rule server with its SQLite
# store and a development root, publish the default rules, and build the
# extension that trusts that root and polls that server.
cmd_run() {
  cmd_server
  step "run: development keys and admin token in $DATA (kept across runs)"
  "$DIST/bin/vigie-admin" dev-init -data "$DATA" >/dev/null
  step "run: start vigie-server on http://$ADDR"
  "$DIST/bin/vigie-server" -data "$DATA" -addr "$ADDR" &
  local pid=$!
  trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' INT TERM
  local i
  for i in $(seq 1 100); do
    curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || die "vigie-server exited; see its log above"
    sleep 0.1
  done
  export VIGIE_SERVER="http://$ADDR" VIGIE_ADMIN_TOKEN
  VIGIE_ADMIN_TOKEN=$(cat "$DATA/admin.token")
  step "run: publish the keys document and the default rules to 'stable' (if empty)"
  "$DIST/bin/vigie-admin" keys push "$DATA/keys.json"
  "$DIST/bin/vigie-admin" publish -default -if-empty -channel stable -key "$DATA/release.key"
  cmd_ext -root-key "$DATA/root.pub" -server "http://$ADDR" -channel stable
  cat <<NEXT

Vigie is running.
  rules server  http://$ADDR   (latest: curl http://$ADDR/v1/channels/stable/latest)
  extension     dist/extension (Chromium: chrome://extensions → Developer mode → Load unpacked;
                Firefox: about:debugging → This Firefox → Load Temporary Add-on → dist/extension/manifest.json)
  publish       VIGIE_SERVER=http://$ADDR VIGIE_ADMIN_TOKEN=\$(cat $DATA/admin.token) \\
                dist/bin/vigie-admin pack -rules wasm/rules -version 2026.11.27 -out /tmp/b.json && \\
                dist/bin/vigie-admin publish -bundle /tmp/b.json -key $DATA/release.key
Ctrl-C stops the server.
NEXT
  CURRENT=""
  wait $pid
}

cmd_clean() {
  step "clean: remove dist/ (the data directory $DATA is kept)"
  rm -rf "$DIST" wasm/cmd/vigie-wasm/bundle.json
}

cmd_help() {
  cat <<'HELP'
Usage: ./build.sh COMMAND
  run     build, start the rules server (SQLite store, development root, default
          rules published to 'stable') and build the extension for it — the main job
  test    every test: gofmt/vet, Go native (+ worker contract under wrangler dev),
          fuzz, Go under wasm, wasm parity, extension unit and browser end-to-end
  build   everything into dist/ (default): extension, server binaries, worker
  wasm    the detection core: dist/extension/engine/{vigie.wasm,wasm_exec.js,engine.js,bundle.json}
  ext     the extension: dist/extension, dist/vigie-chrome.zip, dist/vigie-firefox.zip
  server  dist/bin/{vigie-server,vigie-admin,vigie-scan}
  worker  the Cloudflare Worker build in dist/worker, with its size check
  bench   benchmarks (medians and ratios in one run; not pass/fail)
  clean   remove dist/
Environment: VIGIE_DATA (default ./data), VIGIE_ADDR (default 127.0.0.1:8787).
HELP
}

case "${1:-build}" in
run) cmd_run ;;
test) cmd_test ;;
build) cmd_build ;;
wasm) cmd_wasm ;;
ext) cmd_ext ;;
server) cmd_server ;;
worker) cmd_worker ;;
bench) cmd_bench ;;
clean) cmd_clean ;;
help | -h | --help) cmd_help ;;
*)
  cmd_help
  die "unknown command: $1"
  ;;
esac
CURRENT=""
