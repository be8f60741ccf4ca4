#!/usr/bin/env bash
# All tests, from a fresh Debian machine (as root, or as a user with sudo): engine, base image and Node dependencies first, then npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/as-root.sh
bash scripts/engine-up.sh
# The second engine (rootful and rootless Podman): its tests fail rather than skip when it is missing.
if [ -z "${SANDBOX_TEST_ROOTLESS_PODMAN:-}" ]; then
  bash scripts/podman-up.sh
  export SANDBOX_TEST_ROOTLESS_PODMAN="unix:///run/user/$(id -u "${SANDBOX_PODMAN_USER:-sapodman}")/podman/podman.sock"
fi
[ -d node_modules ] || npm ci --no-audit --no-fund
npm test
