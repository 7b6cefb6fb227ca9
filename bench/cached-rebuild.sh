#!/usr/bin/env bash
# Cached rebuild with the chroot backend (issue 13). Runs as root, no network: the base is the
# conformance suite's tarball (busybox and a few tools from the host). The Dockerfile exercises
# what a rebuild has to hash and look up: a context of FILES small files in a tree (with a
# .dockerignore), an ADD of a tar archive, COPY --chown, wildcards, WORKDIR under a USER, RUN.
# Prints the first (uncached) build, then RUNS fully cached rebuilds and their median, each the
# wall time of `engine build --dockerfile ...` including JVM start, and the CPU time of one more
# (the steadier number on a loaded machine).
# Usage: bench/cached-rebuild.sh [WORKDIR]   (WORKDIR default: /var/tmp/osimages-bench-rebuild)
#        FILES=5000 RUNS=5 (defaults)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/bench/lib.sh"
work="${1:-/var/tmp/osimages-bench-rebuild}"
files="${FILES:-5000}"
runs="${RUNS:-5}"
rm -rf "$work" && mkdir -p "$work/ctx/tree"
"$here/bin/engine" --version >/dev/null
cp "$here/engine/target/engine.jar" "$work/engine.jar"
bash "$here/engine/src/test/resources/conformance/make-base.sh" "$work/basedir" "$work/base.tar" >/dev/null
rm -rf "$work/basedir"
cd "$work/ctx"
for i in $(seq "$files"); do
  d="tree/d$((i % 50))"
  mkdir -p "$d"
  echo "file $i" >"$d/f$i.conf"
done
echo "ignored" >tree/skip.log
printf '*.log\n' >.dockerignore
mkdir -p payload && head -c 30000000 /dev/urandom >payload/blob && tar -cf payload.tar payload && rm -rf payload
cat >Dockerfile <<'DOCKERFILE'
FROM conformance-base
COPY tree/ /etc/app/
ADD payload.tar /opt/
COPY --chown=app:users tree/d1/*.conf /home/app/conf/
USER app
WORKDIR /home/app/work
RUN touch built
DOCKERFILE
cd "$work"
cmd=(java -Xshare:auto -jar "$work/engine.jar" build -q --state-dir "$work/state" --cell bench/rebuild
  --dockerfile "$work/ctx/Dockerfile" --context "$work/ctx" --base conformance-base="$work/base.tar")
build() {
  "${cmd[@]}" "$@"
}
start=$(date +%s.%N)
build >/dev/null
echo "first build (uncached, $files context files, 30 MB archive): $(echo "$(date +%s.%N) - $start" | bc) s"
build >"$work/cached.txt"
grep -q "(all cached)" "$work/cached.txt" || { echo "rebuild was not fully cached" >&2; cat "$work/cached.txt" >&2; exit 1; }
echo "cached rebuild: $(median_of "$runs" build)"
/usr/bin/time -f "one more cached rebuild: %e s wall, %U s user + %S s sys CPU" "${cmd[@]}" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rm -rf "$work"
