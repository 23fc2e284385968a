/* gen_struct.c - writes the pathological inputs of the structured adapters
 * (XLSX, DOCX, HTML, the zip and XML beneath them) for cases_struct.sh.
 *
 *   gen_struct xlsx-merges OUT ROWS MERGES [SHEETS]  ROWS rows of two cells (A, IV), MERGES one-cell
 *                                                   merged ranges and a two-row range every ten rows
 *   gen_struct xlsx-sparse OUT SHEETS               sheets of four cells at the corners of 20000 x 256
 *   gen_struct xlsx-rows OUT ROWS                   ROWS rows of one figure, deflated
 *   gen_struct xlsx-number OUT VALUE                a budget table whose figure cell stores VALUE
 *                                                   ("digits:N": N nines)
 *   gen_struct xlsx-overlap OUT MERGES              MERGES merged ranges over one 2000 x 256 area
 *   gen_struct html-spans OUT TABLES                tables of one cell rowspan=1000 colspan=255
 *   gen_struct html-layers OUT ROWS                 a table whose spans overlap layer on layer
 *   gen_struct html-wide OUT ROWS                   ROWS rows of one cell colspan=256
 *   gen_struct docx-gridspan OUT ROWS               rows of a gridSpan=255 cell and one more, stored
 *   gen_struct docx-nodes OUT N                     N empty paragraphs, stored
 *   gen_struct html-nodes OUT N                     a page of N line breaks
 *   gen_struct xml-deep OUT DEPTH docx|xlsx|html    elements nested DEPTH deep
 *   gen_struct billion-laughs OUT docx|xlsx|sst|html
 *   gen_struct xxe OUT docx|xlsx|html               external entities naming /etc/passwd and the network
 *   gen_struct zip-bomb OUT MB                      document.xml declares 1000 bytes, inflates to MB MiB
 *   gen_struct zip-ratio OUT MB                     document.xml of MB MiB declared, deflated over 1000x
 *   gen_struct zip-overlap OUT                      13 directory entries on one member's bytes
 *   gen_struct zip-many OUT N                       a DOCX of N members
 *   gen_struct zip-dupname OUT                      word/document.xml twice
 *   gen_struct zip-method OUT                       document.xml under method 12 (bzip2)
 *   gen_struct zip-plain OUT                        a zip of neither part, named as the caller likes
 *   gen_struct empty OUT docx|xlsx|html             a document without text
 *
 * Every archive is written byte by byte (tests/hostile_zip.h), stored unless
 * said otherwise, so its XML is what the adapters see. */
#include <stdarg.h>

#include "hostile_zip.h"
#include "pathological/gen.h"

typedef struct sbuf {
	char *p;
	size_t n, cap;
} sbuf;

static void sput(sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 4096;
		while (c < b->n + n + 1)
			c *= 2;
		char *q = realloc(b->p, c);
		if (!q) {
			perror("gen_struct");
			exit(1);
		}
		b->p = q;
		b->cap = c;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void sputs(sbuf *b, const char *s)
{
	sput(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void sprintf_(sbuf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	sput(b, tmp, k < 0 ? 0 : (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static void done(int rc, const char *path)
{
	if (rc) {
		fprintf(stderr, "gen_struct: cannot write %s\n", path);
		exit(1);
	}
}

static long arg(int argc, char **argv, int i, long dflt)
{
	return i < argc ? strtol(argv[i], NULL, 10) : dflt;
}

static void write_file(const char *out, const sbuf *b)
{
	FILE *f = gen_open(out);
	fwrite(b->p, 1, b->n, f);
	gen_close(f, out);
}

static const char sheet_head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" HZ_S_NS "\">";

static void xlsx_merges(const char *out, long rows, long merges, int sheets)
{
	sbuf b = {0};
	sputs(&b, sheet_head);
	sputs(&b, "<sheetData>");
	for (long i = 1; i <= rows; i++)
		sprintf_(&b, "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c><c r=\"IV%ld\"><v>%ld</v></c></row>",
			 i, i, i, i, i);
	sputs(&b, "</sheetData><mergeCells>");
	for (long i = 0; i < merges; i++)
		sputs(&b, "<mergeCell ref=\"A1:A1\"/>");
	for (long i = 1; i + 1 <= rows; i += 10)
		sprintf_(&b, "<mergeCell ref=\"B%ld:C%ld\"/>", i, i + 1);
	sputs(&b, "</mergeCells></worksheet>");
	done(hz_xlsx(out, sheets, b.p, b.n), out);
	free(b.p);
}

static void xlsx_sparse(const char *out, int sheets)
{
	sbuf b = {0};
	sputs(&b, sheet_head);
	sputs(&b, "<dimension ref=\"A1:XFD1048576\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c "
		  "r=\"B1\"><v>2</v></c>"
		  "</row><row r=\"20000\"><c r=\"IU20000\"><v>3</v></c><c "
		  "r=\"IV20000\"><v>4</v></c></row></sheetData>"
		  "</worksheet>");
	done(hz_xlsx(out, sheets, b.p, b.n), out);
	free(b.p);
}

static void xlsx_rows(const char *out, long rows)
{
	sbuf b = {0};
	sputs(&b, sheet_head);
	sputs(&b, "<sheetData>");
	unsigned long x = 1;
	for (long i = 1; i <= rows; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		sprintf_(&b, "<row r=\"%ld\"><c r=\"A%ld\"><v>%lu</v></c></row>", i, i,
			 (x >> 33) % 1000000000);
	}
	sputs(&b, "</sheetData></worksheet>");
	char *wb, *rels;
	hz_workbook(1, &wb, &rels);
	hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			HZ("xl/workbook.xml", wb, strlen(wb)),
			HZ("xl/_rels/workbook.xml.rels", rels, strlen(rels)),
			HZ("xl/worksheets/sheet1.xml", b.p, b.n)};
	e[3].method = 8;
	done(hz_write(out, e, 4), out);
	free(wb);
	free(rels);
	free(b.p);
}

/* A summary table whose 收入总计 row stores value as its 本年收入, so that
 * what the cell becomes is seen in the table (a doubt, table.cell). */
static void xlsx_number(const char *out, const char *value)
{
	sbuf v = {0};
	if (strncmp(value, "digits:", 7) == 0)
		for (long i = strtol(value + 7, NULL, 10); i > 0; i--)
			sputs(&v, "9");
	else
		sputs(&v, value);
	sbuf b = {0};
	sputs(&b, sheet_head);
	sputs(&b,
	      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>收入支出决算总表</t></is></c></row>"
	      "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>单位：万元</t></is></c></row>"
	      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>项目</t></is></c><c r=\"B3\" "
	      "t=\"inlineStr\"><is><t>本年收入</t>"
	      "</is></c><c r=\"C3\" t=\"inlineStr\"><is><t>本年支出</t></is></c></row>"
	      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>一般公共预算财政拨款收入</t></is></c><c "
	      "r=\"B4\"><v>1000.5</v>"
	      "</c><c r=\"C4\"><v>900.5</v></c></row>"
	      "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>收入总计</t></is></c><c r=\"B5\"><v>");
	sput(&b, v.p ? v.p : "", v.n);
	sputs(&b, "</v></c><c r=\"C5\"><v>900.5</v></c></row></sheetData></worksheet>");
	done(hz_xlsx(out, 1, b.p, b.n), out);
	free(v.p);
	free(b.p);
}

/* A document of the format kind with no text at all. */
static void empty_doc(const char *out, const char *kind)
{
	if (strcmp(kind, "html") == 0) {
		sbuf b = {0};
		sputs(&b, "<html><head><title></title></head><body><table><tr><td></td></tr></table></body></"
			  "html>");
		write_file(out, &b);
		free(b.p);
	} else if (strcmp(kind, "xlsx") == 0) {
		const char *sheet =
			"<?xml version=\"1.0\"?><worksheet xmlns=\"" HZ_S_NS "\"><sheetData/></worksheet>";
		done(hz_xlsx(out, 3, sheet, strlen(sheet)), out);
	} else {
		const char *doc = "<?xml version=\"1.0\"?><w:document xmlns:w=\"" HZ_W_NS
				  "\"><w:body><w:p/></w:body></w:document>";
		done(hz_docx(out, doc, strlen(doc)), out);
	}
}

static void xlsx_overlap(const char *out, long merges)
{
	sbuf b = {0};
	sputs(&b, sheet_head);
	sputs(&b, "<sheetData>");
	for (long i = 1; i <= 2000; i++)
		sprintf_(&b, "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c><c r=\"IV%ld\"><v>%ld</v></c></row>",
			 i, i, i, i, i);
	sputs(&b, "</sheetData><mergeCells>");
	for (long i = 0; i < merges; i++)
		sputs(&b, "<mergeCell ref=\"A1:IV2000\"/>");
	sputs(&b, "</mergeCells></worksheet>");
	done(hz_xlsx(out, 1, b.p, b.n), out);
	free(b.p);
}

static void html_spans(const char *out, long tables)
{
	sbuf b = {0};
	sputs(&b, "<html><body>");
	for (long i = 0; i < tables; i++)
		sputs(&b, "<table><tr><td rowspan=\"1000\" colspan=\"255\">1</td><td>2</td></tr></table>");
	sputs(&b, "</body></html>");
	write_file(out, &b);
	free(b.p);
}

/* In each run of 255 rows, row j opens a cell j + 1 columns wide at the
 * right that spans the rest of the run, after a cell filling the columns to
 * its left: each crosses the ones opened above it, so their areas pile up
 * some 40 times over the same grid. */
static void html_layers(const char *out, long rows)
{
	sbuf b = {0};
	sputs(&b, "<html><body><table>");
	for (long r = 0; r < rows; r++) {
		long j = r % 255, right = 1 + j, left = 256 - right;
		sprintf_(&b,
			 "<tr><td colspan=\"%ld\">x</td><td colspan=\"%ld\" rowspan=\"%ld\">%ld</td></tr>",
			 left, right, 255 - j, r);
	}
	sputs(&b, "</table></body></html>");
	write_file(out, &b);
	free(b.p);
}

static void html_nodes(const char *out, long n)
{
	sbuf b = {0};
	sputs(&b, "<html><body><p>收入总计100万元</p>");
	for (long i = 0; i < n; i++)
		sputs(&b, "<br>");
	sputs(&b, "</body></html>");
	write_file(out, &b);
	free(b.p);
}

static void html_wide(const char *out, long rows)
{
	sbuf b = {0};
	sputs(&b, "<html><body><table>");
	for (long r = 0; r < rows; r++)
		sprintf_(&b, "<tr><td colspan=\"256\">%ld</td></tr>", r);
	sputs(&b, "</table></body></html>");
	write_file(out, &b);
	free(b.p);
}

static const char doc_head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" HZ_W_NS "\"><w:body>";

static void docx_gridspan(const char *out, long rows)
{
	sbuf b = {0};
	sputs(&b, doc_head);
	sputs(&b, "<w:p><w:r><w:t>某某区教育局2024年度部门预算</w:t></w:r></w:p><w:tbl>");
	for (long r = 0; r < rows; r++)
		sputs(&b, "<w:tr><w:tc><w:tcPr><w:gridSpan "
			  "w:val=\"255\"/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t>"
			  "</w:r></w:p></w:tc></w:tr>");
	sputs(&b, "</w:tbl></w:body></w:document>");
	done(hz_docx(out, b.p, b.n), out);
	free(b.p);
}

static void docx_nodes(const char *out, long n)
{
	sbuf b = {0};
	sputs(&b, doc_head);
	sputs(&b, "<w:p><w:r><w:t>收入总计100万元</w:t></w:r></w:p>");
	for (long i = 0; i < n; i++)
		sputs(&b, "<w:p/>");
	sputs(&b, "</w:body></w:document>");
	done(hz_docx(out, b.p, b.n), out);
	free(b.p);
}

static void xml_deep(const char *out, long depth, const char *kind)
{
	sbuf b = {0};
	if (strcmp(kind, "html") == 0) {
		sputs(&b, "<html><body>");
		for (long i = 0; i < depth; i++)
			sputs(&b, "<div>");
		sputs(&b, "收入总计100万元");
		for (long i = 0; i < depth; i++)
			sputs(&b, "</div>");
		sputs(&b, "</body></html>");
		write_file(out, &b);
	} else if (strcmp(kind, "xlsx") == 0) {
		sputs(&b, sheet_head);
		sputs(&b, "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>");
		for (long i = 0; i < depth; i++)
			sputs(&b, "<r>");
		sputs(&b, "<t>收入总计</t>");
		for (long i = 0; i < depth; i++)
			sputs(&b, "</r>");
		sputs(&b, "</is></c></row></sheetData></worksheet>");
		done(hz_xlsx(out, 1, b.p, b.n), out);
	} else {
		sputs(&b, doc_head);
		for (long i = 0; i < depth; i++)
			sputs(&b, "<w:tbl><w:tr><w:tc>");
		sputs(&b, "<w:p><w:r><w:t>收入总计100万元</w:t></w:r></w:p>");
		for (long i = 0; i < depth; i++)
			sputs(&b, "</w:tc></w:tr></w:tbl>");
		sputs(&b, "</w:body></w:document>");
		done(hz_docx(out, b.p, b.n), out);
	}
	free(b.p);
}

/* A part with a DTD (dtd) and an element reference to entity ent. */
static void with_dtd(const char *out, const char *kind, const char *dtd, const char *ent)
{
	sbuf b = {0};
	if (strcmp(kind, "html") == 0) {
		sprintf_(&b,
			 "<!DOCTYPE html "
			 "[%s]><html><body><p>某某区教育局2024年度部门预算[&%s;]</p></body></html>",
			 dtd, ent);
		write_file(out, &b);
	} else if (strcmp(kind, "xlsx") == 0 || strcmp(kind, "sst") == 0) {
		int sst = strcmp(kind, "sst") == 0;
		sprintf_(&b,
			 "<?xml version=\"1.0\"?><!DOCTYPE d [%s]><worksheet xmlns=\"" HZ_S_NS
			 "\"><sheetData><row r=\"1\">"
			 "<c r=\"A1\" t=\"%s\">%s",
			 sst ? "" : dtd, sst ? "s" : "inlineStr", sst ? "<v>0</v>" : "");
		if (!sst)
			sprintf_(&b, "<is><t>收入总计[&%s;]</t></is>", ent);
		sputs(&b, "</c></row></sheetData></worksheet>");
		sbuf s = {0};
		sprintf_(&s,
			 "<?xml version=\"1.0\"?><!DOCTYPE d [%s]><sst xmlns=\"" HZ_S_NS
			 "\"><si><t>收入总计[&%s;]</t></si></sst>",
			 dtd, ent);
		char *wb, *rels;
		hz_workbook(1, &wb, &rels);
		hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
				HZ("xl/workbook.xml", wb, strlen(wb)),
				HZ("xl/_rels/workbook.xml.rels", rels, strlen(rels)),
				HZ("xl/worksheets/sheet1.xml", b.p, b.n),
				HZ("xl/sharedStrings.xml", s.p, s.n)};
		done(hz_write(out, e, sst ? 5 : 4), out);
		free(wb);
		free(rels);
		free(s.p);
	} else {
		sprintf_(&b,
			 "<?xml version=\"1.0\"?><!DOCTYPE d [%s]><w:document xmlns:w=\"" HZ_W_NS
			 "\"><w:body><w:p><w:r>"
			 "<w:t>某某区教育局2024年度部门预算[&%s;]</w:t></w:r></w:p></w:body></w:document>",
			 dtd, ent);
		done(hz_docx(out, b.p, b.n), out);
	}
	free(b.p);
}

static void billion_laughs(const char *out, const char *kind)
{
	sbuf d = {0};
	sputs(&d, "<!ENTITY lol0 \"lol\">");
	for (int i = 1; i <= 9; i++) {
		sprintf_(&d, "<!ENTITY lol%d \"", i);
		for (int k = 0; k < 10; k++)
			sprintf_(&d, "&lol%d;", i - 1);
		sputs(&d, "\">");
	}
	with_dtd(out, kind, d.p, "lol9");
	free(d.p);
}

static void xxe(const char *out, const char *kind)
{
	with_dtd(out, kind,
		 "<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY h SYSTEM \"http://127.0.0.1:9/x\">"
		 "<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;",
		 "x");
}

static const char small_doc[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" HZ_W_NS
	"\"><w:body><w:p><w:r><w:t>收入总计100万元</w:t></w:r></w:p></w:body></w:document>";

/* document.xml of mb MiB of zeros, deflated (about 1000 times); size: what
 * its headers declare, or -1 for the truth. Refused before it is parsed,
 * so it need not be XML. */
static void zip_big(const char *out, long mb, long long size)
{
	static char zeros[1 << 16];
	memset(zeros, '0', sizeof zeros);
	hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			HZ("word/document.xml", zeros, sizeof zeros)};
	e[1].method = 8;
	e[1].repeat = (size_t)mb * 16;
	e[1].size = size;
	done(hz_write(out, e, 2), out);
}

static void zip_overlap(const char *out)
{
	static const char *names[] = {
		"[Content_Types].xml",     "word/document.xml",  "word/styles.xml",
		"word/header1.xml",        "word/footer1.xml",   "word/footnotes.xml",
		"word/endnotes.xml",       "word/numbering.xml", "xl/workbook.xml",
		"xl/sharedStrings.xml",    "xl/styles.xml",      "xl/_rels/workbook.xml.rels",
		"xl/worksheets/sheet1.xml"};
	hz_entry e[13];
	for (int i = 0; i < 13; i++) {
		e[i] = (hz_entry)HZ(names[i], small_doc, strlen(small_doc));
		e[i].method = 8;
		e[i].share = i ? 0 : -1;
	}
	done(hz_write(out, e, 13), out);
}

static void zip_many(const char *out, long n)
{
	hz_entry *e = calloc((size_t)n + 2, sizeof *e);
	char(*names)[24] = calloc((size_t)n + 2, sizeof *names);
	e[0] = (hz_entry)HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types));
	e[1] = (hz_entry)HZ("word/document.xml", small_doc, strlen(small_doc));
	for (long i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "m/%ld", i);
		e[i + 2] = (hz_entry)HZ(names[i], "", 0);
	}
	done(hz_write(out, e, (int)n + 2), out);
	free(e);
	free(names);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: gen_struct KIND OUT [ARGS] (see the header of gen_struct.c)\n");
		return 2;
	}
	const char *k = argv[1], *out = argv[2], *a3 = argc > 3 ? argv[3] : "",
		   *a4 = argc > 4 ? argv[4] : "docx";
	if (strcmp(k, "xlsx-merges") == 0)
		xlsx_merges(out, arg(argc, argv, 3, 2000), arg(argc, argv, 4, 30000),
			    (int)arg(argc, argv, 5, 1));
	else if (strcmp(k, "xlsx-sparse") == 0)
		xlsx_sparse(out, (int)arg(argc, argv, 3, 256));
	else if (strcmp(k, "xlsx-rows") == 0)
		xlsx_rows(out, arg(argc, argv, 3, 1000000));
	else if (strcmp(k, "xlsx-number") == 0)
		xlsx_number(out, a3);
	else if (strcmp(k, "xlsx-overlap") == 0)
		xlsx_overlap(out, arg(argc, argv, 3, 1000));
	else if (strcmp(k, "html-spans") == 0)
		html_spans(out, arg(argc, argv, 3, 400));
	else if (strcmp(k, "html-layers") == 0)
		html_layers(out, arg(argc, argv, 3, 7000));
	else if (strcmp(k, "html-wide") == 0)
		html_wide(out, arg(argc, argv, 3, 10000));
	else if (strcmp(k, "html-nodes") == 0)
		html_nodes(out, arg(argc, argv, 3, 2100000));
	else if (strcmp(k, "docx-gridspan") == 0)
		docx_gridspan(out, arg(argc, argv, 3, 10000));
	else if (strcmp(k, "docx-nodes") == 0)
		docx_nodes(out, arg(argc, argv, 3, 2100000));
	else if (strcmp(k, "xml-deep") == 0)
		xml_deep(out, arg(argc, argv, 3, 100000), a4);
	else if (strcmp(k, "billion-laughs") == 0)
		billion_laughs(out, argc > 3 ? a3 : "docx");
	else if (strcmp(k, "xxe") == 0)
		xxe(out, argc > 3 ? a3 : "docx");
	else if (strcmp(k, "zip-bomb") == 0)
		zip_big(out, arg(argc, argv, 3, 200), 1000);
	else if (strcmp(k, "zip-ratio") == 0)
		zip_big(out, arg(argc, argv, 3, 60), -1);
	else if (strcmp(k, "zip-overlap") == 0)
		zip_overlap(out);
	else if (strcmp(k, "zip-many") == 0)
		zip_many(out, arg(argc, argv, 3, 30000));
	else if (strcmp(k, "zip-dupname") == 0) {
		hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
				HZ("word/document.xml", small_doc, strlen(small_doc)),
				HZ("word/document.xml", small_doc, strlen(small_doc) - 20)};
		done(hz_write(out, e, 3), out);
	} else if (strcmp(k, "zip-method") == 0) {
		hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
				HZ("word/document.xml", "BZh91AY&SY garbage", 18)};
		e[1].method = 12;
		e[1].size = 100000;
		done(hz_write(out, e, 2), out);
	} else if (strcmp(k, "empty") == 0) {
		empty_doc(out, argc > 3 ? a3 : "docx");
	} else if (strcmp(k, "zip-plain") == 0) {
		hz_entry e[] = {HZ("readme.txt", "收入总计100万元\n", strlen("收入总计100万元\n")),
				HZ("data/table.xml", small_doc, strlen(small_doc))};
		done(hz_write(out, e, 2), out);
	} else {
		fprintf(stderr, "gen_struct: unknown kind %s\n", k);
		return 2;
	}
	return 0;
}
