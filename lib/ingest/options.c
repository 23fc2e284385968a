/* options.c - what the options a document is opened with mean where their
 * default is not a plain value, and the environment variables a
 * command-line front end may fill them from (the library never reads them
 * itself). */
#include <stdlib.h>
#include <unistd.h>

#include "ingest/ingest.h"

enum { MAX_OCR_JOBS = 8 };

int bl_ocr_threads(const bl_open_options *opts)
{
	long n = opts->ocr_jobs > 0 ? opts->ocr_jobs : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_OCR_JOBS ? MAX_OCR_JOBS : (int)n;
}

BL_API void bl_open_options_from_env(bl_open_options *opts)
{
	if (getenv("BL_NO_OCR"))
		opts->ocr = 0;
	const char *e = getenv("BL_OCR_JOBS");
	if (e) {
		long n = strtol(e, NULL, 10);
		opts->ocr_jobs = n < 1 ? 1 : n > MAX_OCR_JOBS ? MAX_OCR_JOBS : (int)n;
	}
}
