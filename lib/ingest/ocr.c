/* ocr.c - scanned pages: ruling lines found in the image, then the text
 * read by Tesseract (chi_sim), pages in parallel.
 *
 * The PDF adapter renders each page without a text layer to a grey image
 * (pdf_scan.c; the adapter's files are the only MuPDF users) and hands it
 * here. Long straight runs of dark pixels are a table's borders: they
 * become the page's ruling lines, so a scanned table is read by the same
 * grid code as a born-digital one, and they are painted out before
 * recognition, where they would read as 一 and |. Each recognised symbol
 * keeps its box and confidence; the text is marked as OCR so that no
 * figure read this way alone can make an error-level finding
 * (lib/rules/ingest.c). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "ingest/ingest.h"

/* Tesseract is loaded when the first scanned page needs it, not at
 * start-up: the OpenMP runtime it brings reads OMP_THREAD_LIMIT when it
 * loads, and with OpenMP's own threads (which Tesseract asks for
 * explicitly) two cores spend their time waking each other. One thread
 * per page is faster. A machine without Tesseract still reads every PDF
 * with a text layer. */
#include <dlfcn.h>

static struct tess {
	int tried, ok;
	TessBaseAPI *(*create)(void);
	int (*init3)(TessBaseAPI *, const char *, const char *);
	BOOL (*set_variable)(TessBaseAPI *, const char *, const char *);
	void (*set_psm)(TessBaseAPI *, TessPageSegMode);
	void (*set_image)(TessBaseAPI *, const unsigned char *, int, int, int, int);
	void (*set_resolution)(TessBaseAPI *, int);
	int (*recognize)(TessBaseAPI *, ETEXT_DESC *);
	TessResultIterator *(*iterator)(TessBaseAPI *);
	TessPageIterator *(*page_iterator)(TessResultIterator *);
	BOOL (*at_beginning)(const TessPageIterator *, TessPageIteratorLevel);
	BOOL (*bbox)(const TessPageIterator *, TessPageIteratorLevel, int *, int *, int *, int *);
	char *(*text)(const TessResultIterator *, TessPageIteratorLevel);
	float (*confidence)(const TessResultIterator *, TessPageIteratorLevel);
	BOOL (*next)(TessResultIterator *, TessPageIteratorLevel);
	void (*delete_text)(const char *);
	void (*delete_iterator)(TessResultIterator *);
	void (*end)(TessBaseAPI *);
	void (*delete_api)(TessBaseAPI *);
} T;

#define SYM(field, name) ok = ok && (*(void **)&T.field = dlsym(h, name)) != NULL

/* Loads Tesseract once per process (pthread_once: OCR threads and a
 * server's requests may ask at the same time); T.ok says whether it did. */
static void tess_load_once(void)
{
	T.tried = 1;
	setenv("OMP_THREAD_LIMIT", "1", 0);
	void *h = dlopen("libtesseract.so.5", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	int ok = 1;
	SYM(create, "TessBaseAPICreate");
	SYM(init3, "TessBaseAPIInit3");
	SYM(set_variable, "TessBaseAPISetVariable");
	SYM(set_psm, "TessBaseAPISetPageSegMode");
	SYM(set_image, "TessBaseAPISetImage");
	SYM(set_resolution, "TessBaseAPISetSourceResolution");
	SYM(recognize, "TessBaseAPIRecognize");
	SYM(iterator, "TessBaseAPIGetIterator");
	SYM(page_iterator, "TessResultIteratorGetPageIterator");
	SYM(at_beginning, "TessPageIteratorIsAtBeginningOf");
	SYM(bbox, "TessPageIteratorBoundingBox");
	SYM(text, "TessResultIteratorGetUTF8Text");
	SYM(confidence, "TessResultIteratorConfidence");
	SYM(next, "TessResultIteratorNext");
	SYM(delete_text, "TessDeleteText");
	SYM(delete_iterator, "TessResultIteratorDelete");
	SYM(end, "TessBaseAPIEnd");
	SYM(delete_api, "TessBaseAPIDelete");
	T.ok = ok; /* the handle stays open for the life of the process */
}

static int tess_load(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, tess_load_once);
	return T.ok;
}

enum {
	/* Tesseract refuses an image wider or higher than this; pdf_scan.c renders
	 * pages smaller, and a page image past it is not handed over */
	MAX_SIDE = 32767,
	DARK = 140,    /* grey level below which a pixel is ink */
	MIN_H = 60,    /* a horizontal rule is at least this many pixels long */
	MIN_V = 40,    /* a vertical one */
	MAX_THICK = 8, /* and at most this thick */
};

typedef struct run {
	int a0, a1, at; /* extent along the line, position across it */
} run;

/* Runs of ink at least min long along one direction: horizontal when
 * vertical == 0 (scanning rows), else vertical. */
static void ink_runs(const bl_ocr_page *pg, int vertical, int min, run **out, size_t *n, size_t *cap)
{
	int lines = vertical ? pg->w : pg->h, len = vertical ? pg->h : pg->w;
	for (int i = 0; i < lines; i++) {
		int start = -1;
		for (int k = 0; k <= len; k++) {
			int ink = 0;
			if (k < len) {
				size_t off = vertical ? (size_t)k * (size_t)pg->w + (size_t)i
						      : (size_t)i * (size_t)pg->w + (size_t)k;
				ink = pg->gray[off] < DARK;
			}
			if (ink && start < 0)
				start = k;
			else if (!ink && start >= 0) {
				if (k - start >= min)
					*BL_PUSH(*out, *n, *cap) = (run){start, k, i};
				start = -1;
			}
		}
	}
}

/* Joins runs on neighbouring pixel lines into one rule each, paints them
 * out of the image and records them in points. */
static void runs_to_rules(bl_ocr_page *pg, run *r, size_t n, int vertical)
{
	char *used = bl_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (used[i])
			continue;
		used[i] = 1;
		int a0 = r[i].a0, a1 = r[i].a1, first = r[i].at, last = r[i].at;
		/* runs are in scan order: later pixel lines come later */
		for (size_t j = i + 1; j < n && r[j].at <= last + 1; j++) {
			if (used[j] || r[j].at != last + 1 || r[j].a1 < a0 || r[j].a0 > a1)
				continue;
			used[j] = 1;
			last = r[j].at;
			if (r[j].a0 < a0)
				a0 = r[j].a0;
			if (r[j].a1 > a1)
				a1 = r[j].a1;
		}
		if (last - first + 1 > MAX_THICK)
			continue; /* a filled block, not a line */
		/* paint out the rule with its anti-aliased fringe */
		int lim = vertical ? pg->w : pg->h, len = vertical ? pg->h : pg->w;
		for (int at = first - 2 < 0 ? 0 : first - 2; at <= last + 2 && at < lim; at++)
			for (int k = a0 - 2 < 0 ? 0 : a0 - 2; k < a1 + 2 && k < len; k++) {
				size_t off = vertical ? (size_t)k * (size_t)pg->w + (size_t)at
						      : (size_t)at * (size_t)pg->w + (size_t)k;
				pg->gray[off] = 255;
			}
		float mid = (float)(first + last + 1) / 2 * pg->scale;
		bl_ruling *rl = BL_PUSH(pg->rules, pg->nrules, pg->rcap);
		if (vertical)
			*rl = (bl_ruling){mid, (float)a0 * pg->scale, mid, (float)a1 * pg->scale};
		else
			*rl = (bl_ruling){(float)a0 * pg->scale, mid, (float)a1 * pg->scale, mid};
	}
	free(used);
}

static void find_rules(bl_ocr_page *pg)
{
	run *r = NULL;
	size_t n = 0, cap = 0;
	ink_runs(pg, 0, MIN_H, &r, &n, &cap);
	size_t nh = n;
	ink_runs(pg, 1, MIN_V, &r, &n, &cap);
	/* both sets are found before either is painted out: rules cross */
	runs_to_rules(pg, r + nh, n - nh, 1);
	runs_to_rules(pg, r, nh, 0);
	free(r);
}

static void recognise(TessBaseAPI *api, bl_ocr_page *pg)
{
	T.set_image(api, pg->gray, pg->w, pg->h, 1, pg->w);
	T.set_resolution(api, (int)(72.0f / pg->scale + 0.5f));
	if (T.recognize(api, NULL) != 0) {
		snprintf(pg->err, sizeof pg->err, "recognition failed");
		return;
	}
	TessResultIterator *it = T.iterator(api);
	if (!it)
		return; /* an empty page */
	TessPageIterator *pit = T.page_iterator(it);
	float ly0 = 0, ly1 = 0, sum = 0;
	do {
		if (T.at_beginning(pit, RIL_TEXTLINE)) {
			int l, t, r, b;
			if (T.bbox(pit, RIL_TEXTLINE, &l, &t, &r, &b)) {
				ly0 = (float)t * pg->scale;
				ly1 = (float)b * pg->scale;
			}
		}
		int word = T.at_beginning(pit, RIL_WORD);
		char *s = T.text(it, RIL_SYMBOL);
		int l, t, r, b;
		int len = 0;
		uint32_t c = s && *s ? bl_utf8_decode(s, strlen(s), &len) : 0;
		/* what is left of a painted-out border reads as a bar */
		if (c == '|' || c == BL_CP_FW_VLINE || c == BL_CP_BOX_VLINE)
			c = 0;
		if (c && T.bbox(pit, RIL_SYMBOL, &l, &t, &r, &b)) {
			bl_ocr_char *oc = BL_PUSH(pg->ch, pg->nch, pg->chcap);
			oc->c = bl_cp_fold(c);
			oc->x0 = (float)l * pg->scale;
			oc->x1 = (float)r * pg->scale;
			oc->y0 = ly0 < (float)t * pg->scale ? ly0 : (float)t * pg->scale;
			oc->y1 = ly1;
			oc->word_start = word;
			oc->conf = T.confidence(it, RIL_SYMBOL);
			sum += oc->conf;
		}
		T.delete_text(s);
	} while (T.next(it, RIL_SYMBOL));
	T.delete_iterator(it);
	pg->conf = pg->nch ? sum / (float)pg->nch : 0;
}

typedef struct work {
	bl_ocr_page *pages;
	int n, next;
	pthread_mutex_t mu;
} work;

static void *worker(void *arg)
{
	work *w = arg;
	TessBaseAPI *api = T.ok ? T.create() : NULL;
	int ok = api && T.init3(api, NULL, "chi_sim") == 0;
	if (ok) {
		T.set_variable(api, "debug_file", "/dev/null");
		T.set_psm(api, PSM_SINGLE_COLUMN);
	}
	for (;;) {
		pthread_mutex_lock(&w->mu);
		int i = w->next++;
		pthread_mutex_unlock(&w->mu);
		if (i >= w->n)
			break;
		bl_ocr_page *pg = &w->pages[i];
		if (!ok) {
			snprintf(pg->err, sizeof pg->err, "Tesseract with chi_sim is not available");
			continue;
		}
		if (!pg->gray || pg->w <= 0 || pg->h <= 0 || pg->w > MAX_SIDE || pg->h > MAX_SIDE) {
			snprintf(pg->err, sizeof pg->err, "a page image of %d x %d pixels cannot be read",
				 pg->w, pg->h);
			continue;
		}
		find_rules(pg);
		recognise(api, pg);
		pg->done = 1;
	}
	if (api) {
		T.end(api);
		T.delete_api(api);
	}
	return NULL;
}

void bl_ocr_run(bl_ocr_page *pages, int n, int jobs)
{
	if (n <= 0)
		return;
	tess_load();
	if (jobs < 1)
		jobs = 1;
	if (jobs > n)
		jobs = n;
	work w = {pages, n, 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[16];
	int started = 0;
	for (int i = 1; i < jobs && i < 16; i++)
		if (pthread_create(&th[started], NULL, worker, &w) == 0)
			started++;
	worker(&w);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&w.mu);
}

void bl_ocr_page_free(bl_ocr_page *pg)
{
	free(pg->gray);
	free(pg->ch);
	free(pg->rules);
	memset(pg, 0, sizeof *pg);
}
