mkdir -p src/bin src/conf src/dev
echo x > src/bin/tool && chmod 4755 src/bin/tool
echo c > src/conf/c && chown 1000:100 src/conf/c && chmod 0600 src/conf/c
chown 5:6 src/conf && chmod 0750 src/conf
echo cap > src/bin/capped && chmod 0755 src/bin/capped && setcap cap_net_raw+ep src/bin/capped
setfattr -n user.origin -v archive src/conf/c
mkfifo src/dev/fifo
mknod src/dev/null c 1 3
ln -s ../conf/c src/bin/conf-link
ln src/conf/c src/bin/conf-hard
tar --numeric-owner --xattrs --xattrs-include='*' -cf bundle.tar -C src .
rm -rf src
