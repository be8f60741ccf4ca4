#!/usr/bin/env bash
# All tests, from a fresh Debian machine (as root, or as a user with sudo): engine, base image and Node dependencies first, then npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/as-root.sh
bash scripts/engine-up.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm test
