#!/usr/bin/env bash
# Installs everything OrgSim needs on Debian 12, idempotently, and caches the slow steps.
#
# Usage: scripts/setup.sh [--web] [--browser-tests] [--sanitizers]
#   always:           compiler, CMake, Ninja, nlohmann/json, doctest, SDL2 (native), fonts
#   --web:            Emscripten, Debian's ImGui and SDL2 sources, SDL2 built for the web (cached)
#   --browser-tests:  Chromium and the npm package playwright-core
#   --sanitizers:     clang-14 and its ASan/UBSan and libFuzzer runtimes (libclang-rt-14-dev; scripts/fuzz.sh)
#
# The cache lives outside the build tree, keyed by version:
#   ${ORGSIM_CACHE:-$HOME/.cache/orgsim}/src/imgui-1.86, .../src/SDL2-2.26.5,
#   .../sdl2-web-2.26.5-em3.1.6 (installed prefix). Delete a folder to rebuild it.
set -euo pipefail

want_web=0; want_browser=0; want_san=0
for a in "$@"; do
  case "$a" in
    --web) want_web=1 ;;
    --browser-tests) want_browser=1 ;;
    --sanitizers) want_san=1 ;;
    *) echo "setup.sh: unknown option '$a'" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${ORGSIM_CACHE:-$HOME/.cache/orgsim}
mkdir -p "$cache/src"
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# --- Debian packages -------------------------------------------------------------------------
pkgs=(build-essential cmake ninja-build pkg-config git ca-certificates xz-utils
      nlohmann-json3-dev doctest-dev libsdl2-dev libgl-dev fonts-inter python3 parallel)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  pkgs+=(nodejs npm)
fi
[ $want_web = 1 ] && pkgs+=(emscripten dpkg-dev)
[ $want_browser = 1 ] && pkgs+=(chromium xvfb xauth libgl1-mesa-dri)   # xvfb: the desktop app's check (tests/desktop.sh)
[ $want_san = 1 ] && pkgs+=(clang-14 libclang-rt-14-dev)   # libclang-rt-14-dev holds libclang_rt.fuzzer

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
apt_updated=0
apt_update() {
  if [ $apt_updated = 0 ]; then say "apt-get update"; $SUDO apt-get update -qq; apt_updated=1; fi
}
if [ ${#missing[@]} -gt 0 ]; then
  apt_update
  say "installing: ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages: all present"
fi

# --- npm: playwright-core (driving Debian's Chromium; no browser download) --------------------
if [ $want_browser = 1 ]; then
  # Reinstall when a pinned version (tests/browser/package.json: playwright-core, and
  # @axe-core/playwright for the accessibility checks) differs from the installed one.
  stale=0
  for pkg in playwright-core @axe-core/playwright; do
    want=$(sed -n 's|.*"'"$pkg"'": *"\([^"]*\)".*|\1|p' "$root/tests/browser/package.json")
    have=""
    pkg_json="$root/tests/browser/node_modules/$pkg/package.json"
    if [ -f "$pkg_json" ]; then have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg_json" | head -1); fi
    if [ "$want" != "$have" ]; then stale=1; fi
  done
  if [ $stale = 1 ]; then
    say "npm install (tests/browser)"
    (cd "$root/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --no-package-lock --loglevel=error)
  else
    say "npm packages: present"
  fi
fi

# --- Web: Debian source packages for ImGui and SDL2, and SDL2 built with Emscripten -----------
if [ $want_web = 1 ]; then
  export NODE_PATH=/usr/share/nodejs   # TOOLCHAIN.md gotcha 1
  need_src=0
  [ -f "$cache/src/imgui-1.86/imgui.cpp" ] || need_src=1
  [ -f "$cache/src/SDL2-2.26.5/CMakeLists.txt" ] || need_src=1
  if [ $need_src = 1 ]; then
    # deb-src entries derived from the machine's own Debian sources (no host named here).
    changed=0
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      if grep -q '^Types: deb$' "$f" && grep -qi 'debian' "$f"; then
        $SUDO sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"; changed=1
      fi
    done
    if [ -f /etc/apt/sources.list ] && ! grep -q '^deb-src' /etc/apt/sources.list && grep -q '^deb .*debian' /etc/apt/sources.list; then
      grep '^deb .*debian' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $SUDO tee /etc/apt/sources.list.d/orgsim-src.list >/dev/null
      changed=1
    fi
    [ $changed = 1 ] && apt_updated=0
    apt_update
    dl=$(mktemp -d)
    say "downloading Debian source packages imgui and libsdl2"
    (cd "$dl" && apt-get source --download-only imgui=1.86+ds-1 libsdl2 >/dev/null 2>&1 || apt-get source --download-only imgui libsdl2 >/dev/null)
    if [ ! -f "$cache/src/imgui-1.86/imgui.cpp" ]; then
      rm -rf "$cache/src/imgui-1.86"; mkdir -p "$cache/src/imgui-1.86"
      tar -xf "$dl"/imgui_1.86*.orig.tar.* -C "$cache/src/imgui-1.86" --strip-components=1
    fi
    if [ ! -f "$cache/src/SDL2-2.26.5/CMakeLists.txt" ]; then
      rm -rf "$cache/src/SDL2-2.26.5"; mkdir -p "$cache/src/SDL2-2.26.5"
      tar -xf "$dl"/libsdl2_2.26.5*.orig.tar.* -C "$cache/src/SDL2-2.26.5" --strip-components=1
    fi
    rm -rf "$dl"
  else
    say "ImGui and SDL2 sources: cached"
  fi

  sdl_prefix="$cache/sdl2-web-2.26.5-em3.1.6"
  if [ ! -f "$sdl_prefix/lib/libSDL2.a" ]; then
    say "building SDL2 2.26.5 for the web (one-off, a few minutes)"
    bdir="$cache/build-sdl2-web"; rm -rf "$bdir"
    emcmake cmake -S "$cache/src/SDL2-2.26.5" -B "$bdir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
      -DSDL_AUDIO=OFF -DSDL_HAPTIC=OFF -DSDL_SENSOR=OFF -DSDL_POWER=OFF -DSDL_HIDAPI=OFF \
      -DSDL_JOYSTICK=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF \
      -DCMAKE_INSTALL_PREFIX="$sdl_prefix" >/dev/null
    cmake --build "$bdir" --parallel
    cmake --install "$bdir" >/dev/null
    rm -rf "$bdir"
  else
    say "SDL2 web build: cached ($sdl_prefix)"
  fi
fi
say "done"
