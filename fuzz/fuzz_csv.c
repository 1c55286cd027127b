/*
 * libFuzzer harness for the CSV reader (src/ingest/csv.c through sheet_open_mem) and the date
 * text parser every roster date cell goes through (sheet_parse_date_text). Arbitrary bytes are
 * read as CSV to the end, with the default bounds or, chosen by the first byte, small ones so the
 * bound errors are reached too. The harness aborts when an invariant breaks: rows numbered 1, 2,
 * 3, ... with no gaps; every cell NUL-terminated at its length, valid UTF-8, within the bounds,
 * SHEET_EMPTY exactly when empty; an error always carries a code and both messages; a parsed date
 * is a real one. Seeds: fuzz/corpus/csv/; crash inputs are kept in fuzz/regression/csv/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/time.h"
#include "ingest/sheet.h"

static void fuzz_cell(const struct sheet_cell *c, size_t cell_max)
{
	int y, m, d;

	if (c->text == NULL || c->text[c->len] != '\0' || c->len > cell_max)
		abort();
	if ((c->kind == SHEET_EMPTY) != (c->len == 0) || (c->kind != SHEET_EMPTY && c->kind != SHEET_TEXT))
		abort();
	if (!text_utf8_valid(c->text, c->len) || memchr(c->text, '\0', c->len) != NULL)
		abort();
	if (sheet_parse_date_text(c->text, c->len, &y, &m, &d) == 0 && (!cal_valid(y, m, d) || y < 1900))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_options opt = {.format = SHEET_FORMAT_CSV};
	struct sheet_reader *r = NULL;
	struct sheet_row row;
	struct gh_fail f = {0};
	size_t cell_max = SHEET_CELL_MAX, row_max = SHEET_ROW_MAX;
	int64_t want = 1;
	int cols_max = SHEET_COLS_MAX, rc, i;

	if (size > 0 && data[0] == 'B') { /* small bounds, to reach their errors */
		opt.cell_max = cell_max = 64;
		opt.row_max = row_max = 256;
		opt.cols_max = cols_max = 8;
	}
	if (sheet_open_mem(data, size, &opt, &r, &f) != 0) {
		if (r != NULL || f.code == GH_OK || f.zh == NULL || f.en == NULL)
			abort();
		return 0;
	}
	while ((rc = sheet_next(r, &row, &f)) == 1) {
		size_t bytes = 0;

		if (row.row_number != want++ || row.ncells < 0 || row.ncells > cols_max)
			abort();
		if ((row.ncells == 0) != (row.cells == NULL))
			abort();
		for (i = 0; i < row.ncells; i++) {
			fuzz_cell(&row.cells[i], cell_max);
			bytes += row.cells[i].len;
		}
		if (bytes > row_max)
			abort();
		(void)sheet_row_blank(&row);
	}
	if (rc == -1 && (f.code == GH_OK || f.zh == NULL || f.en == NULL || f.zh[0] == '\0'))
		abort();
	if (sheet_next(r, &row, NULL) != rc) /* stays where it ended */
		abort();
	if (sheet_format(r) != SHEET_FORMAT_CSV || sheet_encoding(r) == NULL)
		abort();
	sheet_close(r);
	return 0;
}
