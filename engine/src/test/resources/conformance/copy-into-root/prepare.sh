chmod 0755 rootfs/usr/local/bin/tool
chmod 0700 rootfs/home/app
