#!/bin/sh
# npm.sh - the Fiscal Data Package validates against the FDP profile (npm: datapackage), and a broken one does not
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite npm
need_corpus
corpus_ledger
$BL export --db "$LDB" --format fdp -o "$tmp/fdp" && ok || bad "export fdp"
if [ -d build/npm/node_modules/datapackage ] || (mkdir -p build/npm && cd build/npm && npm install --no-audit --no-fund --silent datapackage@1.1.10 tv4@1.3.0 > npm.log 2>&1); then
	node tests/fdp_validate.js "$tmp/fdp" build/npm > "$tmp/fdpv" 2>&1 && ok || { bad "FDP does not validate"; cat "$tmp/fdpv"; }
	sed 's/"currency": "CNY", //' "$tmp/fdp/datapackage.json" > "$tmp/fdp/dp2" && mv "$tmp/fdp/dp2" "$tmp/fdp/datapackage.json"
	node tests/fdp_validate.js "$tmp/fdp" build/npm > /dev/null 2>&1 && bad "FDP validator accepts a measure without currency" || ok
else
	bad "npm install datapackage failed"; cat build/npm/npm.log | tail -5
fi
finish
