/*
 * Unit tests of the medical mutual-aid benefit rule (domain/mutual_aid.c): per claim
 * min(cap per claim, (eligible − deductible) × ratio), never below zero, never past what the
 * yearly cap leaves; the ratio in basis points, products rounded half up to the fen. And the
 * waiting period's first covered day. The boundaries are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/mutual_aid.h"

/* The illustrative plan of the demo data: deductible 1,000 yuan, 50%, 20,000 a claim, 50,000 a year. */
static const struct ma_rule demo = {
        .deductible_fen = 100000, .ratio_bp = 5000, .cap_per_claim_fen = 2000000, .yearly_cap_fen = 5000000};

static struct ma_benefit calc(const struct ma_rule *r, int64_t eligible, int64_t used)
{
	struct ma_benefit b;
	memset(&b, 0x5a, sizeof(b)); /* every field must be written */
	mutual_aid_benefit(r, eligible, used, &b);
	return b;
}

static void test_zero(void **state)
{
	(void)state;
	struct ma_benefit b = calc(&demo, 0, 0);
	assert_int_equal(b.eligible_fen, 0);
	assert_int_equal(b.over_deductible_fen, 0);
	assert_int_equal(b.by_ratio_fen, 0);
	assert_int_equal(b.after_claim_cap_fen, 0);
	assert_int_equal(b.yearly_left_fen, 5000000);
	assert_int_equal(b.benefit_fen, 0);
	/* a negative cost counts as none, never a negative benefit */
	b = calc(&demo, -500, 0);
	assert_int_equal(b.eligible_fen, 0);
	assert_int_equal(b.benefit_fen, 0);
}

static void test_deductible(void **state)
{
	(void)state;
	/* below the deductible: nothing */
	assert_int_equal(calc(&demo, 99999, 0).benefit_fen, 0);
	assert_int_equal(calc(&demo, 99999, 0).over_deductible_fen, 0);
	/* exactly at it: nothing */
	assert_int_equal(calc(&demo, 100000, 0).benefit_fen, 0);
	/* one fen above: 1 × 50% = 0.5 → 1 (half up) */
	assert_int_equal(calc(&demo, 100001, 0).benefit_fen, 1);
	/* two fen above: 2 × 50% = 1 */
	assert_int_equal(calc(&demo, 100002, 0).benefit_fen, 1);
	/* three: 1.5 → 2 */
	assert_int_equal(calc(&demo, 100003, 0).benefit_fen, 2);
	/* a plan without a deductible pays from the first fen */
	struct ma_rule r = demo;
	r.deductible_fen = 0;
	assert_int_equal(calc(&r, 1, 0).benefit_fen, 1);
}

static void test_cap_per_claim(void **state)
{
	(void)state;
	/* (41,000 − 1,000) × 50% = 20,000 yuan: exactly the cap */
	struct ma_benefit b = calc(&demo, 4100000, 0);
	assert_int_equal(b.by_ratio_fen, 2000000);
	assert_int_equal(b.benefit_fen, 2000000);
	/* one fen more: 2,000,000.5 → 2,000,001 by ratio, capped at 2,000,000 */
	b = calc(&demo, 4100001, 0);
	assert_int_equal(b.by_ratio_fen, 2000001);
	assert_int_equal(b.after_claim_cap_fen, 2000000);
	assert_int_equal(b.benefit_fen, 2000000);
	/* far above */
	assert_int_equal(calc(&demo, 9000000000, 0).benefit_fen, 2000000);
}

static void test_yearly_cap(void **state)
{
	(void)state;
	/* 20,000 + 20,000 used: 10,000 left, a claim worth 20,000 gets 10,000 */
	struct ma_benefit b = calc(&demo, 4100000, 4000000);
	assert_int_equal(b.used_fen, 4000000);
	assert_int_equal(b.yearly_left_fen, 1000000);
	assert_int_equal(b.after_claim_cap_fen, 2000000);
	assert_int_equal(b.benefit_fen, 1000000);
	/* partly used, the claim fits: it is paid whole */
	b = calc(&demo, 300000, 4000000);
	assert_int_equal(b.benefit_fen, 100000);
	/* one fen left */
	assert_int_equal(calc(&demo, 4100000, 4999999).benefit_fen, 1);
	/* used up, or (after a change of rule) more than used up: nothing, never negative */
	b = calc(&demo, 4100000, 5000000);
	assert_int_equal(b.yearly_left_fen, 0);
	assert_int_equal(b.benefit_fen, 0);
	b = calc(&demo, 4100000, 6000000);
	assert_int_equal(b.yearly_left_fen, 0);
	assert_int_equal(b.benefit_fen, 0);
}

static void test_rounding(void **state)
{
	(void)state;
	/* 12345 × 3333 / 10000 = 4114.5885 → 4115 */
	assert_int_equal(mutual_aid_ratio_fen(12345, 3333), 4115);
	/* 12345 × 5000 / 10000 = 6172.5 → 6173 (exactly half goes up) */
	assert_int_equal(mutual_aid_ratio_fen(12345, 5000), 6173);
	/* 12345 × 3334 / 10000 = 4115.823 → 4116; × 3332 = 4113.354 → 4113 */
	assert_int_equal(mutual_aid_ratio_fen(12345, 3334), 4116);
	assert_int_equal(mutual_aid_ratio_fen(12345, 3332), 4113);
	/* 1 × 4999 / 10000 = 0.4999 → 0 */
	assert_int_equal(mutual_aid_ratio_fen(1, 4999), 0);
	assert_int_equal(mutual_aid_ratio_fen(1, 5000), 1);
	assert_int_equal(mutual_aid_ratio_fen(777, 10000), 777);
	assert_int_equal(mutual_aid_ratio_fen(0, 10000), 0);
	assert_int_equal(mutual_aid_ratio_fen(-5, 10000), 0);
	/* the largest amounts stay exact: 10^10 × 9999 / 10000 */
	assert_int_equal(mutual_aid_ratio_fen(MA_MAX_FEN, 9999), INT64_C(9999000000));
	/* through the rule: deductible 0, 33.33%, a claim of 12345 fen */
	struct ma_rule r = {
	        .deductible_fen = 0, .ratio_bp = 3333, .cap_per_claim_fen = 1000000, .yearly_cap_fen = 1000000};
	assert_int_equal(calc(&r, 12345, 0).benefit_fen, 4115);
	/* the demo's 3,456,789 − 100,000 = 3,356,789 × 50% = 1,678,394.5 → 1,678,395 */
	assert_int_equal(calc(&demo, 3456789, 0).benefit_fen, 1678395);
}

static void test_steps_json(void **state)
{
	(void)state;
	struct ma_benefit b = calc(&demo, 4100001, 4000000);
	json_t *j = mutual_aid_benefit_json(&demo, &b);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "eligible_fen")), 4100001);
	assert_int_equal(json_integer_value(json_object_get(j, "deductible_fen")), 100000);
	assert_int_equal(json_integer_value(json_object_get(j, "over_deductible_fen")), 4000001);
	assert_int_equal(json_integer_value(json_object_get(j, "ratio_bp")), 5000);
	assert_int_equal(json_integer_value(json_object_get(j, "by_ratio_fen")), 2000001);
	assert_int_equal(json_integer_value(json_object_get(j, "after_claim_cap_fen")), 2000000);
	assert_int_equal(json_integer_value(json_object_get(j, "used_fen")), 4000000);
	assert_int_equal(json_integer_value(json_object_get(j, "yearly_left_fen")), 1000000);
	assert_int_equal(json_integer_value(json_object_get(j, "benefit_fen")), 1000000);
	json_decref(j);
}

static void test_waiting_period(void **state)
{
	(void)state;
	struct ma_plan p = {.year = 2026, .waiting_days = 90};
	char out[11];
	/* enrolled on 10 January: 90 days later is 10 April */
	mutual_aid_waiting_ends(&p, "2026-01-10", out);
	assert_string_equal(out, "2026-04-10");
	/* enrolled the December before: the cover starts on 1 January, the wait from there */
	mutual_aid_waiting_ends(&p, "2025-12-15", out);
	assert_string_equal(out, "2026-04-01");
	/* no waiting period */
	p.waiting_days = 0;
	mutual_aid_waiting_ends(&p, "2026-03-03", out);
	assert_string_equal(out, "2026-03-03");
	/* across the end of February of a leap year */
	p.year = 2028;
	p.waiting_days = 30;
	mutual_aid_waiting_ends(&p, "2028-02-10", out);
	assert_string_equal(out, "2028-03-11");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_zero),           cmocka_unit_test(test_deductible),
	        cmocka_unit_test(test_cap_per_claim),  cmocka_unit_test(test_yearly_cap),
	        cmocka_unit_test(test_rounding),       cmocka_unit_test(test_steps_json),
	        cmocka_unit_test(test_waiting_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
