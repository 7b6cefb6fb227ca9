#!/usr/bin/env bash
# Issue 18: do two builds of one cell from clean caches give the same img.tar.lz4, bit for bit?
# `engine rebuild-check` builds the cell twice, one after the other, each in a fresh state
# directory (bootstrap included, --no-cache; the package cache of STATE is shared, the archive is
# reached live through the recording proxy), exports each as `engine run` would, and compares the
# tarballs byte for byte and member by member (diffoscope on differing members when installed).
# This script keeps both tarballs and prints their md5 and the wall time of the whole check.
# Needs root, mmdebstrap and the distro archives.
# Usage: [STATE=DIR] [KEEP=DIR] bench/repro.sh [ENGINE-OPTION...] [CELL]
#   default: --profile distro debian/13 (the shipped cell with only the distro archives)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- --profile distro debian/13
state=${STATE:-/tmp/repro-bench-state}
keep=${KEEP:-/tmp/repro-bench-tarballs}
rm -rf "$keep"
mkdir -p "$state"
bin/engine --version >/dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
rc=0
bin/engine rebuild-check -q --state-dir "$state" --keep "$keep" "$@" || rc=$?
end=$(date +%s.%N)
printf 'rebuild-check wall time: %.0f s (exit %d)\n' "$(echo "$end - $start" | bc -l)" "$rc"
(cd "$keep" && md5sum ./*.img.tar.lz4)
exit "$rc"
