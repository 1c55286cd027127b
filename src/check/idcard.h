/*
 * Resident identity numbers (公民身份号码, GB 11643-1999): parsing, the MOD 11-2 check character,
 * age checks, error codes and masking. The domain layer calls this for every ID number a member
 * record, a roster import or a lookup carries; the API turns the error code and message into the
 * field error of the response. Pure functions: no clock, no allocation, no I/O; the caller passes
 * "today" where a date matters, and never logs an unmasked number.
 */
#ifndef GH_CHECK_IDCARD_H
#define GH_CHECK_IDCARD_H

#include <stdbool.h>
#include <stddef.h>

/* Earliest birth year idcard_parse accepts. */
#define IDCARD_MIN_YEAR 1900

/* Raw inputs longer than this many bytes are rejected with IDCARD_LENGTH before any work. */
#define IDCARD_INPUT_MAX 256

enum idcard_err {
	IDCARD_OK,
	IDCARD_EMPTY,        /* nothing but white space */
	IDCARD_LENGTH,       /* neither 18 characters nor 15 digits */
	IDCARD_CHARS,        /* not digits, or X somewhere other than the last of 18 */
	IDCARD_PROVINCE,     /* first two digits are not a province (or 81/82/83) */
	IDCARD_BIRTH_DATE,   /* digits 7-14 are not a real date, or before IDCARD_MIN_YEAR */
	IDCARD_CHECK,        /* the 18th character does not match the MOD 11-2 check */
	IDCARD_UNDER_AGE,    /* idcard_check_age: younger than the minimum age */
	IDCARD_FUTURE_BIRTH, /* idcard_check_age: born after the given day */
	IDCARD__MAX
};

/* A parsed, valid ID number. Plain value: copy it freely. */
struct idcard {
	char number[19];      /* canonical 18 characters, upper-case X, NUL-terminated */
	int year, month, day; /* birth date from digits 7-14 */
	char sex;             /* 'M' or 'F': parity of digit 17, odd is male */
	int province;         /* digits 1-2: 11 Beijing ... 65 Xinjiang, 81/82/83 residence permits */
};

/*
 * Parses in[0..n) (not NUL-terminated; in may be NULL when n is 0). The input is normalised
 * first: full-width characters folded and white space trimmed (text_fold_ascii), a lower-case x
 * upper-cased. Accepted forms: 18 characters (17 digits and a digit or X), or a legacy 15-digit
 * number (GB 11643-1989), which is converted to 18 by inserting "19" before the two-digit year
 * and computing the check character. Spaces or dashes inside the number are not accepted.
 * Checks, in this order: characters, length, province code, birth date (a real calendar date, not
 * before IDCARD_MIN_YEAR; whether it lies in the future needs today's date: see
 * idcard_check_age), check character. On IDCARD_OK fills *out; on an error *out is zeroed.
 */
enum idcard_err idcard_parse(const char *in, size_t n, struct idcard *out);

/*
 * Compares the birth date of id with the day y-m-d (normally today, in China Standard Time):
 * IDCARD_FUTURE_BIRTH if born after that day, IDCARD_UNDER_AGE if younger than min_age whole
 * years on it, else IDCARD_OK. A person reaches an age on the birthday itself; someone born on
 * 29 February reaches it on 1 March in years that are not leap years.
 */
enum idcard_err idcard_check_age(const struct idcard *id, int y, int m, int d, int min_age);

/*
 * The MOD 11-2 check character ('0'..'9' or 'X') of the 17 digits at first17, or 0 if any of
 * them is not a digit. Reads exactly 17 bytes.
 */
char idcard_check_char(const char *first17);

/*
 * A stable snake_case token for e ("ok", "empty", "bad_length", "bad_chars", "unknown_province",
 * "bad_birth_date", "bad_check_char", "under_age", "future_birth_date"), as the API's error code.
 * Out-of-range values give "unknown_error". Static string: do not free.
 */
const char *idcard_err_code(enum idcard_err e);

/*
 * A message for a person fixing the field, in Chinese when zh is true, else English.
 * Static string: do not free.
 */
const char *idcard_err_message(enum idcard_err e, bool zh);

/*
 * Writes the display form of an 18-character number into out: the first 4 and the last 4
 * characters, 10 stars between ("3207**********1234"). Anything that is not exactly 18
 * characters (or NULL) gives 18 stars, so a malformed value never leaks. out is the caller's.
 */
void idcard_mask(const char *number18, char out[19]);

#endif
