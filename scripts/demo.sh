#!/usr/bin/env bash
# The main job on a built-in default: build a local sandbox image and run a sample untrusted build in it.
# Works on a fresh Debian machine (as root, or as a user with sudo): installs the engine and makes a base image when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/as-root.sh
bash scripts/engine-up.sh
[ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
npm run -s bundle
base="${SANDBOX_BASE_IMAGE:-sandbox-action/base:bookworm}"
echo "== building the demo sandbox image from $base"
docker build -q --build-arg "BASE_IMAGE=$base" -t sandbox-action/demo:local examples/demo-image >/dev/null
out="$(mktemp -d)/outputs"
echo "== running examples/untrusted-build in the sandbox"
set +e
node dist/cli.js run --image sandbox-action/demo:local --pull never --source examples/untrusted-build \
  --output-dir "$out" --timeout 2m --memory 512m -- sh ./build.sh
code=$?
set -e
echo "== collected into $out:"
ls -la "$out"
exit "$code"
