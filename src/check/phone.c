/*
 * Mainland phone numbers (see phone.h): one pass collects the digits of what was typed, then the
 * digits are classified as a mobile or a landline and written in canonical form. Strict on
 * purpose: no extensions, no international numbers other than +86 mobiles, because the
 * normalised number is also the key a member logs in with.
 */
#include "check/phone.h"

#include <stdbool.h>
#include <string.h>

#include "base/text.h"

/* Writes the mobile d[0..11) to out if it is one (1[3-9] and 11 digits). */
static int phone_mobile(const char *d, size_t nd, char out[24])
{
	if (nd != 11 || d[0] != '1' || d[1] < '3' || d[1] > '9')
		return -1;
	memcpy(out, d, 11);
	out[11] = '\0';
	return 0;
}

/* Writes the landline d[0..nd) to out as "0AA-N..." if it is one. */
static int phone_landline(const char *d, size_t nd, char out[24])
{
	size_t area, local;

	if (nd < 3 || d[0] != '0')
		return -1;
	if ((d[1] == '1' && d[2] == '0') || d[1] == '2')
		area = 2; /* 010 Beijing, 02x the other large cities */
	else if (d[1] >= '3' && d[1] <= '9')
		area = 3;
	else
		return -1;
	if (nd < 1 + area)
		return -1;
	local = nd - 1 - area;
	if (local < 7 || local > 8 || d[1 + area] < '2' || d[1 + area] > '9')
		return -1;
	memcpy(out, d, 1 + area);
	out[1 + area] = '-';
	memcpy(out + 2 + area, d + 1 + area, local);
	out[2 + area + local] = '\0';
	return 0;
}

int phone_normalize(const char *in, size_t n, char out[24])
{
	char buf[PHONE_INPUT_MAX + 1], d[PHONE_INPUT_MAX + 1];
	size_t len, i, nd = 0;
	bool plus = false;

	out[0] = '\0';
	if (in == NULL || n == 0 || n > PHONE_INPUT_MAX)
		return -1;
	len = text_fold_ascii(in, n, buf, sizeof buf); /* never truncates: n < sizeof buf */
	if (len == 0 || buf[0] == '-' || buf[len - 1] == '-')
		return -1; /* separators only between the digits */
	for (i = 0; i < len; i++) {
		char c = buf[i];

		if (c >= '0' && c <= '9')
			d[nd++] = c;
		else if (c == '+' && i == 0)
			plus = true;
		else if (c != ' ' && c != '-')
			return -1;
	}
	if (plus || (nd == 13 && d[0] == '8' && d[1] == '6')) {
		if (nd < 2 || d[0] != '8' || d[1] != '6')
			return -1;
		return phone_mobile(d + 2, nd - 2, out);
	}
	if (phone_mobile(d, nd, out) == 0)
		return 0;
	return phone_landline(d, nd, out);
}

void phone_mask(const char *phone, char *out, size_t cap)
{
	size_t len, keep_head = 0, keep_tail = 0, i;
	const char *dash;

	if (out == NULL || cap == 0)
		return;
	out[0] = '\0';
	if (phone == NULL)
		return;
	len = strnlen(phone, cap);
	if (len >= cap)
		return; /* the masked form is as long as the number: it would not fit */
	dash = memchr(phone, '-', len);
	if (dash != NULL) {
		keep_head = (size_t)(dash - phone) + 1;
		keep_tail = len - keep_head >= 7 ? 4 : 0;
	} else if (len == 11) {
		keep_head = 3;
		keep_tail = 4;
	} else if (len >= 8) {
		keep_tail = 4;
	}
	for (i = 0; i < len; i++)
		out[i] = i < keep_head || i >= len - keep_tail ? phone[i] : '*';
	out[len] = '\0';
}
