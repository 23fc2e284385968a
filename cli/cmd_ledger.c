/* cmd_ledger.c - `budgetlint ledger|compare|export|expect`: what the ledger holds, side by side, out, and what it should hold. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "budgetlint/store.h"
#include "cli.h"

static int parse_fmt(const char *v, bl_store_fmt *f, int allow_fdp)
{
	if (!strcmp(v, "text"))
		*f = BL_FMT_TEXT;
	else if (!strcmp(v, "csv"))
		*f = BL_FMT_CSV;
	else if (!strcmp(v, "json"))
		*f = BL_FMT_JSON;
	else if (allow_fdp && !strcmp(v, "fdp"))
		*f = BL_FMT_FDP;
	else
		return -1;
	return 0;
}

/* Commands that only read open the ledger read-only: they work on a
 * database the user may not write (a colleague's file, a read-only
 * directory or mount) and never create one as a side effect (a mistyped
 * --db is an error, not a new empty ledger). */
enum { WRITE = 0, READ = 1 };

static bl_store *open_store(const char *db, int read)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	bl_status st = read ? bl_store_open_readonly(cli_db(db), &s, &d) : bl_store_open(cli_db(db), &s, &d);
	if (st == BL_EFORMAT && read) {
		/* another schema version: an older one is migrated when the
		 * database may be written, as it was before a read-only open
		 * existed; a newer one is refused again, with the same words */
		bl_diag rw = {0};
		if (bl_store_open(cli_db(db), &s, &rw) == BL_OK)
			return s;
		if (rw.err != EROFS)
			d = rw;
	}
	if (st != BL_OK) {
		cli_error("%s", d.msg);
		return NULL;
	}
	return s;
}

int cmd_ledger(int argc, char **argv)
{
	const char *db = NULL;
	bl_store_fmt fmt = BL_FMT_TEXT;
	int verify = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--db")))
			db = v;
		else if ((v = cli_opt(argc, argv, &i, "--format"))) {
			if (parse_fmt(v, &fmt, 0)) {
				cli_error("unknown format '%s' (text, csv or json)", v);
				return EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--verify"))
			verify = 1;
		else {
			cli_usage("ledger", "unknown argument '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	bl_store *s = open_store(db, READ);
	if (!s)
		return EXIT_USAGE;
	bl_diag d = {0};
	int rc = EXIT_CLEAN;
	if (verify) {
		if (bl_store_verify(s, &d) != BL_OK) {
			cli_error("%s", d.msg);
			rc = EXIT_FINDINGS;
		} else {
			printf("ledger sound: integrity check ok, every document filed once, every row "
			       "attached\n");
		}
	} else {
		char today[32];
		cli_today(today);
		if (bl_store_ledger(s, stdout, fmt, today, &d) != BL_OK) {
			cli_error("%s", d.msg);
			rc = EXIT_USAGE;
		}
	}
	bl_store_close(s);
	return rc;
}

int cmd_compare(int argc, char **argv)
{
	const char *db = NULL, *org = NULL, *kind = NULL;
	int year = 0;
	bl_store_fmt fmt = BL_FMT_TEXT;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--db")))
			db = v;
		else if ((v = cli_opt(argc, argv, &i, "--org")))
			org = v;
		else if ((v = cli_opt(argc, argv, &i, "--year"))) {
			year = atoi(v);
			if (year < 1990 || year > 2100) {
				cli_error("--year wants a year such as 2024");
				return EXIT_USAGE;
			}
		} else if ((v = cli_opt(argc, argv, &i, "--kind"))) {
			if (strcmp(v, "budget") && strcmp(v, "final")) {
				cli_error("--kind is budget or final");
				return EXIT_USAGE;
			}
			kind = v;
		} else if ((v = cli_opt(argc, argv, &i, "--format"))) {
			if (parse_fmt(v, &fmt, 0)) {
				cli_error("unknown format '%s' (text, csv or json)", v);
				return EXIT_USAGE;
			}
		} else {
			cli_usage("compare", "unknown argument '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!org && !year) {
		cli_usage("compare",
			  "name a unit (--org, across years) or a year (--year, units side by side)");
		return EXIT_USAGE;
	}
	bl_store *s = open_store(db, READ);
	if (!s)
		return EXIT_USAGE;
	bl_diag d = {0};
	int rc = EXIT_CLEAN;
	if (bl_store_compare(s, stdout, fmt, org, year, kind, &d) != BL_OK) {
		cli_error("%s", d.msg);
		rc = EXIT_USAGE;
	}
	bl_store_close(s);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	const char *db = NULL, *outp = NULL;
	bl_store_fmt fmt = BL_FMT_JSON;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--db")))
			db = v;
		else if ((v = cli_opt(argc, argv, &i, "-o")) || (v = cli_opt(argc, argv, &i, "--output")))
			outp = v;
		else if ((v = cli_opt(argc, argv, &i, "--format"))) {
			if (parse_fmt(v, &fmt, 1) || fmt == BL_FMT_TEXT) {
				cli_error("unknown format '%s' (csv, json or fdp)", v);
				return EXIT_USAGE;
			}
		} else {
			cli_usage("export", "unknown argument '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (fmt == BL_FMT_FDP && !outp) {
		cli_usage("export", "a Fiscal Data Package is a directory: give -o DIR");
		return EXIT_USAGE;
	}
	bl_store *s = open_store(db, READ);
	if (!s)
		return EXIT_USAGE;
	bl_diag d = {0};
	int rc = EXIT_CLEAN;
	FILE *out = stdout;
	const char *dir = NULL;
	if (outp && fmt == BL_FMT_JSON) {
		out = fopen(outp, "w");
		if (!out) {
			cli_error("cannot write '%s'", outp);
			bl_store_close(s);
			return EXIT_USAGE;
		}
	} else if (outp) {
		dir = outp; /* csv: documents.csv, facts.csv, cells.csv, findings.csv */
	}
	if (bl_store_export(s, out, fmt, dir, &d) != BL_OK) {
		cli_error("%s", d.msg);
		rc = EXIT_USAGE;
	}
	if (out != stdout && fclose(out) != 0) {
		cli_error("cannot write '%s'", outp);
		rc = EXIT_USAGE;
	}
	bl_store_close(s);
	return rc;
}

int cmd_expect(int argc, char **argv)
{
	const char *db = NULL, *csv = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--db")))
			db = v;
		else if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage("expect", "unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else if (!csv)
			csv = argv[i];
		else {
			cli_usage("expect", "one CSV at a time");
			return EXIT_USAGE;
		}
	}
	if (!csv) {
		cli_usage("expect", "no CSV named");
		return EXIT_USAGE;
	}
	bl_store *s = open_store(db, WRITE);
	if (!s)
		return EXIT_USAGE;
	bl_diag d = {0};
	int n = 0, rc = EXIT_CLEAN;
	if (bl_store_expect_csv(s, csv, &n, &d) != BL_OK || bl_store_crosscheck(s, &d) != BL_OK) {
		cli_error("%s", d.msg);
		rc = EXIT_USAGE;
	} else {
		printf("%d expected documents imported; see 'budgetlint ledger' for what is missing\n", n);
	}
	bl_store_close(s);
	return rc;
}

int cmd_review(int argc, char **argv)
{
	const char *db = NULL, *note = "", *by = NULL, *args[3] = {NULL, NULL, NULL};
	int nargs = 0, list = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--db")))
			db = v;
		else if ((v = cli_opt(argc, argv, &i, "--note")))
			note = v;
		else if ((v = cli_opt(argc, argv, &i, "--by")))
			by = v;
		else if (!strcmp(argv[i], "--list"))
			list = 1;
		else if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage("review", "unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else if (nargs < 2)
			args[nargs++] = argv[i];
		else {
			cli_usage("review", "too many arguments");
			return EXIT_USAGE;
		}
	}
	if ((list && nargs > 1) || (!list && nargs != 2)) {
		cli_usage("review", "give --list [PATH], or a FINGERPRINT and a decision");
		return EXIT_USAGE;
	}
	bl_store *s = open_store(db, list ? READ : WRITE);
	if (!s)
		return EXIT_USAGE;
	bl_diag d = {0};
	int rc = EXIT_CLEAN, n = 0;
	if (!by)
		by = getenv("USER") ? getenv("USER") : "";
	if (list ? bl_store_review_list(s, stdout, args[0], &d) != BL_OK
		 : bl_store_review(s, args[0], args[1], by, note, &n, &d) != BL_OK) {
		cli_error("%s", d.msg);
		rc = EXIT_USAGE;
	} else if (!list) {
		printf("recorded: %s %s\n", args[0], args[1]);
	}
	bl_store_close(s);
	return rc;
}
