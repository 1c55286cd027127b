/*
 * Unit tests for the CSV side of the sheet reader (src/ingest/csv.c through sheet.h): RFC 4180
 * quoting, newlines inside quotes, CRLF, LF and CR line ends, the byte-order marks, encoding
 * detection (UTF-8, GBK converted with iconv here and in the committed fixture
 * tests/data/ingest/roster-gbk.csv, UTF-16), separators, blank lines that keep their row numbers,
 * the bounds on cells and rows, and inputs long enough to cross the reader's buffers. ID numbers
 * here are synthetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/buf.h"
#include "ingest/sheet.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* Opens the CSV text s[0..n) from memory; fails the test if it cannot. */
static struct sheet_reader *open_mem(const char *s, size_t n, const struct sheet_options *opt)
{
	struct sheet_reader *r = NULL;
	struct gh_fail f = {0};

	if (sheet_open_mem(s, n, opt, &r, &f) != 0)
		fail_msg("open: %s", f.en);
	assert_int_equal(sheet_format(r), SHEET_FORMAT_CSV);
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

	assert_int_equal(sheet_next(r, &row, NULL), 0);
	assert_int_equal(sheet_next(r, &row, NULL), 0); /* and stays there */
}

/* Checks a row's number and cells against the texts given ("" for an empty cell). */
static void assert_row(const struct sheet_row *row, int64_t number, int ncells, ...)
{
	va_list ap;
	int i;

	assert_int_equal(row->row_number, number);
	assert_int_equal(row->ncells, ncells);
	va_start(ap, ncells);
	for (i = 0; i < ncells; i++) {
		const char *want = va_arg(ap, const char *);
		const struct sheet_cell *c = &row->cells[i];

		assert_string_equal(c->text, want);
		assert_int_equal(c->len, strlen(want));
		assert_int_equal(c->kind, want[0] ? SHEET_TEXT : SHEET_EMPTY);
	}
	va_end(ap);
}

/* Reads all of s and expects an error with code, found on open or on a later row. */
static void expect_error(const char *s, size_t n, const struct sheet_options *opt, enum gh_err code,
                         const char *in_message)
{
	struct sheet_reader *r = NULL;
	struct sheet_row row;
	struct gh_fail f = {0};
	int rc = sheet_open_mem(s, n, opt, &r, &f);

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

/* Converts UTF-8 to another encoding with iconv, into a malloc'd buffer. */
static char *convert(const char *to, const char *s, size_t n, size_t *out_len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t cap = n * 4 + 16, left = cap;
	char *out = malloc(cap), *o = out, *in = (char *)s;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	assert_int_not_equal(iconv(cd, &in, &n, &o, &left), (size_t)-1);
	iconv_close(cd);
	*out_len = cap - left;
	return out;
}

static void test_simple_rows(void **state)
{
	struct sheet_reader *r = open_mem(S("姓名,身份证号,性别\n张三,110105199003071239,男\n"), NULL);
	struct sheet_row row;

	(void)state;
	next_row(r, &row);
	assert_row(&row, 1, 3, "姓名", "身份证号", "性别");
	next_row(r, &row);
	assert_row(&row, 2, 3, "张三", "110105199003071239", "男");
	assert_end(r);
	assert_string_equal(sheet_encoding(r), "utf-8");
	sheet_close(r);
}

static void test_quotes(void **state)
{
	struct sheet_reader *r = open_mem(S("\"a,b\",\"say \"\"hi\"\"\",plain,\"\"\n\"\"\"\",x\"y,\"ab\"c\n"), NULL);
	struct sheet_row row;

	(void)state;
	next_row(r, &row);
	assert_row(&row, 1, 4, "a,b", "say \"hi\"", "plain", "");
	next_row(r, &row);
	/* a lone quote inside an unquoted field is kept; text after a closing quote is kept */
	assert_row(&row, 2, 3, "\"", "x\"y", "abc");
	assert_end(r);
	sheet_close(r);
}

static void test_newlines_inside_quotes_keep_row_numbers(void **state)
{
	struct sheet_reader *r = open_mem(S("name,note\n张三,\"line1\nline2\r\nline3\"\n李四,x\n"), NULL);
	struct sheet_row row;

	(void)state;
	next_row(r, &row);
	assert_row(&row, 1, 2, "name", "note");
	next_row(r, &row);
	assert_row(&row, 2, 2, "张三", "line1\nline2\r\nline3");
	next_row(r, &row);
	assert_row(&row, 3, 2, "李四", "x"); /* the spreadsheet's row 3, though the file's line 5 */
	assert_end(r);
	sheet_close(r);
}

static void test_line_ends(void **state)
{
	struct sheet_reader *r = open_mem(S("a,b\r\nc,d\re,f\ng,h\r\n\r\ni,j"), NULL);
	struct sheet_row row;

	(void)state;
	next_row(r, &row);
	assert_row(&row, 1, 2, "a", "b");
	next_row(r, &row);
	assert_row(&row, 2, 2, "c", "d");
	next_row(r, &row);
	assert_row(&row, 3, 2, "e", "f");
	next_row(r, &row);
	assert_row(&row, 4, 2, "g", "h");
	next_row(r, &row);
	assert_row(&row, 5, 0); /* the blank CRLF line */
	next_row(r, &row);
	assert_row(&row, 6, 2, "i", "j"); /* no newline at the end */
	assert_end(r);
	sheet_close(r);
}

static void test_blank_rows_are_counted(void **state)
{
	struct sheet_reader *r = open_mem(S("a\n\n,\n \t\u3000\nb\n"), NULL);
	struct sheet_row row;

	(void)state;
	next_row(r, &row);
	assert_row(&row, 1, 1, "a");
	assert_false(sheet_row_blank(&row));
	next_row(r, &row);
	assert_row(&row, 2, 0);
	assert_true(sheet_row_blank(&row));
	next_row(r, &row);
	assert_row(&row, 3, 2, "", "");
	assert_true(sheet_row_blank(&row));
	next_row(r, &row);
	assert_row(&row, 4, 1, " \t\u3000");
	assert_true(sheet_row_blank(&row));
	next_row(r, &row);
	assert_row(&row, 5, 1, "b");
	assert_end(r);
	sheet_close(r);
}

static void test_empty_input(void **state)
{
	struct sheet_reader *r = open_mem("", 0, NULL);

	(void)state;
	assert_end(r);
	sheet_close(r);
	r = open_mem(S("\xEF\xBB\xBF"), NULL);
	assert_end(r);
	sheet_close(r);
}

static void test_bom(void **state)
{
	struct sheet_reader *r = open_mem(S("\xEF\xBB\xBF姓名,身份证号\r\n张三,1\r\n"), NULL);
	struct sheet_row row;

	(void)state;
	next_row(r, &row);
	assert_row(&row, 1, 2, "姓名", "身份证号"); /* no BOM in the first cell */
	next_row(r, &row);
	assert_row(&row, 2, 2, "张三", "1");
	assert_end(r);
	assert_string_equal(sheet_encoding(r), "utf-8");
	sheet_close(r);
}

static void test_separators(void **state)
{
	struct sheet_reader *r = open_mem(S("姓名\t身份证号\t备注\n张三\t1\ta,b;c\n"), NULL);
	struct sheet_row row;

	(void)state;
	next_row(r, &row);
	assert_row(&row, 1, 3, "姓名", "身份证号", "备注");
	next_row(r, &row);
	assert_row(&row, 2, 3, "张三", "1", "a,b;c");
	sheet_close(r);

	r = open_mem(S("姓名;身份证号\n张三;\"1;2\"\n"), NULL);
	next_row(r, &row);
	assert_row(&row, 1, 2, "姓名", "身份证号");
	next_row(r, &row);
	assert_row(&row, 2, 2, "张三", "1;2");
	sheet_close(r);

	/* a comma on the first line wins over tabs and semicolons */
	r = open_mem(S("a\tb,c;d\n"), NULL);
	next_row(r, &row);
	assert_row(&row, 1, 2, "a\tb", "c;d");
	sheet_close(r);

	/* a separator inside quotes on the first line does not count */
	r = open_mem(S("\"a,b\"\tc\n"), NULL);
	next_row(r, &row);
	assert_row(&row, 1, 2, "a,b", "c");
	sheet_close(r);
}

static void test_gbk_converted_here(void **state)
{
	static const char utf8[] = "姓名,身份证号码,民族\r\n欧阳娜娜,\"11010519491231002X\",汉族\r\n"
	                           "学习,龘,𠀀\r\n"; /* 𠀀 (U+20000) is a four-byte GB18030 character */
	size_t n;
	char *gbk = convert("GB18030", utf8, sizeof utf8 - 1, &n);
	struct sheet_reader *r;
	struct sheet_row row;

	(void)state;
	assert_int_not_equal(memcmp(gbk, utf8, n < sizeof utf8 - 1 ? n : sizeof utf8 - 1), 0);
	r = open_mem(gbk, n, NULL);
	next_row(r, &row);
	assert_string_equal(sheet_encoding(r), "gb18030");
	assert_row(&row, 1, 3, "姓名", "身份证号码", "民族");
	next_row(r, &row);
	assert_row(&row, 2, 3, "欧阳娜娜", "11010519491231002X", "汉族");
	next_row(r, &row);
	assert_row(&row, 3, 3, "学习", "龘", "𠀀");
	assert_end(r);
	sheet_close(r);
	free(gbk);
}

static void test_gbk_fixture(void **state)
{
	const char *src = getenv("GH_SOURCE_DIR");
	char path[1024];
	struct sheet_reader *r = NULL;
	struct sheet_row row;
	struct gh_fail f = {0};

	(void)state;
	assert_non_null(src);
	snprintf(path, sizeof path, "%s/tests/data/ingest/roster-gbk.csv", src);
	if (sheet_open(path, NULL, &r, &f) != 0)
		fail_msg("open %s: %s", path, f.en);
	next_row(r, &row);
	assert_row(&row, 1, 4, "某某公司工会会员名册", "", "", "");
	next_row(r, &row);
	assert_row(&row, 2, 4, "姓名", "身份证号码", "性别", "入会日期");
	next_row(r, &row);
	assert_row(&row, 3, 4, "张三", "110105199003071239", "男", "2019年5月1日");
	next_row(r, &row);
	assert_row(&row, 4, 4, "李四", "320508198506150241", "女", "2019.05.01");
	next_row(r, &row);
	assert_row(&row, 5, 0);
	next_row(r, &row);
	assert_row(&row, 6, 4, "王小明", "11010519491231002X", "男", "2019/05/01");
	assert_end(r);
	assert_string_equal(sheet_encoding(r), "gb18030");
	sheet_close(r);
}

static void test_utf16(void **state)
{
	static const char utf8[] = "\xEF\xBB\xBF姓名\t身份证号\r\n张三\t110105199003071239\r\n";
	size_t n;
	char *le = convert("UTF-16LE", utf8, sizeof utf8 - 1, &n); /* the BOM becomes FF FE */
	struct sheet_reader *r;
	struct sheet_row row;

	(void)state;
	assert_int_equal((unsigned char)le[0], 0xFF);
	r = open_mem(le, n, NULL);
	next_row(r, &row);
	assert_row(&row, 1, 2, "姓名", "身份证号");
	next_row(r, &row);
	assert_row(&row, 2, 2, "张三", "110105199003071239");
	assert_end(r);
	assert_string_equal(sheet_encoding(r), "utf-16le");
	sheet_close(r);
	free(le);
}

static void test_long_field_is_an_error(void **state)
{
	struct sheet_options opt = {.cell_max = 16};
	size_t n = SHEET_CELL_MAX + 10;
	char *big = malloc(n + 4);

	(void)state;
	expect_error(S("a,0123456789abcdefg\n"), &opt, GH_ETOOBIG, "row 1, column B is longer than 16 bytes");
	expect_error(S("a,0123456789abcde\n\"0123456789abcdef0123\n"), &opt, GH_ETOOBIG,
	             "row 2, column A passes 16 bytes: a quote is not closed");
	/* exactly at the bound is fine */
	expect_error(S("0123456789abcdef\n\""), &opt, GH_EINVAL, "row 2: a quoted field is still open");
	/* the default bound */
	assert_non_null(big);
	memset(big, 'x', n);
	expect_error(big, n, NULL, GH_ETOOBIG, "row 1, column A is longer than");
	free(big);
}

static void test_long_row_is_an_error(void **state)
{
	struct sheet_options opt = {.row_max = 32};

	(void)state;
	expect_error(S("a,b\n0123456789,0123456789,0123456789\n"), &opt, GH_ETOOBIG, "row 2 is longer than 32 bytes");
}

static void test_too_many_columns(void **state)
{
	struct sheet_options opt = {.cols_max = 3};

	(void)state;
	expect_error(S("a,b,c\na,b,c,d\n"), &opt, GH_ETOOBIG, "row 2: column D is past the limit of 3 columns");
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	expect_error(S("a,b\n\"c,d\ne,f\n"), NULL, GH_EINVAL, "row 2: a quoted field is still open at the end");
}

static void test_mixed_encoding_is_an_error(void **state)
{
	struct buf b;
	int i;

	(void)state;
	/* 70 KB of UTF-8 decide the encoding; a GBK name after that is an error at its row */
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_adds(&b, "姓名,身份证号\n"), 0);
	for (i = 0; i < 3000; i++)
		assert_int_equal(buf_adds(&b, "张三丰,110105199003071239\n"), 0);
	assert_true(b.len > 65536);
	assert_int_equal(buf_adds(&b, "\xD5\xC5\xC8\xFD,1\n"), 0);
	expect_error(b.data, b.len, NULL, GH_EINVAL, "row 3002, column A is not valid UTF-8");
	buf_release(&b);
}

static void test_nul_byte_is_an_error(void **state)
{
	(void)state;
	expect_error(S("a,b\nc\0d,e\n"), NULL, GH_EINVAL, "row 2, column A holds a NUL byte");
}

static void test_not_gbk_either(void **state)
{
	(void)state;
	/* 0xFF is neither UTF-8 nor a GB18030 lead byte */
	expect_error(S("\xFF\xFF\xFF,a\n"), NULL, GH_EINVAL, "row 1 holds bytes that are neither UTF-8 nor GBK");
}

static void test_xls_is_refused(void **state)
{
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an old workbook";
	struct sheet_reader *r = (struct sheet_reader *)&r;
	struct gh_fail f = {0};

	(void)state;
	assert_int_equal(sheet_open_mem(ole, sizeof ole - 1, NULL, &r, &f), -1);
	assert_null(r);
	assert_int_equal(f.code, GH_EINVAL);
	assert_non_null(strstr(f.en, "save it as .xlsx"));
}

/* The tests' folder, made by the group setup and removed with its files by the teardown, which
 * cmocka runs even after a failed test. */
static char tmp_dir[64];
static char tmp_file[128];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmp_dir, sizeof tmp_dir, "/tmp/gh-ingest-csv-XXXXXX");
	if (mkdtemp(tmp_dir) == NULL)
		return -1;
	snprintf(tmp_file, sizeof tmp_file, "%s/input.csv", tmp_dir);
	return 0;
}

static int teardown_dir(void **state)
{
	(void)state;
	unlink(tmp_file);
	return rmdir(tmp_dir);
}

/* Writes data[0..n) to the tests' one temporary file and returns its path. */
static const char *write_temp(const char *data, size_t n)
{
	FILE *fp = fopen(tmp_file, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	return tmp_file;
}

/*
 * A file of many rows read through the file path (64 KB reads) in every encoding: characters,
 * CRLF pairs and quoted newlines fall on the buffer edges somewhere among them.
 */
static void check_big_file(const char *encoding, bool ascii_head)
{
	struct buf b;
	struct sheet_reader *r = NULL;
	struct sheet_row row;
	struct gh_fail f = {0};
	const char *path;
	char *data, want[64];
	size_t n;
	int i, rows = 6000;

	buf_init(&b, 1 << 24);
	if (ascii_head) /* 100 KB of ASCII first: the encoding is decided only later */
		for (i = 0; i < 2000; i++)
			assert_int_equal(buf_printf(&b, "%06d,ascii only line of some length to fill,x\r\n", i), 0);
	for (i = 0; i < rows; i++)
		assert_int_equal(buf_printf(&b, "%06d,张三丰%d,\"备注\r\n第%d行\",男\r\n", i, i, i), 0);
	if (strcmp(encoding, "utf-8") == 0) {
		path = write_temp(b.data, b.len);
	} else {
		data = convert(encoding, b.data, b.len, &n);
		path = write_temp(data, n);
		free(data);
	}
	if (sheet_open(path, NULL, &r, &f) != 0)
		fail_msg("open: %s", f.en);
	if (ascii_head)
		for (i = 0; i < 2000; i++) {
			next_row(r, &row);
			assert_int_equal(row.row_number, i + 1);
			assert_int_equal(row.ncells, 3);
		}
	for (i = 0; i < rows; i++) {
		int rc = sheet_next(r, &row, &f);

		if (rc != 1)
			fail_msg("row %d: %d %s", i, rc, rc < 0 ? f.en : "end");
		assert_int_equal(row.row_number, i + 1 + (ascii_head ? 2000 : 0));
		assert_int_equal(row.ncells, 4);
		snprintf(want, sizeof want, "张三丰%d", i);
		assert_string_equal(row.cells[1].text, want);
		snprintf(want, sizeof want, "备注\r\n第%d行", i);
		assert_string_equal(row.cells[2].text, want);
		assert_string_equal(row.cells[3].text, "男");
	}
	assert_end(r);
	assert_string_equal(sheet_encoding(r), encoding);
	sheet_close(r);
	buf_release(&b);
}

static void test_big_files(void **state)
{
	(void)state;
	check_big_file("utf-8", false);
	check_big_file("gb18030", false);
	check_big_file("utf-8", true);
	check_big_file("gb18030", true);
}

static void test_crlf_split_across_reads(void **state)
{
	/* a CR as the last byte of the first 64 KB read, its LF the first of the next */
	size_t n = 65536 + 8, i;
	char *data = malloc(n);
	const char *path;
	struct sheet_reader *r = NULL;
	struct sheet_row row;
	struct gh_fail f = {0};

	(void)state;
	assert_non_null(data);
	memset(data, 'a', n);
	data[65535] = '\r';
	data[65536] = '\n';
	memcpy(data + n - 4, "b,c\n", 4);
	path = write_temp(data, n);
	assert_int_equal(sheet_open(path, NULL, &r, &f), 0);
	next_row(r, &row);
	assert_int_equal(row.row_number, 1);
	assert_int_equal(row.cells[0].len, 65535);
	next_row(r, &row);
	assert_int_equal(row.row_number, 2); /* not a blank row in between */
	for (i = 0; i < 3; i++)
		assert_int_equal(row.cells[0].text[i], 'a');
	assert_string_equal(row.cells[1].text, "c");
	assert_end(r);
	sheet_close(r);
	free(data);
}

static void test_open_missing_file(void **state)
{
	struct sheet_reader *r = NULL;
	struct gh_fail f = {0};

	(void)state;
	assert_int_equal(sheet_open("/nonexistent/roster.csv", NULL, &r, &f), -1);
	assert_null(r);
	assert_int_equal(f.code, GH_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_simple_rows),
	        cmocka_unit_test(test_quotes),
	        cmocka_unit_test(test_newlines_inside_quotes_keep_row_numbers),
	        cmocka_unit_test(test_line_ends),
	        cmocka_unit_test(test_blank_rows_are_counted),
	        cmocka_unit_test(test_empty_input),
	        cmocka_unit_test(test_bom),
	        cmocka_unit_test(test_separators),
	        cmocka_unit_test(test_gbk_converted_here),
	        cmocka_unit_test(test_gbk_fixture),
	        cmocka_unit_test(test_utf16),
	        cmocka_unit_test(test_long_field_is_an_error),
	        cmocka_unit_test(test_long_row_is_an_error),
	        cmocka_unit_test(test_too_many_columns),
	        cmocka_unit_test(test_unterminated_quote),
	        cmocka_unit_test(test_mixed_encoding_is_an_error),
	        cmocka_unit_test(test_nul_byte_is_an_error),
	        cmocka_unit_test(test_not_gbk_either),
	        cmocka_unit_test(test_xls_is_refused),
	        cmocka_unit_test(test_big_files),
	        cmocka_unit_test(test_crlf_split_across_reads),
	        cmocka_unit_test(test_open_missing_file),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
