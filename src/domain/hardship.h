/*
 * Hardship files (困难职工档案, domain-security.md A4.12) besides the case itself (flow_hardship.c):
 * the means test, the local minimum-living standards (低保标准) it measures against, and the
 * assistance given to filed workers (送温暖, 金秋助学, 医疗救助). The means test is pure
 * arithmetic in fen (hardship_classify) so that it can be tested alone and re-derived from what
 * the file keeps: the figures, the standard used (place, amount, effective date) and the result.
 * Income, expenses, health and the assistance notes are sensitive personal information: they live
 * only in the case's sealed part or sealed columns, and every reading is audited.
 */
#ifndef GH_DOMAIN_HARDSHIP_H
#define GH_DOMAIN_HARDSHIP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/flow.h"

/* The levels of A4.12, in the order the rule tries them; HS_NONE: not eligible. */
enum hardship_level { HS_NONE, HS_DEEP, HS_RELATIVE, HS_ACCIDENT, HS__MAX };

/* "deep", "relative", "accident", "none". */
const char *hardship_level_token(int level);
/* The token's level, -1 if unknown ("none" included only when allow_none). */
int hardship_level_parse(const char *s, bool allow_none);
/* 深度困难 / deep hardship … */
const char *hardship_level_label(int level, bool zh);

/* The figures of the rule, in fen per year; household counts the people, the worker included. */
struct hardship_figures {
	int household;
	int64_t income_fen;         /* household annual disposable income (家庭年可支配收入) */
	int64_t expenses_fen;       /* rigid expenses of the year (刚性支出: medical, education, …) */
	int64_t accident_costs_fen; /* the year's costs of a sudden illness or accident (年度致困费用) */
	bool accident_cause;        /* an accident, disaster, epidemic or public-security event is a cause */
};

/* What the rule found, with the numbers to show how. */
struct hardship_class {
	int level;
	int64_t net_fen;           /* income − expenses (may be negative) */
	int64_t per_capita_fen;    /* net / 12 / household, rounded to the nearest fen (halves up) */
	int64_t standard_fen;      /* 低保, a month per person */
	int64_t relative_line_fen; /* 2 × 低保 */
	bool costs_over_80;        /* accident costs > 80% of the household's annual income */
};

/*
 * The rule of A4.12: with net = income − expenses, deep when net / 12 / household < standard,
 * relative when < 2 × standard, else accident when the costs of a sudden illness or accident
 * exceed 80% of the annual income or an accident cause is flagged, else none. The comparisons
 * are exact (net < 12 × household × standard), never on the rounded per-capita figure, so a
 * household one fen under the line is deep whatever the rounding shows. 0, or -1 when the
 * figures are out of range (household < 1, standard ≤ 0, negative amounts).
 */
int hardship_classify(const struct hardship_figures *f, int64_t standard_fen, struct hardship_class *out);
/* n / d rounded to the nearest integer, halves towards +infinity (d > 0). */
int64_t hardship_div_round(int64_t n, int64_t d);

/* ---- living standards (低保标准) ---- */

struct living_standard {
	int64_t id;
	char division[13]; /* the place, 12 digits */
	int level;         /* its division level: 1 province … 5 village */
	int64_t monthly_fen;
	char effective_from[11];
	const char *source; /* the notice it comes from, or NULL */
	const char *place_name;
	int64_t created_at;
	bool demo;
};

struct living_standard_list {
	struct living_standard *items;
	int64_t n, total, offset, limit;
};

struct living_standard_input {
	const char *division; /* 2–12 digits */
	int64_t monthly_fen;
	const char *effective_from;
	const char *source;
	bool demo;
};

/* Adds a standard. The caller must be a local federation (or the admin) whose area holds the
 * place: 403 otherwise; 409 duplicate when the place has one from that date already. */
enum gh_err living_standard_create(struct ctx *c, const struct living_standard_input *in, struct living_standard *out);
/* The standards of a place (2–12 digits; NULL: the caller's own place, everything for the
 * national level): those of the places it lies in and those below it, by place, newest first. */
enum gh_err living_standard_list(struct ctx *c, const char *division, int64_t offset, int64_t limit,
                                 struct living_standard_list *out);
/* The standard in force at code12 on date (YYYY-MM-DD): the most specific place that has one
 * effective by then (village, town, county, city, province), its latest. 1 found, 0 none, -1 error. */
int living_standard_effective(struct ctx *c, const char *code12, const char *date, struct living_standard *out);
/* The same from raw inputs (division required, date NULL: today), with field errors; none: 404. */
enum gh_err living_standard_lookup(struct ctx *c, const char *division, const char *date, struct living_standard *out);

/* ---- the figures of a file ---- */

/* Reads and checks the household, incomes, rigid expenses, causes and accident costs of body
 * (errors name the field: "incomes.1.annual_fen"); fills f and *sensitive (a new reference: the
 * normalised figures, for the sealed part). */
enum gh_err hardship_read_figures(struct ctx *c, json_t *body, struct hardship_figures *f, json_t **sensitive);
/* Classifies f against the standard in force at place12 on date: sets in payload computed_level
 * and standard (place, amount, effective date: not sensitive), and in secret "classification"
 * (the figures, the per-capita income and the explanation, zh and en). No standard: 409 naming
 * the place and the date. */
enum gh_err hardship_assess(struct ctx *c, const char *place12, const char *date, const struct hardship_figures *f,
                            json_t *payload, json_t *secret);

/* ---- assistance given (帮扶记录) ---- */

/* Kinds: warmth 送温暖, education 金秋助学, medical 医疗救助, other. */
bool hardship_aid_kind_ok(const char *kind);

struct hardship_aid {
	int64_t id, case_id, org_id, by_org_id, amount_fen, created_at;
	const char *org_name, *by_org_name, *member_name, *kind, *given_on;
	const char *note; /* opened (the reading is audited), or NULL */
};

struct hardship_aid_list {
	struct hardship_aid *items;
	int64_t n, total, offset, limit;
	int64_t amount_fen; /* the sum over every record that matches, not only this page */
};

struct hardship_aid_input {
	const char *kind;
	int64_t amount_fen;
	const char *given_on; /* NULL: today */
	const char *note;
	bool demo;
};

/* Records assistance given to a filed file: staff who may handle it (the county handling it, or
 * the member's union and the federations between). The file's totals (payload assistance_count,
 * assistance_fen) and the counters move in the same transaction; audited. */
enum gh_err hardship_aid_add(struct ctx *c, int64_t case_id, const struct hardship_aid_input *in,
                             struct hardship_aid *out);
/* The assistance of one file, newest first: its worker, or staff who may read its sensitive part;
 * the reading is audited. */
enum gh_err hardship_aid_of_case(struct ctx *c, int64_t case_id, int64_t offset, int64_t limit,
                                 struct hardship_aid_list *out);
/* The assistance given to workers of a subtree (org 0: the caller's scope), newest first, with
 * filters (each NULL: any); staff holding CAP_SENSITIVE_READ; audited. */
enum gh_err hardship_aid_list(struct ctx *c, int64_t org, const char *kind, const char *from, const char *to,
                              int64_t offset, int64_t limit, struct hardship_aid_list *out);

/* Filed files whose yearly review falls due within `within` days from now (overdue ones first),
 * in the caller's scope (org 0) or org's subtree. */
enum gh_err hardship_review_due(struct ctx *c, int64_t org, int within, int64_t offset, int64_t limit,
                                struct flow_list *out);

/* The date a year after date (29 February → 28 February), into out[11]. */
void hardship_year_after(const char *date, char out[11]);

#endif
