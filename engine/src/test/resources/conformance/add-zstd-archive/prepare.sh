mkdir -p src && echo z > src/z
tar --numeric-owner -cf - -C src . | zstd -q -o zst.tar.zst
rm -rf src
