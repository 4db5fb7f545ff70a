#!/usr/bin/env bash
# Everything the test suite needs on a fresh machine, then the suite itself.
# 1. A Chromium for Playwright: $CHROMIUM_PATH, else /usr/bin/chromium, else Debian's package via apt.
# 2. Dependencies exactly as locked, without Electron's binary (tests never need it; the Electron
#    Playwright project reports itself skipped when it is missing).
# 3. `npm test`: typecheck, lint, format check, build, unit + integration (Vitest), e2e (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "No Chromium found: set CHROMIUM_PATH, or run 'npx playwright install chromium'." >&2
  fi
fi

ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
npm test
