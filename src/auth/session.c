/*
 * Session tokens and their lifetimes (session.h).
 */
#include "auth/session.h"

#include <sodium.h>
#include <string.h>

#include "base/time.h"

static void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

static void random_token(char out[SESSION_TOKEN_CHARS])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SESSION_TOKEN_CHARS, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

int session_create(struct store *db, int64_t account_id, const char *ip, char token[SESSION_TOKEN_CHARS],
                   char csrf[SESSION_TOKEN_CHARS])
{
	random_token(token);
	random_token(csrf);
	unsigned char h[32];
	token_hash(token, h);
	int64_t now = clock_now();
	/* Old sessions are swept on each login; the table never grows without bound. */
	if (store_run(db, SQ_SESSION_PURGE, "ii", now - SESSION_IDLE_SECONDS, now - SESSION_ABSOLUTE_SECONDS) < 0)
		return -1;
	return store_run(db, SQ_SESSION_INSERT, "bitit", (const void *)h, (size_t)32, account_id, csrf, now, ip) == 0
	               ? 0
	               : -1;
}

int session_find(struct store *db, const char *token, struct session *s)
{
	s->touch_due = false;
	if (!token || strlen(token) != SESSION_TOKEN_CHARS - 1)
		return 0;
	unsigned char h[32];
	token_hash(token, h);
	struct stmt *st = store_query(db, SQ_SESSION_GET, "b", (const void *)h, (size_t)32);
	if (!st)
		return -1;
	int r = store_step(st);
	int64_t created = 0, seen = 0;
	if (r == STORE_ROW) {
		s->account_id = store_col_i64(st, 0);
		snprintf(s->csrf, sizeof(s->csrf), "%s", store_col_text(st, 1));
		created = store_col_i64(st, 2);
		seen = store_col_i64(st, 3);
	}
	store_reset(st);
	if (r != STORE_ROW)
		return r == STORE_DONE ? 0 : -1;
	int64_t now = clock_now();
	if (now - seen > SESSION_IDLE_SECONDS || now - created > SESSION_ABSOLUTE_SECONDS || now < created - 300)
		return 0;
	s->touch_due = now - seen >= 60 || now < seen;
	return 1;
}

int session_touch(struct store *db, const char *token)
{
	unsigned char h[32];
	token_hash(token, h);
	return store_run(db, SQ_SESSION_TOUCH, "bi", (const void *)h, (size_t)32, clock_now()) < 0 ? -1 : 0;
}

int session_lookup(struct store *db, const char *token, struct session *s)
{
	int r = session_find(db, token, s);
	if (r == 1 && s->touch_due && session_touch(db, token) < 0)
		return -1;
	return r;
}

int session_delete(struct store *db, const char *token)
{
	unsigned char h[32];
	token_hash(token, h);
	return store_run(db, SQ_SESSION_DELETE, "b", (const void *)h, (size_t)32) == 0 ? 0 : -1;
}

int session_delete_account(struct store *db, int64_t account_id)
{
	return store_run(db, SQ_SESSION_DELETE_ACCOUNT, "i", account_id) == 0 ? 0 : -1;
}
