/*
 * Unit tests of src/base: the arena's ceiling, the bounded buffer, the calendar and the clock,
 * the integer map.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/imap.h"
#include "base/time.h"

static void test_arena_ceiling(void **state)
{
	struct arena a;
	arena_init(&a, 64 << 10);
	char *p = arena_alloc(&a, 1000);
	assert_non_null(p);
	assert_true(((uintptr_t)p & 15) == 0);
	assert_null(arena_alloc(&a, 70 << 10)); /* past the ceiling */
	char *s = arena_printf(&a, "%s-%d", "区划", 42);
	assert_string_equal(s, "区划-42");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_null(arena_strdup(&a, NULL));
	int n = 0;
	while (arena_alloc(&a, 4096))
		n++;
	assert_true(n > 5 && n < 16);
	arena_release(&a);
	assert_non_null(arena_alloc(&a, 4096)); /* usable again */
	arena_release(&a);
}

static void test_buf_bound(void **state)
{
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_adds(&b, "12345"), 0);
	assert_int_equal(buf_printf(&b, "%d", 678), 0);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(buf_adds(&b, "abc"), -1); /* would pass 10 */
	assert_string_equal(b.data, "12345678");   /* unchanged */
	assert_int_equal(buf_adds(&b, "ab"), 0);
	assert_int_equal(b.len, 10);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void test_calendar(void **state)
{
	assert_true(cal_valid(2024, 2, 29));
	assert_false(cal_valid(2023, 2, 29));
	assert_false(cal_valid(1900, 2, 29));
	assert_true(cal_valid(2000, 2, 29));
	assert_false(cal_valid(2026, 13, 1));
	assert_int_equal(cal_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(cal_days_from_civil(2000, 3, 1), 11017);
	int y, m, d;
	cal_civil_from_days(20414, &y, &m, &d);
	assert_int_equal(y, 2025);
	assert_int_equal(m, 11);
	assert_int_equal(d, 22);
	assert_int_equal(cal_parse_date("2026-11-22", &y, &m, &d), 0);
	assert_int_equal(cal_parse_date("2026-02-30", &y, &m, &d), -1);
	assert_int_equal(cal_parse_date("2026-1-2", &y, &m, &d), -1);
	assert_int_equal(cal_parse_date("20261122xx", &y, &m, &d), -1);
}

static void test_iso_time(void **state)
{
	int64_t t;
	assert_int_equal(time_parse_iso("2026-12-01T09:00:00+08:00", &t), 0);
	assert_int_equal(t, 1796086800);
	int64_t z;
	assert_int_equal(time_parse_iso("2026-12-01T01:00:00Z", &z), 0);
	assert_int_equal(z, t);
	assert_int_equal(time_parse_iso("2026-12-01T09:00+08:00", &z), 0);
	assert_int_equal(z, t);
	assert_int_equal(time_parse_iso("2026-12-01 09:00:00", &z), -1);
	assert_int_equal(time_parse_iso("2026-12-01T25:00:00Z", &z), -1);
	assert_int_equal(time_parse_iso("2026-12-01T09:00:00+8", &z), -1);
	char buf[40];
	time_format_iso(t, buf, sizeof(buf));
	assert_string_equal(buf, "2026-12-01T09:00:00+08:00");
	/* 23:30 UTC is the next day in Shanghai */
	int y, m, d;
	time_local_date(1796167800, &y, &m, &d); /* 2026-12-01T23:30Z */
	assert_int_equal(d, 2);
}

static void test_test_clock(void **state)
{
	clock_set(1796086800);
	assert_int_equal(clock_now(), 1796086800);
	clock_set(1796086800 + 3600);
	assert_int_equal(clock_now(), 1796090400);
	clock_reset();
	assert_true(clock_now() > 1796090400 || clock_now() < 1796086800);
}

static void test_imap(void **state)
{
	struct imap m;
	imap_init(&m);
	assert_null(imap_get(&m, 5));
	for (int64_t i = -500; i < 5000; i++)
		*imap_slot(&m, i * 64 + 3) += i;
	assert_int_equal(m.len, 5500);
	assert_int_equal(*imap_get(&m, 4999 * 64 + 3), 4999);
	assert_int_equal(*imap_get(&m, -500 * 64 + 3), -500);
	assert_null(imap_get(&m, 4));
	imap_release(&m);
}

static void test_err_table(void **state)
{
	assert_int_equal(gh_err_status(GH_EINVAL), 400);
	assert_int_equal(gh_err_status(GH_ENOTFOUND), 404);
	assert_int_equal(gh_err_status(GH_ETOOBIG), 413);
	assert_int_equal(gh_err_status(GH_ETHROTTLED), 429);
	assert_string_equal(gh_err_token(GH_ECSRF), "csrf");
	assert_string_equal(gh_err_token(GH_EDUP), "duplicate");
	for (int e = 0; e < GH_ERR__MAX; e++) {
		assert_non_null(gh_err_default_msg((enum gh_err)e, true));
		assert_non_null(gh_err_default_msg((enum gh_err)e, false));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_arena_ceiling), cmocka_unit_test(test_buf_bound),
	        cmocka_unit_test(test_calendar),      cmocka_unit_test(test_iso_time),
	        cmocka_unit_test(test_test_clock),    cmocka_unit_test(test_imap),
	        cmocka_unit_test(test_err_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
