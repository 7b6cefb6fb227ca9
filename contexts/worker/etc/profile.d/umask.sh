# New files are private to their owner (CIS 5.4.4 asks for 027 or stricter).
umask 077
