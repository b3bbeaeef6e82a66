#!/usr/bin/env bash
# Command 2: install what is missing, build everything and run every test: unit tests (optimised
# and under ASan+UBSan), a short fuzzing of every reader of outside input (libFuzzer), CLI tests,
# native-vs-WebAssembly determinism, and the browser tests.
# Ends with a pass/fail summary; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc 2>/dev/null || echo 2)

names=(); results=(); times=()
step() {  # step "name" command...
  local name=$1; shift
  local t0; t0=$(date +%s)
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  if "$@"; then results+=("PASS"); else results+=("FAIL"); fi
  names+=("$name"); times+=($(( $(date +%s) - t0 )))
}
failed() { for r in "${results[@]}"; do [ "$r" = FAIL ] && return 0; done; return 1; }

start=$(date +%s)
step "setup (Debian packages, npm, ImGui/SDL2 sources, SDL2 web build)" \
  bash scripts/setup.sh --web --browser-tests --sanitizers
if failed; then echo "setup failed: nothing else can run" >&2; exit 1; fi

step "native build" bash -c 'cmake --preset native-release >/dev/null && cmake --build --preset native-release -j '"$jobs"
step "native tests (unit, CLI, docs)" ctest --preset native-release -j "$jobs"
step "desktop app under Xvfb (Mesa software GL): screenshot and state" \
  bash tests/desktop.sh build/native-release/orgsim_app build/screenshots
# One clang build (build/native-asan) holds the unit tests and CLI under ASan+UBSan and the libFuzzer
# targets: the engine is compiled once for both. A build/native-asan configured with another compiler
# (gcc, before) is started afresh: when CMake itself switches a folder's compiler it drops the
# preset's other variables for that run.
step "sanitizer build (clang, ASan+UBSan; unit tests, CLI, fuzz targets)" bash -c '
  if [ -f build/native-asan/CMakeCache.txt ] &&
     ! grep -q "^CMAKE_CXX_COMPILER:[A-Z]*=.*clang" build/native-asan/CMakeCache.txt; then rm -rf build/native-asan; fi
  cmake --preset native-asan >/dev/null && cmake --build --preset native-asan -j '"$jobs"
step "sanitizer tests" ctest --preset native-asan -j "$jobs"
# Every reader of outside input under libFuzzer for a short while, from that build; long runs:
# scripts/fuzz.sh [seconds] (its own build/fuzz; docs/reliability.md).
step "fuzz smoke (libFuzzer, 10 s per target)" env ORGSIM_FUZZ_BUILD=build/native-asan bash scripts/fuzz.sh 10
step "web build (WebAssembly app and CLI)" bash -c 'cmake --preset web-release >/dev/null && cmake --build --preset web-release -j '"$jobs"
step "determinism: native vs WebAssembly" \
  bash tests/determinism.sh build/native-release/orgsim build/web-release/orgsim.js
step "browser tests (Playwright + Chromium)" bash tests/browser/run.sh build/web-release/site build/screenshots

printf '\n\033[1mSummary\033[0m (%s s in all)\n' "$(( $(date +%s) - start ))"
for i in "${!names[@]}"; do
  if [ "${results[$i]}" = PASS ]; then c='\033[32m'; else c='\033[31m'; fi
  printf "  ${c}%s\033[0m  %4ss  %s\n" "${results[$i]}" "${times[$i]}" "${names[$i]}"
done
if failed; then printf '\n\033[31mFAILED\033[0m\n'; exit 1; fi
printf '\n\033[32mALL TESTS PASSED\033[0m (screenshots in build/screenshots)\n'
