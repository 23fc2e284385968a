/* fuzz_text.c - libFuzzer entry: any bytes through ingest, facts, rules and both reports. */
#include <stdio.h>

#include "budgetlint/budgetlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bl_doc *doc = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_mem("fuzz.txt", (const char *)data, size, &doc, &diag) != BL_OK)
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
