/* options.c - what the options a document is opened with mean where their
 * default is not a plain value. The library reads no environment
 * variable: a front end fills the options (cli/opts.c does from BL_NO_OCR
 * and BL_OCR_JOBS). */
#include <stdlib.h>
#include <unistd.h>

#include "ingest/ingest.h"

enum { MAX_OCR_JOBS = 8 };

int bl_ocr_threads(const bl_open_options *opts)
{
	long n = opts->ocr_jobs > 0 ? opts->ocr_jobs : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_OCR_JOBS ? MAX_OCR_JOBS : (int)n;
}
