#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (Playwright drives it; no browser download).
set -euo pipefail
# Any of these will do (tests/conftest.py looks for them in the same order). CI runners ship Google Chrome; on
# Ubuntu, chromium-browser is only a snap shim, so it is not used.
if [ -n "${KB_CHROMIUM:-}" ] && [ -x "${KB_CHROMIUM}" ]; then exit 0; fi
for exe in chromium google-chrome google-chrome-stable; do
  if command -v "$exe" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "chromium is not installed and cannot be installed automatically here." >&2
echo "Install it (Debian/Ubuntu: sudo apt-get install chromium) or set KB_CHROMIUM=/path/to/chrome." >&2
echo "Without it the browser tests are skipped locally (and fail in CI)." >&2
