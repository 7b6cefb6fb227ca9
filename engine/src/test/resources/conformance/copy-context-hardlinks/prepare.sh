ln dir/a dir/b
ln dir/a dir/sub/c
