#!/bin/sh
# The image's verification of comparator: a Challenge/Solution pair that matches must pass (exit 0, last stdout line
# `Your solution is okay!`) and one that does not must fail (exit 1, `uncaught exception:` on stderr). Both projects
# are written here, so the steps run through fake-landrun.sh (no sandbox, as upstream's scripts/fake-landrun.sh);
# untrusted projects go through sandbox-action's shim instead. Run at the end of the image's build, and by hand:
#   docker run --rm --entrypoint /opt/comparator/verify/comparator-verify.sh IMAGE
# COMPARATOR_HOME (default /opt/comparator) holds bin/comparator, bin/lean4export and verify/fake-landrun.sh.
set -eu
home=${COMPARATOR_HOME:-/opt/comparator}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project() {
  d="$work/$1"
  mkdir -p "$d"
  # The project, comparator and lean4export must use the same Lean: the image's default toolchain.
  cp "$home/lean-toolchain" "$d/lean-toolchain"
  printf 'name = "comparatortest"\nversion = "0.1.0"\n\n[[lean_lib]]\nname = "Solution"\n\n[[lean_lib]]\nname = "Challenge"\n' >"$d/lakefile.toml"
  printf 'theorem two_eq : 1 + 1 = 2 := sorry\n' >"$d/Challenge.lean"
  printf '%s\n' "$2" >"$d/Solution.lean"
  printf '{"challenge_module":"Challenge","solution_module":"Solution","theorem_names":["two_eq"],"permitted_axioms":["propext","Quot.sound","Classical.choice"],"enable_nanoda":false}\n' >"$d/config.json"
}
judge() {
  (cd "$work/$1" && COMPARATOR_LANDRUN="$home/verify/fake-landrun.sh" COMPARATOR_LEAN4EXPORT="$home/bin/lean4export" \
    lake env "$home/bin/comparator" config.json) >"$work/$1.out" 2>"$work/$1.err"
}
project match 'theorem two_eq : 1 + 1 = 2 := rfl'
project mismatch 'theorem two_eq : 2 + 2 = 4 := rfl'
if ! judge match; then
  echo "comparator-verify: the matching pair failed:" >&2; cat "$work/match.out" "$work/match.err" >&2; exit 1
fi
if [ "$(grep -v '^[[:space:]]*$' "$work/match.out" | tail -n 1)" != 'Your solution is okay!' ]; then
  echo "comparator-verify: the matching pair passed without the ok line:" >&2; cat "$work/match.out" >&2; exit 1
fi
set +e
judge mismatch
code=$?
set -e
if [ "$code" -ne 1 ] || ! grep -q '^uncaught exception: ' "$work/mismatch.err"; then
  echo "comparator-verify: the mismatching pair gave exit $code, not 1 with an uncaught exception:" >&2
  cat "$work/mismatch.out" "$work/mismatch.err" >&2
  exit 1
fi
echo "comparator-verify: match passed, mismatch rejected ($(grep -m 1 "^uncaught exception: " "$work/mismatch.err"))"
