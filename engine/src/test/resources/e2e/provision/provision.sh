#!/bin/sh
# The end-to-end test's provisioning command: records what it was given.
set -e
printf '%s\n' "$NOTE" > /etc/provisioned
sed -n 's/^hostname: //p' /etc/metal/install.yaml > /etc/hostname
