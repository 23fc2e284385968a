/* zip.c - reading the members of an OOXML package (DOCX, XLSX) with libzip,
 * under caps: a member is read only up to a size limit, the whole archive
 * only up to a total, and a member that would expand far beyond its
 * compressed size (a zip bomb) is refused before it is inflated. Whatever
 * the directory says, inflation stops where the member passes its declared
 * size; members that share bytes, share a name or use a compression no
 * Office program writes are refused when the archive is opened. */
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "ingest/ingest.h"

/* libzip is loaded when the first DOCX or XLSX is opened, not at start-up:
 * it brings OpenSSL's libcrypto, which the dynamic loader took about 2 ms
 * to resolve on every run of the program, PDF and text included. */
/* the functions used, in alphabetical order */
/* clang-format off */
#define ZIP_FUNCS(X) \
	X(zip_discard) X(zip_error_fini) X(zip_error_init) \
	X(zip_error_strerror) X(zip_fclose) X(zip_file_strerror) \
	X(zip_fopen) X(zip_fread) X(zip_get_name) \
	X(zip_get_num_entries) X(zip_name_locate) X(zip_open_from_source) \
	X(zip_source_buffer_create) X(zip_source_free) X(zip_stat) \
	X(zip_stat_index) X(zip_stat_init) X(zip_strerror)
/* clang-format on */

static struct {
#define ZIP_FIELD(f) __typeof__(f) *f;
	ZIP_FUNCS(ZIP_FIELD)
#undef ZIP_FIELD
} zl;

#define ZIP_NAME(f) #f,
#define ZIP_SLOT(f) (void **)&zl.f,
static const char *const zip_names[] = {ZIP_FUNCS(ZIP_NAME)};
static void **const zip_slots[] = {ZIP_FUNCS(ZIP_SLOT)};
#undef ZIP_NAME
#undef ZIP_SLOT
static bl_dl_lib zip_lib = {"libzip.so.4", zip_names, zip_slots, sizeof zip_names / sizeof *zip_names, 0, ""};

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

/* --- the central directory as byte ranges --- */

static uint64_t le(const unsigned char *p, int k)
{
	uint64_t v = 0;
	while (k-- > 0)
		v = v << 8 | p[k];
	return v;
}

typedef struct span {
	uint64_t start, end; /* a member's local header to the end of its data */
} span;

static int span_cmp(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Does any member's data lie inside another's? libzip reads each member
 * where its directory entry points, so entries sharing one deflate stream
 * (the overlapping zip bomb) would each inflate it in full. 0 also when the
 * directory cannot be followed: libzip then fails on the member itself. */
static int overlapping(const unsigned char *b, size_t n)
{
	if (n < 22)
		return 0;
	size_t e = n - 22, lo = n - 22 > 65535 ? n - 22 - 65535 : 0;
	while (memcmp(b + e, "PK\5\6", 4) != 0)
		if (e-- == lo)
			return 0;
	uint64_t count = le(b + e + 10, 2), off = le(b + e + 16, 4);
	if ((count == 0xFFFF || off == 0xFFFFFFFF) && e >= 20 && memcmp(b + e - 20, "PK\6\7", 4) == 0) {
		uint64_t z = le(b + e - 20 + 8, 8); /* the zip64 end of central directory */
		if (z > n || n - z < 56 || memcmp(b + z, "PK\6\6", 4) != 0)
			return 0;
		count = le(b + z + 32, 8);
		off = le(b + z + 48, 8);
	}
	if (count > ZIP_MAX_ENTRIES)
		return 0;
	span *sp = bl_xmalloc((size_t)(count ? count : 1) * sizeof *sp);
	size_t ns = 0;
	int over = 0;
	for (uint64_t p = off; ns < count; ns++) {
		if (p > n || n - p < 46 || memcmp(b + p, "PK\1\2", 4) != 0)
			goto done;
		uint64_t comp = le(b + p + 20, 4), size = le(b + p + 24, 4), loc = le(b + p + 42, 4);
		size_t nl = (size_t)le(b + p + 28, 2), xl = (size_t)le(b + p + 30, 2),
		       cl = (size_t)le(b + p + 32, 2);
		if (n - p - 46 < (uint64_t)nl + xl + cl)
			goto done;
		/* zip64: the sizes and offset that did not fit, in this order */
		for (const unsigned char *x = b + p + 46 + nl, *xe = x + xl; xe - x >= 4;) {
			size_t tag = (size_t)le(x, 2), len = (size_t)le(x + 2, 2);
			const unsigned char *f = x + 4, *fe = f + len;
			if (len > (size_t)(xe - f))
				break;
			if (tag == 1) {
				if (size == 0xFFFFFFFF && fe - f >= 8)
					size = le(f, 8), f += 8;
				if (comp == 0xFFFFFFFF && fe - f >= 8)
					comp = le(f, 8), f += 8;
				if (loc == 0xFFFFFFFF && fe - f >= 8)
					loc = le(f, 8);
			}
			x = fe;
		}
		if (loc > n || n - loc < 30 || memcmp(b + loc, "PK\3\4", 4) != 0)
			goto done;
		uint64_t head = 30 + le(b + loc + 26, 2) + le(b + loc + 28, 2);
		if (n - loc < head || n - loc - head < comp)
			goto done;
		sp[ns] = (span){loc, loc + head + comp};
		p += 46 + nl + xl + cl;
	}
	if (ns > 1)
		qsort(sp, ns, sizeof *sp, span_cmp);
	for (size_t i = 1; i < ns && !over; i++)
		over = sp[i].start < sp[i - 1].end;
done:
	free(sp);
	return over;
}

/* Why the archive cannot be read as an OOXML package, or BL_OK. */
static bl_status check_members(zip_t *z, const char *name, const char *bytes, size_t n, bl_diag *diag)
{
	zip_int64_t k = zl.zip_get_num_entries(z, 0);
	if (k > ZIP_MAX_ENTRIES) {
		bl_diag_set(diag, BL_ETOOBIG, 0, name,
			    "cannot read '%s': more than %d members in the archive", name, ZIP_MAX_ENTRIES);
		return BL_ETOOBIG;
	}
	for (zip_int64_t i = 0; i < k; i++) {
		const char *m = zl.zip_get_name(z, (zip_uint64_t)i, 0);
		zip_stat_t sb;
		zl.zip_stat_init(&sb);
		if (!m || zl.zip_stat_index(z, (zip_uint64_t)i, 0, &sb) != 0)
			continue; /* reading it, if it is ever read, says what is wrong */
		if (zl.zip_name_locate(z, m, 0) != i) {
			/* Word and libzip could read different bytes for the same part */
			bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': the archive holds %s twice",
				    name, m);
			return BL_EFORMAT;
		}
		if ((sb.valid & ZIP_STAT_COMP_METHOD) && sb.comp_method != ZIP_CM_STORE &&
		    sb.comp_method != ZIP_CM_DEFLATE) {
			/* Office writes only these; bzip2 or xz would inflate ten times slower, to the same caps */
			bl_diag_set(diag, BL_EFORMAT, 0, name,
				    "cannot read '%s': %s is compressed with method %d, not stored or "
				    "deflated as OOXML is",
				    name, m, (int)sb.comp_method);
			return BL_EFORMAT;
		}
	}
	if (overlapping((const unsigned char *)bytes, n)) {
		bl_diag_set(diag, BL_ETOOBIG, 0, name,
			    "cannot read '%s': two members of the archive share the same bytes; refused as a "
			    "zip bomb",
			    name);
		return BL_ETOOBIG;
	}
	return BL_OK;
}

bl_status bl_zip_open(const char *name, const char *bytes, size_t n, bl_zip **out, bl_diag *diag)
{
	*out = NULL;
	if (!bl_dl_ready(&zip_lib)) {
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "cannot read '%s': libzip.so.4, which reads DOCX and XLSX, cannot be loaded (%s)",
			    name, zip_lib.err);
		return BL_EFORMAT;
	}
	zip_error_t err;
	zl.zip_error_init(&err);
	zip_source_t *src = zl.zip_source_buffer_create(bytes, n, 0, &err);
	zip_t *z = src ? zl.zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (!z) {
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': not a readable zip archive (%s)",
			    name, zl.zip_error_strerror(&err));
		if (src)
			zl.zip_source_free(src);
		zl.zip_error_fini(&err);
		return BL_EFORMAT;
	}
	zl.zip_error_fini(&err);
	bl_status st = check_members(z, name, bytes, n, diag);
	if (st) {
		zl.zip_discard(z);
		return st;
	}
	bl_zip *r = bl_xcalloc(1, sizeof *r);
	r->z = z;
	r->name = name;
	*out = r;
	return BL_OK;
}

int bl_zip_has(bl_zip *z, const char *member)
{
	return zl.zip_name_locate(z->z, member, 0) >= 0;
}

bl_status bl_zip_read(bl_zip *z, const char *member, char **out, size_t *n, bl_diag *diag)
{
	*out = NULL;
	*n = 0;
	zip_stat_t sb;
	zl.zip_stat_init(&sb);
	if (zl.zip_stat(z->z, member, 0, &sb) != 0) {
		bl_diag_set(diag, BL_EFORMAT, 0, z->name, "cannot read '%s': the package has no %s", z->name,
			    member);
		return BL_EFORMAT;
	}
	if ((sb.valid & ZIP_STAT_SIZE) && (sb.size > ZIP_MAX_MEMBER || z->total + sb.size > ZIP_MAX_TOTAL)) {
		bl_diag_set(diag, BL_ETOOBIG, 0, z->name,
			    "cannot read '%s': %s would expand to %llu MiB (limit %llu MiB per member, %llu "
			    "in all)",
			    z->name, member, (unsigned long long)(sb.size >> 20),
			    (unsigned long long)(ZIP_MAX_MEMBER >> 20),
			    (unsigned long long)(ZIP_MAX_TOTAL >> 20));
		return BL_ETOOBIG;
	}
	if ((sb.valid & ZIP_STAT_SIZE) && (sb.valid & ZIP_STAT_COMP_SIZE) &&
	    sb.size > ((zip_uint64_t)1 << 20) &&
	    sb.size / (sb.comp_size ? sb.comp_size : 1) > ZIP_MAX_RATIO) {
		bl_diag_set(
			diag, BL_ETOOBIG, 0, z->name,
			"cannot read '%s': %s expands %llu times (%llu bytes to %llu); refused as a zip bomb",
			z->name, member, (unsigned long long)(sb.size / (sb.comp_size ? sb.comp_size : 1)),
			(unsigned long long)sb.comp_size, (unsigned long long)sb.size);
		return BL_ETOOBIG;
	}
	zip_file_t *f = zl.zip_fopen(z->z, member, 0);
	if (!f) {
		bl_diag_set(diag, BL_EFORMAT, 0, z->name, "cannot read '%s': cannot open %s (%s)", z->name,
			    member, zl.zip_strerror(z->z));
		return BL_EFORMAT;
	}
	/* the stated size may lie: read under the cap whatever it says */
	bl_buf b = BL_BUF_INIT(ZIP_MAX_MEMBER + 1); /* and its NUL */
	char chunk[65536];
	zip_int64_t k;
	bl_status st = BL_OK;
	while ((k = zl.zip_fread(f, chunk, sizeof chunk)) > 0) {
		if ((sb.valid & ZIP_STAT_SIZE) && b.n + (size_t)k > sb.size) {
			/* a directory that understates a member hides a bomb from the checks above */
			bl_diag_set(diag, BL_ETOOBIG, 0, z->name,
				    "cannot read '%s': %s expands past the %llu bytes its directory entry "
				    "declares",
				    z->name, member, (unsigned long long)sb.size);
			st = BL_ETOOBIG;
			break;
		}
		if (bl_buf_put(&b, chunk, (size_t)k) || z->total + b.n > ZIP_MAX_TOTAL) {
			int all = z->total + b.n >
				  ZIP_MAX_TOTAL; /* members read again (sheets sharing one) count again */
			bl_diag_set(diag, BL_ETOOBIG, 0, z->name,
				    "cannot read '%s': %s expands past %llu MiB%s", z->name, member,
				    (unsigned long long)((all ? ZIP_MAX_TOTAL : ZIP_MAX_MEMBER) >> 20),
				    all ? " with the members read before it" : "");
			st = BL_ETOOBIG;
			break;
		}
	}
	if (!st && k < 0) {
		bl_diag_set(diag, BL_EFORMAT, 0, z->name, "cannot read '%s': %s is damaged (%s)", z->name,
			    member, zl.zip_file_strerror(f));
		st = BL_EFORMAT;
	}
	zl.zip_fclose(f);
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
	zl.zip_discard(z->z);
	free(z);
}
