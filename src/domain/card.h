/*
 * The electronic member card (电子会员证): name, union, member number, and a QR code carrying a
 * signed token that a union scans to verify the card. The token is
 * base64url("<membership id>.<issued at>") "." base64url(keyed BLAKE2b tag), the key derived from
 * the field key for this purpose only, so a card cannot be forged without the key set and says
 * nothing by itself beyond the membership id.
 */
#ifndef GH_DOMAIN_CARD_H
#define GH_DOMAIN_CARD_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/member.h"

#define CARD_TOKEN_MAX 160

/* The card of the caller's current membership: the member and a fresh token. */
enum gh_err card_issue(struct ctx *c, struct member *m, char token[CARD_TOKEN_MAX]);
/* Checks a token: GH_OK with the member (any scope: the card is shown to be checked), or
 * GH_EINVAL for a forged or malformed token. A valid token of an ended membership answers the
 * member with its status, so the checker sees it is no longer current. */
enum gh_err card_verify(struct ctx *c, const char *token, struct member *m, int64_t *issued_at);
/* The QR code of text as an SVG document, allocated in the context's arena (NULL on failure). */
char *card_qr_svg(struct ctx *c, const char *text);

#endif
