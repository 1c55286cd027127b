/*
 * The sheet reader of sheet.h: format detection and dispatch to the backends (csv.c,
 * xlsx_read.c), the row buffer they share, and the date helpers. Nothing here reads a format;
 * nothing here knows what a roster is.
 */
#include "ingest/sheet_impl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/time.h"

static const char sheet_zip_magic[4] = {'P', 'K', 3, 4};
static const char sheet_zip_empty[4] = {'P', 'K', 5, 6};
static const char sheet_ole_magic[8] = {(char)0xD0, (char)0xCF, 0x11, (char)0xE0,
                                        (char)0xA1, (char)0xB1, 0x1A, (char)0xE1};

struct sheet_reader *sheet_reader_new(const struct sheet_options *opt)
{
	struct sheet_reader *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->cell_max = opt && opt->cell_max ? opt->cell_max : SHEET_CELL_MAX;
	r->row_max = opt && opt->row_max ? opt->row_max : SHEET_ROW_MAX;
	r->cols_max = opt && opt->cols_max > 0 ? opt->cols_max : SHEET_COLS_MAX;
	r->strings_max = opt && opt->strings_max ? opt->strings_max : SHEET_STRINGS_MAX;
	r->strings_count_max = opt && opt->strings_count_max ? opt->strings_count_max : SHEET_STRINGS_COUNT_MAX;
	if (r->cell_max > r->row_max)
		r->cell_max = r->row_max;
	buf_init(&r->text, r->row_max);
	r->status = 1;
	r->encoding = "ascii";
	return r;
}

int sheet_fail_code(struct sheet_reader *r, enum gh_err code)
{
	r->status = -1;
	r->err = code;
	return -1;
}

int sheet_fail_static(struct sheet_reader *r, enum gh_err code, const char *zh, const char *en)
{
	snprintf(r->zh, sizeof r->zh, "%s", zh);
	snprintf(r->en, sizeof r->en, "%s", en);
	return sheet_fail_code(r, code);
}

void sheet_row_reset(struct sheet_reader *r)
{
	r->ncells = 0;
	buf_reset(&r->text);
}

struct sheet_cell *sheet_row_cell(struct sheet_reader *r, int col)
{
	if (col < 0 || col >= r->cols_max) {
		char name[8];

		sheet_col_name(col, name);
		sheet_fail(r, GH_ETOOBIG, "第 %lld 行：列 %s 超出上限（最多 %d 列）",
		           "row %lld: column %s is past the limit of %d columns", (long long)r->row_number, name,
		           r->cols_max);
		return NULL;
	}
	if (col >= r->cells_cap) {
		int cap = r->cells_cap ? r->cells_cap : 32;
		struct sheet_cell *cells;
		size_t *offs;

		while (cap <= col)
			cap *= 2;
		if (cap > r->cols_max)
			cap = r->cols_max;
		cells = realloc(r->cells, (size_t)cap * sizeof *cells);
		if (cells != NULL)
			r->cells = cells;
		offs = cells ? realloc(r->offs, (size_t)cap * sizeof *offs) : NULL;
		if (offs == NULL) {
			sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
			return NULL;
		}
		r->offs = offs;
		r->cells_cap = cap;
	}
	while (r->ncells <= col) {
		struct sheet_cell *c = &r->cells[r->ncells];

		c->text = "";
		c->len = 0;
		c->kind = SHEET_EMPTY;
		c->number = 0;
		r->offs[r->ncells] = SIZE_MAX;
		r->ncells++;
	}
	return &r->cells[col];
}

int sheet_row_text(struct sheet_reader *r, const char *p, size_t n)
{
	if (n > r->row_max - r->text.len)
		return sheet_fail(r, GH_ETOOBIG, "第 %lld 行超过 %zu 字节的上限", "row %lld is longer than %zu bytes",
		                  (long long)r->row_number, r->row_max);
	if (buf_add(&r->text, p, n) < 0)
		return sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
	return 0;
}

int sheet_merge_add(struct sheet_reader *r, const struct sheet_merge *m)
{
	if (r->nmerges == r->merges_cap) {
		size_t cap = r->merges_cap ? r->merges_cap * 2 : 16;
		struct sheet_merge *p;

		if (r->nmerges >= SHEET_MERGES_MAX)
			return sheet_fail(r, GH_ETOOBIG, "合并单元格超过 %zu 处", "more than %zu merged ranges",
			                  SHEET_MERGES_MAX);
		if (cap > SHEET_MERGES_MAX)
			cap = SHEET_MERGES_MAX;
		p = realloc(r->merges, cap * sizeof *p);
		if (p == NULL)
			return sheet_fail_static(r, GH_ENOMEM, "内存不足", "out of memory");
		r->merges = p;
		r->merges_cap = cap;
	}
	r->merges[r->nmerges++] = *m;
	return 0;
}

/* Points each cell's text into the row's text buffer, now that it no longer moves. */
static void sheet_row_finish(struct sheet_reader *r, struct sheet_row *row)
{
	int i;

	for (i = 0; i < r->ncells; i++)
		if (r->offs[i] != SIZE_MAX)
			r->cells[i].text = r->text.data + r->offs[i];
	row->row_number = r->row_number;
	row->ncells = r->ncells;
	row->cells = r->ncells ? r->cells : NULL;
}

static int sheet_failed(struct sheet_reader *r, struct gh_fail *f)
{
	gh_fail_set(f, r->err, "file", r->zh, r->en);
	return -1;
}

int sheet_next(struct sheet_reader *r, struct sheet_row *row, struct gh_fail *f)
{
	int rc;

	row->row_number = 0;
	row->ncells = 0;
	row->cells = NULL;
	if (r->status <= 0)
		return r->status < 0 ? sheet_failed(r, f) : 0;
	sheet_row_reset(r);
	rc = r->backend->next(r);
	if (rc > 0) {
		sheet_row_finish(r, row);
		return 1;
	}
	if (rc == 0) {
		r->status = 0;
		return 0;
	}
	if (r->status >= 0) /* a backend that forgot to say why */
		sheet_fail_static(r, GH_EINVAL, "文件格式错误", "malformed file");
	return sheet_failed(r, f);
}

const struct sheet_merge *sheet_merges(const struct sheet_reader *r, size_t *n)
{
	*n = r->nmerges;
	return r->merges;
}

enum sheet_format sheet_format(const struct sheet_reader *r)
{
	return r->format;
}

const char *sheet_encoding(const struct sheet_reader *r)
{
	return r->encoding;
}

void sheet_close(struct sheet_reader *r)
{
	if (r == NULL)
		return;
	if (r->backend)
		r->backend->free(r);
	free(r->cells);
	free(r->offs);
	free(r->merges);
	buf_release(&r->text);
	free(r);
}

static enum sheet_format sheet_sniff(const void *head, size_t n)
{
	if (n >= 4 && (memcmp(head, sheet_zip_magic, 4) == 0 || memcmp(head, sheet_zip_empty, 4) == 0))
		return SHEET_FORMAT_XLSX;
	return SHEET_FORMAT_CSV;
}

static bool sheet_is_ole(const void *head, size_t n)
{
	return n >= sizeof sheet_ole_magic && memcmp(head, sheet_ole_magic, sizeof sheet_ole_magic) == 0;
}

static int sheet_ole_fail(struct gh_fail *f)
{
	gh_fail_set(f, GH_EINVAL, "file", "这是旧版 .xls 文件或加密的工作簿，请在 Excel 中另存为 .xlsx 后再导入",
	            "this is an old .xls file or an encrypted workbook: save it as .xlsx in Excel and try again");
	return -1;
}

/*
 * A failed open's message outlives the reader that made it: copied to this thread's buffers
 * (sheet.h: valid until the next failed open on the same thread).
 */
static _Thread_local char sheet_open_zh[256], sheet_open_en[256];

static void sheet_open_failed(struct sheet_reader *r, struct gh_fail *f)
{
	if (r == NULL || r->status >= 0)
		return; /* the backend filled *f with static strings */
	snprintf(sheet_open_zh, sizeof sheet_open_zh, "%s", r->zh);
	snprintf(sheet_open_en, sizeof sheet_open_en, "%s", r->en);
	gh_fail_set(f, r->err, "file", sheet_open_zh, sheet_open_en);
}

static int sheet_nomem(struct gh_fail *f)
{
	gh_fail_set(f, GH_ENOMEM, "file", "内存不足", "out of memory");
	return -1;
}

int sheet_open(const char *path, const struct sheet_options *opt, struct sheet_reader **out, struct gh_fail *f)
{
	struct sheet_reader *r = NULL;
	enum sheet_format fmt = opt ? opt->format : SHEET_FORMAT_AUTO;
	unsigned char head[8];
	size_t n;
	FILE *fp;
	int rc = -1;

	*out = NULL;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		gh_fail_set(f, GH_EIO, "file", "无法打开文件", "cannot open the file");
		return -1;
	}
	n = fread(head, 1, sizeof head, fp);
	if (ferror(fp)) {
		gh_fail_set(f, GH_EIO, "file", "无法读取文件", "cannot read the file");
		goto out;
	}
	if (fmt == SHEET_FORMAT_AUTO && sheet_is_ole(head, n)) {
		sheet_ole_fail(f);
		goto out;
	}
	if (fmt == SHEET_FORMAT_AUTO)
		fmt = sheet_sniff(head, n);
	r = sheet_reader_new(opt);
	if (r == NULL) {
		sheet_nomem(f);
		goto out;
	}
	if (fmt == SHEET_FORMAT_XLSX) {
		fclose(fp);
		fp = NULL;
		rc = xlsx_open_path(r, path, opt ? opt->sheet_name : NULL, f);
	} else if (fseek(fp, 0, SEEK_SET) != 0) {
		gh_fail_set(f, GH_EIO, "file", "无法读取文件", "cannot read the file");
	} else {
		rc = csv_open_file(r, fp, f);
		if (rc == 0)
			fp = NULL; /* the backend owns it now */
	}
out:
	if (fp)
		fclose(fp);
	if (rc == 0) {
		*out = r;
	} else {
		sheet_open_failed(r, f);
		sheet_close(r);
	}
	return rc;
}

int sheet_open_mem(const void *data, size_t n, const struct sheet_options *opt, struct sheet_reader **out,
                   struct gh_fail *f)
{
	enum sheet_format fmt = opt ? opt->format : SHEET_FORMAT_AUTO;
	struct sheet_reader *r;
	int rc;

	*out = NULL;
	if (data == NULL && n > 0)
		return gh_fail_set(f, GH_EINVAL, "file", "没有数据", "no data"), -1;
	if (fmt == SHEET_FORMAT_AUTO && sheet_is_ole(data, n))
		return sheet_ole_fail(f);
	if (fmt == SHEET_FORMAT_AUTO)
		fmt = sheet_sniff(data, n);
	r = sheet_reader_new(opt);
	if (r == NULL)
		return sheet_nomem(f);
	if (fmt == SHEET_FORMAT_XLSX)
		rc = xlsx_open_mem(r, data, n, opt ? opt->sheet_name : NULL, f);
	else
		rc = csv_open_mem(r, data, n, f);
	if (rc != 0) {
		sheet_open_failed(r, f);
		sheet_close(r);
		return -1;
	}
	*out = r;
	return 0;
}

bool sheet_row_blank(const struct sheet_row *row)
{
	int i;
	size_t j;

	for (i = 0; i < row->ncells; i++) {
		const struct sheet_cell *c = &row->cells[i];

		if (c->kind == SHEET_EMPTY)
			continue;
		if (c->kind != SHEET_TEXT)
			return false;
		for (j = 0; j < c->len; j++) {
			unsigned char b = (unsigned char)c->text[j];

			if (b == ' ' || b == '\t' || b == '\r' || b == '\n')
				continue;
			/* U+3000 ideographic space, U+00A0 no-break space */
			if (b == 0xE3 && j + 2 < c->len && (unsigned char)c->text[j + 1] == 0x80 &&
			    (unsigned char)c->text[j + 2] == 0x80) {
				j += 2;
				continue;
			}
			if (b == 0xC2 && j + 1 < c->len && (unsigned char)c->text[j + 1] == 0xA0) {
				j += 1;
				continue;
			}
			return false;
		}
	}
	return true;
}

void sheet_col_name(int col, char out[8])
{
	char tmp[8];
	int n = 0, i;

	if (col < 0) {
		out[0] = '?';
		out[1] = '\0';
		return;
	}
	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

int sheet_excel_serial_to_date(double serial, int *y, int *m, int *d)
{
	int64_t day, base;

	/* 2958465 is 9999-12-31, Excel's last day */
	if (!isfinite(serial) || serial < 1 || serial >= 2958466)
		return -1;
	day = (int64_t)floor(serial);
	if (day == 60)
		return -1; /* 1900-02-29, which Excel counts but the calendar does not have */
	/* serials from 61 on count from 1899-12-30 (one extra day for the fictitious leap day);
	 * 1..59 count from 1899-12-31 */
	base = day < 60 ? cal_days_from_civil(1899, 12, 31) : cal_days_from_civil(1899, 12, 30);
	cal_civil_from_days(base + day, y, m, d);
	return 0;
}

/* Reads 1..maxd ASCII digits at s[*i..n) into *v; false if there are none. */
static bool sheet_digits(const char *s, size_t n, size_t *i, int maxd, int *v)
{
	int k = 0, x = 0;

	while (*i < n && k < maxd && s[*i] >= '0' && s[*i] <= '9') {
		x = x * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	if (k == 0 || (*i < n && s[*i] >= '0' && s[*i] <= '9'))
		return false; /* no digits, or more than maxd */
	*v = x;
	return true;
}

static void sheet_spaces(const char *s, size_t n, size_t *i)
{
	while (*i < n && s[*i] == ' ')
		(*i)++;
}

/* Matches the literal lit at s[*i..n). */
static bool sheet_lit(const char *s, size_t n, size_t *i, const char *lit)
{
	size_t l = strlen(lit);

	if (n - *i < l || memcmp(s + *i, lit, l) != 0)
		return false;
	*i += l;
	return true;
}

/* After the date: nothing, or white space and a time "H:MM[:SS[.fff]]". */
static bool sheet_time_tail(const char *s, size_t n, size_t i)
{
	int h, mi, sec;

	if (i == n)
		return true;
	if (s[i] != ' ' && s[i] != 'T')
		return false;
	while (i < n && (s[i] == ' ' || s[i] == 'T'))
		i++;
	if (!sheet_digits(s, n, &i, 2, &h) || !sheet_lit(s, n, &i, ":") || !sheet_digits(s, n, &i, 2, &mi))
		return false;
	if (h > 23 || mi > 59)
		return false;
	if (sheet_lit(s, n, &i, ":")) {
		if (!sheet_digits(s, n, &i, 2, &sec) || sec > 59)
			return false;
		if (sheet_lit(s, n, &i, ".")) {
			int frac;

			if (!sheet_digits(s, n, &i, 9, &frac))
				return false;
		}
	}
	return i == n;
}

int sheet_parse_date_text(const char *s, size_t n, int *y, int *m, int *d)
{
	char t[128];
	size_t len, i = 0;
	int yy, mm, dd;

	if (s == NULL || n == 0 || n > 4 * sizeof t)
		return -1;
	len = text_fold_ascii(s, n, t, sizeof t);
	if (len >= sizeof t - 1)
		return -1; /* perhaps cut short: longer than any date */
	if (len == 8 && text_is_digits(t, 8)) {
		yy = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
		mm = (t[4] - '0') * 10 + (t[5] - '0');
		dd = (t[6] - '0') * 10 + (t[7] - '0');
		i = len;
	} else {
		size_t save;

		if (!sheet_digits(t, len, &i, 4, &yy) || i != 4)
			return -1;
		save = i;
		sheet_spaces(t, len, &i);
		if (sheet_lit(t, len, &i, "年")) {
			sheet_spaces(t, len, &i);
			if (!sheet_digits(t, len, &i, 2, &mm))
				return -1;
			sheet_spaces(t, len, &i);
			if (!sheet_lit(t, len, &i, "月"))
				return -1;
			sheet_spaces(t, len, &i);
			if (!sheet_digits(t, len, &i, 2, &dd))
				return -1;
			sheet_spaces(t, len, &i);
			if (!sheet_lit(t, len, &i, "日"))
				return -1;
		} else {
			char sep;

			i = save;
			sep = i < len ? t[i] : '\0';
			if (sep != '-' && sep != '/' && sep != '.')
				return -1;
			i++;
			if (!sheet_digits(t, len, &i, 2, &mm) || i >= len || t[i] != sep)
				return -1;
			i++;
			if (!sheet_digits(t, len, &i, 2, &dd))
				return -1;
		}
	}
	if (!sheet_time_tail(t, len, i) || yy < 1900 || !cal_valid(yy, mm, dd))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}
