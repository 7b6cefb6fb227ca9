mkdir -p l/etc l/srv/becomesdir
chmod 0700 l/etc && chown 1000:100 l/etc
echo new > l/etc/new.conf
echo file > l/srv/becomesfile
echo inside > l/srv/becomesdir/inside
tar --numeric-owner -cf listed.tar -C l etc srv/becomesfile srv/becomesdir
mkdir -p i/var/lib/svc i/home/app i/lib/implied
echo s > i/var/lib/svc/state && echo h > i/home/app/h && echo so > i/lib/implied/x.so
tar --numeric-owner -cf implied.tar -C i var/lib/svc/state home/app/h lib/implied/x.so
rm -rf l i
