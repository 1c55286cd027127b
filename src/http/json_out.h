/*
 * The answer's JSON text, as json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15)) writes it,
 * byte for byte (tests/unit/http/test_json_out.c compares the two), in one buffer and without
 * jansson's printf per integer and callback per string piece: the dump was a tenth to a fifth of
 * the server's CPU on the hot read routes.
 */
#ifndef GH_HTTP_JSON_OUT_H
#define GH_HTTP_JSON_OUT_H

#include <jansson.h>
#include <stddef.h>

/* The text of v (malloc'd, NUL-terminated, its length in *len), or NULL where json_dumps fails
 * (a string that is not UTF-8, v neither object nor array, out of memory), and also for an
 * object key that is not UTF-8 (json_dumps writes a lone quote for it: no JSON) or a nesting
 * deeper than 2048 (instead of json_dumps's search for cycles). */
char *json_out(const json_t *v, size_t *len);

#endif
