/*
 * Unit tests for src/check/phone.c: the spellings of one mobile number (+86, 86, spaces, dashes,
 * full width) that must normalise to the same 11 digits, landlines with two- and three-digit area
 * codes, the strict rejections (extensions, +86 landlines, wrong lengths and prefixes), and masking.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check/phone.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void normalizes_to(const char *in, const char *want)
{
	char out[24] = "garbage";

	if (phone_normalize(in, strlen(in), out) != 0)
		fail_msg("\"%s\": want %s, got -1", in, want);
	assert_string_equal(out, want);
}

static void rejects(const char *in)
{
	char out[24] = "garbage";

	if (phone_normalize(in, strlen(in), out) != -1)
		fail_msg("\"%s\": want -1, got %s", in, out);
	assert_string_equal(out, "");
}

static void test_mobile_spellings(void **state)
{
	(void)state;
	normalizes_to("13812345678", "13812345678");
	normalizes_to("138 1234 5678", "13812345678");
	normalizes_to("138-1234-5678", "13812345678");
	normalizes_to("+8613812345678", "13812345678");
	normalizes_to("+86 138 1234 5678", "13812345678");
	normalizes_to("+86-138-1234-5678", "13812345678");
	normalizes_to("8613812345678", "13812345678");
	normalizes_to("86 13812345678", "13812345678");
	normalizes_to("１３８１２３４５６７８", "13812345678");
	normalizes_to("＋８６\u3000１３８\u3000１２３４\u3000５６７８", "13812345678");
	normalizes_to("\u3000 13812345678 \t", "13812345678");
	normalizes_to("19912345678", "19912345678");
	normalizes_to("13012345678", "13012345678");
}

static void test_mobile_rejects(void **state)
{
	(void)state;
	rejects("12812345678"); /* 12x is not a mobile prefix */
	rejects("10012345678");
	rejects("1381234567");   /* 10 digits */
	rejects("138123456789"); /* 12 digits */
	rejects("+8612812345678");
	rejects("+86138123456");
	rejects("+1 415 555 0100");
	rejects("+86");
	rejects("+");
	rejects("8513812345678");
	rejects("86+13812345678");
	rejects("++8613812345678");
	rejects("138.1234.5678");
	rejects("(138)12345678");
	rejects("-13812345678");
	rejects("13812345678-");
	rejects("13812345678 ext 12");
	rejects("138１234５678x");
	rejects("手机13812345678");
}

static void test_landlines(void **state)
{
	(void)state;
	normalizes_to("010-62345678", "010-62345678");
	normalizes_to("01062345678", "010-62345678");
	normalizes_to("010 6234567", "010-6234567");
	normalizes_to("021-61234567", "021-61234567");
	normalizes_to("029 8734 4644", "029-87344644");
	normalizes_to("0755-2345678", "0755-2345678");
	normalizes_to("075523456789", "0755-23456789");
	normalizes_to("0571-87654321", "0571-87654321");
	normalizes_to("0371 9876543", "0371-9876543");
	normalizes_to("０１０－６２３４５６７８", "010-62345678");
}

static void test_landline_rejects(void **state)
{
	(void)state;
	rejects("010-62345678-123"); /* extensions are not accepted */
	rejects("010-62345678 转 123");
	rejects("010-62345678#123");
	rejects("010-0234567"); /* local numbers start 2..9 */
	rejects("010-1234567"); /* ... not 1 either */
	rejects("010-12345678");
	rejects("010-623456");    /* 6 digits */
	rejects("010-623456789"); /* 9 digits */
	rejects("0755-234567");
	rejects("0755-234567891");
	rejects("011-62345678"); /* 01x other than 010 */
	rejects("00-62345678");
	rejects("0062345678");
	rejects("+86 010 62345678"); /* no +86 for landlines */
	rejects("+86 10 62345678");
	rejects("62345678"); /* no area code */
	rejects("0");
	rejects("010");
}

static void test_empty_and_limits(void **state)
{
	char out[24];
	char big[PHONE_INPUT_MAX + 2];

	(void)state;
	rejects("");
	rejects("   ");
	rejects("-");
	assert_int_equal(phone_normalize(NULL, 0, out), -1);
	assert_int_equal(phone_normalize(S("1381234\0005678"), out), -1);
	assert_int_equal(phone_normalize("13812345678999", 11, out), 0); /* reads n bytes only */
	assert_string_equal(out, "13812345678");
	memset(big, ' ', sizeof big);
	memcpy(big, "13812345678", 11);
	assert_int_equal(phone_normalize(big, PHONE_INPUT_MAX, out), 0);
	assert_int_equal(phone_normalize(big, PHONE_INPUT_MAX + 1, out), -1);
	assert_string_equal(out, "");
}

static void masks_to(const char *phone, const char *want)
{
	char out[24] = "garbage";

	phone_mask(phone, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_mask(void **state)
{
	char small[11] = "garbage";

	(void)state;
	masks_to("13812345678", "138****5678");
	masks_to("010-12345678", "010-****5678");
	masks_to("010-1234567", "010-***4567");
	masks_to("0755-1234567", "0755-***4567");
	masks_to("0755-12345678", "0755-****5678");
	masks_to("12345678", "****5678");
	masks_to("1234567", "*******");
	masks_to("010-12345", "010-*****");
	masks_to("", "");
	masks_to(NULL, "");
	phone_mask("13812345678", small, sizeof small); /* needs 12 bytes */
	assert_string_equal(small, "");
	memcpy(small, "keep", 5);
	phone_mask("13812345678", small, 0); /* nothing written */
	assert_string_equal(small, "keep");
	phone_mask("1381234567", small, sizeof small);
	assert_string_equal(small, "******4567");
	phone_mask("13812345678", NULL, 10); /* tolerated */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_mobile_spellings), cmocka_unit_test(test_mobile_rejects),
	        cmocka_unit_test(test_landlines),        cmocka_unit_test(test_landline_rejects),
	        cmocka_unit_test(test_empty_and_limits), cmocka_unit_test(test_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
