/* dec.c - exact decimal figures: parsing, formatting, rounding bounds. */
#include <string.h>

#include "base/base.h"

static const int64_t pow10_tab[] = {1,      10,      100,      1000,      10000,
				    100000, 1000000, 10000000, 100000000, 1000000000};

BL_API bl_status bl_dec_parse(const char *s, size_t n, bl_dec *out)
{
	size_t i = 0;
	int neg = 0, intdig = 0, anydig = 0, fracdig = 0, seen_dot = 0;
	int64_t ip = 0, fp = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (i >= n)
		return BL_EFORMAT;
	for (; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (seen_dot) {
				if (++fracdig > BL_DEC_SCALE)
					return BL_EOVERFLOW;
				fp = fp * 10 + (c - '0');
			} else {
				anydig = 1;
				if (intdig > 0 || c != '0')
					intdig++;
				if (intdig > BL_DEC_MAX_INT_DIGITS)
					return BL_EOVERFLOW;
				ip = ip * 10 + (c - '0');
			}
		} else if (c == ',' && !seen_dot) {
			/* a thousands separator needs digits on both sides */
			if (!anydig || i + 1 >= n || s[i + 1] < '0' || s[i + 1] > '9')
				return BL_EFORMAT;
		} else if (c == '.' && !seen_dot) {
			seen_dot = 1;
			if (i + 1 >= n)
				return BL_EFORMAT;
		} else {
			return BL_EFORMAT;
		}
	}
	if (!anydig)
		return BL_EFORMAT;
	int64_t u = ip * pow10_tab[BL_DEC_SCALE] + fp * pow10_tab[BL_DEC_SCALE - fracdig];
	out->u = neg ? -u : u;
	out->prec = fracdig;
	return BL_OK;
}

BL_API char *bl_dec_format(bl_dec d, char *buf)
{
	int64_t u = d.u;
	int neg = u < 0;
	uint64_t a = neg ? (uint64_t)0 - (uint64_t)u : (uint64_t)u;
	int prec = d.prec < 0 ? 0 : d.prec > BL_DEC_SCALE ? BL_DEC_SCALE : d.prec;
	if (prec == BL_DEC_EXACT) {
		/* exact values print without trailing zeros */
		prec = 0;
		uint64_t f = a % (uint64_t)pow10_tab[BL_DEC_SCALE];
		for (int p = BL_DEC_SCALE; p > 0 && f; p--, f /= 10)
			if (f % 10) {
				prec = p;
				break;
			}
	}
	uint64_t ip = a / (uint64_t)pow10_tab[BL_DEC_SCALE];
	uint64_t fp = (a % (uint64_t)pow10_tab[BL_DEC_SCALE]) / (uint64_t)pow10_tab[BL_DEC_SCALE - prec];
	if (prec > 0 && prec <= BL_DEC_SCALE)
		snprintf(buf, 40, "%s%llu.%0*llu", neg && a ? "-" : "", (unsigned long long)ip, prec,
			 (unsigned long long)fp);
	else
		snprintf(buf, 40, "%s%llu", neg && a ? "-" : "", (unsigned long long)ip);
	return buf;
}

static int maxi(int a, int b)
{
	return a > b ? a : b;
}

BL_API bl_dec bl_dec_add(bl_dec a, bl_dec b)
{
	bl_dec r = {a.u + b.u, maxi(a.prec, b.prec)};
	return r;
}

BL_API bl_dec bl_dec_sub(bl_dec a, bl_dec b)
{
	bl_dec r = {a.u - b.u, maxi(a.prec, b.prec)};
	return r;
}

BL_API bl_dec bl_dec_neg(bl_dec a)
{
	a.u = -a.u;
	return a;
}

BL_API int bl_dec_cmp(bl_dec a, bl_dec b)
{
	return (a.u > b.u) - (a.u < b.u);
}

static int64_t div_round(bl_i128 num, bl_i128 den)
{
	/* half away from zero */
	if (den < 0)
		num = -num, den = -den;
	bl_i128 q = num / den, r = num % den;
	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += num < 0 ? -1 : 1;
	return (int64_t)q;
}

BL_API bl_dec bl_dec_round(bl_dec d, int prec)
{
	if (prec < 0)
		prec = 0;
	if (prec >= BL_DEC_SCALE)
		return d;
	int64_t step = pow10_tab[BL_DEC_SCALE - prec];
	bl_dec r = {div_round(d.u, step) * step, prec};
	return r;
}

BL_API int64_t bl_dec_half_unit(int prec)
{
	if (prec >= BL_DEC_SCALE)
		return 0;
	if (prec < -3)
		prec = -3;
	return pow10_tab[BL_DEC_SCALE - prec] / 2;
}

BL_API bl_range bl_dec_range(bl_dec d)
{
	int64_t h = bl_dec_half_unit(d.prec);
	bl_range r = {d.u - h, d.u + h};
	return r;
}

BL_API bl_dec bl_dec_wan_to_yuan(bl_dec d)
{
	/* 1.47万元 is 14700元 known to +-50元: precision goes below 0 decimals */
	bl_dec r = {d.u * 10000, d.prec >= BL_DEC_EXACT ? BL_DEC_EXACT : d.prec - 4};
	if (r.prec < -3)
		r.prec = -3;
	return r;
}

BL_API bl_dec bl_dec_yuan_to_wan(bl_dec d)
{
	bl_dec r = {d.u / 10000, d.prec + 4 > BL_DEC_SCALE ? BL_DEC_SCALE : d.prec + 4};
	return r;
}

BL_API bl_dec bl_dec_percent(bl_dec a, bl_dec b, int prec)
{
	bl_dec r = {0, prec};
	if (b.u == 0)
		return r;
	if (prec > BL_DEC_SCALE)
		prec = r.prec = BL_DEC_SCALE;
	/* a/b*100 in units of 10^-prec, then to millionths */
	bl_i128 num = (bl_i128)a.u * 100 * pow10_tab[prec];
	int64_t q = div_round(num, b.u);
	r.u = q * pow10_tab[BL_DEC_SCALE - prec];
	return r;
}
