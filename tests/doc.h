/* doc.h - opening a document in a unit test: a text from a string, under a
 * name or as t.txt, or a file. Each expects the document to open: one that
 * does not is a failed CHECK saying why, and NULL (the caller frees what is
 * returned with bl_doc_free). A test of what is refused calls
 * bl_doc_open_mem or bl_doc_open_file itself, to read the diagnostic.
 * Header-only, like harness.h. */
#ifndef BL_TEST_DOC_H
#define BL_TEST_DOC_H

#include <string.h>

#include "budgetlint/budgetlint.h"
#include "harness.h"

/* The text s opened from memory as the file name (its extension picks the
 * reader; a unit or year in it is read as a file name's). */
__attribute__((unused)) static bl_doc *open_named(const char *name, const char *s)
{
	bl_doc *d = NULL;
	bl_diag diag = {0};
	bl_status st = bl_doc_open_mem(name, s, strlen(s), &d, &diag);
	CHECK(st == BL_OK, "open %s: %s", name, diag.msg);
	return d;
}

/* The text s as a plain text file whose name says nothing (t.txt). */
__attribute__((unused)) static bl_doc *open_text(const char *s)
{
	return open_named("t.txt", s);
}

/* The file at path. */
__attribute__((unused)) static bl_doc *open_file(const char *path)
{
	bl_doc *d = NULL;
	bl_diag diag = {0};
	bl_status st = bl_doc_open_file(path, &d, &diag);
	CHECK(st == BL_OK, "open %s: %s", path, diag.msg);
	return d;
}

#endif
