# budgetlint - one Makefile as a menu: make, make test, make deps, make fuzz, make bench, make docs, make lint, make format.

CC      ?= cc
WARN    = -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wvla -Wwrite-strings -fno-common
DEFS    = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT     ?= -O2 -g
WERROR  ?=
CFLAGS_LIB = $(WARN) $(WERROR) $(DEFS) -Iinclude -Ilib -I/usr/include/libxml2 -I/usr/include/postgresql -DBL_BUILDING_LIB -fvisibility=hidden
CFLAGS_EXE = $(WARN) $(WERROR) $(DEFS) -Iinclude
SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# MuPDF (static, AGPL) and what it needs; see ../shared/DEPS-NOTES.md
# libpq, libzip and libxml2 are loaded when first needed (lib/store/pg.c, lib/ingest/zip.c, xml.c), not linked;
# the tests that write DOCX/XLSX packages link libzip themselves (ZIPW)
ZIPW    = -lzip
LIBS    = -lcjson -lsqlite3 -lmupdf -lmupdf-third -lharfbuzz -lfreetype -ljbig2dec -ljpeg -lopenjp2 -lgumbo -lmujs -lz -lm -lpthread -ldl

LIB_SRC = $(wildcard lib/*.c lib/*/*.c)
CLI_SRC = $(wildcard cli/*.c)
TEMPLATES = $(sort $(wildcard lib/rules/templates/*.def))
HDRS    = $(wildcard include/budgetlint/*.h lib/*/*.h lib/*/*.def) $(TEMPLATES) lib/rules/templates/index.h

B  = build
BT = build/test

LIB_OBJ   = $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(B)/obj/%.o)
LIB_OBJ_T = $(LIB_SRC:%.c=$(BT)/obj/%.o)
CLI_OBJ_T = $(CLI_SRC:%.c=$(BT)/obj/%.o)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BT)/%)
PATHO_SRC = $(wildcard tests/pathological/gen_*.c)
PATHO_BIN = $(PATHO_SRC:tests/pathological/%.c=$(B)/patho/%)

.PHONY: all deps test unit check-example docs lint format fuzz fuzz-long bench bench-ledger bench-render clean valgrind patho check-format check-layers

all: $(B)/budgetlint

$(B)/obj/lib/%.o: lib/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $(CFLAGS_LIB) -c $< -o $@
$(B)/obj/cli/%.o: cli/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $(CFLAGS_EXE) -c $< -o $@
$(B)/libbudgetlint.a: $(LIB_OBJ)
	rm -f $@; ar rcs $@ $^
$(B)/budgetlint: $(CLI_OBJ) $(B)/libbudgetlint.a
	$(CC) $(OPT) -o $@ $(CLI_OBJ) $(B)/libbudgetlint.a $(LIBS)

# The test build: sanitizers always on.
$(BT)/obj/lib/%.o: lib/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) -O1 -g $(SAN) $(CFLAGS_LIB) -c $< -o $@
$(BT)/obj/cli/%.o: cli/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) -O1 -g $(SAN) $(CFLAGS_EXE) -c $< -o $@
$(BT)/libbudgetlint.a: $(LIB_OBJ_T)
	rm -f $@; ar rcs $@ $^
$(BT)/budgetlint: $(CLI_OBJ_T) $(BT)/libbudgetlint.a
	$(CC) -O1 -g $(SAN) -o $@ $(CLI_OBJ_T) $(BT)/libbudgetlint.a $(LIBS)
# unit tests see the library's internals on purpose
$(BT)/test_%: tests/unit/test_%.c $(wildcard tests/*.h) $(BT)/libbudgetlint.a
	$(CC) -O1 -g $(SAN) $(WARN) $(DEFS) -Iinclude -Ilib -Itests -I/usr/include/postgresql -o $@ $< $(BT)/libbudgetlint.a $(LIBS) $(ZIPW) -lcjson

# parses the JSON output with a real parser (cJSON) and checks the DESIGN.md contract
$(BT)/jsoncheck: tests/jsoncheck.c tests/harness.h
	@mkdir -p $(BT)
	$(CC) -O1 -g $(SAN) $(WARN) $(DEFS) -Itests -o $@ $< -lcjson


# the spec runner: tests/spec/*.md through the library and the CLI (tests/spec/README.md)
$(BT)/spec: tests/spec/spec.c tests/spec/doc.h $(BT)/libbudgetlint.a
	$(CC) -O1 -g $(SAN) $(WARN) $(DEFS) -Iinclude -Ilib -o $@ $< $(BT)/libbudgetlint.a $(LIBS) -lcjson

# valid UTF-8 with no NUL and no control characters: the output hygiene check
$(BT)/utf8check: tests/utf8check.c
	@mkdir -p $(BT)
	$(CC) -O1 -g $(SAN) $(WARN) $(DEFS) -o $@ $<

# one fuzz target per input adapter, the file name choosing the adapter when the bytes do not;
# the library is compiled for fuzzing once and linked into each
FUZZ_CC = clang -O1 -g -fsanitize=fuzzer-no-link,address,undefined $(DEFS) -Iinclude -Ilib -I/usr/include/libxml2 -I/usr/include/postgresql -DBL_BUILDING_LIB
FUZZ_LD = clang -O1 -g -fsanitize=fuzzer,address,undefined $(DEFS) -Iinclude -Ilib -DBL_BUILDING_LIB
LIB_OBJ_F = $(LIB_SRC:%.c=$(BT)/fuzzobj/%.o)
$(BT)/fuzzobj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -c $< -o $@
$(BT)/libbudgetlint-fuzz.a: $(LIB_OBJ_F)
	rm -f $@; ar rcs $@ $^
$(BT)/fuzz_text: fuzz/fuzz_ingest.c fuzz/fuzz_common.h $(BT)/libbudgetlint-fuzz.a
	$(FUZZ_LD) -DFUZZ_NAME='"fuzz.txt"' -o $@ $< $(BT)/libbudgetlint-fuzz.a $(LIBS)
$(BT)/fuzz_pdf: fuzz/fuzz_ingest.c fuzz/fuzz_common.h $(BT)/libbudgetlint-fuzz.a
	$(FUZZ_LD) -DFUZZ_NAME='"fuzz.pdf"' -o $@ $< $(BT)/libbudgetlint-fuzz.a $(LIBS)
$(BT)/fuzz_ooxml: fuzz/fuzz_ingest.c fuzz/fuzz_common.h $(BT)/libbudgetlint-fuzz.a
	$(FUZZ_LD) -DFUZZ_NAME='"fuzz.docx"' -o $@ $< $(BT)/libbudgetlint-fuzz.a $(LIBS)
$(BT)/fuzz_html: fuzz/fuzz_ingest.c fuzz/fuzz_common.h $(BT)/libbudgetlint-fuzz.a
	$(FUZZ_LD) -DFUZZ_NAME='"fuzz.html"' -o $@ $< $(BT)/libbudgetlint-fuzz.a $(LIBS)
$(BT)/fuzz_render: fuzz/fuzz_ingest.c fuzz/fuzz_common.h $(BT)/libbudgetlint-fuzz.a
	$(FUZZ_LD) -DFUZZ_NAME='"fuzz.json"' -DFUZZ_JSON -o $@ $< $(BT)/libbudgetlint-fuzz.a $(LIBS)
# the XML inside DOCX/XLSX, zipped by the harness (fuzz/fuzz_oxml.c)
$(BT)/fuzz_oxml: fuzz/fuzz_oxml.c fuzz/fuzz_common.h $(BT)/libbudgetlint-fuzz.a
	$(FUZZ_LD) -o $@ $< $(BT)/libbudgetlint-fuzz.a $(LIBS) $(ZIPW)
FUZZ_TARGETS = text pdf ooxml oxml html render
FUZZERS = $(FUZZ_TARGETS:%=$(BT)/fuzz_%)

# Installs missing Debian packages (as root) and does nothing when all are present.
deps:
	@sh tools/deps.sh

# Builds and runs the main job on the bundled example.
check-example: deps all
	./$(B)/budgetlint check examples/ ; test $$? -le 1

test: deps
	@$(MAKE) --no-print-directory WERROR=-Werror $(BT)/budgetlint $(UNIT_BIN) $(BT)/spec $(B)/budgetlint $(B)/mkscan $(B)/paired $(FUZZERS) $(BT)/jsoncheck $(BT)/utf8check $(PATHO_BIN)
	@sh tests/run.sh

docs: all
	./$(B)/budgetlint rules --format markdown > docs/rules.md
	./$(B)/budgetlint vocab > docs/facts.md

# FUZZ_SECONDS per target (default five minutes); corpora grow in build/fuzz-corpus/<target>,
# seeded from fuzz/seeds, the corpus documents and the pathological generators' small cases
# (tools/fuzz.sh); stats go to build/fuzz-corpus/<target>.log. fuzz-long: an hour per target.
FUZZ_SECONDS ?= 300
fuzz: $(FUZZERS) $(PATHO_BIN)
	sh tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
fuzz-long: $(FUZZERS) $(PATHO_BIN)
	sh tools/fuzz.sh 3600 $(FUZZ_TARGETS)

$(B)/mkscan: bench/mkscan.c tests/scan.h
	$(CC) $(OPT) $(WARN) $(DEFS) -Itests -o $@ bench/mkscan.c $(LIBS)

# paired, interleaved timing of two commands (the per-PDF ratios of bench/run.sh)
$(B)/paired: bench/paired.c
	$(CC) $(OPT) $(WARN) $(DEFS) -o $@ bench/paired.c

# MuPDF alone reading a PDF as check has it read (the mupdf column of bench/run.sh)
$(B)/pdffloor: bench/floor.c $(B)/libbudgetlint.a
	$(CC) $(OPT) $(WARN) $(DEFS) -Iinclude -Ilib -o $@ bench/floor.c $(B)/libbudgetlint.a $(LIBS)

bench: all $(B)/mkscan $(B)/paired $(B)/pdffloor
	sh bench/run.sh

# the ledger at 10,000 documents (several minutes); figures go in docs/performance.md
bench-ledger: all
	sh bench/ledger.sh 10000

bench-render: all
	sh bench/render.sh 1000

# generators of the pathological inputs (tests/pathological/gen_<area>.c), one program per area
$(B)/patho/gen_%: tests/pathological/gen_%.c tests/pathological/gen.h $(wildcard tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $(WARN) $(DEFS) -Itests -o $@ $< $(LIBS) $(ZIPW)

# hostile inputs against the release binary: bounded time (ratio to a plain pass) and memory
patho: all $(PATHO_BIN)
	sh tests/pathological/run.sh

valgrind: all
	valgrind --error-exitcode=1 --leak-check=full ./$(B)/budgetlint check ../shared/corpus/seeds > /dev/null; test $$? -le 1

lint:
	cppcheck --quiet --enable=warning,performance,portability --std=c11 -Iinclude -Ilib lib cli

FORMAT_SRC = $(LIB_SRC) $(CLI_SRC) $(filter-out lib/read/fkeys.h,$(wildcard lib/*/*.h)) $(wildcard include/budgetlint/*.h tests/spec/*.c tests/spec/*.h cli/*.h tests/unit/*.c tests/*.h tests/*.c fuzz/*.c fuzz/*.h tools/*.c bench/*.c tests/pathological/*.c tests/pathological/*.h)
# the tree is kept formatted: make format changes nothing, check-format says where it would
format:
	clang-format -i $(FORMAT_SRC)
check-format:
	@clang-format --dry-run -Werror $(FORMAT_SRC) 2>&1 | head -20; clang-format --dry-run -Werror $(FORMAT_SRC) > /dev/null 2>&1 && echo "check-format: ok"

# each stage includes only its own folder and the headers of earlier stages
check-layers:
	@sh tools/check-layers.sh lib

clean:
	rm -rf build

# Generated sources, committed so a reader sees them; make refreshes them
# when their table changes and the suite fails when a committed one is stale.
$(B)/genkeys: tools/genkeys.c lib/read/facts.def
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -o $@ tools/genkeys.c
# the template files' list (a template is one file in lib/rules/templates)
lib/rules/templates/index.h: $(TEMPLATES) tools/gentemplates.sh
	sh tools/gentemplates.sh > $@.tmp && mv $@.tmp $@
lib/read/fkeys.h: lib/read/facts.def tools/genkeys.c
	@$(MAKE) --no-print-directory $(B)/genkeys
	./$(B)/genkeys > $@.tmp && mv $@.tmp $@
