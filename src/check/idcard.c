/*
 * GB 11643 resident identity numbers (see idcard.h and research/domain-security.md A1): the
 * parser that normalises and validates a number, the MOD 11-2 check character, age checks, the
 * error texts the API shows next to the field, and masking for display. Province codes and the
 * error texts are tables; everything else is arithmetic on the digits.
 */
#include "check/idcard.h"

#include <string.h>

#include "base/text.h"

/* Province-level codes that appear in ID numbers (GB/T 2260), plus the residence permits of
 * Hong Kong (81), Macao (82) and Taiwan (83) residents. 71 (Taiwan) is deliberately absent: no
 * ID number is issued under it. */
static const unsigned char idcard_provinces[] = {
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
        43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 81, 82, 83,
};

/* W_i = 2^(18-i) mod 11 for positions 1..17 (A1.2). */
static const unsigned char idcard_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

static const struct idcard_err_text {
	const char *code;
	const char *zh;
	const char *en;
} idcard_err_texts[IDCARD__MAX] = {
        [IDCARD_OK] = {"ok", "身份证号有效", "The ID number is valid."},
        [IDCARD_EMPTY] = {"empty", "请填写身份证号", "Enter the ID number."},
        [IDCARD_LENGTH] = {"bad_length", "身份证号应为18位（旧版15位号码也可）",
                           "An ID number has 18 characters (or 15 digits for an old one)."},
        [IDCARD_CHARS] = {"bad_chars", "身份证号只能由数字组成，最后一位可以是X",
                          "An ID number has only digits; the last character may be X."},
        [IDCARD_PROVINCE] = {"unknown_province", "身份证号前两位不是有效的省级地区代码",
                             "The first two digits are not a valid province code."},
        [IDCARD_BIRTH_DATE] = {"bad_birth_date", "身份证号中的出生日期（第7至14位）无效",
                               "The birth date in the ID number (digits 7 to 14) is not a real date."},
        [IDCARD_CHECK] = {"bad_check_char", "身份证号校验位错误，请核对号码是否输错",
                          "The last character does not match the rest; check the number for typos."},
        [IDCARD_UNDER_AGE] = {"under_age", "未达到规定年龄", "The person is younger than the minimum age."},
        [IDCARD_FUTURE_BIRTH] = {"future_birth_date", "出生日期晚于当前日期，请核对身份证号",
                                 "The birth date is in the future; check the ID number."},
};

static bool idcard_province_known(int code)
{
	size_t i;

	for (i = 0; i < sizeof idcard_provinces; i++)
		if (idcard_provinces[i] == code)
			return true;
	return false;
}

static bool idcard_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool idcard_date_valid(int y, int m, int d)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last;

	if (m < 1 || m > 12 || d < 1)
		return false;
	last = days[m - 1] + (m == 2 && idcard_leap(y));
	return d <= last;
}

/* The value of n ASCII digits at s (the caller has checked they are digits). */
static int idcard_digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

char idcard_check_char(const char *first17)
{
	static const char map[] = "10X98765432";
	int sum = 0;
	size_t i;

	if (first17 == NULL || !text_is_digits(first17, 17))
		return 0;
	for (i = 0; i < 17; i++)
		sum += (first17[i] - '0') * idcard_weights[i];
	return map[sum % 11];
}

enum idcard_err idcard_parse(const char *in, size_t n, struct idcard *out)
{
	char buf[IDCARD_INPUT_MAX + 1];
	char num[19];
	size_t len, i;
	int year, month, day;

	memset(out, 0, sizeof *out);
	if (in == NULL || n == 0)
		return IDCARD_EMPTY;
	if (n > IDCARD_INPUT_MAX)
		return IDCARD_LENGTH;
	len = text_fold_ascii(in, n, buf, sizeof buf); /* never truncates: n < sizeof buf */
	if (len == 0)
		return IDCARD_EMPTY;
	for (i = 0; i < len; i++) {
		if (buf[i] == 'x')
			buf[i] = 'X';
		if ((buf[i] < '0' || buf[i] > '9') && buf[i] != 'X')
			return IDCARD_CHARS;
	}
	if (len != 18 && len != 15)
		return IDCARD_LENGTH;
	if (!text_is_digits(buf, len == 18 ? 17 : 15))
		return IDCARD_CHARS; /* X only as the 18th character */
	if (len == 18) {
		memcpy(num, buf, 18);
	} else {
		/* GB 11643-1989: AAAAAA YYMMDD SSS, no check character; century 19 (A1.7). */
		memcpy(num, buf, 6);
		memcpy(num + 6, "19", 2);
		memcpy(num + 8, buf + 6, 9);
		num[17] = idcard_check_char(num);
	}
	num[18] = '\0';
	if (!idcard_province_known(idcard_digits(num, 2)))
		return IDCARD_PROVINCE;
	year = idcard_digits(num + 6, 4);
	month = idcard_digits(num + 10, 2);
	day = idcard_digits(num + 12, 2);
	if (year < IDCARD_MIN_YEAR || !idcard_date_valid(year, month, day))
		return IDCARD_BIRTH_DATE;
	if (idcard_check_char(num) != num[17])
		return IDCARD_CHECK;
	memcpy(out->number, num, sizeof out->number);
	out->year = year;
	out->month = month;
	out->day = day;
	out->sex = (num[16] - '0') % 2 ? 'M' : 'F';
	out->province = idcard_digits(num, 2);
	return IDCARD_OK;
}

enum idcard_err idcard_check_age(const struct idcard *id, int y, int m, int d, int min_age)
{
	int age;

	if (id->year > y || (id->year == y && (id->month > m || (id->month == m && id->day > d))))
		return IDCARD_FUTURE_BIRTH;
	age = y - id->year;
	if (m < id->month || (m == id->month && d < id->day))
		age--; /* the birthday of year y is still ahead; 29 Feb counts as 1 Mar */
	return age < min_age ? IDCARD_UNDER_AGE : IDCARD_OK;
}

const char *idcard_err_code(enum idcard_err e)
{
	if ((unsigned)e >= IDCARD__MAX)
		return "unknown_error";
	return idcard_err_texts[e].code;
}

const char *idcard_err_message(enum idcard_err e, bool zh)
{
	if ((unsigned)e >= IDCARD__MAX)
		return zh ? "身份证号无法校验" : "The ID number could not be checked.";
	return zh ? idcard_err_texts[e].zh : idcard_err_texts[e].en;
}

void idcard_mask(const char *number18, char out[19])
{
	memset(out, '*', 18);
	out[18] = '\0';
	if (number18 == NULL || strnlen(number18, 19) != 18)
		return;
	memcpy(out, number18, 4);
	memcpy(out + 14, number18 + 14, 4);
}
