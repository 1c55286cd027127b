/*
 * Accounts: staff users bound to one organisation with one role (CONTRACT.md), and logging in.
 * An account's data scope is the subtree of its organisation; only accounts inside the
 * caller's scope are visible, and nobody hands out a role above their own reach.
 */
#ifndef GH_DOMAIN_USER_H
#define GH_DOMAIN_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/session.h"
#include "domain/ctx.h"

struct user {
	int64_t id;
	const char *username;
	const char *name;
	enum role role;
	int64_t org_id;
	const char *org_name;
	const char *path;
	bool disabled;
	int64_t created_at;
	int64_t last_login_at; /* 0: never */
	int64_t person_id;     /* a member account's person, 0 for staff */
};

struct user_list {
	struct user *items;
	int64_t n, total, offset, limit;
};

struct user_input {
	const char *username;
	const char *name;
	const char *password;
	const char *role;
	int64_t org_id;
	int disabled; /* -1: unchanged */
};

/* Creates an account in an organisation of the caller's scope. */
enum gh_err user_create(struct ctx *c, const struct user_input *in, struct user *out);
/* Changes name, role, disabled or password (NULL / -1: unchanged). */
enum gh_err user_update(struct ctx *c, int64_t id, const struct user_input *in, struct user *out);
enum gh_err user_get(struct ctx *c, int64_t id, struct user *out);
enum gh_err user_list(struct ctx *c, int64_t org, const char *q, int64_t offset, int64_t limit, struct user_list *out);
/* Finds an account in scope by its username. */
enum gh_err user_find(struct ctx *c, const char *username, struct user *out);
/* Reads an account by id without scope (the session's own account). */
enum gh_err user_load(struct ctx *c, int64_t id, struct user *out);

/* Logs in: throttling, password check, a new session. On success fills the user and the two
 * tokens. Wrong credentials and disabled accounts give GH_EUNAUTH with one generic message. */
enum gh_err user_login(struct ctx *c, const char *username, const char *password, struct user *out,
                       char token[SESSION_TOKEN_CHARS], char csrf[SESSION_TOKEN_CHARS]);

#endif
