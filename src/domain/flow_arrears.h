/*
 * What the two 维权 case types of the arrears module share (flow_wage_arrears.c defines them,
 * flow_mediation.c uses them too): checking texts, the employer named in a case and the place,
 * and finding who handles the case — the employer's union when it has one, else the deepest
 * federation of the place (ARCHITECTURE.md "One case engine"). Checks only; nothing is written.
 */
#ifndef GH_DOMAIN_FLOW_ARREARS_H
#define GH_DOMAIN_FLOW_ARREARS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* The largest id a JSON client can send exactly (2^53 - 1). */
#define ARREARS_ID_MAX INT64_C(9007199254740991)

/* The employer a case names, checked; union_id 0 when it has none or is not registered. */
struct arrears_employer {
	const char *name;        /* 2–100 characters */
	const char *credit_code; /* normalised, or NULL when not given */
	int64_t employer_id;     /* the registered employer found by credit code or exact name, or 0 */
	int64_t union_id;
};

/* A text field key of obj: a string of min..max characters (UTF-8, no control characters);
 * absent or null: *out NULL, which is GH_EMISSING when required. field names it in errors. */
enum gh_err arrears_text(struct ctx *c, json_t *obj, const char *key, const char *field, int min, int max,
                         bool required, const char **out);
/* An integer field: absent or null gives *out = dflt (GH_EMISSING when required); else it must
 * lie in lo..hi. */
enum gh_err arrears_int(struct ctx *c, json_t *obj, const char *key, const char *field, int64_t lo, int64_t hi,
                        bool required, int64_t dflt, int64_t *out);
/* The object body.employer {name, credit_code?}, checked, with its registered union looked up. */
enum gh_err arrears_employer_check(struct ctx *c, json_t *body, struct arrears_employer *out);
/* The place body.division_code (2–12 digits of a real division) into code (12 digits) and the
 * deepest active federation of that place or above it into *federation. Absent: GH_EMISSING. */
enum gh_err arrears_place(struct ctx *c, json_t *body, char code[13], int64_t *federation);
/* Today's date (the test clock's) as YYYY-MM-DD. */
void arrears_today(char out[11]);
/* Whether s is a date YYYY-MM-DD that exists. */
bool arrears_is_date(const char *s);

#endif
