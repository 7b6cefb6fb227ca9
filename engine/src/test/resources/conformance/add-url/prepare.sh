# The harness serves the prepared copy's served/ folder; the archive is made here.
mkdir -p served/src/etc
echo conf > served/src/etc/conf
tar -cf served/bundle.tar -C served/src etc
rm -r served/src
