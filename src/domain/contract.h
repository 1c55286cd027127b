/*
 * Collective contracts (集体合同, 工资专项集体合同, 女职工权益保护专项集体合同), PRODUCT.md capability 3:
 * a grassroots union (or a regional or industry federation, for 区域性/行业性 contracts) registers
 * the contracts it signed with its employer(s): the term, the workers covered and, for wage
 * contracts, the agreed wage increase. A contract's status (pending, active, expired,
 * terminated) is computed from its dates and the clock, never stored, so the 90-day expiry list
 * moves with the test clock by itself. Subtree figures are one range query over the path index.
 *
 * This header also holds the small checks that supervision notices (notice.c) and service items
 * (service_item.c) share: dates, free text, the employer a document is addressed to.
 */
#ifndef GH_DOMAIN_CONTRACT_H
#define GH_DOMAIN_CONTRACT_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/org.h"

/* The expiry window the issue names: contracts ending within 90 days are listed. */
#define CONTRACT_EXPIRING_DAYS 90
/* Longest term before a soft warning (集体合同规定 Art. 38: 1 to 3 years). */
#define CONTRACT_TERM_WARN_YEARS 3
/* Wage increase bounds in basis points (350 = 3.5%). */
#define CONTRACT_WAGE_BP_MAX 10000

struct contract {
	int64_t id;
	const char *kind; /* collective, wage_special, women_special */
	int64_t org_id;
	const char *org_name;
	const char *path;
	int64_t employer_id; /* 0: given by name and credit code */
	const char *employer_name;
	const char *employer_credit_code; /* may be NULL */
	const char *signed_on, *starts_on, *ends_on;
	int64_t workers_covered;
	int64_t wage_increase_bp;  /* -1: none */
	const char *registered_on; /* with the labour administration; NULL: not yet */
	const char *note;
	const char *terminated_on, *terminated_reason; /* NULL unless terminated */
	bool demo;
	int64_t created_at, updated_at;
	const char *status; /* computed: pending, active, expired, terminated */
	int64_t days_left;  /* days from today to ends_on (negative once past) */
};

struct contract_list {
	struct contract *items;
	int64_t n, total, offset, limit;
};

/* The fields of a create (all that apply) or a PATCH (NULL / -1: unchanged). */
struct contract_input {
	const char *kind;
	int64_t org_id;
	int64_t employer_id; /* 0: none */
	const char *employer_name, *employer_credit_code;
	const char *signed_on, *starts_on, *ends_on;
	int64_t workers_covered;  /* -1: not given */
	int64_t wage_increase_bp; /* -1: not given */
	const char *registered_on, *note;
	const char *terminated_on, *terminated_reason; /* PATCH only: terminate */
	bool demo;
};

struct contract_filter {
	int64_t org;          /* subtree (0: the caller's scope) */
	const char *kind;     /* NULL: any */
	const char *status;   /* NULL: any */
	int64_t expiring;     /* > 0: only contracts ending within that many days, by end date */
	const char *employer; /* name substring, NULL: any */
};

struct contract_kind_figures {
	const char *kind;
	int64_t total, in_force, workers_covered, expiring;
};

struct contract_figures {
	int64_t total, in_force, workers_covered, expiring;
	int64_t window_days;
	struct contract_kind_figures kinds[3];
};

/* "wage_special" → its Chinese or English name, or NULL when unknown. */
const char *contract_kind_label(const char *kind, bool zh);
const char *contract_status_label(const char *status, bool zh);

/* Registers a contract; warn (up to ORG_MAX_WARNINGS) receives soft warnings (a term over three
 * years, a registration long after signing). 400 with the field, 404 for an org or employer
 * outside the scope. */
enum gh_err contract_create(struct ctx *c, const struct contract_input *in, struct contract *out, struct warning *warn,
                            int *n_warn);
/* One contract in scope (404 outside). */
enum gh_err contract_get(struct ctx *c, int64_t id, struct contract *out);
/* Contracts in the subtree, newest signed first; with f->expiring by end date. */
enum gh_err contract_list(struct ctx *c, const struct contract_filter *f, int64_t offset, int64_t limit,
                          struct contract_list *out);
/* Edits the fields given, or terminates (terminated_on and terminated_reason). A terminated
 * contract cannot change (409); an expired one cannot be terminated (409). */
enum gh_err contract_update(struct ctx *c, int64_t id, const struct contract_input *in, struct contract *out,
                            struct warning *warn, int *n_warn);
/* The subtree's figures: contracts, in force, workers covered, expiring within days. */
enum gh_err contract_figures(struct ctx *c, int64_t org, int64_t days, struct contract_figures *out);

/* ---- shared with notice.c and service_item.c ---- */

/* Today's date (the test clock's, in Asia/Shanghai) as YYYY-MM-DD, and its day number. */
int64_t contract_today(char out[11]);
/* Checks a YYYY-MM-DD date between 1949 and 2099; *days receives its day number. */
enum gh_err contract_check_date(struct ctx *c, const char *s, const char *field, int64_t *days);
/* Checks free text: valid UTF-8 of min..max characters, no control characters except line
 * breaks and tabs when multiline. NULL passes when min is 0. */
enum gh_err contract_check_text(struct ctx *c, const char *s, const char *field, int min, int max, bool multiline);

/* The employer a document is addressed to: a registered employer in scope (by id), else a name and
 * a valid credit code. With o a grassroots union and must_belong, the employer must be one of
 * o's own; with neither id nor name and o has exactly one employer, that one. */
struct contract_party {
	int64_t employer_id;
	const char *name;
	const char *credit_code; /* normalised, or NULL */
};
enum gh_err contract_party(struct ctx *c, const struct org *o, int64_t employer_id, const char *name,
                           const char *credit_code, bool must_belong, struct contract_party *out);

#endif
