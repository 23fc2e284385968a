/* render_fixtures.h - what the render tests share: a narrative read back is checked like any disclosure. */
#ifndef BL_RENDER_FIXTURES_H
#define BL_RENDER_FIXTURES_H

#include <stdio.h>

#include "budgetlint/budgetlint.h"

/* Checks d; returns the number of its findings above info, each printed when verbose. */
static int above_info(bl_doc *d, int verbose)
{
	bl_doc_check(d);
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		if (f->severity > BL_SEV_INFO) {
			if (verbose)
				printf("  %s line %d: %s\n", f->rule, f->pos.line, f->message);
			n++;
		}
	}
	return n;
}

#endif
