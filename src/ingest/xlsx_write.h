/*
 * Writing .xlsx files row by row, for exports and import reports: a thin layer over
 * libxlsxwriter in its constant-memory mode, so a million rows cost no more memory than ten.
 * Every cell is written as text: ID numbers, phone numbers and codes never turn into numbers
 * (which would lose digits), and a value that starts with "=" stays text, never a formula.
 * Each sheet opens with a bold header row; when a sheet is full the rows continue on a new sheet
 * with the same header. The only file that includes xlsxwriter.h is xlsx_write.c.
 */
#ifndef GH_INGEST_XLSX_WRITE_H
#define GH_INGEST_XLSX_WRITE_H

#include <stdint.h>

#include "base/err.h"

/* Data rows a sheet holds below its header (Excel's 1,048,576 rows, less the header). */
#define XLSXW_ROWS_MAX 1048575
/* Characters one cell holds in Excel; longer text is cut to this. */
#define XLSXW_CELL_CHARS 32767
/* Columns per row (Excel's XFD). */
#define XLSXW_COLS_MAX 16384
/* Code points of a sheet's base name: the numbered continuations must fit Excel's 31. */
#define XLSXW_NAME_MAX 24

struct xlsxw;

struct xlsxw_options {
	int64_t rows_per_sheet; /* data rows per sheet before continuing (0: XLSXW_ROWS_MAX; tests use
	                         * small values) */
	const char *tmpdir;     /* where libxlsxwriter keeps its per-sheet temporary files (NULL: the
	                         * system's, through tmpfile()); copied */
};

/*
 * Starts a workbook that xlsxw_close will write to path. Nothing is written until then. Returns 0
 * and the writer in *out, or -1 with *f filled (messages are static strings). opt may be NULL.
 */
int xlsxw_open(const char *path, const struct xlsxw_options *opt, struct xlsxw **out, struct gh_fail *f);

/*
 * Starts a new sheet with a bold header row of ncols cells (the header may be NULL with ncols 0).
 * name is the sheet's tab name (NULL: "Sheet1", "Sheet2", ... by the workbook's count); when it
 * fills, the rows continue on "<name>2", "<name>3", ... (or the next "SheetN") with the same
 * header. name has at most XLSXW_NAME_MAX code points, none of []:*?/\ and is not already used.
 * The strings are copied. 0, or -1 with *f: GH_EINVAL for a bad name or header, which changes
 * nothing; after any other failure (a name already used, no memory) only xlsxw_free is left.
 */
int xlsxw_sheet(struct xlsxw *w, const char *name, const char *const *header, int ncols, struct gh_fail *f);

/*
 * Appends a row of ncells text cells to the current sheet (starting one with no header if there
 * is none). A NULL or empty string leaves its cell empty. Text that is not valid UTF-8 has the
 * offending bytes replaced by U+FFFD, and text longer than XLSXW_CELL_CHARS is cut, so a report
 * can always echo what it was given. 0 or -1 with *f (the writer can then only be freed).
 */
int xlsxw_row(struct xlsxw *w, const char *const *cells, int ncells, struct gh_fail *f);

/* Number of sheets started so far. */
int xlsxw_sheet_count(const struct xlsxw *w);

/*
 * Writes the workbook to its path and frees the writer, whatever happens. 0, or -1 with *f
 * (a partial file may then be left at path; the caller removes it).
 */
int xlsxw_close(struct xlsxw *w, struct gh_fail *f);

/* Frees the writer without writing anything (after an error, or to abandon). NULL is allowed. */
void xlsxw_free(struct xlsxw *w);

#endif
