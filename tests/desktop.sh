#!/usr/bin/env bash
# The desktop app, looked at: runs build/native-release/orgsim_app under Xvfb with Mesa's software
# OpenGL and --self-check (it draws until the default comparison's results are current, then saves
# orgsim-desktop.png and orgsim-desktop-state.json into the working folder and quits), and checks
# that the screenshot is not blank and that the app shows the default scenario with its results.
# Usage: tests/desktop.sh <orgsim_app> <output dir>
set -euo pipefail
app=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$out"
rm -f orgsim-desktop.png orgsim-desktop-state.json
# A first start, as a new user sees it: its own empty settings folder, so that work autosaved by an
# earlier use of the app on this machine (~/.config/orgsim) does not put the restore prompt over it.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME="$config" LIBGL_ALWAYS_SOFTWARE=1 timeout 420 xvfb-run -a -s "-screen 0 1440x900x24" "$app" --self-check
python3 "$root/tests/desktop_check.py" "$out/orgsim-desktop.png" "$out/orgsim-desktop-state.json" "$root/scenarios/default.json"
