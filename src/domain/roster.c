/*
 * Roster import and export (roster.h). The import reads a CSV file twice (phase 1 checks, phase 2
 * checks again and writes) and an .xlsx file three times: first to its end for the merged ranges
 * it lists after its rows (a value merged over several rows belongs to each of them), then row by
 * row in each phase (phase 2 keeps the ranges phase 1 found). The report .xlsx reads the file once
 * more, for the cells of the rejected rows only. Nothing here holds a whole file in memory: phase
 * 1 keeps the duplicate index (16 bytes a row) and the problems found.
 *
 * Memory: the duplicate index and the error array are malloc'd and bounded by ROSTER_ROWS_MAX;
 * strings of the report live in its own arena (ROSTER_MEM_MAX); what the member functions
 * allocate per row goes to a scratch arena released as the rows go by, so a long file never
 * fills the caller's arena.
 */
#include "domain/roster.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/pii.h"
#include "auth/scope.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/member.h"
#include "domain/tx.h"
#include "domain/vocab.h"
#include "ingest/sheet.h"
#include "ingest/xlsx_write.h"
#include "store/store.h"

/* ---- Failures ---- */

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err oom(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

static enum gh_err refuse(struct ctx *c, enum gh_err e, const char *reason, const char *zh, const char *en)
{
	gh_fail_set(&c->fail, e, "file", zh, en);
	c->fail.reason = reason;
	return e;
}

/* ---- The columns the importer knows ---- */

enum rcol {
	RC_NAME,
	RC_ID,
	RC_SEX,
	RC_ETHNICITY,
	RC_PHONE,
	RC_JOINED,
	RC_POLITICAL,
	RC_EDUCATION,
	RC_HOUSEHOLD,
	RC_MIGRANT,
	RC_EMPLOYMENT,
	RC_NEW_FORM,
	RC_SKILL,
	RC__MAX
};

static const struct rcol_def {
	const char *field; /* person_check's field name */
	const char *names; /* header spellings after header_norm(), '|'-separated */
	int vocab;         /* the vocabulary of the column, or -1 */
} rcols[RC__MAX] = {
        [RC_NAME] = {"name", "姓名|会员姓名|职工姓名|员工姓名", -1},
        [RC_ID] = {"id_number",
                   "身份证号|身份证号码|公民身份号码|公民身份证号码|证件号码|证件号|身份证|身份证件号码|身份证件号",
                   -1},
        [RC_SEX] = {"sex", "性别", -1},
        [RC_ETHNICITY] = {"ethnicity", "民族", VOCAB_ETHNICITY},
        [RC_PHONE] = {"phone", "手机号|手机号码|联系电话|电话|手机|电话号码|联系方式", -1},
        [RC_JOINED] = {"joined_on", "入会时间|入会日期|加入工会时间|加入工会日期", -1},
        [RC_POLITICAL] = {"political", "政治面貌", VOCAB_POLITICAL},
        [RC_EDUCATION] = {"education", "学历|文化程度", VOCAB_EDUCATION},
        [RC_HOUSEHOLD] = {"household", "户籍类型|户口性质|户籍性质|户口类型", VOCAB_HOUSEHOLD},
        [RC_MIGRANT] = {"migrant", "是否农民工|农民工", -1},
        [RC_EMPLOYMENT] = {"employment", "用工形式|就业形式", VOCAB_EMPLOYMENT},
        [RC_NEW_FORM] = {"new_form", "新就业形态类别|新就业形态", VOCAB_NEW_FORM},
        [RC_SKILL] = {"skill", "技能等级|职业技能等级", VOCAB_SKILL},
};

/*
 * The comparable form of a header cell: full-width ASCII folded, white space (the ideographic
 * and no-break spaces included), '*' and line breaks dropped, and a trailing note in brackets
 * ("身份证号（必填）", "性别(男/女)") cut off.
 */
static void header_norm(const char *s, size_t n, char *out, size_t cap)
{
	char tmp[256];
	size_t m = text_fold_ascii(s, n, tmp, sizeof(tmp)), k = 0;
	for (size_t i = 0; i < m && k + 1 < cap; i++) {
		unsigned char b = (unsigned char)tmp[i];
		if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '*')
			continue;
		if (b == 0xE3 && i + 2 < m && (unsigned char)tmp[i + 1] == 0x80 && (unsigned char)tmp[i + 2] == 0x80) {
			i += 2;
			continue;
		}
		if (b == 0xC2 && i + 1 < m && (unsigned char)tmp[i + 1] == 0xA0) {
			i += 1;
			continue;
		}
		out[k++] = (char)b;
	}
	out[k] = 0;
	if (k > 1 && out[k - 1] == ')') {
		char *open = strrchr(out, '(');
		if (open && open > out)
			*open = 0;
	}
}

/* The known column a header names, or -1. */
static int header_match(const char *s, size_t n)
{
	char norm[256];
	header_norm(s, n, norm, sizeof(norm));
	size_t len = strlen(norm);
	if (!len)
		return -1;
	for (int i = 0; i < RC__MAX; i++) {
		for (const char *p = rcols[i].names; p;) {
			const char *bar = strchr(p, '|');
			size_t l = bar ? (size_t)(bar - p) : strlen(p);
			if (l == len && !memcmp(p, norm, l))
				return i;
			p = bar ? bar + 1 : NULL;
		}
	}
	return -1;
}

/* ---- Reading rows, with the values of merged ranges that span rows ---- */

/* Ranges spanning columns are kept only where a header can be: the header scan's rows and the
 * row below the header (rows the file leaves out count too). */
#define ROSTER_WIDE_ROWS 200

struct carry {
	struct sheet_merge m;
	struct sheet_cell cell; /* the top-left cell's value (text malloc'd) */
	bool set;
};

struct rreader {
	struct sheet_reader *sr;
	struct sheet_merge *merges; /* ranges spanning rows, by first row */
	size_t nmerges, next;
	struct sheet_merge *wide; /* ranges spanning columns that start near the top: a header's groups */
	size_t nwide;
	struct sheet_row held; /* a row read ahead and given back (rr_unread) */
	bool again;
	struct carry *active;
	size_t nactive, cap_active;
	struct sheet_cell *cells;
	int cap_cells;
};

static int merge_cmp(const void *a, const void *b)
{
	const struct sheet_merge *x = a, *y = b;
	return x->first_row < y->first_row ? -1 : x->first_row > y->first_row;
}

static void rr_close(struct rreader *rr)
{
	sheet_close(rr->sr);
	for (size_t i = 0; i < rr->nactive; i++)
		free((char *)rr->active[i].cell.text);
	free(rr->active);
	free(rr->merges);
	free(rr->wide);
	free(rr->cells);
	memset(rr, 0, sizeof(*rr));
}

/* Opens path; an .xlsx file is read once to its end first for its merged ranges. 0 or -1. */
static int rr_open(struct rreader *rr, const char *path, struct gh_fail *f)
{
	memset(rr, 0, sizeof(*rr));
	if (sheet_open(path, NULL, &rr->sr, f) < 0)
		return -1;
	if (sheet_format(rr->sr) != SHEET_FORMAT_XLSX)
		return 0;
	struct sheet_row row;
	int k;
	while ((k = sheet_next(rr->sr, &row, f)) == 1)
		;
	if (k < 0)
		goto fail;
	size_t n, keep = 0, wide = 0;
	const struct sheet_merge *m = sheet_merges(rr->sr, &n);
	for (size_t i = 0; i < n; i++) {
		keep += m[i].last_row > m[i].first_row;
		wide += m[i].last_col > m[i].first_col && m[i].first_row <= ROSTER_WIDE_ROWS;
	}
	if (wide) {
		rr->wide = malloc(wide * sizeof(*rr->wide));
		if (!rr->wide) {
			gh_fail_set(f, GH_ENOMEM, NULL, "内存不足", "out of memory");
			goto fail;
		}
		for (size_t i = 0; i < n; i++)
			if (m[i].last_col > m[i].first_col && m[i].first_row <= ROSTER_WIDE_ROWS)
				rr->wide[rr->nwide++] = m[i];
	}
	if (keep) {
		rr->merges = malloc(keep * sizeof(*rr->merges));
		if (!rr->merges) {
			gh_fail_set(f, GH_ENOMEM, NULL, "内存不足", "out of memory");
			goto fail;
		}
		for (size_t i = 0; i < n; i++)
			if (m[i].last_row > m[i].first_row)
				rr->merges[rr->nmerges++] = m[i];
		qsort(rr->merges, rr->nmerges, sizeof(*rr->merges), merge_cmp);
	}
	sheet_close(rr->sr);
	rr->sr = NULL;
	if (sheet_open(path, NULL, &rr->sr, f) < 0)
		goto fail;
	return 0;
fail:
	rr_close(rr);
	return -1;
}

/* Opens the file again from its first row, keeping the merged ranges read by rr_open (phase 2
 * reads an .xlsx file once more, not twice). 0 or -1 with *f. */
static int rr_reopen(struct rreader *rr, const char *path, struct gh_fail *f)
{
	sheet_close(rr->sr);
	rr->sr = NULL;
	for (size_t i = 0; i < rr->nactive; i++)
		free((char *)rr->active[i].cell.text);
	rr->nactive = 0;
	rr->next = 0;
	rr->again = false;
	return sheet_open(path, NULL, &rr->sr, f);
}

static const struct sheet_cell empty_cell = {"", 0, SHEET_EMPTY, 0};

/* The next row, with each cell a merged range covers (below its first row) reading the
 * range's value. 1, 0 at the end, -1 with *f. */
static int rr_next(struct rreader *rr, struct sheet_row *row, struct gh_fail *f)
{
	if (rr->again) {
		rr->again = false;
		*row = rr->held;
		return 1;
	}
	int k = sheet_next(rr->sr, row, f);
	if (k != 1 || (!rr->nmerges && !rr->nactive))
		return k;
	int64_t r = row->row_number;
	for (size_t i = 0; i < rr->nactive;) {
		if (rr->active[i].m.last_row < r) {
			free((char *)rr->active[i].cell.text);
			rr->active[i] = rr->active[--rr->nactive];
		} else {
			i++;
		}
	}
	int width = row->ncells;
	while (rr->next < rr->nmerges && rr->merges[rr->next].first_row <= r) {
		const struct sheet_merge *m = &rr->merges[rr->next++];
		if (m->last_row < r)
			continue;
		if (rr->nactive == rr->cap_active) {
			size_t cap = rr->cap_active ? rr->cap_active * 2 : 16;
			struct carry *a = realloc(rr->active, cap * sizeof(*a));
			if (!a)
				return gh_fail_set(f, GH_ENOMEM, NULL, "内存不足", "out of memory"), -1;
			rr->active = a;
			rr->cap_active = cap;
		}
		struct carry *cy = &rr->active[rr->nactive++];
		memset(cy, 0, sizeof(*cy));
		cy->m = *m;
		cy->cell = empty_cell;
		if (m->first_row == r && m->first_col < row->ncells && row->cells[m->first_col].kind != SHEET_EMPTY) {
			const struct sheet_cell *src = &row->cells[m->first_col];
			char *t = malloc(src->len + 1);
			if (!t)
				return gh_fail_set(f, GH_ENOMEM, NULL, "内存不足", "out of memory"), -1;
			memcpy(t, src->text, src->len);
			t[src->len] = 0;
			cy->cell = *src;
			cy->cell.text = t;
			cy->set = true;
		}
	}
	for (size_t i = 0; i < rr->nactive; i++)
		if (rr->active[i].set && rr->active[i].m.first_row < r && rr->active[i].m.first_col >= width)
			width = rr->active[i].m.first_col + 1;
	if (width > rr->cap_cells) {
		struct sheet_cell *cells = realloc(rr->cells, (size_t)width * sizeof(*cells));
		if (!cells)
			return gh_fail_set(f, GH_ENOMEM, NULL, "内存不足", "out of memory"), -1;
		rr->cells = cells;
		rr->cap_cells = width;
	}
	if (width == 0)
		return 1;
	for (int i = 0; i < width; i++)
		rr->cells[i] = i < row->ncells ? row->cells[i] : empty_cell;
	for (size_t i = 0; i < rr->nactive; i++) {
		const struct carry *cy = &rr->active[i];
		if (cy->set && cy->m.first_row < r && rr->cells[cy->m.first_col].kind == SHEET_EMPTY)
			rr->cells[cy->m.first_col] = cy->cell;
	}
	row->cells = rr->cells;
	row->ncells = width;
	return 1;
}

/* Gives row (the last rr_next returned) back: the next rr_next returns it again. Its cells stay
 * valid because nothing reads on in between. */
static void rr_unread(struct rreader *rr, const struct sheet_row *row)
{
	rr->held = *row;
	rr->again = true;
}

/* The range spanning columns that covers (row, col), or NULL. */
static const struct sheet_merge *rr_wide_at(const struct rreader *rr, int64_t row, int col)
{
	for (size_t i = 0; i < rr->nwide; i++) {
		const struct sheet_merge *m = &rr->wide[i];
		if (m->first_row <= row && row <= m->last_row && m->first_col <= col && col <= m->last_col)
			return m;
	}
	return NULL;
}

/* ---- Cells to values ---- */

static const struct sheet_cell *cell_of(const struct sheet_row *row, int col)
{
	if (col < 0 || col >= row->ncells || row->cells[col].kind == SHEET_EMPTY)
		return NULL;
	return &row->cells[col];
}

/* The cell's text folded and trimmed into buf; NULL when nothing is left. */
static const char *cell_text(const struct sheet_cell *cl, char *buf, size_t cap)
{
	if (!cl)
		return NULL;
	text_fold_ascii(cl->text, cl->len, buf, cap);
	return buf[0] ? buf : NULL;
}

/* A name as offices type it: trimmed, and the spaces that align two-character Chinese names in
 * a column ("张  三") dropped when the name has no Latin letters. */
static const char *name_text(const struct sheet_cell *cl, char *buf, size_t cap)
{
	if (!cell_text(cl, buf, cap))
		return NULL;
	bool latin = false;
	for (const char *p = buf; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			latin = true;
	if (latin)
		return buf;
	size_t k = 0, n = strlen(buf);
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)buf[i];
		if (b == ' ' || b == '\t')
			continue;
		if (b == 0xE3 && i + 2 < n && (unsigned char)buf[i + 1] == 0x80 && (unsigned char)buf[i + 2] == 0x80) {
			i += 2;
			continue;
		}
		buf[k++] = (char)b;
	}
	buf[k] = 0;
	return buf;
}

/* true for the way Excel shows a number it cannot show whole: 3.20707198501E+17, 3.2E17. */
static bool looks_scientific(const char *s)
{
	size_t i = 0;
	if (!(s[i] >= '0' && s[i] <= '9'))
		return false;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (s[i] == '.') {
		i++;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (s[i] != 'E' && s[i] != 'e')
		return false;
	i++;
	if (s[i] == '+')
		i++;
	if (!(s[i] >= '0' && s[i] <= '9'))
		return false;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return s[i] == 0;
}

enum id_cell { ID_NONE, ID_TEXT, ID_LOST };

/*
 * The ID number of a cell. A text cell is taken as it is, unless it is a number in scientific
 * notation (a CSV saved by Excel). A number cell is taken only when the file stored all its
 * digits (15 or 18 of them); an exponent, a decimal point or too few digits mean Excel turned
 * the number into a floating-point value and lost its last digits.
 */
static enum id_cell id_of(const struct sheet_cell *cl, char *buf, size_t cap)
{
	if (!cell_text(cl, buf, cap))
		return ID_NONE;
	if (cl->kind == SHEET_NUMBER || cl->kind == SHEET_DATE) {
		size_t n = strlen(buf);
		return text_is_digits(buf, n) && (n == 15 || n == 18) ? ID_TEXT : ID_LOST;
	}
	return looks_scientific(buf) ? ID_LOST : ID_TEXT;
}

/*
 * true when an 18-digit number cell holds exactly what printing a floating-point value gives:
 * its digits past the 16th are then noise of the conversion (the number is above 2^53), and a
 * wrong check character there means lost digits rather than a typo.
 */
static bool digits_from_double(const struct sheet_cell *cl, const char *digits)
{
	if (!cl || cl->kind != SHEET_NUMBER || strlen(digits) != 18)
		return false;
	double v = strtod(digits, NULL);
	char back[40];
	snprintf(back, sizeof(back), "%.0f", v);
	return v >= 9007199254740992.0 && !strcmp(back, digits);
}

/* A date from a date or number cell (an Excel serial) or from text. 0 or -1. */
static int date_of(const struct sheet_cell *cl, char out[11])
{
	int y, m, d;
	if (cl->kind == SHEET_DATE || cl->kind == SHEET_NUMBER) {
		if (sheet_excel_serial_to_date(cl->number, &y, &m, &d) < 0)
			return -1;
	} else if (cl->kind != SHEET_TEXT || sheet_parse_date_text(cl->text, cl->len, &y, &m, &d) < 0) {
		return -1;
	}
	cal_format_date(y, m, d, out, 11);
	return 0;
}

/* 是/否 and their spellings: 1, 0, or -1 when it is neither. */
static int yes_no(const struct sheet_cell *cl)
{
	if (cl->kind == SHEET_BOOL || cl->kind == SHEET_NUMBER)
		return cl->number == 1 ? 1 : cl->number == 0 ? 0 : -1;
	char buf[32];
	if (!cell_text(cl, buf, sizeof(buf)))
		return -1;
	text_upper_ascii(buf);
	static const char *const yes[] = {"是", "Y", "YES", "1", "TRUE", "√", "✓", "是农民工"};
	static const char *const no[] = {"否", "N", "NO", "0", "FALSE", "×", "✗", "不是", "非农民工"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcmp(buf, yes[i]))
			return 1;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcmp(buf, no[i]))
			return 0;
	return -1;
}

/* ---- The import ---- */

/*
 * The duplicate index of phase 1: one slot per accepted row, keyed by the first 17 digits of
 * its normalised ID number (the 18th is their check character, so the key is the number,
 * exactly: no collision to fall back from), with the row it was first seen in. 16 bytes a
 * slot, at most half the slots used: 32 MB for a file of a million rows, and nothing else
 * grows with the file besides the problems found.
 */
struct seen {
	uint64_t key; /* 17 digits + 1; 0: an empty slot */
	int64_t row;
};

struct imp {
	struct ctx *c;
	struct roster_report *rep;
	int64_t org_id;
	const char *org_path;
	int colmap[RC__MAX];
	struct seen *set;
	size_t set_cap, set_len;
	int64_t accepted;      /* phase 1: rows accepted */
	uint64_t accepted_sum; /* phase 1: a digest of the accepted rows (row and key), checked by phase 2 */
	int64_t phase1_errors; /* problems found by phase 1 (in row order) */
	char today[11];
	const char *default_joined;
	int64_t rows_max;
	struct roster_progress prog;
	roster_progress_fn progress;
	void *progress_ud;
	struct arena scratch; /* what the member functions allocate per row */
	struct arena txa;     /* phase 2 until the counter deltas exist: stats.c keeps them in c->a */
};

static void report_init(struct roster_report *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena, ROSTER_MEM_MAX);
}

void roster_report_release(struct roster_report *r)
{
	if (!r)
		return;
	free(r->errors);
	free(r->header);
	free(r->ignored);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* Records a problem of row `row` in column col (-1: none). The messages are copied. */
static int add_error(struct roster_report *r, int64_t row, int col, const char *code, const char *zh, const char *en)
{
	if (r->n_errors == r->cap_errors) {
		int64_t cap = r->cap_errors ? r->cap_errors * 2 : 64;
		struct roster_error *e = realloc(r->errors, (size_t)cap * sizeof(*e));
		if (!e)
			return -1;
		r->errors = e;
		r->cap_errors = cap;
	}
	struct roster_error *e = &r->errors[r->n_errors];
	e->row = row;
	e->col = col;
	e->column = col >= 0 && col < r->ncols && r->header[col][0] ? r->header[col] : NULL;
	e->code = arena_strdup(&r->arena, code);
	e->zh = arena_strdup(&r->arena, zh ? zh : "");
	e->en = arena_strdup(&r->arena, en ? en : "");
	e->seq = r->n_errors;
	if (!e->code || !e->zh || !e->en)
		return -1;
	r->n_errors++;
	return 0;
}

static int error_cmp(const void *a, const void *b)
{
	const struct roster_error *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The key of an 18-character ID number: its first 17 digits, plus one. */
static uint64_t id_key(const char *id18)
{
	uint64_t k = 0;
	for (int i = 0; i < 17; i++)
		k = k * 10 + (uint64_t)(id18[i] - '0');
	return k + 1;
}

static size_t key_slot(uint64_t key, size_t cap)
{
	key ^= key >> 31;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 29;
	return (size_t)key & (cap - 1);
}

/* The row where this ID number was first accepted, or 0 after recording it at row; -1 when out
 * of memory. */
static int64_t seen_before(struct imp *im, const char *id18, int64_t row)
{
	if ((im->set_len + 1) * 2 > im->set_cap) {
		size_t cap = im->set_cap ? im->set_cap * 2 : 1024;
		struct seen *set = calloc(cap, sizeof(*set));
		if (!set)
			return -1;
		for (size_t i = 0; i < im->set_cap; i++) {
			if (!im->set[i].key)
				continue;
			size_t j = key_slot(im->set[i].key, cap);
			while (set[j].key)
				j = (j + 1) & (cap - 1);
			set[j] = im->set[i];
		}
		free(im->set);
		im->set = set;
		im->set_cap = cap;
	}
	uint64_t key = id_key(id18);
	size_t j = key_slot(key, im->set_cap);
	while (im->set[j].key) {
		if (im->set[j].key == key)
			return im->set[j].row;
		j = (j + 1) & (im->set_cap - 1);
	}
	im->set[j].key = key;
	im->set[j].row = row;
	im->set_len++;
	return 0;
}

/* Adds an accepted row to the digest phase 2 checks the file against. */
static uint64_t digest_add(uint64_t sum, int64_t row, const char *id18)
{
	uint64_t x = id_key(id18) * 0x9e3779b97f4a7c15ULL ^ (uint64_t)row;
	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ULL;
	return sum + (x ^ (x >> 32));
}

static void progress(struct imp *im)
{
	if (im->progress)
		im->progress(im->progress_ud, &im->prog);
}

/* The allowed values of a short vocabulary, for a message ("群众、中共党员…"); "" for long ones. */
static const char *vocab_hint(struct arena *a, enum vocab v, bool zh)
{
	int n;
	const struct vocab_term *t = vocab_terms(v, &n);
	if (!t || n > 12)
		return "";
	char buf[512];
	size_t k = 0;
	k += (size_t)snprintf(buf + k, sizeof(buf) - k, zh ? "（可填：" : " (one of: ");
	for (int i = 0; i < n && k < sizeof(buf); i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", i ? (zh ? "、" : ", ") : "",
		                      zh ? t[i].zh : t[i].en);
	if (k < sizeof(buf))
		snprintf(buf + k, sizeof(buf) - k, zh ? "）" : ")");
	return arena_strdup(a, buf);
}

/* Records person_check's failure in c->fail for the row; returns the column it names. */
static int record_check_failure(struct imp *im, int64_t row, const char *joined)
{
	struct ctx *c = im->c;
	const char *field = c->fail.field ? c->fail.field : "";
	int rc = -1;
	for (int i = 0; i < RC__MAX; i++)
		if (!strcmp(field, rcols[i].field))
			rc = i;
	const char *code = c->fail.reason ? c->fail.reason : gh_err_token(c->fail.code);
	const char *zh = c->fail.zh, *en = c->fail.en;
	if (!strcmp(code, "under_age")) {
		zh = arena_printf(c->a, "入会日期（%s）时未满 16 周岁，不能入会：请核对身份证号和入会时间", joined);
		en = arena_printf(c->a, "younger than 16 on the join date (%s): check the ID number and the join date",
		                  joined);
	} else if (!strcmp(code, "unknown_value") && rc >= 0 && rcols[rc].vocab >= 0) {
		zh = arena_printf(c->a, "%s%s", zh ? zh : "", vocab_hint(c->a, (enum vocab)rcols[rc].vocab, true));
		en = arena_printf(c->a, "%s%s", en ? en : "", vocab_hint(c->a, (enum vocab)rcols[rc].vocab, false));
	}
	if (add_error(im->rep, row, rc >= 0 ? im->colmap[rc] : -1, code, zh, en) < 0)
		return -2;
	return rc;
}

/*
 * Checks one data row against every rule but the duplicates: 1 good (*pf and joined filled),
 * 0 rejected (its problems recorded), -1 out of memory. The same row gives the same answer
 * in both phases (the day is fixed when the import begins).
 */
static int check_row(struct imp *im, const struct sheet_row *row, struct person_fields *pf, char joined[11])
{
	struct ctx *c = im->c;
	struct roster_report *rep = im->rep;
	int64_t rn = row->row_number, before = rep->n_errors;
	const struct sheet_cell *cl[RC__MAX];
	for (int i = 0; i < RC__MAX; i++)
		cl[i] = cell_of(row, im->colmap[i]);
	char idb[80], nameb[256], sexb[32], phoneb[64], vb[7][200];
	struct person_input in = {.migrant = -1};
	/* the ID number */
	enum id_cell idk = id_of(cl[RC_ID], idb, sizeof(idb));
	bool id_bad = false;
	if (idk == ID_LOST) {
		if (add_error(
		            rep, rn, im->colmap[RC_ID], "id_precision_lost",
		            "身份证号被 Excel 存成了数字，末尾几位已经丢失（如 "
		            "3.20707198501E+17），无法还原：请把该列设为"
		            "“文本”格式，重新填写完整的 18 位号码",
		            "Excel stored the ID number as a number and lost its last digits (e.g. 3.20707198501E+17); "
		            "it cannot be restored: format the column as text and enter all 18 characters again") < 0)
			return -1;
		id_bad = true;
	} else if (idk == ID_TEXT) {
		in.id_number = idb;
	}
	in.name = name_text(cl[RC_NAME], nameb, sizeof(nameb));
	in.sex = cell_text(cl[RC_SEX], sexb, sizeof(sexb));
	if (in.sex && (!strcmp(in.sex, "男性") || !strcmp(in.sex, "女性")))
		sexb[3] = 0; /* "男性" → "男": one character of three bytes */
	in.phone = cell_text(cl[RC_PHONE], phoneb, sizeof(phoneb));
	const char **vf[7] = {&in.ethnicity,  &in.political, &in.education, &in.household,
	                      &in.employment, &in.new_form,  &in.skill};
	static const int vcols[7] = {RC_ETHNICITY,  RC_POLITICAL, RC_EDUCATION, RC_HOUSEHOLD,
	                             RC_EMPLOYMENT, RC_NEW_FORM,  RC_SKILL};
	for (int i = 0; i < 7; i++)
		*vf[i] = cell_text(cl[vcols[i]], vb[i], sizeof(vb[i]));
	/* the migrant mark */
	if (cl[RC_MIGRANT]) {
		in.migrant = yes_no(cl[RC_MIGRANT]);
		if (in.migrant < 0 &&
		    add_error(rep, rn, im->colmap[RC_MIGRANT], "bad_migrant", "是否农民工应填“是”或“否”",
		              "the migrant-worker mark must be 是 (yes) or 否 (no)") < 0)
			return -1;
	}
	/* the join date */
	snprintf(joined, 11, "%s", im->default_joined);
	if (cl[RC_JOINED]) {
		char d[11];
		if (date_of(cl[RC_JOINED], d) < 0) {
			if (add_error(rep, rn, im->colmap[RC_JOINED], "bad_date",
			              "入会时间无法识别：请写成 2019-05-01、2019/05/01、2019.05.01 或 2019年5月1日",
			              "the join date cannot be read: write it as 2019-05-01, 2019/05/01, 2019.05.01 or "
			              "2019年5月1日") < 0)
				return -1;
		} else if (strcmp(d, im->today) > 0) {
			if (add_error(rep, rn, im->colmap[RC_JOINED], "joined_in_future", "入会时间不能晚于今天",
			              "the join date cannot be in the future") < 0)
				return -1;
		} else {
			memcpy(joined, d, 11);
		}
	}
	/* person_check, again after each problem of an optional field, so that one pass over the
	 * report shows every problem of the row */
	static const char placeholder_id[] = "11010519491231002X"; /* valid, of an adult: checks the rest */
	if (id_bad) {
		in.id_number = placeholder_id;
		in.sex = NULL;
	}
	for (int pass = 0; pass < ROSTER_ROW_ERRORS_MAX; pass++) {
		if (person_check(c, &in, joined, "", pf) == GH_OK)
			break;
		const char *field = c->fail.field ? c->fail.field : "";
		if (!strcmp(field, "id_number") && id_bad)
			break; /* the placeholder does not pass this join date: nothing more to learn */
		if (!strcmp(field, "id_number") && in.id_number && digits_from_double(cl[RC_ID], in.id_number)) {
			c->fail.reason = "id_precision_lost";
			c->fail.zh =
			        "身份证号被存成了数字，末尾几位已经丢失，无法还原：请把该列设为“文本”格式，重新填写完整"
			        "的 18 位号码";
			c->fail.en =
			        "the ID number was stored as a number and lost its last digits; it cannot be restored: "
			        "format the column as text and enter all 18 characters again";
		}
		int rc = record_check_failure(im, rn, joined);
		if (rc == -2)
			return -1;
		switch (rc) {
		case RC_ID:
			in.id_number = placeholder_id;
			in.sex = NULL;
			id_bad = true;
			break;
		case RC_NAME:
			in.name = "某";
			break;
		case RC_SEX:
			in.sex = NULL;
			break;
		case RC_PHONE:
			in.phone = NULL;
			break;
		case RC_NEW_FORM:
			in.new_form = NULL;
			break;
		default:
			if (rc >= 0 && rcols[rc].vocab >= 0) {
				for (int i = 0; i < 7; i++)
					if (vcols[i] == rc)
						*vf[i] = NULL;
			} else {
				pass = ROSTER_ROW_ERRORS_MAX; /* nothing to blank: stop */
			}
		}
	}
	return rep->n_errors > before ? 0 : 1;
}

/* Phase 1's verdict on a good row: a second row of the same person is duplicate_in_file (the
 * first goes in). 1 accepted, 0 rejected, -1 out of memory. */
static int accept_row(struct imp *im, int64_t rn, const struct person_fields *pf)
{
	struct ctx *c = im->c;
	int64_t fr = seen_before(im, pf->id.number, rn);
	if (fr < 0)
		return -1;
	if (fr > 0)
		return add_error(
		               im->rep, rn, im->colmap[RC_ID], "duplicate_in_file",
		               arena_printf(c->a, "与第 %" PRId64 " 行的身份证号相同：同一人只导入第一次出现的行", fr),
		               arena_printf(c->a,
		                            "the same ID number as row %" PRId64
		                            ": only the first row of a person is imported",
		                            fr)) < 0
		               ? -1
		               : 0;
	im->accepted++;
	im->accepted_sum = digest_add(im->accepted_sum, rn, pf->id.number);
	return 1;
}

/* One header row as folded texts (never NULL; "" when empty), a cell that a range spanning
 * columns covers reading the range's value: from this row, or from the row above (above, of
 * row number above_no) when the range starts there. NULL when out of memory. */
static char **header_texts(struct ctx *c, const struct rreader *rr, const struct sheet_row *row, int width,
                           char *const *above, int64_t above_no)
{
	char **t = arena_alloc(c->a, sizeof(*t) * (size_t)(width ? width : 1));
	if (!t)
		return NULL;
	for (int i = 0; i < width; i++) {
		char buf[512];
		const struct sheet_cell *cl = i < row->ncells ? &row->cells[i] : &empty_cell;
		text_fold_ascii(cl->text, cl->len, buf, sizeof(buf));
		t[i] = buf[0] ? arena_strdup(c->a, buf) : "";
		if (!t[i])
			return NULL;
	}
	for (int i = 0; i < width; i++) {
		const struct sheet_merge *m = t[i][0] ? NULL : rr_wide_at(rr, row->row_number, i);
		if (m && m->first_row == row->row_number && m->first_col < width)
			t[i] = t[m->first_col];
		else if (m && above && m->first_row == above_no)
			t[i] = above[m->first_col];
	}
	return t;
}

/* The known columns that the texts name (the first of each), -1 for the others. */
static void header_map(char *const *t, int width, int map[RC__MAX])
{
	for (int i = 0; i < RC__MAX; i++)
		map[i] = -1;
	for (int i = 0; i < width; i++) {
		int m = header_match(t[i], strlen(t[i]));
		if (m >= 0 && map[m] < 0)
			map[m] = i;
	}
}

/* A group row above the header (基本信息 over 姓名 and 性别, 联系方式 over 手机号): two cells or
 * more, where a title row has one. */
static bool group_row(char *const *t, int width)
{
	int n = 0;
	for (int i = 0; i < width && n < 2; i++)
		n += t[i][0] != 0;
	return n >= 2;
}

/*
 * Whether row, right below the header row h (texts ht), is the header's second row: its name
 * and ID cells hold no data (empty, or the header's text carried down by a range merged over
 * both rows), and some cell names a known column, repeats the header above it, or stands under
 * a range spanning columns in the header row (联系方式 over 手机号 and 座机).
 */
static bool sub_header(const struct rreader *rr, int64_t h, char *const *ht, int width, const int map[RC__MAX],
                       const struct sheet_row *row)
{
	if (row->row_number != h + 1)
		return false;
	const int data[] = {map[RC_NAME], map[RC_ID]};
	for (int k = 0; k < 2; k++) {
		const struct sheet_cell *cl = data[k] < row->ncells ? &row->cells[data[k]] : &empty_cell;
		char buf[512];
		text_fold_ascii(cl->text, cl->len, buf, sizeof(buf));
		if (buf[0] && strcmp(buf, ht[data[k]]))
			return false;
	}
	for (int i = 0; i < row->ncells; i++) {
		const struct sheet_cell *cl = &row->cells[i];
		char buf[512];
		text_fold_ascii(cl->text, cl->len, buf, sizeof(buf));
		if (!buf[0])
			continue;
		if (header_match(cl->text, cl->len) >= 0 || (i < width && !strcmp(buf, ht[i])))
			return true;
		const struct sheet_merge *m = rr_wide_at(rr, h, i);
		if (m && m->last_row == h)
			return true;
	}
	return false;
}

/* Fills the report's header (each column named by names[i]), colmap and ignored columns. */
static enum gh_err header_set(struct imp *im, char *const *names, int width, const int map[RC__MAX], int64_t last)
{
	struct roster_report *rep = im->rep;
	memcpy(im->colmap, map, sizeof(im->colmap));
	rep->header_row = last;
	rep->ncols = width;
	rep->header = calloc((size_t)(width ? width : 1), sizeof(*rep->header));
	rep->ignored = calloc((size_t)(width ? width : 1), sizeof(*rep->ignored));
	if (!rep->header || !rep->ignored)
		return oom(im->c);
	for (int i = 0; i < width; i++) {
		rep->header[i] = arena_strdup(&rep->arena, names[i]);
		if (!rep->header[i])
			return oom(im->c);
		bool known = false;
		for (int j = 0; j < RC__MAX; j++)
			known |= map[j] == i;
		if (!known && names[i][0])
			rep->ignored[rep->n_ignored++] = rep->header[i];
	}
	return GH_OK;
}

/*
 * Finds the header among the first rows; fills colmap, the report's header and ignored columns.
 * The header row is the first that names a name and an ID column. A header may take two rows:
 * a group row above it (基本信息 over 姓名 and 性别), or a second row below it (姓名 and 身份证号
 * merged down over both rows beside 联系方式 with 手机号 and 座机 under it). Each column is then
 * named by its lowest non-empty header cell, or the merged cell above it; data starts below.
 */
static enum gh_err find_header(struct imp *im, struct rreader *rr, struct gh_fail *f)
{
	struct ctx *c = im->c;
	struct sheet_row row;
	bool name_seen = false, id_seen = false;
	char **prev = NULL;
	int prev_width = 0;
	int64_t prev_no = 0;
	for (int n = 0; n < ROSTER_HEADER_SCAN; n++) {
		int k = rr_next(rr, &row, f);
		if (k < 0) {
			c->fail = *f;
			c->fail.reason = "bad_file";
			return f->code ? f->code : GH_EINVAL;
		}
		if (k == 0)
			break;
		int width = row.ncells > prev_width ? row.ncells : prev_width;
		bool above = prev && prev_no == row.row_number - 1 && group_row(prev, prev_width);
		char **t = header_texts(c, rr, &row, width, above ? prev : NULL, prev_no);
		if (!t)
			return oom(c);
		int map[RC__MAX];
		header_map(t, width, map);
		name_seen |= map[RC_NAME] >= 0;
		id_seen |= map[RC_ID] >= 0;
		if (map[RC_NAME] < 0 || map[RC_ID] < 0) {
			prev = t;
			prev_width = width;
			prev_no = row.row_number;
			continue;
		}
		/* the header; an empty cell under a group row takes the group's name */
		for (int i = 0; above && i < width; i++)
			if (!t[i][0] && i < prev_width)
				t[i] = prev[i];
		int64_t h = row.row_number;
		if ((k = rr_next(rr, &row, f)) < 0) {
			c->fail = *f;
			c->fail.reason = "bad_file";
			return f->code ? f->code : GH_EINVAL;
		}
		if (k == 0 || !sub_header(rr, h, t, width, map, &row)) {
			if (k == 1)
				rr_unread(rr, &row);
			header_map(t, width, map);
			return header_set(im, t, width, map, h);
		}
		/* a second header row: each column by its lowest non-empty cell */
		int w2 = row.ncells > width ? row.ncells : width;
		char **low = header_texts(c, rr, &row, w2, t, h);
		if (!low)
			return oom(c);
		for (int i = 0; i < w2; i++)
			if (!low[i][0] && i < width)
				low[i] = t[i];
		int map2[RC__MAX];
		header_map(low, w2, map2);
		if (map2[RC_NAME] < 0 || map2[RC_ID] < 0) /* the lower row renamed them: keep the upper row's */
			return header_set(im, t, width, map, row.row_number);
		return header_set(im, low, w2, map2, row.row_number);
	}
	if (name_seen && !id_seen)
		return refuse(c, GH_EINVAL, "no_id_column",
		              "表头中没有身份证号列：请加一列“身份证号”（也可写作身份证号码、公民身份号码、证件号码）",
		              "the header has no ID-number column: add a column 身份证号 (or 身份证号码, 公民身份号码, "
		              "证件号码)");
	if (id_seen && !name_seen)
		return refuse(c, GH_EINVAL, "no_name_column", "表头中没有姓名列：请加一列“姓名”",
		              "the header has no name column: add a column 姓名");
	return refuse(c, GH_EINVAL, "no_header",
	              "前 20 行中找不到表头：表头行须有“姓名”和“身份证号”两列（标题行可以在它上面）",
	              "no header in the first 20 rows: the header row must have the columns 姓名 (name) and 身份证号 "
	              "(ID number); title rows may stand above it");
}

/* true when every column the importer knows is empty or white space in row: a blank row, or one
 * that only has its number (序号) or a note, which is skipped and not counted. */
static bool known_blank(const struct imp *im, const struct sheet_row *row)
{
	char tmp[8];
	for (int i = 0; i < RC__MAX; i++)
		if (cell_text(cell_of(row, im->colmap[i]), tmp, sizeof(tmp)))
			return false;
	return true;
}

/* The failure of a file that cannot be read further. */
static enum gh_err bad_file(struct ctx *c, const struct gh_fail *f)
{
	c->fail = *f;
	c->fail.field = "file";
	c->fail.reason = "bad_file";
	return f->code ? f->code : GH_EINVAL;
}

/* Phase 1: reads and checks every row; keeps only the duplicate index and the problems. */
static enum gh_err phase1(struct imp *im, struct rreader *rr, const char *path)
{
	struct ctx *c = im->c;
	struct roster_report *rep = im->rep;
	struct gh_fail f = {0};
	if (rr_open(rr, path, &f) < 0)
		return bad_file(c, &f);
	rep->format = sheet_format(rr->sr) == SHEET_FORMAT_XLSX ? "xlsx" : "csv";
	enum gh_err e = find_header(im, rr, &f);
	if (e)
		return e;
	struct sheet_row row;
	int k;
	im->prog.phase = 1;
	while ((k = rr_next(rr, &row, &f)) == 1) {
		if (known_blank(im, &row))
			continue;
		if (++rep->rows > im->rows_max)
			return refuse(
			        c, GH_ETOOBIG, "too_many_rows",
			        arena_printf(c->a, "一次最多导入 %" PRId64 " 行：请把名册分成几个文件", im->rows_max),
			        arena_printf(c->a, "at most %" PRId64 " rows per import: split the roster into files",
			                     im->rows_max));
		struct person_fields pf;
		char joined[11];
		int r = check_row(im, &row, &pf, joined);
		if (r == 1)
			r = accept_row(im, row.row_number, &pf);
		if (r < 0)
			return oom(c);
		if (r)
			im->prog.accepted++;
		else
			im->prog.rejected++;
		im->prog.rows = rep->rows;
		if (rep->rows % ROSTER_PROGRESS_EVERY == 0) {
			progress(im);
			arena_release(&im->scratch);
		}
	}
	if (k < 0)
		return bad_file(c, &f);
	rep->encoding = sheet_encoding(rr->sr);
	im->phase1_errors = rep->n_errors;
	progress(im);
	return GH_OK;
}

/* The conflict of a person who is a current member already (nothing about them changes). */
static int conflict(struct imp *im, int64_t rn, const struct member *m)
{
	struct ctx *c = im->c;
	const char *zh, *en, *code;
	if (m->org_id == im->org_id) {
		code = "already_member_here";
		zh = "已是本工会会员，无需再导入";
		en = "already a member of this union; nothing to import";
	} else if (scope_contains(c->who->path, m->path)) {
		code = "member_elsewhere";
		zh = arena_printf(c->a, "已是%s的会员（%s）：一人只能有一个会籍，请先办理会员接转", m->org_name,
		                  vocab_label(VOCAB_STATUS, m->status, true));
		en = arena_printf(c->a, "already a member of %s (%s): one membership per person; transfer them first",
		                  m->org_name, vocab_label(VOCAB_STATUS, m->status, false));
	} else {
		code = "member_elsewhere";
		zh = "已是其他工会的会员（含保留会籍）：一人只能有一个会籍，请先办理会员接转";
		en = "already a member of another union (retained memberships included): one membership per person; "
		     "transfer them first";
	}
	return add_error(im->rep, rn, im->colmap[RC_ID], code, zh, en);
}

static long crash_after(void)
{
	const char *v = getenv(ROSTER_CRASH_ENV);
	if (!v || !*v)
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 ? 0 : n;
}

/*
 * Phase 2 writes its rows in blind-index order, a chunk at a time: the rows are checked and
 * sealed as the file goes by, kept here (about 660 bytes each, so a chunk is about 21 MB) and,
 * when the chunk is full or the file ends, sorted by the blind index of their ID number and
 * written. The index of ID numbers (person_id_index) is the one random key every row both looks
 * up and inserts; in key order each of its leaves is read and dirtied once per chunk instead of
 * once per row, and the new persons' ids follow the same order. The outcome does not depend on
 * the order: phase 1 refused the second row of a person, so no two rows of a chunk meet in the
 * store, and the report's problems are sorted by row at the end.
 */
#define ROSTER_SORT_ROWS 32768

/* A row of phase 2, checked and sealed, waiting for its chunk to be written. */
struct pending {
	struct person_sealed s;
	struct person_fields pf;
	int64_t rn;
	char joined[11];
};

/* The chunk in hand: rows[0..n) and their order. */
struct chunk {
	struct pending *rows;
	const struct pending **order;
	size_t n, cap;
};

static int pending_cmp(const void *a, const void *b)
{
	const struct pending *x = *(const struct pending *const *)a, *y = *(const struct pending *const *)b;
	return memcmp(x->s.id_index, y->s.id_index, PII_INDEX_BYTES);
}

/* The arena of the member functions for the next row of phase 2. The transaction's counter deltas
 * are allocated in c->a by the first write that has some: until then each row runs in txa
 * (emptied before it), afterwards in the scratch arena, which is emptied every 256 rows written
 * and never holds them. */
static void row_arena(struct imp *im)
{
	struct ctx *c = im->c;
	if (!c->stats) {
		arena_release(&im->txa);
		c->a = &im->txa;
	} else {
		c->a = &im->scratch;
	}
}

/*
 * Writes one accepted row of phase 2 inside the transaction. A person the store does not know
 * (nearly every row of a first import) is written by member_import_new; a known person who is
 * a current member is rejected (already_member_here, member_elsewhere) and nothing about them
 * changes; a known person without a current membership goes through person_save and
 * membership_create like a member added by hand. *written is true when the row went in.
 */
static enum gh_err write_row(struct imp *im, struct member_import *mi, const struct pending *p, bool *written)
{
	struct ctx *c = im->c;
	const struct person_fields *pf = &p->pf;
	*written = false;
	int64_t pid, mid;
	int prov = 0;
	int found = member_import_find(mi, &p->s, &pid, &prov);
	if (found < 0)
		return io_fail(c);
	if (found == 0) {
		enum gh_err e = member_import_new(mi, pf, &p->s, p->joined, &pid, &mid);
		*written = e == GH_OK;
		return e;
	}
	struct member m;
	int k = member_current_in(c, pid, prov, &m);
	if (k < 0)
		return io_fail(c);
	if (k == 1)
		return conflict(im, p->rn, &m) < 0 ? oom(c) : GH_OK;
	enum gh_err e = person_save(c, pf, false, prov, &pid, &prov);
	if (e)
		return e;
	e = membership_create(c, pid, prov, im->org_id, p->joined, "import", false, &mid);
	if (e == GH_ECONFLICT)
		return add_error(im->rep, p->rn, im->colmap[RC_ID],
		                 c->fail.reason ? c->fail.reason : "member_elsewhere", c->fail.zh, c->fail.en) < 0
		               ? oom(c)
		               : GH_OK;
	*written = e == GH_OK;
	return e;
}

/* Writes the rows of the chunk in blind-index order and empties it. crash: the test hook. */
static enum gh_err write_chunk(struct imp *im, struct member_import *mi, struct chunk *ch, long crash)
{
	for (size_t i = 0; i < ch->n; i++)
		ch->order[i] = &ch->rows[i];
	qsort(ch->order, ch->n, sizeof(*ch->order), pending_cmp);
	for (size_t i = 0; i < ch->n; i++) {
		row_arena(im);
		bool written;
		enum gh_err e = write_row(im, mi, ch->order[i], &written);
		if (e)
			return e;
		im->prog.written++;
		if (written) {
			im->prog.accepted++;
			if (crash && im->prog.accepted == crash)
				abort(); /* the test hook of ROSTER_CRASH_ENV: a crash inside the transaction */
		} else {
			im->prog.rejected++;
		}
		if (im->prog.written % ROSTER_PROGRESS_EVERY == 0)
			progress(im);
		if (im->prog.written % 256 == 0)
			arena_release(&im->scratch);
	}
	ch->n = 0;
	return GH_OK;
}

static enum gh_err file_changed(struct ctx *c)
{
	return refuse(c, GH_EINVAL, "bad_file", "导入过程中文件被改动了：请重新导入",
	              "the file changed while it was imported: import it again");
}

/* Reads phase 2's rows into chunks and writes each (write_chunk); the digest is checked here. */
static enum gh_err phase2_rows(struct imp *im, struct rreader *rr, struct member_import *mi, struct chunk *ch)
{
	struct ctx *c = im->c;
	struct roster_report *rep = im->rep;
	long crash = crash_after();
	struct gh_fail f = {0};
	int64_t next_error = 0, seen = 0;
	uint64_t sum = 0;
	struct sheet_row row;
	int k;
	enum gh_err e;
	while ((k = rr_next(rr, &row, &f)) == 1) {
		int64_t rn = row.row_number;
		if (rn <= rep->header_row || known_blank(im, &row))
			continue;
		while (next_error < im->phase1_errors && rep->errors[next_error].row < rn)
			next_error++;
		if (next_error < im->phase1_errors && rep->errors[next_error].row == rn)
			continue; /* rejected by phase 1 */
		row_arena(im);
		struct pending *p = &ch->rows[ch->n];
		int r = check_row(im, &row, &p->pf, p->joined);
		if (r < 0)
			return oom(c);
		if (r == 0 || ++seen > im->accepted)
			return file_changed(c);
		sum = digest_add(sum, rn, p->pf.id.number);
		p->rn = rn;
		member_import_seal(&p->pf, &p->s);
		if (++ch->n == ch->cap && (e = write_chunk(im, mi, ch, crash)))
			return e;
	}
	if (k < 0)
		return bad_file(c, &f);
	if (seen != im->accepted || sum != im->accepted_sum)
		return file_changed(c);
	return write_chunk(im, mi, ch, crash);
}

/*
 * Phase 2: one write transaction. The file is read again (phase 1 kept no rows), the rows phase 1
 * rejected are skipped, the others are checked again (the same answer, or the file changed
 * under us: then nothing is written), sealed and written a chunk at a time in blind-index order.
 */
static enum gh_err phase2(struct imp *im, struct rreader *rr, const char *path)
{
	struct ctx *c = im->c;
	struct roster_report *rep = im->rep;
	struct gh_fail f = {0};
	im->prog.phase = 2;
	im->prog.accepted = 0;
	im->prog.written = 0;
	im->prog.to_write = im->accepted;
	progress(im);
	if (rr_reopen(rr, path, &f) < 0)
		return bad_file(c, &f);
	struct chunk ch = {0};
	ch.cap = im->accepted < ROSTER_SORT_ROWS ? (size_t)im->accepted + 1 : ROSTER_SORT_ROWS;
	ch.rows = malloc(ch.cap * sizeof(*ch.rows));
	ch.order = malloc(ch.cap * sizeof(*ch.order));
	if (!ch.rows || !ch.order) {
		free(ch.rows);
		free(ch.order);
		return oom(c);
	}
	if (tx_begin(c) < 0) {
		free(ch.rows);
		free(ch.order);
		return io_fail(c);
	}
	struct member_import *mi = NULL;
	enum gh_err e = member_import_open(c, im->org_id, "import", &mi);
	if (!e)
		e = phase2_rows(im, rr, mi, &ch);
	free(ch.rows);
	free(ch.order);
	if (e)
		goto fail;
	if (!c->stats) {
		arena_release(&im->txa);
		c->a = &im->txa;
	}
	e = member_import_close(mi);
	mi = NULL;
	if (e)
		goto fail;
	c->a = &im->scratch;
	rep->accepted = im->prog.accepted;
	rep->rejected = rep->rows - rep->accepted;
	const char *detail = arena_printf(
	        c->a, "{\"rows\":%" PRId64 ",\"accepted\":%" PRId64 ",\"rejected\":%" PRId64 ",\"format\":\"%s\"}",
	        rep->rows, rep->accepted, rep->rejected, rep->format);
	if (!detail || audit_write(c, "roster.import", "org", im->org_id, im->org_path, detail) < 0) {
		e = io_fail(c);
		goto fail;
	}
	if (tx_commit(c) < 0)
		return io_fail(c);
	progress(im);
	return GH_OK;
fail:
	member_import_free(mi);
	tx_rollback(c);
	return e;
}

/* The two phases over the file at path. */
static enum gh_err import_file(struct imp *im, const char *path)
{
	struct rreader rr = {0};
	enum gh_err e = phase1(im, &rr, path);
	if (!e)
		e = phase2(im, &rr, path);
	rr_close(&rr);
	return e;
}

enum gh_err roster_check_org(struct ctx *c, int64_t org_id, struct org *out)
{
	struct org o;
	enum gh_err e = org_get(c, org_id, &o);
	if (e) {
		c->fail.field = "org";
		return e;
	}
	if (org_kind_is_geographic(o.kind) && o.kind != KIND_TOWN && o.kind != KIND_COUNTY)
		return gh_fail_set(&c->fail, GH_EINVAL, "org", "会员应加入基层工会或所在地的乡镇（街道）、县级总工会",
		                   "members join a grassroots union, or the town or county federation of their place");
	if (out)
		*out = o;
	return GH_OK;
}

enum gh_err roster_import(struct ctx *c, int64_t org_id, const char *path, const struct roster_options *opt,
                          struct roster_report *out)
{
	report_init(out);
	struct imp im = {.c = c, .rep = out, .org_id = org_id};
	struct arena *caller = c->a;
	arena_init(&im.scratch, 0);
	arena_init(&im.txa, 0);
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, im.today, sizeof(im.today));
	im.default_joined = im.today;
	im.rows_max = ROSTER_ROWS_MAX;
	if (opt) {
		if (opt->joined_on) {
			if (cal_parse_date(opt->joined_on, &y, &m, &d) < 0 || strcmp(opt->joined_on, im.today) > 0)
				return gh_fail_set(&c->fail, GH_EINVAL, "joined_on",
				                   "入会日期应为 YYYY-MM-DD，且不晚于今天",
				                   "the join date must be YYYY-MM-DD and not in the future");
			im.default_joined = opt->joined_on;
		}
		if (opt->rows_max > 0)
			im.rows_max = opt->rows_max;
		im.progress = opt->progress;
		im.progress_ud = opt->progress_ud;
	}
	struct org o;
	enum gh_err e = roster_check_org(c, org_id, &o);
	if (e)
		goto out;
	im.org_path = arena_strdup(&out->arena, o.path);
	if (!im.org_path) {
		e = oom(c);
		goto out;
	}
	c->a = &im.scratch;
	e = import_file(&im, path);
	if (!e && out->n_errors)
		qsort(out->errors, (size_t)out->n_errors, sizeof(*out->errors), error_cmp);
out:
	c->a = caller;
	if (e) {
		/* the messages may live in the scratch arena: copy them to the caller's */
		c->fail.zh = arena_strdup(c->a, c->fail.zh);
		c->fail.en = arena_strdup(c->a, c->fail.en);
		roster_report_release(out);
	}
	arena_release(&im.scratch);
	arena_release(&im.txa);
	free(im.set);
	return e;
}

json_t *roster_report_json(const struct roster_report *r, bool zh, int64_t max_errors)
{
	json_t *errors = json_array(), *ignored = json_array();
	json_t *j = json_object();
	if (!errors || !ignored || !j) {
		json_decref(errors);
		json_decref(ignored);
		json_decref(j);
		return NULL;
	}
	json_object_set_new(j, "rows", json_integer(r->rows));
	json_object_set_new(j, "accepted", json_integer(r->accepted));
	json_object_set_new(j, "rejected", json_integer(r->rejected));
	int64_t n = max_errors < 0 || max_errors > r->n_errors ? r->n_errors : max_errors;
	for (int64_t i = 0; i < n; i++) {
		const struct roster_error *e = &r->errors[i];
		json_t *x = json_object();
		json_object_set_new(x, "row", json_integer(e->row));
		json_object_set_new(x, "column", e->column ? json_string(e->column) : json_null());
		json_object_set_new(x, "code", json_string(e->code));
		json_object_set_new(x, "message", json_string(zh ? e->zh : e->en));
		json_array_append_new(errors, x);
	}
	json_object_set_new(j, "errors", errors);
	json_object_set_new(j, "errors_total", json_integer(r->n_errors));
	json_object_set_new(j, "errors_capped", json_boolean(n < r->n_errors));
	for (int i = 0; i < r->n_ignored; i++)
		json_array_append_new(ignored, json_string(r->ignored[i]));
	json_object_set_new(j, "ignored_columns", ignored);
	json_object_set_new(j, "header_row", json_integer(r->header_row));
	json_object_set_new(j, "format", r->format ? json_string(r->format) : json_null());
	json_object_set_new(j, "encoding", r->encoding ? json_string(r->encoding) : json_null());
	return j;
}

/* ---- The report file ---- */

/* A cell as the report shows it: a date cell as YYYY-MM-DD, anything else as the file has it. */
static const char *report_cell(const struct sheet_cell *cl, char date[11])
{
	if (cl->kind == SHEET_DATE && date_of(cl, date) == 0)
		return date;
	return cl->text;
}

int roster_report_xlsx(const struct roster_report *r, const char *src_path, const char *out_path, bool zh,
                       const char *tmpdir, struct gh_fail *f)
{
	static const char *const extra_zh[4] = {"行号", "错误列", "错误代码", "错误说明"};
	static const char *const extra_en[4] = {"row", "column", "code", "problem"};
	const char *const *extra = zh ? extra_zh : extra_en;
	int ncols = r->ncols + 4;
	const char **cells = calloc((size_t)ncols, sizeof(*cells));
	struct xlsxw *w = NULL;
	struct rreader rr = {0};
	struct buf cols, codes, msgs;
	buf_init(&cols, (size_t)1 << 20);
	buf_init(&codes, (size_t)1 << 20);
	buf_init(&msgs, (size_t)1 << 20);
	int rc = -1;
	if (!cells) {
		gh_fail_set(f, GH_ENOMEM, NULL, "内存不足", "out of memory");
		goto out;
	}
	for (int i = 0; i < r->ncols; i++)
		cells[i] = r->header[i];
	for (int i = 0; i < 4; i++)
		cells[r->ncols + i] = extra[i];
	struct xlsxw_options xo = {.tmpdir = tmpdir};
	if (xlsxw_open(out_path, &xo, &w, f) < 0 || xlsxw_sheet(w, zh ? "错误报告" : "problems", cells, ncols, f) < 0)
		goto out;
	int64_t next = 0;
	if (r->n_errors) {
		if (rr_open(&rr, src_path, f) < 0)
			goto out;
		struct sheet_row row;
		int k;
		while (next < r->n_errors && (k = rr_next(&rr, &row, f)) == 1) {
			if (row.row_number <= r->header_row)
				continue;
			while (next < r->n_errors && r->errors[next].row < row.row_number)
				next++; /* cannot happen with the file that was imported */
			if (next >= r->n_errors || r->errors[next].row != row.row_number)
				continue;
			char dates[64][11];
			for (int i = 0; i < r->ncols; i++) {
				const struct sheet_cell *cl = i < row.ncells ? &row.cells[i] : &empty_cell;
				cells[i] = i < 64 ? report_cell(cl, dates[i]) : cl->text;
			}
			buf_reset(&cols);
			buf_reset(&codes);
			buf_reset(&msgs);
			for (bool first = true; next < r->n_errors && r->errors[next].row == row.row_number;
			     next++, first = false) {
				const struct roster_error *e = &r->errors[next];
				const char *sep = first ? "" : "\n";
				if (buf_printf(&cols, "%s%s", sep, e->column ? e->column : "") < 0 ||
				    buf_printf(&codes, "%s%s", sep, e->code) < 0 ||
				    buf_printf(&msgs, "%s%s", sep, zh ? e->zh : e->en) < 0) {
					gh_fail_set(f, GH_ETOOBIG, NULL, "错误说明过长", "the problems are too long");
					goto out;
				}
			}
			char rowno[24];
			snprintf(rowno, sizeof(rowno), "%" PRId64, row.row_number);
			cells[r->ncols] = rowno;
			cells[r->ncols + 1] = cols.data;
			cells[r->ncols + 2] = codes.data;
			cells[r->ncols + 3] = msgs.data;
			if (xlsxw_row(w, cells, ncols, f) < 0)
				goto out;
		}
		if (k < 0 && next < r->n_errors)
			goto out;
	}
	rc = xlsxw_close(w, f);
	w = NULL;
	if (rc < 0)
		unlink(out_path);
out:
	xlsxw_free(w);
	rr_close(&rr);
	buf_release(&cols);
	buf_release(&codes);
	buf_release(&msgs);
	free(cells);
	return rc;
}

/* ---- The export ---- */

enum {
	XC_NO,
	XC_NAME,
	XC_SEX,
	XC_BIRTH,
	XC_ID,
	XC_ETHNICITY,
	XC_POLITICAL,
	XC_EDUCATION,
	XC_HOUSEHOLD,
	XC_MIGRANT,
	XC_EMPLOYMENT,
	XC_NEW_FORM,
	XC_SKILL,
	XC_PHONE,
	XC_UNION,
	XC_JOINED,
	XC_STATUS,
	XC_CODE,
	XC__MAX
};

static const char *const export_header[XC__MAX] = {"会员编号", "姓名",           "性别",     "出生日期", "身份证号",
                                                   "民族",     "政治面貌",       "学历",     "户籍类型", "是否农民工",
                                                   "用工形式", "新就业形态类别", "技能等级", "手机号",   "所在工会",
                                                   "入会日期", "会籍状态",       "激活码"};

#define EXPORT_PAGE 1000

struct xrow {
	int64_t id, person_id;
	bool imported, has_account;
	const char *path; /* the union's path: with the name and id, the key of the next page */
	const char *cells[XC__MAX];
};

static const char *col_str(struct arena *a, struct stmt *st, int col)
{
	return store_col_null(st, col) ? "" : arena_strdup(a, store_col_text(st, col));
}

static const char *opened(struct arena *a, struct stmt *st, int col, enum pii_field pf)
{
	if (store_col_null(st, col))
		return "";
	size_t n;
	const unsigned char *b = store_col_blob(st, col, &n);
	char out[PII_MAX_PLAIN + 1];
	if (pii_open(&keys_current, pf, b, n, out, sizeof(out)) < 0)
		return NULL;
	return arena_strdup(a, out);
}

/* Reads one page of the roster after the key (path, name, id); *n rows into rows. */
static enum gh_err export_page(struct ctx *c, const char *lo, const char *hi, const char *kpath, const char *kname,
                               int64_t kid, bool reveal, struct xrow *rows, int *n)
{
	*n = 0;
	struct stmt *st =
	        store_query(c->db, SQ_ROSTER_EXPORT, "ttttii", lo, hi, kpath, kname, kid, (int64_t)EXPORT_PAGE);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && *n < EXPORT_PAGE) {
		struct xrow *x = &rows[(*n)++];
		struct arena *a = c->a;
		x->id = store_col_i64(st, 0);
		x->person_id = store_col_i64(st, 1);
		x->cells[XC_NO] = col_str(a, st, 2);
		x->cells[XC_NAME] = col_str(a, st, 3);
		x->cells[XC_SEX] = !strcmp(store_col_text(st, 4), "F") ? "女" : "男";
		x->cells[XC_BIRTH] = col_str(a, st, 5);
		x->cells[XC_ID] = reveal ? opened(a, st, 21, PII_ID_NUMBER) : col_str(a, st, 6);
		x->cells[XC_PHONE] = reveal ? opened(a, st, 22, PII_PHONE) : col_str(a, st, 7);
		static const int vocab_cols[7][2] = {{XC_ETHNICITY, VOCAB_ETHNICITY},
		                                     {XC_POLITICAL, VOCAB_POLITICAL},
		                                     {XC_EDUCATION, VOCAB_EDUCATION},
		                                     {XC_HOUSEHOLD, VOCAB_HOUSEHOLD},
		                                     {XC_EMPLOYMENT, VOCAB_EMPLOYMENT},
		                                     {XC_NEW_FORM, VOCAB_NEW_FORM},
		                                     {XC_SKILL, VOCAB_SKILL}};
		static const int sql_cols[7] = {8, 9, 10, 11, 13, 14, 15};
		for (int i = 0; i < 7; i++)
			x->cells[vocab_cols[i][0]] = store_col_null(st, sql_cols[i])
			                                     ? ""
			                                     : vocab_label((enum vocab)vocab_cols[i][1],
			                                                   store_col_text(st, sql_cols[i]), true);
		x->cells[XC_MIGRANT] = store_col_i64(st, 12) ? "是" : "否";
		x->cells[XC_UNION] = col_str(a, st, 16);
		x->cells[XC_JOINED] = col_str(a, st, 18);
		x->cells[XC_STATUS] = vocab_label(VOCAB_STATUS, store_col_text(st, 19), true);
		x->imported = !strcmp(store_col_text(st, 20), "import");
		x->has_account = store_col_i64(st, 23) != 0;
		x->cells[XC_CODE] = "";
		x->path = col_str(a, st, 17);
		if (!x->cells[XC_ID] || !x->cells[XC_PHONE]) {
			store_reset(st);
			return gh_fail_set(&c->fail, GH_EIO, NULL, "无法解密（密钥不匹配或数据被篡改）",
			                   "cannot decrypt (wrong key set or tampered data)");
		}
		if (!x->path || !x->cells[XC_NAME] || !x->cells[XC_NO] || !x->cells[XC_UNION] || !x->cells[XC_JOINED] ||
		    !x->cells[XC_BIRTH]) {
			store_reset(st);
			return oom(c);
		}
	}
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err roster_export(struct ctx *c, int64_t org_id, const char *out_path, bool reveal, bool activation_codes,
                          const struct roster_export_options *opt, int64_t *rows_out)
{
	struct roster_export_options none = {0};
	if (!opt)
		opt = &none;
	if (rows_out)
		*rows_out = 0;
	if (reveal && !role_can(c->who->role, CAP_PII_REVEAL))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "reveal", "无权查看完整的身份证号和电话",
		                   "you may not see full ID and phone numbers");
	if (activation_codes && !role_can(c->who->role, CAP_MEMBER_WRITE))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "activation", "无权发放激活码",
		                   "you may not issue activation codes");
	struct org o;
	enum gh_err e = org_get(c, org_id, &o);
	if (e) {
		c->fail.field = "org";
		return e;
	}
	const char *lo = o.path, *hi = scope_hi(c->a, o.path);
	if (!hi)
		return oom(c);
	if (reveal) {
		if (tx_begin(c) < 0)
			return io_fail(c);
		if (audit_write(c, "roster.export.reveal", "org", org_id, o.path,
		                "{\"fields\":[\"id_number\",\"phone\"]}") < 0 ||
		    tx_commit(c) < 0) {
			tx_rollback(c);
			return io_fail(c);
		}
	}
	struct xlsxw *w = NULL;
	struct gh_fail f = {0};
	struct xlsxw_options xo = {.tmpdir = opt->tmpdir, .rows_per_sheet = opt->rows_per_sheet};
	int ncols = activation_codes ? XC__MAX : XC__MAX - 1;
	struct arena *caller = c->a;
	/* one page of rows and the arena of their strings (and of what the member functions
	 * allocate meanwhile), emptied page by page */
	struct xpage {
		struct arena a;
		struct xrow rows[EXPORT_PAGE];
	} *pg = malloc(sizeof(*pg));
	if (pg)
		arena_init(&pg->a, 0);
	char *kpath = strdup(""), *kname = strdup("");
	int64_t kid = 0, total = 0;
	bool snapshot = false;
	struct roster_progress prog = {.phase = 1};
	if (!pg || !kpath || !kname) {
		e = oom(c);
		goto out;
	}
	if (xlsxw_open(out_path, &xo, &w, &f) < 0 || xlsxw_sheet(w, "会员名册", export_header, ncols, &f) < 0) {
		c->fail = f;
		e = f.code ? f.code : GH_EIO;
		goto out;
	}
	/* Without codes to issue, the whole roster is read in one snapshot. */
	if (!activation_codes) {
		if (store_begin_read(c->db) < 0) {
			e = io_fail(c);
			goto out;
		}
		snapshot = true;
	}
	c->a = &pg->a;
	for (;;) {
		arena_release(&pg->a);
		int n;
		if ((e = export_page(c, lo, hi, kpath, kname, kid, reveal, pg->rows, &n)))
			goto out;
		for (int i = 0; i < n; i++) {
			struct xrow *x = &pg->rows[i];
			if (activation_codes && x->imported && !x->has_account) {
				char code[16];
				int64_t expires;
				int k = member_activation_peek(c, x->person_id, code);
				if (k < 0) {
					e = io_fail(c);
					goto out;
				}
				if (k == 0) {
					e = member_activation_issue(c, x->id, code, &expires);
					if (e == GH_ECONFLICT)
						code[0] = 0;
					else if (e)
						goto out;
					e = GH_OK;
				}
				x->cells[XC_CODE] = arena_strdup(&pg->a, code);
			}
			if (xlsxw_row(w, x->cells, ncols, &f) < 0) {
				c->fail = f;
				e = f.code ? f.code : GH_EIO;
				goto out;
			}
			if (i == n - 1) {
				char *np = strdup(x->path), *nn = strdup(x->cells[XC_NAME]);
				if (!np || !nn) {
					free(np);
					free(nn);
					e = oom(c);
					goto out;
				}
				free(kpath);
				free(kname);
				kpath = np;
				kname = nn;
				kid = x->id;
			}
			if (++total % ROSTER_PROGRESS_EVERY == 0 && opt->progress) {
				prog.rows = prog.accepted = total;
				opt->progress(opt->progress_ud, &prog);
			}
		}
		if (n < EXPORT_PAGE)
			break;
	}
	if (snapshot) {
		store_commit(c->db);
		snapshot = false;
	}
	if (xlsxw_close(w, &f) < 0) {
		w = NULL;
		c->a = caller;
		c->fail = f;
		e = f.code ? f.code : GH_EIO;
		goto out;
	}
	w = NULL;
	prog.rows = prog.accepted = total;
	if (opt->progress)
		opt->progress(opt->progress_ud, &prog);
	if (rows_out)
		*rows_out = total;
out:
	if (snapshot)
		store_rollback(c->db);
	c->a = caller;
	if (e) {
		c->fail.zh = arena_strdup(c->a, c->fail.zh);
		c->fail.en = arena_strdup(c->a, c->fail.en);
		xlsxw_free(w);
		unlink(out_path);
	}
	if (pg)
		arena_release(&pg->a);
	free(pg);
	free(kpath);
	free(kname);
	return e;
}

/* ---- Import jobs ---- */

enum gh_err roster_job_create(struct ctx *c, int64_t org_id, const char *file_name, int64_t *id, const char **path)
{
	struct org o;
	enum gh_err e = roster_check_org(c, org_id, &o);
	if (e)
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	*id = ids_next(c->db, 1);
	if (*id < 0 || store_run(c->db, SQ_IMPORT_JOB_INSERT, "iititti", *id, org_id, o.path, c->who->id, file_name,
	                         "queued", clock_now()) != 0) {
		tx_rollback(c);
		return io_fail(c);
	}
	if (tx_commit(c) < 0)
		return io_fail(c);
	if (path)
		*path = o.path;
	return GH_OK;
}

int roster_job_update(struct store *db, int64_t id, const char *state, const struct roster_report *r,
                      const char *report, bool finished)
{
	if (finished)
		return store_run(db, SQ_IMPORT_JOB_UPDATE, "itiiiti", id, state, r ? r->rows : 0, r ? r->accepted : 0,
		                 r ? r->rejected : 0, report, clock_now()) == 0
		               ? 0
		               : -1;
	return store_run(db, SQ_IMPORT_JOB_UPDATE, "itiiitn", id, state, r ? r->rows : 0, r ? r->accepted : 0,
	                 r ? r->rejected : 0, report) == 0
	               ? 0
	               : -1;
}

enum gh_err roster_job_get(struct ctx *c, int64_t id, struct roster_job *out)
{
	memset(out, 0, sizeof(*out));
	struct stmt *st = store_query(c->db, SQ_IMPORT_JOB_GET, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW) {
		out->id = store_col_i64(st, 0);
		out->org_id = store_col_i64(st, 1);
		out->path = arena_strdup(c->a, store_col_text(st, 2));
		out->account_id = store_col_i64(st, 3);
		out->file_name = store_col_null(st, 4) ? NULL : arena_strdup(c->a, store_col_text(st, 4));
		out->state = arena_strdup(c->a, store_col_text(st, 5));
		out->rows = store_col_i64(st, 6);
		out->accepted = store_col_i64(st, 7);
		out->rejected = store_col_i64(st, 8);
		out->report = store_col_null(st, 9) ? NULL : arena_strdup(c->a, store_col_text(st, 9));
		out->created_at = store_col_i64(st, 10);
		out->finished_at = store_col_null(st, 11) ? 0 : store_col_i64(st, 11);
	}
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW || !out->path || !out->state ||
	    (out->account_id != c->who->id && !scope_contains(c->who->path, out->path)))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "导入任务不存在", "no such import");
	return GH_OK;
}
