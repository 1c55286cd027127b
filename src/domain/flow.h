/*
 * The case engine (ARCHITECTURE.md "One case engine"): every workflow — join applications,
 * transfers, and later hotline cases, hardship files, claims, proposals — is a case with a type,
 * a state, the organisation handling it, a deadline, a typed payload (JSON) and an append-only
 * history. A case type is data: a struct flow_type with its states, the transitions each role
 * may take from which place in the tree, its deadline, whether an overdue case escalates to the
 * federation above, and hooks for the type's own rules (what creating it checks, what an
 * approval does). Adding a type is adding a file and one line in flow_types.c; the engine does
 * not change.
 */
#ifndef GH_DOMAIN_FLOW_H
#define GH_DOMAIN_FLOW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* Who may take a transition, relative to the case. */
enum flow_party {
	FLOW_HANDLER = 1 << 0,   /* staff whose scope holds the handling organisation */
	FLOW_APPLICANT = 1 << 1, /* the account that opened the case (or the person it is about) */
	FLOW_SENDER = 1 << 2,    /* staff whose scope holds the payload's "from_org" (transfers) */
};

struct flow_case {
	int64_t id;
	const char *type;
	const char *state;
	int64_t org_id; /* handling organisation now */
	const char *org_name;
	const char *path;
	int64_t person_id;    /* 0: none */
	int64_t applicant_id; /* the account that opened it, 0: none */
	int64_t deadline;     /* 0: none */
	bool supervised;
	int escalations;
	json_t *payload; /* owned by the case (json_decref by flow_case_release) */
	int64_t created_at, updated_at, closed_at;
	bool overdue; /* open and past its deadline, now */
};

struct flow_event {
	int64_t id, at, actor_id, org_id;
	const char *actor, *action, *from_state, *to_state, *note;
};

struct flow_type;

/* What a type's create hook decides: the handling organisation, the person, the payload to keep. */
struct flow_new {
	int64_t org_id;
	int64_t person_id;
	json_t *payload; /* a new reference the engine takes */
};

struct flow_transition {
	const char *action; /* a CONTRACT.md case action: accept, approve, reject, withdraw, … */
	const char *from;   /* state, or "*" for any open state */
	const char *to;     /* state after it */
	unsigned parties;   /* enum flow_party bits */
	bool needs_reason;  /* the action body must carry "reason" */
	/* The type's own effect, inside the transaction (may fail: nothing is then written). */
	enum gh_err (*apply)(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body);
};

struct flow_type {
	const char *token;
	const char *zh, *en;
	const char *initial;
	const char *const *states; /* NULL-terminated; the first ones open, see closed */
	const char *const *closed; /* NULL-terminated terminal states */
	const struct flow_transition *transitions;
	int n_transitions;
	int64_t deadline_seconds; /* from creation and after each escalation; 0: none */
	bool escalate;            /* an overdue case goes to the federation above, supervised */
	/* Checks the body of POST /api/cases and decides the handling organisation. */
	enum gh_err (*create)(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out);
	/* Whether an account that is neither handler nor applicant may see the case (e.g. the sending
	 * union of a transfer); NULL: nobody else. */
	bool (*visible)(struct ctx *c, const struct flow_case *k);
};

/* The registered types (flow_types.c). */
const struct flow_type *flow_type_find(const char *token);
int flow_type_count(void);
const struct flow_type *flow_type_at(int i);
/* The label of a state for people ("待审批"). */
const char *flow_state_label(const char *state, bool zh);

struct flow_filter {
	const char *type, *state;
	int64_t org; /* subtree of this org (0: the caller's scope) */
	int overdue; /* -1 any, 0 not, 1 only overdue */
	bool mine;   /* only cases the caller opened (members always) */
};

struct flow_list {
	struct flow_case *items;
	int64_t n, total, offset, limit;
};

/* Opens a case of body.type. */
enum gh_err flow_create(struct ctx *c, json_t *body, struct flow_case *out);
/* One case with its history; not visible: GH_ENOTFOUND. */
enum gh_err flow_get(struct ctx *c, int64_t id, struct flow_case *out, struct flow_event **ev, int *n_ev);
/* Cases visible to the caller, newest first. */
enum gh_err flow_list(struct ctx *c, const struct flow_filter *f, int64_t offset, int64_t limit, struct flow_list *out);
/* Takes body.action on a case: 403 when the caller may not, 409 when the state does not allow it. */
enum gh_err flow_act(struct ctx *c, int64_t id, json_t *body, struct flow_case *out);
/* Escalates every open case past its deadline (their types permitting) to the federation above,
 * marks them supervised, once, keeping their deadline (they stay overdue). Called before case reads, so the very
 * next read after the clock passes a deadline shows it. Returns the number escalated, -1 error. */
int flow_sweep(struct ctx *c);
void flow_case_release(struct flow_case *k);

/* For the types' hooks: appends an event inside the transaction. */
int flow_event_add(struct ctx *c, int64_t case_id, const char *action, const char *from, const char *to, int64_t org_id,
                   const char *note);

#endif
