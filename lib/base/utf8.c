/* utf8.c - UTF-8 decoding, display width, and the full-width folding used for parsing. */
#include "base/base.h"

uint32_t bl_utf8_decode(const char *s, size_t n, int *len)
{
	const unsigned char *u = (const unsigned char *)s;
	*len = 1;
	if (n == 0)
		return BL_CP_REPLACEMENT;
	if (u[0] < 0x80)
		return u[0];
	int need;
	uint32_t c, min;
	if ((u[0] & 0xE0) == 0xC0) {
		need = 1, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 2, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 3, c = u[0] & 0x07, min = BL_CP_SUPPLEMENTARY;
	} else {
		return BL_CP_REPLACEMENT;
	}
	if ((size_t)need >= n)
		return BL_CP_REPLACEMENT;
	for (int i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return BL_CP_REPLACEMENT;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > BL_CP_MAX || (c >= BL_CP_SURROGATE && c <= BL_CP_SURROGATE_END))
		return BL_CP_REPLACEMENT;
	*len = need + 1;
	return c;
}

int bl_utf8_encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < BL_CP_SUPPLEMENTARY) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

int bl_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		if (c == BL_CP_REPLACEMENT && !(len == 3 && (unsigned char)s[i] == 0xEF))
			return 0;
		i += (size_t)len;
	}
	return 1;
}

int bl_cp_width(uint32_t c)
{
	if (c >= BL_CP_HANGUL_JAMO &&
	    (c <= BL_CP_HANGUL_JAMO_WIDE_END || (c >= BL_CP_CJK_RADICALS && c <= BL_CP_YI_RADICALS_END) ||
	     (c >= BL_CP_HANGUL && c <= BL_CP_HANGUL_END) ||
	     (c >= BL_CP_CJK_COMPAT && c <= BL_CP_CJK_COMPAT_END) ||
	     (c >= BL_CP_CJK_COMPAT_FORMS && c <= BL_CP_CJK_COMPAT_FORMS_END) ||
	     (c >= BL_CP_FULLWIDTH && c <= BL_CP_FULLWIDTH_END) ||
	     (c >= BL_CP_FW_SIGNS && c <= BL_CP_FW_SIGNS_END) ||
	     (c >= BL_CP_PLANE2 && c <= BL_CP_PLANE3_END)))
		return 2;
	return 1;
}

uint32_t bl_cp_fold(uint32_t c)
{
	if (c >= BL_CP_FW_DIGIT0 && c <= BL_CP_FW_DIGIT9) /* ０-９ */
		return c - BL_CP_FW_DIGIT0 + '0';
	switch (c) {
	case BL_CP_FW_PERCENT: /* ％ */ return '%';
	case BL_CP_FW_STOP: /* ． */ return '.';
	case BL_CP_IDEO_SPACE: /* ideographic space */
	case BL_CP_NBSP:
	case '\t': return ' ';
	case BL_CP_FW_HYPHEN: /* － */ return '-';
	default: return c;
	}
}

size_t bl_utf8_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}
