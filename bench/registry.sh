#!/usr/bin/env bash
# Figures for registries (issue 15), against Debian's docker-registry (distribution 2.8) with TLS
# (a CA made here with openssl) on 127.0.0.1, median of 3 each:
#   pull: `engine pull` of a ~100 MB base (one gzip layer) into an empty state directory, against
#         `skopeo copy docker://... oci:DIR` of the same image into an empty layout (both download
#         and verify every blob; neither extracts);
#   push: `engine push` of a published set (its img.tar.lz4 decompressed as a stream and
#         compressed again to gzip, then uploaded) into a fresh registry, cold (no layer made yet)
#         and warm (layer made by an earlier push), against `skopeo copy tarball:img.tar docker://...`
#         of the same root filesystem tar (skopeo compresses it with gzip and uploads it);
#   second run: `engine run --matrix --push` of a small declaration on that base, run again when
#         everything is published and pushed (nothing built, nothing sent).
# The base is the set's own tree without usr/lib/modules, usr/lib/firmware, usr/lib/x86_64-linux-gnu,
# usr/share, boot and python, pushed once with skopeo. Every registry and state lives under WORKDIR
# and is removed at the end.
# Usage: bench/registry.sh SET_DIR [WORKDIR]   (SET_DIR: a published debian/13 set; WORKDIR default
#        /var/tmp/osimages-bench-registry). Needs root, lz4, GNU tar, openssl, skopeo, docker-registry.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
set_dir="$(cd "$1" && pwd)"
work="${2:-/var/tmp/osimages-bench-registry}"
rm -rf "$work" && mkdir -p "$work"
"$here/bin/engine" --version >/dev/null
cp "$here/engine/target/engine.jar" "$work/engine.jar"
reg_pid=""
cleanup() {
  [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {m=(NR+1)/2; if (NR%2) printf "%.2f", a[m]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l; }

# A CA and a certificate for 127.0.0.1, as a certs.d directory both tools read.
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

# start_registry NAME: a registry with empty storage NAME on a free port; sets $host.
start_registry() {
  [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null || true
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  host="127.0.0.1:$port"
  cat >"$work/reg-$1.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/reg-$1}}
http: {addr: "$host", tls: {certificate: $work/pki/srv.crt, key: $work/pki/srv.key}}
EOF
  env -u REGISTRY_HTTP_ADDR docker-registry serve "$work/reg-$1.yml" >"$work/reg-$1.log" 2>&1 &
  reg_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  mkdir -p "$work/certs.d/$host" && cp "$work/pki/ca.crt" "$work/certs.d/$host/ca.crt"
}
engine() {
  java -jar "$work/engine.jar" "$@" --certs-dir "$work/certs.d" \
    --registries-conf "$work/registries.conf"
}
skopeo_dest() { echo "--dest-cert-dir $work/certs.d/$host"; }

echo "set: $set_dir ($(du -m "$set_dir/img.tar.lz4" | cut -f1) MB lz4)"
echo "preparing the base and the tar (not timed)..."
mkdir -p "$work/tree"
lz4 -dc "$set_dir/img.tar.lz4" | tar -x -C "$work/tree" --numeric-owner \
  --exclude=./usr/lib/modules --exclude=./usr/lib/firmware --exclude=./usr/lib/x86_64-linux-gnu \
  --exclude=./usr/share --exclude=./boot --exclude='./usr/lib/python3*' --exclude=./usr/lib/frr
tar -C "$work/tree" --numeric-owner -cf "$work/base.tar" . && rm -rf "$work/tree"
lz4 -dc "$set_dir/img.tar.lz4" >"$work/img.tar"

# --- pull ---
start_registry pull
base="$host/bench/base:1"
skopeo copy -q $(skopeo_dest) "tarball:$work/base.tar" "docker://$base"
echo "base: $(du -m "$work/base.tar" | cut -f1) MB tar, $(du -sm "$work/reg-pull" | cut -f1) MB in the registry"
: >"$work/pull-engine.t"; : >"$work/pull-skopeo.t"
for i in 1 2 3; do
  t=$(now); engine pull --state-dir "$work/pull-state-$i" "$base" >/dev/null; since "$t" >>"$work/pull-engine.t"
  t=$(now); skopeo copy -q --src-cert-dir "$work/certs.d/$host" "docker://$base" "oci:$work/pull-oci-$i:x"
  since "$t" >>"$work/pull-skopeo.t"
  rm -rf "$work/pull-state-$i" "$work/pull-oci-$i"
done
pe=$(median <"$work/pull-engine.t"); ps=$(median <"$work/pull-skopeo.t")
echo "pull  engine pull  median ${pe} s  (runs: $(tr '\n' ' ' <"$work/pull-engine.t"))"
echo "pull  skopeo copy  median ${ps} s  (runs: $(tr '\n' ' ' <"$work/pull-skopeo.t"))"
echo "pull  ratio engine/skopeo $(echo "$pe / $ps" | bc -l | cut -c1-4)"

# --- push ---
mkdir -p "$work/decl/out/images/stable/debian"
cp -r "$here/images.yaml" "$here/templates" "$here/contexts" "$here/goss" "$work/decl/"
cp -a "$set_dir" "$work/decl/out/images/stable/debian/13"
: >"$work/push-cold.t"; : >"$work/push-warm.t"; : >"$work/push-skopeo.t"
for i in 1 2 3; do
  start_registry "push-$i"
  rm -rf "$work/push-state/push" "$work/push-state/registry"
  t=$(now)
  engine push -f "$work/decl/images.yaml" --only debian/13 --state-dir "$work/push-state" \
    --registry "$host/cold" >"$work/push-$i.out"
  since "$t" >>"$work/push-cold.t"
  t=$(now)
  engine push -f "$work/decl/images.yaml" --only debian/13 --state-dir "$work/push-state" \
    --registry "$host/warm" >/dev/null
  since "$t" >>"$work/push-warm.t"
  t=$(now); skopeo copy -q $(skopeo_dest) "tarball:$work/img.tar" "docker://$host/skopeo/debian:13"
  since "$t" >>"$work/push-skopeo.t"
done
cat "$work/push-1.out"
pc=$(median <"$work/push-cold.t"); pw=$(median <"$work/push-warm.t"); pk=$(median <"$work/push-skopeo.t")
echo "push  engine push (cold: layer made)   median ${pc} s  (runs: $(tr '\n' ' ' <"$work/push-cold.t"))"
echo "push  engine push (warm: layer cached) median ${pw} s  (runs: $(tr '\n' ' ' <"$work/push-warm.t"))"
echo "push  skopeo copy tarball:             median ${pk} s  (runs: $(tr '\n' ' ' <"$work/push-skopeo.t"))"
echo "push  ratio engine cold/skopeo $(echo "$pc / $pk" | bc -l | cut -c1-4)"

# --- a second run --matrix --push pushes nothing ---
start_registry run
skopeo copy -q $(skopeo_dest) "tarball:$work/base.tar" "docker://$host/bench/base:1"
mkdir -p "$work/small/templates" "$work/small/contexts/c/etc"
echo "added" >"$work/small/contexts/c/etc/added-by-bench"
printf 'ARG BASE_IMAGE={{base_image}}\nFROM ${BASE_IMAGE}\nCOPY etc/ /etc/\n' \
  >"$work/small/templates/t.Dockerfile.mustache"
cat >"$work/small/images.yaml" <<EOF
output: {root: out, channel: stable, compression: {level: 1}}
distros:
  small:
    packageManager: dpkg
    template: templates/t.Dockerfile.mustache
    contexts: [contexts/c]
    versions:
      "1": {base: {image: "$host/bench/base:1"}}
EOF
run_push() {
  engine run --matrix -f "$work/small/images.yaml" --state-dir "$work/run-state" --push \
    --registry "$host/small"
}
t=$(now); run_push >"$work/run-first.out"; echo "first run --matrix --push: $(since "$t" | cut -c1-5) s"
: >"$work/run-second.t"
for i in 1 2 3; do
  t=$(now); run_push >"$work/run-second.out"; since "$t" >>"$work/run-second.t"
done
tail -2 "$work/run-second.out"
echo "second run --matrix --push  median $(median <"$work/run-second.t") s  (runs: $(tr '\n' ' ' <"$work/run-second.t"))"
