#!/usr/bin/env bash
# The benchmark: installs what is missing, builds the release bundle, prints one JSON object
# (also written to bench-results/bench.json). Figures, not pass/fail.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
bash scripts/setup.sh >&2
trunk build --release >&2
exec node scripts/bench.mjs
