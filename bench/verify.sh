#!/usr/bin/env bash
# Measures `engine verify` on a real Debian image (systemd, ssh, kernel) and prints medians.
#   bench/verify.sh [ROOTFS] [RUNS]
# Without ROOTFS it builds one with mmdebstrap (about 60-90 s, not timed).
# rootfs: a generated suite of 100 checks (files, packages, users, groups, services, commands).
# boot:   systemd-nspawn boot + service/process/port/command checks, including the boot.
# BENCH_TARGETS="rootfs boot" limits the targets (default: rootfs boot vm).
# vm:     QEMU TCG (-smp 2) boot of the image's own kernel + the same checks, including the boot.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rootfs="${1:-}"
runs="${2:-5}"
work="$(mktemp -d /var/tmp/verify-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ -z "$rootfs" ]; then
  rootfs="$work/rootfs"
  mmdebstrap --variant=minbase --include=systemd,systemd-sysv,openssh-server,linux-image-amd64,udev,procps \
    trixie "$rootfs" >"$work/mmdebstrap.log" 2>&1
fi
engine="$here/bin/engine"
"$engine" --version >/dev/null  # builds the jar outside the timings

# 100 checks: 60 file properties, 15 packages, 10 user/group, 5 services enabled, 10 commands.
suite="$work/rootfs.yaml"
{
  echo "file:"
  for f in $(cd "$rootfs" && ls usr/bin | head -20); do
    printf '  /usr/bin/%s:\n    exists: true\n    filetype: %s\n    owner: root\n' "$f" \
      "$( [ -L "$rootfs/usr/bin/$f" ] && echo symlink || echo file)"
  done
  echo "package:"
  for p in $(awk '/^Package: /{print $2}' "$rootfs/var/lib/dpkg/status" | head -15); do
    printf '  %s:\n    installed: true\n' "$p"
  done
  echo "user:"
  for u in root daemon bin sys sync; do printf '  %s:\n    exists: true\n' "$u"; done
  echo "group:"
  for g in root daemon bin sys adm; do printf '  %s:\n    exists: true\n' "$g"; done
  echo "service:"
  for s in ssh systemd-networkd getty@tty1 systemd-timesyncd cron; do
    printf '  %s:\n    enabled: {or: [true, false]}\n' "$s"
  done
  echo "command:"
  for i in $(seq 1 10); do printf '  echo %d:\n    exit-status: 0\n' "$i"; done
} >"$suite"

boot_suite="$work/boot.yaml"
cat >"$boot_suite" <<'YAML'
service:
  ssh: {enabled: true, running: true}
process:
  sshd: {running: true}
port:
  tcp:22: {listening: true}
command:
  systemctl is-active ssh: {exit-status: 0}
YAML

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Prints "<median wall s> (engine's own Total Duration median: <s>, i.e. without JVM start)".
measure() { # target suite runs
  : >"$work/inner"
  for _ in $(seq 1 "$3"); do
    s=$(date +%s.%N)
    "$engine" verify --rootfs "$rootfs" --gossfile "$2" --target "$1" --format rspecish \
      --boot-timeout 600s >"$work/out" 2>&1 || true
    e=$(date +%s.%N)
    grep -q '^Count: ' "$work/out" || { cat "$work/out" >&2; echo "FAILED" >&2; }
    sed -n 's/^Total Duration: \([0-9.]*\)s$/\1/p' "$work/out" >>"$work/inner"
    awk "BEGIN{printf \"%.2f\\n\", $e - $s}"
  done | median | tr -d '\n'
  echo " (engine's own Total Duration median: $(median <"$work/inner") s)"
}
count=$("$engine" verify --rootfs "$rootfs" --gossfile "$suite" --format json | grep -o '"test-count":[0-9]*')
echo "rootfs suite: $count"
targets="${BENCH_TARGETS:-rootfs boot vm}"
case " $targets " in *" rootfs "*) echo "rootfs target median of $runs: $(measure rootfs "$suite" "$runs")";; esac
case " $targets " in *" boot "*) echo "boot target median of $runs: $(measure boot "$boot_suite" "$runs")";; esac
vm_runs=$(( runs < 3 ? runs : 3 ))
case " $targets " in *" vm "*) echo "vm target (TCG, 2 cpus) median of $vm_runs: $(measure vm "$boot_suite" "$vm_runs")";; esac
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
