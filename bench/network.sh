#!/usr/bin/env bash
# Figures for RUN step networks (issue 19): what the user-mode network costs a build. Two variants,
# run interleaved (host default host default host default) so that a shared machine's load drift
# falls on both alike; median of 3 each, with the load average before every run:
#   host:    every RUN step on the host's network, as all steps ran before issue 19
#            (network.default: host with the network.host entitlement: no namespace, no helper)
#   default: every RUN step in its own network namespace, outbound through slirp4netns
# What is built (BENCH_STEP):
#   cell (default): the shipped debian/13 cell with --profile distro, uncached (--no-cache; the
#                   bootstrap stays cached from a warm-up build); its apt-get steps download about
#                   230 MB from the archive
#   apt:            only the package steps of that cell: apt-get update and apt-get install of the
#                   packages its rendered Dockerfile installs, on a cached trixie minbase bootstrap
#                   (for a machine too loaded to build the whole cell six times)
# Runs as root; needs the Debian archive. Usage: [BENCH_STEP=apt] bench/network.sh [WORKDIR]
# (WORKDIR default: /var/tmp/osimages-bench-network)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/var/tmp/osimages-bench-network}"
step="${BENCH_STEP:-cell}"
rm -rf "$work" && mkdir -p "$work/decl"
trap 'rm -rf "$work"' EXIT
# Build the jar once and run a private copy, so that edits during the run cannot rebuild it.
"$here/bin/engine" --version >/dev/null
cp "$here/engine/target/engine.jar" "$work/engine.jar"
engine() { java -Xshare:auto -jar "$work/engine.jar" "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
load() { cut -d' ' -f1 /proc/loadavg; }

cp -r "$here/images.yaml" "$here/templates" "$here/contexts" "$here/goss" "$work/decl/"
{ printf 'network:\n  default: host\n  allowHost: true\n'; cat "$here/images.yaml"; } \
  >"$work/decl/images-host.yaml"
state="$work/state"
case "$step" in
  cell)
    build() { # VARIANT
      local file="$work/decl/images.yaml"
      [ "$1" = host ] && file="$work/decl/images-host.yaml"
      engine build -q --no-cache --profile distro --state-dir "$state" -f "$file" debian/13
    }
    what="uncached build of debian/13 (--profile distro, bootstrap cached)"
    warm() { engine build -q --profile distro --state-dir "$state" -f "$work/decl/images.yaml" debian/13; }
    ;;
  apt)
    engine render --profile distro -f "$work/decl/images.yaml" --only debian/13 --out "$work/rendered" >/dev/null
    # The package names of every apt-get install of the rendered Dockerfile, continuations joined.
    pkgs=$(perl -0777 -ne 's/\\\n/ /g; while (/apt-get install((?:\s+-\S+)*)\s+([^&;|\n]+)/g) { print "$2 " }' \
      "$work/rendered/debian/13/Dockerfile" | xargs -n1 | grep -v '^-' | sort -u | xargs)
    [ -n "$pkgs" ] || { echo "bench: no apt-get install found in the rendered debian/13" >&2; exit 1; }
    for v in host default; do
      mkdir -p "$work/$v"
      flag=""
      [ "$v" = host ] && flag="--network=host "
      printf 'FROM base\nRUN %sapt-get update -q && apt-get install -y -q --no-install-recommends %s && apt-get clean\n' \
        "$flag" "$pkgs" >"$work/$v/Dockerfile"
    done
    build() { # VARIANT
      engine build -q --no-cache --no-hygiene --allow network.host --state-dir "$state" \
        --dockerfile "$work/$1/Dockerfile" --base base=bootstrap:trixie:minbase --cell "apt-$1"
    }
    what="apt-get update + install of debian/13's $(echo "$pkgs" | wc -w) packages on a cached trixie minbase"
    warm() { engine build -q --no-hygiene --state-dir "$state" --dockerfile "$work/default/Dockerfile" \
      --base base=bootstrap:trixie:minbase --cell apt-warm; }
    ;;
  *) echo "bench: BENCH_STEP is cell or apt" >&2; exit 2 ;;
esac

t0=$(date +%s.%N); warm >"$work/warm.txt"; t1=$(date +%s.%N)
echo "warm-up (bootstrap, default network; not counted): $(echo "$t1 - $t0" | bc) s"
declare -A times loads
for i in 1 2 3; do
  for v in host default; do
    l=$(load)
    t0=$(date +%s.%N); build "$v" >"$work/$v-$i.txt"; t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc)
    times[$v]+="$t "; loads[$v]+="$l "
    echo "run $i $v: $t s (load before: $l)"
  done
done
mh=$(printf '%s\n' ${times[host]} | median)
md=$(printf '%s\n' ${times[default]} | median)
echo "$what"
echo "  host network (as before):   ${times[host]}s -> median $mh s (loads ${loads[host]})"
echo "  default network (slirp4netns): ${times[default]}s -> median $md s (loads ${loads[default]})"
echo "  default / host: $(echo "scale=3; $md / $mh" | bc)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
