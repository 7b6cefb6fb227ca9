#!/usr/bin/env bash
# Figures for registries (issue 15), against Debian's docker-registry (distribution 2.8) with TLS
# (a CA made here with openssl) on 127.0.0.1, median of 3 each, wall and CPU (user+sys) time:
#   pull: `engine pull` of a ~100 MB base (one gzip layer) into an empty state directory, against
#         `skopeo copy docker://... oci:DIR` of the same image into an empty layout (both download
#         and verify every blob; neither extracts);
#   push: `engine push` of a published set (its img.tar.lz4 decompressed as a stream and
#         compressed again to gzip, then uploaded) into a fresh registry, cold (no layer made yet,
#         the set's checksums not yet checked by this state directory) and warm (both done by the
#         cold push), against `skopeo copy tarball:img.tar docker://...` of the same root
#         filesystem tar (skopeo compresses it with gzip and uploads it);
#   run:  `engine run --matrix --push` of a small declaration on that base (one cell), run again
#         when everything is published and pushed (nothing built, nothing sent).
# The base is the set's own tree without usr/lib/modules, usr/lib/firmware, usr/lib/x86_64-linux-gnu,
# usr/share, boot and python, pushed once with skopeo. Every registry and state lives under WORKDIR
# and is removed at the end.
# The engine runs as users run it, through bin/engine (its JVM options: class-data sharing, C2 for
# the ciphers and digests only); ENGINE=PATH measures another launcher, e.g. an older checkout's
# bin/engine, for a before/after comparison.
# Usage: [PARTS="pull push run"] [ENGINE=LAUNCHER] bench/registry.sh SET_DIR [WORKDIR]
#        SET_DIR: a published debian/13 set; WORKDIR default /var/tmp/osimages-bench-registry.
#        The push part needs a set published by the engine it measures: since the supply-chain
#        files (sbom.cdx.json, provenance.json) belong to a set, an older set fails push's check.
#        Needs root, lz4, GNU tar, openssl, skopeo, docker-registry, /usr/bin/time.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
set_dir="$(cd "$1" && pwd)"
work="${2:-/var/tmp/osimages-bench-registry}"
parts="${PARTS:-pull push run}"
launcher="${ENGINE:-$here/bin/engine}"
rm -rf "$work" && mkdir -p "$work"
"$launcher" --version >/dev/null # builds the jar (bin/engine) before anything is timed
reg_pid=""
cleanup() {
  [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

part() { [[ " $parts " == *" $1 "* ]]; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR+1)/2; if (NR%2) printf "%.2f", a[m]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2}'; }
# timed NAME CMD...: runs CMD; appends its wall time to NAME.t and its CPU time (user+sys) to NAME.cpu.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/$name.time" "$@" >"$work/$name.last" 2>&1 ||
    { cat "$work/$name.last" >&2; return 1; }
  awk '{print $1}' "$work/$name.time" >>"$work/$name.t"
  awk '{print $2 + $3}' "$work/$name.time" >>"$work/$name.cpu"
}
# report LABEL NAME: the medians of NAME's wall and CPU times.
report() {
  printf '%-40s wall median %7s s  cpu median %7s s  (wall runs: %s)\n' "$1" \
    "$(median <"$work/$2.t")" "$(median <"$work/$2.cpu")" "$(tr '\n' ' ' <"$work/$2.t")"
}
ratio() { echo "$(median <"$work/$1.t") / $(median <"$work/$2.t")" | bc -l | cut -c1-4; }

# A CA and a certificate for 127.0.0.1, given to both tools as a certs.d directory.
mkdir -p "$work/pki" && cd "$work/pki"
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key \
  -out ca.crt -days 2 -subj /CN=bench-ca 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout srv.key -out srv.csr \
  -subj /CN=127.0.0.1 2>/dev/null
openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out srv.crt -days 2 \
  -extfile ext 2>/dev/null
cd "$work"
printf 'unqualified-search-registries = []\n' >"$work/registries.conf"
printf '#!/bin/sh\nexec %s "$@" --certs-dir %s --registries-conf %s\n' \
  "$launcher" "$work/certs.d" "$work/registries.conf" >"$work/engine"
chmod +x "$work/engine"

# start_registry NAME: a registry with empty storage NAME on a free port; sets $host.
start_registry() {
  [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null || true
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  host="127.0.0.1:$port"
  printf '%s\n' 'version: 0.1' 'log: {level: error, accesslog: {disabled: true}}' \
    "storage: {filesystem: {rootdirectory: $work/reg-$1}}" \
    "http: {addr: \"$host\", tls: {certificate: $work/pki/srv.crt, key: $work/pki/srv.key}}" \
    >"$work/reg-$1.yml"
  docker-registry serve "$work/reg-$1.yml" >"$work/reg-$1.log" 2>&1 &
  reg_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  mkdir -p "$work/certs.d/$host" && cp "$work/pki/ca.crt" "$work/certs.d/$host/ca.crt"
}
ca_dir() { echo "$work/certs.d/$host"; }

echo "engine: $launcher"
echo "set: $set_dir ($(du -m "$set_dir/img.tar.lz4" | cut -f1) MB lz4); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "preparing the base and the tar (not timed)..."
mkdir -p "$work/tree"
lz4 -dc "$set_dir/img.tar.lz4" | tar -x -C "$work/tree" --numeric-owner \
  --exclude=./usr/lib/modules --exclude=./usr/lib/firmware --exclude=./usr/lib/x86_64-linux-gnu \
  --exclude=./usr/share --exclude=./boot --exclude='./usr/lib/python3*' --exclude=./usr/lib/frr
tar -C "$work/tree" --numeric-owner -cf "$work/base.tar" . && rm -rf "$work/tree"

if part pull; then
  start_registry pull
  base="$host/bench/base:1"
  skopeo copy -q --dest-cert-dir "$(ca_dir)" "tarball:$work/base.tar" "docker://$base"
  echo "base: $(du -m "$work/base.tar" | cut -f1) MB tar, $(du -sm "$work/reg-pull" | cut -f1) MB in the registry"
  for i in 1 2 3; do
    timed pull-engine "$work/engine" pull --state-dir "$work/pull-state-$i" "$base"
    timed pull-skopeo skopeo copy -q --src-cert-dir "$(ca_dir)" "docker://$base" \
      "oci:$work/pull-oci-$i:x"
    rm -rf "$work/pull-state-$i" "$work/pull-oci-$i"
  done
  report "pull  engine pull" pull-engine
  report "pull  skopeo copy docker:// oci:" pull-skopeo
  echo "pull  ratio engine/skopeo (wall) $(ratio pull-engine pull-skopeo)"
fi

if part push; then
  lz4 -dc "$set_dir/img.tar.lz4" >"$work/img.tar"
  mkdir -p "$work/decl/out/images/stable/debian"
  cp -r "$here/images.yaml" "$here/templates" "$here/contexts" "$here/goss" "$work/decl/"
  cp -a "$set_dir" "$work/decl/out/images/stable/debian/13"
  for i in 1 2 3; do
    start_registry "push-$i"
    rm -rf "$work/push-state"
    timed push-cold "$work/engine" push -f "$work/decl/images.yaml" --only debian/13 \
      --state-dir "$work/push-state" --registry "$host/cold"
    [ "$i" = 1 ] && cat "$work/push-cold.last"
    timed push-warm "$work/engine" push -f "$work/decl/images.yaml" --only debian/13 \
      --state-dir "$work/push-state" --registry "$host/warm"
    timed push-skopeo skopeo copy -q --dest-cert-dir "$(ca_dir)" "tarball:$work/img.tar" \
      "docker://$host/skopeo/debian:13"
  done
  echo "in the registry: engine's layer $(du -m "$work/reg-push-3/docker/registry/v2/blobs" | tail -1 | cut -f1) MB for both images"
  report "push  engine push (cold)" push-cold
  report "push  engine push (warm: set checked, layer made)" push-warm
  report "push  skopeo copy tarball: docker://" push-skopeo
  echo "push  ratio engine cold/skopeo (wall) $(ratio push-cold push-skopeo)"
fi

if part run; then
  start_registry run
  skopeo copy -q --dest-cert-dir "$(ca_dir)" "tarball:$work/base.tar" "docker://$host/bench/base:1"
  mkdir -p "$work/small/templates" "$work/small/contexts/c/etc"
  echo "added" >"$work/small/contexts/c/etc/added-by-bench"
  printf 'ARG BASE_IMAGE={{base_image}}\nFROM ${BASE_IMAGE}\nCOPY etc/ /etc/\n' \
    >"$work/small/templates/t.Dockerfile.mustache"
  printf '%s\n' 'output: {root: out, channel: stable, compression: {level: 1}}' 'distros:' \
    '  small:' '    packageManager: dpkg' '    template: templates/t.Dockerfile.mustache' \
    '    contexts: [contexts/c]' '    versions:' \
    "      \"1\": {base: {image: \"$host/bench/base:1\"}}" >"$work/small/images.yaml"
  run_push=("$work/engine" run --matrix -f "$work/small/images.yaml" --state-dir "$work/run-state"
    --push --registry "$host/small")
  timed run-first "${run_push[@]}"
  report "run   first run --matrix --push" run-first
  for _ in 1 2 3; do timed run-second "${run_push[@]}"; done
  tail -3 "$work/run-second.last"
  report "run   second run --matrix --push" run-second
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
