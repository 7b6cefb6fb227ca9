#!/usr/bin/env bash
# Issue 17: the bytes one cell keeps on disk, the engine's state directory against buildah's
# storage for the same rendered Dockerfile, the same merged context and the same base (the engine's
# own bootstrap, imported into buildah as an image). Root; needs the package archive.
# Bytes are `du -sx -B1` (disk blocks, hard links once), per state subdirectory for the engine.
#   engine          the state directory after `engine build CELL --profile distro` (from empty)
#   buildah         `buildah bud` with its defaults: the base image plus one layer for the build
#   buildah-layers  `buildah bud --layers`: a layer per step, a step cache as the engine keeps
# Usage: bench/disk/peers.sh [CELL] [WORKDIR]   (default debian/13, /var/tmp/osimages-bench-peers)
#   ENGINE_STATE=DIR measures a state directory that already holds the cell's build (from empty,
#   nothing else built in it) instead of building one; BENCH_PEERS picks the peers.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cell="${1:-debian/13}"
work="${2:-/var/tmp/osimages-bench-peers}"
peers="${BENCH_PEERS:-buildah buildah-layers}"
mkdir -p "$work"
engine() { "$here/bin/engine" "$@"; }
now() { date +%s.%N; }
bytes() { du -sx -B1 "$1" | cut -f1; }
report() { printf '%-15s %14s bytes  %8.1f MB  build %7.1f s\n' "$1" "$2" "$(echo "$2 / 1000000" | bc -l)" "$3"; }

state="${ENGINE_STATE:-$work/engine-state}"
if [ -z "${ENGINE_STATE:-}" ]; then
  rm -rf "$state"
  t0=$(now)
  nice -n 10 "$here/bin/engine" build "$cell" -f "$here/images.yaml" --profile distro \
    --state-dir "$state" -q >"$work/engine.log" 2>&1
  t=$(echo "$(now) - $t0" | bc)
else
  t=0
fi
report engine "$(bytes "$state")" "$t"
for d in "$state"/*/; do
  printf '  %-13s %14s bytes\n' "$(basename "$d")" "$(bytes "$d")"
done

# The peers' inputs: the Dockerfile the engine rendered, the cell's contexts merged in order (later
# ones win, as the engine merges them), the engine's bootstrap as the base image.
dockerfile="$state/rendered/$cell/Dockerfile"
ctx="$work/context"
rm -rf "$ctx" && mkdir -p "$ctx"
engine matrix --format json -f "$here/images.yaml" --only "$cell" --profile distro 2>/dev/null \
  | jq -r --arg id "$cell" '.[] | select(.id == $id) | .contexts[]' \
  | while read -r c; do cp -a "$here/$c/." "$ctx/"; done
base_ref=$(sed -n 's/^ARG BASE_IMAGE=//p' "$dockerfile" | head -n 1)
bootstrap=$(find "$state/bases" -mindepth 2 -maxdepth 2 -name rootfs -path '*bootstrap*' | head -n 1)
tar -C "$bootstrap" --numeric-owner --xattrs --xattrs-include='*' -cf "$work/base.tar" .

for peer in $peers; do
  root="$work/$peer/root" run="$work/$peer/run"
  rm -rf "${work:?}/$peer" && mkdir -p "$root" "$run" "$work/$peer/base"
  b() { buildah --root "$root" --runroot "$run" --storage-driver overlay "$@"; }
  ln -f "$work/base.tar" "$work/$peer/base/base.tar"
  printf 'FROM scratch\nADD base.tar /\n' >"$work/$peer/base/Dockerfile"
  b bud -q -t "$base_ref" "$work/$peer/base" >/dev/null
  rm -rf "$work/$peer/base"
  layers=()
  [ "$peer" = buildah-layers ] && layers=(--layers)
  t0=$(now)
  nice -n 10 buildah --root "$root" --runroot "$run" --storage-driver overlay bud "${layers[@]}" \
    --network host -t "osimages-bench/$cell" -f "$dockerfile" "$ctx" >"$work/$peer.log" 2>&1
  t=$(echo "$(now) - $t0" | bc)
  b rm -a >/dev/null 2>&1 || true
  report "$peer" "$(bytes "$root")" "$t"
  b images --format '  {{.Name}}:{{.Tag}} {{.Size}}' 2>/dev/null || true
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
