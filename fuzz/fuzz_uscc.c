/*
 * libFuzzer harness for the unified social credit code check (src/check/uscc.c) and the text
 * folding every validator runs first (src/base/text.c). Arbitrary bytes go in; the harness aborts
 * when an invariant breaks: an accepted code must be 18 characters of the GB 32100 set, agree
 * with an independently written MOD 31 check, and pass again unchanged; folding must never grow
 * the text, break valid UTF-8, or change on a second pass. Seeds: fuzz/corpus/uscc/; crash inputs
 * are kept in fuzz/regression/uscc/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "check/uscc.h"

static const char fuzz_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* The check character computed the long way, with weights 3^(i-1) mod 31 built here. */
static char fuzz_reference_check(const char *code)
{
	int sum = 0, w = 1, i;

	for (i = 0; i < 17; i++) {
		const char *p = memchr(fuzz_set, code[i], sizeof fuzz_set - 1);

		if (p == NULL)
			abort();
		sum += (int)(p - fuzz_set) * w;
		w = w * 3 % 31;
	}
	return fuzz_set[(31 - sum % 31) % 31];
}

static void fuzz_text(const char *in, size_t n)
{
	char *once = malloc(n + 1), *twice = malloc(n + 1), *inplace = malloc(n + 1);
	char small[8];
	size_t len, len2, cap;
	bool valid = text_utf8_valid(in, n);

	if (once == NULL || twice == NULL || inplace == NULL)
		abort();
	len = text_fold_ascii(in, n, once, n + 1);
	if (len > n || once[len] != '\0')
		abort();
	if (valid && (!text_utf8_valid(once, len) || text_utf8_count(once, len) > text_utf8_count(in, n)))
		abort();
	len2 = text_fold_ascii(once, len, twice, n + 1);
	if (len2 != len || memcmp(once, twice, len) != 0)
		abort(); /* folding is idempotent */
	if (n > 0)
		memcpy(inplace, in, n);
	len2 = text_fold_ascii(inplace, n, inplace, n + 1);
	if (len2 != len || memcmp(once, inplace, len) != 0)
		abort(); /* in place gives the same result */
	cap = n > 0 ? (unsigned char)in[0] % sizeof small + 1 : 1;
	len2 = text_fold_ascii(in, n, small, cap);
	if (len2 >= cap || small[len2] != '\0' || len2 > len)
		abort();
	if (valid && !text_utf8_valid(small, len2))
		abort(); /* truncation never cuts a sequence */
	free(once);
	free(twice);
	free(inplace);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	char out[19], again[19], lower[19];
	bool warn = true, warn2 = true;
	enum uscc_err rc;
	size_t i;

	fuzz_text(in, size);
	rc = uscc_check(in, size, out, &warn);
	if ((unsigned)rc >= USCC__MAX || uscc_err_code(rc) == NULL || uscc_err_message(rc, true) == NULL ||
	    uscc_err_message(rc, false) == NULL)
		abort();
	if (size >= 17)
		(void)uscc_check_char(in);
	if (size >= 8)
		(void)uscc_org_check_char(in);
	if (rc != USCC_OK) {
		if (out[0] != '\0' || warn)
			abort();
		return 0;
	}
	if (strlen(out) != 18)
		abort();
	for (i = 0; i < 18; i++) {
		if (memchr(fuzz_set, out[i], sizeof fuzz_set - 1) == NULL)
			abort();
		if (i >= 2 && i < 8 && (out[i] < '0' || out[i] > '9'))
			abort();
	}
	if (uscc_check_char(out) != out[17] || fuzz_reference_check(out) != out[17])
		abort();
	if (warn != (uscc_org_check_char(out + 8) != out[16]))
		abort();
	if (uscc_check(out, 18, again, &warn2) != USCC_OK || memcmp(out, again, 19) != 0 || warn2 != warn)
		abort();
	for (i = 0; i < 19; i++)
		lower[i] = out[i] >= 'A' && out[i] <= 'Z' ? (char)(out[i] - 'A' + 'a') : out[i];
	if (uscc_check(lower, 18, again, NULL) != USCC_OK || memcmp(out, again, 19) != 0)
		abort();
	return 0;
}
