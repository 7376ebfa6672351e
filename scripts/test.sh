#!/usr/bin/env bash
# README command (b): installs whatever is missing, then runs every check and test:
# format, lints, native engine tests, phone parity with libphonenumber-js, the release build (the
# softphone and the CTI attributes editor), browser (wasm-bindgen-test) tests, and the Playwright
# end-to-end suite against dist/ with the real Streams bundle + emulators.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
start=$(date +%s)
stage() { printf '\n== test: %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

stage "setup"
bash scripts/setup.sh

stage "salesforce project (offline checks)"
SF_DISABLE_LOG_FILE=true node scripts/sfdx-check.mjs
node --test tests/contract/

stage "cargo fmt --check"
cargo fmt --all --check

stage "clippy (engine, i18n, ctictl: native)"
cargo clippy -p engine -p i18n -p ctictl --all-targets --locked -- -D warnings
stage "clippy (web app, CTI attributes editor, vendored wasm-streams, presence bench: wasm32)"
cargo clippy -p ctisoftphone -p ctieditor -p wasm-streams -p presence-bench --all-targets --target wasm32-unknown-unknown --locked -- -D warnings

stage "native tests (engine, i18n, ctictl golden)"
cargo test -p engine -p i18n -p ctictl --locked

stage "phone numbers (metadata from libphonenumber-js, parity with it)"
node scripts/phone-metadata.mjs --check
cargo build -q -p ctictl --locked
node --test tests/phone/

stage "release build (trunk: the softphone, and the CTI attributes editor into dist/editor/)"
trunk build --release

stage "browser tests (wasm-bindgen-test, headless Chromium)"
cargo test -p ctisoftphone --target wasm32-unknown-unknown --test browser --locked

stage "end-to-end tests (Playwright, real Streams, emulators)"
node --test --test-concurrency=1 tests/e2e/

stage "done"
