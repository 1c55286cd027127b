/*
 * Statistical division codes (统计用区划代码, research/domain-security.md A3.3): 12 digits,
 * province 2, prefecture 2, county 2, town 3, village 3. The 12-digit code is the key of the
 * national division tree and of every organisation's place, so the domain layer normalises every
 * code it receives here and walks up the tree with division_parent. Whether a code exists is a
 * question for the division table in the store; this module only checks and computes the shape.
 */
#ifndef GH_CHECK_DIVISION_H
#define GH_CHECK_DIVISION_H

#include <stddef.h>

/* Raw inputs longer than this many bytes are rejected before any work. */
#define DIVISION_INPUT_MAX 64

/*
 * Normalises in[0..n) (not NUL-terminated; in may be NULL when n is 0): folds full-width digits
 * and trims white space (text_fold_ascii), then accepts exactly 2, 4, 6, 9 or 12 digits and
 * right-pads them with zeros to 12 ("3205" -> "320500000000"). Returns 0 and writes the 12 digits
 * and a NUL to out, or -1 and writes "".
 */
int division_normalize(const char *in, size_t n, char out[13]);

/*
 * The level of the 12-digit code: the segment of the last non-zero digit. 0 country
 * (000000000000), 1 province (xx0000000000), 2 prefecture (xxxx00000000), 3 county
 * (xxxxxx000000), 4 town (xxxxxxxxx000), 5 village. -1 if code12 is NULL or not 12 digits
 * followed by a NUL. Gaps are allowed: the towns of prefecture cities without counties, such as
 * 441900003000 (Dongguan), are level 4.
 */
int division_level(const char *code12);

/* The number of leading digits that identify a level: 0, 2, 4, 6, 9, 12 for levels 0..5; -1 for
 * any other level. */
int division_prefix_len(int level);

/*
 * Writes to out the code one level up: code12 with its last non-zero segment zeroed
 * ("320508019044" -> "320508019000", "441900003000" -> "441900000000"). The country is its own
 * parent. If code12 is not a 12-digit code, out is "".
 */
void division_parent(const char *code12, char out[13]);

#endif
