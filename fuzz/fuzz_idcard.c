/*
 * libFuzzer harness for the resident ID number parser (src/check/idcard.c). Arbitrary bytes go
 * in; the harness aborts when an invariant breaks: an accepted number must be 17 digits and a
 * check character that an independently written MOD 11-2 agrees with, its fields must match its
 * digits, it must parse again to the same result, and age checks and masking must be consistent.
 * Seeds: fuzz/corpus/idcard/; crash inputs are kept in fuzz/regression/idcard/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/idcard.h"

/* The check character computed the long way: (1 - S) mod 11 with weights 2^(18-i) mod 11. */
static char fuzz_reference_check(const char *number)
{
	int sum = 0, i, k, w, c;

	for (i = 0; i < 17; i++) {
		if (number[i] < '0' || number[i] > '9')
			abort();
		for (w = 1, k = 0; k < 17 - i; k++)
			w = w * 2 % 11;
		sum += (number[i] - '0') * w;
	}
	c = ((1 - sum) % 11 + 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

static int fuzz_num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct idcard id, again;
	enum idcard_err rc;
	char mask[19];
	int i;

	rc = idcard_parse(in, size, &id);
	if ((unsigned)rc >= IDCARD__MAX || idcard_err_code(rc) == NULL || idcard_err_message(rc, true) == NULL ||
	    idcard_err_message(rc, false) == NULL)
		abort();
	if (rc == IDCARD_UNDER_AGE || rc == IDCARD_FUTURE_BIRTH)
		abort(); /* only idcard_check_age returns these */
	if (size >= 17)
		(void)idcard_check_char(in);
	if (size > 0 && size < 32) {
		char buf[32];

		memcpy(buf, in, size);
		buf[size] = '\0';
		idcard_mask(buf, mask);
		if (strlen(mask) != 18)
			abort();
	}
	if (rc != IDCARD_OK) {
		if (id.number[0] != '\0' || id.year != 0 || id.sex != 0)
			abort();
		return 0;
	}
	if (strlen(id.number) != 18)
		abort();
	for (i = 0; i < 17; i++)
		if (id.number[i] < '0' || id.number[i] > '9')
			abort();
	if (idcard_check_char(id.number) != id.number[17] || fuzz_reference_check(id.number) != id.number[17])
		abort();
	if (id.province != fuzz_num(id.number, 2) || id.year != fuzz_num(id.number + 6, 4) ||
	    id.month != fuzz_num(id.number + 10, 2) || id.day != fuzz_num(id.number + 12, 2))
		abort();
	if (id.year < IDCARD_MIN_YEAR || id.month < 1 || id.month > 12 || id.day < 1 || id.day > 31)
		abort();
	if (id.sex != ((id.number[16] - '0') % 2 ? 'M' : 'F'))
		abort();
	if (idcard_parse(id.number, 18, &again) != IDCARD_OK || strcmp(id.number, again.number) != 0 ||
	    id.year != again.year || id.month != again.month || id.day != again.day || id.sex != again.sex ||
	    id.province != again.province)
		abort();
	/* born that day: age 0, not 1; a day earlier is the future; 16 on the 16th birthday */
	if (idcard_check_age(&id, id.year, id.month, id.day, 0) != IDCARD_OK ||
	    idcard_check_age(&id, id.year, id.month, id.day, 1) != IDCARD_UNDER_AGE ||
	    idcard_check_age(&id, id.year, id.month, id.day - 1, 0) != IDCARD_FUTURE_BIRTH ||
	    idcard_check_age(&id, id.year + 16, id.month, id.day + 1, 16) != IDCARD_OK)
		abort();
	idcard_mask(id.number, mask);
	if (memcmp(mask, id.number, 4) != 0 || memcmp(mask + 14, id.number + 14, 5) != 0 || strspn(mask + 4, "*") != 10)
		abort();
	return 0;
}
