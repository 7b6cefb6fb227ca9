#!/bin/sh
# Puts the machine's BGP AS number (from FRR's configuration, written at provisioning) into the
# static pod manifests in place of the placeholder METAL_MACHINE_ASN.
set -eu
asn=$(sed -n 's/^[[:space:]]*router bgp \([0-9][0-9]*\).*/\1/p' /etc/frr/frr.conf 2>/dev/null | head -n 1)
if [ -z "$asn" ]; then
  echo "no 'router bgp <ASN>' in /etc/frr/frr.conf" >&2
  exit 1
fi
for manifest in /etc/kubernetes/manifests/*; do
  [ -f "$manifest" ] || continue
  sed -i "s/METAL_MACHINE_ASN/$asn/g" "$manifest"
done
