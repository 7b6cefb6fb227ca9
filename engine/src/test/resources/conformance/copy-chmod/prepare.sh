chmod 4755 f
