/* fuzz_common.h - what every document fuzz target does with a document it could open. */
#ifndef BL_FUZZ_COMMON_H
#define BL_FUZZ_COMMON_H

#include <stdio.h>

#include "budgetlint/budgetlint.h"

/* Every rule, then the text, JSON and CSV reports (into /dev/null). */
static void fuzz_check_and_report(bl_doc *doc)
{
	bl_doc_check(doc);
	FILE *null = fopen("/dev/null", "w");
	if (!null)
		return;
	bl_report_opts o = {BL_SEV_INFO, 0, 1, 1};
	bl_report_text(null, doc, &o);
	bl_report_json_doc(null, doc, &o, 1);
	bl_report_csv_facts(null, doc, 1);
	fclose(null);
}

#endif
