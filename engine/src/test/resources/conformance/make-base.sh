#!/usr/bin/env bash
# Makes the conformance suite's base image as a tarball: a merged-/usr tree with busybox (static),
# setcap and setfattr with their libraries taken from the host, a few users and groups, and some
# directories whose owner and mode are not the defaults (the cases check that nothing resets them).
# Both sides start from this same file: the chroot backend as --base, dockerd through docker import.
# Usage: make-base.sh DIR OUT.tar
set -euo pipefail
root=$1 out=$2
rm -rf "$root"
mkdir -p "$root"
cd "$root"
mkdir -p usr/bin usr/sbin usr/lib usr/lib64 etc/systemd/system home/app var/lib/svc opt tmp root
ln -s usr/bin bin
ln -s usr/sbin sbin
ln -s usr/lib lib
ln -s usr/lib64 lib64
cp /usr/bin/busybox usr/bin/busybox
for applet in sh ls cat touch mkdir rm rmdir ln chmod chown chgrp mkfifo mknod id echo true false \
  stat cp mv printf test whoami sleep find env readlink tar; do
  ln -s busybox "usr/bin/$applet"
done
cp /usr/sbin/setcap usr/sbin/setcap
cp /usr/bin/setfattr usr/bin/setfattr
# Their shared libraries and the loader, at the paths the host's binaries name.
for lib in $( (ldd /usr/sbin/setcap; ldd /usr/bin/setfattr) | grep -o '/[^ ]*' | sort -u); do
  real=$(readlink -f "$lib")
  dest=usr/${lib#/usr/}
  dest=usr/${dest#usr/}
  mkdir -p "$(dirname "$dest")"
  cp "$real" "$dest"
done
cat >etc/passwd <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
svc:x:999:990:service:/var/lib/svc:/bin/sh
app:x:1000:100:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >etc/group <<'GROUP'
root:x:0:
staff:x:50:
users:x:100:
svc:x:990:
appgrp:x:1001:
nogroup:x:65534:
GROUP
chmod 0700 root
chmod 1777 tmp
chmod 0775 etc/systemd
chown 1000:100 home/app
chmod 0700 home/app
chown 999:990 var/lib/svc
chmod 0750 var/lib/svc
tar --create --file="$out" --numeric-owner --xattrs --xattrs-include='*' --sort=name \
  --mtime=@0 .
