/* test_dec.c - exact decimals: parsing, formatting, rounding bounds, percents, 元↔万元. */
#include "budgetlint/budgetlint.h"
#include "harness.h"

static const struct {
	const char *in;
	int ok;
	const char *out;
	int prec;
} parse_tab[] = {
	{"0", 1, "0", 0},
	{"0.00", 1, "0.00", 2},
	{"371.06", 1, "371.06", 2},
	{"-136.48", 1, "-136.48", 2},
	{"3,121.42", 1, "3121.42", 2},
	{"1,234,567.5", 1, "1234567.5", 1},
	{"999999999999", 1, "999999999999", 0},
	{"1000000000000", 0, "", 0}, /* 13 digits: overflow refused */
	{"0.1234567", 0, "", 0},     /* 7 decimals refused */
	{"", 0, "", 0},
	{"-", 0, "", 0},
	{".5", 0, "", 0},
	{"5.", 0, "", 0},
	{",123", 0, "", 0},
	{"12,34", 1, "1234", 0}, /* a loose separator is still digits */
	{"1..2", 0, "", 0},
	{"abc", 0, "", 0},
	{"00012.30", 1, "12.30", 2},
};

int main(void)
{
	char buf[40];
	for (size_t i = 0; i < sizeof parse_tab / sizeof parse_tab[0]; i++) {
		bl_dec d;
		bl_status st = bl_dec_parse(parse_tab[i].in, strlen(parse_tab[i].in), &d);
		CHECK((st == BL_OK) == parse_tab[i].ok, "parse '%s' status %d", parse_tab[i].in, st);
		if (st == BL_OK && parse_tab[i].ok) {
			CHECK(!strcmp(bl_dec_format(d, buf), parse_tab[i].out), "'%s' -> '%s'",
			      parse_tab[i].in, buf);
			CHECK(d.prec == parse_tab[i].prec, "'%s' prec %d", parse_tab[i].in, d.prec);
		}
	}
	bl_dec a, b;
	bl_dec_parse("371.06", 6, &a);
	bl_range r = bl_dec_range(a);
	CHECK(r.lo == 371055000 && r.hi == 371065000, "range of 371.06: %lld..%lld", (long long)r.lo,
	      (long long)r.hi);
	bl_dec_parse("14.5", 4, &b);
	CHECK(bl_dec_half_unit(b.prec) == 50000, "half unit of 1 decimal");
	CHECK(bl_dec_half_unit(BL_DEC_EXACT) == 0, "exact has no slack");
	/* sums keep the finer precision */
	bl_dec s = bl_dec_add(a, b);
	CHECK(!strcmp(bl_dec_format(s, buf), "385.56"), "371.06 + 14.5 = %s", buf);
	CHECK(bl_dec_cmp(a, b) > 0 && bl_dec_cmp(b, a) < 0 && bl_dec_cmp(a, a) == 0, "cmp");
	/* rounding half away from zero, both signs */
	bl_dec x;
	bl_dec_parse("2.345", 5, &x);
	CHECK(!strcmp(bl_dec_format(bl_dec_round(x, 2), buf), "2.35"), "round 2.345 -> %s", buf);
	bl_dec_parse("-2.345", 6, &x);
	CHECK(!strcmp(bl_dec_format(bl_dec_round(x, 2), buf), "-2.35"), "round -2.345 -> %s", buf);
	bl_dec_parse("2.344", 5, &x);
	CHECK(!strcmp(bl_dec_format(bl_dec_round(x, 2), buf), "2.34"), "round 2.344 -> %s", buf);
	/* percent: 306.59 / 871.14 = 35.19...% */
	bl_dec c, p;
	bl_dec_parse("306.59", 6, &c);
	bl_dec_parse("871.14", 6, &p);
	CHECK(!strcmp(bl_dec_format(bl_dec_percent(c, p, 1), buf), "35.2"), "percent %s", buf);
	CHECK(!strcmp(bl_dec_format(bl_dec_percent(bl_dec_neg(c), p, 2), buf), "-35.19"), "neg percent %s",
	      buf);
	/* 万元 -> 元: 1.47万元 is 14700元 known to ±50元 */
	bl_dec w;
	bl_dec_parse("1.47", 4, &w);
	bl_dec y = bl_dec_wan_to_yuan(w);
	bl_range yr = bl_dec_range(y);
	CHECK(y.u == 14700000000LL && yr.lo == 14650000000LL && yr.hi == 14750000000LL,
	      "1.47万元 in 元: %lld±", (long long)y.u);
	/* exact values print without trailing zeros */
	bl_dec z = {1500000, BL_DEC_EXACT};
	CHECK(!strcmp(bl_dec_format(z, buf), "1.5"), "exact 1.5 -> %s", buf);
	DONE("dec");
}
