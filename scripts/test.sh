#!/usr/bin/env bash
# All tests, from a fresh Debian machine (as root): engine, base image and Node dependencies first, then npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/engine-up.sh
[ -d node_modules ] || npm install --no-audit --no-fund
npm test
