/*
 * The HTTP layer: libmicrohttpd glue. It knows nothing of unions: it collects a request
 * (method, path, query, headers, body within its bound, the client address), hands it to the
 * router (route/route.h) and writes the response back. Paths outside /api/ are static files of
 * the web UI (static.c).
 */
#ifndef GH_HTTP_HTTP_H
#define GH_HTTP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

#define HTTP_MAX_BODY ((size_t)1 << 20) /* 1 MiB: larger bodies get 413 */

struct MHD_Connection;

struct http_req {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	char ip[64];
	struct buf body;
	bool too_big;
	struct arena arena;
	/* the response */
	int status;
	json_t *json;           /* body, owned; NULL for 204 */
	const char *set_cookie; /* Set-Cookie value or NULL */
};

/* A query parameter or a header; NULL if absent. Owned by the connection. */
const char *http_query(struct http_req *r, const char *name);
const char *http_header(struct http_req *r, const char *name);
/* The value of one cookie, copied into the request's arena, or NULL. */
const char *http_cookie(struct http_req *r, const char *name);

struct http_config {
	const char *host; /* "127.0.0.1" */
	int port;         /* 0: any free port */
	int threads;
	const char *web_dir; /* the built UI (web/dist), or NULL */
	bool tls;            /* served behind TLS: cookies get Secure */
};

/* The handler of every /api/ request; fills r->status and r->json (and r->set_cookie). */
typedef void (*http_handler)(struct http_req *r);

/* Starts serving; writes the bound port to *port. 0 or -1. */
int http_start(const struct http_config *cfg, http_handler h, int *port);
/* Stops serving (waits for the workers). */
void http_stop(void);

/* Serves a file of the web UI for path; 1 if a response was queued, 0 if not found. */
int static_serve(struct MHD_Connection *conn, const char *web_dir, const char *path);

#endif
