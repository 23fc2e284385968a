/* write.c - a narrative as plain text, HTML or DOCX. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "rmodel.h"

#define DRAFT_LINE "【草稿】本稿的数字未通过校验，仅供修改，不得公开。"

/* Any other control character cannot be in a block (model.c cleans the
 * input's text); should one get there, it is written as U+FFFD, never raw:
 * XML 1.0 forbids it even as a character reference. */
static int stray_control(char c)
{
	return (unsigned char)c < 0x20 && c != '\n' && c != '\t' && c != GAP_OPEN[0] && c != GAP_CLOSE[0];
}
#define REPLACEMENT "\xEF\xBF\xBD"

/* s without the gap marks. */
static void put_plain(bl_buf *b, const char *s)
{
	for (; *s; s++)
		if (stray_control(*s))
			bl_buf_put(b, REPLACEMENT, 3);
		else if (*s != GAP_OPEN[0] && *s != GAP_CLOSE[0])
			bl_buf_putc(b, *s);
}

static void write_text(const bl_narrative *n, bl_buf *b)
{
	if (n->draft)
		bl_buf_printf(b, "%s\n", DRAFT_LINE);
	for (size_t i = 0; i < n->nb; i++) {
		put_plain(b, n->b[i].text);
		bl_buf_putc(b, '\n');
	}
}

static void put_html(bl_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': bl_buf_put(b, "&lt;", 4); break;
		case '>': bl_buf_put(b, "&gt;", 4); break;
		case '&': bl_buf_put(b, "&amp;", 5); break;
		case '"': bl_buf_put(b, "&quot;", 6); break;
		case '\x01': bl_buf_put(b, "<mark class=\"gap\">", 18); break;
		case '\x02': bl_buf_put(b, "</mark>", 7); break;
		default:
			if (stray_control(*s))
				bl_buf_put(b, REPLACEMENT, 3);
			else
				bl_buf_putc(b, *s);
		}
	}
}

static void write_html(const bl_narrative *n, bl_buf *b)
{
	bl_buf_put(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		   72);
	put_html(b, n->title);
	bl_buf_printf(b,
		      "</title>\n<style>\n"
		      "body{font-family:\"FangSong\",\"SimSun\",serif;max-width:46em;margin:2em "
		      "auto;line-height:1.8}\n"
		      "h1{text-align:center;font-size:1.5em}h2{font-size:1.15em}h3{font-size:1.05em}\n"
		      "p{text-indent:2em;margin:.3em 0}mark.gap{background:#ffe08a;color:#8a4b00}\n"
		      ".draft{color:#b00;border:1px solid #b00;padding:.3em;text-indent:0}\n"
		      "body.draft::before{content:\"草稿\";position:fixed;top:40%%;left:25%%;font-size:10em;"
		      "color:rgba(200,0,0,.12);transform:rotate(-30deg);pointer-events:none}\n"
		      "</style>\n</head>\n<body%s>\n",
		      n->draft ? " class=\"draft\"" : "");
	if (n->draft)
		bl_buf_printf(b, "<p class=\"draft\">%s</p>\n", DRAFT_LINE);
	for (size_t i = 0; i < n->nb; i++) {
		int lv = n->b[i].level;
		const char *tag = lv == 0 ? "h1" : lv == 1 ? "h2" : lv == 2 ? "h3" : "p";
		bl_buf_printf(b, "<%s>", tag);
		put_html(b, n->b[i].text);
		bl_buf_printf(b, "</%s>\n", tag);
	}
	bl_buf_put(b, "</body>\n</html>\n", 16);
}

/* --- DOCX: a zip of stored members --- */

typedef struct zmember {
	const char *name;
	uint32_t crc, size, off;
} zmember;

static void le16(bl_buf *b, unsigned v)
{
	bl_buf_putc(b, (int)(v & 0xff));
	bl_buf_putc(b, (int)((v >> 8) & 0xff));
}

static void le32(bl_buf *b, uint32_t v)
{
	le16(b, v & 0xffff);
	le16(b, v >> 16);
}

static void zip_add(bl_buf *z, zmember *m, const char *name, const char *data, size_t n)
{
	m->name = name;
	m->crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data, (uInt)n);
	m->size = (uint32_t)n;
	m->off = (uint32_t)z->n;
	le32(z, 0x04034b50);
	le16(z, 20);
	le16(z, 0x0800); /* UTF-8 names */
	le16(z, 0);      /* stored */
	le16(z, 0);
	le16(z, 0x21); /* 1980-01-01 */
	le32(z, m->crc);
	le32(z, m->size);
	le32(z, m->size);
	le16(z, (unsigned)strlen(name));
	le16(z, 0);
	bl_buf_put(z, name, strlen(name));
	bl_buf_put(z, data, n);
}

static void zip_end(bl_buf *z, const zmember *m, size_t nm)
{
	uint32_t cd = (uint32_t)z->n;
	for (size_t i = 0; i < nm; i++) {
		le32(z, 0x02014b50);
		le16(z, 20);
		le16(z, 20);
		le16(z, 0x0800);
		le16(z, 0);
		le16(z, 0);
		le16(z, 0x21);
		le32(z, m[i].crc);
		le32(z, m[i].size);
		le32(z, m[i].size);
		le16(z, (unsigned)strlen(m[i].name));
		le16(z, 0);
		le16(z, 0);
		le16(z, 0);
		le16(z, 0);
		le32(z, 0);
		le32(z, m[i].off);
		bl_buf_put(z, m[i].name, strlen(m[i].name));
	}
	uint32_t cdlen = (uint32_t)z->n - cd;
	le32(z, 0x06054b50);
	le16(z, 0);
	le16(z, 0);
	le16(z, (unsigned)nm);
	le16(z, (unsigned)nm);
	le32(z, cdlen);
	le32(z, cd);
	le16(z, 0);
}

static void put_xml(bl_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': bl_buf_put(b, "&lt;", 4); break;
		case '>': bl_buf_put(b, "&gt;", 4); break;
		case '&': bl_buf_put(b, "&amp;", 5); break;
		default:
			if (stray_control(s[i]))
				bl_buf_put(b, REPLACEMENT, 3);
			else
				bl_buf_putc(b, s[i]);
		}
	}
}

/* One w:p: runs split at the gap marks; gaps highlighted. */
static void docx_para(bl_buf *b, const char *s, int level)
{
	static const char *const style[] = {"Title", "Heading1", "Heading2"};
	bl_buf_put(b, "<w:p>", 5);
	if (level <= 2)
		bl_buf_printf(b, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style[level]);
	else
		bl_buf_printf(b, "<w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>");
	while (*s) {
		int in_gap = *s == GAP_OPEN[0];
		if (in_gap)
			s++;
		size_t n = strcspn(s, in_gap ? GAP_CLOSE : GAP_OPEN);
		bl_buf_put(b, "<w:r>", 5);
		if (in_gap)
			bl_buf_put(b, "<w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>", 44);
		bl_buf_put(b, "<w:t xml:space=\"preserve\">", 26);
		put_xml(b, s, n);
		bl_buf_put(b, "</w:t></w:r>", 12);
		s += n;
		if (in_gap && *s)
			s++;
	}
	bl_buf_put(b, "</w:p>", 6);
}

#define W_NS                                                                                                 \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                          \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static bl_status write_docx(const bl_narrative *n, bl_buf *z)
{
	bl_buf doc = BL_BUF_INIT(1 << 28), hdr = BL_BUF_INIT(1 << 16);
	bl_buf_printf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS
			    "><w:body>");
	if (n->draft)
		docx_para(&doc, DRAFT_LINE, 9);
	for (size_t i = 0; i < n->nb; i++)
		docx_para(&doc, n->b[i].text, n->b[i].level);
	bl_buf_printf(
		&doc,
		"<w:sectPr>%s<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
		"<w:pgMar w:top=\"1440\" w:right=\"1800\" w:bottom=\"1440\" w:left=\"1800\" w:header=\"851\" "
		"w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
		n->draft ? "<w:headerReference w:type=\"default\" r:id=\"rIdHdr\"/>" : "");
	bl_buf_printf(
		&hdr,
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr " W_NS
		"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val=\"C00000\"/>"
		"<w:sz w:val=\"28\"/></w:rPr><w:t>草稿　未通过校验　不得公开</w:t></w:r></w:p></w:hdr>");
	/* a draft's header (its watermark) is the only optional part */
	bl_buf types = BL_BUF_INIT(1 << 16), docrels = BL_BUF_INIT(1 << 16);
	bl_buf_printf(&types,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		      "<Default Extension=\"rels\" "
		      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
		      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		      "<Override PartName=\"/word/document.xml\" "
		      "ContentType=\"application/"
		      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
		      "<Override PartName=\"/word/styles.xml\" "
		      "ContentType=\"application/"
		      "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>%s</Types>",
		      n->draft ? "<Override PartName=\"/word/header1.xml\" "
				 "ContentType=\"application/"
				 "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
			       : "");
	bl_buf_printf(&docrels,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		      "<Relationship Id=\"rIdStyles\" "
		      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
		      "Target=\"styles.xml\"/>%s</Relationships>",
		      n->draft ? "<Relationship Id=\"rIdHdr\" "
				 "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
				 "header\" "
				 "Target=\"header1.xml\"/>"
			       : "");
	static const char rels[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" "
		"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
		"Target=\"word/document.xml\"/></Relationships>";
	static const char styles[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
		"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
		"w:eastAsia=\"仿宋_GB2312\"/>"
		"<w:sz w:val=\"32\"/></w:rPr></w:rPrDefault></w:docDefaults>"
		"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
		"w:val=\"Normal\"/></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:pPr><w:jc "
		"w:val=\"center\"/>"
		"<w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"方正小标宋简体\"/><w:sz "
		"w:val=\"44\"/>"
		"</w:rPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr>"
		"<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl "
		"w:val=\"0\"/></w:pPr><w:rPr>"
		"<w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:pPr>"
		"<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl "
		"w:val=\"1\"/></w:pPr><w:rPr>"
		"<w:rFonts w:eastAsia=\"楷体_GB2312\"/></w:rPr></w:style>"
		"</w:styles>";
	zmember m[6];
	size_t nm = 0; /* the header part (a draft's watermark) only in a draft */
	zip_add(z, &m[nm++], "[Content_Types].xml", types.p, types.n);
	zip_add(z, &m[nm++], "_rels/.rels", rels, sizeof rels - 1);
	zip_add(z, &m[nm++], "word/_rels/document.xml.rels", docrels.p, docrels.n);
	zip_add(z, &m[nm++], "word/document.xml", doc.p, doc.n);
	zip_add(z, &m[nm++], "word/styles.xml", styles, sizeof styles - 1);
	if (n->draft)
		zip_add(z, &m[nm++], "word/header1.xml", hdr.p, hdr.n);
	zip_end(z, m, nm);
	bl_buf_release(&doc);
	bl_buf_release(&hdr);
	bl_buf_release(&types);
	bl_buf_release(&docrels);
	return BL_OK;
}

BL_API bl_status bl_narrative_write(const bl_narrative *n, bl_rformat fmt, char **out, size_t *len,
				    bl_diag *diag)
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 30);
	bl_status st = BL_OK;
	switch (fmt) {
	case BL_RENDER_TEXT: write_text(n, &b); break;
	case BL_RENDER_HTML: write_html(n, &b); break;
	case BL_RENDER_DOCX: st = write_docx(n, &b); break;
	default: st = BL_EUSAGE;
	}
	if (st) {
		bl_diag_set(diag, st, 0, "", "cannot write the narrative");
		bl_buf_release(&b);
		*out = NULL;
		*len = 0;
		return st;
	}
	bl_buf_putc(&b, 0);
	*out = b.p;
	*len = b.n - 1;
	return BL_OK;
}
