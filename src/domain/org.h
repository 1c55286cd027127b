/*
 * Organisations: the union tree from the national federation down to grassroots unions
 * (PRODUCT.md capability 1). Each organisation stores its parent, depth, materialised path,
 * fixed-level ancestors (province, city, county, town) and its place (a 12-digit division
 * code). Every read takes the caller's scope: an organisation outside it is "not found".
 */
#ifndef GH_DOMAIN_ORG_H
#define GH_DOMAIN_ORG_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/employer.h"
#include "domain/stats.h"

enum org_kind {
	KIND_NATIONAL,
	KIND_PROVINCIAL,
	KIND_CITY,
	KIND_COUNTY,
	KIND_TOWN,
	KIND_VILLAGE,
	KIND_COMMUNITY,
	KIND_REGIONAL_FEDERATION,
	KIND_INDUSTRY_FEDERATION,
	KIND_ENTERPRISE,
	KIND_INSTITUTION,
	KIND_AGENCY,
	KIND_JOINT,
	KIND__MAX
};

/* "enterprise" → KIND_ENTERPRISE; -1 if unknown. */
int org_kind_parse(const char *s);
const char *org_kind_token(enum org_kind k);
const char *org_kind_label(enum org_kind k, bool zh);
bool org_kind_is_federation(int k);
/* true for the kinds that follow the division tree (national … town). */
bool org_kind_is_geographic(int k);
/* true for the kinds whose union belongs to employers (enterprise, institution, agency, joint). */
bool org_kind_has_employer(int k);

struct org {
	int64_t id;
	int64_t parent_id; /* 0 for the root */
	const char *path;
	int depth;
	enum org_kind kind;
	const char *name;
	char division[13];
	const char *status;
	const char *credit_code; /* the union's own code, or NULL */
	int64_t headcount;       /* -1 when not set */
	const char *founded_on;  /* YYYY-MM-DD or NULL */
	int term_years;          /* 0 when not set */
	char term_ends_on[11];   /* "" when not set */
	const char *chair;
	const char *phone;
	int64_t created_at, updated_at;
	int64_t child_count;
	bool demo;
	struct employer *employers; /* the union's employers (filled by org_get) */
	int n_employers;
};

struct org_list {
	struct org *items;
	int64_t n, total, offset, limit;
	bool total_capped;
};

/* Reads one organisation in the caller's scope, with its employers. GH_ENOTFOUND outside. */
enum gh_err org_get(struct ctx *c, int64_t id, struct org *out);
/* Children ordered by division code, then name. */
enum gh_err org_children(struct ctx *c, int64_t id, int64_t offset, int64_t limit, struct org_list *out);
/* Search within scope: q is a name substring (Chinese) or a credit code; division a code of
 * 2–12 digits (exact place). One of them must be given. */
enum gh_err org_search(struct ctx *c, const char *q, const char *division, int64_t offset, int64_t limit,
                       struct org_list *out);
/* The chain from the caller's own organisation down to id (both included). */
enum gh_err org_path(struct ctx *c, int64_t id, struct org_list *out);
/* true if the place code12 lies in o's area: always for non-geographic organisations and the
 * national federation, else when code12 starts with o's division prefix. */
bool org_covers_place(const struct org *o, const char *code12);
/* The path range of the subtree of org in the caller's scope (0: the caller's own scope): lo and
 * hi bound SQL_IN_SCOPE. An organisation outside the scope is GH_ENOTFOUND (field "org"). */
enum gh_err org_scope_range(struct ctx *c, int64_t org, const char **lo, const char **hi);
/* The subtree figures of id. */
enum gh_err org_stats(struct ctx *c, int64_t id, int64_t out[STAT__MAX]);
/* Every counter of id (stats_read_all) and its path (for flow_stats_of), after the same scope
 * check, in two statements. */
enum gh_err org_stats_all(struct ctx *c, int64_t id, struct stat_all *out, const char **path);

/* Input of org_create and org_update; `set` says which fields an update carries. */
enum {
	ORG_SET_NAME = 1 << 0,
	ORG_SET_HEADCOUNT = 1 << 1,
	ORG_SET_FOUNDED = 1 << 2,
	ORG_SET_TERM = 1 << 3,
	ORG_SET_CHAIR = 1 << 4,
	ORG_SET_PHONE = 1 << 5,
	ORG_SET_CREDIT = 1 << 6,
};

struct org_input {
	unsigned set;
	int64_t parent_id;
	const char *name;
	int kind;
	const char *division;
	const char *credit_code;
	int64_t headcount;
	const char *founded_on;
	int term_years;
	const char *chair;
	const char *phone;
	struct employer_input *employers;
	int n_employers;
	bool demo;
};

/* A soft warning attached to a successful write (e.g. the embedded organisation code). */
struct warning {
	const char *field, *code, *zh, *en;
};

#define ORG_MAX_WARNINGS 8

/* Creates a grassroots union (or village/community union, regional or industry federation)
 * under in->parent_id, with its employer(s), in one transaction. */
enum gh_err org_create(struct ctx *c, const struct org_input *in, struct org *out, struct warning *warn, int *n_warn);
/* Updates the fields of in->set. */
enum gh_err org_update(struct ctx *c, int64_t id, const struct org_input *in, struct org *out);
/* Moves a non-geographic organisation and its subtree under new_parent, in one transaction.
 * division (may be NULL) gives it a new place. */
enum gh_err org_move(struct ctx *c, int64_t id, int64_t new_parent, const char *division, struct org *out);

/* The lower-level helpers shared by the tree loader and employers. */
/* Reads the current row of an organisation, ignoring scope (internal use). */
enum gh_err org_load(struct ctx *c, int64_t id, struct org *out);
/* Writes the name index rows of an organisation (insert true) or removes them. */
int org_index_name(struct store *db, int64_t id, const char *name, bool insert);
/* The same grams as rows of the bulk load of SQB_GRAM in progress on db (init on PostgreSQL). */
int org_index_name_bulk(struct store *db, int64_t id, const char *name);
/* Allocates n ids; returns the first. Inside a write transaction. -1 on error. */
int64_t ids_next(struct store *db, int64_t n);

#endif
