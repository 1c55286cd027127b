/*
 * Helpers over jansson for the api layer: decoding a request body into fields with errors that
 * name the field, and encoding lists in the shape of CONTRACT.md. Decoders fill the failure of
 * the context and return its code; they never allocate outside jansson's own objects.
 */
#ifndef GH_JSON_JSON_H
#define GH_JSON_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* The largest integer JSON carries exactly to JavaScript (2^53 - 1). */
#define JSON_INT_MAX INT64_C(9007199254740991)

/* Parses text[0..n) as a JSON object (duplicate keys refused, depth bounded). On success *out
 * is a new reference. */
enum gh_err json_decode_object(struct ctx *c, const char *text, size_t n, json_t **out);

/* Reads a string field. field is the JSON path reported in errors ("employer.name").
 * Absent or null: *out = NULL, error only if required. Longer than max_bytes: invalid. */
enum gh_err json_get_str(struct ctx *c, json_t *obj, const char *key, const char *field, size_t max_bytes,
                         bool required, const char **out);
/* Reads an integer field within [min, max]; *present tells whether it was there. */
enum gh_err json_get_int(struct ctx *c, json_t *obj, const char *key, const char *field, int64_t min, int64_t max,
                         bool required, int64_t *out, bool *present);
/* Reads a boolean field. */
enum gh_err json_get_bool(struct ctx *c, json_t *obj, const char *key, const char *field, bool required, bool *out,
                          bool *present);
/* Reads an object field (borrowed reference, or NULL when absent and not required). */
enum gh_err json_get_obj(struct ctx *c, json_t *obj, const char *key, const char *field, bool required, json_t **out);

/* Sets key to a string, or to null when s is NULL. */
void json_set_str(json_t *obj, const char *key, const char *s);
/* Sets key to an integer, or to null when null is true. */
void json_set_int(json_t *obj, const char *key, int64_t v, bool null);
/* A list object {"items": items, "total", "offset", "limit"} (steals items). */
json_t *json_list(json_t *items, int64_t total, int64_t offset, int64_t limit);

#endif
