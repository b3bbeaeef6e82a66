#!/usr/bin/env bash
# Cross-target determinism and golden state hashes: every preset scenario and every model-library
# experiment, with two seeds and three replications, gives the same state hash from the native CLI and
# from the WebAssembly CLI under Node, and that hash equals the one pinned in tests/golden_hashes.txt.
# Usage: tests/determinism.sh [--update] <native orgsim> <orgsim.js>
#   --update rewrites tests/golden_hashes.txt from the native results (after an intended model change).
set -uo pipefail
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
native=$1; wasm=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
golden="$root/tests/golden_hashes.txt"
fail=0; n=0; new=""

# check <name in the golden file> <orgsim command> <file>: both seeds, native against wasm and golden.
check() {
  local name=$1 cmd=$2 f=$3 seed a b g
  for seed in 1 987654321; do
    a=$("$native" "$cmd" "$f" --replications 3 --seed "$seed" --quiet 2>&1) || { echo "FAIL native $cmd $name: $a"; fail=1; continue; }
    new+="$name $seed $a"$'\n'
    [ $update = 1 ] && continue
    b=$(node "$wasm" "$cmd" "$f" --replications 3 --seed "$seed" --quiet 2>&1) || { echo "FAIL wasm $cmd $name: $b"; fail=1; continue; }
    g=$(awk -v n="$name" -v s="$seed" '$1==n && $2==s {print $3}' "$golden" 2>/dev/null)
    n=$((n + 1))
    if [ "$a" != "$b" ]; then
      echo "FAIL $name seed $seed: native $a, wasm $b"; fail=1
    elif [ "$a" != "$g" ]; then
      echo "FAIL $name seed $seed: $a, golden ${g:-missing} (intended model change? run tests/determinism.sh --update)"; fail=1
    else
      echo "ok   $name seed $seed: $a"
    fi
  done
}

for f in "$root"/scenarios/*.json; do
  [ "$(basename "$f")" = schema.json ] && continue
  check "$(basename "$f")" run "$f"
done
for f in "$root"/scenarios/march/*.json; do  # the model library: March (1991) experiments
  check "march/$(basename "$f")" march "$f"
done

if [ $update = 1 ]; then
  { echo "# scenario seed state-hash (3 replications, scenario horizon); written by tests/determinism.sh --update"; printf '%s' "$new"; } > "$golden"
  echo "wrote $golden"; exit $fail
fi
[ $fail = 0 ] && echo "determinism: $n runs identical natively and in WebAssembly and equal to the golden hashes" || echo "determinism: FAILED"
exit $fail
