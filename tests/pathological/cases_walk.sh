# cases_walk.sh - directory walks: symbolic link loops and diamonds walk each directory once.
# Sourced by run.sh. A loop of two links to '.' is 2^33 paths to a walk that follows links
# blindly, a diamond of 24 levels (two links from each level to the next) 2^24: both must take
# the time of the few files they hold.

wl=$W/walk-loop
mkdir -p "$wl"
printf '某某区教育局2024年度部门预算\n收入总计100.00万元。\n' > "$wl/a.txt"
ln -sfn . "$wl/l1"
ln -sfn . "$wl/l2"
patho_cmd walk-symlink-loop 65536 "0 1" "'$wl/l1' leads back to '$wl' \(a symbolic link loop\)" 256 20 \
	"$BL" check --color never "$wl"
patho_cmd ingest-symlink-loop 65536 "0" "^1 files: 1 filed" 256 20 "$BL" ingest --db "$W/walk-loop.db" -j2 -q "$wl"

wd=$W/walk-diamond
k=0
while [ $k -le 24 ]; do
	mkdir -p "$wd/d$k"
	printf '某某区第%d教育局2024年度部门预算\n收入总计100.00万元。\n' "$k" > "$wd/d$k/a.txt"
	if [ $k -lt 24 ]; then
		ln -sfn "../d$((k + 1))" "$wd/d$k/x"
		ln -sfn "../d$((k + 1))" "$wd/d$k/y"
	fi
	k=$((k + 1))
done
patho_cmd walk-symlink-diamond 65536 "0 1" "is the directory '$wd/d0/x' again" 256 20 "$BL" check --color never "$wd/d0"
