#!/bin/sh
# replicate.sh N OUT [SRC] - N copies of each real text with the district renamed
# (普陀区 -> 普陀<i>区, 开州区 -> 开州<i>区 ...), so every copy is another set of
# organisations with its own content hash: a corpus for crash tests and benchmarks.
set -eu
n=$1 out=$2 src=${3:-../shared/corpus/real}
mkdir -p "$out"
i=1
while [ "$i" -le "$n" ]; do
	for f in "$src"/*.txt; do
		b=$(basename "$f" .txt)
		sed -e "s/普陀区/普陀${i}区/g" -e "s/普 陀区/普陀${i}区/g" -e "s/上海市财政局/上海市财政${i}局/g" \
			-e "s/重庆市交通委员会/重庆市交通${i}委员会/g" "$f" > "$out/$b-r$i.txt"
	done
	i=$((i + 1))
done
