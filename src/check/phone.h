/*
 * Mainland China phone numbers: normalising a mobile or a landline to one canonical form, and
 * masking it for display. The domain layer normalises every phone number a member record or a
 * roster row carries (the normalised form is what gets encrypted and blind-indexed, so two
 * spellings of one number must give the same bytes). Pure functions, no allocation, no I/O.
 */
#ifndef GH_CHECK_PHONE_H
#define GH_CHECK_PHONE_H

#include <stddef.h>

/* Raw inputs longer than this many bytes are rejected before any work. */
#define PHONE_INPUT_MAX 64

/*
 * Normalises in[0..n) (not NUL-terminated; in may be NULL when n is 0). Full-width characters are
 * folded and white space trimmed (text_fold_ascii); spaces and dashes between the digits are
 * ignored. Accepted:
 * - a mobile: 11 digits 1[3-9]xxxxxxxxx, optionally after +86 or 86; normalised to the 11 digits;
 * - a landline: 0, an area code (10 or 2x, else three digits starting 3..9), and a local number
 *   of 7 or 8 digits starting 2..9; normalised to "0AA-NNNNNNNN" or "0AAA-NNNNNNN" (area code,
 *   dash, local number). No +86 and no extension.
 * Returns 0 and writes the NUL-terminated normal form to out, or -1 and writes "".
 */
int phone_normalize(const char *in, size_t n, char out[24]);

/*
 * Writes the display form of a normalised phone number into out (capacity cap): a mobile keeps
 * its first 3 and last 4 digits ("138****5678"); a landline keeps its area code and the last 4
 * digits ("010-****5678"). Anything else keeps at most its last 4 characters, and only when it has
 * 8 or more. If the result does not fit in cap bytes, or phone is NULL, out is "" (when cap >= 1).
 */
void phone_mask(const char *phone, char *out, size_t cap);

#endif
