#!/usr/bin/env bash
# Figures for the chroot builder (issue 3). Runs as root; needs mmdebstrap and network to the
# Debian archive. Prints medians of 3:
#   1. trixie minbase bootstrap: mmdebstrap by hand vs the engine's FROM step (fresh state dir)
#   2. uncached build of the shipped debian/13 cell (fresh state dir: bootstrap + steps + flatten)
#   3. fully cached rebuild of the same (total wall time of `engine build debian/13`)
# Also prints the engine's own overhead on the bootstrap: its FROM step minus the time mmdebstrap
# reports for itself ("I: success in N seconds" in the build log), which load affects far less.
# Usage: bench/builder.sh [WORKDIR]   (WORKDIR default: /var/tmp/osimages-bench)
#        BENCH_ONLY=bootstrap bench/builder.sh   (only figure 1)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/var/tmp/osimages-bench}"
rm -rf "$work" && mkdir -p "$work"
# Build the jar once and run a private copy, so that edits during the run cannot rebuild it.
"$here/bin/engine" --version >/dev/null
cp "$here/engine/target/engine.jar" "$work/engine.jar"
engine() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$work/engine.jar" "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

hand=() engine_boot=() overhead=() uncached=() cached=()
for i in 1 2 3; do
  t0=$(now); mmdebstrap --quiet --mode=root --format=directory --variant=minbase trixie "$work/hand-$i" >/dev/null 2>&1; t1=$(now)
  hand+=("$(echo "$t1 - $t0" | bc)"); rm -rf "$work/hand-$i"
  out=$(engine build -q --state-dir "$work/state-boot-$i" --no-hygiene \
    --dockerfile "$here/bench/builder/bootstrap/Dockerfile" --base debian/13=bootstrap:trixie)
  step=$(echo "$out" | awk '/ built .*FROM debian\/13/ {sub("s","",$1); print $1; exit}')
  own=$(grep -h -o 'success in [0-9.]* seconds' "$work/state-boot-$i/logs/dockerfile/latest.log" | awk '{print $3}')
  engine_boot+=("$step"); overhead+=("$(echo "$step - $own" | bc)")
  rm -rf "$work/state-boot-$i"
done
mh=$(printf '%s\n' "${hand[@]}" | median); me=$(printf '%s\n' "${engine_boot[@]}" | median)
echo "bootstrap trixie minbase: mmdebstrap by hand ${hand[*]} s (median $mh); engine FROM step ${engine_boot[*]} s (median $me); ratio $(echo "scale=2; $me / $mh" | bc)"
echo "engine overhead on the bootstrap (FROM step minus mmdebstrap's own time): ${overhead[*]} s (median $(printf '%s\n' "${overhead[@]}" | median))"
if [ "${BENCH_ONLY:-}" = bootstrap ]; then echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"; rm -rf "$work"; exit 0; fi
d13=(debian/13 -f "$here/images.yaml" -q)
for i in 1 2 3; do
  t0=$(now); engine build --state-dir "$work/state-d13" "${d13[@]}" >/dev/null; t1=$(now)
  uncached+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); engine build --state-dir "$work/state-d13" "${d13[@]}" >"$work/cached.txt"; t1=$(now)
  grep -q "(all cached)" "$work/cached.txt" || { echo "rebuild was not fully cached" >&2; cat "$work/cached.txt" >&2; exit 1; }
  cached+=("$(echo "$t1 - $t0" | bc)")
  [ "$i" = 3 ] || rm -rf "$work/state-d13"
done
echo "debian/13 uncached build: ${uncached[*]} s (median $(printf '%s\n' "${uncached[@]}" | median))"
echo "debian/13 cached rebuild: ${cached[*]} s (median $(printf '%s\n' "${cached[@]}" | median))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rm -rf "$work"
