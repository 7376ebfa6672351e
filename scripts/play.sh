#!/usr/bin/env bash
# README command (a): installs whatever is missing, builds the softphone and the CTI attributes
# editor (one trunk build: Trunk.toml's post-build hook builds editor/ into dist/editor/), and
# serves the playground (Lightning host emulator + CCP emulator) on loopback. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
bash scripts/setup.sh
trunk build --release
exec node playground/server.mjs "$@"
