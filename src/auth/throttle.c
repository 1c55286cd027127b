/*
 * Login throttling (CONTRACT.md): failures only are counted. When `limit` failures of one key
 * fall within 15 minutes, the key is locked for 15 minutes from the last of them. Failures are
 * rows in the store, so the server and the CLI, and several server processes, agree.
 */
#include "auth/session.h"

#include "base/time.h"

int throttle_locked(struct store *db, const char *key, int limit)
{
	struct stmt *st = store_query(db, SQ_FAIL_RECENT, "ti", key, (int64_t)limit);
	if (!st)
		return -1;
	int n = 0, r;
	int64_t newest = 0, oldest = 0;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t at = store_col_i64(st, 0);
		if (n == 0)
			newest = at;
		oldest = at;
		n++;
	}
	store_reset(st);
	if (r == STORE_ERROR)
		return -1;
	if (n < limit)
		return 0;
	int64_t now = clock_now();
	return (newest - oldest <= THROTTLE_WINDOW_SECONDS && now < newest + THROTTLE_WINDOW_SECONDS) ? 1 : 0;
}

int throttle_fail(struct store *db, const char *key)
{
	int64_t now = clock_now();
	if (store_run(db, SQ_FAIL_PURGE, "i", now - 2 * THROTTLE_WINDOW_SECONDS) < 0)
		return -1;
	return store_run(db, SQ_FAIL_INSERT, "ti", key, now) == 0 ? 0 : -1;
}

int throttle_clear(struct store *db, const char *key)
{
	return store_run(db, SQ_FAIL_CLEAR, "t", key) == 0 ? 0 : -1;
}
