#!/bin/sh
# deps.sh - installs the Debian packages the build and the tests need, when missing.
# Run as root on a fresh Debian 12 machine; as another user it only reports.
set -e
need=""
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
have_cmd cc    || need="$need gcc libc6-dev"
have_cmd make  || need="$need make"
have_cmd clang || need="$need clang"
# the suite checks the tree is formatted (make check-format)
have_cmd clang-format || need="$need clang-format"
have_pkg libclang-rt-14-dev || need="$need libclang-rt-14-dev"
have_cmd iconv || need="$need libc-bin"
have_cmd valgrind || need="$need valgrind"
have_cmd bc || need="$need bc"
# the benchmarks' reference (pdftotext -layout on the same PDFs) and page counts (pdfinfo)
have_cmd pdftotext || need="$need poppler-utils"
have_pkg libcjson-dev || need="$need libcjson-dev"
# the suite validates Fiscal Data Packages with the npm package the spec's authors publish
have_cmd node || need="$need nodejs"
have_cmd npm || need="$need npm"
# MuPDF is static-only and declares no dependencies: name what it links against
for p in libmupdf-dev libharfbuzz-dev libfreetype-dev libjbig2dec0-dev libjpeg-dev libopenjp2-7-dev \
	libgumbo-dev libmujs-dev zlib1g-dev libzip-dev libxml2-dev libtesseract-dev tesseract-ocr-chi-sim \
	libsqlite3-dev libpq-dev postgresql; do
	have_pkg $p || need="$need $p"
done
if [ -z "$need" ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing packages:$need (run 'make deps' as root)" >&2
	exit 1
fi
echo "deps.sh: installing$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $need
