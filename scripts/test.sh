#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints, unit, doc and integration tests.
# Works on a fresh machine with the Rust toolchain; installs nothing else for now.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked
