/* alloc.c - the single out-of-memory policy, arenas, capped buffers, diagnostics. */
#include <errno.h>
#include <string.h>

#include "base/base.h"

static void *oom(size_t n)
{
	fprintf(stderr, "budgetlint: out of memory allocating %zu bytes\n", n);
	abort();
}

void *bl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom(n);
}

void *bl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom(n * size);
}

void *bl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom(n);
}

char *bl_xstrndup(const char *s, size_t n)
{
	char *p = bl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void bl_grow(void **arr, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	*arr = bl_xrealloc(*arr, c * sz);
	*cap = c;
}

struct bl_arena_block {
	bl_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

void *bl_arena_alloc(bl_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	bl_arena_block *b = a->head;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > 16384 ? n : 16384;
		b = bl_xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *bl_arena_strndup(bl_arena *a, const char *s, size_t n)
{
	char *p = bl_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *bl_arena_printf(bl_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = bl_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void bl_arena_release(bl_arena *a)
{
	bl_arena_block *b = a->head;
	while (b) {
		bl_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

int bl_buf_put(bl_buf *b, const void *s, size_t n)
{
	if (b->max && b->n + n > b->max)
		return -1;
	if (b->n + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 256;
		while (c < b->n + n + 1)
			c *= 2;
		b->p = bl_xrealloc(b->p, c);
		b->cap = c;
	}
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
	return 0;
}

int bl_buf_putc(bl_buf *b, int c)
{
	char ch = (char)c;
	return bl_buf_put(b, &ch, 1);
}

int bl_buf_printf(bl_buf *b, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof small)
		return bl_buf_put(b, small, (size_t)n);
	char *big = bl_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int r = bl_buf_put(b, big, (size_t)n);
	free(big);
	return r;
}

void bl_buf_release(bl_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

void bl_diag_set(bl_diag *d, bl_status s, int err, const char *path, const char *fmt, ...)
{
	if (!d)
		return;
	d->status = s;
	d->err = err;
	snprintf(d->path, sizeof d->path, "%s", path ? path : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
}

BL_API const char *bl_strerror(bl_status s)
{
	static const char *const names[] = {
		[BL_OK] = "success",
		[BL_ENOENT] = "No such file or directory",
		[BL_EIO] = "read error",
		[BL_ETOOBIG] = "input too large",
		[BL_EENCODING] = "unrecognised text encoding",
		[BL_EFORMAT] = "unrecognised format",
		[BL_EUSAGE] = "bad usage",
		[BL_EOVERFLOW] = "figure too large",
		[BL_ENOMEM] = "out of memory",
		[BL_EDB] = "the database failed",
	};
	if ((unsigned)s < sizeof names / sizeof names[0] && names[s])
		return names[s];
	return "unknown error";
}

BL_API const char *bl_version(void)
{
	return BL_VERSION;
}
