#!/usr/bin/env bash
# Serves the built site on a free local port, runs the Playwright browser tests against it, stops the server.
# Usage: tests/browser/run.sh <site dir> <screenshot dir> [run.mjs options, e.g. --only orgchart]
set -uo pipefail
site=$1; out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"
log=$(mktemp)
node "$root/scripts/serve.mjs" --root "$site" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[0-9.:]*/' "$log" | head -1)
  [ -n "$url" ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then echo "browser tests: the server did not start:"; cat "$log"; exit 1; fi
echo "serving $site at $url"
# Suites that compare the page with the CLI run the build's CLI for Node (next to the site folder).
export ORGSIM_SITE="$(cd "$site" && pwd)"  # suites that start a server of their own (99_embed)
export ORGSIM_NODE_CLI="$(cd "$site/.." && pwd)/orgsim.js"
node "$here/run.mjs" --url "$url" --out "$out" "${@:3}"
