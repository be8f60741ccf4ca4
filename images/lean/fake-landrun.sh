#!/bin/sh
# NOT A SANDBOX. Takes landrun's flags as comparator writes them and runs the command directly, as upstream's
# scripts/fake-landrun.sh does (leanprover/comparator README, "Development"). Used only for the image's own
# verification (comparator-verify.sh, on sources the image's build wrote itself) and as the baseline of
# bench/comparator.mjs. Untrusted code goes through sandbox-action's shim (scripts/sandbox-landrun) instead.
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    --ro|--rox|--rw|--rwx|--env|--bind-tcp|--connect-tcp|--log-level) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "fake-landrun: no command given" >&2; exit 2; }
exec "$@"
