/*
 * UTF-8 helpers (see text.h): a strict decoder used to walk untrusted bytes one code point at a
 * time, and the full-width folding and trimming that every validator in src/check/ applies before
 * it looks at a value. Pure functions over caller-owned buffers: no allocation, no locale, no
 * global state, so they are safe from any thread.
 */
#include "base/text.h"

#include <string.h>

/*
 * Decodes the code point that starts at s[0..n) (n >= 1). Returns its length in bytes and sets
 * *cp; if the bytes do not start a well-formed sequence it returns 1 and sets *cp to -1.
 */
static size_t text_decode(const unsigned char *s, size_t n, long *cp)
{
	unsigned char b = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;
	long v;

	*cp = -1;
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2;
		v = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3;
		v = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0; /* no overlong forms */
		else if (b == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4;
		v = b & 0x07;
		if (b == 0xF0)
			lo = 0x90; /* no overlong forms */
		else if (b == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	} else {
		return 1;
	}
	if (n < len)
		return 1;
	for (i = 1; i < len; i++) {
		unsigned char c = s[i];

		if (c < lo || c > hi)
			return 1;
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (c & 0x3F);
	}
	*cp = v;
	return len;
}

/* The white space text_fold_ascii trims from both ends. */
static bool text_is_fold_space(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0;
}

bool text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	if (s == NULL)
		return n == 0;
	while (i < n) {
		long cp;

		i += text_decode(u + i, n - i, &cp);
		if (cp < 0)
			return false;
	}
	return true;
}

size_t text_utf8_count(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, count = 0;

	if (s == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if ((u[i] & 0xC0) != 0x80)
			count++;
	return count;
}

size_t text_fold_ascii(const char *in, size_t n, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t i = 0, len = 0, keep = 0;
	bool started = false;

	if (out == NULL || cap == 0)
		return 0;
	if (in == NULL)
		n = 0;
	while (i < n) {
		long cp;
		size_t step = text_decode(u + i, n - i, &cp);
		bool space = text_is_fold_space(cp);
		char folded;
		const char *src = in + i;
		size_t width = step;

		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			folded = (char)(cp - 0xFEE0);
			src = &folded;
			width = 1;
		} else if (cp == 0x3000) {
			folded = ' ';
			src = &folded;
			width = 1;
		}
		if (!started && space) {
			i += step;
			continue;
		}
		started = true;
		if (width > cap - 1 - len)
			break;                  /* would not fit: stop at this code point boundary */
		memmove(out + len, src, width); /* out may be in, and len <= i */
		len += width;
		i += step;
		if (!space)
			keep = len;
	}
	out[keep] = '\0';
	return keep;
}

void text_upper_ascii(char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

bool text_is_digits(const char *s, size_t n)
{
	size_t i;

	if (s == NULL || n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}
