#!/usr/bin/env bash
# Issue 17: the disk a build of one cell takes in a fresh state directory: the peak while it runs
# (`du -sx -B1` sampled every second: disk blocks, hard links once) and what stays after it, plus
# the uncached and the fully cached build's wall time. Medians of N runs, each from an empty state
# directory (so the bootstrap is part of every run). Root; needs the package archive.
# Usage: bench/disk/state.sh [ENGINE_CHECKOUT] [CELL] [RUNS] [WORKDIR]
#   ENGINE_CHECKOUT  a checkout whose bin/engine to run (default: this one), e.g. one of main
#                    to measure "before"
#   CELL             default debian/13; built with --profile distro from the checkout's images.yaml
#   RUNS             default 3
#   WORKDIR          default /var/tmp/osimages-bench-disk-state (its state/ is removed each run)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
checkout="$(cd "${1:-$here}" && pwd)"
cell="${2:-debian/13}"
runs="${3:-3}"
work="${4:-/var/tmp/osimages-bench-disk-state}"
engine="$checkout/bin/engine"
state="$work/state"
mkdir -p "$work"
"$engine" --version >/dev/null
bytes() { { du -sx -B1 "$1" 2>/dev/null || true; } | cut -f1 | tail -n 1; }
now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
build() {
  "$engine" build "$cell" -f "$checkout/images.yaml" --profile distro --state-dir "$state" -q \
    >>"$work/build.log" 2>&1
}

peaks=() kept=() cold=() warm=()
for i in $(seq "$runs"); do
  rm -rf "$state"
  t0=$(now)
  build &
  pid=$!
  peak=0
  while kill -0 "$pid" 2>/dev/null; do
    b=$(bytes "$state")
    [ -n "$b" ] && [ "$b" -gt "$peak" ] && peak=$b
    sleep 1
  done
  wait "$pid" || { echo "bench: build failed, see $work/build.log" >&2; exit 1; }
  t1=$(now)
  k=$(bytes "$state")
  [ "$k" -gt "$peak" ] && peak=$k
  t2=$(now)
  build
  t3=$(now)
  peaks+=("$peak") kept+=("$k")
  cold+=("$(echo "$t1 - $t0" | bc -l)") warm+=("$(echo "$t3 - $t2" | bc -l)")
  printf 'run %d: peak %d bytes, retained %d bytes, uncached %.1f s, cached %.1f s\n' \
    "$i" "$peak" "$k" "${cold[-1]}" "${warm[-1]}"
done
printf '%s: %s %s --profile distro, %d runs (medians)\n' "$(git -C "$checkout" rev-parse --short HEAD 2>/dev/null || echo "$checkout")" "$cell" "$(basename "$checkout")" "$runs"
printf '  peak state bytes      %s\n' "$(printf '%s\n' "${peaks[@]}" | median)"
printf '  retained state bytes  %s\n' "$(printf '%s\n' "${kept[@]}" | median)"
printf '  uncached build s      %.1f\n' "$(printf '%s\n' "${cold[@]}" | median)"
printf '  cached build s        %.1f\n' "$(printf '%s\n' "${warm[@]}" | median)"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rm -rf "$state"
