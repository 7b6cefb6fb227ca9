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
