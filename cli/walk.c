/* walk.c - the directory walk: every input file under the named paths, once, in name order. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Symbolic links are followed (a link to a file is read like the file), but
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
	} up[WALK_MAX_DEPTH + 2];      /* the directories being walked, outermost first */
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
				cli_error("cannot read the directory '%s': %s", cli_quote(path),
					  strerror(errno));
				rc = 1;
			}
			break;
		}
		if (e->d_name[0] == '.')
			continue;
		if (n == WALK_MAX_ENTRIES) {
			cli_error("'%s': more than %d entries: not walked", cli_quote(path),
				  WALK_MAX_ENTRIES);
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
		cli_error("'%s': directories nested more than %d deep: not walked", cli_quote(path),
			  WALK_MAX_DEPTH);
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
		cli_error("'%s': more than %d directories in one run: the rest not walked", cli_quote(path),
			  WALK_MAX_DIRS);
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
