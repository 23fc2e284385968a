#!/bin/sh
# check_usage.sh BIN - the CLI's text agrees with itself and with README.md:
# README's usage block is `BIN help --markdown`; every command answers
# --help and -h (exit 0) with its usage, and a usage error prints the same
# usage; every option a command's --help lists is in its usage; the
# options of DESIGN.md's CLI contract are there; --version names the
# formats and features. All of it comes from the command table in
# cli/main.c. Prints "check_usage: N passed, N failed"; exit 1 on a failure.
set -u
BIN=${1:?usage: tests/check_usage.sh BIN}
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# Usage lines as one line per form, without their prefix ("usage: ", "  ", "    "):
# a line starting "budgetlint" after it begins a form, any other continues one.
unwrap() {
	awk '{ line = $0; sub(/^(usage: )? */, "", line) }
	     line ~ /^budgetlint / { if (form != "") print form; form = line; next }
	     form != "" && line != "" { form = form " " line; next }
	     { if (form != "") print form; form = "" }
	     END { if (form != "") print form }'
}

# README: the indented lines after "## Usage" and its blank line
awk '/^## Usage$/ { on = 1; next } on == 1 && /^$/ { on = 2; next } on == 2 && /^    / { print; next } on == 2 { exit }' README.md > "$tmp/readme"
"$BIN" help --markdown > "$tmp/md" 2>&1
if [ -s "$tmp/md" ] && cmp -s "$tmp/readme" "$tmp/md"; then ok; else
	bad "README.md's usage block is not 'budgetlint help --markdown' (regenerate it from the command table):"
	diff "$tmp/readme" "$tmp/md" | head -20
fi

# bare budgetlint: the help, on stdout, exit 2
"$BIN" help > "$tmp/help"; r1=$?
"$BIN" > "$tmp/bare" 2> "$tmp/bare.err"; r2=$?
if [ $r1 = 0 ] && [ $r2 = 2 ] && cmp -s "$tmp/help" "$tmp/bare" && [ ! -s "$tmp/bare.err" ]; then ok; else bad "budgetlint without a command (exit $r2) is not 'budgetlint help' (exit $r1)"; fi

cmds=$(awk '/^commands:$/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on { exit }' "$tmp/help")
[ -n "$cmds" ] && ok || bad "no commands listed by 'budgetlint help'"
for c in $cmds; do
	"$BIN" "$c" --help > "$tmp/$c.help" 2> "$tmp/$c.help.err"; r=$?
	"$BIN" "$c" -h > "$tmp/$c.h" 2>&1
	"$BIN" help "$c" > "$tmp/$c.helpc" 2>&1
	# the usage: the lines before the first empty one
	awk '/^$/ { exit } { print }' "$tmp/$c.help" > "$tmp/$c.usage"
	if [ $r = 0 ] && [ ! -s "$tmp/$c.help.err" ] && head -1 "$tmp/$c.usage" | grep -q "^usage: budgetlint $c\( \|$\)" \
		&& cmp -s "$tmp/$c.help" "$tmp/$c.h" && cmp -s "$tmp/$c.help" "$tmp/$c.helpc"; then ok; else
		bad "'budgetlint $c --help' (exit $r), -h and 'budgetlint help $c' disagree or fail"
	fi
	# the forms in the help overview are the usage's, once lines are unwrapped
	unwrap < "$tmp/$c.usage" > "$tmp/$c.forms"
	unwrap < "$tmp/help" | awk -v c="$c" '$1 == "budgetlint" && $2 == c' > "$tmp/$c.listed"
	if [ -s "$tmp/$c.forms" ] && cmp -s "$tmp/$c.forms" "$tmp/$c.listed"; then ok; else
		bad "'budgetlint help' lists other forms of $c than its --help"; diff "$tmp/$c.forms" "$tmp/$c.listed" | head -5
	fi
	# every option listed (by its name or its alias) is in the usage; a form saying [options] stands for them
	awk '/^options:$/ { on = 1; next } on && /^$/ { exit } on && /^  -/ { sub(/^  /, ""); if ($1 ~ /,$/) print substr($1, 1, length($1) - 1), $2; else print $1 }' \
		"$tmp/$c.help" > "$tmp/$c.opts"
	while read -r o alias; do
		found=0
		for n in $o $alias; do grep -q -- "$n\( \|$\|]\)" "$tmp/$c.forms" && found=1; done
		grep -q '\[options\]' "$tmp/$c.forms" && found=1
		[ $found = 1 ] && ok || bad "$c: option $o is in its --help but not in its usage"
	done < "$tmp/$c.opts"
	# a usage error: the message, then the same usage lines, exit 2
	"$BIN" "$c" --no-such-option > "$tmp/$c.bad" 2> "$tmp/$c.bad.err"; r=$?
	tail -n +2 "$tmp/$c.bad.err" > "$tmp/$c.bad.usage"
	if [ $r = 2 ] && [ ! -s "$tmp/$c.bad" ] && head -1 "$tmp/$c.bad.err" | grep -q "^budgetlint: .*no-such-option" \
		&& cmp -s "$tmp/$c.usage" "$tmp/$c.bad.usage"; then ok; else
		bad "'budgetlint $c --no-such-option' (exit $r) does not print its usage as --help does"
		diff "$tmp/$c.usage" "$tmp/$c.bad.usage" | head -5
	fi
done

# DESIGN.md's command line contract: each of its options is in the command's usage
design=../shared/DESIGN.md
if [ -f "$design" ]; then
	grep '^    budgetlint ' "$design" | while read -r _ c rest; do
		for o in $(printf '%s\n' "$rest" | grep -o -- '--[a-z-]* [a-z|]*' | tr ' ' '='); do
			name=${o%%=*} vals=${o#*=}
			for v in $(printf '%s' "$vals" | tr '|' ' '); do
				grep -q -- "$name [a-z|]*\b$v\b" "$tmp/$c.forms" || echo "FAIL DESIGN.md: '$c $name $v' is not in 'budgetlint $c --help'"
			done
		done
	done > "$tmp/design"
	if [ -s "$tmp/design" ]; then fail=$((fail + $(grep -c . "$tmp/design"))); cat "$tmp/design"; else ok; fi
fi

# --version: the version, every input format, the features
"$BIN" --version > "$tmp/version" 2>/dev/null
if head -1 "$tmp/version" | grep -q '^budgetlint [0-9]' && grep -q '^formats: pdf .*docx .*xlsx .*html .*text' "$tmp/version" \
	&& grep -q '^features: SQLite, PostgreSQL' "$tmp/version" && grep -q 'OCR' "$tmp/version"; then ok; else
	bad "--version does not list the formats and features:"; cat "$tmp/version"
fi

echo "check_usage: $pass passed, $fail failed"
[ $fail = 0 ]
