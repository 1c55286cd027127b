/*
 * Unit tests for the date helpers of src/ingest/sheet.h: Excel serial days in the 1900 system
 * (with the leap day Excel invented for 1900) and the ways offices type dates into rosters
 * (2019-05-01, 2019/5/1, 2019.05.01, 2019年5月1日, 20190501, full-width digits, a time after the
 * date), impossible dates refused; and the column names used in messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/sheet.h"

static void assert_serial(double serial, int y, int m, int d)
{
	int yy = 0, mm = 0, dd = 0;

	if (sheet_excel_serial_to_date(serial, &yy, &mm, &dd) != 0)
		fail_msg("serial %f refused", serial);
	if (yy != y || mm != m || dd != d)
		fail_msg("serial %f gave %04d-%02d-%02d, want %04d-%02d-%02d", serial, yy, mm, dd, y, m, d);
}

static void assert_serial_refused(double serial)
{
	int y, m, d;

	assert_int_equal(sheet_excel_serial_to_date(serial, &y, &m, &d), -1);
}

static void assert_date(const char *s, int y, int m, int d)
{
	int yy = 0, mm = 0, dd = 0;

	if (sheet_parse_date_text(s, strlen(s), &yy, &mm, &dd) != 0)
		fail_msg("\"%s\" refused", s);
	if (yy != y || mm != m || dd != d)
		fail_msg("\"%s\" gave %04d-%02d-%02d, want %04d-%02d-%02d", s, yy, mm, dd, y, m, d);
}

static void assert_date_refused(const char *s)
{
	int y = -7, m = -7, d = -7;

	if (sheet_parse_date_text(s, strlen(s), &y, &m, &d) != -1)
		fail_msg("\"%s\" accepted as %04d-%02d-%02d", s, y, m, d);
	assert_int_equal(y, -7); /* outputs untouched */
}

static void test_serial_days(void **state)
{
	(void)state;
	assert_serial(43586, 2019, 5, 1);
	assert_serial(43586.75, 2019, 5, 1); /* the time of day is dropped */
	assert_serial(1, 1900, 1, 1);
	assert_serial(59, 1900, 2, 28);
	assert_serial(61, 1900, 3, 1);
	assert_serial(367, 1901, 1, 1);
	assert_serial(25569, 1970, 1, 1);
	assert_serial(36526, 2000, 1, 1);
	assert_serial(43890, 2020, 2, 29);
	assert_serial(45292, 2024, 1, 1);
	assert_serial(2958465, 9999, 12, 31);
}

static void test_serial_refused(void **state)
{
	(void)state;
	assert_serial_refused(60); /* 1900-02-29, Excel's leap day that never was */
	assert_serial_refused(60.5);
	assert_serial_refused(0);
	assert_serial_refused(0.5);
	assert_serial_refused(-1);
	assert_serial_refused(2958466);
	assert_serial_refused(NAN);
	assert_serial_refused(INFINITY);
	assert_serial_refused(3.20707198501E+17); /* an ID number in a date column */
}

static void test_text_formats(void **state)
{
	(void)state;
	assert_date("2019-05-01", 2019, 5, 1);
	assert_date("2019/05/01", 2019, 5, 1);
	assert_date("2019.05.01", 2019, 5, 1);
	assert_date("2019-5-1", 2019, 5, 1);
	assert_date("2019/5/1", 2019, 5, 1);
	assert_date("2019.5.1", 2019, 5, 1);
	assert_date("2019年5月1日", 2019, 5, 1);
	assert_date("2019年05月01日", 2019, 5, 1);
	assert_date("2019 年 5 月 1 日", 2019, 5, 1);
	assert_date("20190501", 2019, 5, 1);
	assert_date("2020-02-29", 2020, 2, 29);
	assert_date("2000/02/29", 2000, 2, 29);
	assert_date("1900-01-01", 1900, 1, 1);
	assert_date("2019-12-31", 2019, 12, 31);
}

static void test_text_folding_and_time(void **state)
{
	(void)state;
	assert_date("２０１９年５月１日", 2019, 5, 1);
	assert_date("２０１９－０５－０１", 2019, 5, 1); /* full-width hyphen-minus */
	assert_date("２０１９／５／１", 2019, 5, 1);
	assert_date("２０１９０５０１", 2019, 5, 1);
	assert_date("  2019-05-01\t", 2019, 5, 1);
	assert_date("\u30002019.05.01\u3000", 2019, 5, 1);
	assert_date("2019/5/1 0:00", 2019, 5, 1);
	assert_date("2019-05-01 08:30:00", 2019, 5, 1);
	assert_date("2019-05-01T08:30:00.123", 2019, 5, 1);
	assert_date("2019年5月1日 8:30", 2019, 5, 1);
}

static void test_text_refused(void **state)
{
	(void)state;
	assert_date_refused("2019-02-29"); /* not a leap year */
	assert_date_refused("1900-02-29"); /* nor was 1900 */
	assert_date_refused("2019-13-01");
	assert_date_refused("2019-00-10");
	assert_date_refused("2019-04-31");
	assert_date_refused("2019-05-00");
	assert_date_refused("20190229");
	assert_date_refused("20191301");
	assert_date_refused("2019/05-01"); /* two kinds of separator */
	assert_date_refused("2019-05/01");
	assert_date_refused("19-05-01");   /* two-digit year */
	assert_date_refused("1899-12-31"); /* before 1900 */
	assert_date_refused("2019年5月1"); /* no 日 */
	assert_date_refused("2019年5月");
	assert_date_refused("2019-05");
	assert_date_refused("2019-005-01");
	assert_date_refused("2019-05-001");
	assert_date_refused("2019-05-01x");
	assert_date_refused("2019-05-01 25:00");
	assert_date_refused("2019-05-01 08");
	assert_date_refused("201905011");
	assert_date_refused("43586"); /* a serial typed as text is not a date text */
	assert_date_refused("");
	assert_date_refused("   ");
	assert_date_refused("二〇一九年五月一日");
	assert_int_equal(sheet_parse_date_text(NULL, 0, NULL, NULL, NULL), -1);
}

static void test_text_not_nul_terminated(void **state)
{
	const char buf[] = "2019-05-01999";
	int y, m, d;

	(void)state;
	assert_int_equal(sheet_parse_date_text(buf, 10, &y, &m, &d), 0);
	assert_int_equal(d, 1);
	assert_int_equal(sheet_parse_date_text(buf, 11, &y, &m, &d), -1);
}

static void test_col_names(void **state)
{
	char name[8];

	(void)state;
	sheet_col_name(0, name);
	assert_string_equal(name, "A");
	sheet_col_name(25, name);
	assert_string_equal(name, "Z");
	sheet_col_name(26, name);
	assert_string_equal(name, "AA");
	sheet_col_name(701, name);
	assert_string_equal(name, "ZZ");
	sheet_col_name(702, name);
	assert_string_equal(name, "AAA");
	sheet_col_name(16383, name);
	assert_string_equal(name, "XFD");
	sheet_col_name(-1, name);
	assert_string_equal(name, "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_serial_days),  cmocka_unit_test(test_serial_refused),
	        cmocka_unit_test(test_text_formats), cmocka_unit_test(test_text_folding_and_time),
	        cmocka_unit_test(test_text_refused), cmocka_unit_test(test_text_not_nul_terminated),
	        cmocka_unit_test(test_col_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
