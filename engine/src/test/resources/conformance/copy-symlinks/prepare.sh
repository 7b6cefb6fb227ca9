ln -s target link-to-file
ln -s realdir link-to-dir
ln -s ../target tree/up
ln -s /etc/passwd tree/abs
ln -s dangling tree/dangling
ln -s /target abs-link
