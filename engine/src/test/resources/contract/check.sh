#!/bin/sh
# Contract check of published image sets against reference section 11 (written independently
# of the shipped suites in goss/): unpacks each set's img.tar.lz4, runs the contract suites on it
# with the engine's rootfs target, and compares the failing checks with deviations.txt, the
# list of known deviations (each with its reason). It passes when every failing check of a
# cell is a listed deviation of that cell.
#   check.sh STORE_DIR [CELL...]     (default cells: debian/13 ubuntu/24.04 firewall/3.0-debian)
# STORE_DIR is a channel directory of the image store, e.g. out/images/stable.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../../.." && pwd)
store=$1; shift
[ $# -gt 0 ] || set -- debian/13 ubuntu/24.04 firewall/3.0-debian
work=$(mktemp -d "${TMPDIR:-/tmp}/contract-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for cell in "$@"; do
  case "$cell" in
    debian/13) suites="-g $here/worker.yaml"; vars=$here/vars-debian-13.yaml ;;
    ubuntu/24.04) suites="-g $here/worker.yaml"; vars=$here/vars-ubuntu-24.04.yaml ;;
    firewall/3.0-debian) suites="-g $here/worker.yaml -g $here/firewall.yaml"; vars=$here/vars-firewall-3.0-debian.yaml ;;
    *) echo "$cell: no contract vars" >&2; exit 2 ;;
  esac
  root="$work/$(echo "$cell" | tr / _)"
  mkdir -p "$root"
  tar --use-compress-program=lz4 -xpf "$store/$cell/img.tar.lz4" -C "$root"
  # shellcheck disable=SC2086
  "$repo/bin/engine" verify --rootfs "$root" $suites --vars "$vars" -o json > "$work/result.json" || true
  rm -rf "$root"
  python3 - "$cell" "$work/result.json" "$here/deviations.txt" <<'PY' || status=1
import json, sys
cell, result, deviations = sys.argv[1:]
r = json.load(open(result))
failed = sorted({f"{x['resource-type']}: {x['resource-id']}" for x in r["results"] if not x["successful"] and not x.get("skipped")})
listed = {}
for line in open(deviations):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    cells, check, reason = line.split(" | ", 2)
    for c in cells.split(","):
        listed.setdefault(c.strip(), {})[check] = reason
mine = listed.get(cell, {})
unexpected = [f for f in failed if f not in mine]
s = r["summary"]
print(f"{cell}: {s['test-count']} checks, {s['failed-count']} failed, {s['skipped-count']} skipped; "
      f"{len(failed)} failing resources, {len(failed) - len(unexpected)} of them listed deviations, {len(unexpected)} unexpected")
for f in unexpected:
    print(f"  UNEXPECTED {f}")
for f, why in sorted(mine.items()):
    if f not in failed:
        print(f"  listed but passing: {f}")
sys.exit(1 if unexpected else 0)
PY
done
exit $status
