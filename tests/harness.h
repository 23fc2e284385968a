/* harness.h - a tiny test harness: CHECK records a result; DONE prints "name: N passed, N failed". */
#ifndef BL_HARNESS_H
#define BL_HARNESS_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define CHECK(cond, ...)                                                                                     \
	do {                                                                                                 \
		if (cond) {                                                                                  \
			t_pass++;                                                                            \
		} else {                                                                                     \
			t_fail++;                                                                            \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                               \
			printf(__VA_ARGS__);                                                                 \
			printf("\n");                                                                        \
		}                                                                                            \
	} while (0)

#define DONE(name)                                                                                           \
	do {                                                                                                 \
		printf("%s: %d passed, %d failed\n", name, t_pass, t_fail);                                  \
		return t_fail ? 1 : 0;                                                                       \
	} while (0)

#endif
