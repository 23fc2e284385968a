/* cp.h - named code points: the characters the code compares one at a time
 * (、 。 （ …), the ranges it tests, and the tests every stage shares. A word
 * of two or more characters is matched as a UTF-8 string, not spelt here;
 * a word list lives in a .def file beside lib/read/facts.def.
 *
 * Names: punctuation by its Unicode name, shortened (FW_ full-width, IDEO_
 * ideographic); a block or range by its first (and _END its last) code
 * point; a CJK ideograph by its pinyin (BL_CP_NIAN 年). */
#ifndef BL_CP_H
#define BL_CP_H

#include <stdint.h>

/* ---- Latin-1 ---- */
#define BL_CP_NBSP 0x00A0  /* no-break space */
#define BL_CP_TIMES 0x00D7 /* × (a template's ×× placeholder) */

/* ---- general punctuation ---- */
#define BL_CP_ZWSP 0x200B /* zero width space; ZWNJ and ZWJ follow */
#define BL_CP_ZWJ 0x200D  /* zero width joiner */
#define BL_CP_EN_DASH 0x2013
#define BL_CP_EM_DASH 0x2014   /* — */
#define BL_CP_LSQUO 0x2018     /* ‘ */
#define BL_CP_RSQUO 0x2019     /* ’ */
#define BL_CP_LDQUO 0x201C     /* “ */
#define BL_CP_RDQUO 0x201D     /* ” */
#define BL_CP_ELLIPSIS 0x2026  /* … */
#define BL_CP_LSEP 0x2028      /* line separator */
#define BL_CP_PSEP 0x2029      /* paragraph separator */
#define BL_CP_LRE 0x202A       /* first bidi embedding control … */
#define BL_CP_RLO 0x202E       /* … and the last */
#define BL_CP_LRI 0x2066       /* first bidi isolate control … */
#define BL_CP_PDI 0x2069       /* … and the last */
#define BL_CP_MINUS 0x2212     /* − */
#define BL_CP_BOX_VLINE 0x2502 /* │ box drawing */

/* ---- CJK symbols and punctuation ---- */
#define BL_CP_IDEO_SPACE 0x3000 /* 　 */
#define BL_CP_IDEO_COMMA 0x3001 /* 、 */
#define BL_CP_IDEO_STOP 0x3002  /* 。 */
#define BL_CP_IDEO_ZERO 0x3007  /* 〇 */
#define BL_CP_LDANGLE 0x300A    /* 《 */
#define BL_CP_RDANGLE 0x300B    /* 》 */
#define BL_CP_LBLACKLENT 0x3010 /* 【 */
#define BL_CP_RBLACKLENT 0x3011 /* 】 */
#define BL_CP_LTORTOISE 0x3014  /* 〔 (文号: 某发〔2024〕3号) */

/* ---- half-width and full-width forms ---- */
#define BL_CP_FW_EXCLAM 0xFF01    /* ！ */
#define BL_CP_FW_QUOTE 0xFF02     /* ＂ */
#define BL_CP_FW_PERCENT 0xFF05   /* ％ */
#define BL_CP_FW_LPAREN 0xFF08    /* （ */
#define BL_CP_FW_RPAREN 0xFF09    /* ） */
#define BL_CP_FW_COMMA 0xFF0C     /* ， */
#define BL_CP_FW_HYPHEN 0xFF0D    /* － */
#define BL_CP_FW_STOP 0xFF0E      /* ． */
#define BL_CP_FW_DIGIT0 0xFF10    /* ０; ９ is BL_CP_FW_DIGIT0 + 9 */
#define BL_CP_FW_DIGIT9 0xFF19    /* ９ */
#define BL_CP_FW_COLON 0xFF1A     /* ： */
#define BL_CP_FW_SEMICOLON 0xFF1B /* ； */
#define BL_CP_FW_QUESTION 0xFF1F  /* ？ */
#define BL_CP_FW_X 0xFF38         /* Ｘ */
#define BL_CP_FW_VLINE 0xFF5C     /* ｜ */

/* ---- specials ---- */
#define BL_CP_BOM 0xFEFF         /* zero width no-break space, the byte order mark */
#define BL_CP_REPLACEMENT 0xFFFD /* what an undecodable byte becomes */
#define BL_CP_NONCHAR_FFFE 0xFFFE
#define BL_CP_NONCHAR_FFFF 0xFFFF
#define BL_CP_SURROGATE 0xD800 /* surrogates: never a character */
#define BL_CP_SURROGATE_END 0xDFFF
#define BL_CP_PUA 0xE000 /* private use area, where broken PDF fonts map glyphs */
#define BL_CP_PUA_END 0xF8FF
#define BL_CP_SUPPLEMENTARY 0x10000 /* the first code point beyond the BMP (4 UTF-8 bytes) */
#define BL_CP_MAX 0x10FFFF

/* ---- blocks displayed two columns wide (bl_cp_width) ---- */
#define BL_CP_HANGUL_JAMO 0x1100 /* leading consonants, wide … */
#define BL_CP_HANGUL_JAMO_WIDE_END 0x115F
#define BL_CP_CJK_RADICALS 0x2E80    /* CJK radicals supplement: the CJK blocks start here … */
#define BL_CP_YI_RADICALS_END 0xA4CF /* … and run to the Yi radicals */
#define BL_CP_CJK 0x4E00             /* CJK unified ideographs */
#define BL_CP_CJK_END 0x9FFF
#define BL_CP_HANGUL 0xAC00 /* Hangul syllables */
#define BL_CP_HANGUL_END 0xD7A3
#define BL_CP_CJK_COMPAT 0xF900 /* CJK compatibility ideographs */
#define BL_CP_CJK_COMPAT_END 0xFAFF
#define BL_CP_CJK_COMPAT_FORMS 0xFE30 /* CJK compatibility forms */
#define BL_CP_CJK_COMPAT_FORMS_END 0xFE4F
#define BL_CP_FULLWIDTH 0xFF00 /* full-width ASCII and brackets */
#define BL_CP_FULLWIDTH_END 0xFF60
#define BL_CP_FW_SIGNS 0xFFE0 /* full-width signs ￠ ￡ ￢ ￣ ￤ ￥ ￦ */
#define BL_CP_FW_SIGNS_END 0xFFE6
#define BL_CP_PLANE2 0x20000 /* the supplementary ideographic planes 2 and 3 */
#define BL_CP_PLANE3_END 0x3FFFD

/* ---- CJK ideographs compared one at a time ---- */
#define BL_CP_BU 0x90E8   /* 部 (第一部分) */
#define BL_CP_DI 0x7B2C   /* 第 (ordinal: 第一部分, 第3页) */
#define BL_CP_FEN 0x5206  /* 分 (第一部分) */
#define BL_CP_HAO 0x53F7  /* 号 (文号 ends) */
#define BL_CP_LE 0x4E86   /* 了 (增加了) */
#define BL_CP_LU 0x5F55   /* 录 (目录) */
#define BL_CP_MU 0x76EE   /* 目 (目录) */
#define BL_CP_NIAN 0x5E74 /* 年 (year) */
#define BL_CP_RI 0x65E5   /* 日 (day: a date ends) */
#define BL_CP_SHU 0x6570  /* 数 (支出数: a comparison figure) */

/* ---- tests ---- */

/* An ASCII digit (the flow folds full-width digits to these). */
static inline int bl_cp_is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* A quotation mark a phrase match skips: “三公”经费 is 三公经费. */
static inline int bl_cp_is_quote(uint32_t c)
{
	return c == BL_CP_LDQUO || c == BL_CP_RDQUO || c == '"' || c == BL_CP_LSQUO || c == BL_CP_RSQUO;
}

/* A CJK unified ideograph (汉字), not a punctuation mark, a digit or a letter. */
static inline int bl_cp_is_han(uint32_t c)
{
	return c >= BL_CP_CJK && c <= BL_CP_CJK_END;
}

#endif
