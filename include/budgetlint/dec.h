/* dec.h - exact decimal figures with their printed precision and rounding bounds. */
#ifndef BUDGETLINT_DEC_H
#define BUDGETLINT_DEC_H

#include <stdint.h>

/* Every figure is held as an integer count of millionths, never as a
 * binary float. prec is the number of decimals as printed: "371.06" has
 * prec 2 and means some x with 371.055 <= x < 371.065. A value derived
 * exactly (a word such as 持平 meaning zero) has prec BL_DEC_EXACT. */
#define BL_DEC_SCALE 6
#define BL_DEC_EXACT 6
#define BL_DEC_MAX_INT_DIGITS 12

typedef struct bl_dec {
	int64_t u; /* value x 10^6 */
	int prec;  /* decimals printed, 0..6 */
} bl_dec;

/* A closed interval of millionths: every value the printed figure may stand for. */
typedef struct bl_range {
	int64_t lo, hi;
} bl_range;

/* Parses ASCII "-1,234.56" (thousands commas optional, at most 12 integer
 * digits and 6 decimals) into *out. Returns BL_OK, BL_EFORMAT or BL_EOVERFLOW. */
BL_API bl_status bl_dec_parse(const char *s, size_t n, bl_dec *out);

/* Writes d with its own precision into buf (at least 40 bytes); returns buf. */
BL_API char *bl_dec_format(bl_dec d, char *buf);

/* Exact arithmetic; the result's prec is the larger of the two. */
BL_API bl_dec bl_dec_add(bl_dec a, bl_dec b);
BL_API bl_dec bl_dec_sub(bl_dec a, bl_dec b);
BL_API bl_dec bl_dec_neg(bl_dec a);
BL_API int bl_dec_cmp(bl_dec a, bl_dec b);

/* Rounds half away from zero to prec decimals. */
BL_API bl_dec bl_dec_round(bl_dec d, int prec);

/* Half a unit in the last printed place, in millionths (0 when exact). */
BL_API int64_t bl_dec_half_unit(int prec);

/* The values d may stand for, given its printed precision. */
BL_API bl_range bl_dec_range(bl_dec d);

/* Converts 万元 to 元 (x 10000) exactly; precision shifts by four places. */
BL_API bl_dec bl_dec_wan_to_yuan(bl_dec d);

/* Converts 元 to 万元 (/ 10^4); precision moves up four places. Exact for
 * figures printed with at most two decimals; finer digits are dropped. */
BL_API bl_dec bl_dec_yuan_to_wan(bl_dec d);

/* a/b x 100 rounded half away from zero to prec decimals; b must not be 0. */
BL_API bl_dec bl_dec_percent(bl_dec a, bl_dec b, int prec);

#endif
