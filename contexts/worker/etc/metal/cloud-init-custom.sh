#!/bin/sh
# Applies a cloud-config userdata without a cloud-init datasource: only when
# /etc/metal/userdata is a cloud-config (the marker on its first or second line), with
# cloud-init's write_files and runcmd modules, then runs the runcmd script they produced.
set -eu
userdata=/etc/metal/userdata
[ -f "$userdata" ] || exit 0
head -n 2 "$userdata" | grep -qx '#cloud-config' || exit 0
cloud-init --file "$userdata" single --name write_files --frequency always
cloud-init --file "$userdata" single --name runcmd --frequency always
runcmd=/var/lib/cloud/instances/iid-datasource-none/scripts/runcmd
if [ -x "$runcmd" ]; then
  "$runcmd"
fi
