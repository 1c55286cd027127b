/*
 * Statistical division codes (see division.h): normalising the 2/4/6/9/12-digit forms people and
 * spreadsheets use to the 12-digit key, and the level and parent arithmetic on that key. The
 * segment boundaries are one table, division_prefix[], shared by every function here.
 */
#include "check/division.h"

#include <string.h>

#include "base/text.h"

/* Leading digits that identify levels 0..5 (A3.3). */
static const int division_prefix[] = {0, 2, 4, 6, 9, 12};

#define DIVISION_LEVELS ((int)(sizeof division_prefix / sizeof division_prefix[0]))

int division_prefix_len(int level)
{
	if (level < 0 || level >= DIVISION_LEVELS)
		return -1;
	return division_prefix[level];
}

int division_normalize(const char *in, size_t n, char out[13])
{
	char buf[DIVISION_INPUT_MAX + 1];
	size_t len;
	int level;

	out[0] = '\0';
	if (in == NULL || n == 0 || n > DIVISION_INPUT_MAX)
		return -1;
	len = text_fold_ascii(in, n, buf, sizeof buf); /* never truncates: n < sizeof buf */
	if (!text_is_digits(buf, len))
		return -1;
	for (level = 1; level < DIVISION_LEVELS; level++)
		if ((size_t)division_prefix[level] == len)
			break;
	if (level == DIVISION_LEVELS)
		return -1;
	memcpy(out, buf, len);
	memset(out + len, '0', 12 - len);
	out[12] = '\0';
	return 0;
}

int division_level(const char *code12)
{
	int level;

	if (code12 == NULL || strnlen(code12, 13) != 12 || !text_is_digits(code12, 12))
		return -1;
	for (level = DIVISION_LEVELS - 1; level > 0; level--) {
		int from = division_prefix[level - 1], to = division_prefix[level], i;

		for (i = from; i < to; i++)
			if (code12[i] != '0')
				return level;
	}
	return 0;
}

void division_parent(const char *code12, char out[13])
{
	int level = division_level(code12);

	if (level < 0) {
		out[0] = '\0';
		return;
	}
	memmove(out, code12, 13); /* out may be code12 */
	if (level > 0) {
		int from = division_prefix[level - 1];

		memset(out + from, '0', (size_t)(division_prefix[level] - from));
	}
}
