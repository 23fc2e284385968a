/* mkscan.c - writes a "scanned" copy of PDF pages (each page an image, no
 * text layer) for the OCR benchmark: mkscan IN OUT DPI PAGE... */
#include <stdio.h>
#include <stdlib.h>

#include "scan.h"

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: mkscan IN.pdf OUT.pdf DPI PAGE...\n");
		return 2;
	}
	int pages[256], n = 0;
	for (int i = 4; i < argc && n < 256; i++)
		pages[n++] = atoi(argv[i]);
	return scan_pdf(argv[1], pages, n, atoi(argv[3]), argv[2]) ? 1 : 0;
}
