chmod 0750 etc/frr
chmod 0640 etc/frr/frr.conf
