chmod 0700 named/ctx/etc/frr
chmod 0640 named/ctx/etc/frr/daemons
