/* zip.c - reading the members of an OOXML package (DOCX, XLSX) with libzip,
 * under caps: a member is read only up to a size limit, the whole archive
 * only up to a total, and a member that would expand far beyond its
 * compressed size (a zip bomb) is refused before it is inflated. */
#include <string.h>
#include <zip.h>

#include "internal.h"

enum {
	ZIP_MAX_ENTRIES = 20000,
	ZIP_MAX_RATIO = 200, /* XML compresses 10-30x; 200x from a large member is a bomb */
};
#define ZIP_MAX_MEMBER ((zip_uint64_t)64 << 20)
#define ZIP_MAX_TOTAL ((zip_uint64_t)256 << 20)

struct bl_zip {
	zip_t *z;
	const char *name;
	zip_uint64_t total; /* bytes inflated so far */
};

bl_status bl_zip_open(const char *name, const char *bytes, size_t n, bl_zip **out, bl_diag *diag)
{
	*out = NULL;
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &err);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (!z) {
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': not a readable zip archive (%s)", name,
			    zip_error_strerror(&err));
		if (src)
			zip_source_free(src);
		zip_error_fini(&err);
		return BL_EFORMAT;
	}
	zip_error_fini(&err);
	if (zip_get_num_entries(z, 0) > ZIP_MAX_ENTRIES) {
		bl_diag_set(diag, BL_ETOOBIG, 0, name, "cannot read '%s': more than %d members in the archive", name,
			    ZIP_MAX_ENTRIES);
		zip_discard(z);
		return BL_ETOOBIG;
	}
	bl_zip *r = bl_xcalloc(1, sizeof *r);
	r->z = z;
	r->name = name;
	*out = r;
	return BL_OK;
}

int bl_zip_has(bl_zip *z, const char *member)
{
	return zip_name_locate(z->z, member, 0) >= 0;
}

bl_status bl_zip_read(bl_zip *z, const char *member, char **out, size_t *n, bl_diag *diag)
{
	*out = NULL;
	*n = 0;
	zip_stat_t sb;
	zip_stat_init(&sb);
	if (zip_stat(z->z, member, 0, &sb) != 0) {
		bl_diag_set(diag, BL_EFORMAT, 0, z->name, "cannot read '%s': the package has no %s", z->name, member);
		return BL_EFORMAT;
	}
	if ((sb.valid & ZIP_STAT_SIZE) && (sb.size > ZIP_MAX_MEMBER || z->total + sb.size > ZIP_MAX_TOTAL)) {
		bl_diag_set(diag, BL_ETOOBIG, 0, z->name,
			    "cannot read '%s': %s would expand to %llu MiB (limit %llu MiB per member, %llu in all)",
			    z->name, member, (unsigned long long)(sb.size >> 20),
			    (unsigned long long)(ZIP_MAX_MEMBER >> 20), (unsigned long long)(ZIP_MAX_TOTAL >> 20));
		return BL_ETOOBIG;
	}
	if ((sb.valid & ZIP_STAT_SIZE) && (sb.valid & ZIP_STAT_COMP_SIZE) && sb.size > ((zip_uint64_t)1 << 20) &&
	    sb.size / (sb.comp_size ? sb.comp_size : 1) > ZIP_MAX_RATIO) {
		bl_diag_set(diag, BL_ETOOBIG, 0, z->name,
			    "cannot read '%s': %s expands %llu times (%llu bytes to %llu); refused as a zip bomb",
			    z->name, member, (unsigned long long)(sb.size / (sb.comp_size ? sb.comp_size : 1)),
			    (unsigned long long)sb.comp_size, (unsigned long long)sb.size);
		return BL_ETOOBIG;
	}
	zip_file_t *f = zip_fopen(z->z, member, 0);
	if (!f) {
		bl_diag_set(diag, BL_EFORMAT, 0, z->name, "cannot read '%s': cannot open %s (%s)", z->name, member,
			    zip_strerror(z->z));
		return BL_EFORMAT;
	}
	/* the stated size may lie: read under the cap whatever it says */
	bl_buf b = BL_BUF_INIT(ZIP_MAX_MEMBER + 1); /* and its NUL */
	char chunk[65536];
	zip_int64_t k;
	bl_status st = BL_OK;
	while ((k = zip_fread(f, chunk, sizeof chunk)) > 0) {
		if (bl_buf_put(&b, chunk, (size_t)k) || z->total + b.n > ZIP_MAX_TOTAL) {
			bl_diag_set(diag, BL_ETOOBIG, 0, z->name, "cannot read '%s': %s expands past %llu MiB", z->name,
				    member, (unsigned long long)(ZIP_MAX_MEMBER >> 20));
			st = BL_ETOOBIG;
			break;
		}
	}
	if (!st && k < 0) {
		bl_diag_set(diag, BL_EFORMAT, 0, z->name, "cannot read '%s': %s is damaged (%s)", z->name, member,
			    zip_file_strerror(f));
		st = BL_EFORMAT;
	}
	zip_fclose(f);
	if (st) {
		bl_buf_release(&b);
		return st;
	}
	z->total += b.n;
	bl_buf_putc(&b, 0);
	*out = b.p;
	*n = b.n - 1;
	return BL_OK;
}

void bl_zip_close(bl_zip *z)
{
	if (!z)
		return;
	zip_discard(z->z);
	free(z);
}
