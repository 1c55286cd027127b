/*
 * Unit tests for src/check/division.c (12-digit statistical division codes): normalising the
 * 2/4/6/9/12-digit forms, the level of a code including prefecture cities without counties, the
 * prefix length of each level, and walking up the tree with division_parent from a village to the
 * country (A3.3's worked decomposition of 320508019044).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check/division.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void normalizes_to(const char *in, const char *want)
{
	char out[13] = "garbage";

	if (division_normalize(in, strlen(in), out) != 0)
		fail_msg("%s: want %s, got -1", in, want);
	assert_string_equal(out, want);
}

static void rejects(const char *in)
{
	char out[13] = "garbage";

	if (division_normalize(in, strlen(in), out) != -1)
		fail_msg("%s: want -1, got %s", in, out);
	assert_string_equal(out, "");
}

static void test_normalize_lengths(void **state)
{
	(void)state;
	normalizes_to("32", "320000000000");
	normalizes_to("3205", "320500000000");
	normalizes_to("320508", "320508000000");
	normalizes_to("320508019", "320508019000");
	normalizes_to("320508019044", "320508019044");
	normalizes_to("00", "000000000000");
	rejects("3");
	rejects("320");
	rejects("32050");
	rejects("3205080");
	rejects("32050801");
	rejects("3205080190");
	rejects("32050801904");
	rejects("3205080190440");
}

static void test_normalize_folds_and_trims(void **state)
{
	char out[13];

	(void)state;
	normalizes_to("  320508\t", "320508000000");
	normalizes_to("\u3000３２０５０８０１９０４４\u3000", "320508019044");
	rejects("3205 08");
	rejects("32a508");
	rejects("-320508");
	rejects("320508.0");
	rejects("");
	rejects("   ");
	rejects("江苏省");
	assert_int_equal(division_normalize(NULL, 0, out), -1);
	assert_int_equal(division_normalize(S("320508\0"), out), -1);
	assert_int_equal(division_normalize("32050899", 6, out), 0); /* reads n bytes only */
	assert_string_equal(out, "320508000000");
}

static void test_normalize_long_input(void **state)
{
	char big[DIVISION_INPUT_MAX + 2];
	char out[13];

	(void)state;
	memset(big, ' ', sizeof big);
	memcpy(big, "320508", 6);
	assert_int_equal(division_normalize(big, DIVISION_INPUT_MAX, out), 0);
	assert_string_equal(out, "320508000000");
	assert_int_equal(division_normalize(big, DIVISION_INPUT_MAX + 1, out), -1);
}

static void test_level(void **state)
{
	(void)state;
	assert_int_equal(division_level("000000000000"), 0);
	assert_int_equal(division_level("320000000000"), 1);
	assert_int_equal(division_level("100000000000"), 1);
	assert_int_equal(division_level("320500000000"), 2);
	assert_int_equal(division_level("320508000000"), 3);
	assert_int_equal(division_level("320508019000"), 4);
	assert_int_equal(division_level("320508019044"), 5);
	assert_int_equal(division_level("220581102200"), 5); /* 春明村 */
	assert_int_equal(division_level("441900003000"), 4); /* Dongguan: town under a prefecture */
	assert_int_equal(division_level("320508100000"), 4); /* town code 100 ends in zeros */
	assert_int_equal(division_level("320508019010"), 5);
	assert_int_equal(division_level("32050801904"), -1);
	assert_int_equal(division_level("3205080190440"), -1);
	assert_int_equal(division_level("32050801904a"), -1);
	assert_int_equal(division_level("３２０５"), -1);
	assert_int_equal(division_level(""), -1);
	assert_int_equal(division_level(NULL), -1);
}

static void test_prefix_len(void **state)
{
	(void)state;
	assert_int_equal(division_prefix_len(0), 0);
	assert_int_equal(division_prefix_len(1), 2);
	assert_int_equal(division_prefix_len(2), 4);
	assert_int_equal(division_prefix_len(3), 6);
	assert_int_equal(division_prefix_len(4), 9);
	assert_int_equal(division_prefix_len(5), 12);
	assert_int_equal(division_prefix_len(6), -1);
	assert_int_equal(division_prefix_len(-1), -1);
}

static void test_parent_chain(void **state)
{
	static const char *const chain[] = {"320508019044", "320508019000", "320508000000",
	                                    "320500000000", "320000000000", "000000000000"};
	char cur[13], up[13];
	size_t i;

	(void)state;
	memcpy(cur, chain[0], sizeof cur);
	for (i = 1; i < sizeof chain / sizeof chain[0]; i++) {
		division_parent(cur, up);
		assert_string_equal(up, chain[i]);
		assert_int_equal(division_level(up), 5 - (int)i);
		memcpy(cur, up, sizeof cur);
	}
	division_parent("000000000000", up); /* the country is its own parent */
	assert_string_equal(up, "000000000000");
}

static void test_parent_skips_gaps(void **state)
{
	char up[13];

	(void)state;
	division_parent("441900003000", up); /* Dongguan town -> Dongguan */
	assert_string_equal(up, "441900000000");
	division_parent("441900003001", up);
	assert_string_equal(up, "441900003000");
	division_parent("320508100000", up);
	assert_string_equal(up, "320508000000");
}

static void test_parent_invalid_and_in_place(void **state)
{
	char buf[13] = "320508019044";
	char up[13] = "garbage";

	(void)state;
	division_parent("32050801904", up);
	assert_string_equal(up, "");
	division_parent(NULL, up);
	assert_string_equal(up, "");
	division_parent(buf, buf);
	assert_string_equal(buf, "320508019000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_normalize_lengths),    cmocka_unit_test(test_normalize_folds_and_trims),
	        cmocka_unit_test(test_normalize_long_input), cmocka_unit_test(test_level),
	        cmocka_unit_test(test_prefix_len),           cmocka_unit_test(test_parent_chain),
	        cmocka_unit_test(test_parent_skips_gaps),    cmocka_unit_test(test_parent_invalid_and_in_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
