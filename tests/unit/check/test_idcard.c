/*
 * Unit tests for src/check/idcard.c (GB 11643 resident ID numbers): the standard's worked examples
 * and the synthetic fixtures of research/domain-security.md A1, normalisation (full width, lower-
 * case x, white space), the 15-digit conversion, calendar and leap-year rules, the minimum-age
 * check on and around a birthday, every error code and message, masking, and the property that
 * any single-digit typo or swap of neighbours is caught. ID numbers here are synthetic or the
 * standard's own examples, never real people's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check/idcard.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static enum idcard_err parse(const char *s, struct idcard *id)
{
	return idcard_parse(s, strlen(s), id);
}

static void assert_parse_err(const char *s, enum idcard_err want)
{
	struct idcard id;

	assert_string_equal(idcard_err_code(parse(s, &id)), idcard_err_code(want));
	if (want != IDCARD_OK)
		assert_string_equal(id.number, ""); /* *out is zeroed on errors */
}

static void test_standard_example(void **state)
{
	struct idcard id;

	(void)state;
	/* A1.3: the standard's appendix example, 北京市朝阳区, female, 1949-12-31 */
	assert_int_equal(parse("11010519491231002X", &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(id.year, 1949);
	assert_int_equal(id.month, 12);
	assert_int_equal(id.day, 31);
	assert_int_equal(id.sex, 'F');
	assert_int_equal(id.province, 11);
}

static void test_second_standard_example_pre_1900(void **state)
{
	struct idcard id;

	(void)state;
	/* A1.4: the check character is right (S = 195, 195 mod 11 = 8 -> '4'), but the birth year
	 * 1880 is before IDCARD_MIN_YEAR, which the project sets at 1900 */
	assert_int_equal(idcard_check_char("44052418800101001"), '4');
	assert_int_equal(parse("440524188001010014", &id), IDCARD_BIRTH_DATE);
	assert_int_equal(IDCARD_MIN_YEAR, 1900);
}

static void test_synthetic_fixtures(void **state)
{
	struct idcard id;

	(void)state;
	/* A1.5 */
	assert_int_equal(parse("110105199003071239", &id), IDCARD_OK);
	assert_int_equal(id.sex, 'M');
	assert_int_equal(id.year, 1990);
	assert_int_equal(id.month, 3);
	assert_int_equal(id.day, 7);
	assert_int_equal(parse("320508198506150241", &id), IDCARD_OK);
	assert_int_equal(id.sex, 'F');
	assert_int_equal(id.province, 32);
	/* python-stdnum test vectors quoted in A1.5 */
	assert_parse_err("360426199101010071", IDCARD_OK);
	assert_parse_err("412723199010050012", IDCARD_OK);
	assert_parse_err("110102199101010078", IDCARD_OK);
	assert_parse_err("44011320141005001X", IDCARD_OK);
}

static void test_check_char(void **state)
{
	(void)state;
	assert_int_equal(idcard_check_char("11010519491231002"), 'X');
	assert_int_equal(idcard_check_char("11010519900307123"), '9');
	assert_int_equal(idcard_check_char("32050819850615024"), '1');
	assert_int_equal(idcard_check_char("11010519491231003"), '8');
	assert_int_equal(idcard_check_char("1101051949123100X"), 0);
	assert_int_equal(idcard_check_char("1101051949123100 "), 0);
	assert_int_equal(idcard_check_char(NULL), 0);
}

static void test_bad_check_char(void **state)
{
	(void)state;
	assert_parse_err("11010519491231003X", IDCARD_CHECK); /* A1.5 negative: check must be 8 */
	assert_parse_err("110105194912310038", IDCARD_OK);
	assert_parse_err("36042619910102009X", IDCARD_CHECK);
	assert_parse_err("110105199003071230", IDCARD_CHECK);
	assert_parse_err("11010519900307123X", IDCARD_CHECK);
}

static void test_lower_case_x(void **state)
{
	struct idcard id;

	(void)state;
	assert_int_equal(parse("11010519491231002x", &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(parse("44011320141005001x", &id), IDCARD_OK);
	assert_string_equal(id.number, "44011320141005001X");
}

static void test_full_width_and_spaces(void **state)
{
	struct idcard id;

	(void)state;
	assert_int_equal(parse("１１０１０５１９４９１２３１００２Ｘ", &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(parse("\u3000 １１０１０５１９４９１２３１００２ｘ\t\r\n", &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(parse("  110105199003071239\u00A0", &id), IDCARD_OK);
	assert_string_equal(id.number, "110105199003071239");
	/* white space inside the number is not folded away */
	assert_parse_err("110105 19900307 1239", IDCARD_CHARS);
	assert_parse_err("110105-19900307-1239", IDCARD_CHARS);
}

static void test_input_not_nul_terminated(void **state)
{
	struct idcard id;
	const char buf[] = "110105199003071239999";

	(void)state;
	assert_int_equal(idcard_parse(buf, 18, &id), IDCARD_OK);
	assert_string_equal(id.number, "110105199003071239");
	assert_int_equal(idcard_parse(buf, 19, &id), IDCARD_LENGTH);
}

static void test_fifteen_digits(void **state)
{
	struct idcard id;

	(void)state;
	/* A1.7: the same person as A1.3 */
	assert_int_equal(parse("110105491231002", &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(id.year, 1949);
	assert_int_equal(id.sex, 'F');
	assert_int_equal(parse("340524800101001", &id), IDCARD_OK);
	assert_string_equal(id.number, "34052419800101001X");
	assert_int_equal(id.sex, 'M');
	assert_int_equal(parse("１１０１０５４９１２３１００２", &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_parse_err("11010549123100X", IDCARD_CHARS);      /* no check character in 15 */
	assert_parse_err("110105491331002", IDCARD_BIRTH_DATE); /* month 13 */
	assert_parse_err("110105000229002", IDCARD_BIRTH_DATE); /* 1900-02-29 */
	assert_parse_err("990105491231002", IDCARD_PROVINCE);
	assert_parse_err("1101054912310", IDCARD_LENGTH);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_parse_err("110105200002290064", IDCARD_OK);         /* 2000: divisible by 400 */
	assert_parse_err("110105200402290039", IDCARD_OK);         /* 2004 */
	assert_parse_err("320508190402290075", IDCARD_OK);         /* 1904 */
	assert_parse_err("320508190002290025", IDCARD_BIRTH_DATE); /* 1900: not a leap year */
	assert_parse_err("320508200102290045", IDCARD_BIRTH_DATE); /* 2001 */
}

static void test_bad_birth_dates(void **state)
{
	(void)state;
	assert_parse_err("360426199113010079", IDCARD_BIRTH_DATE); /* month 13 (python-stdnum) */
	assert_parse_err("110105194913010029", IDCARD_BIRTH_DATE); /* month 13, right check */
	assert_parse_err("11010519490001002X", IDCARD_BIRTH_DATE); /* month 0 */
	assert_parse_err("110105194912000021", IDCARD_BIRTH_DATE); /* day 0 */
	assert_parse_err("110105194912320025", IDCARD_BIRTH_DATE); /* 32 December */
	assert_parse_err("11010519490431002X", IDCARD_BIRTH_DATE); /* 31 April */
	assert_parse_err("320508189912310031", IDCARD_BIRTH_DATE); /* 1899: before 1900 */
	assert_parse_err("32050819000101001X", IDCARD_OK);         /* 1900-01-01: the first day */
}

static void test_provinces(void **state)
{
	(void)state;
	assert_parse_err("990426199112010074", IDCARD_PROVINCE); /* python-stdnum: unknown region */
	assert_parse_err("710000199001010058", IDCARD_PROVINCE); /* 71: no numbers issued */
	assert_parse_err("000000199001010012", IDCARD_PROVINCE);
	assert_parse_err("810000199001010027", IDCARD_OK); /* Hong Kong residence permit */
	assert_parse_err("820000199001010037", IDCARD_OK); /* Macao */
	assert_parse_err("830000199001010047", IDCARD_OK); /* Taiwan */
}

static void test_empty_length_chars(void **state)
{
	struct idcard id;

	(void)state;
	assert_int_equal(idcard_parse(NULL, 0, &id), IDCARD_EMPTY);
	assert_int_equal(idcard_parse(S(""), &id), IDCARD_EMPTY);
	assert_int_equal(idcard_parse(S(" \t\u3000 "), &id), IDCARD_EMPTY);
	assert_parse_err("11010519491231002", IDCARD_LENGTH);   /* 17 */
	assert_parse_err("11010519491231002X1", IDCARD_LENGTH); /* 19 */
	assert_parse_err("1", IDCARD_LENGTH);
	assert_parse_err("11010519491231002A", IDCARD_CHARS);
	assert_parse_err("1101051949123100X2", IDCARD_CHARS); /* X not last */
	assert_parse_err("身份证号", IDCARD_CHARS);
	assert_parse_err("X", IDCARD_LENGTH);
	assert_int_equal(idcard_parse(S("11010519491231002\0X"), &id), IDCARD_CHARS);
}

static void test_long_input(void **state)
{
	char big[IDCARD_INPUT_MAX + 20];
	struct idcard id;

	(void)state;
	/* a valid number followed by lots of spaces: fine while within the input limit */
	memset(big, ' ', sizeof big);
	memcpy(big, "11010519491231002X", 18);
	assert_int_equal(idcard_parse(big, IDCARD_INPUT_MAX, &id), IDCARD_OK);
	assert_int_equal(idcard_parse(big, IDCARD_INPUT_MAX + 1, &id), IDCARD_LENGTH);
	/* text after a long run of spaces must not be lost */
	big[IDCARD_INPUT_MAX - 1] = '1';
	assert_int_equal(idcard_parse(big, IDCARD_INPUT_MAX, &id), IDCARD_CHARS);
}

static void test_age(void **state)
{
	struct idcard id;

	(void)state;
	assert_int_equal(parse("110105200803071232", &id), IDCARD_OK);             /* born 2008-03-07 */
	assert_int_equal(idcard_check_age(&id, 2024, 3, 6, 16), IDCARD_UNDER_AGE); /* day before */
	assert_int_equal(idcard_check_age(&id, 2024, 3, 7, 16), IDCARD_OK);        /* 16th birthday */
	assert_int_equal(idcard_check_age(&id, 2024, 2, 28, 16), IDCARD_UNDER_AGE);
	assert_int_equal(idcard_check_age(&id, 2023, 12, 31, 16), IDCARD_UNDER_AGE);
	assert_int_equal(idcard_check_age(&id, 2024, 4, 1, 16), IDCARD_OK);
	assert_int_equal(idcard_check_age(&id, 2030, 1, 1, 16), IDCARD_OK);
	assert_int_equal(idcard_check_age(&id, 2008, 3, 7, 0), IDCARD_OK); /* born today */
	assert_int_equal(idcard_check_age(&id, 2008, 3, 7, 1), IDCARD_UNDER_AGE);
	assert_int_equal(idcard_check_age(&id, 2008, 3, 6, 0), IDCARD_FUTURE_BIRTH);
	assert_int_equal(idcard_check_age(&id, 2008, 2, 30, 0), IDCARD_FUTURE_BIRTH);
	assert_int_equal(idcard_check_age(&id, 2007, 12, 31, 0), IDCARD_FUTURE_BIRTH);
}

static void test_age_leap_day_birthday(void **state)
{
	struct idcard id;

	(void)state;
	assert_int_equal(parse("110105200402290039", &id), IDCARD_OK); /* born 2004-02-29 */
	/* 2022 is not a leap year: 18 on 1 March */
	assert_int_equal(idcard_check_age(&id, 2022, 2, 28, 18), IDCARD_UNDER_AGE);
	assert_int_equal(idcard_check_age(&id, 2022, 3, 1, 18), IDCARD_OK);
	/* 2020 is: 16 on 29 February */
	assert_int_equal(idcard_check_age(&id, 2020, 2, 28, 16), IDCARD_UNDER_AGE);
	assert_int_equal(idcard_check_age(&id, 2020, 2, 29, 16), IDCARD_OK);
}

static void test_err_codes_and_messages(void **state)
{
	int e, f;

	(void)state;
	assert_string_equal(idcard_err_code(IDCARD_OK), "ok");
	assert_string_equal(idcard_err_code(IDCARD_EMPTY), "empty");
	assert_string_equal(idcard_err_code(IDCARD_LENGTH), "bad_length");
	assert_string_equal(idcard_err_code(IDCARD_CHARS), "bad_chars");
	assert_string_equal(idcard_err_code(IDCARD_PROVINCE), "unknown_province");
	assert_string_equal(idcard_err_code(IDCARD_BIRTH_DATE), "bad_birth_date");
	assert_string_equal(idcard_err_code(IDCARD_CHECK), "bad_check_char");
	assert_string_equal(idcard_err_code(IDCARD_UNDER_AGE), "under_age");
	assert_string_equal(idcard_err_code(IDCARD_FUTURE_BIRTH), "future_birth_date");
	assert_string_equal(idcard_err_code(IDCARD__MAX), "unknown_error");
	assert_string_equal(idcard_err_code((enum idcard_err) - 1), "unknown_error");
	assert_string_equal(idcard_err_message(IDCARD_CHECK, true), "身份证号校验位错误，请核对号码是否输错");
	for (e = 0; e < IDCARD__MAX; e++) {
		const char *code = idcard_err_code((enum idcard_err)e);
		const char *zh = idcard_err_message((enum idcard_err)e, true);
		const char *en = idcard_err_message((enum idcard_err)e, false);

		assert_non_null(code);
		assert_true(strspn(code, "abcdefghijklmnopqrstuvwxyz_") == strlen(code));
		assert_true(strlen(code) > 0);
		assert_non_null(zh);
		assert_non_null(en);
		assert_true((unsigned char)zh[0] >= 0x80); /* Chinese */
		assert_true(en[0] >= 'A' && en[0] <= 'Z');
		assert_string_not_equal(zh, en);
		for (f = 0; f < e; f++) {
			assert_string_not_equal(code, idcard_err_code((enum idcard_err)f));
			assert_string_not_equal(zh, idcard_err_message((enum idcard_err)f, true));
			assert_string_not_equal(en, idcard_err_message((enum idcard_err)f, false));
		}
	}
	assert_non_null(idcard_err_message(IDCARD__MAX, true));
	assert_non_null(idcard_err_message(IDCARD__MAX, false));
}

static void test_mask(void **state)
{
	char out[19];

	(void)state;
	idcard_mask("320508198506150241", out);
	assert_string_equal(out, "3205**********0241");
	idcard_mask("11010519491231002X", out);
	assert_string_equal(out, "1101**********002X");
	idcard_mask("110105491231002", out);
	assert_string_equal(out, "******************");
	idcard_mask("11010519491231002X1", out);
	assert_string_equal(out, "******************");
	idcard_mask(NULL, out);
	assert_string_equal(out, "******************");
}

/* MOD 11-2 catches every single-digit change and every swap of two different neighbours. */
static void test_typos_are_caught(void **state)
{
	static const char *const good[] = {"11010519491231002X", "320508198506150241", "110105199003071239"};
	size_t g, i;
	char d;

	(void)state;
	for (g = 0; g < sizeof good / sizeof good[0]; g++) {
		char s[19];
		struct idcard id;

		memcpy(s, good[g], sizeof s);
		assert_int_equal(parse(s, &id), IDCARD_OK);
		for (i = 0; i < 17; i++) {
			for (d = '0'; d <= '9'; d++) {
				if (d == good[g][i])
					continue;
				s[i] = d;
				assert_int_not_equal(parse(s, &id), IDCARD_OK);
			}
			s[i] = good[g][i];
		}
		for (i = 0; i + 1 < 18; i++) {
			if (s[i] == s[i + 1])
				continue;
			s[i] = good[g][i + 1];
			s[i + 1] = good[g][i];
			assert_int_not_equal(parse(s, &id), IDCARD_OK);
			s[i] = good[g][i];
			s[i + 1] = good[g][i + 1];
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_standard_example),
	        cmocka_unit_test(test_second_standard_example_pre_1900),
	        cmocka_unit_test(test_synthetic_fixtures),
	        cmocka_unit_test(test_check_char),
	        cmocka_unit_test(test_bad_check_char),
	        cmocka_unit_test(test_lower_case_x),
	        cmocka_unit_test(test_full_width_and_spaces),
	        cmocka_unit_test(test_input_not_nul_terminated),
	        cmocka_unit_test(test_fifteen_digits),
	        cmocka_unit_test(test_leap_years),
	        cmocka_unit_test(test_bad_birth_dates),
	        cmocka_unit_test(test_provinces),
	        cmocka_unit_test(test_empty_length_chars),
	        cmocka_unit_test(test_long_input),
	        cmocka_unit_test(test_age),
	        cmocka_unit_test(test_age_leap_day_birthday),
	        cmocka_unit_test(test_err_codes_and_messages),
	        cmocka_unit_test(test_mask),
	        cmocka_unit_test(test_typos_are_caught),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
