chmod 0700 conf
chmod 0750 conf/sub
chmod 0600 conf/sub/x.conf
