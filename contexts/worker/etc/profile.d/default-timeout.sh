# Idle shells end after 15 minutes (CIS 5.4.5); users cannot change that.
TMOUT=900
readonly TMOUT
export TMOUT
