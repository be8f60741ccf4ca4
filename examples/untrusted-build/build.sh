#!/bin/sh
# A sample "untrusted build": it runs its tests, writes a report to /output, and tries a few things an attacker
# would. Every attempt below is expected to fail inside the sandbox.
echo "== building as $(id -u):$(id -g) in $(pwd)"
ok=0; fail=0
check() { if (eval "$2") >/dev/null 2>&1; then echo "  ATTACK WORKED: $1"; fail=$((fail+1)); else echo "  blocked: $1"; ok=$((ok+1)); fi; }
echo "== attacks"
check "write to the root filesystem" "touch /var/tmp/pwned"
check "run a program from /tmp" "cp /bin/true /tmp/t && chmod +x /tmp/t && /tmp/t"
check "find a network interface besides loopback" "ls /sys/class/net | grep -qv '^lo\$'"
check "find the docker socket" "test -S /var/run/docker.sock"
check "become root with su" "su -c true root </dev/null"
check "see a GitHub token" "env | grep -q TOKEN"
echo "== tests"
sh ./tests.sh > /output/test-report.txt 2>&1 && echo "  tests passed" || echo "  tests FAILED"
echo "== leaving hostile things in /output"
ln -s /etc/shadow /output/shadow-link
mkfifo /output/a-fifo
echo "blocked=$ok worked=$fail" > /output/summary.txt
[ "$fail" -eq 0 ]
