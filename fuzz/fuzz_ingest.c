/* fuzz_ingest.c - libFuzzer entry for one input adapter: the bytes under a
 * file name of that format (FUZZ_NAME), through ingest, tables, facts,
 * rules and both reports. Built once per adapter: fuzz_pdf, fuzz_ooxml
 * (DOCX and XLSX), fuzz_html; seeds in fuzz/seeds/. */
#include <stdio.h>

#include "budgetlint/budgetlint.h"

#ifndef FUZZ_NAME
#error "build with -DFUZZ_NAME=\"fuzz.pdf\" or another name"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bl_doc *doc = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_mem(FUZZ_NAME, (const char *)data, size, &doc, &diag) != BL_OK)
		return 0;
	bl_doc_check(doc);
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		bl_report_opts o = {BL_SEV_INFO, 0, 1, 1};
		bl_report_text(null, doc, &o);
		bl_report_json_doc(null, doc, &o, 1);
		fclose(null);
	}
	bl_doc_free(doc);
	return 0;
}
