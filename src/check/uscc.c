/*
 * GB 32100 unified social credit codes (see uscc.h and research/domain-security.md A2): the
 * 31-character table, the MOD 31 check that rejects a code, and the GB 11714 organisation-code
 * check that only warns, because the two standards value letters differently (A2.7). Error texts
 * live in a table indexed by enum uscc_err.
 */
#include "check/uscc.h"

#include <string.h>

#include "base/text.h"

/* GB 32100 table 1: the character at index v has the value v. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* W_i = 3^(i-1) mod 31 for positions 1..17 (A2.2). */
static const unsigned char uscc_weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

/* GB 11714 weights for the 8 organisation-code characters (A2.7). */
static const unsigned char uscc_org_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

static const struct uscc_err_text {
	const char *code;
	const char *zh;
	const char *en;
} uscc_err_texts[USCC__MAX] = {
        [USCC_OK] = {"ok", "统一社会信用代码有效", "The unified social credit code is valid."},
        [USCC_EMPTY] = {"empty", "请填写统一社会信用代码", "Enter the unified social credit code."},
        [USCC_LENGTH] = {"bad_length", "统一社会信用代码应为18位", "A unified social credit code has 18 characters."},
        [USCC_CHARS] = {"bad_chars", "统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）",
                        "A unified social credit code has only digits and the letters A to Y "
                        "without I, O, S and V."},
        [USCC_REGION] = {"bad_region", "统一社会信用代码第3至8位应为行政区划代码（6位数字）",
                         "Characters 3 to 8 of the code are a division code and must be digits."},
        [USCC_CHECK] = {"bad_check_char", "统一社会信用代码校验位错误，请核对是否输错",
                        "The last character does not match the rest; check the code for typos."},
};

/* The GB 32100 value of c, or -1 if c is not in the character set. */
static int uscc_value(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = memchr(uscc_alphabet, c, sizeof uscc_alphabet - 1);
	return p ? (int)(p - uscc_alphabet) : -1;
}

char uscc_check_char(const char *first17)
{
	int sum = 0;
	size_t i;

	if (first17 == NULL)
		return 0;
	for (i = 0; i < 17; i++) {
		int v = uscc_value(first17[i]);

		if (v < 0)
			return 0;
		sum += v * uscc_weights[i];
	}
	return uscc_alphabet[(31 - sum % 31) % 31];
}

char uscc_org_check_char(const char *body8)
{
	int sum = 0, c;
	size_t i;

	if (body8 == NULL)
		return 0;
	for (i = 0; i < 8; i++) {
		char ch = body8[i];
		int v;

		if (ch >= '0' && ch <= '9')
			v = ch - '0';
		else if (ch >= 'A' && ch <= 'Z')
			v = ch - 'A' + 10;
		else
			return 0;
		sum += v * uscc_org_weights[i];
	}
	c = 11 - sum % 11;
	if (c == 10)
		return 'X';
	if (c == 11)
		return '0';
	return (char)('0' + c);
}

enum uscc_err uscc_check(const char *in, size_t n, char out[19], bool *org_code_warning)
{
	char buf[USCC_INPUT_MAX + 1];
	size_t len, i;

	out[0] = '\0';
	if (org_code_warning != NULL)
		*org_code_warning = false;
	if (in == NULL || n == 0)
		return USCC_EMPTY;
	if (n > USCC_INPUT_MAX)
		return USCC_LENGTH;
	len = text_fold_ascii(in, n, buf, sizeof buf); /* never truncates: n < sizeof buf */
	if (len == 0)
		return USCC_EMPTY;
	for (i = 0; i < len; i++) {
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 'a' + 'A');
		if (uscc_value(buf[i]) < 0)
			return USCC_CHARS;
	}
	if (len != 18)
		return USCC_LENGTH;
	if (!text_is_digits(buf + 2, 6))
		return USCC_REGION;
	if (uscc_check_char(buf) != buf[17])
		return USCC_CHECK;
	memcpy(out, buf, 18);
	out[18] = '\0';
	if (org_code_warning != NULL)
		*org_code_warning = uscc_org_check_char(buf + 8) != buf[16];
	return USCC_OK;
}

const char *uscc_err_code(enum uscc_err e)
{
	if ((unsigned)e >= USCC__MAX)
		return "unknown_error";
	return uscc_err_texts[e].code;
}

const char *uscc_err_message(enum uscc_err e, bool zh)
{
	if ((unsigned)e >= USCC__MAX)
		return zh ? "统一社会信用代码无法校验" : "The unified social credit code could not be checked.";
	return zh ? uscc_err_texts[e].zh : uscc_err_texts[e].en;
}

const char *uscc_warning_message(bool zh)
{
	return zh ? "代码中的组织机构代码（第9至17位）未通过校验，请再核对一遍"
	          : "The organisation code inside the credit code (characters 9 to 17) fails "
	            "its own check; please check the code again.";
}
