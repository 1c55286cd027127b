/*
 * Labour-law supervision notices (劳动法律监督意见书 and 建议书), PRODUCT.md capability 3: an
 * organisation in scope (a grassroots union or a federation's labour-law supervision committee)
 * issues a notice to an employer, records the employer's answer, and closes it with the result of
 * the follow-up (rectified, partly, not). States: issued → answered → closed; an unanswered
 * notice may be closed only as not rectified. A notice is overdue while it is still unanswered
 * after its reply due date (the clock's date), computed on every read, never stored.
 */
#ifndef GH_DOMAIN_NOTICE_H
#define GH_DOMAIN_NOTICE_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* The reply period when none is given (days after issue). */
#define NOTICE_DEFAULT_REPLY_DAYS 30

struct notice {
	int64_t id;
	const char *kind; /* opinion 意见书, suggestion 建议书 */
	int64_t org_id;
	const char *org_name;
	const char *path;
	int64_t employer_id; /* 0: given by name and credit code */
	const char *employer_name, *employer_credit_code;
	const char *issued_on, *subject, *content, *legal_basis, *reply_due_on;
	const char *state;                /* issued, answered, closed */
	const char *answer, *answered_on; /* NULL until answered */
	const char *outcome, *follow_up;  /* NULL until closed; outcome rectified, partly_rectified, not_rectified */
	const char *closed_on;
	bool demo;
	int64_t created_at, updated_at;
	bool overdue;         /* computed: issued and past reply_due_on */
	int64_t days_overdue; /* days past reply_due_on while overdue, else 0 */
};

struct notice_list {
	struct notice *items;
	int64_t n, total, offset, limit;
};

/* Create and PATCH fields (NULL: not given). */
struct notice_input {
	const char *kind;
	int64_t org_id;
	int64_t employer_id;
	const char *employer_name, *employer_credit_code;
	const char *issued_on, *subject, *content, *legal_basis, *reply_due_on;
	bool demo;
};

struct notice_filter {
	int64_t org;
	const char *kind, *state;
	int overdue; /* -1 any, 0, 1 */
	const char *employer;
};

const char *notice_kind_label(const char *kind, bool zh);
const char *notice_state_label(const char *state, bool zh);
const char *notice_outcome_label(const char *outcome, bool zh);

/* Issues a notice (state issued). */
enum gh_err notice_create(struct ctx *c, const struct notice_input *in, struct notice *out);
/* One notice in scope (404 outside). */
enum gh_err notice_get(struct ctx *c, int64_t id, struct notice *out);
/* Notices in the subtree, newest issued first. */
enum gh_err notice_list(struct ctx *c, const struct notice_filter *f, int64_t offset, int64_t limit,
                        struct notice_list *out);
/* Corrects subject, content, legal basis, dates while the notice is still issued (409 after). */
enum gh_err notice_update(struct ctx *c, int64_t id, const struct notice_input *in, struct notice *out);
/* Records the employer's answer (text, and the day it came: today when NULL). 409 unless issued. */
enum gh_err notice_answer(struct ctx *c, int64_t id, const char *text, const char *answered_on, struct notice *out);
/* Closes with the outcome of the follow-up. 409 when closed already, or when unanswered and the
 * outcome is not not_rectified. */
enum gh_err notice_close(struct ctx *c, int64_t id, const char *outcome, const char *follow_up, const char *closed_on,
                         struct notice *out);

#endif
