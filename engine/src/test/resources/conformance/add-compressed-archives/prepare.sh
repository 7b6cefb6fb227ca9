mkdir -p src/d && echo one > src/d/one && echo two > src/two
tar --numeric-owner -cf plain.tar -C src .
tar --numeric-owner -czf gz.tar.gz -C src d
tar --numeric-owner -cjf bz.tar.bz2 -C src two
tar --numeric-owner -cJf xz.tar.xz -C src .
echo 'not a tar' | gzip > notatar.gz
tar -cf empty.tar --files-from /dev/null
rm -rf src
