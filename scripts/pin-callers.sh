#!/usr/bin/env bash
# Pin the ready-to-copy callers in workflows/ to a commit of this repository (default: the last commit that changed
# the reusable workflows), so that what a user copies names an immutable definition. Run after changing
# .github/workflows/pr-verify.yml or build_and_push.yml, then commit the callers: test/unit/workflows.test.ts checks
# that each pin is a commit of this repository whose reusable workflow is the one in the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
pin="${1:-$(git log -1 --format=%H -- .github/workflows/pr-verify.yml .github/workflows/build_and_push.yml)}"
[[ "$pin" =~ ^[0-9a-f]{40}$ ]] || { echo "pin-callers: '$pin' is not a 40-hex commit" >&2; exit 2; }
sed -i -E "s#(org/sandbox-action/\.github/workflows/[a-z_-]+\.yml@)[0-9a-f]{40}#\1${pin}#; s#(action-ref: )[0-9a-f]{40}#\1${pin}#" workflows/*.yml
echo "pinned workflows/*.yml to $pin"
