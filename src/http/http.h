/*
 * The HTTP layer: libmicrohttpd glue. It knows nothing of unions: it collects a request
 * (method, path, query, headers, body within its bound, the client address), hands it to the
 * router (route/route.h) and writes the response back: JSON, or the bytes of a file for the
 * downloads (http_reply_file). Bodies are bounded by HTTP_MAX_BODY, except on the few upload
 * routes listed in server.c (HTTP_MAX_UPLOAD). Paths outside /api/ are static files of the web
 * UI (static.c).
 */
#ifndef GH_HTTP_HTTP_H
#define GH_HTTP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

#define HTTP_MAX_BODY   ((size_t)1 << 20)  /* 1 MiB: larger bodies get 413 */
#define HTTP_MAX_UPLOAD ((size_t)64 << 20) /* 64 MiB: the bodies of the upload routes (server.c) */

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
	/* a file answered instead of json (http_reply_file): its descriptor (-1: none; the server
	 * closes it), Content-Type and attachment name (UTF-8), in the arena */
	int file_fd;
	const char *file_type;
	const char *file_name;
};

/* A query parameter or a header; NULL if absent. Owned by the connection. */
const char *http_query(struct http_req *r, const char *name);
const char *http_header(struct http_req *r, const char *name);
/* The value of one cookie, copied into the request's arena, or NULL. */
const char *http_cookie(struct http_req *r, const char *name);
/*
 * Answers the bytes of the file at path with status 200 instead of JSON, as an attachment named
 * name (UTF-8, sent as RFC 6266 filename*=UTF-8''..., with an ASCII fallback) of Content-Type
 * type. With unlink_after the file is removed once opened (its bytes stay readable through the
 * descriptor until the answer is sent). 0, or -1 when the file cannot be opened (nothing set).
 */
int http_reply_file(struct http_req *r, const char *path, const char *type, const char *name, bool unlink_after);

struct http_config {
	const char *host; /* "127.0.0.1" */
	int port;         /* 0: any free port */
	int threads;
	const char *web_dir;    /* the built UI (web/dist), or NULL */
	bool tls;               /* served behind TLS: cookies get Secure */
	const char *img_origin; /* another origin the UI may load images from (map tiles), or NULL */
};

/* The handler of every /api/ request; fills r->status and r->json (and r->set_cookie). */
typedef void (*http_handler)(struct http_req *r);

/* Starts serving; writes the bound port to *port. 0 or -1. */
int http_start(const struct http_config *cfg, http_handler h, int *port);
/* Stops serving (waits for the workers). */
void http_stop(void);

/* Serves a file of the web UI for path; 1 if a response was queued, 0 if not found. img_origin
 * (a checked "scheme://host[:port]", or NULL) joins img-src of the Content-Security-Policy. */
int static_serve(struct MHD_Connection *conn, const char *web_dir, const char *path, const char *img_origin);

#endif
