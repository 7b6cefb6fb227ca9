mkdir -p src/d && echo a > src/d/a && chown 7:8 src/d/a
tar --numeric-owner -cf bundle.tar -C src d
rm -rf src
