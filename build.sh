#!/usr/bin/env bash
# build.sh — the front door: build, run, test and benchmark Vigie.
# Usage: ./build.sh [run|test|build|wasm|ext|server|worker|bench|clean|help]
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DIST=$ROOT/dist
export GOFLAGS=${GOFLAGS:--mod=mod}

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; [ $rc -eq 0 ] || printf "build.sh: step failed (exit %d): %s\n" "$rc" "${CURRENT:-?}" >&2' EXIT
current() { CURRENT=$*; step "$*"; }

go_wasm_dir() { echo "$(go env GOROOT)/lib/wasm"; }

cmd_wasm() {
  current "wasm: compile the detection core to dist/extension/engine/vigie.wasm"
  mkdir -p "$DIST/extension/engine"
  # The packed default bundle is embedded in the module and shipped beside it.
  go run ./wasm/cmd/vigie-scan -print-bundle > wasm/cmd/vigie-wasm/bundle.json
  cp wasm/cmd/vigie-wasm/bundle.json "$DIST/extension/engine/bundle.json"
  GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$DIST/extension/engine/vigie.wasm" ./wasm/cmd/vigie-wasm
  cp "$(go_wasm_dir)/wasm_exec.js" "$DIST/extension/engine/wasm_exec.js"
  cp wasm/js/engine.js "$DIST/extension/engine/engine.js"
}

cmd_build() {
  cmd_wasm
}

cmd_test() {
  current "test: gofmt and go vet"
  local unformatted
  unformatted=$(gofmt -l $(git ls-files '*.go') 2>/dev/null || true)
  [ -z "$unformatted" ] || die "gofmt would change: $unformatted"
  go vet ./...
  current "test: Go, native (with -race)"
  go test -race -count=1 ./...
  current "test: short fuzz runs"
  fuzz_short
  current "test: Go under GOOS=js GOARCH=wasm in Node"
  GOOS=js GOARCH=wasm go test -count=1 -exec="$(go_wasm_dir)/go_js_wasm_exec" ./wasm/engine/... ./wasm/validators/... ./wasm/rules/...
  cmd_build
}

# fuzz_short runs every fuzz target of the core for a few seconds each.
fuzz_short() {
  local pkg target
  for pkg in ./wasm/engine ./wasm/validators; do
    for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
      go test -run='^$' -fuzz="^${target}\$" -fuzztime=5s "$pkg"
    done
  done
}

cmd_bench() {
  cmd_wasm
  current "bench: native engine"
  go test -run='^$' -bench=. -benchmem ./wasm/engine/
}

cmd_run() {
  cmd_build
  current "run: scan a sample post with the native CLI"
  go run ./wasm/cmd/vigie-scan "Coucou ! Pour la cagnotte de Léa, mon RIB : FR76 3000 6000 0112 3456 7890 189 et écrivez-moi à marie.dupont@gmail.com 😊"
}

cmd_clean() {
  current "clean: remove dist/"
  rm -rf "$DIST"
}

cmd_help() {
  sed -n '2,3p' "$0" | sed 's/^# //'
  cat <<'HELP'
  run     build everything, then start the rules server (main job)
  test    every test: gofmt/vet, Go native, fuzz, Go under wasm, wasm parity
  build   everything into dist/ (default)
  wasm    the detection core: dist/extension/engine/{vigie.wasm,wasm_exec.js,engine.js}
  bench   benchmarks (medians and ratios, not pass/fail)
  clean   remove dist/
HELP
}

case "${1:-build}" in
  run) cmd_run ;;
  test) cmd_test ;;
  build) cmd_build ;;
  wasm) cmd_wasm ;;
  bench) cmd_bench ;;
  clean) cmd_clean ;;
  help|-h|--help) cmd_help ;;
  *) cmd_help; die "unknown command: $1" ;;
esac
CURRENT=""
