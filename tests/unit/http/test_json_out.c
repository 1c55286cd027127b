/*
 * Unit tests of src/http/json_out.c: the answer's text is json_dumps(v, JSON_COMPACT |
 * JSON_REAL_PRECISION(15))'s, byte for byte, and fails where it fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/json_out.h"

#define FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))

static void same(json_t *v)
{
	char *want = json_dumps(v, FLAGS);
	size_t n = 0;
	char *got = json_out(v, &n);
	if (!want) {
		assert_null(got);
	} else {
		assert_non_null(got);
		assert_string_equal(got, want);
		assert_int_equal(n, strlen(want));
	}
	free(want);
	free(got);
	json_decref(v);
}

static void test_scalars_and_nesting(void **state)
{
	same(json_object());
	same(json_array());
	same(json_pack("{s:i, s:I, s:I, s:I, s:b, s:b, s:n, s:[]}", "a", 0, "big", (json_int_t)INT64_MAX, "min",
	               (json_int_t)INT64_MIN, "neg", (json_int_t)-42, "t", 1, "f", 0, "z", "e"));
	same(json_pack("[i, [i, [i, {s:{s:[]}}]], {}]", 1, 2, 3, "x", "y"));
	/* insertion order, not sorted; a key set twice keeps its place */
	json_t *o = json_object();
	json_object_set_new(o, "zeta", json_integer(1));
	json_object_set_new(o, "alpha", json_integer(2));
	json_object_set_new(o, "mid", json_integer(3));
	json_object_set_new(o, "zeta", json_integer(4));
	same(o);
}

static void test_reals(void **state)
{
	double v[] = {0.0,
	              -0.0,
	              1.0,
	              -1.0,
	              34.84,
	              118.7781,
	              0.1,
	              1.0 / 3.0,
	              6.46009389671362,
	              1e15,
	              1e16,
	              1e20,
	              1.5e300,
	              1e-5,
	              -2.5e-7,
	              123456789012345.0,
	              1234567890123456.0,
	              0.001,
	              100.0,
	              2752.0 / 426.0};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		same(json_pack("{s:f}", "r", v[i]));
		same(json_pack("[f]", v[i]));
	}
}

static void test_strings(void **state)
{
	same(json_pack("{s:s}", "name", "江苏省连云港市赣榆区青口镇总工会"));
	same(json_pack("{s:s}", "q", "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f"));
	same(json_pack("{s:s}", "ctl", "\x01\x02\x1f\x7f end"));
	same(json_pack("{s:s}", "emoji", "\xf0\x9f\x98\x80 and \xe2\x80\xa8"));
	same(json_pack("{s:s}", "", ""));
	same(json_pack("{s:s}", "键\"名\n", "value"));
	/* embedded NUL */
	json_t *o = json_object();
	json_object_set_new(o, "nul", json_stringn("a\0b", 3));
	same(o);
	/* not UTF-8: both fail */
	const char *bad[] = {"\xff",     "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
	                     "\xe4\xb8", "a\x80"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = json_object();
		json_object_set_new_nocheck(o, "s", json_stringn_nocheck(bad[i], strlen(bad[i])));
		same(o);
		/* a key that is not UTF-8 (keys are the program's own literals): json_dumps writes a
		 * lone quote and goes on, which is no JSON; json_out fails */
		o = json_object();
		json_object_set_new_nocheck(o, bad[i], json_true());
		size_t n;
		assert_null(json_out(o, &n));
		json_decref(o);
	}
}

static void test_top_level(void **state)
{
	size_t n;
	json_t *s = json_string("x");
	assert_null(json_out(s, &n));
	json_decref(s);
	assert_null(json_out(NULL, &n));
	/* an answer of a few hundred kilobytes, grown from the first 256 bytes */
	json_t *a = json_array();
	for (int i = 0; i < 20000; i++)
		json_array_append_new(a, json_pack("{s:i, s:s}", "id", i, "name", "某某公司工会委员会"));
	same(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_scalars_and_nesting),
	        cmocka_unit_test(test_reals),
	        cmocka_unit_test(test_strings),
	        cmocka_unit_test(test_top_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
