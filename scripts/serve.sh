#!/usr/bin/env bash
# Command 1: install what is missing, build the web app and serve it on http://127.0.0.1:8080.
# Usage: scripts/serve.sh [--port N] [--host ADDR] [--embed ORIGINS]   (or PORT=N scripts/serve.sh)
# --embed lets the pages of ORIGINS (or * for any) show OrgSim in a frame: scripts/serve.mjs explains.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
port=${PORT:-8080}; host=127.0.0.1; embed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --embed) embed=(--embed "$2"); shift 2 ;;
    *) echo "serve.sh: unknown option '$1' (use --port N, --host ADDR, --embed ORIGINS)" >&2; exit 2 ;;
  esac
done
start=$(date +%s)
bash scripts/setup.sh --web
export NODE_PATH=/usr/share/nodejs
cmake --preset web-release >/dev/null
cmake --build --preset web-release
echo "[serve] ready after $(( $(date +%s) - start )) s"
exec node scripts/serve.mjs --root build/web-release/site --port "$port" --host "$host" ${embed[@]+"${embed[@]}"}
