#!/usr/bin/env bash
# Podman as a second engine (docs/engines.md): installs Debian's podman (4.3.1 on bookworm) and starts its
# Docker-compatible API twice, leaving Docker alone:
#   rootful:  unix:///run/podman/podman.sock            (podman system service, as root)
#   rootless: unix:///run/user/<uid>/podman/podman.sock  (the same, as the unprivileged user $SANDBOX_PODMAN_USER)
# Each storage gets the base image from Docker's (scripts/engine-up.sh first). Prints the facts the tests
# depend on (rootless, cgroup version) and the sockets. Safe to run again. Fails (exit 1) when a service does not answer.
set -euo pipefail

BASE_IMAGE="${SANDBOX_BASE_IMAGE:-sandbox-action/base:bookworm}"
PUSER="${SANDBOX_PODMAN_USER:-sapodman}"
log() { printf '[podman-up] %s\n' "$*" >&2; }

need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v newuidmap >/dev/null 2>&1 || need+=(uidmap)
command -v slirp4netns >/dev/null 2>&1 || need+=(slirp4netns)
command -v fuse-overlayfs >/dev/null 2>&1 || need+=(fuse-overlayfs)
command -v curl >/dev/null 2>&1 || need+=(curl)
# The init a container with `init: true` (every sandbox) runs under: only recommended by Debian's podman, so a
# --no-install-recommends install lacks it, and then every sandbox create fails ("container-init binary not found").
[ -x /usr/libexec/podman/catatonit ] || need+=(catatonit)
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
log "$(podman --version)"

# Podman's default nofile and nproc (1048576) are above this host's hard limits (root here has no
# CAP_SYS_RESOURCE), so a bare `podman run` (the tests' fixtures) fails; sandbox-action names both itself.
mkdir -p /etc/containers/containers.conf.d
cat > /etc/containers/containers.conf.d/50-sandbox-action.conf <<'CONF'
[containers]
# sandbox-action (scripts/podman-up.sh): this host's root has no CAP_SYS_RESOURCE, so Podman's defaults
# (nofile and nproc 1048576) are above what it may set; conmon runs with nproc 32768 here.
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
CONF

answers() { curl -sf --max-time 5 --unix-socket "$1" http://d/_ping >/dev/null 2>&1; }
wait_for() {
  for _ in $(seq 1 100); do answers "$1" && return 0; sleep 0.2; done
  return 1
}

# Rootful.
ROOTFUL=/run/podman/podman.sock
if ! answers "$ROOTFUL"; then
  log "starting rootful podman system service at $ROOTFUL"
  mkdir -p /run/podman
  rm -f "$ROOTFUL"
  # From /: the service (and each conmon it starts) keeps its working directory, which must outlive this checkout.
  (cd / && nohup podman system service --time=0 "unix://$ROOTFUL" >/var/log/podman-rootful.log 2>&1 &)
  wait_for "$ROOTFUL" || { log "rootful Podman did not answer:"; tail -20 /var/log/podman-rootful.log >&2; exit 1; }
fi

# Rootless: an unprivileged user with subordinate ids, its runtime directory, and /dev/net/tun usable by it
# (slirp4netns, rootless networking; the device node is 0600 on this machine, 0666 on a stock Debian).
if ! id "$PUSER" >/dev/null 2>&1; then
  log "creating user $PUSER"
  useradd -m -s /bin/bash "$PUSER"
fi
PUID="$(id -u "$PUSER")"
grep -q "^$PUSER:" /etc/subuid || echo "$PUSER:100000:65536" >> /etc/subuid
grep -q "^$PUSER:" /etc/subgid || echo "$PUSER:100000:65536" >> /etc/subgid
RUNDIR="/run/user/$PUID"
mkdir -p "$RUNDIR" && chown "$PUSER:$PUSER" "$RUNDIR" && chmod 700 "$RUNDIR"
[ -c /dev/net/tun ] && [ "$(stat -c %a /dev/net/tun)" != 666 ] && chmod 666 /dev/net/tun
ROOTLESS="$RUNDIR/podman/podman.sock"
as_user() { su -s /bin/bash "$PUSER" -c "cd ~ && export XDG_RUNTIME_DIR=$RUNDIR && $*"; }
if ! answers "$ROOTLESS"; then
  log "starting rootless podman system service as $PUSER at $ROOTLESS"
  as_user "mkdir -p $RUNDIR/podman && rm -f $ROOTLESS && nohup podman system service --time=0 unix://$ROOTLESS >$RUNDIR/podman-service.log 2>&1 &"
  wait_for "$ROOTLESS" || { log "rootless Podman did not answer:"; tail -20 "$RUNDIR/podman-service.log" >&2; exit 1; }
fi

# The base image in both storages, from Docker's (no registry is reachable here).
if ! podman image exists "$BASE_IMAGE"; then
  log "copying $BASE_IMAGE into rootful Podman's storage"
  docker save "$BASE_IMAGE" | podman load -q >/dev/null
fi
if ! as_user "podman image exists $BASE_IMAGE"; then
  log "copying $BASE_IMAGE into $PUSER's rootless storage"
  docker save "$BASE_IMAGE" | as_user "podman load -q" >/dev/null
fi

facts() { curl -sf --unix-socket "$1" http://d/v4.0.0/libpod/info |
  node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8"));const h=j.host;console.log(`rootless=${h.security.rootless} cgroup=${h.cgroupVersion} controllers=${(h.cgroupControllers||[]).join(",")||"none"}`)'; }
log "rootful:  unix://$ROOTFUL ($(facts "$ROOTFUL"))"
log "rootless: unix://$ROOTLESS ($(facts "$ROOTLESS"))"
