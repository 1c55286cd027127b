/*
 * Unit tests of the hardship means test (domain/hardship.c, domain-security.md A4.12): the
 * boundaries of deep and relative hardship one fen either side of the line, exact comparisons
 * whatever the rounding of the per-capita figure, negative net income, the 80% accident rule and
 * the accident cause, refused inputs; rounding halves up; the review date a year on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/hardship.h"

/* 赣榆区 2026 (demo): 850 yuan a month */
#define STD 85000

static int level_of(int household, int64_t income, int64_t expenses, int64_t costs, bool cause)
{
	struct hardship_figures f = {.household = household,
	                             .income_fen = income,
	                             .expenses_fen = expenses,
	                             .accident_costs_fen = costs,
	                             .accident_cause = cause};
	struct hardship_class k;
	assert_int_equal(hardship_classify(&f, STD, &k), 0);
	return k.level;
}

static void test_deep_boundary(void **state)
{
	(void)state;
	/* household 3: the line is 12 × 3 × 850 = 30,600 yuan of net income a year */
	int64_t line = 12 * 3 * (int64_t)STD;
	assert_int_equal(level_of(3, line - 1, 0, 0, false), HS_DEEP);
	assert_int_equal(level_of(3, line, 0, 0, false), HS_RELATIVE);
	/* expenses count against the income */
	assert_int_equal(level_of(3, line + 500000, 500001, 0, false), HS_DEEP);
	assert_int_equal(level_of(3, line + 500000, 500000, 0, false), HS_RELATIVE);
}

static void test_relative_boundary(void **state)
{
	(void)state;
	int64_t line = 24 * 4 * (int64_t)STD;
	assert_int_equal(level_of(4, line - 1, 0, 0, false), HS_RELATIVE);
	assert_int_equal(level_of(4, line, 0, 0, false), HS_NONE);
}

static void test_exact_not_rounded(void **state)
{
	(void)state;
	/* one fen under the line: the per-capita figure rounds to the standard itself, yet it is deep */
	struct hardship_figures f = {.household = 7, .income_fen = 12 * 7 * (int64_t)STD - 1};
	struct hardship_class k;
	assert_int_equal(hardship_classify(&f, STD, &k), 0);
	assert_int_equal(k.per_capita_fen, STD);
	assert_int_equal(k.level, HS_DEEP);
	assert_int_equal(k.relative_line_fen, 2 * STD);
	assert_int_equal(k.net_fen, 12 * 7 * (int64_t)STD - 1);
}

static void test_negative_net(void **state)
{
	(void)state;
	struct hardship_figures f = {.household = 2, .income_fen = 100000, .expenses_fen = 400000};
	struct hardship_class k;
	assert_int_equal(hardship_classify(&f, STD, &k), 0);
	assert_int_equal(k.net_fen, -300000);
	assert_int_equal(k.per_capita_fen, -12500);
	assert_int_equal(k.level, HS_DEEP);
}

static void test_accident(void **state)
{
	(void)state;
	int64_t income = 9000000; /* well above twice the line for 3 people (61,200 yuan) */
	/* 80% of 90,000 yuan is 72,000: strictly more is needed */
	assert_int_equal(level_of(3, income, 0, 7200000, false), HS_NONE);
	assert_int_equal(level_of(3, income, 0, 7200001, false), HS_ACCIDENT);
	/* an accident or disaster cause is enough */
	assert_int_equal(level_of(3, income, 0, 0, true), HS_ACCIDENT);
	/* deep and relative come first */
	assert_int_equal(level_of(3, 100, 0, 7200001, true), HS_DEEP);
	/* no income at all: any cost is over 80% */
	assert_int_equal(level_of(1, 0, 0, 1, false), HS_DEEP);
	struct hardship_figures f = {.household = 1, .income_fen = 0, .accident_costs_fen = 1};
	struct hardship_class k;
	assert_int_equal(hardship_classify(&f, STD, &k), 0);
	assert_true(k.costs_over_80);
	f.accident_costs_fen = 0;
	assert_int_equal(hardship_classify(&f, STD, &k), 0);
	assert_false(k.costs_over_80);
}

static void test_refused(void **state)
{
	(void)state;
	struct hardship_class k;
	struct hardship_figures f = {.household = 0, .income_fen = 1};
	assert_int_equal(hardship_classify(&f, STD, &k), -1);
	f.household = 21;
	assert_int_equal(hardship_classify(&f, STD, &k), -1);
	f.household = 1;
	assert_int_equal(hardship_classify(&f, 0, &k), -1); /* no standard */
	f.income_fen = -1;
	assert_int_equal(hardship_classify(&f, STD, &k), -1);
	f.income_fen = 0;
	f.expenses_fen = -5;
	assert_int_equal(hardship_classify(&f, STD, &k), -1);
}

static void test_rounding(void **state)
{
	(void)state;
	assert_int_equal(hardship_div_round(5, 2), 3);
	assert_int_equal(hardship_div_round(7, 3), 2);
	assert_int_equal(hardship_div_round(8, 3), 3);
	assert_int_equal(hardship_div_round(-5, 2), -2); /* halves up, towards +infinity */
	assert_int_equal(hardship_div_round(-7, 2), -3);
	assert_int_equal(hardship_div_round(-8, 3), -3);
	assert_int_equal(hardship_div_round(0, 36), 0);
	/* 18,000 yuan, 3 people: 500.00 yuan a month exactly */
	assert_int_equal(hardship_div_round(1800000, 36), 50000);
}

static void test_levels_and_dates(void **state)
{
	(void)state;
	assert_int_equal(hardship_level_parse("deep", false), HS_DEEP);
	assert_int_equal(hardship_level_parse("accident", false), HS_ACCIDENT);
	assert_int_equal(hardship_level_parse("none", false), -1);
	assert_int_equal(hardship_level_parse("none", true), HS_NONE);
	assert_int_equal(hardship_level_parse("Deep", false), -1);
	assert_string_equal(hardship_level_label(HS_RELATIVE, true), "相对困难");
	char out[11];
	hardship_year_after("2026-03-10", out);
	assert_string_equal(out, "2027-03-10");
	hardship_year_after("2028-02-29", out);
	assert_string_equal(out, "2029-02-28");
	hardship_year_after("2026-13-01", out);
	assert_string_equal(out, "");
	assert_true(hardship_aid_kind_ok("warmth"));
	assert_false(hardship_aid_kind_ok("cash"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_deep_boundary),     cmocka_unit_test(test_relative_boundary),
	        cmocka_unit_test(test_exact_not_rounded), cmocka_unit_test(test_negative_net),
	        cmocka_unit_test(test_accident),          cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_rounding),          cmocka_unit_test(test_levels_and_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
