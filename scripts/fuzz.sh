#!/usr/bin/env bash
# Fuzzes every reader of outside input with libFuzzer (clang, ASan + UBSan): builds the targets of
# fuzz/ and runs each for a while from seeds (scenarios/, tests/data/, and workspace documents and
# share links made from the presets, an assignment and a result code) with fuzz/json.dict. Prints each target's executions, speed,
# coverage and corpus, and any crash; exits non-zero on a crash, failed property, leak, timeout
# (one input > 1 s) or out-of-memory (> 512 MB). docs/reliability.md describes the targets.
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]     (default 60 s; targets: scenario march
#                                                              share_link workspace classroom)
# Environment:
#   ORGSIM_FUZZ_BUILD  a build folder already configured with ORGSIM_BUILD_FUZZ=ON, e.g. build/native-asan
#                      (cmake --preset native-asan; the test command's fuzz smoke): only the fuzz targets
#                      are built there, it is never configured. Unset: build/fuzz, configured here the
#                      first time
#   ORGSIM_FUZZ_WORK   work folder for corpora, logs and crash inputs (default
#                      ${ORGSIM_CACHE:-~/.cache/orgsim}/fuzz); outside the source tree, never committed
#   ORGSIM_FUZZ_KEEP   1: keep each target's corpus from the last run and go on from it (default:
#                      start from the seeds every time)
#   ORGSIM_FUZZ_RUNS   stop each target after this many executions instead of after the seconds
#   ORGSIM_FUZZ_JOBS   build parallelism (default: all cores)
# A crash input is left in <work>/<target>/crash-* (or leak-, timeout-, oom-); reproduce it with
# <build>/fuzz_<target> <file>, and add it to tests/data/fuzz_regressions/.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
say() { printf '\033[1;34m[fuzz]\033[0m %s\n' "$*" >&2; }

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(scenario march share_link workspace classroom)
build=${ORGSIM_FUZZ_BUILD:-build/fuzz}
own_build=1; [ -n "${ORGSIM_FUZZ_BUILD:-}" ] && own_build=0
work=${ORGSIM_FUZZ_WORK:-${ORGSIM_CACHE:-$HOME/.cache/orgsim}/fuzz}
jobs=${ORGSIM_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
case "$work" in "$root"|"$root"/*) echo "fuzz.sh: the work folder must be outside the source tree" >&2; exit 2 ;; esac

# --- Build ----------------------------------------------------------------------------------------
cc=$(command -v clang-14 || command -v clang || true)
cxx=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$cc" ] || [ -z "$cxx" ]; then echo "fuzz.sh: clang is missing: run scripts/setup.sh --sanitizers" >&2; exit 2; fi
if ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 &&
   ! "$cxx" -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null | grep -q /; then
  echo "fuzz.sh: clang's libFuzzer runtime is missing: run scripts/setup.sh --sanitizers" >&2; exit 2
fi
if [ $own_build = 1 ] && [ ! -f "$build/build.ninja" ]; then
  say "configuring $build"
  CC="$cc" CXX="$cxx" cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DORGSIM_BUILD_FUZZ=ON -DORGSIM_BUILD_APP=OFF -DORGSIM_BUILD_TESTS=OFF >/dev/null || exit 2
fi
if ! grep -qx 'ORGSIM_BUILD_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "fuzz.sh: $build is not a build folder configured with ORGSIM_BUILD_FUZZ=ON (e.g. cmake --preset native-asan)" >&2
  exit 2
fi
say "building the fuzz targets in $build (-j$jobs)"
cmake --build "$build" -j "$jobs" --target fuzz_all || exit 2
python3 fuzz/make_dict.py --check || exit 2

# --- Seeds ----------------------------------------------------------------------------------------
mkdir -p "$work"
seeds="$work/seeds"
rm -rf "$seeds"; mkdir -p "$seeds/json" "$seeds/workspace" "$seeds/share" "$seeds/classroom"
# Every file of scenarios/ and tests/data/ but scenarios/schema.json (a JSON Schema, no reader's input;
# at 88 KB it slowed every target several times over).
mapfile -t json_files < <(find scenarios tests/data -type f ! -name schema.json | sort)
i=0
for f in "${json_files[@]}"; do cp "$f" "$seeds/json/$i-$(basename "$f")"; i=$((i + 1)); done
"$build/fuzz_make_seeds" "$seeds/workspace" "$seeds/share" "$seeds/classroom" scenarios/*.json >/dev/null || exit 2

# --- Run ------------------------------------------------------------------------------------------
fail=0
rows=()
for t in "${targets[@]}"; do
  bin="$build/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz.sh: unknown target '$t'" >&2; exit 2; }
  dir="$work/$t"
  mkdir -p "$dir"
  if [ "${ORGSIM_FUZZ_KEEP:-0}" != 1 ]; then rm -rf "$dir/corpus"; fi
  mkdir -p "$dir/corpus"
  cp "$seeds/json/"* "$dir/corpus/"
  case "$t" in
    workspace) cp "$seeds/workspace/"* "$dir/corpus/" ;;
    share_link) cp "$seeds/share/"* "$dir/corpus/" ;;
    classroom) cp "$seeds/classroom/"* "$dir/corpus/" ;;
  esac
  stop=(-max_total_time="$seconds")
  [ -n "${ORGSIM_FUZZ_RUNS:-}" ] && stop=(-runs="$ORGSIM_FUZZ_RUNS")
  rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* "$dir"/slow-unit-*
  log="$dir/fuzz.log"
  say "fuzz_$t: ${stop[*]} (log: $log)"
  t0=$(date +%s)
  "$bin" "${stop[@]}" -dict=fuzz/json.dict -max_len=65536 -timeout=1 -rss_limit_mb=512 \
    -print_final_stats=1 -artifact_prefix="$dir/" "$dir/corpus" >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - t0 ))
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  execs=$(stat number_of_executed_units); rate=$(stat average_exec_per_sec); rss=$(stat peak_rss_mb)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last"); ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
  artifacts=$(ls "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* 2>/dev/null || true)
  status=ok
  if [ $rc -ne 0 ] || [ -n "$artifacts" ]; then
    status=FAIL; fail=1
    echo "---- fuzz_$t failed (exit $rc); end of its log:" >&2
    grep -E 'ERROR|SUMMARY|fuzz check failed|Test unit written|==[0-9]+==' "$log" | head -20 >&2
    tail -5 "$log" >&2
    [ -n "$artifacts" ] && echo "input: $artifacts" >&2
  fi
  rows+=("$(printf '%-11s %-5s %12s %8s %6s %7s %12s %7s %6s' "$t" "$status" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$secs")")
done

printf '\n%-11s %-5s %12s %8s %6s %7s %12s %7s %6s\n' target status executions exec/s cov ft corpus rss_mb secs
for r in "${rows[@]}"; do echo "$r"; done
if [ $fail -ne 0 ]; then printf '\nfuzz.sh: FAILED (crash inputs and logs under %s)\n' "$work" >&2; exit 1; fi
exit 0
