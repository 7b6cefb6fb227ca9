#!/usr/bin/env bash
# Figures for the Docker backend (issue 7): build time of the same small declaration (the
# DockerBackendIT one: a trixie minbase with apt-get update and a few files, plus an image derived
# from it) with --backend docker vs --backend chroot, median of 3, uncached and fully cached.
#   uncached: `engine build --no-cache mini/13 extras/13` (every step rebuilt; the bootstrap and, for
#             docker, its import stay cached: both are one-off costs, reported by the warm-up line)
#   cached:   `engine build mini/13 extras/13` right after (every step from the cache)
# Runs as root with Debian's dockerd (package docker.io): starts a private daemon (no iptables,
# no bridge, its own data/exec root and socket under WORKDIR) and stops it on exit.
# Usage: bench/docker.sh [WORKDIR]   (WORKDIR default: /var/tmp/osimages-bench-docker)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/bench/lib.sh"
work="${1:-/var/tmp/osimages-bench-docker}"
rm -rf "$work" && mkdir -p "$work"
"$here/bin/engine" --version >/dev/null
cp "$here/engine/target/engine.jar" "$work/engine.jar"
cp -r "$here/engine/src/test/resources/docker" "$work/decl"

dockerd --iptables=false --bridge=none --host "unix://$work/docker.sock" \
  --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/docker.pid" \
  >"$work/dockerd.log" 2>&1 &
dockerd_pid=$!
stop() {
  kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null || true
  # dockerd leaves its network namespace mounted under the exec root.
  grep -o " $work/[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount --lazy || true
  rm -rf "$work"
}
trap stop EXIT
export DOCKER_HOST="unix://$work/docker.sock"
for _ in $(seq 100); do [ -S "$work/docker.sock" ] && docker version >/dev/null 2>&1 && break; sleep 0.2; done

engine() {
  java -Xshare:auto -jar "$work/engine.jar" build -q -f "$work/decl/images.yaml" \
    --state-dir "$work/state" "$@" mini/13 extras/13
}
for backend in chroot docker; do
  t0=$(date +%s.%N); engine --backend "$backend" >"$work/warm-$backend.txt"; t1=$(date +%s.%N)
  echo "warm-up $backend (bootstrap for the first, import for docker): $(echo "$t1 - $t0" | bc) s"
done
for backend in chroot docker; do
  echo "$backend uncached (--no-cache): $(median_of 3 engine --backend "$backend" --no-cache)"
  engine --backend "$backend" >"$work/cached-$backend.txt"
  [ "$(grep -c '(all cached)' "$work/cached-$backend.txt")" = 2 ] \
    || { echo "$backend rebuild was not fully cached" >&2; cat "$work/cached-$backend.txt" >&2; exit 1; }
  echo "$backend fully cached: $(median_of 3 engine --backend "$backend")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
