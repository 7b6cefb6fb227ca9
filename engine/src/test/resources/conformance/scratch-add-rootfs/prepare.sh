mkdir -p r/etc r/usr/bin r/home/user r/var/empty
echo 'root:x:0:0::/root:/bin/sh' > r/etc/passwd
echo bin > r/usr/bin/prog && chmod 4711 r/usr/bin/prog
echo cap > r/usr/bin/capped && setcap cap_net_bind_service+ep r/usr/bin/capped
ln -s usr/bin r/bin
chown 1000:1000 r/home/user && chmod 0700 r/home/user
chmod 0555 r/var/empty
ln r/usr/bin/prog r/usr/bin/prog-hard
tar --numeric-owner --xattrs --xattrs-include='*' -czf rootfs.tar.gz -C r .
rm -rf r
