/*
 * Member cards and their QR codes (card.h), over libsodium and libqrencode.
 */
#include "domain/card.h"

#include <inttypes.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/keys.h"
#include "base/buf.h"
#include "base/time.h"

static void card_tag(const char *body, unsigned char tag[16])
{
	unsigned char key[32];
	/* a key of its own, derived from the field key */
	crypto_generichash(key, sizeof(key), (const unsigned char *)"gonghui member card v1", 22, keys_current.field,
	                   KEY_BYTES);
	crypto_generichash(tag, 16, (const unsigned char *)body, strlen(body), key, sizeof(key));
	sodium_memzero(key, sizeof(key));
}

enum gh_err card_issue(struct ctx *c, struct member *m, char token[CARD_TOKEN_MAX])
{
	if (!c->who->person_id)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "此账号不是会员账号", "this is not a member account");
	int r = member_current(c, c->who->person_id, m);
	if (r < 0)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	if (r == 0)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "您目前没有会籍，暂无会员证",
		                   "you have no current membership, so no card");
	char body[64];
	snprintf(body, sizeof(body), "%" PRId64 ".%" PRId64, m->id, clock_now());
	unsigned char tag[16];
	card_tag(body, tag);
	char b1[96], b2[32];
	sodium_bin2base64(b1, sizeof(b1), (const unsigned char *)body, strlen(body),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_bin2base64(b2, sizeof(b2), tag, sizeof(tag), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(token, CARD_TOKEN_MAX, "%s.%s", b1, b2);
	return GH_OK;
}

enum gh_err card_verify(struct ctx *c, const char *token, struct member *m, int64_t *issued_at)
{
	const char *bad_zh = "会员证无效（二维码不是本系统签发或已被改动）";
	const char *bad_en = "the card is not valid (not issued here, or altered)";
	if (!token || !*token)
		return gh_fail_set(&c->fail, GH_EMISSING, "token", "缺少会员证二维码内容",
		                   "the card token is required");
	const char *dot = strchr(token, '.');
	if (!dot || strlen(token) >= CARD_TOKEN_MAX)
		return gh_fail_set(&c->fail, GH_EINVAL, "token", bad_zh, bad_en);
	char body[64];
	unsigned char tag[16], want[16];
	size_t bn = 0, tn = 0;
	if (sodium_base642bin((unsigned char *)body, sizeof(body) - 1, token, (size_t)(dot - token), NULL, &bn, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    sodium_base642bin(tag, sizeof(tag), dot + 1, strlen(dot + 1), NULL, &tn, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    tn != sizeof(tag))
		return gh_fail_set(&c->fail, GH_EINVAL, "token", bad_zh, bad_en);
	body[bn] = 0;
	card_tag(body, want);
	int64_t id, at;
	if (sodium_memcmp(tag, want, sizeof(tag)) != 0 || sscanf(body, "%" SCNd64 ".%" SCNd64, &id, &at) != 2)
		return gh_fail_set(&c->fail, GH_EINVAL, "token", bad_zh, bad_en);
	/* member_get applies the caller's scope; a card is checked by any union, so read it whole. */
	const struct actor *saved = c->who;
	static const struct actor everyone = {.id = 0, .name = "card", .role = ROLE_ADMIN, .org_id = 0, .path = "/"};
	c->who = &everyone;
	enum gh_err e = member_get(c, id, false, m);
	c->who = saved;
	if (e)
		return gh_fail_set(&c->fail, GH_EINVAL, "token", bad_zh, bad_en);
	*issued_at = at;
	return GH_OK;
}

char *card_qr_svg(struct ctx *c, const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	int w = q->width, border = 4, size = w + 2 * border;
	struct buf b;
	buf_init(&b, (size_t)1 << 20);
	int rc = buf_printf(
	        &b,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	        "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	        size, size, size, size);
	for (int y = 0; y < w && rc == 0; y++)
		for (int x = 0; x < w && rc == 0; x++)
			if (q->data[y * w + x] & 1)
				rc = buf_printf(&b, "M%d %dh1v1h-1z", x + border, y + border);
	if (rc == 0)
		rc = buf_adds(&b, "\"/></svg>");
	QRcode_free(q);
	char *svg = rc == 0 ? arena_strndup(c->a, b.data, b.len) : NULL;
	buf_release(&b);
	return svg;
}
