#!/usr/bin/env bash
# Sweeps beyond one machine, tried locally: the plan tests/data/sweep/plan.json run as 1, 8 and 64
# shards with GNU parallel as the runner (each shard a separate process, as on a cluster), merged
# with `orgsim merge`: the merged files must be byte-identical. Also --shard auto as a Slurm array
# (SLURM_ARRAY_TASK_ID from 1) and a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) see it, and a
# missing shard is reported by its task indexes.
# Usage: tests/sweep_shards.sh path/to/orgsim
set -euo pipefail
orgsim=$(realpath "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
plan="$root/tests/data/sweep/plan.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v parallel >/dev/null || { echo "GNU parallel is missing: run scripts/setup.sh" >&2; exit 1; }

for n in 1 8 64; do
  mkdir -p "$work/$n"
  seq 0 $((n - 1)) | parallel --will-cite -j 2 "$orgsim" sweep "$plan" --shard {} --of "$n" --threads 1 --out "$work/$n/shard-{}.csv" 2>/dev/null
  "$orgsim" merge "$work/$n"/shard-*.csv --out "$work/merged-$n.csv" 2>/dev/null
done
cmp "$work/merged-1.csv" "$work/merged-8.csv"
cmp "$work/merged-1.csv" "$work/merged-64.csv"
echo "1, 8 and 64 shards merge to the same $(wc -c <"$work/merged-1.csv") bytes ($(grep -vc '^#' "$work/merged-1.csv") lines with the header)"

# --shard auto: a Slurm array numbered from 1 and a Kubernetes Indexed Job numbered from 0.
mkdir -p "$work/slurm" "$work/k8s"
for i in 1 2 3 4; do
  SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=4 "$orgsim" sweep "$plan" --shard auto --threads 1 --out "$work/slurm/$i.csv" 2>/dev/null
  JOB_COMPLETION_INDEX=$((i - 1)) "$orgsim" sweep "$plan" --shard auto --of 4 --threads 1 --out "$work/k8s/$i.csv" 2>/dev/null
done
"$orgsim" merge "$work/slurm"/*.csv --out "$work/merged-slurm.csv" 2>/dev/null
"$orgsim" merge "$work/k8s"/*.csv --out "$work/merged-k8s.csv" 2>/dev/null
cmp "$work/merged-1.csv" "$work/merged-slurm.csv"
cmp "$work/merged-1.csv" "$work/merged-k8s.csv"
echo "--shard auto: a 4-task Slurm array and a 4-completion Indexed Job merge to the same bytes"

# A missing shard: the merge fails and names the missing tasks.
rm "$work/8/shard-3.csv"
if "$orgsim" merge "$work/8"/shard-*.csv --out "$work/bad.csv" 2>"$work/err.txt"; then
  echo "merge accepted 7 of 8 shards" >&2; exit 1
fi
grep -q "8 of 66 tasks missing: 3, 11, 19, 27, 35, 43, 51, 59" "$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
echo "a missing shard is reported: $(cat "$work/err.txt")"
