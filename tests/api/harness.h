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
	char db[320]; /* the SQLite file, or the PostgreSQL URL of this server's database */
	char admin_pw[64];
	char keys[300]; /* the key folder (PostgreSQL mode; SQLite's sits beside the file) */
	char pgdb[64];  /* the database's name in PostgreSQL mode, else "" */
};

/* Starts a server over a fresh copy of the template store. 0 or -1.
 * SQLite (the default): a copy of the file GH_TEMPLATE_DB and the keys beside it.
 * PostgreSQL, when GH_TEMPLATE_DB_URL names a template database (postgresql://…): a database
 * made from it with CREATE DATABASE … TEMPLATE, and a copy of the key folder GH_TEMPLATE_KEYS;
 * srv_sql then runs psql, srv_files_hold searches the cluster's files (GH_TEST_PG_DATA). */
int srv_start(struct srv *s, bool test_clock);
/* Starts a server on the store the caller put in s (db, keys, dir; pgdb to drop it at the end),
 * e.g. one that `gonghui migrate` made. 0 or -1. */
int srv_serve(struct srv *s, bool test_clock);
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

/* Whether GET /api/cases?limit=200<query> (query "" or "&type=…&overdue=1" …) lists case id for c. */
/* Whether the first 200 items of the list at path list (with query appended: "&k=v…") hold id. */
bool api_list_holds(struct client *c, const char *list, const char *query, int64_t id);
bool case_list_holds(struct client *c, const char *query, int64_t id);

/* A staff account of a suite: its username and its logged-in client. */
struct staff {
	const char *user;
	struct client c;
};
/* One account to make: which, at which organisation, with which role. */
struct staff_spec {
	struct staff *s;
	int64_t org;
	const char *role;
};
/* Makes each account (password TEST_PASSWORD) and logs it in. 0, or -1 at the first failure. */
int staff_make(struct srv *s, const struct staff_spec *spec, size_t n);
/* Logs each account in again (after the test clock moved past their sessions); asserts. */
void staff_relogin(struct staff *const *all, size_t n);
/* Releases their clients. */
void staff_release(struct staff *const *all, size_t n);

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

/* ---- Helpers added for the member and case suites (test_members, test_cases, test_workers). ---- */

/* The GB 11643 check character of 17 digits (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, the sum
 * mod 11 mapped through "10X98765432"). */
char idn_check(const char *first17);
/* A valid 18-character resident ID number: area (6 digits), birth date, a 3-digit sequence (its last
 * digit is digit 17: odd for a man, even for a woman), and the check character. */
void idn_make(char out[19], const char *area6, int y, int m, int d, int seq3);
/* The legacy 15-digit form of the same person (two-digit year, no check character). */
void idn_make15(char out[16], const char *area6, int y, int m, int d, int seq3);

/* PUT /api/test/clock {"now": iso} through c (a server started with the test clock); returns the
 * HTTP status (204 on success). */
long set_clock(struct client *c, const char *iso);

/* Whether needle (bytes, not NUL-terminated in the files) occurs in the server's store (its file,
 * -wal and -journal) or its log (serve.log). On a hit, where receives the file's name. */
bool srv_files_hold(struct srv *s, const char *needle, char *where, size_t cap);

/* A figure of the subtree counters read straight from the store: org_stat (metric) and
 * org_stat_month (month as YYYYMM, metric 1 joins, 2 leavings). 0 when there is no row, INT64_MIN on
 * failure. */
int64_t srv_stat(struct srv *s, int64_t org, int metric);
int64_t srv_stat_month(struct srv *s, int64_t org, int month, int metric);

/* From GET /api/orgs/{id}/stats through c: the joins or leaves ("joins"/"leaves") of the month
 * "YYYY-MM" in its "months" list, and the members of an age band ("16-25", …, "56+") in its
 * "age_bands"; INT64_MIN when the answer has no such figure. */
int64_t figs_month(struct client *c, int64_t org, const char *month, const char *key);
int64_t figs_band(struct client *c, int64_t org, const char *band);

#endif
