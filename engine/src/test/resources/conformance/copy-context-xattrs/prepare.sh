setfattr -n user.origin -v context files/user
setcap cap_net_raw+ep files/cap
