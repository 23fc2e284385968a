/* gen.h - small helpers the pathological-input generators share (tests only). */
#ifndef BL_PATHO_GEN_H
#define BL_PATHO_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Opens path for writing or exits with a message. */
static inline FILE *gen_open(const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static inline void gen_close(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f)) {
		perror(path);
		exit(1);
	}
}

#endif
