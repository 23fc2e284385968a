/* utf8.c - UTF-8 decoding, display width, and the full-width folding used for parsing. */
#include "base/base.h"

uint32_t bl_utf8_decode(const char *s, size_t n, int *len)
{
	const unsigned char *u = (const unsigned char *)s;
	*len = 1;
	if (n == 0)
		return 0xFFFD;
	if (u[0] < 0x80)
		return u[0];
	int need;
	uint32_t c, min;
	if ((u[0] & 0xE0) == 0xC0) {
		need = 1, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 2, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 3, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0xFFFD;
	}
	if ((size_t)need >= n)
		return 0xFFFD;
	for (int i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0xFFFD;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
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
	if (c < 0x10000) {
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
		if (c == 0xFFFD && !(len == 3 && (unsigned char)s[i] == 0xEF))
			return 0;
		i += (size_t)len;
	}
	return 1;
}

int bl_cp_width(uint32_t c)
{
	if (c >= 0x1100 &&
	    (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
	     (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
	     (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
	     (c >= 0x20000 && c <= 0x3FFFD)))
		return 2;
	return 1;
}

uint32_t bl_cp_fold(uint32_t c)
{
	if (c >= 0xFF10 && c <= 0xFF19) /* ０-９ */
		return c - 0xFF10 + '0';
	switch (c) {
	case 0xFF05: /* ％ */
		return '%';
	case 0xFF0E: /* ． */
		return '.';
	case 0x3000: /* ideographic space */
	case 0x00A0:
	case '\t':
		return ' ';
	case 0xFF0D: /* － */
		return '-';
	default:
		return c;
	}
}

size_t bl_utf8_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}
