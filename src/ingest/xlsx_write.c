/*
 * The .xlsx writer of xlsx_write.h over libxlsxwriter (constant-memory mode: each sheet's rows go
 * to a temporary file as they come, and the workbook is zipped on close). It writes strings only,
 * continues a full sheet on a numbered next one with the same header, and cleans each cell's text
 * so that what it writes is always a file Excel opens: valid UTF-8, no U+FFFE/U+FFFF, within
 * Excel's cell length, and a literal "_x0041_" escaped so that Excel does not decode it.
 */
#include "ingest/xlsx_write.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/buf.h"
#include "base/text.h"

#define XLSXW_COL_WIDTH 18 /* characters: an ID number and a little room */

struct xlsxw {
	lxw_workbook *wb;
	lxw_worksheet *ws; /* the current sheet, or NULL before the first */
	lxw_format *bold;
	int64_t per_sheet;  /* data rows per sheet */
	int64_t rows;       /* data rows on the current sheet */
	lxw_row_t next_row; /* the current sheet's next row index */
	int nsheets;        /* sheets in the workbook */
	int part;           /* the current sheet is part `part` of its name (1, 2, ...) */
	bool named;         /* the current name is the caller's (else SheetN) */
	char base[XLSXW_NAME_MAX * 4 + 1];
	char **header;
	int ncols;
	struct buf scratch; /* a cell's cleaned text */
	char *tmpdir;
};

static int xlsxw_fail_lxw(lxw_error e, struct gh_fail *f)
{
	gh_fail_set(f, GH_EIO, NULL, "写入 Excel 文件失败", lxw_strerror(e));
	return -1;
}

static int xlsxw_nomem(struct gh_fail *f)
{
	gh_fail_set(f, GH_ENOMEM, NULL, "内存不足", "out of memory");
	return -1;
}

static void xlsxw_header_free(struct xlsxw *w)
{
	int i;

	for (i = 0; i < w->ncols; i++)
		free(w->header[i]);
	free(w->header);
	w->header = NULL;
	w->ncols = 0;
}

int xlsxw_open(const char *path, const struct xlsxw_options *opt, struct xlsxw **out, struct gh_fail *f)
{
	lxw_workbook_options lo = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
	struct xlsxw *w = calloc(1, sizeof *w);

	*out = NULL;
	if (w == NULL)
		return xlsxw_nomem(f);
	w->per_sheet = opt && opt->rows_per_sheet > 0 && opt->rows_per_sheet <= XLSXW_ROWS_MAX ? opt->rows_per_sheet
	                                                                                       : XLSXW_ROWS_MAX;
	buf_init(&w->scratch, (size_t)XLSXW_CELL_CHARS * 8);
	if (opt && opt->tmpdir) {
		w->tmpdir = strdup(opt->tmpdir);
		if (w->tmpdir == NULL) {
			free(w);
			return xlsxw_nomem(f);
		}
		lo.tmpdir = w->tmpdir;
	}
	w->wb = workbook_new_opt(path, &lo);
	if (w->wb == NULL) {
		free(w->tmpdir);
		free(w);
		gh_fail_set(f, GH_EIO, NULL, "无法创建 Excel 文件", "cannot create the workbook");
		return -1;
	}
	w->bold = workbook_add_format(w->wb);
	if (w->bold == NULL) {
		xlsxw_free(w);
		return xlsxw_nomem(f);
	}
	format_set_bold(w->bold);
	*out = w;
	return 0;
}

/* Adds a sheet named after the current base and part, with the header. */
static int xlsxw_add(struct xlsxw *w, struct gh_fail *f)
{
	char name[sizeof w->base + 12];
	lxw_worksheet *ws;
	lxw_error e;
	int i;

	if (w->named && w->part > 1)
		snprintf(name, sizeof name, "%s%d", w->base, w->part);
	else if (w->named)
		snprintf(name, sizeof name, "%s", w->base);
	else
		snprintf(name, sizeof name, "Sheet%d", w->nsheets + 1);
	ws = workbook_add_worksheet(w->wb, name);
	if (ws == NULL) {
		gh_fail_set(f, GH_EINVAL, "sheet", "工作表名称不合法或重复",
		            "the sheet name is invalid or already used");
		return -1;
	}
	w->ws = ws;
	w->nsheets++;
	w->rows = 0;
	w->next_row = 0;
	if (w->ncols == 0)
		return 0;
	e = worksheet_set_column(w->ws, 0, (lxw_col_t)(w->ncols - 1), XLSXW_COL_WIDTH, NULL);
	if (e != LXW_NO_ERROR)
		return xlsxw_fail_lxw(e, f);
	worksheet_freeze_panes(w->ws, 1, 0);
	for (i = 0; i < w->ncols; i++) {
		if (w->header[i][0] == '\0')
			continue;
		e = worksheet_write_string(w->ws, 0, (lxw_col_t)i, w->header[i], w->bold);
		if (e != LXW_NO_ERROR)
			return xlsxw_fail_lxw(e, f);
	}
	w->next_row = 1;
	return 0;
}

/* True if name can be a base name: UTF-8, short enough, none of Excel's forbidden characters. */
static bool xlsxw_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n < XLSXW_NAME_MAX * 4 + 1 && text_utf8_valid(name, n) &&
	       text_utf8_count(name, n) <= XLSXW_NAME_MAX && strpbrk(name, "[]:*?/\\") == NULL && name[0] != '\'' &&
	       name[n - 1] != '\'';
}

int xlsxw_sheet(struct xlsxw *w, const char *name, const char *const *header, int ncols, struct gh_fail *f)
{
	int i;

	if (ncols < 0 || ncols > XLSXW_COLS_MAX || (ncols > 0 && header == NULL))
		return gh_fail_set(f, GH_EINVAL, "header", "表头列数不合法", "bad number of header columns"), -1;
	if (name && !xlsxw_name_ok(name))
		return gh_fail_set(f, GH_EINVAL, "sheet", "工作表名称不合法（最多 24 个字符，不能含 []:*?/\\）",
		                   "bad sheet name (at most 24 characters, none of []:*?/\\)"),
		       -1;
	xlsxw_header_free(w);
	if (ncols > 0) {
		w->header = calloc((size_t)ncols, sizeof *w->header);
		if (w->header == NULL)
			return xlsxw_nomem(f);
		w->ncols = ncols;
		for (i = 0; i < ncols; i++) {
			w->header[i] = strdup(header[i] ? header[i] : "");
			if (w->header[i] == NULL)
				return xlsxw_nomem(f);
		}
	}
	w->named = name != NULL;
	if (name)
		memcpy(w->base, name, strlen(name) + 1);
	w->part = 1;
	return xlsxw_add(w, f);
}

/* Decodes one UTF-8 sequence at s[0..n): its length, with *cp; 0 if it is not well-formed. */
static size_t xlsxw_utf8(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len, i;
	unsigned c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* True if s[i..n) starts with an escape Excel would decode: _xHHHH_. */
static bool xlsxw_escape_at(const char *s, size_t n, size_t i)
{
	size_t k;

	if (n - i < 7 || s[i] != '_' || (s[i + 1] != 'x' && s[i + 1] != 'X') || s[i + 6] != '_')
		return false;
	for (k = 2; k < 6; k++)
		if (strchr("0123456789abcdefABCDEF", s[i + k]) == NULL || s[i + k] == '\0')
			return false;
	return true;
}

/* True if the text can go to libxlsxwriter as it is. */
static bool xlsxw_clean(const char *s, size_t n)
{
	const char *u;

	if (n > XLSXW_CELL_CHARS || !text_utf8_valid(s, n))
		return false;
	for (u = memchr(s, '_', n); u != NULL; u = memchr(u + 1, '_', n - (size_t)(u + 1 - s)))
		if (xlsxw_escape_at(s, n, (size_t)(u - s)))
			return false;
	return memmem(s, n, "\xEF\xBF\xBE", 3) == NULL && memmem(s, n, "\xEF\xBF\xBF", 3) == NULL;
}

/* The cell's text as it is written; NULL when out of memory. Valid until the next call. */
static const char *xlsxw_text(struct xlsxw *w, const char *s)
{
	size_t n = strlen(s), i = 0, units = 0;

	if (xlsxw_clean(s, n))
		return s;
	buf_reset(&w->scratch);
	while (i < n) {
		unsigned cp;
		size_t len = xlsxw_utf8((const unsigned char *)s + i, n - i, &cp), add;
		char tmp[8];
		const char *piece = s + i;
		size_t plen = len;

		if (len == 0) {
			cp = 0xFFFD;
			len = 1;
		}
		if (cp == 0xFFFE || cp == 0xFFFF)
			cp = 0xFFFD;
		if (cp == 0xFFFD) {
			memcpy(tmp, "\xEF\xBF\xBD", 3);
			piece = tmp;
			plen = 3;
		}
		add = cp > 0xFFFF ? 2 : 1;
		if (cp == '_' && xlsxw_escape_at(s, n, i)) {
			piece = "_x005F_";
			plen = 7;
			add = 7;
		}
		if (units + add > XLSXW_CELL_CHARS)
			break;
		if (buf_add(&w->scratch, piece, plen) < 0)
			return NULL;
		units += add;
		i += len;
	}
	return w->scratch.data ? w->scratch.data : "";
}

int xlsxw_row(struct xlsxw *w, const char *const *cells, int ncells, struct gh_fail *f)
{
	int i;

	if (ncells < 0 || ncells > XLSXW_COLS_MAX || (ncells > 0 && cells == NULL))
		return gh_fail_set(f, GH_EINVAL, NULL, "列数不合法", "bad number of cells"), -1;
	if (w->ws == NULL && xlsxw_sheet(w, NULL, NULL, 0, f) < 0)
		return -1;
	if (w->rows >= w->per_sheet) {
		w->part++;
		if (xlsxw_add(w, f) < 0)
			return -1;
	}
	for (i = 0; i < ncells; i++) {
		const char *t;
		lxw_error e;

		if (cells[i] == NULL || cells[i][0] == '\0')
			continue;
		t = xlsxw_text(w, cells[i]);
		if (t == NULL)
			return xlsxw_nomem(f);
		if (t[0] == '\0')
			continue;
		e = worksheet_write_string(w->ws, w->next_row, (lxw_col_t)i, t, NULL);
		if (e != LXW_NO_ERROR)
			return xlsxw_fail_lxw(e, f);
	}
	w->next_row++;
	w->rows++;
	return 0;
}

int xlsxw_sheet_count(const struct xlsxw *w)
{
	return w->nsheets;
}

static void xlsxw_release(struct xlsxw *w)
{
	xlsxw_header_free(w);
	buf_release(&w->scratch);
	free(w->tmpdir);
	free(w);
}

int xlsxw_close(struct xlsxw *w, struct gh_fail *f)
{
	lxw_error e;

	if (w->ws == NULL && xlsxw_sheet(w, NULL, NULL, 0, f) < 0) { /* a workbook needs a sheet */
		xlsxw_free(w);
		return -1;
	}
	e = workbook_close(w->wb); /* frees the workbook, whatever it returns */
	xlsxw_release(w);
	if (e != LXW_NO_ERROR)
		return xlsxw_fail_lxw(e, f);
	return 0;
}

void xlsxw_free(struct xlsxw *w)
{
	if (w == NULL)
		return;
	lxw_workbook_free(w->wb);
	xlsxw_release(w);
}
