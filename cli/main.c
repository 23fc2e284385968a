/* main.c - budgetlint: the command table, directory walking, exit codes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const cli_cmd commands[] = {
	{"check", cmd_check, "budgetlint check [--format text|json] [--min-severity info|warning|error] [--color auto|always|never] [--db FILE|URL] PATH...",
	 "audit disclosures and print findings (exit 1 when any error)"},
	{"extract", cmd_extract, "budgetlint extract [--format json|csv|text] PATH...", "print every fact found, or the text as read"},
	{"ingest", cmd_ingest,
	 "budgetlint ingest [--db FILE|URL] [-j N] [--timeout SECONDS] [--max-files N] [--max-bytes N[KMG]] [--verbose] [--quiet] PATH...",
	 "file documents into the ledger database (parallel, resumable)"},
	{"ledger", cmd_ledger, "budgetlint ledger [--db FILE|URL] [--format text|csv|json] [--verify]",
	 "units x years: what is filed, missing, to confirm, failed"},
	{"compare", cmd_compare, "budgetlint compare [--db FILE|URL] [--org NAME] [--year YYYY] [--kind budget|final] [--format text|csv|json]",
	 "one unit across years, or units within a year, side by side"},
	{"export", cmd_export, "budgetlint export [--db FILE|URL] --format csv|json|fdp [-o FILE|DIR]",
	 "facts, table cells and findings of the ledger"},
	{"expect", cmd_expect, "budgetlint expect [--db FILE|URL] FILE.csv", "import what should be published, and by when"},
	{"review", cmd_review, "budgetlint review [--db FILE|URL] --list [PATH] | FINGERPRINT confirmed|rejected|fixed [--note TEXT] [--by NAME]",
	 "record a reviewer's decision on a finding"},
	{"render", cmd_render,
	 "budgetlint render [--format text|html|docx] [-o FILE] [--draft] [--kind budget|final] [--prev LAST-YEAR] [--texts FILE.json] [--doc N] [--reason-pct N] INPUT",
	 "write the standard narrative from figures (facts JSON or XLSX); refuses inconsistent input"},
	{"rules", cmd_rules, "budgetlint rules [--format text|markdown]", "list the rules"},
	{"vocab", cmd_vocab, "budgetlint vocab", "print the fact vocabulary (docs/facts.md)"},
	{"version", cmd_version, "budgetlint version", "print the version"},
	{"help", cmd_help, "budgetlint help", "print this help"},
};

void cli_error(const char *fmt, ...)
{
	/* one write per message (workers and the walk share stderr), control
	 * characters from file names or document text shown as \xNN, never
	 * sent to the terminal; line breaks in the format (usage text) stay */
	char buf[4096], out[4096 * 4 + 32];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	size_t k = (size_t)snprintf(out, sizeof out, "budgetlint: ");
	bl_report_escape(buf, 1, out + k, sizeof out - k - 8);
	k += strlen(out + k);
	if ((size_t)n >= sizeof buf)
		k += (size_t)snprintf(out + k, sizeof out - k, "...");
	out[k++] = '\n';
	fwrite(out, 1, k, stderr);
}

static int cmd_version(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("budgetlint %s\nformats: txt (UTF-8, GB18030/GBK, UTF-16)\n", bl_version());
	return EXIT_CLEAN;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("usage: budgetlint <command> [options] PATH...\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].summary);
	printf("\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  %s\n", commands[i].usage);
	printf("\nexit status: 0 no error-level finding, 1 some error-level finding, 2 bad usage or unreadable input\n");
	return EXIT_CLEAN;
}

/* ---- the directory walk ----
 *
 * Symbolic links are followed (a link to a file is read like the file), but
 * every directory is walked once, known by device and inode: a link back to
 * an ancestor (a loop) or a second path to a directory already walked is
 * reported as a warning and skipped. Nothing is missed that way, every file
 * under the named paths is still read once, so a skipped path does not
 * change the exit status. What the caps below cut off is an error. */

/* Levels below a named path: real collections nest a handful (region, year,
 * department); deeper is a mistake or a trap, reported rather than walked. */
#define WALK_MAX_DEPTH 32
/* Directories per run: bounds the visited set (one entry and path each). */
#define WALK_MAX_DIRS 1000000
/* Entries of one directory: its names are held in memory to be sorted. */
#define WALK_MAX_ENTRIES (1 << 20)

typedef struct walk_dir {
	dev_t dev;
	ino_t ino;
	char *path; /* where it was first walked, for the message; NULL marks a free slot */
} walk_dir;

typedef struct walk {
	walk_dir *tab; /* open addressing, cap a power of two, at most half full */
	size_t cap, n;
	struct {
		dev_t dev;
		ino_t ino;
	} up[WALK_MAX_DEPTH + 2]; /* the directories being walked, outermost first */
	DIR *open[WALK_MAX_DEPTH + 2]; /* their streams, open while their entries are walked */
	int depth;
	cli_walk_fn fn;
	void *ctx;
	int stop; /* fn asked to stop, or a cap was hit */
} walk;

/* The walk in progress, for cli_walk_close_fds in a forked child. */
static walk *active;

static size_t dir_hash(dev_t dev, ino_t ino, size_t cap)
{
	uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15u ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4Fu;
	return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static walk_dir *dir_find(walk *w, dev_t dev, ino_t ino)
{
	if (!w->cap)
		return NULL;
	for (size_t i = dir_hash(dev, ino, w->cap);; i = (i + 1) & (w->cap - 1)) {
		walk_dir *e = &w->tab[i];
		if (!e->path)
			return NULL;
		if (e->dev == dev && e->ino == ino)
			return e;
	}
}

static void dir_add(walk *w, dev_t dev, ino_t ino, const char *path)
{
	if (2 * (w->n + 1) > w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		walk_dir *tab = cli_xrealloc(NULL, cap * sizeof *tab);
		for (size_t i = 0; i < w->cap; i++) {
			if (!w->tab[i].path)
				continue;
			size_t k = dir_hash(w->tab[i].dev, w->tab[i].ino, cap);
			while (tab[k].path)
				k = (k + 1) & (cap - 1);
			tab[k] = w->tab[i];
		}
		free(w->tab);
		w->tab = tab, w->cap = cap;
	}
	size_t k = dir_hash(dev, ino, w->cap);
	while (w->tab[k].path)
		k = (k + 1) & (w->cap - 1);
	w->tab[k] = (walk_dir){dev, ino, cli_xstrdup(path)};
	w->n++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_one(walk *w, const char *path, int explicit);

/* The entries of an opened directory, sorted, walked in turn. */
static int walk_dir_entries(walk *w, const char *path, DIR *d)
{
	char **names = NULL;
	size_t n = 0, cap = 0, pl = strlen(path);
	int rc = 0;
	for (;;) {
		errno = 0; /* readdir's end and its failure differ only by errno */
		struct dirent *e = readdir(d);
		if (!e) {
			if (errno) { /* an I/O error, a network file system gone: the rest of it is not seen */
				cli_error("cannot read the directory '%s': %s", cli_quote(path), strerror(errno));
				rc = 1;
			}
			break;
		}
		if (e->d_name[0] == '.')
			continue;
		if (n == WALK_MAX_ENTRIES) {
			cli_error("'%s': more than %d entries: not walked", cli_quote(path), WALK_MAX_ENTRIES);
			rc = 1;
			goto done;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = cli_xrealloc(names, cap * sizeof *names);
		}
		size_t len = pl + strlen(e->d_name) + 2;
		names[n] = cli_xrealloc(NULL, len);
		snprintf(names[n], len, "%s%s%s", path, pl && path[pl - 1] == '/' ? "" : "/", e->d_name);
		n++;
	}
	if (n > 1) /* names is NULL for an empty directory */
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n && !w->stop; i++)
		rc |= walk_one(w, names[i], 0);
done:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int walk_one(walk *w, const char *path, int explicit)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		cli_error("cannot open '%s': %s", cli_quote(path), strerror(errno));
		return 1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		/* in a directory only regular files: a FIFO or a device named x.txt would block or never end */
		if (!explicit && !S_ISREG(sb.st_mode)) {
			if (cli_is_input(path))
				cli_error("warning: '%s' is not a regular file: skipped", cli_quote(path));
			return 0;
		}
		if (w->fn(path, (int64_t)sb.st_size, explicit, w->ctx))
			w->stop = 1;
		return 0;
	}
	if (w->depth > WALK_MAX_DEPTH) {
		cli_error("'%s': directories nested more than %d deep: not walked", cli_quote(path), WALK_MAX_DEPTH);
		return 1;
	}
	/* the device and inode of what was opened, not of what stat saw a moment before */
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		cli_error("cannot open '%s': %s", cli_quote(path), strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	const walk_dir *seen = dir_find(w, sb.st_dev, sb.st_ino);
	if (seen) {
		int loop = 0;
		for (int k = 0; k < w->depth; k++)
			loop |= w->up[k].dev == sb.st_dev && w->up[k].ino == sb.st_ino;
		/* two quoted paths: cli_quote keeps a few results alive at once */
		cli_error(loop ? "warning: '%s' leads back to '%s' (a symbolic link loop): not walked again"
			       : "warning: '%s' is the directory '%s' again: not walked twice",
			  cli_quote(path), cli_quote(seen->path));
		close(fd);
		return 0;
	}
	if (w->n >= WALK_MAX_DIRS) {
		cli_error("'%s': more than %d directories in one run: the rest not walked", cli_quote(path), WALK_MAX_DIRS);
		close(fd);
		w->stop = 1;
		return 1;
	}
	dir_add(w, sb.st_dev, sb.st_ino, path);
	DIR *d = fdopendir(fd);
	if (!d) {
		cli_error("cannot open '%s': %s", cli_quote(path), strerror(errno));
		close(fd);
		return 1;
	}
	w->up[w->depth].dev = sb.st_dev, w->up[w->depth].ino = sb.st_ino;
	w->open[w->depth] = d;
	w->depth++;
	int rc = walk_dir_entries(w, path, d);
	w->depth--;
	closedir(d);
	return rc;
}

int cli_walk_until(char **paths, int n, cli_walk_fn fn, void *ctx)
{
	walk w = {.fn = fn, .ctx = ctx};
	walk *outer = active;
	int rc = 0;
	active = &w;
	for (int i = 0; i < n && !w.stop; i++)
		rc |= walk_one(&w, paths[i], 1);
	active = outer;
	for (size_t i = 0; i < w.cap; i++)
		free(w.tab[i].path);
	free(w.tab);
	return rc;
}

void cli_walk_close_fds(void)
{
	/* close(), not closedir(): the memory is the parent's copy, and the child never walks */
	for (int k = 0; active && k < active->depth; k++)
		close(dirfd(active->open[k]));
}

typedef struct walk_each {
	void (*fn)(const char *, int, void *);
	void *ctx;
} walk_each;

static int each(const char *path, int64_t size, int explicit, void *ctx)
{
	(void)size;
	walk_each *e = ctx;
	e->fn(path, explicit, e->ctx);
	return 0;
}

int cli_walk(char **paths, int n, void (*fn)(const char *, int, void *), void *ctx)
{
	walk_each e = {fn, ctx};
	return cli_walk_until(paths, n, each, &e);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(0, NULL);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help";
	if (!strcmp(name, "--version"))
		name = "version";
	int rc = -1;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(commands[i].name, name)) {
			rc = commands[i].run(argc - 1, argv + 1);
			break;
		}
	if (rc < 0) {
		cli_error("unknown command '%s' (see 'budgetlint help')", name);
		return EXIT_USAGE;
	}
	if (ferror(stdout) || fclose(stdout) != 0) {
		cli_error("write error on standard output: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
