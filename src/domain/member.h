/*
 * Real-name members (会员实名制, PRODUCT.md capability 2): a person, identified once in the whole
 * country by the resident ID number, and their memberships as episodes at unions. ID and phone
 * numbers are stored sealed with a blind index (auth/pii.h) and shown masked; revealing them
 * needs the pii.reveal capability and is audited. One current (在会 or 保留会籍) membership per
 * person is enforced by a unique index.
 */
#ifndef GH_DOMAIN_MEMBER_H
#define GH_DOMAIN_MEMBER_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/pii.h"
#include "check/idcard.h"
#include "domain/ctx.h"

/* The particulars of a person as entered (API, import, join application). NULL: not given. */
struct person_input {
	const char *id_number;
	const char *name;
	const char *sex; /* optional: checked against the ID number ("男"/"女"/"M"/"F") */
	const char *ethnicity, *political, *education, *household, *employment, *new_form, *skill;
	int migrant; /* -1 not given (then: agricultural household means migrant), 0, 1 */
	const char *phone;
};

/* A person's checked and normalised particulars, ready to store. */
struct person_fields {
	struct idcard id;
	char name[160];
	const char *ethnicity, *political, *education, *household, *employment, *new_form, *skill; /* tokens */
	bool migrant;
	char phone[24]; /* "" when none */
};

struct member {
	int64_t id; /* the membership's id */
	int64_t person_id;
	const char *member_no;
	const char *name;
	char sex;
	const char *birth_date;
	const char *id_number; /* masked unless revealed */
	const char *phone;     /* masked unless revealed; NULL if none */
	const char *ethnicity, *political, *education, *household, *employment, *new_form, *skill;
	bool migrant;
	int64_t org_id;
	const char *org_name;
	const char *path;
	const char *joined_on;
	const char *status;
	const char *status_on;
	const char *status_reason;
	const char *via;
	bool revealed;
	bool demo;
	int province;        /* the membership's (its union's) */
	int person_province; /* the person's: the same while the membership is current */
};

struct member_list {
	struct member *items;
	int64_t n, total, offset, limit;
	bool total_capped;
};

struct member_event {
	int64_t at;
	const char *on_date, *from_status, *to_status, *reason, *actor;
};

/* Checks and normalises particulars. on_date (YYYY-MM-DD) is the day the age of 16 is checked
 * against (the join date). field_prefix prefixes the field names of errors. Fills c->fail. */
enum gh_err person_check(struct ctx *c, const struct person_input *in, const char *on_date, const char *field_prefix,
                         struct person_fields *out);
/*
 * A person's rows are read with their province (province.h), which on PostgreSQL is the partition
 * key: through postgres_fdw the province decides which shard is asked (docs/decisions/0010). The
 * functions below take it where the caller knows it (from the ID registry, the union being joined,
 * the membership in hand) and PROVINCE_UNKNOWN where not, which costs one read of the person by id
 * alone in every partition (person_province).
 */
#define PROVINCE_UNKNOWN (-1)

/* Finds the person with this (normalised) ID number: 1 found (*id and *province, when not NULL,
 * set), 0 none, -1 error. */
int person_find(struct ctx *c, const char *id18, int64_t *id, int *province);
/* The province of a person known only by id: 1 (*province set), 0 no such person, -1 error. */
int person_province(struct ctx *c, int64_t person_id, int *province);
/* Creates or updates the person of f inside the caller's transaction; *id receives it and *at the
 * province their rows are in. A new person is created in `province`: the province of the
 * membership the caller creates next in the same transaction, else 0. When the person has a
 * current membership, the member counters follow the change. */
enum gh_err person_save(struct ctx *c, const struct person_fields *f, bool demo, int province, int64_t *id, int *at);

/* Creates a membership episode (status 在会) inside the caller's transaction for the person in
 * province person_province (or PROVINCE_UNKNOWN), who moves to the union's province: GH_ECONFLICT
 * when the person already has a current membership anywhere (the message names the union only
 * when it lies in the caller's scope). */
enum gh_err membership_create(struct ctx *c, int64_t person_id, int person_province, int64_t org_id,
                              const char *joined_on, const char *via, bool demo, int64_t *membership_id);
/* A cadre adds a member directly to a union in scope (one transaction): the person is created
 * or updated, the membership begins on joined_on. */
enum gh_err member_add(struct ctx *c, int64_t org_id, const char *joined_on, const struct person_input *in,
                       struct member *out);
/* Changes a membership's status (在会 ↔ 保留会籍, → 退会/除名/去世), one transaction. */
enum gh_err membership_set_status(struct ctx *c, int64_t id, const char *status, const char *on_date,
                                  const char *reason, struct member *out);
/* Ends membership m (as read by member_get or member_current) as transferred (inside the caller's
 * transaction). */
enum gh_err membership_transfer_out(struct ctx *c, const struct member *m, const char *on_date, const char *reason);

/* One membership in scope; reveal (needs pii.reveal) opens the ID and phone numbers and is
 * audited. */
enum gh_err member_get(struct ctx *c, int64_t id, bool reveal, struct member *out);
/* The roster of an organisation's subtree (0: the caller's own), ordered by name; q matches the
 * name (substring), status filters ("current" = 在会 and 保留会籍, the default). */
enum gh_err member_list(struct ctx *c, int64_t org, const char *q, const char *status, int64_t offset, int64_t limit,
                        struct member_list *out);
/* The same, continuing after the membership `after` (its place in (name, id) order: keyset paging,
 * as fast on the millionth row as on the first); after 0: from the start. */
enum gh_err member_list_after(struct ctx *c, int64_t org, const char *q, const char *status, int64_t after,
                              int64_t offset, int64_t limit, struct member_list *out);
/* Fills out (offset, limit and total set by the caller) from a statement answering
 * SQL_MEMBER_COLS rows. */
enum gh_err member_list_from(struct ctx *c, struct stmt *st, struct member_list *out);
/* Finds the current membership of a full ID number within scope. */
enum gh_err member_lookup(struct ctx *c, const char *id_number, bool reveal, struct member *out);
/* A person's memberships (all episodes), newest first. */
enum gh_err member_history(struct ctx *c, int64_t person_id, struct member_list *out);
/* Whether a person has a member account: 1, 0, or -1 on error. */
int member_has_account(struct ctx *c, int64_t person_id);
/* Where the audit rows about a person belong: their current union, else the national
 * federation (a worker without a membership yet), so that staff above can read them. */
const char *member_audit_path(struct ctx *c, int64_t person_id);
/* A member's own ID and phone numbers, for the export of their own data (PIPL): audited as
 * member.self_export. Only for the caller's own person. */
enum gh_err person_reveal_self(struct ctx *c, char id_number[65], char phone[65]);
/* The status changes of one membership. */
enum gh_err member_events(struct ctx *c, int64_t membership_id, struct member_event **ev, int *n);
/* The current membership of a person (any scope: for the person themself), 1/0/-1. */
int member_current(struct ctx *c, int64_t person_id, struct member *out);
/* The same for a person in province (PROVINCE_UNKNOWN: as member_current). */
int member_current_in(struct ctx *c, int64_t person_id, int province, struct member *out);

/*
 * Bulk writes of a roster import (roster.c), inside the caller's one write transaction and for
 * one organisation: the organisation is loaded and checked once, ids are taken from the store in
 * blocks, the numbers are sealed and indexed once per row (member_import_seal), new persons are
 * written 16 at a time with one statement per table on SQLite (person, membership, its first event;
 * one row a statement on PostgreSQL, whose store binds at most 64 parameters), and the
 * counters of the members written are summed here and handed to stats_add once, by
 * member_import_close. A person the store knows already goes through person_save and
 * membership_create, so every rule of a member added by hand holds either way.
 */
struct member_import;

/* A person's numbers as stored: the ID number's blind index and sealed value, and the phone's
 * (phone_len 0: no phone). id_len or phone_len < 0: sealing failed. */
struct person_sealed {
	unsigned char id_index[PII_INDEX_BYTES];
	unsigned char id_sealed[PII_MAX_SEALED];
	unsigned char phone_index[PII_INDEX_BYTES];
	unsigned char phone_sealed[PII_MAX_SEALED];
	int id_len, phone_len;
	char phone_masked[24];
};

/* Starts the bulk writes of memberships at org_id (checked as membership_create does); via is
 * how they begin ("import"). GH_OK with *out, or a failure in c->fail. */
enum gh_err member_import_open(struct ctx *c, int64_t org_id, const char *via, struct member_import **out);
/* Seals and indexes the numbers of f with the current key set. */
void member_import_seal(const struct person_fields *f, struct person_sealed *s);
/* The person with the blind index of s: 1 found (*person_id and *province set), 0 none, -1 error. */
int member_import_find(struct member_import *mi, const struct person_sealed *s, int64_t *person_id, int *province);
/* Writes a person the store does not know (member_import_find said 0) and their membership
 * (status 在会, begun on joined_on), and counts them; the rows may wait in the batch until the
 * next 16 are together or member_import_close, so the ids are set but the rows may not be in
 * the store yet (an import never looks up a person twice: duplicates are refused in phase 1). */
enum gh_err member_import_new(struct member_import *mi, const struct person_fields *f, const struct person_sealed *s,
                              const char *joined_on, int64_t *person_id, int64_t *membership_id);
/* Writes what waits in the batch, hands the counters of the members written to stats_add and
 * frees mi (NULL is harmless). */
enum gh_err member_import_close(struct member_import *mi);
/* Frees mi without counting (the transaction is rolled back). */
void member_import_free(struct member_import *mi);

/* Workers' accounts (member_account.c). */
struct register_input {
	const char *phone, *id_number, *name, *password;
};
struct user;
/* A worker registers with phone, ID number, name and password: a person (if the country has none
 * for that ID number) and a member account without a membership. A person already on a roster
 * activates with the code from their union instead (GH_ECONFLICT, reason "use_activation"). */
enum gh_err member_register(struct ctx *c, const struct register_input *in, struct user *out);
/* Issues (or re-issues) the one-time activation code of a member in scope, valid 30 days;
 * code receives it (9 bytes). */
enum gh_err member_activation_issue(struct ctx *c, int64_t membership_id, char code[16], int64_t *expires_at);
/* The activation code of a member in scope that has not been used, if any: 1 (code set), 0, -1. */
int member_activation_peek(struct ctx *c, int64_t person_id, char code[16]);
/* A person from a roster sets their password with the code: the member account is created. */
enum gh_err member_activate(struct ctx *c, const char *id_number, const char *code, const char *password,
                            struct user *out);

/* The member number format: province (2 digits of the union's division code), the year of
 * joining, then the membership id in 13 digits, e.g. "32202600000000001234" would be too long;
 * see member.c for the exact layout. */
void member_number(const char *division, const char *joined_on, int64_t id, char out[32]);

#endif
