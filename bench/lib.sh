# Shared helpers for bench/ scripts: timing and medians. Source it; do not run it.

# median_of N CMD...: runs CMD N times, prints each wall time and the median (seconds, 3 decimals).
median_of() {
  local n=$1
  shift
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || { echo "bench: command failed: $*" >&2; return 1; }
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$n" '
    { t[NR] = $1; all = all sprintf("%.3f ", $1) }
    END { m = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2; printf "median %.3f s  (runs: %s)\n", m, all }'
}

# tls_ca DIR: a CA (DIR/ca.crt) and a server certificate for 127.0.0.1 (DIR/srv.crt, DIR/srv.key)
# made with openssl, valid two days.
tls_ca() {
  local dir=$1
  mkdir -p "$dir"
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
    >"$dir/ext"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" -days 2 -subj /CN=bench-ca 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/srv.key" \
    -out "$dir/srv.csr" -subj /CN=127.0.0.1 2>/dev/null
  openssl x509 -req -in "$dir/srv.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -out "$dir/srv.crt" -days 2 -extfile "$dir/ext" 2>/dev/null
}

# start_registry WORK NAME: Debian's docker-registry with TLS (WORK/pki from tls_ca) and empty
# storage WORK/reg-NAME on a free port of 127.0.0.1, its CA in WORK/certs.d/HOST:PORT/ca.crt; stops
# the one started before. Sets $host (127.0.0.1:PORT) and $reg_pid.
start_registry() {
  local work=$1 name=$2 port
  [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null || true
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  host="127.0.0.1:$port"
  printf '%s\n' 'version: 0.1' 'log: {level: error, accesslog: {disabled: true}}' \
    "storage: {filesystem: {rootdirectory: $work/reg-$name}}" \
    "http: {addr: \"$host\", tls: {certificate: $work/pki/srv.crt, key: $work/pki/srv.key}}" \
    >"$work/reg-$name.yml"
  docker-registry serve "$work/reg-$name.yml" >"$work/reg-$name.log" 2>&1 &
  reg_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  mkdir -p "$work/certs.d/$host" && cp "$work/pki/ca.crt" "$work/certs.d/$host/ca.crt"
}
