/*
 * Compact JSON text (json_out.h).
 */
#include "http/json_out.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 2048

struct out {
	char *p;
	size_t n, cap;
	bool failed;
};

static bool grow(struct out *o, size_t more)
{
	if (o->failed)
		return false;
	if (o->n + more + 1 <= o->cap)
		return true;
	size_t cap = o->cap ? o->cap : 256;
	while (cap < o->n + more + 1)
		cap *= 2;
	char *p = realloc(o->p, cap);
	if (!p) {
		o->failed = true;
		return false;
	}
	o->p = p;
	o->cap = cap;
	return true;
}

static void put(struct out *o, const char *s, size_t n)
{
	if (n && grow(o, n)) {
		memcpy(o->p + o->n, s, n);
		o->n += n;
	}
}

static void put_c(struct out *o, char c)
{
	if (grow(o, 1))
		o->p[o->n++] = c;
}

/* The length of the valid UTF-8 sequence at s (jansson's rules: no overlong forms, no
 * surrogates, nothing past U+10FFFF), 0 if it is not one. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
	unsigned char b = s[0];
	size_t n;
	uint32_t cp;
	if (b < 0x80)
		return 1;
	if (b < 0xc2)
		return 0;
	if (b < 0xe0) {
		n = 2;
		cp = b & 0x1f;
	} else if (b < 0xf0) {
		n = 3;
		cp = b & 0x0f;
	} else if (b < 0xf5) {
		n = 4;
		cp = b & 0x07;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static void put_string(struct out *o, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	put_c(o, '"');
	size_t run = 0; /* bytes copied as they are, from s + i - run */
	for (size_t i = 0; i < len;) {
		unsigned char b = s[i];
		if (b >= 0x20 && b != '"' && b != '\\' && b < 0x80) {
			i++;
			run++;
			continue;
		}
		if (b >= 0x80) {
			size_t k = utf8_len(s + i, len - i);
			if (!k) {
				o->failed = true;
				return;
			}
			i += k;
			run += k;
			continue;
		}
		put(o, (const char *)s + i - run, run);
		run = 0;
		char esc[8];
		const char *e = esc;
		switch (b) {
		case '"':
			e = "\\\"";
			break;
		case '\\':
			e = "\\\\";
			break;
		case '\b':
			e = "\\b";
			break;
		case '\f':
			e = "\\f";
			break;
		case '\n':
			e = "\\n";
			break;
		case '\r':
			e = "\\r";
			break;
		case '\t':
			e = "\\t";
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", b);
			break;
		}
		put(o, e, strlen(e));
		i++;
	}
	put(o, (const char *)s + len - run, run);
	put_c(o, '"');
}

static void put_int(struct out *o, json_int_t v)
{
	char buf[24], *e = buf + sizeof(buf), *p = e;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(o, p, (size_t)(e - p));
}

/* jansson's jsonp_dtostr with precision 15: %.15g, ".0" after a bare integer, the exponent
 * without '+' and leading zeros. */
static void put_real(struct out *o, double v)
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%.15g", v);
	if (n < 0 || (size_t)n >= sizeof(buf) - 3) {
		o->failed = true;
		return;
	}
	size_t len = (size_t)n;
	for (size_t i = 0; i < len; i++) /* a locale's decimal comma */
		if (buf[i] == ',')
			buf[i] = '.';
	if (strspn(buf, "0123456789-") == len) {
		memcpy(buf + len, ".0", 3);
		len += 2;
	}
	char *start = strchr(buf, 'e');
	if (start) {
		start++;
		char *end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len - (size_t)(end - buf) + 1);
			len -= (size_t)(end - start);
		}
	}
	put(o, buf, len);
}

static void put_value(struct out *o, const json_t *v, int depth)
{
	if (o->failed)
		return;
	if (depth > MAX_DEPTH) {
		o->failed = true;
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		put_c(o, '{');
		bool first = true;
		for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
			if (!first)
				put_c(o, ',');
			first = false;
			put_string(o, json_object_iter_key(it), json_object_iter_key_len(it));
			put_c(o, ':');
			put_value(o, json_object_iter_value(it), depth + 1);
		}
		put_c(o, '}');
		break;
	}
	case JSON_ARRAY: {
		put_c(o, '[');
		size_t n = json_array_size(v);
		for (size_t i = 0; i < n; i++) {
			if (i)
				put_c(o, ',');
			put_value(o, json_array_get(v, i), depth + 1);
		}
		put_c(o, ']');
		break;
	}
	case JSON_STRING:
		put_string(o, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		put_int(o, json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(o, json_real_value(v));
		break;
	case JSON_TRUE:
		put(o, "true", 4);
		break;
	case JSON_FALSE:
		put(o, "false", 5);
		break;
	case JSON_NULL:
		put(o, "null", 4);
		break;
	}
}

char *json_out(const json_t *v, size_t *len)
{
	struct out o = {0};
	if (!v || (!json_is_object(v) && !json_is_array(v))) /* as json_dumps without JSON_ENCODE_ANY */
		return NULL;
	put_value(&o, v, 0);
	if (!o.failed && !grow(&o, 0))
		o.failed = true;
	if (o.failed) {
		free(o.p);
		return NULL;
	}
	o.p[o.n] = 0;
	*len = o.n;
	return o.p;
}
