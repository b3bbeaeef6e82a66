#!/usr/bin/env bash
# Command 1: install what is missing, build the web app and serve it on http://127.0.0.1:8080.
# Usage: scripts/serve.sh [--port N] [--host ADDR]   (or PORT=N scripts/serve.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
port=${PORT:-8080}; host=127.0.0.1
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    *) echo "serve.sh: unknown option '$1' (use --port N, --host ADDR)" >&2; exit 2 ;;
  esac
done
start=$(date +%s)
bash scripts/setup.sh --web
export NODE_PATH=/usr/share/nodejs
cmake --preset web-release >/dev/null
cmake --build --preset web-release
echo "[serve] ready after $(( $(date +%s) - start )) s"
exec node scripts/serve.mjs --root build/web-release/site --port "$port" --host "$host"
