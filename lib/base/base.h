/* base.h - what every stage builds on: memory, arenas, buffers, diagnostics,
 * files, UTF-8, output hygiene, SHA-256. Private to the library. */
#ifndef BL_BASE_H
#define BL_BASE_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/cp.h"
#include "budgetlint/budgetlint.h"

/* --- memory: one out-of-memory policy (abort with a message) --- */
void *bl_xmalloc(size_t n);
void *bl_xcalloc(size_t n, size_t size);
void *bl_xrealloc(void *p, size_t n);
char *bl_xstrndup(const char *s, size_t n);

/* Grows *arr (of *cap elements of size sz) to hold at least need elements. */
void bl_grow(void **arr, size_t *cap, size_t need, size_t sz);
#define BL_PUSH(arr, n, cap) (bl_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))), &(arr)[(n)++])

/* Bump allocator for a document's small strings; freed all at once. */
typedef struct bl_arena_block bl_arena_block;
typedef struct bl_arena {
	bl_arena_block *head;
} bl_arena;
#define BL_ARENA_INIT                                                                                        \
	{                                                                                                    \
		NULL                                                                                         \
	}
void *bl_arena_alloc(bl_arena *a, size_t n);
char *bl_arena_strndup(bl_arena *a, const char *s, size_t n);
char *bl_arena_printf(bl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bl_arena_release(bl_arena *a);

/* Growable byte buffer with a cap (curl dynbuf). */
typedef struct bl_buf {
	char *p;
	size_t n, cap, max;
} bl_buf;
#define BL_BUF_INIT(max)                                                                                     \
	{                                                                                                    \
		NULL, 0, 0, (max)                                                                            \
	}
int bl_buf_put(bl_buf *b, const void *s, size_t n); /* 0, or -1 past max */
int bl_buf_putc(bl_buf *b, int c);
int bl_buf_printf(bl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bl_buf_release(bl_buf *b);

void bl_diag_set(bl_diag *d, bl_status s, int err, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Reads a whole file (at most 64 MiB) into *out, which the caller frees. */
bl_status bl_file_read(const char *path, char **out, size_t *n, bl_diag *diag);

/* --- output hygiene (clean.c) --- */
/* 1 for a code point no output carries raw: C0 controls but tab and newline,
 * DEL, C1 controls, bidirectional embeddings/overrides/isolates, U+2028/9, BOM. */
int bl_cp_unsafe(uint32_t c);
/* Unsafe code points and invalid bytes in s[0..n). */
size_t bl_clean_count(const char *s, size_t n);
/* Copies s[0..n) to b (or out) with each unsafe code point and invalid byte
 * replaced by U+FFFD, and newlines by spaces unless keep_newline; returns
 * the number replaced. */
size_t bl_clean_buf(bl_buf *b, const char *s, size_t n, int keep_newline);
size_t bl_clean_fput(FILE *out, const char *s, size_t n, int keep_newline);
/* Would a spreadsheet read this cell as a formula (= + - @, not a signed number)? */
int bl_csv_formula(const char *s, size_t n);
/* One CSV cell: quoted when needed (or always), a formula neutralised with a
 * leading apostrophe, unsafe code points replaced. */
void bl_csv_cell(FILE *out, const char *s, size_t n, int always_quote);

/* SHA-256 of n bytes as 64 lowercase hex digits and a NUL. */
void bl_sha256_hex(const void *data, size_t n, char out[65]);
/* The same without the processor's SHA instructions, for the test that they agree. */
void bl_sha256_hex_portable(const void *data, size_t n, char out[65]);

/* Loads the shared library soname (dlopen) and its functions names[i] into
 * *slots[i], i < n: 1, or 0 with the reason in err when the library or one
 * of the functions is missing. The library stays loaded. */
int bl_dl_load(const char *soname, const char *const *names, void **const *slots, size_t n, char *err,
	       size_t errcap);

/* An optional library loaded by the first caller that needs it, once per
 * process, whichever thread asks: bl_dl_load's arguments and its outcome. */
typedef struct bl_dl_lib {
	const char *soname;
	const char *const *names;
	void **const *slots;
	size_t n;
	int state;     /* 0 not tried yet, 1 loaded, -1 could not be */
	char err[200]; /* why it could not be loaded */
} bl_dl_lib;

/* 1 when lib is loaded (loading it on the first call), else 0 with lib->err. */
int bl_dl_ready(bl_dl_lib *lib);

/* --- UTF-8 --- */
/* Decodes one code point at s (n bytes left); stores its length in *len.
 * Invalid bytes decode as U+FFFD with length 1. */
uint32_t bl_utf8_decode(const char *s, size_t n, int *len);
int bl_utf8_encode(uint32_t c, char out[4]);
int bl_utf8_valid(const char *s, size_t n);
/* Code points in n bytes of UTF-8 (continuation bytes not counted). */
size_t bl_utf8_count(const char *s, size_t n);
/* Display width of a code point: 2 for CJK and full-width, else 1. */
int bl_cp_width(uint32_t c);
/* Folds full-width ASCII (digits, %, ., comma) and ideographic space to ASCII. */
uint32_t bl_cp_fold(uint32_t c);

/* Rational helpers on millionths, exact with 128-bit products. */
/* GCC and Clang have it; __extension__ keeps -Wpedantic quiet about it. */
__extension__ typedef __int128 bl_i128;

#endif
