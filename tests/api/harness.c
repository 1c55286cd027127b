/*
 * The API test harness (harness.h).
 */
#include "harness.h"
#include "../store/pg_url.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *bin(void)
{
	const char *b = getenv("GH_BIN");
	return b ? b : "./gonghui";
}

static int run(char *const argv[], char **out)
{
	int pfd[2];
	if (pipe(pfd) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0 && !getenv("GH_TEST_VERBOSE"))
			dup2(devnull, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	ssize_t k;
	while (buf && (k = read(pfd[0], buf + n, cap - n - 1)) > 0) {
		n += (size_t)k;
		if (cap - n < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	close(pfd[0]);
	if (buf)
		buf[n] = 0;
	int st;
	waitpid(pid, &st, 0);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int srv_launch(struct srv *s, bool test_clock);

/* PostgreSQL mode: the template database's URL, or NULL (SQLite mode). */
static const char *pg_template(void)
{
	const char *u = getenv("GH_TEMPLATE_DB_URL");
	return u && *u ? u : NULL;
}

/* The database name of a URL. */
static void url_db(const char *url, char *out, size_t n)
{
	const char *path = strstr(url, "://");
	path = path ? strchr(path + 3, '/') : NULL;
	out[0] = 0;
	if (path) {
		size_t k = strcspn(path + 1, "?");
		snprintf(out, n, "%.*s", (int)k, path + 1);
	}
}

/* Runs one SQL statement with psql on url: -At output (columns joined by '|'). */
static int psql(const char *url, const char *sql, char **out)
{
	const char *tool = getenv("GH_PSQL");
	char *argv[] = {(char *)(tool && *tool ? tool : "/usr/bin/psql"),
	                "-X",
	                "-q",
	                "-At",
	                "-v",
	                "ON_ERROR_STOP=1",
	                "-d",
	                (char *)url,
	                "-c",
	                (char *)sql,
	                NULL};
	return run(argv, out);
}

/* The server's database in PostgreSQL mode: made from the template, keys copied. 0 or -1. */
static int pg_make(struct srv *s, const char *tmpl)
{
	static int serial;
	const char *keys = getenv("GH_TEMPLATE_KEYS");
	if (!keys || !*keys) {
		fprintf(stderr, "harness: GH_TEMPLATE_KEYS must name the template's key folder\n");
		return -1;
	}
	char tname[64], admin[512], sql[256], cmd[1024];
	url_db(tmpl, tname, sizeof(tname));
	snprintf(s->pgdb, sizeof(s->pgdb), "gh_api_%ld_%d", (long)getpid(), ++serial);
	pg_url(admin, sizeof(admin), tmpl, "postgres");
	snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\" TEMPLATE \"%s\"", s->pgdb, tname);
	if (psql(admin, sql, NULL) != 0) {
		fprintf(stderr, "harness: %s failed\n", sql);
		s->pgdb[0] = 0;
		return -1;
	}
	pg_url(s->db, sizeof(s->db), tmpl, s->pgdb);
	snprintf(s->keys, sizeof(s->keys), "%s/keys", s->dir);
	snprintf(cmd, sizeof(cmd), "cp -a '%s' '%s'", keys, s->keys);
	return system(cmd) == 0 ? 0 : -1;
}

int srv_start(struct srv *s, bool test_clock)
{
	memset(s, 0, sizeof(*s));
	const char *tmpl = getenv("GH_TEMPLATE_DB");
	const char *pw = getenv("GH_TEMPLATE_ADMIN_PASSWORD");
	const char *pgt = pg_template();
	if ((!tmpl && !pgt) || !pw) {
		fprintf(stderr,
		        "harness: GH_TEMPLATE_DB and GH_TEMPLATE_ADMIN_PASSWORD must be set (make test does)\n");
		return -1;
	}
	snprintf(s->admin_pw, sizeof(s->admin_pw), "%s", pw);
	snprintf(s->dir, sizeof(s->dir), "/tmp/gh-api-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	if (pgt) {
		if (pg_make(s, pgt) < 0)
			return -1;
		return srv_launch(s, test_clock);
	}
	char tdir[512];
	snprintf(tdir, sizeof(tdir), "%s", tmpl);
	char *slash = strrchr(tdir, '/');
	if (slash)
		*slash = 0;
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s/gonghui.db' && cp -a '%s/keys' '%s/keys'", tmpl, s->dir, tdir, s->dir);
	if (system(cmd) != 0)
		return -1;
	snprintf(s->db, sizeof(s->db), "%s/gonghui.db", s->dir);
	return srv_launch(s, test_clock);
}

/* Starts `gonghui serve` on s->db and reads its port from the first line. */
static int srv_launch(struct srv *s, bool test_clock)
{
	int pfd[2];
	if (pipe(pfd) < 0)
		return -1;
	s->pid = fork();
	if (s->pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		char log[400];
		snprintf(log, sizeof(log), "%s/serve.log", s->dir);
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0)
			dup2(fd, 2);
		/* GH_TEST_SERVE_THREADS: more workers for a suite that loads the server concurrently */
		const char *threads = getenv("GH_TEST_SERVE_THREADS");
		char *argv[12] = {(char *)bin(), "serve", "--db",      s->db,
		                  "--port",      "0",     "--threads", (char *)(threads ? threads : "2")};
		int n = 8;
		if (s->keys[0]) {
			argv[n++] = "--keys";
			argv[n++] = s->keys;
			/* a server URL's import work folder goes to $TMPDIR: keep it in s->dir, removed at stop */
			setenv("TMPDIR", s->dir, 1);
		}
		if (test_clock)
			argv[n++] = "--test-clock";
		argv[n] = NULL;
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	char line[256];
	size_t n = 0;
	while (n < sizeof(line) - 1) {
		ssize_t k = read(pfd[0], line + n, 1);
		if (k <= 0)
			break;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = 0;
	close(pfd[0]);
	const char *p = strstr(line, "127.0.0.1:");
	if (!p) {
		fprintf(stderr, "harness: the server did not start (first line: '%s')\n", line);
		srv_stop(s);
		return -1;
	}
	s->port = (int)strtol(p + 10, NULL, 10);
	return 0;
}

int srv_serve(struct srv *s, bool test_clock)
{
	if (!s->admin_pw[0]) {
		const char *pw = getenv("GH_TEMPLATE_ADMIN_PASSWORD");
		snprintf(s->admin_pw, sizeof(s->admin_pw), "%s", pw ? pw : "");
	}
	return srv_launch(s, test_clock);
}

void srv_stop(struct srv *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		int st;
		waitpid(s->pid, &st, 0);
		s->pid = 0;
	}
	if (s->pgdb[0]) {
		char admin[512], sql[128];
		pg_url(admin, sizeof(admin), s->db, "postgres");
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", s->pgdb);
		if (psql(admin, sql, NULL) != 0)
			fprintf(stderr, "harness: cannot drop %s\n", s->pgdb);
		s->pgdb[0] = 0;
	}
	if (s->dir[0]) {
		char cmd[400];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "harness: cannot remove %s\n", s->dir);
		s->dir[0] = 0;
	}
}

int srv_cli(struct srv *s, char **out, const char *const *args)
{
	char *argv[40];
	int n = 0;
	argv[n++] = (char *)bin();
	for (int i = 0; args[i] && n < 34; i++)
		argv[n++] = (char *)args[i];
	argv[n++] = "--db";
	argv[n++] = s->db;
	if (s->keys[0]) {
		argv[n++] = "--keys";
		argv[n++] = s->keys;
	}
	argv[n] = NULL;
	return run(argv, out);
}

void client_init(struct client *c, struct srv *s)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->curl = curl_easy_init();
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, ""); /* in-memory cookie jar */
}

void client_release(struct client *c)
{
	if (c->curl)
		curl_easy_cleanup(c->curl);
	c->curl = NULL;
}

struct sink {
	char *p;
	size_t n;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct sink *s = ud;
	size_t k = size * nmemb;
	char *np = realloc(s->p, s->n + k + 1);
	if (!np)
		return 0;
	memcpy(np + s->n, ptr, k);
	s->p = np;
	s->n += k;
	s->p[s->n] = 0;
	return k;
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct resp *r = ud;
	size_t k = size * nmemb;
	if (k > 11 && !strncasecmp(ptr, "Set-Cookie:", 11)) {
		free(r->set_cookie);
		r->set_cookie = strndup(ptr + 11, k - 11);
	}
	return k;
}

int req(struct client *c, const char *method, const char *path, const char *body, struct resp *r)
{
	memset(r, 0, sizeof(*r));
	char url[1024];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", c->s->port, path);
	struct sink sk = {0};
	struct curl_slist *h = NULL;
	h = curl_slist_append(h, "Content-Type: application/json");
	char hb[256];
	if (c->csrf[0] && strcmp(method, "GET")) {
		snprintf(hb, sizeof(hb), "X-CSRF-Token: %s", c->csrf);
		h = curl_slist_append(h, hb);
	}
	if (c->lang) {
		snprintf(hb, sizeof(hb), "Accept-Language: %s", c->lang);
		h = curl_slist_append(h, hb);
	}
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
	if (body)
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, body ? 0L : (strcmp(method, "GET") ? 0L : 1L));
	if (!strcmp(method, "GET"))
		curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, NULL);
	else if (!body) {
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, 0L);
		curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
	}
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &sk);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 60L);
	CURLcode rc = curl_easy_perform(c->curl);
	curl_slist_free_all(h);
	if (rc != CURLE_OK) {
		free(sk.p);
		return -1;
	}
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
	r->body = sk.p ? sk.p : strdup("");
	if (r->body[0])
		r->json = json_loads(r->body, 0, NULL);
	return 0;
}

int reqf(struct client *c, const char *method, const char *body, struct resp *r, const char *fmt, ...)
{
	char path[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return req(c, method, path, body, r);
}

void resp_free(struct resp *r)
{
	free(r->body);
	free(r->set_cookie);
	json_decref(r->json);
	memset(r, 0, sizeof(*r));
}

long login(struct client *c, const char *user, const char *pw)
{
	json_t *b = json_pack("{s:s, s:s}", "username", user, "password", pw);
	char *text = json_dumps(b, 0);
	json_decref(b);
	struct resp r;
	c->csrf[0] = 0;
	if (req(c, "POST", "/api/session", text, &r) < 0) {
		free(text);
		return -1;
	}
	free(text);
	long st = r.status;
	if (st == 200 && jstr(r.json, "csrf_token"))
		snprintf(c->csrf, sizeof(c->csrf), "%s", jstr(r.json, "csrf_token"));
	resp_free(&r);
	return st;
}

json_t *jget(json_t *j, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ".", &save); tok && j; tok = strtok_r(NULL, ".", &save)) {
		if (json_is_array(j)) {
			j = json_array_get(j, (size_t)strtol(tok, NULL, 10));
		} else {
			j = json_object_get(j, tok);
		}
	}
	return j;
}

int64_t jint(json_t *j, const char *path)
{
	json_t *v = jget(j, path);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : INT64_MIN;
}

const char *jstr(json_t *j, const char *path)
{
	json_t *v = jget(j, path);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t org_by_division(struct client *admin, const char *code)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof(path), "/api/orgs?division=%s", code);
	if (req(admin, "GET", path, NULL, &r) < 0)
		return 0;
	int64_t id = r.status == 200 ? jint(r.json, "items.0.id") : 0;
	resp_free(&r);
	return id == INT64_MIN ? 0 : id;
}

int make_user(struct srv *s, int64_t org, const char *role, const char *username, const char *password)
{
	char orgs[32];
	snprintf(orgs, sizeof(orgs), "%" PRId64, org);
	const char *args[] = {"user",       "add",    "--org",      orgs,     "--role", role,
	                      "--username", username, "--password", password, NULL};
	return srv_cli(s, NULL, args);
}

/* ---- Helpers added for the API suites (harness.h). ---- */

#include <setjmp.h>
#include <stddef.h>

#include <cmocka.h>

void srv_kill(struct srv *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		int st;
		waitpid(s->pid, &st, 0);
		s->pid = 0;
	}
}

int srv_stats_verify(struct srv *s)
{
	const char *args[] = {"stats", "verify", NULL};
	return srv_cli(s, NULL, args);
}

/* The sqlite3 tool: $GH_SQLITE3, or the first sqlite3 on PATH. */
static int sqlite3_path(char *out, size_t cap)
{
	const char *env = getenv("GH_SQLITE3");
	if (env && *env) {
		snprintf(out, cap, "%s", env);
		return 0;
	}
	const char *path = getenv("PATH");
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s", path ? path : "/usr/bin:/bin");
	char *save = NULL;
	for (char *dir = strtok_r(buf, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		snprintf(out, cap, "%s/sqlite3", dir);
		if (access(out, X_OK) == 0)
			return 0;
	}
	return -1;
}

int srv_sql(struct srv *s, const char *sql, char **out)
{
	if (s->pgdb[0])
		return psql(s->db, sql, out);
	char tool[1024];
	if (sqlite3_path(tool, sizeof(tool)) < 0) {
		fprintf(stderr, "harness: sqlite3 not found\n");
		return -1;
	}
	char *argv[] = {tool, "-bail", s->db, (char *)sql, NULL};
	return run(argv, out);
}

int64_t make_user_id(struct srv *s, int64_t org, const char *role, const char *username, const char *password)
{
	char orgs[32];
	snprintf(orgs, sizeof(orgs), "%" PRId64, org);
	const char *args[] = {"user",       "add",    "--org",      orgs,     "--role", role,
	                      "--username", username, "--password", password, NULL};
	char *out = NULL;
	int rc = srv_cli(s, &out, args);
	int64_t id = 0;
	if (rc == 0 && out) {
		json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
		id = jint(j, "id");
		json_decref(j);
		if (id == INT64_MIN)
			id = 0;
	}
	free(out);
	return id;
}

static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
static const int org_w[8] = {3, 7, 9, 10, 5, 8, 4, 2};

void uscc_make(char out[19], const char *region6, unsigned long seq, bool org_ok)
{
	char c[19];
	c[0] = '9';
	c[1] = '1';
	memcpy(c + 2, region6, 6);
	/* eight digits of the organisation code body */
	unsigned long v = seq % 100000000UL;
	for (int i = 7; i >= 0; i--) {
		c[8 + i] = (char)('0' + v % 10);
		v /= 10;
	}
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += (c[8 + i] - '0') * org_w[i];
	int k = 11 - sum % 11;
	char oc = k == 10 ? 'X' : k == 11 ? '0' : (char)('0' + k);
	if (!org_ok)
		oc = oc == '1' ? '2' : '1'; /* a wrong GB 11714 check character */
	c[16] = oc;
	sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(uscc_chars, c[i]) - uscc_chars) * uscc_w[i];
	c[17] = uscc_chars[(31 - sum % 31) % 31];
	c[18] = 0;
	memcpy(out, c, 19);
}

int reqj(struct client *c, const char *method, const char *path, json_t *body, struct resp *r)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	int rc = req(c, method, path, text, r);
	free(text);
	return rc;
}

long figs_get(struct client *c, int64_t org, struct figs *f)
{
	memset(f, 0, sizeof(*f));
	struct resp r;
	if (reqf(c, "GET", NULL, &r, "/api/orgs/%" PRId64 "/stats", org) < 0)
		return -1;
	long st = r.status;
	if (st == 200 && r.json) {
		f->raw = json_incref(r.json);
		f->orgs = jint(r.json, "orgs");
		f->federations = jint(r.json, "federations");
		f->grassroots = jint(r.json, "grassroots");
		f->members = jint(r.json, "members");
		f->employers = jint(r.json, "employers");
		f->unionised_employers = jint(r.json, "unionised_employers");
		f->employees = jint(r.json, "employees");
		f->coverage_rate = jget(r.json, "coverage_rate");
		f->membership_rate = jget(r.json, "membership_rate");
	}
	resp_free(&r);
	return st;
}

void figs_free(struct figs *f)
{
	json_decref(f->raw);
	memset(f, 0, sizeof(*f));
}

void expect_status_(const struct resp *r, long status, const char *file, int line)
{
	if (r->status != status) {
		print_error("expected HTTP %ld, got %ld: %.600s\n", status, r->status, r->body ? r->body : "(no body)");
		_fail(file, line);
	}
}

void expect_error_(const struct resp *r, long status, const char *code, const char *field, const char *file, int line)
{
	expect_status_(r, status, file, line);
	json_t *err = json_object_get(r->json, "error");
	const char *got_code = jstr(err, "code");
	json_t *got_field = json_object_get(err, "field");
	const char *msg = jstr(err, "message");
	bool ok = got_code && !strcmp(got_code, code) && got_field && msg && *msg;
	if (ok)
		ok = field ? (json_is_string(got_field) && !strcmp(json_string_value(got_field), field))
		           : json_is_null(got_field);
	if (!ok) {
		print_error("expected error %ld %s field %s, got: %.600s\n", status, code, field ? field : "null",
		            r->body ? r->body : "(no body)");
		_fail(file, line);
	}
}

/* ---- Helpers added for the member and case suites (harness.h). ---- */

char idn_check(const char *first17)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

void idn_make(char out[19], const char *area6, int y, int m, int d, int seq3)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%.6s%04u%02u%02u%03u", area6, (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u, (unsigned)seq3 % 1000u);
	memcpy(out, buf, 17);
	out[17] = idn_check(out);
	out[18] = 0;
}

void idn_make15(char out[16], const char *area6, int y, int m, int d, int seq3)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%.6s%02u%02u%02u%03u", area6, (unsigned)y % 100u, (unsigned)m % 100u,
	         (unsigned)d % 100u, (unsigned)seq3 % 1000u);
	memcpy(out, buf, 15);
	out[15] = 0;
}

long set_clock(struct client *c, const char *iso)
{
	json_t *b = json_pack("{s:s}", "now", iso);
	struct resp r;
	if (reqj(c, "PUT", "/api/test/clock", b, &r) < 0)
		return -1;
	long st = r.status;
	resp_free(&r);
	return st;
}

/* The whole of a file (malloc'd) and its size; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + len, 1, cap - len, f)) > 0) {
		len += k;
		if (len == cap) {
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	fclose(f);
	*n = len;
	return buf;
}

/* PostgreSQL mode: the cluster's files (tables, indexes, WAL) hold needle; grep -F over its data
 * folder (GH_TEST_PG_DATA), then the server's log. */
static bool pg_files_hold(struct srv *s, const char *needle, char *where, size_t cap)
{
	const char *data = getenv("GH_TEST_PG_DATA");
	if (!data || !*data) {
		fprintf(stderr, "harness: GH_TEST_PG_DATA must name the cluster's data folder\n");
		return true; /* cannot tell: say it is there, so a test of absence fails loudly */
	}
	psql(s->db, "CHECKPOINT", NULL);
	char *argv[] = {"/bin/grep", "-rlaF", "-m1", "-e", (char *)needle, (char *)data, NULL};
	char *out = NULL;
	int rc = run(argv, &out);
	bool hit = rc == 0 && out && *out;
	if (hit && where)
		snprintf(where, cap, "%.*s", (int)strcspn(out, "\n"), out);
	free(out);
	if (hit)
		return true;
	char log[400];
	snprintf(log, sizeof(log), "%s/serve.log", s->dir);
	char *argv2[] = {"/bin/grep", "-qaF", "-e", (char *)needle, log, NULL};
	if (run(argv2, NULL) == 0) {
		if (where)
			snprintf(where, cap, "%s", log);
		return true;
	}
	return false;
}

bool srv_files_hold(struct srv *s, const char *needle, char *where, size_t cap)
{
	if (s->pgdb[0])
		return pg_files_hold(s, needle, where, cap);
	const char *suffix[] = {"", "-wal", "-journal"};
	char path[512];
	size_t nn = strlen(needle);
	for (int i = 0; i < 4; i++) {
		if (i < 3)
			snprintf(path, sizeof(path), "%s%s", s->db, suffix[i]);
		else
			snprintf(path, sizeof(path), "%s/serve.log", s->dir);
		size_t n = 0;
		char *buf = slurp(path, &n);
		bool hit = buf && nn && memmem(buf, n, needle, nn) != NULL;
		free(buf);
		if (hit) {
			if (where)
				snprintf(where, cap, "%s", path);
			return true;
		}
	}
	return false;
}

static int64_t sql_int(struct srv *s, const char *sql)
{
	char *out = NULL;
	int rc = srv_sql(s, sql, &out);
	int64_t v = INT64_MIN;
	if (rc == 0 && out) {
		char *end;
		long long x = strtoll(out, &end, 10);
		v = end == out ? 0 : x;
	}
	free(out);
	return v;
}

int64_t srv_stat(struct srv *s, int64_t org, int metric)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT value FROM org_stat WHERE org_id = %" PRId64 " AND metric = %d;", org,
	         metric);
	return sql_int(s, sql);
}

int64_t srv_stat_month(struct srv *s, int64_t org, int month, int metric)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
	         "SELECT value FROM org_stat_month WHERE org_id = %" PRId64 " AND month = %d AND metric = %d;", org,
	         month, metric);
	return sql_int(s, sql);
}

int64_t figs_month(struct client *c, int64_t org, const char *month, const char *key)
{
	struct figs f;
	int64_t v = INT64_MIN;
	if (figs_get(c, org, &f) != 200)
		return v;
	json_t *months = jget(f.raw, "months");
	for (size_t i = 0; i < json_array_size(months); i++) {
		json_t *m = json_array_get(months, i);
		if (jstr(m, "month") && !strcmp(jstr(m, "month"), month))
			v = jint(m, key);
	}
	figs_free(&f);
	return v;
}

int64_t figs_band(struct client *c, int64_t org, const char *band)
{
	struct figs f;
	int64_t v = INT64_MIN;
	if (figs_get(c, org, &f) != 200)
		return v;
	json_t *b = json_object_get(jget(f.raw, "age_bands"), band);
	if (json_is_integer(b))
		v = (int64_t)json_integer_value(b);
	figs_free(&f);
	return v;
}

int staff_make(struct srv *s, const struct staff_spec *spec, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (make_user(s, spec[i].org, spec[i].role, spec[i].s->user, TEST_PASSWORD) != 0)
			return -1;
		client_init(&spec[i].s->c, s);
		if (login(&spec[i].s->c, spec[i].s->user, TEST_PASSWORD) != 200)
			return -1;
	}
	return 0;
}

void staff_relogin(struct staff *const *all, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(login(&all[i]->c, all[i]->user, TEST_PASSWORD), 200);
}

void staff_release(struct staff *const *all, size_t n)
{
	for (size_t i = 0; i < n; i++)
		client_release(&all[i]->c);
}

bool api_list_holds(struct client *c, const char *list, const char *query, int64_t id)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "%s?limit=200%s", list, query), 0);
	expect_status(&r, 200);
	bool found = false;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		found |= jint(json_array_get(items, i), "id") == id;
	resp_free(&r);
	return found;
}

bool case_list_holds(struct client *c, const char *query, int64_t id)
{
	return api_list_holds(c, "/api/cases", query, id);
}
