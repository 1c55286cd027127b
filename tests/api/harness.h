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

/* ---- Helpers added for the API suites (test_scope, test_orgs, ...). ---- */

/* Stops the server process (SIGTERM, waits) but keeps its folder, so that a test can tamper
 * with the store and run the CLI on it; srv_stop() removes the folder afterwards. */
void srv_kill(struct srv *s);
/* Runs `gonghui stats verify` on the server's store; returns its exit status (0 clean). */
int srv_stats_verify(struct srv *s);
/* Runs the sqlite3 command-line tool on the server's store with one SQL text; returns its exit
 * status. out (may be NULL) receives stdout. */
int srv_sql(struct srv *s, const char *sql, char **out);
/* Like make_user; returns the new account's id (from the CLI's JSON line), or 0. */
int64_t make_user_id(struct srv *s, int64_t org, const char *role, const char *username, const char *password);

/* A unified social credit code (GB 32100) "91" + region6 + an organisation code made from seq,
 * with a right check character; org_ok false makes the embedded GB 11714 check character
 * (position 17) wrong while the code as a whole stays valid. */
void uscc_make(char out[19], const char *region6, unsigned long seq, bool org_ok);

/* Sends body (a JSON value, stolen; may be NULL). */
int reqj(struct client *c, const char *method, const char *path, json_t *body, struct resp *r);

/* The figures of GET /api/orgs/{id}/stats. */
struct figs {
	int64_t orgs, federations, grassroots, members, employers, unionised_employers, employees;
	json_t *coverage_rate, *membership_rate; /* borrowed from raw */
	json_t *raw;                             /* the whole answer (owned; figs_free) */
};
/* Reads the figures; returns the HTTP status (200 on success). */
long figs_get(struct client *c, int64_t org, struct figs *f);
void figs_free(struct figs *f);

/* Checks an answer's status, and for errors the body {"error":{code, field, message}}; reports
 * the caller's line and the body on a mismatch. field NULL means the JSON null. */
void expect_status_(const struct resp *r, long status, const char *file, int line);
void expect_error_(const struct resp *r, long status, const char *code, const char *field, const char *file, int line);
#define expect_status(r, st)             expect_status_((r), (st), __FILE__, __LINE__)
#define expect_error(r, st, code, field) expect_error_((r), (st), (code), (field), __FILE__, __LINE__)

#endif
