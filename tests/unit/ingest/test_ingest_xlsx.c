/*
 * Unit tests for the .xlsx reader and writer (src/ingest/xlsx_read.c, xlsx_write.c). Fixtures
 * are made here: a roster written with libxlsxwriter as an office would have it (a merged title
 * row, a Chinese header, ID numbers as text and as numbers, a date-styled serial, shared strings,
 * an empty row), and workbooks assembled part by part with libzip where the test needs the exact
 * XML another program writes (numbers as "320707198501011234" or "3.20707198501E+17", rich text
 * with phonetic runs, namespace prefixes, the 1904 date system, styles that must not be taken for
 * dates). Then damaged and oversized files, and the writer across its sheet limit, read back.
 * ID numbers here are synthetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "ingest/sheet.h"
#include "ingest/xlsx_write.h"

static char tmp_dir[64];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmp_dir, sizeof tmp_dir, "/tmp/gh-ingest-xlsx-XXXXXX");
	return mkdtemp(tmp_dir) ? 0 : -1;
}

static const char *tmp_files[] = {"roster.xlsx", "parts.xlsx", "out.xlsx", "plain.xlsx", NULL};

static int teardown_dir(void **state)
{
	char path[128];
	int i;

	(void)state;
	for (i = 0; tmp_files[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", tmp_dir, tmp_files[i]);
		unlink(path);
	}
	return rmdir(tmp_dir);
}

static const char *tmp_path(const char *name)
{
	static char path[128];

	snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
	return path;
}

/* One part of a workbook assembled by hand. */
struct part {
	const char *name;
	const char *xml;
};

#define NS_MAIN  "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG   "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static const char pkg_rels[] = XML_DECL "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
                                        "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char wb_one_sheet[] =
        XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" "
                 "r:id=\"rId1\"/></sheets></workbook>";
static const char wb_rels[] = XML_DECL "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
                                       "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
                                       "Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId3\" "
                                       "Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                                       "</Relationships>";

/* Writes a zip of the parts (NULL-terminated) to path. */
static void write_parts(const char *path, const struct part *parts)
{
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	assert_non_null(za);
	for (; parts->name; parts++) {
		zip_source_t *src = zip_source_buffer(za, parts->xml, strlen(parts->xml), 0);

		assert_non_null(src);
		assert_true(zip_file_add(za, parts->name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
}

/* A one-sheet workbook with the given sheet, styles and shared strings (NULL: left out). */
static void write_book(const char *path, const char *sheet, const char *styles, const char *sst)
{
	struct part parts[8];
	int n = 0;

	parts[n++] = (struct part){"_rels/.rels", pkg_rels};
	parts[n++] = (struct part){"xl/workbook.xml", wb_one_sheet};
	parts[n++] = (struct part){"xl/_rels/workbook.xml.rels", wb_rels};
	parts[n++] = (struct part){"xl/worksheets/sheet1.xml", sheet};
	if (styles)
		parts[n++] = (struct part){"xl/styles.xml", styles};
	if (sst)
		parts[n++] = (struct part){"xl/sharedStrings.xml", sst};
	parts[n] = (struct part){NULL, NULL};
	write_parts(path, parts);
}

static struct sheet_reader *open_path(const char *path, const struct sheet_options *opt)
{
	struct sheet_reader *r = NULL;
	struct gh_fail f = {0};

	if (sheet_open(path, opt, &r, &f) != 0)
		fail_msg("open %s: %s", path, f.en);
	assert_int_equal(sheet_format(r), SHEET_FORMAT_XLSX);
	assert_string_equal(sheet_encoding(r), "xlsx");
	return r;
}

static void next_row(struct sheet_reader *r, struct sheet_row *row)
{
	struct gh_fail f = {0};
	int rc = sheet_next(r, row, &f);

	if (rc != 1)
		fail_msg("expected a row, got %d: %s", rc, rc < 0 ? f.en : "end");
}

static void assert_end(struct sheet_reader *r)
{
	struct sheet_row row;
	struct gh_fail f = {0};
	int rc = sheet_next(r, &row, &f);

	if (rc != 0)
		fail_msg("expected the end, got %d: %s", rc, rc < 0 ? f.en : "a row");
}

static void assert_cell(const struct sheet_row *row, int col, enum sheet_kind kind, const char *text)
{
	const struct sheet_cell *c;

	if (col >= row->ncells)
		fail_msg("row %lld has %d cells, no column %d", (long long)row->row_number, row->ncells, col);
	c = &row->cells[col];
	if (c->kind != kind || strcmp(c->text, text) != 0 || c->len != strlen(text))
		fail_msg("row %lld column %d: kind %d \"%s\", want kind %d \"%s\"", (long long)row->row_number, col,
		         c->kind, c->text, kind, text);
}

/* Expects opening or reading the workbook at path to fail with code and a message holding msg. */
static void expect_error(const char *path, const struct sheet_options *opt, enum gh_err code, const char *in_message)
{
	struct sheet_reader *r = NULL;
	struct sheet_row row;
	struct gh_fail f = {0};
	int rc = sheet_open(path, opt, &r, &f);

	if (rc == 0)
		while ((rc = sheet_next(r, &row, &f)) == 1)
			;
	else
		assert_null(r);
	assert_int_equal(rc, -1);
	assert_int_equal(f.code, code);
	assert_non_null(f.zh);
	if (strstr(f.en, in_message) == NULL) /* the messages live until sheet_close */
		fail_msg("message \"%s\" lacks \"%s\"", f.en, in_message);
	if (r) {
		assert_int_equal(sheet_next(r, &row, NULL), -1); /* stays failed */
		sheet_close(r);
	}
}

/* A roster as an office keeps it, written with libxlsxwriter (shared strings, styles, merges). */
static void write_roster(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *title, *date, *date14, *ymd;

	assert_non_null(wb);
	ws = workbook_add_worksheet(wb, "会员名册");
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_align(title, LXW_ALIGN_CENTER);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy/m/d");
	date14 = workbook_add_format(wb);
	format_set_num_format_index(date14, 14);
	ymd = workbook_add_format(wb);
	format_set_num_format(ymd, "[$-804]yyyy\"年\"m\"月\"d\"日\"");
	assert_int_equal(worksheet_merge_range(ws, 0, 0, 0, 5, "某某公司工会会员名册", title), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 1, 0, "序号", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 1, 1, "姓名", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 1, 2, "身份证号", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 1, 3, "性别", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 1, 4, "入会时间", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 1, 5, "手机号", NULL), LXW_NO_ERROR);
	/* row 3: the ID as text, the date styled yyyy/m/d */
	assert_int_equal(worksheet_write_number(ws, 2, 0, 1, NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 2, 1, "张三", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 2, 2, "110105199003071239", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 2, 3, "男", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_number(ws, 2, 4, 43586, date), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_number(ws, 2, 5, 13800138000.0, NULL), LXW_NO_ERROR);
	/* row 4 left empty; row 5: the ID as a number, the built-in date format 14 */
	assert_int_equal(worksheet_write_number(ws, 4, 0, 2, NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 4, 1, "李四", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_number(ws, 4, 2, 320707198501011234.0, NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 4, 3, "女", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_number(ws, 4, 4, 43586, date14), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 4, 5, "13900139000", NULL), LXW_NO_ERROR);
	/* row 6: the ID as Excel shows a number that lost digits, a date as text, a Chinese date
	 * format, a boolean in a column nobody named, the same name again (one shared string) */
	assert_int_equal(worksheet_write_number(ws, 5, 0, 3, NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 5, 1, "张三", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 5, 2, "3.20707198501E+17", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_string(ws, 5, 4, "2019年5月1日", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_number(ws, 5, 5, 43587, ymd), LXW_NO_ERROR);
	assert_int_equal(worksheet_write_boolean(ws, 5, 6, 1, NULL), LXW_NO_ERROR);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_roster_from_libxlsxwriter(void **state)
{
	const char *path = tmp_path("roster.xlsx");
	struct sheet_reader *r;
	struct sheet_row row;
	const struct sheet_merge *m;
	size_t nm;
	int y, mo, d, i;

	(void)state;
	write_roster(path);
	r = open_path(path, NULL);
	next_row(r, &row);
	assert_int_equal(row.row_number, 1);
	assert_cell(&row, 0, SHEET_TEXT, "某某公司工会会员名册"); /* the merged title: in its first cell */
	for (i = 1; i < row.ncells; i++)
		assert_cell(&row, i, SHEET_EMPTY, "");
	next_row(r, &row);
	assert_int_equal(row.row_number, 2);
	assert_int_equal(row.ncells, 6);
	assert_cell(&row, 0, SHEET_TEXT, "序号");
	assert_cell(&row, 2, SHEET_TEXT, "身份证号");
	assert_cell(&row, 5, SHEET_TEXT, "手机号");

	next_row(r, &row);
	assert_int_equal(row.row_number, 3);
	assert_cell(&row, 0, SHEET_NUMBER, "1");
	assert_true(row.cells[0].number == 1);
	assert_cell(&row, 1, SHEET_TEXT, "张三");
	assert_cell(&row, 2, SHEET_TEXT, "110105199003071239");
	assert_cell(&row, 4, SHEET_DATE, "43586");
	assert_true(row.cells[4].number == 43586);
	assert_int_equal(sheet_excel_serial_to_date(row.cells[4].number, &y, &mo, &d), 0);
	assert_int_equal(y * 10000 + mo * 100 + d, 20190501);
	assert_cell(&row, 5, SHEET_NUMBER, "13800138000");

	next_row(r, &row); /* row 4 is not in the file */
	assert_int_equal(row.row_number, 5);
	assert_cell(&row, 1, SHEET_TEXT, "李四");
	/* a double cannot hold 18 digits: the file stores what libxlsxwriter printed, and the reader
	 * hands that text over unchanged for the roster to judge */
	assert_cell(&row, 2, SHEET_NUMBER, "3.207071985010113E+17");
	assert_true(row.cells[2].number == 3.207071985010113E+17);
	assert_cell(&row, 4, SHEET_DATE, "43586");
	assert_cell(&row, 5, SHEET_TEXT, "13900139000");

	next_row(r, &row);
	assert_int_equal(row.row_number, 6);
	assert_cell(&row, 1, SHEET_TEXT, "张三");
	assert_cell(&row, 2, SHEET_TEXT, "3.20707198501E+17");
	assert_cell(&row, 3, SHEET_EMPTY, "");
	assert_cell(&row, 4, SHEET_TEXT, "2019年5月1日");
	assert_cell(&row, 5, SHEET_DATE, "43587");
	assert_cell(&row, 6, SHEET_BOOL, "TRUE");
	assert_true(row.cells[6].number == 1);
	assert_int_equal(row.ncells, 7);

	m = sheet_merges(r, &nm);
	assert_int_equal(nm, 0); /* not known before the end */
	assert_end(r);
	m = sheet_merges(r, &nm);
	assert_int_equal(nm, 1);
	assert_int_equal(m[0].first_row, 1);
	assert_int_equal(m[0].last_row, 1);
	assert_int_equal(m[0].first_col, 0);
	assert_int_equal(m[0].last_col, 5);
	sheet_close(r);
}

static const char parts_styles[] =
        XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\">"
                 "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;"
                 "d&quot;日&quot;\"/><numFmt numFmtId=\"165\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/>"
                 "<numFmt numFmtId=\"166\" formatCode=\"&quot;day &quot;0\"/></numFmts>"
                 "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
                 "<cellXfs count=\"6\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" xfId=\"0\"/>"
                 "<xf numFmtId=\"22\" xfId=\"0\"/><xf numFmtId=\"165\" xfId=\"0\"/><xf numFmtId=\"166\"/>"
                 "<xf numFmtId=\"49\"/></cellXfs>"
                 "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"165\" formatCode=\"yyyy\"/></dxf></dxfs>"
                 "</styleSheet>";

static const char parts_sst[] = XML_DECL "<sst xmlns=\"" NS_MAIN "\" count=\"5\" uniqueCount=\"5\">"
                                         "<si><t>姓名</t></si>"
                                         "<si><r><rPr><b/></rPr><t>身份证</t></r><r><t>号码</t></r>"
                                         "<rPh sb=\"0\" eb=\"1\"><t>ミ</t></rPh></si>"
                                         "<si><t xml:space=\"preserve\"> 入会日期 </t></si>"
                                         "<si><t>a_x000D__x000A_b_x005F_x0041_</t></si>"
                                         "<si><t/></si>"
                                         "</sst>";

static const char parts_sheet[] =
        XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><dimension ref=\"A1:F6\"/><sheetData>"
                 "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                 "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
                 "<row r=\"2\" spans=\"1:5\"><c r=\"A2\"><v>320707198501011234</v></c>"
                 "<c r=\"B2\" s=\"0\"><v>3.20707198501E+17</v></c><c r=\"C2\" s=\"1\"><v>43586</v></c>"
                 "<c r=\"E2\" t=\"inlineStr\"><is><r><t>行</t></r><r><t>内</t></r></is></c></row>"
                 "<row r=\"4\"><c t=\"str\"><f>A1</f><v>公式结果</v></c><c t=\"b\"><v>0</v></c>"
                 "<c t=\"e\"><v>#N/A</v></c><c t=\"d\"><v>2019-05-01T00:00:00</v></c>"
                 "<c s=\"2\"><v>43586.5</v></c><c s=\"3\"><v>12</v></c><c s=\"4\"><v>7</v></c>"
                 "<c s=\"5\" t=\"s\"><v>4</v></c><c s=\"1\"/><c><v>abc</v></c></row>"
                 "<row r=\"5\" ht=\"20\" customHeight=\"1\"/>"
                 "<row><c r=\"B6\" t=\"s\"><v> 3 </v></c></row>"
                 "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"B3:B5\"/>"
                 "</mergeCells><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
                 "footer=\"0.3\"/></worksheet>";

static void test_exact_xml(void **state)
{
	const char *path = tmp_path("parts.xlsx");
	struct sheet_reader *r;
	struct sheet_row row;
	const struct sheet_merge *m;
	size_t nm;

	(void)state;
	write_book(path, parts_sheet, parts_styles, parts_sst);
	r = open_path(path, NULL);
	next_row(r, &row);
	assert_int_equal(row.row_number, 1);
	assert_int_equal(row.ncells, 3);
	assert_cell(&row, 0, SHEET_TEXT, "姓名");
	assert_cell(&row, 1, SHEET_TEXT, "身份证号码"); /* runs joined, the phonetic run left out */
	assert_cell(&row, 2, SHEET_TEXT, " 入会日期 ");

	next_row(r, &row);
	assert_int_equal(row.row_number, 2);
	assert_int_equal(row.ncells, 5);
	/* an ID number that kept its digits, and one that Excel cut: both as the file has them */
	assert_cell(&row, 0, SHEET_NUMBER, "320707198501011234");
	assert_true(row.cells[0].number == 320707198501011234.0);
	assert_cell(&row, 1, SHEET_NUMBER, "3.20707198501E+17");
	assert_true(row.cells[1].number == 3.20707198501E+17);
	assert_cell(&row, 2, SHEET_DATE, "43586");
	assert_cell(&row, 3, SHEET_EMPTY, "");
	assert_cell(&row, 4, SHEET_TEXT, "行内");

	next_row(r, &row);
	assert_int_equal(row.row_number, 4);
	assert_int_equal(row.ncells, 10);
	assert_cell(&row, 0, SHEET_TEXT, "公式结果");
	assert_cell(&row, 1, SHEET_BOOL, "FALSE");
	assert_true(row.cells[1].number == 0);
	assert_cell(&row, 2, SHEET_ERROR, "#N/A");
	assert_cell(&row, 3, SHEET_DATE, "2019-05-01T00:00:00");
	assert_true(row.cells[3].number == 43586);
	assert_cell(&row, 4, SHEET_DATE, "43586.5"); /* built-in 22: date and time */
	assert_true(row.cells[4].number == 43586.5);
	assert_cell(&row, 5, SHEET_NUMBER, "12"); /* [Red] is not a date; the dxf's "yyyy" is not this format */
	assert_cell(&row, 6, SHEET_NUMBER, "7");  /* "day " in quotes is not a date */
	assert_cell(&row, 7, SHEET_EMPTY, "");    /* an empty shared string */
	assert_cell(&row, 8, SHEET_EMPTY, "");    /* a styled cell without a value */
	assert_cell(&row, 9, SHEET_TEXT, "abc");  /* a number that is not one stays text */

	next_row(r, &row);
	assert_int_equal(row.row_number, 5);
	assert_int_equal(row.ncells, 0);
	assert_true(sheet_row_blank(&row));

	next_row(r, &row);
	assert_int_equal(row.row_number, 6); /* no r: the one after */
	assert_int_equal(row.ncells, 2);
	assert_cell(&row, 1, SHEET_TEXT, "a\r\nb_x0041_"); /* _xHHHH_ escapes decoded, _x005F_ is '_' */
	assert_end(r);

	m = sheet_merges(r, &nm);
	assert_int_equal(nm, 2);
	assert_int_equal(m[1].first_row, 3);
	assert_int_equal(m[1].last_row, 5);
	assert_int_equal(m[1].first_col, 1);
	assert_int_equal(m[1].last_col, 1);
	sheet_close(r);
}

static void test_prefixes_paths_1904_and_sheet_names(void **state)
{
	static const struct part parts[] = {
	        {"_rels/.rels", XML_DECL "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
	                                 "/officeDocument\" Target=\"/xl/wb.xml\"/></Relationships>"},
	        {"xl/wb.xml", XML_DECL "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
	                               "<x:workbookPr date1904=\"1\"/><x:sheets>"
	                               "<x:sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/>"
	                               "<x:sheet name=\"名册\" sheetId=\"2\" r:id=\"rId2\"/></x:sheets></x:workbook>"},
	        {"xl/_rels/wb.xml.rels", XML_DECL
	         "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
	         "/worksheet\" Target=\"./worksheets/../worksheets/a.xml\"/><Relationship Id=\"rId2\" Type=\"" NS_REL
	         "/worksheet\" Target=\"/xl/worksheets/b.xml\"/><Relationship Id=\"rId3\" Type=\"" NS_REL
	         "/styles\" Target=\"S.xml\"/></Relationships>"},
	        {"xl/S.xml", XML_DECL "<x:styleSheet xmlns:x=\"" NS_MAIN "\"><x:cellXfs><x:xf numFmtId=\"0\"/>"
	                              "<x:xf numFmtId=\"14\"/></x:cellXfs></x:styleSheet>"},
	        {"xl/worksheets/a.xml",
	         XML_DECL "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row r=\"1\">"
	                  "<x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>请看第二页</x:t></x:is></x:c>"
	                  "</x:row></x:sheetData></x:worksheet>"},
	        {"xl/worksheets/b.xml", XML_DECL "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row r=\"3\">"
	                                         "<x:c r=\"A3\" t=\"inlineStr\"><x:is><x:t>名册</x:t></x:is></x:c>"
	                                         "<x:c r=\"B3\" s=\"1\"><x:v>42125</x:v></x:c>"
	                                         "<x:c r=\"AA3\"><x:v>-1.5e3</x:v></x:c>"
	                                         "</x:row></x:sheetData></x:worksheet>"},
	        {NULL, NULL},
	};
	const char *path = tmp_path("parts.xlsx");
	struct sheet_options opt = {.sheet_name = "名册"};
	struct sheet_reader *r;
	struct sheet_row row;
	int y, m, d;

	(void)state;
	write_parts(path, parts);
	r = open_path(path, NULL); /* the first sheet */
	next_row(r, &row);
	assert_cell(&row, 0, SHEET_TEXT, "请看第二页");
	assert_end(r);
	sheet_close(r);

	r = open_path(path, &opt);
	next_row(r, &row);
	assert_int_equal(row.row_number, 3);
	assert_int_equal(row.ncells, 27);
	assert_cell(&row, 0, SHEET_TEXT, "名册");
	assert_cell(&row, 1, SHEET_DATE, "42125");
	assert_true(row.cells[1].number == 42125 + 1462); /* moved to the 1900 system */
	assert_int_equal(sheet_excel_serial_to_date(row.cells[1].number, &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20190502);
	assert_cell(&row, 26, SHEET_NUMBER, "-1.5e3");
	assert_true(row.cells[26].number == -1500);
	assert_end(r);
	sheet_close(r);

	opt.sheet_name = "花名册";
	expect_error(path, &opt, GH_EINVAL, "no sheet named \"花名册\"");
}

static void test_damaged_files(void **state)
{
	const char *path = tmp_path("parts.xlsx");
	struct sheet_reader *r = NULL;
	struct gh_fail f = {0};
	char *data;
	long n;
	FILE *fp;

	(void)state;
	write_book(path, XML_DECL "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>", NULL, NULL);
	expect_error(path, NULL, GH_EINVAL, "DOCTYPE");
	write_book(path, XML_DECL "<worksheet><sheetData/></worksheet>", NULL,
	           XML_DECL "<!DOCTYPE sst><sst><si><t>x</t></si></sst>");
	expect_error(path, NULL, GH_EINVAL, "DOCTYPE");
	write_book(path, "<worksheet><sheetData><row r=\"1\"><c r=\"1A\"><v>1</v></c></row></sheetData></worksheet>",
	           NULL, NULL);
	expect_error(path, NULL, GH_EINVAL, "row 1: bad cell reference \"1A\"");
	write_book(path, "<worksheet><sheetData><row r=\"1\"><c r=\"AAAA1\"><v>1</v></c></row></sheetData></worksheet>",
	           NULL, NULL);
	expect_error(path, NULL, GH_EINVAL, "bad cell reference");
	write_book(path, "<worksheet><sheetData><row r=\"x\"/></sheetData></worksheet>", NULL, NULL);
	expect_error(path, NULL, GH_EINVAL, "bad row number");
	write_book(path, "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>1</v></c></row></sheetData></worksheet>",
	           NULL, XML_DECL "<sst><si><t>x</t></si></sst>");
	expect_error(path, NULL, GH_EINVAL, "row 1, column A: shared string index out of range");
	write_book(path, "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2", NULL, NULL);
	expect_error(path, NULL, GH_EINVAL, "the sheet's XML is malformed (near row 2)");
	write_book(path, "<worksheet><sheetData></worksheet>", NULL, NULL);
	expect_error(path, NULL, GH_EINVAL, "malformed");
	write_book(path, "<worksheet/>", "<styleSheet><cellXfs>", NULL);
	expect_error(path, NULL, GH_EINVAL, "xl/styles.xml in the workbook is not valid XML");

	/* a workbook without its workbook part */
	write_parts(path, (const struct part[]){{"_rels/.rels", pkg_rels}, {"x.txt", "hello"}, {NULL, NULL}});
	expect_error(path, NULL, GH_EINVAL, "no part xl/workbook.xml");
	/* a relationship to a sheet that is not there */
	write_parts(path, (const struct part[]){{"xl/workbook.xml", wb_one_sheet},
	                                        {"xl/_rels/workbook.xml.rels", wb_rels},
	                                        {NULL, NULL}});
	expect_error(path, NULL, GH_EINVAL, "no part xl/worksheets/sheet1.xml");

	/* the roster cut in half, and a ZIP signature followed by nonsense */
	write_roster(tmp_path("roster.xlsx"));
	fp = fopen(tmp_path("roster.xlsx"), "rb");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	data = malloc((size_t)n);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	assert_int_equal(sheet_open_mem(data, (size_t)n / 2, NULL, &r, &f), -1);
	assert_null(r);
	assert_int_equal(f.code, GH_EINVAL);
	assert_non_null(strstr(f.en, "not a valid .xlsx file"));
	assert_int_equal(sheet_open_mem("PK\3\4 nothing else", 18, NULL, &r, &f), -1);
	assert_int_equal(f.code, GH_EINVAL);
	/* the whole file from memory works */
	assert_int_equal(sheet_open_mem(data, (size_t)n, NULL, &r, &f), 0);
	assert_int_equal(sheet_format(r), SHEET_FORMAT_XLSX);
	sheet_close(r);
	free(data);
}

static void test_bounds(void **state)
{
	const char *path = tmp_path("parts.xlsx");
	struct sheet_options opt = {0};

	(void)state;
	write_book(path, parts_sheet, parts_styles, parts_sst);
	opt.strings_max = 64;
	expect_error(path, &opt, GH_ETOOBIG, "the shared strings pass the limit");
	opt.strings_max = 0;
	opt.strings_count_max = 3;
	expect_error(path, &opt, GH_ETOOBIG, "more than 3 shared strings");
	opt.strings_count_max = 0;
	opt.cols_max = 9;
	expect_error(path, &opt, GH_ETOOBIG, "row 4: column J is past the limit of 9 columns");
	opt.cols_max = 0;
	opt.cell_max = 8;
	expect_error(path, &opt, GH_ETOOBIG, "row 2, column A is longer than 8 bytes");
	opt.cell_max = 0;
	opt.row_max = 40;
	expect_error(path, &opt, GH_ETOOBIG, "row 2 is longer than 40 bytes");
}

/* Reads the sheet named name from path and checks it holds the header and data rows first..last. */
static void check_part(const char *path, const char *name, int first, int last)
{
	struct sheet_options opt = {.sheet_name = name};
	struct sheet_reader *r = open_path(path, &opt);
	struct sheet_row row;
	char want[32];
	int i;

	next_row(r, &row);
	assert_int_equal(row.row_number, 1);
	assert_int_equal(row.ncells, 3);
	assert_cell(&row, 0, SHEET_TEXT, "序号");
	assert_cell(&row, 1, SHEET_TEXT, "身份证号");
	assert_cell(&row, 2, SHEET_TEXT, "备注");
	for (i = first; i <= last; i++) {
		next_row(r, &row);
		assert_int_equal(row.row_number, i - first + 2);
		snprintf(want, sizeof want, "%d", i);
		assert_cell(&row, 0, SHEET_TEXT, want);
		assert_cell(&row, 1, SHEET_TEXT, "320707198501011234"); /* never a number */
		assert_cell(&row, 2, SHEET_TEXT, "=1+1");               /* never a formula */
	}
	assert_end(r);
	sheet_close(r);
}

static void test_writer_continues_on_new_sheets(void **state)
{
	const char *path = tmp_path("out.xlsx");
	const char *header[] = {"序号", "身份证号", "备注"};
	struct xlsxw_options opt = {.rows_per_sheet = 10};
	struct xlsxw *w = NULL;
	struct gh_fail f = {0};
	char num[16];
	int i;

	(void)state;
	assert_int_equal(xlsxw_open(path, &opt, &w, &f), 0);
	assert_int_equal(xlsxw_sheet(w, "名单", header, 3, &f), 0);
	for (i = 1; i <= 25; i++) {
		const char *cells[3] = {num, "320707198501011234", "=1+1"};

		snprintf(num, sizeof num, "%d", i);
		assert_int_equal(xlsxw_row(w, cells, 3, &f), 0);
	}
	assert_int_equal(xlsxw_sheet_count(w), 3);
	assert_int_equal(xlsxw_close(w, &f), 0);
	check_part(path, "名单", 1, 10);
	check_part(path, "名单2", 11, 20);
	check_part(path, "名单3", 21, 25);
	check_part(path, NULL, 1, 10);
}

static void test_writer_cleans_text(void **state)
{
	const char *path = tmp_path("out.xlsx");
	struct xlsxw *w = NULL;
	struct gh_fail f = {0};
	struct sheet_reader *r;
	struct sheet_row row;
	char *longer = malloc(40001), *cut = malloc(3 * 40000 + 1);
	const char *cells[] = {"a\x01"
	                       "b_x0041_c",
	                       "bad \xFF\xC0 bytes",
	                       "",
	                       NULL,
	                       longer,
	                       cut,
	                       "\xEF\xBF\xBE"};
	int i;

	(void)state;
	assert_non_null(longer);
	assert_non_null(cut);
	memset(longer, 'x', 40000);
	longer[40000] = '\0';
	for (i = 0; i < 40000; i++)
		memcpy(cut + 3 * i, "字", 3);
	cut[3 * 40000] = '\0';
	assert_int_equal(xlsxw_open(path, NULL, &w, &f), 0);
	assert_int_equal(xlsxw_row(w, cells, 7, &f), 0); /* no sheet yet: one without a header */
	assert_int_equal(xlsxw_close(w, &f), 0);

	r = open_path(path, NULL);
	next_row(r, &row);
	assert_int_equal(row.row_number, 1);
	assert_int_equal(row.ncells, 7);
	assert_cell(&row, 0, SHEET_TEXT,
	            "a\x01"
	            "b_x0041_c"); /* back exactly as given */
	assert_cell(&row, 1, SHEET_TEXT, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
	assert_cell(&row, 2, SHEET_EMPTY, "");
	assert_cell(&row, 3, SHEET_EMPTY, "");
	assert_int_equal(row.cells[4].len, XLSXW_CELL_CHARS);
	assert_int_equal(row.cells[5].len, 3 * XLSXW_CELL_CHARS);
	assert_cell(&row, 6, SHEET_TEXT, "\xEF\xBF\xBD");
	assert_end(r);
	sheet_close(r);
	free(longer);
	free(cut);
}

static void test_writer_names(void **state)
{
	const char *path = tmp_path("plain.xlsx");
	const char *one[] = {"x"};
	struct xlsxw_options opt = {.rows_per_sheet = 1};
	struct xlsxw *w = NULL;
	struct gh_fail f = {0};
	struct sheet_options ro = {.sheet_name = "Sheet2"};
	struct sheet_reader *r;
	struct sheet_row row;

	(void)state;
	assert_int_equal(xlsxw_open(path, &opt, &w, &f), 0);
	assert_int_equal(xlsxw_sheet(w, "a/b", one, 1, &f), -1);
	assert_int_equal(f.code, GH_EINVAL);
	assert_int_equal(xlsxw_sheet(w, "一二三四五六七八九十一二三四五六七八九十一二三四五", one, 1, &f), -1);
	assert_int_equal(xlsxw_sheet(w, NULL, one, 1, &f), 0);
	assert_int_equal(xlsxw_row(w, one, 1, &f), 0);
	assert_int_equal(xlsxw_row(w, one, 1, &f), 0);              /* continues on Sheet2 */
	assert_int_equal(xlsxw_sheet(w, "Sheet2", one, 1, &f), -1); /* already used */
	xlsxw_free(w);                                              /* abandoned: nothing written */
	assert_int_equal(access(path, F_OK), -1);

	assert_int_equal(xlsxw_open(path, &opt, &w, &f), 0);
	assert_int_equal(xlsxw_sheet(w, NULL, one, 1, &f), 0);
	assert_int_equal(xlsxw_row(w, one, 1, &f), 0);
	assert_int_equal(xlsxw_row(w, one, 1, &f), 0);
	assert_int_equal(xlsxw_sheet_count(w), 2);
	assert_int_equal(xlsxw_close(w, &f), 0);
	r = open_path(path, &ro);
	next_row(r, &row);
	assert_cell(&row, 0, SHEET_TEXT, "x");
	next_row(r, &row);
	assert_int_equal(row.row_number, 2);
	assert_end(r);
	sheet_close(r);
	assert_int_equal(xlsxw_open("/nonexistent/dir/out.xlsx", NULL, &w, &f), 0);
	assert_int_equal(xlsxw_close(w, &f), -1); /* the folder is not there */
	assert_int_equal(f.code, GH_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_roster_from_libxlsxwriter),
	        cmocka_unit_test(test_exact_xml),
	        cmocka_unit_test(test_prefixes_paths_1904_and_sheet_names),
	        cmocka_unit_test(test_damaged_files),
	        cmocka_unit_test(test_bounds),
	        cmocka_unit_test(test_writer_continues_on_new_sheets),
	        cmocka_unit_test(test_writer_cleans_text),
	        cmocka_unit_test(test_writer_names),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
