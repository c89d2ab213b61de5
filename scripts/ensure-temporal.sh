#!/usr/bin/env bash
# Finds the Temporal CLI, building it with `go install` when there is none, and prints its path on
# the last line of stdout:
#
#   TEMPORAL_CLI_PATH="$(bash scripts/ensure-temporal.sh | tail -n 1)"
#
# Resolution order (docs: DESIGN.md decision 8):
#   1. $TEMPORAL_CLI_PATH (must be an executable file when set)
#   2. resources/bin/temporal of this checkout (what installers bundle)
#   3. `temporal` on PATH
#   4. the project-local cache ${DURABLE_AGENT_CACHE:-$HOME/.cache/durable-agent}/bin/temporal
#   5. when Go is available: GOBIN=<cache>/bin go install github.com/temporalio/cli/cmd/temporal@v1.5.1,
#      falling back to v1.5.0 then v1.4.1; failures are recorded in <cache>/temporal-build.log.
set -euo pipefail

readonly module="github.com/temporalio/cli/cmd/temporal"
readonly versions=(v1.5.1 v1.5.0 v1.4.1)
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${DURABLE_AGENT_CACHE:-$HOME/.cache/durable-agent}"
cache_bin="$cache_dir/bin/temporal"
build_log="$cache_dir/temporal-build.log"

say() { echo "ensure-temporal: $*" >&2; }

# Succeeds when $1 is an executable that runs as a Temporal CLI.
works() {
  [ -f "$1" ] && [ -x "$1" ] && "$1" --version >/dev/null 2>&1
}

found() {
  say "using $("$1" --version 2>/dev/null | head -n 1) at $1 ($2)"
  echo "$1"
  exit 0
}

if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
  if works "$TEMPORAL_CLI_PATH"; then found "$TEMPORAL_CLI_PATH" "from TEMPORAL_CLI_PATH"; fi
  say "TEMPORAL_CLI_PATH is set to '$TEMPORAL_CLI_PATH', which is not a working temporal binary."
  say "Fix or unset TEMPORAL_CLI_PATH."
  exit 1
fi

if works "$repo_root/resources/bin/temporal"; then found "$repo_root/resources/bin/temporal" "bundled"; fi

if on_path="$(command -v temporal 2>/dev/null)" && works "$on_path"; then found "$on_path" "on PATH"; fi

if works "$cache_bin"; then found "$cache_bin" "cached build"; fi

if ! command -v go >/dev/null 2>&1; then
  say "no Temporal CLI found. Looked at: \$TEMPORAL_CLI_PATH (unset), $repo_root/resources/bin/temporal,"
  say "  'temporal' on PATH, $cache_bin."
  say "To fix it, do one of:"
  say "  - install Go (https://go.dev/dl/) and run this script again: it builds the CLI once into $cache_dir/bin"
  say "  - set TEMPORAL_CLI_PATH to a temporal binary (https://github.com/temporalio/cli/releases)"
  say "  - put 'temporal' on PATH (e.g. 'brew install temporal')"
  exit 1
fi

mkdir -p "$cache_dir/bin"

# Serialise concurrent builds into the same cache; the loser of the race reuses the winner's binary.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_dir/temporal-build.lock"
  if ! flock -n 9; then
    say "another build of the Temporal CLI into $cache_dir/bin is running; waiting for it ..."
    flock 9
    if works "$cache_bin"; then found "$cache_bin" "built by a concurrent run"; fi
  fi
fi

output="$(mktemp)"
build_pid=""
# Interrupted (Ctrl-C, CI timeout): do not leave a `go install` running behind us.
trap 'if [ -n "$build_pid" ]; then kill "$build_pid" 2>/dev/null || true; fi; rm -f "$output"' EXIT
trap 'exit 130' INT TERM

for version in "${versions[@]}"; do
  say "building Temporal CLI $version with go install (first time only, takes a few minutes)..."
  started=$SECONDS
  GOBIN="$cache_dir/bin" go install "$module@$version" >"$output" 2>&1 &
  build_pid=$!
  next_report=$((started + 30))
  while kill -0 "$build_pid" 2>/dev/null; do
    sleep 2
    if [ "$SECONDS" -ge "$next_report" ] && kill -0 "$build_pid" 2>/dev/null; then
      say "  still building $version ... $((SECONDS - started))s"
      next_report=$((SECONDS + 30))
    fi
  done
  build_status=0
  wait "$build_pid" || build_status=$?
  build_pid=""
  if [ "$build_status" -eq 0 ] && works "$cache_bin"; then
    say "built Temporal CLI $version in $((SECONDS - started))s"
    found "$cache_bin" "built with go install $module@$version"
  fi
  {
    echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) go install $module@$version failed ($(go version)) ==="
    tail -n 40 "$output"
    echo
  } >>"$build_log"
  say "go install $module@$version failed; last lines:"
  if [ -s "$output" ]; then tail -n 5 "$output" | sed 's/^/    /' >&2; else say "    (no output)"; fi
done

say "could not build the Temporal CLI with Go (tried ${versions[*]}); details in $build_log."
say "To fix it, do one of:"
say "  - set TEMPORAL_CLI_PATH to a temporal binary (https://github.com/temporalio/cli/releases)"
say "  - put 'temporal' on PATH (e.g. 'brew install temporal')"
say "  - fix the Go toolchain (a recent Go, network access to the Go module proxy) and run this script again"
exit 1
