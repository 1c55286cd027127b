/*
 * The API test harness: starts the real gonghui server on a free loopback port over a copy of
 * the national template store (GH_TEMPLATE_DB, made once per `make test`), drives it with
 * libcurl, and stops it and removes its folder at the end, even after a failure.
 */
#ifndef GH_TESTS_API_HARNESS_H
#define GH_TESTS_API_HARNESS_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct srv {
	pid_t pid;
	int port;
	char dir[256];
	char db[320];
	char admin_pw[64];
};

/* Starts a server over a fresh copy of the template store. 0 or -1. */
int srv_start(struct srv *s, bool test_clock);
/* Stops it (SIGTERM, then waits) and removes its folder. */
void srv_stop(struct srv *s);
/* Runs `gonghui ARGS... --db <the copy>`; returns the exit status. out (may be NULL) receives
 * stdout (malloc'd, NUL-terminated). */
int srv_cli(struct srv *s, char **out, const char *const *args);

struct client {
	struct srv *s;
	CURL *curl;
	char csrf[128];
	const char *lang; /* Accept-Language, or NULL */
};

struct resp {
	long status;
	char *body;
	json_t *json;
	char *set_cookie;
};

void client_init(struct client *c, struct srv *s);
void client_release(struct client *c);
/* Sends a request (body JSON text or NULL); the CSRF header goes with every non-GET request
 * when the client holds a token. Returns 0 when an answer came. */
int req(struct client *c, const char *method, const char *path, const char *body, struct resp *r);
/* Like req, with a printf-formatted path. */
int reqf(struct client *c, const char *method, const char *body, struct resp *r, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void resp_free(struct resp *r);
/* Logs in; returns the HTTP status. On 200 the client keeps the session cookie and token. */
long login(struct client *c, const char *user, const char *pw);

/* Reads a dotted path ("user.org_id", "items.0.name") of a JSON value. */
json_t *jget(json_t *j, const char *path);
int64_t jint(json_t *j, const char *path);
const char *jstr(json_t *j, const char *path);

/* The id of the organisation with that division code (via the admin), or 0. */
int64_t org_by_division(struct client *admin, const char *code);
/* Creates a staff account through the CLI; returns 0 on success. */
int make_user(struct srv *s, int64_t org, const char *role, const char *username, const char *password);

#define TEST_PASSWORD "correct horse battery staple"

#endif
