/*
 * Sessions (CONTRACT.md): a 256-bit random token in the HttpOnly cookie gonghui_session, of
 * which the store keeps only the BLAKE2b hash; a CSRF token per session; an idle timeout of
 * 30 minutes and an absolute one of 12 hours, both read from clock_now() so tests can move them.
 * Login throttling counts failures per account and per address (auth/throttle.c).
 */
#ifndef GH_AUTH_SESSION_H
#define GH_AUTH_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define SESSION_IDLE_SECONDS     (30 * 60)
#define SESSION_ABSOLUTE_SECONDS (12 * 3600)
#define SESSION_TOKEN_CHARS      44 /* base64url of 32 bytes, no padding, plus NUL */

struct session {
	int64_t account_id;
	char csrf[SESSION_TOKEN_CHARS];
	bool touch_due; /* session_find: the idle timer is due its refresh (session_touch) */
};

/* Creates a session inside the caller's write transaction; writes the cookie token and the
 * CSRF token. 0 or -1. */
int session_create(struct store *db, int64_t account_id, const char *ip, char token[SESSION_TOKEN_CHARS],
                   char csrf[SESSION_TOKEN_CHARS]);
/* Finds the live session of a cookie token: 1 found (s filled), 0 none or expired, -1 error.
 * Refreshes the idle timer at most once a minute (a short write). */
int session_lookup(struct store *db, const char *token, struct session *s);
/* session_lookup without the write: s->touch_due says whether the caller must still call
 * session_touch (at most once a minute), e.g. after a read-only snapshot it is in. */
int session_find(struct store *db, const char *token, struct session *s);
/* Refreshes the idle timer of a token's session to now. 0 or -1. */
int session_touch(struct store *db, const char *token);
/* Ends the session of a token. 0 or -1. */
int session_delete(struct store *db, const char *token);
/* Ends every session of an account (disabled, password changed). Inside a transaction. */
int session_delete_account(struct store *db, int64_t account_id);

/* Throttling (throttle.c). `key` is "user:<name>" or "ip:<address>". */
#define THROTTLE_WINDOW_SECONDS (15 * 60)
#define THROTTLE_ACCOUNT_LIMIT  10
#define THROTTLE_ADDRESS_LIMIT  100
/* 1 if key is locked now, 0 if not, -1 on error. */
int throttle_locked(struct store *db, const char *key, int limit);
/* Records a failure (inside a write transaction). */
int throttle_fail(struct store *db, const char *key);
/* Forgets the failures of key (after a successful login). */
int throttle_clear(struct store *db, const char *key);

#endif
