/*
 * UTF-8 text helpers shared by every layer: validity checks, code point counts, and the folding
 * that turns what people type or paste (full-width digits and letters, ideographic spaces,
 * stray blanks around a value) into plain ASCII before a validator looks at it.
 * The validators in src/check/ and the importers call these on untrusted bytes, so nothing here
 * allocates, reads past the length it is given, or writes past the capacity it is given.
 */
#ifndef GH_BASE_TEXT_H
#define GH_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True if s[0..n) is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
 * above U+10FFFF, no truncated sequence at the end. NUL bytes are valid (U+0000). s may be NULL
 * only when n is 0.
 */
bool text_utf8_valid(const char *s, size_t n);

/*
 * Number of code points in s[0..n), which the caller has checked with text_utf8_valid (on invalid
 * input the result counts the bytes that are not continuation bytes, and means little).
 */
size_t text_utf8_count(const char *s, size_t n);

/*
 * Copies in[0..n) into out (capacity cap bytes, cap >= 1), folding what people paste:
 * - the full-width forms U+FF01..U+FF5E become their ASCII twins ('１' -> '1', 'Ａ' -> 'A');
 * - the ideographic space U+3000 becomes ' ';
 * - leading and trailing white space is dropped: ' ', '\t', '\r', '\n', U+3000 and U+00A0
 *   (inside the text U+00A0 is kept as it is).
 * Bytes that are not well-formed UTF-8 are copied unchanged, one byte at a time; callers that care
 * check text_utf8_valid first. The output is always NUL-terminated. If it does not fit, it is cut
 * to at most cap - 1 bytes at a code point boundary (never in the middle of a sequence). The
 * output is never longer than the input, so out may be the same buffer as in (no other overlap is
 * allowed). Returns the number of bytes written before the NUL; with cap 0 or out NULL it writes
 * nothing and returns 0. The caller owns both buffers.
 */
size_t text_fold_ascii(const char *in, size_t n, char *out, size_t cap);

/* Upper-cases the ASCII letters a..z of the NUL-terminated string s in place; other bytes stay. */
void text_upper_ascii(char *s);

/* True if n > 0 and every byte of s[0..n) is an ASCII digit '0'..'9'. */
bool text_is_digits(const char *s, size_t n);

#endif
