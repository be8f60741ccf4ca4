#!/usr/bin/env bash
# Fails when the committed dist/ differs from a fresh bundle of the sources (as actions/typescript-action's check-dist).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s bundle
if ! git diff --quiet --exit-code -- dist; then
  echo "dist/ is stale: run 'npm run bundle' and commit dist/. Differences:" >&2
  git diff --stat -- dist >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- dist)
if [ -n "$untracked" ]; then
  echo "dist/ has files not committed: $untracked" >&2
  exit 1
fi
echo "dist/ is up to date"
