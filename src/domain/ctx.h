/*
 * The context every domain function receives: who is asking (their role and data scope), the
 * store connection, the request's arena, the language of messages, and the failure record.
 * The api layer builds one per request from the session; the CLI builds one with the all-scope
 * actor (path "/"), the only unscoped caller (ARCHITECTURE.md, "Data scope is not optional").
 */
#ifndef GH_DOMAIN_CTX_H
#define GH_DOMAIN_CTX_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/perm.h"
#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

struct actor {
	int64_t id;       /* account id; 0 for the command line */
	const char *name; /* username, or "cli" */
	enum role role;
	int64_t org_id;    /* the organisation the account is bound to (0: the CLI) */
	const char *path;  /* its path: the data scope ("/" for the CLI) */
	int64_t person_id; /* a member account's person (0 for staff) */
};

struct stats_tx;

struct ctx {
	struct store *db;
	struct arena *a;
	const struct actor *who;
	const char *ip; /* the caller's address, for the audit log ("cli" on the command line) */
	bool zh;        /* messages in Chinese (default) or English */
	struct gh_fail fail;
	struct stats_tx *stats; /* counter deltas of the open write transaction */
	int64_t audit_id;       /* the audit row this transaction appended last (0: none) */
	unsigned char audit_mac[32];
	char audit_head[4200]; /* the head file of this store's chain */
	/* A read request's snapshot is open on db (route.c): its statements share one read
	 * transaction instead of one each. tx_begin() ends it before writing. */
	bool snapshot;
};

/* The all-scope actor of the command line. */
extern const struct actor actor_cli;

#endif
