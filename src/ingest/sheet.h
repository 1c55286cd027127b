/*
 * Spreadsheets as rows of cells: the one reading interface over .csv and .xlsx files that the
 * roster import (src/ingest/roster.c) and any other bulk import use. It knows nothing of members:
 * it turns a file into rows of typed cells, streaming one row at a time so that memory does not
 * grow with the file, and it carries the date helpers that turn what offices type or Excel stores
 * into calendar dates. Every input is untrusted: every buffer here has a bound and a clear error
 * when a file passes it. The writing side is src/ingest/xlsx_write.h.
 */
#ifndef GH_INGEST_SHEET_H
#define GH_INGEST_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* Default bounds (struct sheet_options: 0 takes these). */
#define SHEET_CELL_MAX          ((size_t)128 << 10) /* bytes of one cell (Excel holds 32,767 characters) */
#define SHEET_ROW_MAX           ((size_t)4 << 20)   /* bytes of one row's text */
#define SHEET_COLS_MAX          16384               /* cells in one row (Excel's last column is XFD) */
#define SHEET_STRINGS_MAX       ((size_t)512 << 20) /* xlsx shared strings table: bytes held in memory */
#define SHEET_STRINGS_COUNT_MAX ((size_t)50000000)  /* xlsx shared strings table: entries */
#define SHEET_MERGES_MAX        ((size_t)1000000)   /* xlsx merged ranges kept for sheet_merges() */

/* What a cell holds. */
enum sheet_kind {
	SHEET_EMPTY,  /* nothing: a missing cell, an empty CSV field, an empty string */
	SHEET_TEXT,   /* text: every non-empty CSV field; xlsx shared, inline and formula strings */
	SHEET_NUMBER, /* an xlsx number: text is the number exactly as the file stores it
	               * ("320707198501011234", "3.20707198501E+17"), number its value */
	SHEET_BOOL,   /* an xlsx boolean: text "TRUE" or "FALSE", number 1 or 0 */
	SHEET_DATE,   /* an xlsx number whose cell style is a date or time format: text as stored,
	               * number the serial day in the 1900 date system (see sheet_excel_serial_to_date),
	               * converted when the workbook uses the 1904 system */
	SHEET_ERROR,  /* an xlsx error value: text as Excel shows it ("#N/A", "#VALUE!") */
	SHEET_KIND__MAX
};

/*
 * One cell. text is never NULL and always NUL-terminated ("" for SHEET_EMPTY); len is its length
 * in bytes (text may hold a NUL byte only if the xlsx file escaped one as _x0000_). Text is valid
 * UTF-8. number is 0 unless kind is SHEET_NUMBER, SHEET_BOOL or SHEET_DATE.
 */
struct sheet_cell {
	const char *text;
	size_t len;
	enum sheet_kind kind;
	double number;
};

/*
 * One row. row_number is the row as the spreadsheet shows it, 1-based: in a CSV file the record's
 * ordinal (a quoted field with newlines inside is still one row; blank lines count), in .xlsx the
 * row's own number (rows the file leaves out are not returned, so numbers may jump). cells[i] is
 * column i (0 is A); a column the file leaves out inside the row is SHEET_EMPTY. A blank CSV line
 * gives ncells 0; callers that skip blank rows use sheet_row_blank().
 */
struct sheet_row {
	int64_t row_number;
	int ncells;
	struct sheet_cell *cells;
};

/* A merged range of an .xlsx sheet: rows as shown (1-based), columns as indexes of cells[]. */
struct sheet_merge {
	int64_t first_row, last_row;
	int first_col, last_col;
};

enum sheet_format {
	SHEET_FORMAT_AUTO, /* .xlsx when the data starts with a ZIP signature, else CSV */
	SHEET_FORMAT_CSV,
	SHEET_FORMAT_XLSX,
	SHEET_FORMAT__MAX
};

/* Options of sheet_open(); a zeroed struct (or NULL) means the defaults. */
struct sheet_options {
	enum sheet_format format;
	const char *sheet_name;   /* xlsx: the sheet to read by its tab name (NULL: the first sheet) */
	size_t cell_max;          /* bytes of one cell (0: SHEET_CELL_MAX) */
	size_t row_max;           /* bytes of one row's text (0: SHEET_ROW_MAX) */
	int cols_max;             /* cells in one row (0: SHEET_COLS_MAX) */
	size_t strings_max;       /* xlsx: bytes of the shared strings table (0: SHEET_STRINGS_MAX) */
	size_t strings_count_max; /* xlsx: entries of that table (0: SHEET_STRINGS_COUNT_MAX) */
};

/* A reader over one file. Opaque; one thread at a time. */
struct sheet_reader;

/*
 * Opens the file at path for reading row by row. The format is detected from the content, not
 * the name: a ZIP signature means .xlsx; an old binary .xls (or a password-protected workbook) is
 * refused with a message saying to save it as .xlsx; anything else is read as CSV.
 *
 * CSV (RFC 4180): fields separated by commas, or by tabs or semicolons when the first line has no
 * comma but has those; fields in double quotes may hold the separator, newlines and doubled
 * quotes; lines end in LF, CRLF or CR. The encoding is detected: a UTF-8 byte-order mark or text
 * that is valid UTF-8 is read as UTF-8; a UTF-16 byte-order mark (Excel's "Unicode text") as
 * UTF-16; anything else as GB18030 (a superset of GBK and GB2312), converted with iconv. Every
 * field is SHEET_TEXT or SHEET_EMPTY.
 *
 * .xlsx: the first sheet of the workbook (or opt->sheet_name), read with its shared strings
 * (held in memory, bounded by opt->strings_max) and the cell styles that mark dates.
 *
 * Returns 0 and a reader in *out, which the caller frees with sheet_close(); or -1 with *out NULL
 * and *f filled (GH_EIO: the file cannot be read; GH_EINVAL: not a spreadsheet we can read or a
 * malformed one; GH_ETOOBIG: a bound was passed; GH_ENOMEM). The messages of a failed open are
 * static strings or live in this thread's buffers until its next failed open.
 * opt may be NULL; it is copied, except sheet_name, which must live until sheet_open returns.
 */
int sheet_open(const char *path, const struct sheet_options *opt, struct sheet_reader **out, struct gh_fail *f);

/*
 * Like sheet_open, over data[0..n) in memory (tests, fuzzing, an upload already in memory).
 * data is not copied: it must stay valid and unchanged until sheet_close.
 */
int sheet_open_mem(const void *data, size_t n, const struct sheet_options *opt, struct sheet_reader **out,
                   struct gh_fail *f);

/*
 * Reads the next row into *row: 1 for a row, 0 at the end of the sheet, -1 on an error, with *f
 * (when not NULL) saying what and where ("第 12 行：…" / "row 12: ..."; GH_EINVAL for a malformed
 * file, GH_ETOOBIG when a cell, a row or a table passed its bound, GH_EIO for a read error,
 * GH_ENOMEM). The row, its cells and their text belong to the reader and stay valid until the
 * next call to sheet_next or sheet_close; the messages of *f until sheet_close. After 0 or -1,
 * every later call returns the same.
 */
int sheet_next(struct sheet_reader *r, struct sheet_row *row, struct gh_fail *f);

/*
 * The merged ranges of an .xlsx sheet, in file order. A file lists them after all its rows, so
 * this is complete only once sheet_next has returned 0; the value of a merged range is in its
 * first (top-left) cell and the other cells read as missing. The title row above a roster's
 * header is usually such a range. CSV files have none. The array belongs to the reader (valid
 * until sheet_close); *n gets its length.
 */
const struct sheet_merge *sheet_merges(const struct sheet_reader *r, size_t *n);

/* SHEET_FORMAT_CSV or SHEET_FORMAT_XLSX. */
enum sheet_format sheet_format(const struct sheet_reader *r);

/*
 * The encoding the reader found: "utf-8", "gb18030", "utf-16le", "utf-16be" for CSV ("ascii"
 * while nothing but ASCII has been read), "xlsx" for workbooks. Static string.
 */
const char *sheet_encoding(const struct sheet_reader *r);

/* Frees the reader and everything it returned. NULL is allowed. */
void sheet_close(struct sheet_reader *r);

/* True if every cell of row is SHEET_EMPTY or text made only of white space (also ncells 0). */
bool sheet_row_blank(const struct sheet_row *row);

/*
 * The column's letters as Excel shows them: 0 -> "A", 25 -> "Z", 26 -> "AA", 16383 -> "XFD".
 * out must hold at least 8 bytes; a negative col gives "?".
 */
void sheet_col_name(int col, char out[8]);

/*
 * The date of an Excel serial day in the 1900 date system: 1 is 1900-01-01, 59 is 1900-02-28,
 * 61 is 1900-03-01, 43586 is 2019-05-01. Excel counts a 29 February 1900 that never was (serial
 * 60); that serial is refused. A fraction (the time of day) is dropped. 0 or -1 (not finite,
 * below 1, 60, or after 9999-12-31).
 */
int sheet_excel_serial_to_date(double serial, int *y, int *m, int *d);

/*
 * Parses a date as people type it into s[0..n) (not NUL-terminated): 2019-05-01, 2019/05/01,
 * 2019.05.01 (one separator kind, month and day of one or two digits), 2019年5月1日 (and
 * 2019年05月01日, spaces allowed around the characters), 20190501; full-width digits and
 * separators and surrounding white space are folded first (text_fold_ascii), and a time after
 * the date ("2019/5/1 0:00", "2019-05-01 08:30:00") is allowed and ignored. The year has four
 * digits, from 1900. Refuses what is not a real date (2019-02-29, 2019-13-01). 0 or -1; the
 * outputs are set only on 0.
 */
int sheet_parse_date_text(const char *s, size_t n, int *y, int *m, int *d);

#endif
