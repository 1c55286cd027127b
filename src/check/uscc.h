/*
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): normalising, the MOD 31 check
 * character, the embedded organisation-code check of GB 11714, and the error texts. The domain
 * layer calls this for the code of every union and of every employer (two different codes, see
 * research/domain-security.md A2.6); the API turns the result into the field error or warning.
 * Pure functions over caller-owned buffers: no allocation, no I/O.
 */
#ifndef GH_CHECK_USCC_H
#define GH_CHECK_USCC_H

#include <stdbool.h>
#include <stddef.h>

/* Raw inputs longer than this many bytes are rejected with USCC_LENGTH before any work. */
#define USCC_INPUT_MAX 256

enum uscc_err {
	USCC_OK,
	USCC_EMPTY,  /* nothing but white space */
	USCC_LENGTH, /* not 18 characters */
	USCC_CHARS,  /* a character outside 0-9 and A-Z without I, O, S, V, Z */
	USCC_REGION, /* characters 3-8 (the registering authority's division code) are not digits */
	USCC_CHECK,  /* the 18th character does not match the MOD 31 check */
	USCC__MAX
};

/*
 * Checks the code in in[0..n) (not NUL-terminated; in may be NULL when n is 0). Normalises first:
 * full-width characters folded and white space trimmed (text_fold_ascii), letters upper-cased.
 * Then, in this order: characters (GB 32100 table 1: digits and the letters without I, O, S, V,
 * Z), length 18, characters 3-8 digits, the check character (A2.2). On USCC_OK the 18 characters
 * and a NUL are written to out, and *org_code_warning (may be NULL) is set to true when
 * characters 9-17, the organisation code, fail the GB 11714 check with A..Z = 10..35 (A2.7): a
 * reason to double-check, not to reject. On an error out is "" and the warning false.
 */
enum uscc_err uscc_check(const char *in, size_t n, char out[19], bool *org_code_warning);

/*
 * The check character of the 17 upper-case characters at first17, or 0 if any of them is not in
 * the GB 32100 character set. Reads exactly 17 bytes.
 */
char uscc_check_char(const char *first17);

/*
 * The GB 11714 check character ('0'..'9' or 'X') of the 8 organisation-code characters at body8
 * (digits and upper-case A..Z, valued 10..35), or 0 if any is neither. Reads exactly 8 bytes.
 */
char uscc_org_check_char(const char *body8);

/*
 * A stable snake_case token for e ("ok", "empty", "bad_length", "bad_chars", "bad_region",
 * "bad_check_char") for the API's error code; out-of-range values give "unknown_error".
 * Static string: do not free.
 */
const char *uscc_err_code(enum uscc_err e);

/* A message for a person fixing the field, Chinese if zh, else English. Static: do not free. */
const char *uscc_err_message(enum uscc_err e, bool zh);

/* The message shown with *org_code_warning, Chinese if zh, else English. Static: do not free. */
const char *uscc_warning_message(bool zh);

#endif
