/* report.h - what the report writers share with the ledger and render. */
#ifndef BL_REPORT_H
#define BL_REPORT_H

#include "rules/rules.h"

/* Writes s as a JSON string (null for NULL): the one escaper of the JSON reports. */
void bl_json_put(FILE *out, const char *s);

#endif
