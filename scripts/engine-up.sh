#!/usr/bin/env bash
# Installs and starts what sandbox-action's tests need on a Debian machine:
# the Docker engine (with gVisor's runsc registered), debootstrap, and a local base image.
# Safe to run again: each step is skipped when already done. Fails (exit 1) when the engine cannot start.
set -euo pipefail
. "$(dirname "$0")/as-root.sh"

BASE_IMAGE="${SANDBOX_BASE_IMAGE:-sandbox-action/base:bookworm}"
log() { printf '[engine-up] %s\n' "$*" >&2; }

# SANDBOX_SKIP_RUNSC=1: no gVisor (Ubuntu has no runsc package: ci.yml installs it from gVisor's own apt
# repository first; without it, run the tests with SANDBOX_TEST_ISOLATIONS=default).
skip_runsc="${SANDBOX_SKIP_RUNSC:-}"
need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
[ -n "$skip_runsc" ] || command -v runsc >/dev/null 2>&1 || need_pkgs+=(runsc)
command -v debootstrap >/dev/null 2>&1 || need_pkgs+=(debootstrap)
command -v mkfs.ext4 >/dev/null 2>&1 || need_pkgs+=(e2fsprogs)
command -v losetup >/dev/null 2>&1 || need_pkgs+=(mount)
command -v ip >/dev/null 2>&1 || need_pkgs+=(iproute2)
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
command -v git >/dev/null 2>&1 || need_pkgs+=(git)
# Image builds: a real registry with htpasswd auth for the tests, and QEMU for foreign platforms.
# SANDBOX_SKIP_ARM64=1 skips the arm64 base (and the multi-platform test needs it).
skip_arm64="${SANDBOX_SKIP_ARM64:-}"
command -v docker-registry >/dev/null 2>&1 || need_pkgs+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need_pkgs+=(apache2-utils)
if [ -z "$skip_arm64" ]; then
  [ -x /usr/bin/qemu-aarch64-static ] || need_pkgs+=(qemu-user-static)
  command -v update-binfmts >/dev/null 2>&1 || need_pkgs+=(binfmt-support)
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# gVisor: register runsc. This Debian build needs --network=none for containers without a network and
# --network=host for containers on a docker network; sandbox-action picks by those arguments (docs/gvisor.md).
# The runsc-seccomp* runtimes add --oci-seccomp: gVisor then applies the container's seccomp profile (the engine's
# default) inside the sandbox too, and sandbox-action uses only those. The plain runsc/runsc-host stay registered
# for --allow-weaker-gvisor (and as the tests' control): on runsc 20221219 --oci-seccomp also makes clone3 and
# pselect6 fail with EPERM, so threaded programs cannot start there (docs/gvisor.md).
mkdir -p /etc/docker
runsc_path="$(command -v runsc || echo /usr/bin/runsc)"
want=$(cat <<JSON
{
  "runtimes": {
    "runsc": { "path": "$runsc_path", "runtimeArgs": ["--network=none"] },
    "runsc-host": { "path": "$runsc_path", "runtimeArgs": ["--network=host"] },
    "runsc-seccomp": { "path": "$runsc_path", "runtimeArgs": ["--network=none", "--oci-seccomp"] },
    "runsc-seccomp-host": { "path": "$runsc_path", "runtimeArgs": ["--network=host", "--oci-seccomp"] }
  }
}
JSON
)
# Written again when a runtime is missing (an older run of this script registered no --oci-seccomp runtime).
registered() {
  [ -f /etc/docker/daemon.json ] && grep -q '"runsc-seccomp-host"' /etc/docker/daemon.json \
    && [ "$(grep -o '"--oci-seccomp"' /etc/docker/daemon.json | wc -l)" -ge 2 ]
}
if [ -z "$skip_runsc" ] && ! registered; then
  log "registering gVisor runtimes (with and without --oci-seccomp) in /etc/docker/daemon.json"
  printf '%s\n' "$want" > /etc/docker/daemon.json
  if [ -S /var/run/docker.sock ] && [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    kill -HUP "$(cat /var/run/docker.pid)"   # dockerd reloads its runtimes on SIGHUP
    for _ in $(seq 1 50); do
      docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q 'runsc-seccomp-host' && break
      sleep 0.2
    done
    docker info --format '{{json .Runtimes}}' | grep -q 'runsc-seccomp-host' || { log "dockerd did not reload its runtimes"; exit 1; }
  fi
fi

if ! docker version >/dev/null 2>&1; then
  log "starting dockerd"
  (cd / && nohup dockerd >/var/log/dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do
    docker version >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! docker version >/dev/null 2>&1; then
    log "dockerd did not start; last lines of /var/log/dockerd.log:"
    tail -20 /var/log/dockerd.log >&2 || true
    exit 1
  fi
fi
log "engine: $(docker version --format '{{.Server.Version}}')"

# A local base image: no registry is reachable here, so the base is made with debootstrap.
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  dir="$(mktemp -d /tmp/sandbox-base.XXXXXX)"
  log "building $BASE_IMAGE with debootstrap (about 30 s)"
  debootstrap --variant=minbase bookworm "$dir" http://deb.debian.org/debian >/tmp/debootstrap.log 2>&1 || {
    tail -20 /tmp/debootstrap.log >&2; exit 1; }
  # Keep apt's lists out of the image; a Dockerfile that needs packages runs apt-get update itself.
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin
  tar -C "$dir" -c . | docker import -c 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$dir"
fi
log "base image: $BASE_IMAGE"

# arm64: binfmt_misc with QEMU (the "F" flag lets containers use it), and an arm64 base made with debootstrap.
ARM64_BASE="${SANDBOX_BASE_IMAGE_ARM64:-sandbox-action/base:bookworm-arm64}"
if [ -z "$skip_arm64" ]; then
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    log "QEMU for arm64 is not registered in binfmt_misc"; exit 1
  fi
  if ! docker image inspect "$ARM64_BASE" >/dev/null 2>&1; then
    dir="$(mktemp -d /tmp/sandbox-base-arm64.XXXXXX)"
    log "building $ARM64_BASE with debootstrap under QEMU (about 3 min)"
    debootstrap --arch=arm64 --variant=minbase bookworm "$dir/rootfs" http://deb.debian.org/debian \
      >/tmp/debootstrap-arm64.log 2>&1 || { tail -20 /tmp/debootstrap-arm64.log >&2; exit 1; }
    rm -rf "$dir"/rootfs/var/lib/apt/lists/* "$dir"/rootfs/var/cache/apt/*.bin
    tar -C "$dir/rootfs" -cf "$dir/rootfs.tar" .
    rm -rf "$dir/rootfs"
    # `docker import` records the host's architecture; a build from scratch records the platform asked for.
    printf 'FROM scratch\nADD rootfs.tar /\nCMD ["/bin/bash"]\n' > "$dir/Dockerfile"
    DOCKER_BUILDKIT=0 docker build -q --platform linux/arm64 -t "$ARM64_BASE" "$dir" >/dev/null
    rm -rf "$dir"
  fi
  log "arm64 base image: $ARM64_BASE"
fi
