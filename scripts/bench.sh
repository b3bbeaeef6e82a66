#!/usr/bin/env bash
# The engine benchmark (cli/bench.cpp), natively and as WebAssembly under Node, in alternating rounds so
# that both see the same machine: on a shared machine one run can take 50% longer than the next, and
# alternating rounds with the best (and median) of each is a fairer ratio than two single runs.
# Usage: scripts/bench.sh [rounds=5] [replications=1000] [scenario=scenarios/default.json]
# Builds the two bench programs first (presets native-release and web-release; run scripts/setup.sh --web once).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
rounds=${1:-5}; reps=${2:-1000}; scenario=${3:-scenarios/default.json}

for p in native-release web-release; do
  [ -f "build/$p/build.ninja" ] || cmake --preset "$p" >/dev/null
  cmake --build --preset "$p" --target orgsim_bench >/dev/null
done

# figure <output> <label>: the value after "<label>" in the bench's output.
cpu_of() { sed -n 's/.*(CPU time \([0-9.]*\) s).*/\1/p' <<<"$1"; }
native_cpu=(); wasm_cpu=()
for r in $(seq "$rounds"); do
  n=$(build/native-release/orgsim_bench "$scenario" "$reps")
  w=$(node build/web-release/orgsim_bench.js "$scenario" "$reps")
  native_cpu+=("$(cpu_of "$n")"); wasm_cpu+=("$(cpu_of "$w")")
  printf 'round %d: native %s s, WebAssembly %s s (CPU time for %s replications, scaled to 1,000)\n' \
    "$r" "${native_cpu[-1]}" "${wasm_cpu[-1]}" "$reps"
done
echo
echo "native (last round):"; sed 's/^/  /' <<<"$n"
echo "WebAssembly under Node $(node --version) (last round):"; sed 's/^/  /' <<<"$w"
echo
printf '%s\n' "${native_cpu[@]}" > /tmp/orgsim_bench_native.$$
printf '%s\n' "${wasm_cpu[@]}" > /tmp/orgsim_bench_wasm.$$
stats() { sort -n "$1" | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.3f %.3f\n", v[1], m}'; }
read -r nb nm < <(stats /tmp/orgsim_bench_native.$$)
read -r wb wm < <(stats /tmp/orgsim_bench_wasm.$$)
rm -f /tmp/orgsim_bench_native.$$ /tmp/orgsim_bench_wasm.$$
echo "1,000 five-year replications, CPU seconds over $rounds rounds:"
printf '  native       best %s  median %s\n' "$nb" "$nm"
printf '  WebAssembly  best %s  median %s\n' "$wb" "$wm"
awk -v nb="$nb" -v nm="$nm" -v wb="$wb" -v wm="$wm" \
  'BEGIN { printf "  ratio WebAssembly / native: %.2f (best), %.2f (median); goal <= 1.30\n", wb / nb, wm / nm }'
