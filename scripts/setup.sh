#!/usr/bin/env bash
# Installs whatever is missing, and nothing else: the wasm target, trunk, wasm-bindgen-cli,
# npm packages (wasm-opt from binaryen, Streams, SLDS, playwright-core) and Debian's Chromium.
# Idempotent: every step checks first. Only the package registries are used; no tool may
# download binaries of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22.x needs rustc >= 1.96.1
WASM_BINDGEN_VERSION=0.2.130   # == the wasm-bindgen pin in Cargo.toml and Trunk.toml

step() { printf '\n== setup: %s\n' "$*"; }
version_of() { "$1" --version 2>/dev/null || true; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(version_of trunk)" != "trunk $TRUNK_VERSION" ]]; then
  step "cargo install trunk $TRUNK_VERSION (about 10-16 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [[ "$(version_of wasm-bindgen)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes)"
  # No --locked: its lockfile wants a webpki-roots release the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  step "apt-get install chromium chromium-driver"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
fi

# npm ci is quick but not free; skip it when node_modules was installed from this lock file.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ "$(cat node_modules/.installed-from 2>/dev/null || true)" != "$lock_hash" ]]; then
  step "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.installed-from
fi

# Trunk runs cargo with --offline, so every crate must already be in the local registry.
cargo fetch --target wasm32-unknown-unknown --locked -q
cargo fetch --locked -q
