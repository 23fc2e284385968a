/* fuzz_ingest.c - libFuzzer entry for one input adapter: the bytes under a
 * file name of that format (FUZZ_NAME), through ingest, tables, facts,
 * rules, both reports and render (the document as render's input, and the
 * narrative in all three formats). Built once per adapter: fuzz_pdf,
 * fuzz_ooxml (DOCX and XLSX), fuzz_html; fuzz_render reads the bytes as a
 * facts JSON instead (FUZZ_JSON). Seeds in fuzz/seeds/. */
#include <stdio.h>
#include <stdlib.h>

#include "budgetlint/budgetlint.h"
#include "budgetlint/render.h"
#include "fuzz_common.h"

#ifndef FUZZ_NAME
#error "build with -DFUZZ_NAME=\"fuzz.pdf\" or another name"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render_all(const bl_rinput *in)
{
	bl_diag diag = {0};
	bl_render_opts o = {BL_KIND_BUDGET, 10, 1};
	for (int k = 0; k < 2; k++) {
		o.kind = k ? BL_KIND_FINAL : BL_KIND_BUDGET;
		bl_narrative *n = bl_render(in, &o, &diag);
		if (!n)
			continue;
		for (int f = BL_RENDER_TEXT; f <= BL_RENDER_DOCX; f++) {
			char *out = NULL;
			size_t len = 0;
			if (bl_narrative_write(n, (bl_rformat)f, &out, &len, &diag) == BL_OK &&
			    f == BL_RENDER_TEXT) {
				bl_doc *back = NULL; /* the gate's read-back */
				if (bl_doc_open_mem("render.txt", out, len, &back, &diag) == BL_OK)
					bl_doc_check(back);
				bl_doc_free(back);
			}
			free(out);
		}
		bl_narrative_free(n);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bl_doc *doc = NULL;
	bl_diag diag = {0};
#ifdef FUZZ_JSON
	bl_rinput *in = NULL;
	if (bl_rinput_json("fuzz.json", (const char *)data, size, 0, &in, &diag) == BL_OK)
		render_all(in);
	bl_rinput_free(in);
	return 0;
#else
	if (bl_doc_open_mem(FUZZ_NAME, (const char *)data, size, &doc, &diag) != BL_OK)
		return 0;
	fuzz_check_and_report(doc);
	bl_rinput *rin = NULL;
	if (bl_rinput_doc(doc, &rin, &diag) == BL_OK)
		render_all(rin);
	bl_rinput_free(rin);
	bl_doc_free(doc);
	return 0;
#endif
}
