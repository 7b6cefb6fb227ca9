#!/bin/sh
# Imports every image archive shipped in /kubeadm-images into containerd's Kubernetes
# namespace, so kubeadm and kubelet find them without pulling.
set -eu
for archive in /kubeadm-images/*.tar; do
  [ -f "$archive" ] || continue
  echo "loading $archive"
  ctr --namespace k8s.io images import "$archive"
done
