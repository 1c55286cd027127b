/*
 * Unit tests for src/base/text.c: strict UTF-8 validation, code point counts, full-width folding
 * with trimming and truncation at code point boundaries, and the ASCII helpers. Every validator in
 * src/check/ relies on text_fold_ascii, so its edge cases (range ends, NBSP, in-place use, invalid
 * bytes) are pinned here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void test_utf8_valid_accepts(void **state)
{
	(void)state;
	assert_true(text_utf8_valid(S("")));
	assert_true(text_utf8_valid(NULL, 0));
	assert_true(text_utf8_valid(S("plain ascii 123")));
	assert_true(text_utf8_valid(S("工会")));             /* 3-byte */
	assert_true(text_utf8_valid(S("\xC2\xA0")));         /* U+00A0, smallest 2-byte lead */
	assert_true(text_utf8_valid(S("\xF0\x9F\x98\x80"))); /* U+1F600 */
	assert_true(text_utf8_valid(S("\xF4\x8F\xBF\xBF"))); /* U+10FFFF */
	assert_true(text_utf8_valid(S("\xED\x9F\xBF")));     /* U+D7FF, just below surrogates */
	assert_true(text_utf8_valid(S("a\0b")));             /* NUL is U+0000 */
}

static void test_utf8_valid_rejects(void **state)
{
	(void)state;
	assert_false(text_utf8_valid(NULL, 1));
	assert_false(text_utf8_valid(S("\xC0\x80")));         /* overlong NUL */
	assert_false(text_utf8_valid(S("\xC1\xBF")));         /* overlong */
	assert_false(text_utf8_valid(S("\xE0\x80\x80")));     /* overlong 3-byte */
	assert_false(text_utf8_valid(S("\xF0\x80\x80\x80"))); /* overlong 4-byte */
	assert_false(text_utf8_valid(S("\xED\xA0\x80")));     /* surrogate U+D800 */
	assert_false(text_utf8_valid(S("\xF4\x90\x80\x80"))); /* U+110000 */
	assert_false(text_utf8_valid(S("\xF5\x80\x80\x80")));
	assert_false(text_utf8_valid(S("\xFF")));
	assert_false(text_utf8_valid(S("\x80")));     /* lone continuation */
	assert_false(text_utf8_valid(S("\xE5\xB7"))); /* truncated 工 */
	assert_false(text_utf8_valid(S("ok\xE5")));
	assert_false(text_utf8_valid(S("\xE5\x41\x41"))); /* lead without continuations */
	/* only n bytes are read: a sequence cut by n is invalid even if the buffer goes on */
	assert_false(text_utf8_valid("工", 2));
	assert_false(text_utf8_valid("\xF0\x9F\x98\x80", 3));
	assert_true(text_utf8_valid("工", 3));
}

static void test_utf8_count(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_count(S("")), 0);
	assert_int_equal(text_utf8_count(NULL, 0), 0);
	assert_int_equal(text_utf8_count(S("abc")), 3);
	assert_int_equal(text_utf8_count(S("工会abc")), 5);
	assert_int_equal(text_utf8_count(S("\xF0\x9F\x98\x80x")), 2);
	assert_int_equal(text_utf8_count(S("中华全国总工会")), 7);
}

/* Folds lit with a roomy buffer and checks the result and the returned length. */
static void fold_is(const char *in, size_t n, const char *want)
{
	char out[128];
	size_t len = text_fold_ascii(in, n, out, sizeof out);

	assert_string_equal(out, want);
	assert_int_equal(len, strlen(want));
}

static void test_fold_full_width(void **state)
{
	(void)state;
	fold_is(S("１２３ＡＢＣｘｙｚ"), "123ABCxyz");
	fold_is(S("！"), "!");                      /* U+FF01, first of the range */
	fold_is(S("～"), "~");                      /* U+FF5E, last of the range */
	fold_is(S("\xEF\xBC\x80"), "\xEF\xBC\x80"); /* U+FF00 is outside the range: kept */
	fold_is(S("｟"), "｟");                     /* U+FF5F is outside the range: kept */
	fold_is(S("－（）＋"), "-()+");
	fold_is(S("工会１号"), "工会1号");
}

static void test_fold_trims(void **state)
{
	(void)state;
	fold_is(S("  abc  "), "abc");
	fold_is(S("\t\r\nabc\n\r\t"), "abc");
	fold_is(S("\u3000abc\u3000"), "abc");
	fold_is(S("\u00A0abc\u00A0"), "abc");
	fold_is(S(" \u3000\u00A0\t a b \u00A0\u3000 "), "a b");
	fold_is(S("a\u3000b"), "a b");      /* inside: ideographic space becomes ' ' */
	fold_is(S("a\u00A0b"), "a\u00A0b"); /* inside: NBSP is kept */
	fold_is(S("   "), "");
	fold_is(S("\u3000\u3000"), "");
	fold_is(S(""), "");
	fold_is(NULL, 5, "");
	fold_is(S("\va\v"), "\va\v"); /* only the listed white space is trimmed */
}

static void test_fold_invalid_bytes_copied(void **state)
{
	(void)state;
	fold_is(S("\xFF１\xFE"), "\xFF"
	                         "1\xFE");
	fold_is(S(" \xE5\xB7 "), "\xE5\xB7"); /* truncated sequence: bytes kept, spaces trimmed */
	fold_is(S("\xC0\x80"), "\xC0\x80");
	fold_is("\xEF\xBC\x91", 2, "\xEF\xBC"); /* '１' cut by n is not folded */
}

static void test_fold_truncates_on_boundary(void **state)
{
	char out[8];
	size_t len;

	(void)state;
	len = text_fold_ascii(S("工会"), out, 4); /* room for 3 bytes: one character */
	assert_int_equal(len, 3);
	assert_string_equal(out, "工");
	len = text_fold_ascii(S("工会"), out, 6); /* 5 bytes of room: still one character */
	assert_int_equal(len, 3);
	assert_string_equal(out, "工");
	len = text_fold_ascii(S("工会"), out, 3);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	len = text_fold_ascii(S("abcdef"), out, 1);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	len = text_fold_ascii(S("abcdefghijk"), out, sizeof out);
	assert_int_equal(len, 7);
	assert_string_equal(out, "abcdefg");
	len = text_fold_ascii(S("ab  cdef"), out, 5); /* the cut lands after "ab  ": trimmed */
	assert_int_equal(len, 2);
	assert_string_equal(out, "ab");
	/* full-width input shrinks, so 9 bytes of input fit in 4 bytes of output */
	len = text_fold_ascii(S("１２３"), out, 4);
	assert_int_equal(len, 3);
	assert_string_equal(out, "123");
}

static void test_fold_zero_cap(void **state)
{
	char out[2] = {'x', 'y'};

	(void)state;
	assert_int_equal(text_fold_ascii(S("abc"), out, 0), 0);
	assert_int_equal(out[0], 'x'); /* nothing written */
	assert_int_equal(text_fold_ascii(S("abc"), NULL, 10), 0);
}

static void test_fold_in_place(void **state)
{
	char buf[64] = "\u3000 ９１３５０１００Ｍ０００１００Ｙ４３\u3000";
	size_t len;

	(void)state;
	len = text_fold_ascii(buf, strlen(buf), buf, sizeof buf);
	assert_int_equal(len, 18);
	assert_string_equal(buf, "91350100M000100Y43");
}

static void test_fold_idempotent(void **state)
{
	static const char *const samples[] = {
	        "  ａ\u3000ｂ  ", "\u00A0x\u00A0", "工会\u3000主席", "\xFF\u3000\xFE", "１\t２",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		char once[64], twice[64];
		size_t n1 = text_fold_ascii(samples[i], strlen(samples[i]), once, sizeof once);
		size_t n2 = text_fold_ascii(once, n1, twice, sizeof twice);

		assert_int_equal(n1, n2);
		assert_string_equal(once, twice);
	}
}

static void test_upper_ascii(void **state)
{
	char s[] = "abcXyz1x-工会ä";

	(void)state;
	text_upper_ascii(s);
	assert_string_equal(s, "ABCXYZ1X-工会ä");
	text_upper_ascii(NULL); /* tolerated */
}

static void test_is_digits(void **state)
{
	(void)state;
	assert_true(text_is_digits(S("0123456789")));
	assert_false(text_is_digits(S("")));
	assert_false(text_is_digits(NULL, 3));
	assert_false(text_is_digits(S("12a")));
	assert_false(text_is_digits(S("１２")));
	assert_true(text_is_digits("12a", 2)); /* only n bytes are read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_utf8_valid_accepts),
	        cmocka_unit_test(test_utf8_valid_rejects),
	        cmocka_unit_test(test_utf8_count),
	        cmocka_unit_test(test_fold_full_width),
	        cmocka_unit_test(test_fold_trims),
	        cmocka_unit_test(test_fold_invalid_bytes_copied),
	        cmocka_unit_test(test_fold_truncates_on_boundary),
	        cmocka_unit_test(test_fold_zero_cap),
	        cmocka_unit_test(test_fold_in_place),
	        cmocka_unit_test(test_fold_idempotent),
	        cmocka_unit_test(test_upper_ascii),
	        cmocka_unit_test(test_is_digits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
