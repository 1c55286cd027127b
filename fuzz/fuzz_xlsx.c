/*
 * libFuzzer harness for the .xlsx reader (src/ingest/xlsx_read.c through sheet_open_mem).
 * Two ways in. An input that starts with a ZIP signature is read as a workbook file, so damaged
 * and truncated archives reach libzip and the part lookup. Anything else is XML the harness puts
 * into a workbook it builds in memory (stored, not compressed, so mutations stay meaningful):
 * the input is split at lines "@@" into the worksheet, the shared strings, the styles and the
 * workbook part (a standard one when absent); that is how expat and the sheet, string and style
 * handlers get fuzzed. Every sheet is read to the end. The harness aborts when an invariant
 * breaks: cells NUL-terminated at their length, valid UTF-8 except for escaped NULs, kinds in
 * range with the text they promise, rows numbered from 1, merges with sane references, errors
 * with a code and messages. Seeds: fuzz/corpus/xlsx/; crash inputs in fuzz/regression/xlsx/.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/text.h"
#include "ingest/sheet.h"

#define FUZZ_SEP "\n@@\n"

static const char fuzz_pkg_rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char fuzz_wb[] = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "</sheets></workbook>";
static const char fuzz_wb_rels[] = "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
                                   "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/styles\" "
                                   "Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"x/sharedStrings\" "
                                   "Target=\"sharedStrings.xml\"/></Relationships>";

/* Builds a stored ZIP of the parts in memory; NULL on failure. The caller frees it. */
static void *fuzz_zip(const char *const *names, const char *const *datas, const size_t *lens, int n, size_t *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	void *mem = NULL;
	int i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src == NULL)
		abort();
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (za == NULL)
		abort();
	for (i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, datas[i], lens[i], 0);
		zip_int64_t idx = s ? zip_file_add(za, names[i], s, 0) : -1;

		if (idx < 0 || zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0)
			abort();
	}
	if (zip_close(za) < 0)
		abort();
	if (zip_source_open(src) == 0) {
		zip_stat_init(&st);
		if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > 0) {
			mem = malloc(st.size);
			if (mem == NULL || zip_source_read(src, mem, st.size) != (zip_int64_t)st.size)
				abort();
			*out = st.size;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return mem;
}

static void fuzz_read(const void *data, size_t size, const struct sheet_options *opt)
{
	struct sheet_reader *r = NULL;
	struct sheet_row row;
	struct gh_fail f = {0};
	const struct sheet_merge *m;
	size_t nm, k;
	int rc, i;

	if (sheet_open_mem(data, size, opt, &r, &f) != 0) {
		if (r != NULL || f.code == GH_OK || f.zh == NULL || f.en == NULL)
			abort();
		return;
	}
	while ((rc = sheet_next(r, &row, &f)) == 1) {
		if (row.row_number < 1 || row.ncells < 0 || row.ncells > SHEET_COLS_MAX)
			abort();
		for (i = 0; i < row.ncells; i++) {
			const struct sheet_cell *c = &row.cells[i];

			if (c->text == NULL || c->text[c->len] != '\0' || (unsigned)c->kind >= SHEET_KIND__MAX)
				abort();
			if ((c->kind == SHEET_EMPTY) != (c->len == 0))
				abort();
			if (memchr(c->text, '\0', c->len) == NULL && !text_utf8_valid(c->text, c->len))
				abort();
			if ((c->kind == SHEET_NUMBER || c->kind == SHEET_DATE) && !isfinite(c->number))
				abort();
			if (c->kind == SHEET_BOOL && strcmp(c->text, c->number ? "TRUE" : "FALSE") != 0)
				abort();
		}
		(void)sheet_row_blank(&row);
	}
	if (rc == -1 && (f.code == GH_OK || f.zh == NULL || f.en == NULL))
		abort();
	m = sheet_merges(r, &nm);
	for (k = 0; k < nm; k++)
		if (m[k].first_row < 1 || m[k].last_row < 1 || m[k].first_col < 0 || m[k].last_col < 0)
			abort();
	sheet_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet_options opt = {.format = SHEET_FORMAT_XLSX};
	const char *names[7] = {"_rels/.rels",
	                        "xl/_rels/workbook.xml.rels",
	                        "xl/worksheets/sheet1.xml",
	                        "xl/sharedStrings.xml",
	                        "xl/styles.xml",
	                        "xl/workbook.xml"};
	const char *datas[7] = {fuzz_pkg_rels, fuzz_wb_rels};
	size_t lens[7] = {sizeof fuzz_pkg_rels - 1, sizeof fuzz_wb_rels - 1};
	const char *p = (const char *)data, *end = p + size;
	size_t zlen = 0;
	void *zip;
	int n = 2;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		fuzz_read(data, size, &opt);
		return 0;
	}
	if (size > 1 << 20)
		return 0;
	/* the worksheet, then the shared strings, the styles, the workbook, split at "@@" lines */
	while (n < 6) {
		const char *sep = memmem(p, (size_t)(end - p), FUZZ_SEP, sizeof FUZZ_SEP - 1);
		const char *stop = sep ? sep : end;

		datas[n] = p;
		lens[n] = (size_t)(stop - p);
		n++;
		if (sep == NULL)
			break;
		p = sep + sizeof FUZZ_SEP - 1;
	}
	if (n < 6) {
		names[n] = "xl/workbook.xml";
		datas[n] = fuzz_wb;
		lens[n] = sizeof fuzz_wb - 1;
		n++;
	}
	zip = fuzz_zip(names, datas, lens, n, &zlen);
	if (zip == NULL)
		return 0;
	if (size > 0 && data[0] == ' ') { /* small bounds, to reach their errors */
		opt.cell_max = 64;
		opt.row_max = 256;
		opt.cols_max = 8;
		opt.strings_max = 1024;
		opt.strings_count_max = 16;
	}
	fuzz_read(zip, zlen, &opt);
	free(zip);
	return 0;
}
