/*
 * Unit tests for src/check/uscc.c (GB 32100 unified social credit codes): the worked examples of
 * research/domain-security.md A2, every line of the shared vector files (read at run time from
 * $GH_SHARED_DIR/research/vectors/, or $GH_SOURCE_DIR/../shared when that is unset), the soft
 * organisation-code warning of A2.7, normalisation, each error code and message, and the property
 * that any single-character change is caught.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check/uscc.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static const char uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static enum uscc_err check(const char *s, char out[19], bool *warn)
{
	return uscc_check(s, strlen(s), out, warn);
}

static void assert_check_err(const char *s, enum uscc_err want)
{
	char out[19] = "garbage";
	bool warn = true;

	assert_string_equal(uscc_err_code(check(s, out, &warn)), uscc_err_code(want));
	if (want != USCC_OK) {
		assert_string_equal(out, "");
		assert_false(warn);
	}
}

/* Opens research/vectors/<name> from the shared folder; fails the test if it cannot. */
static FILE *open_vectors(const char *name)
{
	const char *shared = getenv("GH_SHARED_DIR");
	const char *source = getenv("GH_SOURCE_DIR");
	char path[4096];
	int len = -1;
	FILE *f;

	if (shared != NULL && shared[0] != '\0')
		len = snprintf(path, sizeof path, "%s/research/vectors/%s", shared, name);
	else if (source != NULL && source[0] != '\0')
		len = snprintf(path, sizeof path, "%s/../shared/research/vectors/%s", source, name);
	else
		fail_msg("set GH_SHARED_DIR or GH_SOURCE_DIR to find research/vectors/%s", name);
	assert_true(len > 0 && (size_t)len < sizeof path);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	return f;
}

/*
 * Runs every non-empty line of the vector file through uscc_check and asserts the result is
 * want_ok or not; returns the number of lines checked.
 */
static int run_vectors(const char *name, bool want_ok)
{
	FILE *f = open_vectors(name);
	char line[256];
	int count = 0;

	while (fgets(line, sizeof line, f) != NULL) {
		size_t n = strcspn(line, "\r\n");
		char out[19];
		bool warn;
		enum uscc_err rc;

		if (n == 0 || line[0] == '#')
			continue;
		rc = uscc_check(line, n, out, &warn);
		if (want_ok) {
			if (rc != USCC_OK)
				fail_msg("%.*s: want ok, got %s", (int)n, line, uscc_err_code(rc));
			assert_int_equal(strlen(out), 18);
			assert_memory_equal(out, line, 18);
			/* all real codes in the file carry a valid organisation code (A2.7) */
			if (warn)
				fail_msg("%.*s: unexpected organisation-code warning", (int)n, line);
		} else if (rc == USCC_OK) {
			fail_msg("%.*s: want an error, got ok", (int)n, line);
		} else {
			/* the file holds codes whose check character is wrong */
			assert_string_equal(uscc_err_code(rc), "bad_check_char");
		}
		count++;
	}
	assert_int_equal(ferror(f), 0);
	fclose(f);
	return count;
}

static void test_valid_vectors(void **state)
{
	(void)state;
	assert_true(run_vectors("uscc-valid.txt", true) >= 200);
}

static void test_invalid_vectors(void **state)
{
	(void)state;
	assert_true(run_vectors("uscc-invalid.txt", false) >= 2);
}

static void test_standard_example(void **state)
{
	char out[19];
	bool warn = true;

	(void)state;
	/* A2.3: sum 1640, 1640 mod 31 = 28, check 3 */
	assert_int_equal(uscc_check_char("91350100M000100Y4"), '3');
	assert_int_equal(check("91350100M000100Y43", out, &warn), USCC_OK);
	assert_string_equal(out, "91350100M000100Y43");
	assert_false(warn);
	/* the standard's invalid input: Z is not even in the character set */
	assert_check_err("91350100M000100Y4Z", USCC_CHARS);
	assert_check_err("91350100M000100Y44", USCC_CHECK);
}

static void test_letters_in_body(void **state)
{
	char out[19];
	bool warn = true;

	(void)state;
	/* A2.4: sum 2469, mod 31 = 20, check 11 -> B; org code MA1K3BTP2 valid with A..Z=10..35 */
	assert_int_equal(uscc_check_char("91310115MA1K3BTP2"), 'B');
	assert_int_equal(check("91310115MA1K3BTP2B", out, &warn), USCC_OK);
	assert_false(warn);
	assert_int_equal(uscc_org_check_char("MA1K3BTP"), '2');
}

static void test_grassroots_union(void **state)
{
	char out[19];
	bool warn = true;

	(void)state;
	/* A2.5: org-code check 8, USCC check 4 */
	assert_int_equal(uscc_org_check_char("12345678"), '8');
	assert_int_equal(uscc_check_char("81110105123456788"), '4');
	assert_int_equal(check("811101051234567884", out, &warn), USCC_OK);
	assert_string_equal(out, "811101051234567884");
	assert_false(warn);
}

static void test_org_code_warning(void **state)
{
	char out[19];
	bool warn = false;

	(void)state;
	/* organisation code M000100Y5 should end in 4; the USCC check (6) is right */
	assert_int_equal(check("91350100M000100Y56", out, &warn), USCC_OK);
	assert_true(warn);
	assert_string_equal(out, "91350100M000100Y56");
	/* the warning pointer may be NULL */
	assert_int_equal(check("91350100M000100Y56", out, NULL), USCC_OK);
	assert_non_null(uscc_warning_message(true));
	assert_true((unsigned char)uscc_warning_message(true)[0] >= 0x80);
	assert_string_not_equal(uscc_warning_message(true), uscc_warning_message(false));
}

static void test_org_check_char(void **state)
{
	(void)state;
	assert_int_equal(uscc_org_check_char("00000006"), 'X'); /* 11 - 1 = 10 -> X */
	assert_int_equal(uscc_org_check_char("00000000"), '0'); /* 11 - 0 = 11 -> 0 */
	assert_int_equal(uscc_org_check_char("M000100Y"), '4');
	assert_int_equal(uscc_org_check_char("ZZZZZZZZ"), '3'); /* all 26 letters count: Z = 35 */
	assert_int_equal(uscc_org_check_char("m000100Y"), 0);
	assert_int_equal(uscc_org_check_char("M000-00Y"), 0);
	assert_int_equal(uscc_org_check_char(NULL), 0);
}

static void test_check_char_rejects(void **state)
{
	(void)state;
	assert_int_equal(uscc_check_char("91350100m000100Y4"), 0); /* lower case */
	assert_int_equal(uscc_check_char("91350100I000100Y4"), 0);
	assert_int_equal(uscc_check_char("91350100O000100Y4"), 0);
	assert_int_equal(uscc_check_char("91350100S000100Y4"), 0);
	assert_int_equal(uscc_check_char("91350100V000100Y4"), 0);
	assert_int_equal(uscc_check_char("91350100Z000100Y4"), 0);
	assert_int_equal(uscc_check_char("9135010\0M000100Y4"), 0);
	assert_int_equal(uscc_check_char(NULL), 0);
	/* a result of 31 is written 0 */
	assert_int_equal(uscc_check_char("00000000000000000"), '0');
}

static void test_normalisation(void **state)
{
	char out[19];
	bool warn;

	(void)state;
	assert_int_equal(check("91310115ma1k3btp2b", out, &warn), USCC_OK);
	assert_string_equal(out, "91310115MA1K3BTP2B");
	assert_int_equal(check("９１３５０１００Ｍ０００１００Ｙ４３", out, &warn), USCC_OK);
	assert_string_equal(out, "91350100M000100Y43");
	assert_int_equal(check("\u3000 ９１３１０１１５ｍａ１ｋ３ｂｔｐ２ｂ\t\r\n", out, &warn), USCC_OK);
	assert_string_equal(out, "91310115MA1K3BTP2B");
	assert_int_equal(uscc_check(S("811101051234567884XY1"), out, &warn), USCC_LENGTH);
	assert_int_equal(uscc_check("811101051234567884XY1", 18, out, &warn), USCC_OK);
}

static void test_errors(void **state)
{
	char out[19];
	bool warn;
	char big[USCC_INPUT_MAX + 2];

	(void)state;
	assert_int_equal(uscc_check(NULL, 0, out, &warn), USCC_EMPTY);
	assert_check_err("", USCC_EMPTY);
	assert_check_err(" \u3000\t", USCC_EMPTY);
	assert_check_err("91350100M000100Y4", USCC_LENGTH);
	assert_check_err("91350100M000100Y433", USCC_LENGTH);
	assert_check_err("9", USCC_LENGTH);
	assert_check_err("91350100M000100Y4I", USCC_CHARS);
	assert_check_err("91350100O000100Y43", USCC_CHARS);
	assert_check_err("91350100S000100Y43", USCC_CHARS);
	assert_check_err("91350100V000100Y43", USCC_CHARS);
	assert_check_err("9135-0100M000100Y43", USCC_CHARS);
	assert_check_err("91350100M000100 Y43", USCC_CHARS);
	assert_check_err("统一社会信用代码", USCC_CHARS);
	assert_check_err("9135010AM000100Y43", USCC_REGION); /* character 8 a letter */
	assert_check_err("91A50100M000100Y43", USCC_REGION); /* character 3 a letter */
	assert_check_err("91350100M000100Y42", USCC_CHECK);
	assert_int_equal(uscc_check(S("91350100M000100Y4\0003"), out, &warn), USCC_CHARS);
	memset(big, ' ', sizeof big);
	memcpy(big, "91350100M000100Y43", 18);
	assert_int_equal(uscc_check(big, USCC_INPUT_MAX, out, &warn), USCC_OK);
	assert_int_equal(uscc_check(big, USCC_INPUT_MAX + 1, out, &warn), USCC_LENGTH);
}

static void test_err_codes_and_messages(void **state)
{
	int e, f;

	(void)state;
	assert_string_equal(uscc_err_code(USCC_OK), "ok");
	assert_string_equal(uscc_err_code(USCC_EMPTY), "empty");
	assert_string_equal(uscc_err_code(USCC_LENGTH), "bad_length");
	assert_string_equal(uscc_err_code(USCC_CHARS), "bad_chars");
	assert_string_equal(uscc_err_code(USCC_REGION), "bad_region");
	assert_string_equal(uscc_err_code(USCC_CHECK), "bad_check_char");
	assert_string_equal(uscc_err_code(USCC__MAX), "unknown_error");
	assert_string_equal(uscc_err_code((enum uscc_err) - 1), "unknown_error");
	for (e = 0; e < USCC__MAX; e++) {
		const char *code = uscc_err_code((enum uscc_err)e);
		const char *zh = uscc_err_message((enum uscc_err)e, true);
		const char *en = uscc_err_message((enum uscc_err)e, false);

		assert_non_null(code);
		assert_true(strlen(code) > 0);
		assert_true(strspn(code, "abcdefghijklmnopqrstuvwxyz_") == strlen(code));
		assert_true((unsigned char)zh[0] >= 0x80);
		assert_true(en[0] >= 'A' && en[0] <= 'Z');
		for (f = 0; f < e; f++) {
			assert_string_not_equal(code, uscc_err_code((enum uscc_err)f));
			assert_string_not_equal(zh, uscc_err_message((enum uscc_err)f, true));
			assert_string_not_equal(en, uscc_err_message((enum uscc_err)f, false));
		}
	}
	assert_non_null(uscc_err_message(USCC__MAX, true));
	assert_non_null(uscc_err_message(USCC__MAX, false));
}

/* MOD 31 with weights prime to 31 catches every single-character change. */
static void test_typos_are_caught(void **state)
{
	static const char *const good[] = {"91350100M000100Y43", "91310115MA1K3BTP2B", "811101051234567884",
	                                   "9144030071526726XG"};
	size_t g, i, k;

	(void)state;
	for (g = 0; g < sizeof good / sizeof good[0]; g++) {
		char s[19], out[19];
		bool warn;

		memcpy(s, good[g], sizeof s);
		assert_int_equal(check(s, out, &warn), USCC_OK);
		for (i = 0; i < 18; i++) {
			for (k = 0; k < sizeof uscc_set - 1; k++) {
				if (uscc_set[k] == good[g][i])
					continue;
				s[i] = uscc_set[k];
				assert_int_not_equal(check(s, out, &warn), USCC_OK);
			}
			s[i] = good[g][i];
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_valid_vectors),          cmocka_unit_test(test_invalid_vectors),
	        cmocka_unit_test(test_standard_example),       cmocka_unit_test(test_letters_in_body),
	        cmocka_unit_test(test_grassroots_union),       cmocka_unit_test(test_org_code_warning),
	        cmocka_unit_test(test_org_check_char),         cmocka_unit_test(test_check_char_rejects),
	        cmocka_unit_test(test_normalisation),          cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_err_codes_and_messages), cmocka_unit_test(test_typos_are_caught),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
