#!/usr/bin/env bash
# Cross-target determinism: the same scenario, seed and replications give the same state hash from
# the native CLI and from the WebAssembly CLI under Node, for every scenario in scenarios/.
# Usage: tests/determinism.sh <native orgsim> <orgsim.js>
set -uo pipefail
native=$1; wasm=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail=0; n=0
for f in "$root"/scenarios/*.json; do
  [ "$(basename "$f")" = schema.json ] && continue
  # shellcheck disable=SC2043
  for seed in 1 987654321; do
    a=$("$native" run "$f" --replications 3 --seed "$seed" --quiet 2>&1) || { echo "FAIL native run $f: $a"; fail=1; continue; }
    b=$(node --no-experimental-fetch "$wasm" run "$f" --replications 3 --seed "$seed" --quiet 2>&1) || { echo "FAIL wasm run $f: $b"; fail=1; continue; }
    n=$((n + 1))
    if [ "$a" != "$b" ]; then
      echo "FAIL $(basename "$f") seed $seed: native $a, wasm $b"; fail=1
    else
      echo "ok   $(basename "$f") seed $seed: $a"
    fi
  done
done
[ $fail = 0 ] && echo "determinism: $n runs identical natively and in WebAssembly" || echo "determinism: FAILED"
exit $fail
