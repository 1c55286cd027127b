/*
 * The .xlsx backend of the sheet reader (sheet.h), with libzip and expat. On open it finds the
 * workbook's parts through their relationships (_rels/.rels, the workbook and its .rels), picks
 * the first sheet or the one named, loads the shared strings table (the one structure held whole
 * in memory, bounded) and the cell styles that are date formats; then it streams the worksheet's
 * XML through expat one chunk at a time, suspending the parser at the end of each row, so the
 * memory a sheet takes does not grow with its number of rows. The only file that includes zip.h
 * or expat.h for reading. A document type declaration is refused (no entity tricks).
 */
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/time.h"
#include "ingest/sheet_impl.h"

#define XLSX_CHUNK     (64 << 10) /* bytes of XML handed to expat at a time */
#define XLSX_PATH_MAX  512        /* a part name or a relationship id */
#define XLSX_XF_MAX    (1 << 20)  /* cell formats in styles.xml (Excel allows 64,000) */
#define XLSX_FMT_MAX   (1 << 16)  /* custom number formats */
#define XLSX_ROW_LIMIT 2147483647 /* row numbers beyond this are refused */

/* Built-in number formats that show dates or times (zh-CN Excel adds 27-36 and 50-58). */
static bool xlsx_builtin_date(unsigned id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

struct xlsx_fmt {
	unsigned id;
	bool date;
};

/* What a cell's t attribute says. */
enum xlsx_type { XT_NUMBER, XT_SHARED, XT_INLINE, XT_STR, XT_BOOL, XT_ERROR, XT_DATE };

struct xlsx {
	struct sheet_reader *r;
	zip_t *za;
	XML_Parser xp; /* the parser of the part being read */
	bool bad;      /* a handler found the part malformed (message in r) */

	/* parts, found on open */
	char wb_path[XLSX_PATH_MAX];
	char sheet_rid[XLSX_PATH_MAX];
	char sheet_path[XLSX_PATH_MAX];
	char sst_path[XLSX_PATH_MAX];
	char styles_path[XLSX_PATH_MAX];
	const char *want_sheet; /* during open only */
	bool sheet_found;
	bool date1904;
	int rels_mode; /* 0: package relationships, 1: the workbook's */

	/* shared strings: text NUL-separated, offsets into it */
	struct buf sst;
	uint32_t *sst_off;
	size_t sst_n, sst_cap;
	size_t sst_start;
	int sst_si, sst_rph, sst_t;

	/* styles */
	struct xlsx_fmt *fmts;
	size_t nfmts, fmts_cap;
	unsigned *xf_fmt;
	bool *xf_date;
	size_t nxf, xf_cap;
	int in_numfmts, in_cellxfs;

	/* the worksheet stream */
	zip_file_t *zf;
	bool final;     /* the last chunk has gone to expat */
	bool suspended; /* expat stopped at the end of a row */
	bool row_ready;
	bool in_row, in_cell, in_is, collect;
	int rph;
	int col, last_col;
	int64_t last_row;
	enum xlsx_type type;
	bool style_date;
};

/* The local part of an element or attribute name ("x:row" -> "row"). */
static inline const char *xlsx_local(const char *name)
{
	const char *local = name;

	for (; *name; name++)
		if (*name == ':')
			local = name + 1;
	return local;
}

static const char *xlsx_attr(const char **atts, const char *local)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(xlsx_local(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

/* Stops the parser after a handler found a problem (already reported with sheet_fail). */
static void xlsx_stop(struct xlsx *x)
{
	x->bad = true;
	XML_StopParser(x->xp, XML_FALSE);
}

static void xlsx_bad(struct xlsx *x, const char *zh, const char *en)
{
	sheet_fail_static(x->r, GH_EINVAL, zh, en);
	xlsx_stop(x);
}

static bool xlsx_copy(char *dst, const char *src)
{
	size_t n = strlen(src);

	if (n >= XLSX_PATH_MAX)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

/* Decimal digits into *v (at most 10 of them, value <= max); false otherwise. */
static bool xlsx_uint(const char *s, size_t n, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > max)
		return false;
	*v = x;
	return true;
}

/*
 * Resolves a relationship target against the folder of the part that names it ("xl/"): an
 * absolute target drops its "/", "." and ".." segments are applied. false if it does not fit.
 */
static bool xlsx_resolve(const char *base_dir, const char *target, char out[XLSX_PATH_MAX])
{
	char tmp[XLSX_PATH_MAX * 2];
	size_t n = 0, i = 0, o = 0;

	if (target[0] == '/') {
		target++;
		base_dir = "";
	}
	n = strlen(base_dir);
	if (n + strlen(target) >= sizeof tmp)
		return false;
	memcpy(tmp, base_dir, n);
	memcpy(tmp + n, target, strlen(target) + 1);
	/* walk the segments, writing the kept ones to out */
	while (tmp[i] != '\0') {
		size_t j = i, len;

		while (tmp[j] != '\0' && tmp[j] != '/')
			j++;
		len = j - i;
		if (len == 0 || (len == 1 && tmp[i] == '.')) {
			/* skip */
		} else if (len == 2 && tmp[i] == '.' && tmp[i + 1] == '.') {
			if (o > 0)
				o--; /* drop the '/' */
			while (o > 0 && out[o - 1] != '/')
				o--;
		} else {
			if (o + len + 1 >= XLSX_PATH_MAX)
				return false;
			memcpy(out + o, tmp + i, len);
			o += len;
			if (tmp[j] == '/')
				out[o++] = '/';
		}
		i = tmp[j] == '/' ? j + 1 : j;
	}
	out[o] = '\0';
	return o > 0;
}

/* The folder of a part name, with its '/': "xl/workbook.xml" -> "xl/". */
static void xlsx_dir(const char *path, char out[XLSX_PATH_MAX])
{
	const char *s = strrchr(path, '/');
	size_t n = s ? (size_t)(s - path) + 1 : 0;

	memcpy(out, path, n);
	out[n] = '\0';
}

static bool xlsx_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void XMLCALL xlsx_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                                 int has_internal)
{
	xlsx_bad(ud, "工作簿含有 DOCTYPE 声明，拒绝读取", "the workbook holds a DOCTYPE declaration: refused");
}

/*
 * Streams the part at path (case-insensitive, as OOXML part names are) through a fresh expat
 * parser with the given handlers. 0, or -1 after sheet_fail. A missing part is -1 only if
 * required; otherwise 0 and nothing is called.
 */
static int xlsx_parse_part(struct xlsx *x, const char *path, bool required, XML_StartElementHandler start,
                           XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	struct sheet_reader *r = x->r;
	zip_int64_t idx = zip_name_locate(x->za, path, ZIP_FL_NOCASE);
	zip_file_t *zf = NULL;
	int rc = -1;

	x->xp = NULL;
	if (idx < 0) {
		if (!required)
			return 0;
		return sheet_fail(r, GH_EINVAL, "工作簿缺少 %.100s", "the workbook has no part %.100s", path);
	}
	zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		sheet_fail(r, GH_EINVAL, "无法读取工作簿中的 %.100s（文件损坏或已加密）",
		           "cannot read %.100s in the workbook (damaged or encrypted)", path);
		goto out;
	}
	x->xp = XML_ParserCreate(NULL);
	if (x->xp == NULL) {
		sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
		goto out;
	}
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, start, end);
	XML_SetCharacterDataHandler(x->xp, text);
	XML_SetStartDoctypeDeclHandler(x->xp, xlsx_doctype);
	x->bad = false;
	for (;;) {
		void *b = XML_GetBuffer(x->xp, XLSX_CHUNK);
		zip_int64_t n;

		if (b == NULL) {
			sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
			goto out;
		}
		n = zip_fread(zf, b, XLSX_CHUNK);
		if (n < 0) {
			sheet_fail(r, GH_EINVAL, "工作簿中的 %.100s 已损坏", "%.100s in the workbook is damaged", path);
			goto out;
		}
		if (XML_ParseBuffer(x->xp, (int)n, n == 0) != XML_STATUS_OK) {
			if (!x->bad)
				sheet_fail(r, GH_EINVAL, "工作簿中的 %.100s 不是合法的 XML：%s",
				           "%.100s in the workbook is not valid XML: %s", path,
				           XML_ErrorString(XML_GetErrorCode(x->xp)));
			goto out;
		}
		if (n == 0)
			break;
	}
	rc = 0;
out:
	if (x->xp)
		XML_ParserFree(x->xp);
	x->xp = NULL;
	if (zf)
		zip_fclose(zf);
	return rc;
}

static void XMLCALL xlsx_no_end(void *ud, const XML_Char *name)
{
}

static void XMLCALL xlsx_no_text(void *ud, const XML_Char *s, int len)
{
}

/* _rels/.rels and the workbook's .rels. */
static void XMLCALL xlsx_rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *type, *target, *id;
	char dir[XLSX_PATH_MAX];

	if (strcmp(xlsx_local(name), "Relationship") != 0)
		return;
	type = xlsx_attr(atts, "Type");
	target = xlsx_attr(atts, "Target");
	id = xlsx_attr(atts, "Id");
	if (type == NULL || target == NULL || id == NULL)
		return;
	if (x->rels_mode == 0) {
		if (xlsx_suffix(type, "/officeDocument") && !xlsx_resolve("", target, x->wb_path))
			x->wb_path[0] = '\0';
		return;
	}
	xlsx_dir(x->wb_path, dir);
	if (x->sheet_rid[0] && strcmp(id, x->sheet_rid) == 0) {
		if (!xlsx_resolve(dir, target, x->sheet_path))
			x->sheet_path[0] = '\0';
	} else if (xlsx_suffix(type, "/sharedStrings")) {
		if (!xlsx_resolve(dir, target, x->sst_path))
			x->sst_path[0] = '\0';
	} else if (xlsx_suffix(type, "/styles")) {
		if (!xlsx_resolve(dir, target, x->styles_path))
			x->styles_path[0] = '\0';
	}
}

/* xl/workbook.xml: the sheet wanted and the date system. */
static void XMLCALL xlsx_wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *local = xlsx_local(name), *v;

	if (strcmp(local, "workbookPr") == 0) {
		v = xlsx_attr(atts, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(local, "sheet") == 0 && !x->sheet_found) {
		const char *sname = xlsx_attr(atts, "name"), *rid = xlsx_attr(atts, "id");

		if (rid == NULL)
			return;
		if (x->want_sheet && (sname == NULL || strcmp(sname, x->want_sheet) != 0))
			return;
		if (xlsx_copy(x->sheet_rid, rid))
			x->sheet_found = true;
	}
}

/* A custom number format shows a date or time if it uses y, m, d, h or s outside quoted text,
 * brackets ([Red], [$-804]) and escaped characters. */
static bool xlsx_code_is_date(const char *s)
{
	for (; *s; s++) {
		char ch = *s;

		if (ch == '"') {
			s++;
			while (*s && *s != '"')
				s++;
			if (*s == '\0')
				break;
		} else if (ch == '[') {
			const char *b = ++s;

			while (*s && *s != ']')
				s++;
			if (s > b && strspn(b, "hHmMsS") >= (size_t)(s - b))
				return true; /* [h], [mm], [ss]: elapsed time */
			if (*s == '\0')
				break;
		} else if (ch == '\\' || ch == '_' || ch == '*') {
			if (s[1] == '\0')
				break;
			s++;
		} else {
			switch (ch) {
			case 'y':
			case 'Y':
			case 'm':
			case 'M':
			case 'd':
			case 'D':
			case 'h':
			case 'H':
			case 's':
			case 'S':
				return true;
			default:
				break;
			}
		}
	}
	return false;
}

static void XMLCALL xlsx_styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *local = xlsx_local(name), *v;
	uint64_t id = 0;

	if (strcmp(local, "numFmts") == 0) {
		x->in_numfmts++;
	} else if (strcmp(local, "cellXfs") == 0) {
		x->in_cellxfs++;
	} else if (strcmp(local, "numFmt") == 0 && x->in_numfmts) {
		const char *code = xlsx_attr(atts, "formatCode");

		v = xlsx_attr(atts, "numFmtId");
		if (v == NULL || code == NULL || !xlsx_uint(v, strlen(v), UINT32_MAX, &id))
			return;
		if (x->nfmts == x->fmts_cap) {
			size_t cap = x->fmts_cap ? x->fmts_cap * 2 : 16;
			struct xlsx_fmt *p;

			if (x->nfmts >= XLSX_FMT_MAX) {
				xlsx_bad(x, "样式表中的数字格式过多", "too many number formats in the styles");
				return;
			}
			p = realloc(x->fmts, cap * sizeof *p);
			if (p == NULL) {
				sheet_fail_static(x->r, GH_ENOMEM, "内存不足", "out of memory");
				xlsx_stop(x);
				return;
			}
			x->fmts = p;
			x->fmts_cap = cap;
		}
		x->fmts[x->nfmts].id = (unsigned)id;
		x->fmts[x->nfmts].date = xlsx_code_is_date(code);
		x->nfmts++;
	} else if (strcmp(local, "xf") == 0 && x->in_cellxfs) {
		v = xlsx_attr(atts, "numFmtId");
		if (v == NULL || !xlsx_uint(v, strlen(v), UINT32_MAX, &id))
			id = 0;
		if (x->nxf == x->xf_cap) {
			size_t cap = x->xf_cap ? x->xf_cap * 2 : 64;
			unsigned *p;

			if (x->nxf >= XLSX_XF_MAX) {
				xlsx_bad(x, "样式表中的单元格格式过多", "too many cell formats in the styles");
				return;
			}
			p = realloc(x->xf_fmt, cap * sizeof *p);
			if (p == NULL) {
				sheet_fail_static(x->r, GH_ENOMEM, "内存不足", "out of memory");
				xlsx_stop(x);
				return;
			}
			x->xf_fmt = p;
			x->xf_cap = cap;
		}
		x->xf_fmt[x->nxf++] = (unsigned)id;
	}
}

static void XMLCALL xlsx_styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *local = xlsx_local(name);

	if (strcmp(local, "numFmts") == 0 && x->in_numfmts > 0)
		x->in_numfmts--;
	else if (strcmp(local, "cellXfs") == 0 && x->in_cellxfs > 0)
		x->in_cellxfs--;
}

/* Marks which cell formats are dates, now that styles.xml is read. */
static int xlsx_styles_done(struct xlsx *x)
{
	size_t i, j;

	if (x->nxf == 0)
		return 0;
	x->xf_date = calloc(x->nxf, sizeof *x->xf_date);
	if (x->xf_date == NULL)
		return sheet_fail_static(x->r, GH_ENOMEM, "内存不足", "out of memory");
	for (i = 0; i < x->nxf; i++) {
		bool date = xlsx_builtin_date(x->xf_fmt[i]);

		for (j = 0; j < x->nfmts; j++) /* a custom format may redefine a built-in id */
			if (x->fmts[j].id == x->xf_fmt[i])
				date = x->fmts[j].date;
		x->xf_date[i] = date;
	}
	return 0;
}

/* Writes code point cp as UTF-8 at out (room for 3 bytes); the length. */
static size_t xlsx_put_utf8(char *out, unsigned cp)
{
	if (cp >= 0xD800 && cp <= 0xDFFF)
		cp = 0xFFFD; /* a lone surrogate is not text */
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static int xlsx_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the _xHHHH_ escapes OOXML uses for characters XML cannot hold, in place; new length. */
static size_t xlsx_unescape(char *s, size_t n)
{
	size_t i = 0, o = 0;

	if (n < 7 || memchr(s, '_', n) == NULL)
		return n;
	while (i < n) {
		if (s[i] == '_' && n - i >= 7 && (s[i + 1] == 'x' || s[i + 1] == 'X') && s[i + 6] == '_') {
			int h0 = xlsx_hex(s[i + 2]), h1 = xlsx_hex(s[i + 3]), h2 = xlsx_hex(s[i + 4]),
			    h3 = xlsx_hex(s[i + 5]);

			if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
				o += xlsx_put_utf8(s + o, (unsigned)(h0 << 12 | h1 << 8 | h2 << 4 | h3));
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	return o;
}

/* xl/sharedStrings.xml: <si> holds <t>, or runs <r><t>; phonetic runs <rPh> are not text. */
static void XMLCALL xlsx_sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *local = xlsx_local(name);

	if (strcmp(local, "si") == 0) {
		x->sst_si = 1;
		x->sst_rph = 0;
		x->sst_t = 0;
		x->sst_start = x->sst.len;
	} else if (strcmp(local, "rPh") == 0) {
		x->sst_rph++;
	} else if (strcmp(local, "t") == 0 && x->sst_si && x->sst_rph == 0) {
		x->sst_t = 1;
	}
}

static int xlsx_sst_room(struct xlsx *x, size_t n)
{
	struct sheet_reader *r = x->r;

	/* the text and the offsets (4 bytes each) count against the bound */
	if (n > r->strings_max || x->sst.len + n + 4 * (x->sst_n + 1) > r->strings_max) {
		sheet_fail(r, GH_ETOOBIG, "共享字符串表超过 %zu MB 的上限",
		           "the shared strings pass the limit of %zu MB", r->strings_max >> 20);
		xlsx_stop(x);
		return -1;
	}
	return 0;
}

static void XMLCALL xlsx_sst_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;

	if (!x->sst_t || len <= 0 || xlsx_sst_room(x, (size_t)len) < 0)
		return;
	if (buf_add(&x->sst, s, (size_t)len) < 0) {
		sheet_fail_static(x->r, GH_ENOMEM, "内存不足", "out of memory");
		xlsx_stop(x);
	}
}

static void XMLCALL xlsx_sst_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	struct sheet_reader *r = x->r;
	const char *local = xlsx_local(name);

	if (strcmp(local, "t") == 0) {
		x->sst_t = 0;
	} else if (strcmp(local, "rPh") == 0) {
		if (x->sst_rph > 0)
			x->sst_rph--;
	} else if (strcmp(local, "si") == 0 && x->sst_si) {
		size_t n = x->sst.len - x->sst_start;

		x->sst_si = 0;
		if (x->sst_n >= r->strings_count_max) {
			sheet_fail(r, GH_ETOOBIG, "共享字符串超过 %zu 条的上限", "more than %zu shared strings",
			           r->strings_count_max);
			xlsx_stop(x);
			return;
		}
		if (n > 0)
			x->sst.len = x->sst_start + xlsx_unescape(x->sst.data + x->sst_start, n);
		if (xlsx_sst_room(x, 1) < 0)
			return;
		if (x->sst_n == x->sst_cap) {
			size_t cap = x->sst_cap ? x->sst_cap * 2 : 1024;
			uint32_t *p;

			if (cap > r->strings_count_max)
				cap = r->strings_count_max;
			p = realloc(x->sst_off, cap * sizeof *p);
			if (p == NULL) {
				sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
				xlsx_stop(x);
				return;
			}
			x->sst_off = p;
			x->sst_cap = cap;
		}
		if (buf_add(&x->sst, "", 1) < 0) { /* the NUL that ends the string */
			sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
			xlsx_stop(x);
			return;
		}
		x->sst_off[x->sst_n++] = (uint32_t)x->sst_start;
	}
}

/* Column index of the letters of a reference ("C7" -> 2); -1 if there are none or too many. */
static int xlsx_ref_col(const char *s, const char **rest)
{
	int col = 0, n = 0;

	while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
		if (++n > 3)
			return -1;
		col = col * 26 + ((*s | 0x20) - 'a' + 1);
		s++;
	}
	if (n == 0)
		return -1;
	if (rest)
		*rest = s;
	return col - 1;
}

/* A cell reference "C7" into its column and row; false if malformed. */
static bool xlsx_ref(const char *s, size_t n, int *col, int64_t *row)
{
	const char *rest;
	uint64_t v;

	*col = xlsx_ref_col(s, &rest);
	if (*col < 0 || !xlsx_uint(rest, n - (size_t)(rest - s), XLSX_ROW_LIMIT, &v) || v == 0)
		return false;
	*row = (int64_t)v;
	return true;
}

static void xlsx_merge(struct xlsx *x, const char *ref)
{
	const char *colon = strchr(ref, ':');
	struct sheet_merge m;
	size_t n = colon ? (size_t)(colon - ref) : strlen(ref);

	if (!xlsx_ref(ref, n, &m.first_col, &m.first_row))
		return; /* a malformed range is not worth failing the sheet for */
	if (colon == NULL) {
		m.last_col = m.first_col;
		m.last_row = m.first_row;
	} else if (!xlsx_ref(colon + 1, strlen(colon + 1), &m.last_col, &m.last_row)) {
		return;
	}
	if (sheet_merge_add(x->r, &m) < 0)
		xlsx_stop(x);
}

/* The worksheet elements the reader acts on. */
enum xlsx_el { XE_OTHER, XE_ROW, XE_C, XE_V, XE_IS, XE_T, XE_RPH, XE_MERGE };

static const struct {
	const char *name;
	enum xlsx_el el;
} xlsx_elements[] = {
        {"row", XE_ROW}, {"c", XE_C}, {"v", XE_V}, {"is", XE_IS}, {"t", XE_T}, {"rPh", XE_RPH}, {"mergeCell", XE_MERGE},
};

/* What the t attribute of a cell says. */
static const struct {
	const char *name;
	enum xlsx_type type;
} xlsx_types[] = {
        {"n", XT_NUMBER}, {"s", XT_SHARED}, {"inlineStr", XT_INLINE}, {"str", XT_STR},
        {"b", XT_BOOL},   {"e", XT_ERROR},  {"d", XT_DATE},
};

static enum xlsx_el xlsx_element(const char *name)
{
	const char *local = xlsx_local(name);
	size_t i;

	for (i = 0; i < sizeof xlsx_elements / sizeof xlsx_elements[0]; i++)
		if (local[0] == xlsx_elements[i].name[0] && strcmp(local, xlsx_elements[i].name) == 0)
			return xlsx_elements[i].el;
	return XE_OTHER;
}

static enum xlsx_type xlsx_type_of(const char *t)
{
	size_t i;

	for (i = 0; t && i < sizeof xlsx_types / sizeof xlsx_types[0]; i++)
		if (strcmp(t, xlsx_types[i].name) == 0)
			return xlsx_types[i].type;
	return XT_NUMBER; /* absent or unknown: a number, as Excel reads it */
}

static void xlsx_cell_start(struct xlsx *x, const XML_Char **atts)
{
	struct sheet_reader *r = x->r;
	const char *ref = NULL, *style = NULL, *type = NULL;
	int col = x->last_col + 1;
	uint64_t s;
	int64_t row;
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2) { /* r, s and t in one pass */
		const char *a = xlsx_local(atts[i]);

		if (a[0] == '\0' || a[1] != '\0')
			continue;
		if (a[0] == 'r')
			ref = atts[i + 1];
		else if (a[0] == 's')
			style = atts[i + 1];
		else if (a[0] == 't')
			type = atts[i + 1];
	}
	if (ref && !xlsx_ref(ref, strlen(ref), &col, &row)) {
		sheet_fail(r, GH_EINVAL, "第 %lld 行：单元格引用“%.16s”不合法",
		           "row %lld: bad cell reference \"%.16s\"", (long long)r->row_number, ref);
		xlsx_stop(x);
		return;
	}
	if (sheet_row_cell(r, col) == NULL) {
		xlsx_stop(x);
		return;
	}
	r->offs[col] = r->text.len;
	x->col = col;
	x->last_col = col;
	x->in_cell = true;
	x->in_is = false;
	x->collect = false;
	x->rph = 0;
	x->style_date = style && xlsx_uint(style, strlen(style), UINT32_MAX, &s) && s < x->nxf && x->xf_date[s];
	x->type = xlsx_type_of(type);
}

static void XMLCALL xlsx_ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	struct sheet_reader *r = x->r;
	enum xlsx_el el = xlsx_element(name);
	const char *v;

	if (x->in_cell) {
		if (el == XE_V && x->type != XT_INLINE)
			x->collect = true;
		else if (el == XE_IS)
			x->in_is = true;
		else if (el == XE_RPH)
			x->rph++;
		else if (el == XE_T && x->in_is && x->rph == 0)
			x->collect = true;
		return;
	}
	if (el == XE_C && x->in_row) {
		xlsx_cell_start(x, atts);
	} else if (el == XE_ROW) {
		uint64_t n;

		v = xlsx_attr(atts, "r");
		if (v == NULL) {
			n = (uint64_t)x->last_row + 1;
		} else if (!xlsx_uint(v, strlen(v), XLSX_ROW_LIMIT, &n) || n == 0) {
			sheet_fail(r, GH_EINVAL, "第 %lld 行之后：行号“%.16s”不合法",
			           "after row %lld: bad row number \"%.16s\"", (long long)x->last_row, v);
			xlsx_stop(x);
			return;
		}
		r->row_number = (int64_t)n;
		x->last_row = (int64_t)n;
		x->last_col = -1;
		x->in_row = true;
	} else if (el == XE_MERGE) {
		v = xlsx_attr(atts, "ref");
		if (v)
			xlsx_merge(x, v);
	}
}

static void XMLCALL xlsx_ws_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	struct sheet_reader *r = x->r;

	if (!x->collect || len <= 0)
		return;
	if ((size_t)len > r->cell_max - (r->text.len - r->offs[x->col])) {
		char name[8];

		sheet_col_name(x->col, name);
		sheet_fail(r, GH_ETOOBIG, "第 %lld 行 %s 列超过 %zu 字节的上限",
		           "row %lld, column %s is longer than %zu bytes", (long long)r->row_number, name, r->cell_max);
		xlsx_stop(x);
		return;
	}
	if (sheet_row_text(r, s, (size_t)len) < 0)
		xlsx_stop(x);
}

static void xlsx_trim(const char **s, size_t *n)
{
	while (*n > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r' || (*s)[0] == '\n')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
		(*n)--;
}

/* An ISO date "2019-05-01[T...]" as an Excel serial (days); false if it is not one. */
static bool xlsx_iso_serial(const char *s, size_t n, double *serial)
{
	int y, m, d;

	if (n < 10 || (n > 10 && s[10] != 'T'))
		return false;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!cal_valid(y, m, d) || y < 1900 || (y == 1900 && m < 3))
		return false;
	*serial = (double)(cal_days_from_civil(y, m, d) - cal_days_from_civil(1899, 12, 30));
	return true;
}

/* Settles the cell that just ended: its kind, its text, its number. */
static void xlsx_cell_end(struct xlsx *x)
{
	struct sheet_reader *r = x->r;
	struct sheet_cell *cell = &r->cells[x->col];
	size_t off = r->offs[x->col], n = r->text.len - off;
	const char *s = r->text.data ? r->text.data + off : "";
	enum sheet_kind kind = SHEET_TEXT;
	uint64_t idx;

	switch (x->type) {
	case XT_SHARED:
		r->text.len = off; /* the index is not kept */
		r->offs[x->col] = SIZE_MAX;
		xlsx_trim(&s, &n);
		if (n == 0)
			return;
		if (!xlsx_uint(s, n, UINT32_MAX, &idx) || idx >= x->sst_n) {
			char name[8];

			sheet_col_name(x->col, name);
			sheet_fail(r, GH_EINVAL, "第 %lld 行 %s 列：共享字符串编号超出范围",
			           "row %lld, column %s: shared string index out of range", (long long)r->row_number,
			           name);
			xlsx_stop(x);
			return;
		}
		cell->text = x->sst.data + x->sst_off[idx];
		cell->len = (idx + 1 < x->sst_n ? x->sst_off[idx + 1] : x->sst.len) - x->sst_off[idx] - 1;
		cell->kind = cell->len ? SHEET_TEXT : SHEET_EMPTY;
		if (cell->len == 0)
			cell->text = "";
		return;
	case XT_BOOL:
		r->text.len = off;
		r->offs[x->col] = SIZE_MAX;
		xlsx_trim(&s, &n);
		if (n == 0)
			return;
		cell->kind = SHEET_BOOL;
		cell->number = n == 1 && s[0] == '1' ? 1 : 0;
		cell->text = cell->number ? "TRUE" : "FALSE";
		cell->len = cell->number ? 4 : 5;
		return;
	case XT_INLINE:
	case XT_STR:
	case XT_ERROR:
		n = xlsx_unescape(r->text.data ? r->text.data + off : NULL, n);
		r->text.len = off + n;
		kind = x->type == XT_ERROR ? SHEET_ERROR : SHEET_TEXT;
		break;
	case XT_NUMBER:
	case XT_DATE:
		xlsx_trim(&s, &n);
		if (n > 0 && s != r->text.data + off)
			memmove(r->text.data + off, s, n);
		r->text.len = off + n; /* text, unless it reads as a number */
		break;
	}
	if (n == 0) {
		r->offs[x->col] = SIZE_MAX;
		return;
	}
	if (sheet_row_text(r, "", 1) < 0) { /* NUL-terminate, for strtod and for the caller */
		xlsx_stop(x);
		return;
	}
	cell->len = n;
	cell->kind = kind;
	s = r->text.data + off;
	if (x->type == XT_NUMBER) {
		char *end;
		double v;

		errno = 0;
		v = strtod(s, &end);
		if (end == s + n && isfinite(v)) {
			cell->number = v;
			cell->kind = x->style_date ? SHEET_DATE : SHEET_NUMBER;
			if (x->style_date && x->date1904)
				cell->number += 1462; /* 1904-01-01 is serial 1462 in the 1900 system */
		}
	} else if (x->type == XT_DATE && xlsx_iso_serial(s, n, &cell->number)) {
		cell->kind = SHEET_DATE;
	}
}

static void XMLCALL xlsx_ws_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	enum xlsx_el el = xlsx_element(name);

	if (x->in_cell) {
		if (el == XE_C) {
			x->in_cell = false;
			x->collect = false;
			xlsx_cell_end(x);
		} else if (el == XE_V || el == XE_T) {
			x->collect = false;
		} else if (el == XE_IS) {
			x->in_is = false;
		} else if (el == XE_RPH && x->rph > 0) {
			x->rph--;
		}
		return;
	}
	if (el == XE_ROW && x->in_row) {
		x->in_row = false;
		x->row_ready = true;
		XML_StopParser(x->xp, XML_TRUE); /* hand the row over; resumed by the next call */
	}
}

/* What XML_ParseBuffer or XML_ResumeParser returned: 1 a row is ready, 0 go on, -1 failed. */
static int xlsx_status(struct xlsx *x, enum XML_Status st)
{
	struct sheet_reader *r = x->r;

	if (x->bad)
		return -1;
	if (st == XML_STATUS_SUSPENDED) {
		x->suspended = true;
		return x->row_ready ? 1 : 0;
	}
	if (st == XML_STATUS_ERROR)
		return sheet_fail(r, GH_EINVAL, "工作表 XML 格式错误（第 %lld 行附近）：%s",
		                  "the sheet's XML is malformed (near row %lld): %s", (long long)x->last_row,
		                  XML_ErrorString(XML_GetErrorCode(x->xp)));
	return 0;
}

static int xlsx_next(struct sheet_reader *r)
{
	struct xlsx *x = r->state;
	int rc;

	x->row_ready = false;
	x->in_row = false;
	x->in_cell = false;
	x->collect = false;
	if (x->suspended) {
		x->suspended = false;
		rc = xlsx_status(x, XML_ResumeParser(x->xp));
		if (rc != 0)
			return rc;
	}
	for (;;) {
		void *b;
		zip_int64_t n;

		if (x->final)
			return 0;
		b = XML_GetBuffer(x->xp, XLSX_CHUNK);
		if (b == NULL)
			return sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
		n = zip_fread(x->zf, b, XLSX_CHUNK);
		if (n < 0)
			return sheet_fail(r, GH_EINVAL, "工作表数据已损坏（第 %lld 行之后）",
			                  "the sheet's data is damaged (after row %lld)", (long long)x->last_row);
		x->final = n == 0;
		rc = xlsx_status(x, XML_ParseBuffer(x->xp, (int)n, x->final));
		if (rc != 0)
			return rc;
	}
}

static void xlsx_free(struct sheet_reader *r)
{
	struct xlsx *x = r->state;

	if (x == NULL)
		return;
	if (x->xp)
		XML_ParserFree(x->xp);
	if (x->zf)
		zip_fclose(x->zf);
	if (x->za)
		zip_discard(x->za);
	buf_release(&x->sst);
	free(x->sst_off);
	free(x->fmts);
	free(x->xf_fmt);
	free(x->xf_date);
	free(x);
	r->state = NULL;
}

static const struct sheet_backend xlsx_backend = {"xlsx", xlsx_next, xlsx_free};

/* Reads the workbook's structure and opens the sheet's stream. 0, or -1 after sheet_fail. */
static int xlsx_start(struct sheet_reader *r, struct xlsx *x, const char *sheet_name)
{
	char dir[XLSX_PATH_MAX], name[XLSX_PATH_MAX], rels[XLSX_PATH_MAX * 2];
	const char *base;
	zip_int64_t idx;

	x->rels_mode = 0;
	if (xlsx_parse_part(x, "_rels/.rels", false, xlsx_rels_start, xlsx_no_end, xlsx_no_text) < 0)
		return -1;
	if (x->wb_path[0] == '\0')
		memcpy(x->wb_path, "xl/workbook.xml", sizeof "xl/workbook.xml");
	x->want_sheet = sheet_name;
	if (xlsx_parse_part(x, x->wb_path, true, xlsx_wb_start, xlsx_no_end, xlsx_no_text) < 0)
		return -1;
	x->want_sheet = NULL;
	if (!x->sheet_found) {
		if (sheet_name)
			return sheet_fail(r, GH_EINVAL, "工作簿中没有名为“%.64s”的工作表",
			                  "the workbook has no sheet named \"%.64s\"", sheet_name);
		return sheet_fail_static(r, GH_EINVAL, "工作簿中没有工作表", "the workbook has no sheets");
	}
	xlsx_dir(x->wb_path, dir);
	base = x->wb_path + strlen(dir);
	memcpy(name, base, strlen(base) + 1);
	if (snprintf(rels, sizeof rels, "%s_rels/%s.rels", dir, name) >= XLSX_PATH_MAX)
		return sheet_fail_static(r, GH_EINVAL, "工作簿的部件名过长", "a part name of the workbook is too long");
	x->rels_mode = 1;
	if (xlsx_parse_part(x, rels, true, xlsx_rels_start, xlsx_no_end, xlsx_no_text) < 0)
		return -1;
	if (x->sheet_path[0] == '\0')
		return sheet_fail_static(r, GH_EINVAL, "找不到工作表的数据（工作簿关系损坏）",
		                         "cannot find the sheet's data (broken workbook relationships)");
	if (x->styles_path[0] &&
	    (xlsx_parse_part(x, x->styles_path, false, xlsx_styles_start, xlsx_styles_end, xlsx_no_text) < 0 ||
	     xlsx_styles_done(x) < 0))
		return -1;
	if (x->sst_path[0] == '\0' &&
	    snprintf(x->sst_path, sizeof x->sst_path, "%ssharedStrings.xml", dir) >= (int)sizeof x->sst_path)
		x->sst_path[0] = '\0';
	if (xlsx_parse_part(x, x->sst_path, false, xlsx_sst_start, xlsx_sst_end, xlsx_sst_text) < 0)
		return -1;

	idx = zip_name_locate(x->za, x->sheet_path, ZIP_FL_NOCASE);
	if (idx < 0)
		return sheet_fail(r, GH_EINVAL, "工作簿缺少 %.100s", "the workbook has no part %.100s", x->sheet_path);
	x->zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (x->zf == NULL)
		return sheet_fail_static(r, GH_EINVAL, "无法读取工作表（文件损坏或已加密）",
		                         "cannot read the sheet (damaged or encrypted)");
	x->xp = XML_ParserCreate(NULL);
	if (x->xp == NULL)
		return sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, xlsx_ws_start, xlsx_ws_end);
	XML_SetCharacterDataHandler(x->xp, xlsx_ws_text);
	XML_SetStartDoctypeDeclHandler(x->xp, xlsx_doctype);
	x->last_row = 0;
	return 0;
}

static int xlsx_open(struct sheet_reader *r, zip_t *za, const char *sheet_name, struct gh_fail *f)
{
	struct xlsx *x = calloc(1, sizeof *x);

	if (x == NULL) {
		zip_discard(za);
		gh_fail_set(f, GH_ENOMEM, "file", "内存不足", "out of memory");
		return -1;
	}
	if (r->strings_max > UINT32_MAX)
		r->strings_max = UINT32_MAX; /* offsets are 32-bit */
	x->r = r;
	x->za = za;
	buf_init(&x->sst, r->strings_max);
	r->backend = &xlsx_backend;
	r->state = x;
	r->format = SHEET_FORMAT_XLSX;
	r->encoding = "xlsx";
	if (xlsx_start(r, x, sheet_name) < 0)
		return -1; /* sheet_open reports r's message; sheet_close frees x */
	return 0;
}

static int xlsx_zip_fail(int code, struct gh_fail *f)
{
	if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_NOENT)
		gh_fail_set(f, GH_EIO, "file", "无法读取文件", "cannot read the file");
	else if (code == ZIP_ER_MEMORY)
		gh_fail_set(f, GH_ENOMEM, "file", "内存不足", "out of memory");
	else
		gh_fail_set(f, GH_EINVAL, "file", "不是有效的 .xlsx 文件（压缩结构损坏）",
		            "not a valid .xlsx file (the ZIP structure is damaged)");
	return -1;
}

int xlsx_open_path(struct sheet_reader *r, const char *path, const char *sheet_name, struct gh_fail *f)
{
	int err = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &err);

	if (za == NULL)
		return xlsx_zip_fail(err, f);
	return xlsx_open(r, za, sheet_name, f);
}

int xlsx_open_mem(struct sheet_reader *r, const void *data, size_t n, const char *sheet_name, struct gh_fail *f)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	int code;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, n, 0, &ze);
	if (src == NULL) {
		zip_error_fini(&ze);
		return xlsx_zip_fail(ZIP_ER_MEMORY, f);
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (za == NULL) {
		code = zip_error_code_zip(&ze);
		zip_source_free(src);
		zip_error_fini(&ze);
		return xlsx_zip_fail(code, f);
	}
	zip_error_fini(&ze);
	return xlsx_open(r, za, sheet_name, f);
}
