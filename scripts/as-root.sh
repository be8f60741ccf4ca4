# Sourced by the scripts that install packages, start the engine or talk to its root-owned socket.
# As root: nothing happens. As a user with sudo: the script runs itself again under sudo (environment kept).
# Without either: one line saying what to do, exit 1.
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo --preserve-env bash "$0" "$@"
  fi
  echo "$(basename "$0"): needs root (apt-get, dockerd and its socket): run it as root, or install sudo" >&2
  exit 1
fi
