#!/usr/bin/env bash
# Issues 15 and 17 on the shipped declaration: README's main job with --push into a loopback
# registry, then the same command again when everything is published and pushed.
#   1. `engine run --matrix --profile distro --push` against Debian's docker-registry
#      (distribution 2.8) with TLS (a CA made here with openssl) on 127.0.0.1: every buildable cell
#      is built (as far as the state directory's cache does not have it), exported, verified,
#      published and pushed. Its exit code is 1 by design on these hosts (the cells whose sources
#      are unreachable are refused): the script goes on after 0 or 1 and prints the run's summary
#      table, which says which cells passed and why the others did not.
#   2. the same command three times more: nothing is built and nothing is sent; wall time and CPU
#      time (user+sys) of each, and the median;
#   3. what the registry holds (repositories and tags, from its API), and the bytes of the state
#      directory and of the image store (`du -sx -B1`).
# Usage: bench/matrix-push.sh [STATE_DIR] [WORKDIR]
#        STATE_DIR default /var/lib/osimages (the engine's default: a warm cache is fine, the first
#        run's time is not a figure); WORKDIR (registry, store, reports) default
#        /var/tmp/osimages-bench-matrix-push, emptied first and removed at the end.
#        Needs root, openssl, docker-registry, curl, /usr/bin/time.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
state="${1:-/var/lib/osimages}"
work="${2:-/var/tmp/osimages-bench-matrix-push}"
rm -rf "$work" && mkdir -p "$work"
reg_pid=""
cleanup() {
  [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$here/bin/engine" --version >/dev/null # builds the jar before anything is timed

mkdir -p "$work/pki" && cd "$work/pki"
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key \
  -out ca.crt -days 2 -subj /CN=bench-ca 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout srv.key -out srv.csr \
  -subj /CN=127.0.0.1 2>/dev/null
openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out srv.crt -days 2 \
  -extfile ext 2>/dev/null
while :; do
  port=$((20000 + RANDOM % 30000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
host="127.0.0.1:$port"
printf '%s\n' 'version: 0.1' 'log: {level: error, accesslog: {disabled: true}}' \
  "storage: {filesystem: {rootdirectory: $work/registry}}" \
  "http: {addr: \"$host\", tls: {certificate: $work/pki/srv.crt, key: $work/pki/srv.key}}" \
  >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
mkdir -p "$work/certs.d/$host" && cp "$work/pki/ca.crt" "$work/certs.d/$host/ca.crt"

# The shipped declaration, its store redirected into WORKDIR (output.root is relative to it).
cp -r "$here/images.yaml" "$here/templates" "$here/contexts" "$here/goss" "$here/provision" "$work/"
cmd=("$here/bin/engine" run --matrix --profile distro -f "$work/images.yaml" --state-dir "$state"
  --push --registry "$host/osimages" --certs-dir "$work/certs.d")

echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first run (builds what the cache lacks, publishes, pushes)..."
start=$(date +%s)
set +e
"${cmd[@]}" >"$work/first.log" 2>&1
rc=$?
set -e
echo "first run: exit $rc after $(($(date +%s) - start)) s"
tail -n 25 "$work/first.log"
[ "$rc" -le 1 ] || exit "$rc"

for i in 1 2 3; do
  /usr/bin/time -f '%e %U %S' -o "$work/again.time" "${cmd[@]}" >"$work/again-$i.log" 2>&1 || true
  read -r wall user sys < <(tail -n 1 "$work/again.time") # time adds a line on a non-zero exit
  echo "$wall" >>"$work/again.t"
  echo "$user + $sys" | bc -l >>"$work/again.cpu"
done
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[(NR+1)/2]}'; }
echo "second run (nothing to build or send), 3 runs: wall median $(median <"$work/again.t") s" \
  "(runs: $(tr '\n' ' ' <"$work/again.t")), CPU median $(median <"$work/again.cpu") s"
echo "last run's output:"
cat "$work/again-3.log"

echo "registry $host holds:"
ca="$work/pki/ca.crt"
for repo in $(curl -sf --cacert "$ca" "https://$host/v2/_catalog?n=1000" |
  tr -d '{}[]"' | sed 's/repositories://' | tr ',' ' '); do
  echo "  $repo: $(curl -sf --cacert "$ca" "https://$host/v2/$repo/tags/list" |
    sed 's/.*"tags":\[//; s/\].*//' | tr -d '"')"
done
echo "bytes: state $(du -sx -B1 "$state" | cut -f1), store $(du -sx -B1 "$work/out" | cut -f1)," \
  "registry $(du -sx -B1 "$work/registry" | cut -f1)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
