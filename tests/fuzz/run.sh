#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz (a CMake project of its own), then for
# each target: replays its committed corpus as a regression test, and fuzzes for a fixed time.
# Fails on any crash, leak, sanitizer report or timeout, leaving the input in build-fuzz/crashes.
#
#   tests/fuzz/run.sh [SECONDS]    seconds of fuzzing per target (default 12; 0 replays only)
set -euo pipefail

cd "$(dirname "$0")/../.."
seconds="${1:-12}"
build=build-fuzz
targets=(csv_reader delegate_import session_import badge_code search_key export_format kiosk_config)

CC=clang-14 CXX=clang++-14 cmake -S tests/fuzz -B "$build" -G Ninja >/dev/null
cmake --build "$build" -j2

mkdir -p "$build/crashes"
# kiosk_config writes each input to a file: in memory, that is six times faster.
if [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
summary=()
for target in "${targets[@]}"; do
  corpus="tests/fuzz/corpus/$target"
  binary="$build/${target}_fuzz"
  log="$build/$target.log"
  # Regression: every committed input must pass.
  if ! "$binary" -runs=0 -artifact_prefix="$build/crashes/$target-" "$corpus" >"$log" 2>&1; then
    cat "$log" >&2
    echo "fuzz: $target fails on its committed corpus (log above)" >&2
    exit 1
  fi
  if [ "$seconds" -gt 0 ]; then
    # New inputs go to a scratch copy of the corpus, so a run leaves the tree as it was.
    work="$build/corpus/$target"
    rm -rf "$work" && mkdir -p "$work" && cp "$corpus"/* "$work"/
    dict=()
    case "$target" in csv_reader | delegate_import | session_import) dict=(-dict=tests/fuzz/import.dict) ;; esac
    if ! "$binary" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 "$work" >"$log" 2>&1; then
      tail -n 60 "$log" >&2
      echo "fuzz: $target failed (log above); a crashing input is in $build/crashes/" >&2
      exit 1
    fi
  fi
  runs="$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")"
  summary+=("$(printf '%-16s %9s executions' "$target" "${runs:-0}")")
done
printf 'fuzz: %s\n' "${summary[@]}"
