/*
 * Inside the sheet reader: the shape every format backend has (csv.c, xlsx_read.c) and the row
 * building helpers they share (sheet.c). Only src/ingest/ includes this; callers use sheet.h.
 * A backend fills the reader's current row with sheet_row_cell / sheet_row_text and reports
 * failures with sheet_fail, which keeps the message in the reader.
 */
#ifndef GH_INGEST_SHEET_IMPL_H
#define GH_INGEST_SHEET_IMPL_H

#include <stdio.h>

#include "base/buf.h"
#include "ingest/sheet.h"

struct sheet_reader;

/* One format: how to read its next row and how to free its state. */
struct sheet_backend {
	const char *name;
	/* Fills the reader's row: 1 for a row, 0 at the end, -1 after sheet_fail. */
	int (*next)(struct sheet_reader *r);
	/* Frees r->state (called once, by sheet_close). */
	void (*free)(struct sheet_reader *r);
};

struct sheet_reader {
	const struct sheet_backend *backend;
	void *state; /* the backend's, freed by backend->free */
	enum sheet_format format;
	const char *encoding; /* static string, see sheet_encoding() */

	/* bounds, resolved from struct sheet_options */
	size_t cell_max, row_max, strings_max, strings_count_max;
	int cols_max;

	/* the row being built: cells[0..ncells), each cell's text at offs[i] in text (SIZE_MAX: the
	 * cell's text pointer is already set, e.g. to a shared string) */
	int64_t row_number;
	struct sheet_cell *cells;
	size_t *offs;
	int ncells, cells_cap;
	struct buf text;

	struct sheet_merge *merges;
	size_t nmerges, merges_cap;

	int status; /* 1 running, 0 ended, -1 failed */
	enum gh_err err;
	char zh[256], en[256];
};

/* Allocates a reader with the bounds of opt (NULL: defaults); NULL when out of memory. */
struct sheet_reader *sheet_reader_new(const struct sheet_options *opt);

/* Empties the row being built. */
void sheet_row_reset(struct sheet_reader *r);

/*
 * The cell of column col of the row being built, created (SHEET_EMPTY) with every missing cell
 * before it; NULL after sheet_fail when col is past cols_max or memory runs out.
 */
struct sheet_cell *sheet_row_cell(struct sheet_reader *r, int col);

/* Appends p[0..n) to the row's text; -1 after sheet_fail when the row would pass row_max. */
int sheet_row_text(struct sheet_reader *r, const char *p, size_t n);

/* Appends a merged range; -1 after sheet_fail past SHEET_MERGES_MAX or out of memory. */
int sheet_merge_add(struct sheet_reader *r, const struct sheet_merge *m);

/* Marks the reader failed with code and the message built from the formats; returns -1. */
int sheet_fail_code(struct sheet_reader *r, enum gh_err code);
/* Marks the reader failed with a fixed message; returns -1. */
int sheet_fail_static(struct sheet_reader *r, enum gh_err code, const char *zh, const char *en);
#define sheet_fail(r, code, zhfmt, enfmt, ...)                   \
	(snprintf((r)->zh, sizeof((r)->zh), zhfmt, __VA_ARGS__), \
	 snprintf((r)->en, sizeof((r)->en), enfmt, __VA_ARGS__), sheet_fail_code((r), (code)))

/*
 * The backends' constructors: on success they set r->backend, r->state, r->format, r->encoding.
 * On failure they return -1 having either called sheet_fail (the message is in r) or filled *f
 * with static strings; whatever state they set in r is freed by sheet_close.
 */
int csv_open_file(struct sheet_reader *r, FILE *fp, struct gh_fail *f);
int csv_open_mem(struct sheet_reader *r, const void *data, size_t n, struct gh_fail *f);
int xlsx_open_path(struct sheet_reader *r, const char *path, const char *sheet_name, struct gh_fail *f);
int xlsx_open_mem(struct sheet_reader *r, const void *data, size_t n, const char *sheet_name, struct gh_fail *f);

#endif
