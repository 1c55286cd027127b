/*
 * Status codes and the error record every layer passes upward.
 *
 * Domain functions return an enum gh_err and, on failure, fill a struct gh_fail with the field
 * that was wrong and a message in Chinese and English. The api layer turns it into the JSON error
 * of CONTRACT.md with the HTTP status of gh_err_status(); the CLI prints the message. Messages
 * are static strings or live in the request's arena: a gh_fail never owns memory.
 */
#ifndef GH_BASE_ERR_H
#define GH_BASE_ERR_H

#include <stdbool.h>

enum gh_err {
	GH_OK = 0,
	GH_EINVAL,     /* 400 invalid_field: a field is present but wrong */
	GH_EMISSING,   /* 400 missing_field */
	GH_EJSON,      /* 400 invalid_json */
	GH_EBADREQ,    /* 400 bad_request: malformed in another way */
	GH_EUNAUTH,    /* 401 unauthenticated */
	GH_EFORBIDDEN, /* 403 forbidden */
	GH_ECSRF,      /* 403 csrf */
	GH_ENOTFOUND,  /* 404 not_found, also outside the caller's scope */
	GH_EMETHOD,    /* 405 method_not_allowed */
	GH_ECONFLICT,  /* 409 conflict: the state does not allow it */
	GH_EDUP,       /* 409 duplicate */
	GH_ETOOBIG,    /* 413 payload_too_large */
	GH_ETHROTTLED, /* 429 throttled */
	GH_EIO,        /* 500 internal: the store or the disk failed */
	GH_ENOMEM,     /* 500 internal: out of memory (a request's arena hit its bound) */
	GH_ERR__MAX
};

struct gh_fail {
	enum gh_err code;
	const char *field;  /* JSON path of the offending field ("employer.credit_code") or NULL */
	const char *zh;     /* message in Simplified Chinese */
	const char *en;     /* the same in English */
	const char *reason; /* a finer stable token for reports (e.g. "bad_check_char"), or NULL */
};

/* HTTP status for a code (200 for GH_OK). */
int gh_err_status(enum gh_err e);
/* Stable token for a code ("invalid_field"), as documented in docs/openapi.yaml. */
const char *gh_err_token(enum gh_err e);
/* Default messages for a code, used when a failure carries none. */
const char *gh_err_default_msg(enum gh_err e, bool zh);

/* Fills *f (when f is not NULL) and returns code, so callers can `return gh_fail_set(...)`. */
enum gh_err gh_fail_set(struct gh_fail *f, enum gh_err code, const char *field, const char *zh, const char *en);

#endif
