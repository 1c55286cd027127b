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
	int province; /* its handling organisation's (province.h): the statements by id name it */
	bool overdue; /* open and past its deadline, now */
	/* The sealed sensitive part (health, income, a caller's identity: PII_SENSITIVE), as stored;
	 * flow_secret() opens it. A transition that changes it sets secret and secret_dirty. */
	const unsigned char *sealed;
	size_t sealed_len;
	json_t *secret; /* opened or set (owned by the case), NULL until then */
	bool secret_dirty;
	/* Set by a transition's apply: the organisation that handles the case from now (assign,
	 * routing down the tree); the engine moves it, its counters and its visibility. 0: stays. */
	int64_t route_to;
	/* Set by a transition's apply: the state the case goes to instead of the transition's `to`
	 * (one of the type's states; e.g. a rating of 不满意 reopens the case). NULL: `to`. */
	const char *next_state;
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
	json_t *payload;  /* a new reference the engine takes */
	json_t *secret;   /* the sensitive part, sealed at rest (a new reference the engine takes), or NULL */
	int64_t deadline; /* the first deadline (unix time); 0: the type's deadline_seconds from now */
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
	/* The capability a handler needs to read the sealed part (CAP_NONE: no handler reads it, only
	 * the type's own hooks and the applicant). Every reading is audited. A case whose payload says
	 * "anonymous": true keeps its sealed part and its applicant from every handler: the view
	 * answers applicant_id and person_id as null to anyone but the applicant. */
	enum cap secret_cap;
	/* Adjusts the JSON view of a case for the caller (e.g. an anonymous caller's identity hidden
	 * from handlers); NULL: the view as the engine makes it. */
	void (*present)(struct ctx *c, const struct flow_case *k, json_t *view);
	/* Subtree counters of the type (stats.h): metric stat_base + 0 counts open cases, + 1 closed
	 * ones, + 2 + i the type's own figure figures[i] (NULL-terminated, at most FLOW_MAX_FIGURES),
	 * which figure() computes for one case from its state and payload (its contribution: a count,
	 * an amount in fen). The engine keeps them through every create, action and escalation, and
	 * stats_verify recomputes them from the cases. stat_base 0: the type keeps no counters. */
	int stat_base;
	const char *const *figures;
	void (*figure)(const struct flow_case *k, int64_t *out);
};

#define FLOW_MAX_FIGURES 16

/* The registered types (flow_types.c). */
const struct flow_type *flow_type_find(const char *token);
int flow_type_count(void);
const struct flow_type *flow_type_at(int i);
/* The label of a state for people ("待审批"). */
const char *flow_state_label(const char *state, bool zh);

struct flow_filter {
	const char *type, *state;
	int64_t org;    /* subtree of this org (0: the caller's scope) */
	int overdue;    /* -1 any, 0 not, 1 only overdue */
	int supervised; /* -1 any, 0 not, 1 only supervised (督办) */
	bool mine;      /* only cases the caller opened (members always) */
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

/* Opens the sealed part of k into k->secret (json, {} when none) for the type's own hooks; no
 * audit, no capability check. GH_OK or GH_EIO. */
enum gh_err flow_secret_load(struct ctx *c, struct flow_case *k);
/* The sealed part for the caller: the applicant, or a handler holding the type's secret_cap;
 * audited ("case.reveal"). NULL when the caller may not see it (or there is none). */
json_t *flow_secret_reveal(struct ctx *c, struct flow_case *k);
/* Whether the case's payload says "anonymous": true. */
bool flow_is_anonymous(const struct flow_case *k);
/* Whether the caller opened the case or it is about them. */
bool flow_is_applicant(const struct ctx *c, const struct flow_case *k);

/* One case's contributions to the counters: n pairs (metric, value) into metric[] and val[]
 * (each of 2 + FLOW_MAX_FIGURES slots); 0 if its type keeps none. For stats_verify. */
int flow_stat_contrib(const char *type, const char *state, bool closed, json_t *payload, int *metric, int64_t *val);

/* Figures of a subtree by case type: open, closed, overdue and the type's figures. */
struct flow_type_stats {
	const struct flow_type *type;
	int64_t open, closed, overdue;
	int64_t figures[FLOW_MAX_FIGURES];
};
/* One entry per registered type into out (flow_type_count() slots). GH_OK or a failure. */
enum gh_err flow_stats(struct ctx *c, int64_t org_id, struct flow_type_stats *out);
/* The same from counters already read (cases: STAT_CASE_SLOTS slots from STAT_CASE_BASE, as
 * struct stat_all holds them) of the organisation at path, which the caller has checked is in
 * scope. */
enum gh_err flow_stats_of(struct ctx *c, const char *path, const int64_t *cases, struct flow_type_stats *out);

/* For the types' hooks: appends an event inside the transaction. */
int flow_event_add(struct ctx *c, int64_t case_id, const char *action, const char *from, const char *to, int64_t org_id,
                   const char *note);

#endif
