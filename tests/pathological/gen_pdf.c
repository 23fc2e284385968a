/* gen_pdf.c - writes the pathological inputs of the PDF adapter for
 * cases_pdf.sh.
 *
 *   gen_pdf glyphs OUT PAGES GLYPHS    PAGES pages sharing one stream of GLYPHS tiny glyphs, all in
 *                                      one text object (as the reliability probe wrote them)
 *   gen_pdf pages OUT PAGES            PAGES blank pages, one with a word
 *   gen_pdf bigpage OUT POINTS         a text page, then a scan of POINTS x POINTS points
 *   gen_pdf scans OUT PAGES            a text page, then PAGES A4 scans
 *   gen_pdf toprow OUT PAGES GLYPHS    a text page, then PAGES pages whose top row is GLYPHS glyphs
 *                                      that a page-number test accepts one by one ("PagePage...")
 *   gen_pdf running OUT PAGES ROWS     PAGES pages, each with a header and a footer of its own and
 *                                      ROWS one-glyph rows
 *   gen_pdf rules OUT PAGES RULES      a text page, then PAGES - 1 pages of a word and RULES crossing
 *                                      ruling lines
 *   gen_pdf nested OUT DEPTH           a word inside DEPTH nested q ... Q
 *   gen_pdf truncated IN OUT PERCENT   the first PERCENT% of IN's bytes
 *   gen_pdf encrypted OUT              a text page that needs the password "secret"
 *
 * Pages with the same content share one deflated stream (tests/pdfgen_hostile.h),
 * so the files stay small and the work is the reader's. */
#include "pathological/gen.h"
#include "pdfgen_hostile.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: gen_pdf glyphs|pages|bigpage|scans|toprow|running|rules|nested|truncated|encrypted "
		"OUT ...\n");
	exit(2);
}

static long arg(int argc, char **argv, int i)
{
	if (i >= argc)
		usage();
	char *end;
	long v = strtol(argv[i], &end, 10);
	if (*end || v < 0)
		usage();
	return v;
}

static void write_all(const char *path, const char *p, size_t n)
{
	FILE *f = gen_open(path);
	fwrite(p, 1, n, f);
	gen_close(f, path);
}

/* Writes np pages drawing the content (shared) after first pages of text. */
static void write_pages(const char *out, int first, const ph_buf *content, long np, float w, float h)
{
	static const char *const words[] = {"Budget report", "Pathological input"};
	ph_buf text = {0};
	ph_text(&text, words, 2);
	ph_page *pages = calloc((size_t)(first + np), sizeof *pages);
	if (!pages)
		abort();
	for (int i = 0; i < first; i++)
		pages[i] = (ph_page){595, 842, &text};
	for (long i = 0; i < np; i++)
		pages[first + i] = (ph_page){w, h, content};
	size_t n;
	char *pdf = ph_make(pages, first + (int)np, 1, &n);
	write_all(out, pdf, n);
	free(pdf);
	free(pages);
	free(text.p);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		usage();
	const char *what = argv[1], *out = argv[2];
	ph_buf c = {0};
	if (!strcmp(what, "glyphs")) {
		long np = arg(argc, argv, 3);
		ph_glyphs(&c, arg(argc, argv, 4), 1);
		write_pages(out, 0, &c, np, 595, 842);
	} else if (!strcmp(what, "pages")) {
		write_pages(out, 1, &c, arg(argc, argv, 3) - 1, 595, 842);
	} else if (!strcmp(what, "bigpage")) {
		float side = (float)arg(argc, argv, 3);
		ph_scan(&c, side, side);
		write_pages(out, 1, &c, 1, side, side);
	} else if (!strcmp(what, "scans")) {
		ph_scan(&c, 595, 842);
		write_pages(out, 1, &c, arg(argc, argv, 3), 595, 842);
	} else if (!strcmp(what, "toprow")) {
		long np = arg(argc, argv, 3), n = arg(argc, argv, 4);
		ph_top_row(&c, n);
		write_pages(out, 1, &c, np, 40 + 0.006f * (float)n, 842); /* wide enough for the row */
	} else if (!strcmp(what, "running")) {
		long np = arg(argc, argv, 3), rows = arg(argc, argv, 4);
		ph_buf *cs = calloc((size_t)np, sizeof *cs);
		ph_page *pages = calloc((size_t)np, sizeof *pages);
		if (!cs || !pages)
			abort();
		for (long i = 0; i < np; i++) {
			ph_unique_page(&cs[i], (int)i, (int)rows);
			pages[i] = (ph_page){595, 842, &cs[i]};
		}
		size_t n;
		char *pdf = ph_make(pages, (int)np, 1, &n);
		write_all(out, pdf, n);
		free(pdf);
		for (long i = 0; i < np; i++)
			free(cs[i].p);
		free(cs);
		free(pages);
	} else if (!strcmp(what, "rules")) {
		long np = arg(argc, argv, 3);
		ph_rules(&c, (int)arg(argc, argv, 4));
		write_pages(out, 1, &c, np - 1, 595, 842);
	} else if (!strcmp(what, "nested")) {
		ph_nested_q(&c, arg(argc, argv, 3));
		write_pages(out, 0, &c, 1, 595, 842);
	} else if (!strcmp(what, "truncated")) {
		if (argc < 5)
			usage();
		FILE *f = fopen(argv[2], "rb");
		if (!f) {
			perror(argv[2]);
			return 1;
		}
		ph_buf in = {0};
		char buf[65536];
		for (size_t k; (k = fread(buf, 1, sizeof buf, f)) > 0;)
			ph_put(&in, buf, k);
		fclose(f);
		long pct = arg(argc, argv, 4);
		write_all(argv[3], in.p, in.n * (size_t)(pct > 100 ? 100 : pct) / 100);
		free(in.p);
	} else if (!strcmp(what, "encrypted")) {
		static const char *const words[] = {"Encrypted budget report"};
		ph_text(&c, words, 1);
		ph_page pg = {595, 842, &c};
		size_t n, en;
		char *pdf = ph_make(&pg, 1, 1, &n);
		char *enc = ph_encrypt(pdf, n, "secret", "owner", &en);
		if (!enc) {
			fprintf(stderr, "gen_pdf: MuPDF could not encrypt\n");
			return 1;
		}
		write_all(out, enc, en);
		free(enc);
		free(pdf);
	} else {
		usage();
	}
	free(c.p);
	return 0;
}
