# A serial console does not tell the shell its size. `resize` asks the terminal where its
# bottom-right corner is and sets the tty's rows and columns from the answer.
resize() {
  local saved rows cols
  [ -t 0 ] || return 0
  saved=$(stty -g)
  stty raw -echo min 0 time 5
  # save cursor, move far down-right, ask for the cursor position, restore cursor
  printf '\0337\033[r\033[999;999H\033[6n\0338' >/dev/tty
  IFS='[;R' read -r _ rows cols _ </dev/tty
  stty "$saved"
  [ -n "$rows" ] && [ -n "$cols" ] && stty cols "$cols" rows "$rows"
}
