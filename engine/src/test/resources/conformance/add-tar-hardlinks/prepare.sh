mkdir -p src/d
echo one > src/a
ln src/a src/d/a-link
chmod 0751 src/d
chown 1000:100 src/a
tar --numeric-owner -cf bundle.tar -C src .
gzip -k -c bundle.tar > bundle.tar.gz
rm -rf src
