#!/usr/bin/env bash
# Build (and push) the sandbox images: the familiar wrapper around `sandbox-action build`.
#   REGISTRY   where images go (default: ghcr.io/OWNER/REPO on GitHub; required elsewhere)
#   PLATFORMS  comma-separated (default linux/amd64)
#   REGISTRY_USERNAME / REGISTRY_PASSWORD  optional; the password goes to the builder on stdin (else docker login's)
# Usage: scripts/build_and_push.sh [--build-only] [--tag X]... [--images a,b] [other `sandbox-action build` options]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli.js ] || npm run -s bundle
args=(build)
push=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) push=0 ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ "$push" = 1 ] && args+=(--push)
if [ -n "${REGISTRY_PASSWORD:-}" ] && [ "$push" = 1 ]; then
  printf '%s' "$REGISTRY_PASSWORD" | node dist/cli.js "${args[@]}" --username "${REGISTRY_USERNAME:?REGISTRY_USERNAME is required with REGISTRY_PASSWORD}" --password-stdin
else
  node dist/cli.js "${args[@]}"
fi
