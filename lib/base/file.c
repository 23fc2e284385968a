/* file.c - reading a whole file, with one diagnostic for every way it fails. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"

bl_status bl_file_read(const char *path, char **out, size_t *n, bl_diag *diag)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		int e = errno;
		bl_status s = e == ENOENT ? BL_ENOENT : BL_EIO;
		bl_diag_set(diag, s, e, path, "cannot open '%s': %s", path, strerror(e));
		return s;
	}
	bl_buf b = BL_BUF_INIT((size_t)64 << 20);
	char chunk[65536];
	size_t k;
	bl_status st = BL_OK;
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (bl_buf_put(&b, chunk, k)) {
			bl_diag_set(diag, BL_ETOOBIG, 0, path, "cannot read '%s': larger than 64 MiB", path);
			st = BL_ETOOBIG;
			goto done;
		}
	}
	if (ferror(fp)) {
		int e = errno;
		bl_diag_set(diag, BL_EIO, e, path, "cannot read '%s': %s", path, strerror(e));
		st = BL_EIO;
		goto done;
	}
	*out = b.p ? b.p : bl_xcalloc(1, 1);
	*n = b.n;
	b.p = NULL;
done:
	bl_buf_release(&b);
	fclose(fp);
	return st;
}
