#!/bin/sh
# Build-time helper (never part of an image): adds a third-party apt repository whose signing
# key is trusted only when it is exactly the pinned key.
#   apt-source.sh NAME KEY_URL FINGERPRINT KEYRING "URI SUITE COMPONENT..."
# The key is downloaded from KEY_URL and every primary key in the file must have FINGERPRINT
# (40 hex digits); it is stored as KEYRING (kept armored when KEYRING ends in .asc) and the
# list file /etc/apt/sources.list.d/NAME.list names it with signed-by.
set -eu
name=$1 url=$2 want=$3 keyring=$4 line=$5
want=$(echo "$want" | tr 'a-f' 'A-F')
echo "$want" | grep -Eq '^[0-9A-F]{40}$' || { echo "apt source $name: fingerprint '$3' is not 40 hex digits" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl -fsSL --retry 3 -o "$work/key" "$url" || { echo "apt source $name: cannot download the key from $url" >&2; exit 1; }
found=$(GNUPGHOME="$work" gpg --batch --show-keys --with-colons "$work/key" 2>/dev/null \
  | awk -F: '$1 == "pub" { p = 1; next } p && $1 == "fpr" { print $10; p = 0 }')
[ -n "$found" ] || { echo "apt source $name: $url holds no OpenPGP key" >&2; exit 1; }
for fpr in $found; do
  [ "$fpr" = "$want" ] || { echo "apt source $name: $url holds key $fpr, expected only $want" >&2; exit 1; }
done
install -d -m 0755 "$(dirname "$keyring")"
case "$keyring" in
  *.asc) install -m 0644 "$work/key" "$keyring" ;;
  *) if grep -q 'BEGIN PGP PUBLIC KEY BLOCK' "$work/key"; then
       GNUPGHOME="$work" gpg --batch --yes --dearmor -o "$keyring" "$work/key"
       chmod 0644 "$keyring"
     else
       install -m 0644 "$work/key" "$keyring"
     fi ;;
esac
echo "deb [arch=$(dpkg --print-architecture) signed-by=$keyring] $line" > "/etc/apt/sources.list.d/$name.list"
echo "apt source $name: key $want from $url, $line"
