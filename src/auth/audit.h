/*
 * The audit log: every write, and every read that reveals a masked field, leaves a row (who,
 * what, when, from where; never a revealed value). Rows form a chain: each carries
 * HMAC-SHA-256(audit key, previous mac || the row's fields), and the chain's head (last id and
 * mac) is also kept in the key folder (audit.head), so that a changed, inserted or deleted
 * row, the last ones included, is found by audit_verify().
 */
#ifndef GH_AUTH_AUDIT_H
#define GH_AUTH_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/keys.h"
#include "domain/ctx.h"

/* Appends a row inside the caller's open write transaction. path is the organisation path the
 * row belongs to (it decides who may read the row); detail a short JSON text or NULL.
 * 0 or -1. */
int audit_write(struct ctx *c, const char *action, const char *object_type, int64_t object_id, const char *path,
                const char *detail);
/* After a commit: records the chain's new head outside the database (never moves it back). */
void audit_publish_head(struct ctx *c);

struct audit_report {
	bool ok;
	int64_t rows;
	int64_t first_bad; /* id of the first bad row (or of the missing head row); 0 if ok */
	const char *reason_zh;
	const char *reason_en;
};

/* Walks the whole chain. 0 (see r->ok) or -1 if the store could not be read. */
int audit_verify(struct store *db, const struct keys *k, struct audit_report *r);

struct audit_row {
	int64_t id, at, actor_id, object_id;
	const char *actor, *ip, *action, *object_type, *path, *detail;
};

/* Rows in the caller's scope, newest first; filters may be NULL. */
int audit_list(struct ctx *c, const char *action, const char *actor, int64_t offset, int64_t limit,
               struct audit_row **rows, int64_t *n, int64_t *total);

#endif
