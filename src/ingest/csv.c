/*
 * The CSV backend of the sheet reader (sheet.h): RFC 4180 records read one at a time from a file
 * or from memory, in UTF-8, GB18030 (GBK) or UTF-16, detected from the bytes. Rosters saved by
 * Excel or WPS on a Chinese Windows are GBK; the reader converts them with iconv into UTF-8 as it
 * goes, so the parser only ever sees UTF-8. Memory stays constant: one read buffer, one converted
 * buffer and the current row, each bounded; a field or a row past its bound is an error, never
 * growth.
 *
 * Leniency, as Excel reads such files: a quote inside an unquoted field is a plain character,
 * and text after a closing quote is kept ("ab"c reads as abc). A quoted field still open at the
 * end of the file is an error (the file was cut short or a quote is missing).
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "ingest/sheet_impl.h"

#define CSV_CHUNK  ((size_t)64 << 10) /* bytes read from the file at a time */
#define CSV_DECIDE ((size_t)4 << 10)  /* bytes looked at, at least, to tell UTF-8 from GBK */
#define CSV_NOCONV ((iconv_t)-1)

enum csv_enc {
	CSV_UNDECIDED, /* nothing but ASCII so far: passed through while it lasts */
	CSV_UTF8,      /* passed through, each field checked */
	CSV_ICONV      /* converted to UTF-8 with cd */
};

enum csv_state { CSV_START, CSV_UNQUOTED, CSV_QUOTED, CSV_QUOTE };

struct csv {
	FILE *fp;        /* file input (owned), or NULL for memory */
	const char *raw; /* input bytes: the caller's memory, or raw_buf */
	size_t raw_len;  /* bytes in raw */
	size_t raw_pos;  /* bytes of raw consumed */
	bool raw_eof;    /* nothing follows raw[raw_len) */
	char *raw_buf;   /* file input: CSV_CHUNK bytes */
	enum csv_enc enc;
	iconv_t cd;                 /* CSV_ICONV: from the file's encoding to UTF-8 */
	char *dec;                  /* CSV_ICONV: CSV_CHUNK bytes of converted text */
	const char *p, *end;        /* the window the parser reads: UTF-8 */
	char delim;                 /* ',', '\t' or ';' */
	bool skip_lf;               /* the last record ended in CR: a LF right after belongs to it */
	int64_t rows;               /* records returned so far */
	unsigned char special[256]; /* bytes that end an unquoted run: delim, CR, LF */
};

/* Reads more of the file behind the unconsumed bytes; sets raw_eof at the end. 0 or -1. */
static int csv_fill_raw(struct sheet_reader *r, struct csv *c)
{
	size_t keep = c->raw_len - c->raw_pos, n;

	if (c->raw_eof)
		return 0;
	if (keep > 0 && c->raw_pos > 0)
		memmove(c->raw_buf, c->raw_buf + c->raw_pos, keep);
	c->raw_pos = 0;
	c->raw_len = keep;
	n = fread(c->raw_buf + keep, 1, CSV_CHUNK - keep, c->fp);
	c->raw_len += n;
	if (n < CSV_CHUNK - keep) {
		if (ferror(c->fp))
			return sheet_fail(r, GH_EIO, "第 %lld 行附近：读取文件失败",
			                  "near row %lld: cannot read the file", (long long)c->rows + 1);
		c->raw_eof = true;
	}
	return 0;
}

/* True if s[0..n) is UTF-8, allowing a sequence cut by the end when more input follows. */
static bool csv_utf8_prefix(const char *s, size_t n, bool at_eof)
{
	size_t back;

	if (!at_eof) {
		/* drop a lead byte and its continuation bytes at the very end if they are incomplete */
		for (back = 1; back <= 3 && back <= n; back++) {
			unsigned char b = (unsigned char)s[n - back];

			if ((b & 0xC0) == 0x80)
				continue;
			if (b >= 0xC0) {
				size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;

				if (need > back)
					n -= back;
			}
			break;
		}
	}
	return text_utf8_valid(s, n);
}

static int csv_use_iconv(struct sheet_reader *r, struct csv *c, const char *from, const char *name)
{
	c->cd = iconv_open("UTF-8", from);
	c->dec = c->cd == CSV_NOCONV ? NULL : malloc(CSV_CHUNK);
	if (c->dec == NULL)
		return sheet_fail_static(r, GH_EIO, "无法转换文件编码", "cannot convert the file's encoding");
	c->enc = CSV_ICONV;
	r->encoding = name;
	return 0;
}

/*
 * Tells UTF-8 from GB18030 by the bytes from raw[start] (the first that is not ASCII) on. When
 * start is where reading stands, reads on until at least CSV_DECIDE bytes are there or the file
 * ends; otherwise (the first chunk, at open) decides with what the chunk holds.
 */
static int csv_decide(struct sheet_reader *r, struct csv *c, size_t start)
{
	size_t n;

	while (start == c->raw_pos && c->fp && !c->raw_eof && c->raw_len - c->raw_pos < CSV_DECIDE) {
		if (csv_fill_raw(r, c) < 0)
			return -1;
		start = c->raw_pos;
	}
	n = c->raw_len - start;
	if (n > CSV_CHUNK)
		n = CSV_CHUNK; /* memory input: the same look as a file gets */
	if (csv_utf8_prefix(c->raw + start, n, c->raw_eof && start + n == c->raw_len)) {
		c->enc = CSV_UTF8;
		r->encoding = "utf-8";
		return 0;
	}
	return csv_use_iconv(r, c, "GB18030", "gb18030");
}

/* Converts what raw holds into dec and makes it the window. 1, 0 at the end, -1. */
static int csv_convert(struct sheet_reader *r, struct csv *c)
{
	for (;;) {
		char *in = (char *)(c->raw + c->raw_pos), *out = c->dec;
		size_t inleft = c->raw_len - c->raw_pos, outleft = CSV_CHUNK, rc;
		int e;

		if (inleft == 0) {
			if (c->raw_eof)
				return 0;
			if (csv_fill_raw(r, c) < 0)
				return -1;
			continue;
		}
		rc = iconv(c->cd, &in, &inleft, &out, &outleft);
		e = errno;
		c->raw_pos = (size_t)(in - c->raw);
		if (out > c->dec) {
			c->p = c->dec;
			c->end = out;
			return 1; /* an error after this text shows on the next call */
		}
		if (rc != (size_t)-1)
			continue;
		if (e == EINVAL && !c->raw_eof) { /* a character cut by the end of the buffer */
			if (csv_fill_raw(r, c) < 0)
				return -1;
			continue;
		}
		if (e == EINVAL)
			return sheet_fail(r, GH_EINVAL, "第 %lld 行：文件末尾的字符不完整（文件被截断？）",
			                  "row %lld: the file ends in the middle of a character (cut short?)",
			                  (long long)c->rows + 1);
		return sheet_fail(r, GH_EINVAL, "第 %lld 行含有无法识别的字符：文件编码既不是 UTF-8 也不是 GBK",
		                  "row %lld holds bytes that are neither UTF-8 nor GBK text", (long long)c->rows + 1);
	}
}

/* Makes the next stretch of UTF-8 text the window. 1, 0 at the end of the input, -1. */
static int csv_refill(struct sheet_reader *r, struct csv *c)
{
	for (;;) {
		if (c->enc == CSV_ICONV)
			return csv_convert(r, c);
		if (c->raw_pos == c->raw_len) {
			if (c->raw_eof)
				return 0;
			if (csv_fill_raw(r, c) < 0)
				return -1;
			continue;
		}
		if (c->enc == CSV_UTF8) {
			c->p = c->raw + c->raw_pos;
			c->end = c->raw + c->raw_len;
			c->raw_pos = c->raw_len;
			return 1;
		}
		/* undecided: pass the ASCII through, decide at the first byte that is not */
		const char *s = c->raw + c->raw_pos, *e = c->raw + c->raw_len, *q = s;

		while (q < e && (unsigned char)*q < 0x80)
			q++;
		if (q > s) {
			c->p = s;
			c->end = q;
			c->raw_pos = (size_t)(q - c->raw);
			return 1;
		}
		if (csv_decide(r, c, c->raw_pos) < 0)
			return -1;
	}
}

/* Chooses the separator from the first line of the window: comma, else tab, else semicolon. */
static char csv_sniff(const char *p, const char *end)
{
	size_t commas = 0, tabs = 0, semis = 0;
	bool quoted = false;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\n' || *p == '\r')
			break;
		else if (*p == ',')
			commas++;
		else if (*p == '\t')
			tabs++;
		else if (*p == ';')
			semis++;
	}
	if (commas > 0)
		return ',';
	if (tabs > 0)
		return '\t';
	if (semis > 0)
		return ';';
	return ',';
}

static void csv_free(struct sheet_reader *r)
{
	struct csv *c = r->state;

	if (c == NULL)
		return;
	if (c->fp)
		fclose(c->fp);
	if (c->cd != CSV_NOCONV)
		iconv_close(c->cd);
	free(c->raw_buf);
	free(c->dec);
	free(c);
	r->state = NULL;
}

static int csv_field_begin(struct sheet_reader *r, int col)
{
	if (sheet_row_cell(r, col) == NULL)
		return -1;
	r->offs[col] = r->text.len;
	return 0;
}

static int csv_append(struct sheet_reader *r, int col, bool quoted, const char *p, size_t n)
{
	if (n == 0)
		return 0;
	if (n > r->cell_max - (r->text.len - r->offs[col])) {
		char name[8];

		sheet_col_name(col, name);
		if (quoted)
			return sheet_fail(r, GH_ETOOBIG, "第 %lld 行 %s 列超过 %zu 字节：引号未闭合，或单元格过长",
			                  "row %lld, column %s passes %zu bytes: a quote is not closed, or the cell is "
			                  "too long",
			                  (long long)r->row_number, name, r->cell_max);
		return sheet_fail(r, GH_ETOOBIG, "第 %lld 行 %s 列超过 %zu 字节的上限",
		                  "row %lld, column %s is longer than %zu bytes", (long long)r->row_number, name,
		                  r->cell_max);
	}
	return sheet_row_text(r, p, n);
}

static int csv_field_end(struct sheet_reader *r, struct csv *c, int col)
{
	struct sheet_cell *cell = &r->cells[col];
	size_t off = r->offs[col], len = r->text.len - off;
	char name[8];

	if (len == 0) {
		r->offs[col] = SIZE_MAX; /* stays the empty cell sheet_row_cell made */
		return 0;
	}
	sheet_col_name(col, name);
	if (memchr(r->text.data + off, '\0', len) != NULL)
		return sheet_fail(r, GH_EINVAL, "第 %lld 行 %s 列含有 NUL 字节：这不是文本文件",
		                  "row %lld, column %s holds a NUL byte: this is not a text file",
		                  (long long)r->row_number, name);
	if (c->enc == CSV_UTF8 && !text_utf8_valid(r->text.data + off, len))
		return sheet_fail(r, GH_EINVAL, "第 %lld 行 %s 列不是有效的 UTF-8 文本（文件混用了编码？）",
		                  "row %lld, column %s is not valid UTF-8 (does the file mix encodings?)",
		                  (long long)r->row_number, name);
	if (sheet_row_text(r, "", 1) < 0) /* the NUL after the text */
		return -1;
	cell->len = len;
	cell->kind = SHEET_TEXT;
	return 0;
}

static int csv_next(struct sheet_reader *r)
{
	struct csv *c = r->state;
	enum csv_state st = CSV_START;
	bool begun = false; /* the record has a cell */
	int col = 0;

	r->row_number = c->rows + 1;
	for (;;) {
		const char *p, *q, *end;

		if (c->p == c->end) {
			int rc = csv_refill(r, c);

			if (rc < 0)
				return -1;
			if (rc == 0) {
				if (st == CSV_QUOTED)
					return sheet_fail(
					        r, GH_EINVAL, "第 %lld 行：引号未闭合，文件就结束了",
					        "row %lld: a quoted field is still open at the end of the file",
					        (long long)r->row_number);
				if (!begun)
					return 0;
				if (csv_field_end(r, c, col) < 0)
					return -1;
				c->rows++;
				return 1;
			}
		}
		p = c->p;
		end = c->end;
		if (c->skip_lf) {
			c->skip_lf = false;
			if (*p == '\n') {
				c->p = p + 1;
				continue;
			}
		}
		switch (st) {
		case CSV_START:
			if (!begun) {
				if (*p == '\n' || *p == '\r') { /* a blank line */
					c->skip_lf = *p == '\r';
					c->p = p + 1;
					c->rows++;
					return 1;
				}
				if (csv_field_begin(r, 0) < 0)
					return -1;
				begun = true;
			}
			if (*p == '"') {
				st = CSV_QUOTED;
				c->p = p + 1;
				continue;
			}
			st = CSV_UNQUOTED;
			/* fall through */
		case CSV_UNQUOTED:
			q = p;
			while (q < end && !c->special[(unsigned char)*q])
				q++;
			if (csv_append(r, col, false, p, (size_t)(q - p)) < 0)
				return -1;
			c->p = q;
			if (q == end)
				continue;
			if (csv_field_end(r, c, col) < 0)
				return -1;
			c->p = q + 1;
			if (*q == c->delim) {
				col++;
				if (csv_field_begin(r, col) < 0)
					return -1;
				st = CSV_START;
				continue;
			}
			c->skip_lf = *q == '\r';
			c->rows++;
			return 1;
		case CSV_QUOTED:
			q = memchr(p, '"', (size_t)(end - p));
			if (csv_append(r, col, true, p, (size_t)((q ? q : end) - p)) < 0)
				return -1;
			if (q == NULL) {
				c->p = end;
				continue;
			}
			c->p = q + 1;
			st = CSV_QUOTE;
			continue;
		case CSV_QUOTE:
			if (*p == '"') { /* a doubled quote stands for one */
				if (csv_append(r, col, true, p, 1) < 0)
					return -1;
				c->p = p + 1;
				st = CSV_QUOTED;
				continue;
			}
			st = CSV_UNQUOTED; /* the rest up to the separator is kept as it is */
			continue;
		}
	}
}

static const struct sheet_backend csv_backend = {"csv", csv_next, csv_free};

/* Reads the byte-order mark, decides the encoding if the first bytes allow, and sniffs the
 * separator. The raw input is set up by the caller. */
static int csv_start(struct sheet_reader *r, struct csv *c, struct gh_fail *f)
{
	const unsigned char *u = (const unsigned char *)c->raw;
	size_t n = c->raw_len, i;
	int rc = 0;

	r->backend = &csv_backend;
	r->state = c;
	r->format = SHEET_FORMAT_CSV;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		c->raw_pos = 3;
		c->enc = CSV_UTF8;
		r->encoding = "utf-8";
	} else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		c->raw_pos = 2;
		rc = csv_use_iconv(r, c, "UTF-16LE", "utf-16le");
	} else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		c->raw_pos = 2;
		rc = csv_use_iconv(r, c, "UTF-16BE", "utf-16be");
	} else {
		for (i = 0; i < n && u[i] < 0x80; i++)
			;
		if (i < n)
			rc = csv_decide(r, c, i);
	}
	if (rc == 0)
		rc = csv_refill(r, c);
	if (rc < 0)
		return -1; /* sheet_open reports r's message; sheet_close frees c */
	c->delim = rc > 0 ? csv_sniff(c->p, c->end) : ',';
	c->special[(unsigned char)c->delim] = 1;
	c->special['\r'] = 1;
	c->special['\n'] = 1;
	return 0;
}

static struct csv *csv_new(void)
{
	struct csv *c = calloc(1, sizeof *c);

	if (c)
		c->cd = CSV_NOCONV;
	return c;
}

int csv_open_file(struct sheet_reader *r, FILE *fp, struct gh_fail *f)
{
	struct csv *c = csv_new();

	if (c == NULL || (c->raw_buf = malloc(CSV_CHUNK)) == NULL) {
		free(c);
		gh_fail_set(f, GH_ENOMEM, "file", "内存不足", "out of memory");
		return -1;
	}
	c->fp = fp;
	c->raw = c->raw_buf;
	r->backend = &csv_backend;
	r->state = c;
	if (csv_fill_raw(r, c) < 0) {
		c->fp = NULL; /* the caller closes it on failure */
		return -1;
	}
	if (csv_start(r, c, f) < 0) {
		c->fp = NULL;
		return -1;
	}
	return 0;
}

int csv_open_mem(struct sheet_reader *r, const void *data, size_t n, struct gh_fail *f)
{
	struct csv *c = csv_new();

	if (c == NULL) {
		gh_fail_set(f, GH_ENOMEM, "file", "内存不足", "out of memory");
		return -1;
	}
	c->raw = n ? data : "";
	c->raw_len = n;
	c->raw_eof = true;
	return csv_start(r, c, f);
}
