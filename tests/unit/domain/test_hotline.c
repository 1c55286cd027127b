/*
 * Unit tests of the 12351 hotline's pure rules (src/domain/hotline.c): the calendar-day deadline
 * (the first day not counted, 24:00 Asia/Shanghai of the last day, across the ends of months and
 * years and around UTC midnight) and the vocabularies of CONTRACT.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/time.h"
#include "domain/hotline.h"

static int64_t at(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(time_parse_iso(iso, &t), 0);
	return t;
}

static void expect_deadline(const char *start, int days, const char *want)
{
	char got[40];
	time_format_iso(hotline_deadline(at(start), days), got, sizeof(got));
	assert_string_equal(got, want);
}

static void test_deadline_calendar_days(void **state)
{
	(void)state;
	expect_deadline("2026-03-10T10:00:00+08:00", 1, "2026-03-12T00:00:00+08:00");
	expect_deadline("2026-03-10T10:00:00+08:00", 7, "2026-03-18T00:00:00+08:00");
	expect_deadline("2026-03-10T10:00:00+08:00", 30, "2026-04-10T00:00:00+08:00");
	expect_deadline("2026-03-10T10:00:00+08:00", 60, "2026-05-10T00:00:00+08:00");
	/* the first and the last second of a local day give the same deadline */
	expect_deadline("2026-03-10T00:00:00+08:00", 1, "2026-03-12T00:00:00+08:00");
	expect_deadline("2026-03-10T23:59:59+08:00", 1, "2026-03-12T00:00:00+08:00");
	/* 00:30 in Beijing is still the previous day in UTC: the local day counts */
	expect_deadline("2026-03-09T16:30:00Z", 1, "2026-03-12T00:00:00+08:00");
	/* ends of months, of a leap February and of the year */
	expect_deadline("2026-01-31T09:00:00+08:00", 1, "2026-02-02T00:00:00+08:00");
	expect_deadline("2028-02-28T09:00:00+08:00", 1, "2028-03-01T00:00:00+08:00");
	expect_deadline("2026-12-31T09:00:00+08:00", 15, "2027-01-16T00:00:00+08:00");
}

static void test_vocabularies(void **state)
{
	(void)state;
	const char *demands[] = {"consult", "help", "complaint", "legal_aid", "suggestion"};
	for (size_t i = 0; i < 5; i++)
		assert_non_null(hotline_word_find(hotline_demand_types, demands[i]));
	assert_string_equal(hotline_word_find(hotline_demand_types, "complaint")->zh, "信访投诉");
	const char *cats[] = {
	        "wage_arrears", "labour_contract", "social_insurance", "work_injury",   "occupational_disease",
	        "women_rights", "safety",          "policy",           "psychological", "other"};
	for (size_t i = 0; i < 10; i++)
		assert_non_null(hotline_word_find(hotline_categories, cats[i]));
	assert_string_equal(hotline_word_find(hotline_categories, "women_rights")->zh, "女职工权益");
	assert_string_equal(hotline_word_find(hotline_tier_words, "complex")->zh, "特别复杂");
	assert_string_equal(hotline_word_find(hotline_satisfactions, "basically_satisfied")->zh, "基本满意");
	assert_null(hotline_word_find(hotline_categories, "wages"));
	assert_null(hotline_word_find(hotline_categories, NULL));
	/* the tiers' order is enum hotline_tier's */
	assert_string_equal(hotline_tier_words[HOTLINE_NORMAL].token, "normal");
	assert_string_equal(hotline_tier_words[HOTLINE_COMPLAINT].token, "complaint");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_deadline_calendar_days),
	        cmocka_unit_test(test_vocabularies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
