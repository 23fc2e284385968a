/* utf8check.c - is standard input valid UTF-8 with no NUL and no C0 control but tab and newline?
 *
 *   utf8check [--ff] [NAME] < FILE     --ff also allows form feeds (extract --format text keeps page breaks)
 *
 * Exits 0 when it is; otherwise prints the first offending byte's offset
 * and line and exits 1. Strict: overlong forms, surrogates and code points
 * past U+10FFFF are invalid, and so are the C1 controls U+0080..U+009F. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int ff = 0;
	const char *name = "stdin";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--ff"))
			ff = 1;
		else
			name = argv[i];
	}
	static unsigned char buf[1 << 16];
	unsigned char seq[4];
	int need = 0, have = 0;
	unsigned long long off = 0, line = 1;
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		for (size_t i = 0; i < n; i++, off++) {
			unsigned c = buf[i];
			const char *why = NULL;
			if (need) {
				if ((c & 0xC0) != 0x80) {
					why = "truncated UTF-8 sequence";
				} else {
					seq[have++] = (unsigned char)c;
					if (have == need + 1) {
						unsigned long cp = seq[0] & (need == 1   ? 0x1F
									     : need == 2 ? 0x0F
											 : 0x07);
						for (int k = 1; k <= need; k++)
							cp = (cp << 6) | (seq[k] & 0x3F);
						unsigned long min = need == 1   ? 0x80
								    : need == 2 ? 0x800
										: 0x10000;
						if (cp < min || cp > 0x10FFFF ||
						    (cp >= 0xD800 && cp <= 0xDFFF))
							why = "overlong, surrogate or out-of-range code "
							      "point";
						else if (cp <= 0x9F)
							why = "C1 control character";
						need = 0;
					}
				}
			} else if (c == 0) {
				why = "NUL byte";
			} else if (c < 0x20 && c != '\t' && c != '\n' && !(ff && c == '\f')) {
				why = "C0 control character";
			} else if (c == 0x7F) {
				why = "DEL";
			} else if (c >= 0x80) {
				need = (c & 0xE0) == 0xC0   ? 1
				       : (c & 0xF0) == 0xE0 ? 2
				       : (c & 0xF8) == 0xF0 ? 3
							    : 0;
				if (!need)
					why = "invalid UTF-8 lead byte";
				seq[0] = (unsigned char)c;
				have = 1;
			}
			if (why) {
				printf("%s: byte %llu (line %llu): %s (0x%02x)\n", name, off, line, why, c);
				return 1;
			}
			if (c == '\n')
				line++;
		}
	}
	if (need) {
		printf("%s: ends inside a UTF-8 sequence\n", name);
		return 1;
	}
	return 0;
}
