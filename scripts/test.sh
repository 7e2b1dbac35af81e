#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints, unit, doc and integration tests, then
# the browser tests of the default theme (tests/browser/: axe-core, keyboard, print, screenshots).
# Works on a fresh Debian machine with the Rust toolchain, node and npm: it installs Debian's
# chromium and poppler-utils when they are missing (as root), and the pinned npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked

echo "== browser tests: Debian's chromium and poppler-utils"
if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium poppler-utils
fi
/usr/bin/chromium --version 2>/dev/null || true
echo "== browser tests: npm packages (tests/browser/package-lock.json)"
(
    cd tests/browser
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund
    else
        npm install --no-audit --no-fund
    fi
)
echo "== node --test tests/browser/"
cargo build --locked --quiet --bin stagebord
STAGEBORD_BIN="${CARGO_TARGET_DIR:-target}/debug/stagebord" node --test --test-reporter=tap tests/browser/
