/*
 * Roster import and export (issue 3; PRODUCT.md capability 2): a union's member list as offices
 * keep it in Excel or CSV comes in, is checked row by row and goes into the store in one write
 * transaction; a subtree's roster goes out as .xlsx. The CLI (cmd_import.c, cmd_export.c) and
 * the API (api_import.c) both call these functions; this file reads spreadsheets only through
 * ingest/sheet.h, writes them only through ingest/xlsx_write.h, and writes members only through
 * member.h (person_check, person_save, membership_create), so every rule of a member added by
 * hand holds for a member imported.
 *
 * An import runs in two phases. Phase 1 reads and checks every row outside any transaction and
 * keeps only a 16-byte entry per good row (the duplicate index). Phase 2 is one write transaction
 * that reads the file again, writes the rows phase 1 accepted (checked again: a file changed in
 * between is refused whole), creates the memberships and appends one audit row "roster.import":
 * a crash or a kill leaves nothing half-written, and the server's own writes wait only for
 * phase 2. Phase 2 writes a chunk of rows at a time in the order of their ID number's blind
 * index (docs/decisions/0011-import-speed.md); new members are written in batches (member.h,
 * member_import_*).
 */
#ifndef GH_DOMAIN_ROSTER_H
#define GH_DOMAIN_ROSTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/ctx.h"
#include "domain/org.h"

/* Rows of the file scanned for the header (the title rows above it included). */
#define ROSTER_HEADER_SCAN 20
/* Data rows one import takes; a longer file is refused whole (GH_ETOOBIG). */
#define ROSTER_ROWS_MAX 1000000
/* Problems kept per row (a row is rejected on the first; the others help fixing it at once). */
#define ROSTER_ROW_ERRORS_MAX 8
/* Bytes the report of one import may hold in memory (error messages, names, headers). */
#define ROSTER_MEM_MAX ((size_t)1 << 30)
/* The progress callback is called every this many rows. */
#define ROSTER_PROGRESS_EVERY 1000

/*
 * Test hook (ARCHITECTURE.md, "Crash tests are deterministic"): when the environment variable
 * GONGHUI_CRASH_AFTER_ROWS is N > 0, roster_import calls abort() inside its write transaction
 * right after the N-th row was written, so that a test can check that nothing of the file
 * reached the store. Never set it outside tests.
 */
#define ROSTER_CRASH_ENV "GONGHUI_CRASH_AFTER_ROWS"

/* Where an import or an export is: phase 1 checks rows, phase 2 writes them. */
struct roster_progress {
	int phase;        /* 1 reading and checking, 2 writing (import); 1 for an export */
	int64_t rows;     /* data rows read so far (blank rows not counted) */
	int64_t accepted; /* rows that passed the checks so far (phase 2: rows written) */
	int64_t rejected; /* rows rejected so far */
	int64_t written;  /* phase 2: rows handled so far (written or rejected as already a member) */
	int64_t to_write; /* phase 2: rows to handle */
};

typedef void (*roster_progress_fn)(void *ud, const struct roster_progress *p);

struct roster_options {
	const char *joined_on; /* YYYY-MM-DD for rows without a join date (NULL: today) */
	int64_t rows_max;      /* 0: ROSTER_ROWS_MAX */
	roster_progress_fn progress;
	void *progress_ud;
};

/* One problem of one row. The strings live in the report's arena. */
struct roster_error {
	int64_t row;         /* the row as the spreadsheet shows it (title and header rows counted) */
	int col;             /* index of the column in the file (0 is A), or -1 */
	const char *column;  /* the column's header as the file reads it, or NULL */
	const char *code;    /* stable token: bad_check_char, under_age, duplicate_in_file, ... */
	const char *zh, *en; /* what is wrong and what to fix */
	int64_t seq;         /* order of discovery (keeps a row's problems in order) */
};

/*
 * The outcome of an import. Everything it points to lives in its own arena (not the caller's):
 * release it with roster_report_release(). rows = accepted + rejected.
 */
struct roster_report {
	int64_t rows, accepted, rejected;
	int64_t header_row;   /* the header's row as the spreadsheet shows it */
	int ncols;            /* columns of the header row */
	const char **header;  /* ncols header texts as read (trimmed), "" for an empty one */
	const char **ignored; /* headers of the columns the importer does not know */
	int n_ignored;
	struct roster_error *errors; /* sorted by row, then by discovery */
	int64_t n_errors;
	const char *format;   /* "csv" or "xlsx" */
	const char *encoding; /* sheet_encoding(): "utf-8", "gb18030", "xlsx", ... */
	/* private */
	struct arena arena;
	int64_t cap_errors;
	void *priv;
};

/*
 * Checks that org_id is an organisation in the caller's scope that members may join (a
 * grassroots union, or a town or county federation). GH_ENOTFOUND (field "org") or GH_EINVAL.
 * out may be NULL.
 */
enum gh_err roster_check_org(struct ctx *c, int64_t org_id, struct org *out);

/*
 * Imports the roster in the file at path (.xlsx or .csv in UTF-8, GBK/GB18030 or UTF-16; the
 * format and encoding are detected) into the union org_id, which must lie in the caller's scope.
 *
 * The header is the first of the first ROSTER_HEADER_SCAN rows that names both a name column
 * (姓名) and an ID-number column (身份证号, 身份证号码, 公民身份号码, 证件号码, ...); spaces, '*',
 * line breaks and a trailing note in brackets ("身份证号（必填）") do not matter, columns may
 * come in any order, and columns the importer does not know are ignored and listed in
 * out->ignored. A row whose known columns are all empty is skipped and not counted. Values of
 * merged ranges that span rows are read for every row they cover. A header may take two rows: a
 * group row above it (two cells or more, 基本信息 over 姓名 and 性别) or a second row below it (the
 * name and ID cells empty or merged down from above, and some cell naming a known column, repeating
 * the one above or standing under a range merged across columns); each column is then named by its
 * lowest non-empty header cell, or the cell (or merged range) above it, and out->header_row is the
 * last header row.
 *
 * Each row is checked with person_check (against its own join date, or opt->joined_on, or
 * today); an ID number that Excel stored as a number and so lost digits (3.20707198501E+17)
 * is reported as id_precision_lost, never guessed; a second row with the same ID number is
 * duplicate_in_file (the first goes in); a person who is already a current (在会 or 保留会籍)
 * member is already_member_here or member_elsewhere (naming the union only when it lies in
 * the caller's scope), and nothing about them changes. Good rows become memberships with via
 * "import", in one transaction with one audit row "roster.import".
 *
 * Returns GH_OK with *out filled, rejected rows and all; the caller releases *out. On a
 * failure (the file cannot be read, has no header, is too long; the organisation is not in
 * scope; the store failed) c->fail says why (with reason no_header, no_id_column,
 * no_name_column, too_many_rows, bad_file where it applies), nothing was written, and *out
 * holds nothing to release (releasing it is harmless). opt may be NULL.
 */
enum gh_err roster_import(struct ctx *c, int64_t org_id, const char *path, const struct roster_options *opt,
                          struct roster_report *out);

/* Frees what a report holds; the report may be zeroed or already released. */
void roster_report_release(struct roster_report *r);

/*
 * The report as JSON: {"rows", "accepted", "rejected", "errors": [{"row", "column", "code",
 * "message"}], "errors_total", "errors_capped", "ignored_columns", "header_row", "format",
 * "encoding"}, with messages in Chinese (zh) or English and at most max_errors errors (< 0: all).
 * A new reference, or NULL when out of memory.
 */
json_t *roster_report_json(const struct roster_report *r, bool zh, int64_t max_errors);

/*
 * Writes the rejected rows of report r to out_path as .xlsx, ready to fix and import again: the
 * header row as the file had it, then for every rejected row its cells as the file had them (the
 * file at src_path is read again, so it must be the one imported), plus four columns 行号 (the
 * row in the original file), 错误列, 错误代码 and 错误说明 (every problem of the row, one per
 * line). tmpdir (may be NULL) is where the writer keeps its temporary files. 0, or -1 with *f.
 */
int roster_report_xlsx(const struct roster_report *r, const char *src_path, const char *out_path, bool zh,
                       const char *tmpdir, struct gh_fail *f);

/* Options of roster_export. */
struct roster_export_options {
	const char *tmpdir;     /* where the xlsx writer keeps its temporary files (NULL: the system's) */
	int64_t rows_per_sheet; /* 0: XLSXW_ROWS_MAX; the rows continue on further sheets (tests) */
	roster_progress_fn progress;
	void *progress_ud;
};

/*
 * Writes the current members (在会 and 保留会籍) of the subtree of org_id (in the caller's scope)
 * to out_path as .xlsx, ordered by union then name, with the columns 会员编号, 姓名, 性别,
 * 出生日期, 身份证号, 民族, 政治面貌, 学历, 户籍类型, 是否农民工, 用工形式, 新就业形态类别,
 * 技能等级, 手机号, 所在工会, 入会日期, 会籍状态 (and 激活码 with activation_codes). ID and
 * phone numbers are masked unless reveal, which needs pii.reveal (GH_EFORBIDDEN otherwise) and
 * appends one audit row "roster.export.reveal". With activation_codes (needs member.write), a
 * member who came in through an import and has no account yet gets their unused activation
 * code, issued now (member_activation_issue) when they have none. Past a sheet's 1,048,575
 * rows the roster continues on further sheets. *rows (may be NULL) receives the member count.
 * GH_OK, or a failure in c->fail (a partial file is removed). opt may be NULL.
 */
enum gh_err roster_export(struct ctx *c, int64_t org_id, const char *out_path, bool reveal, bool activation_codes,
                          const struct roster_export_options *opt, int64_t *rows);

/* Import jobs of the API (table import_job): the background work of POST /api/imports. */
struct roster_job {
	int64_t id, org_id, account_id;
	const char *path;      /* the organisation's path */
	const char *file_name; /* as uploaded, or NULL */
	const char *state;     /* queued, running, done, failed */
	int64_t rows, accepted, rejected;
	const char *report; /* JSON text of the report (done) or of the error (failed), or NULL */
	int64_t created_at, finished_at;
};

/* Records a queued job of the calling account for org_id (checked with roster_check_org);
 * *id receives its id and *path (may be NULL) the organisation's path, in c->a. */
enum gh_err roster_job_create(struct ctx *c, int64_t org_id, const char *file_name, int64_t *id, const char **path);
/* Moves a job to state (running, done or failed) with its counts and report JSON text (may be
 * NULL); finished stamps finished_at. 0 or -1. */
int roster_job_update(struct store *db, int64_t id, const char *state, const struct roster_report *r,
                      const char *report, bool finished);
/* Reads a job the caller may see: its own, or one whose organisation lies in the caller's
 * scope. GH_ENOTFOUND otherwise. Strings in c->a. */
enum gh_err roster_job_get(struct ctx *c, int64_t id, struct roster_job *out);

#endif
