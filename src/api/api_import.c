/*
 * Roster files over HTTP: POST /api/imports (the file itself is the body, up to 64 MiB) starts an
 * import job, GET /api/imports/{id} answers its progress and, once done, its report, GET
 * /api/imports/{id}/report.xlsx the rejected rows to fix, and GET /api/orgs/{id}/roster.xlsx
 * exports a subtree's roster (domain/roster.h does the work).
 *
 * Jobs run one at a time in background threads, each with its own store connection; a job is
 * kept in memory while queued or running (for its progress) and in the table import_job for
 * good (its state, counts and report). A job the table shows as queued or running that this
 * process does not hold was cut off by a stop of the server: its transaction never committed,
 * so nothing of it was written, and it answers as failed ("interrupted").
 *
 * Files live in the folder "<database>.work" beside the database (mode 0700): an upload until
 * its job ends, a report .xlsx for REPORT_KEEP_SECONDS, an export until it has been opened for
 * sending (it is unlinked at once and streamed from its descriptor).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "api/api.h"
#include "auth/scope.h"
#include "base/log.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/roster.h"
#include "json/json.h"

#define XLSX_TYPE           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define JOBS_WAITING_MAX    8           /* queued or running jobs; more get 429 */
#define REPORT_KEEP_SECONDS (7 * 86400) /* a report .xlsx can be downloaded for a week */
#define LEFTOVER_SECONDS    86400       /* uploads and exports left by a crash */
#define JSON_ERRORS_MAX     1000        /* errors in the JSON report (all in the .xlsx) */
#define FILE_NAME_MAX       200         /* bytes of an uploaded file's name */

struct job {
	int64_t id, org_id;
	struct actor who; /* a copy of the starter: the strings below */
	char *who_name, *who_path, *path, *file_name, *upload, *report;
	char ip[64];
	bool zh;
	int64_t created_at;
	/* progress, under jobs.mu */
	const char *state;
	struct roster_progress prog;
	struct job *next;
};

static struct {
	pthread_mutex_t mu;  /* the list and every job's progress */
	pthread_mutex_t run; /* one import at a time */
	struct job *list;
	int n;
	char db[4096];
	char work[4200];
} jobs = {.mu = PTHREAD_MUTEX_INITIALIZER, .run = PTHREAD_MUTEX_INITIALIZER};

void api_import_init(const char *db_url)
{
	snprintf(jobs.db, sizeof(jobs.db), "%s", db_url);
	if (strstr(db_url, "://")) {
		/* A server's URL (PostgreSQL) names no folder: $TMPDIR (or /tmp), one folder per
		 * database, named by a hash (FNV-1a) of the URL, which holds no secret to show. */
		uint64_t h = 1469598103934665603ULL;
		for (const unsigned char *u = (const unsigned char *)db_url; *u; u++)
			h = (h ^ *u) * 1099511628211ULL;
		const char *tmp = getenv("TMPDIR");
		snprintf(jobs.work, sizeof(jobs.work), "%s/gonghui-%016llx.work", tmp && *tmp ? tmp : "/tmp",
		         (unsigned long long)h);
		return;
	}
	snprintf(jobs.work, sizeof(jobs.work), "%s.work", db_url);
}

/* Makes the work folder; 0 or -1. */
static int work_dir(void)
{
	if (mkdir(jobs.work, 0700) < 0 && errno != EEXIST) {
		log_error("import: cannot create %s: %s", jobs.work, strerror(errno));
		return -1;
	}
	return 0;
}

/* Removes old reports and what a crash left behind. */
static void sweep(void)
{
	DIR *d = opendir(jobs.work);
	if (!d)
		return;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		bool report = strstr(n, "-report.xlsx") != NULL;
		bool leftover = !report && (!strncmp(n, "import-", 7) || !strncmp(n, "export-", 7));
		if (!report && !leftover)
			continue;
		char p[4500];
		struct stat sb;
		snprintf(p, sizeof(p), "%s/%s", jobs.work, n);
		if (stat(p, &sb) < 0)
			continue;
		time_t age = now - sb.st_mtime;
		if ((report && age > REPORT_KEEP_SECONDS) || (leftover && age > LEFTOVER_SECONDS)) {
			/* an upload of a job still waiting is never a day old: jobs run one after another */
			unlink(p);
		}
	}
	closedir(d);
}

static void job_free(struct job *j)
{
	if (!j)
		return;
	free(j->who_name);
	free(j->who_path);
	free(j->path);
	free(j->file_name);
	free(j->upload);
	free(j->report);
	free(j);
}

static void on_progress(void *ud, const struct roster_progress *p)
{
	struct job *j = ud;
	pthread_mutex_lock(&jobs.mu);
	j->prog = *p;
	pthread_mutex_unlock(&jobs.mu);
}

static char *dump(json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return s;
}

static void *job_run(void *arg)
{
	struct job *j = arg;
	pthread_mutex_lock(&jobs.run);
	pthread_mutex_lock(&jobs.mu);
	j->state = "running";
	pthread_mutex_unlock(&jobs.mu);
	struct store *db = NULL;
	struct gh_fail f = {0};
	struct arena a;
	arena_init(&a, 0);
	struct roster_report rep = {0};
	char *text = NULL;
	const char *state = "failed";
	if (store_open(jobs.db, false, &db, &f) < 0) {
		log_error("import %" PRId64 ": cannot open the store", j->id);
		goto out;
	}
	roster_job_update(db, j->id, "running", NULL, NULL, false);
	struct ctx c = {.db = db, .a = &a, .who = &j->who, .ip = j->ip, .zh = j->zh};
	struct roster_options opt = {.progress = on_progress, .progress_ud = j};
	enum gh_err e = roster_import(&c, j->org_id, j->upload, &opt, &rep);
	if (e) {
		const char *msg = j->zh ? c.fail.zh : c.fail.en;
		text = dump(json_pack("{s:{s:s, s:s, s:o, s:s}}", "error", "code", gh_err_token(e), "reason",
		                      c.fail.reason ? c.fail.reason : gh_err_token(e), "field",
		                      c.fail.field ? json_string(c.fail.field) : json_null(), "message",
		                      msg ? msg : gh_err_default_msg(e, j->zh)));
	} else {
		if (roster_report_xlsx(&rep, j->upload, j->report, j->zh, jobs.work, &f) < 0)
			log_error("import %" PRId64 ": the report file could not be written: %s", j->id,
			          f.en ? f.en : "?");
		text = dump(roster_report_json(&rep, j->zh, JSON_ERRORS_MAX));
		state = "done";
	}
	if (roster_job_update(db, j->id, state, e ? NULL : &rep, text, true) < 0)
		log_error("import %" PRId64 ": cannot record the outcome", j->id);
	log_info("import %" PRId64 ": %s, %" PRId64 " rows, %" PRId64 " accepted", j->id, state, rep.rows,
	         rep.accepted);
out:
	if (!db || !text)
		log_error("import %" PRId64 ": failed", j->id);
	free(text);
	roster_report_release(&rep);
	store_close(db);
	arena_release(&a);
	unlink(j->upload);
	pthread_mutex_lock(&jobs.mu);
	for (struct job **p = &jobs.list; *p; p = &(*p)->next)
		if (*p == j) {
			*p = j->next;
			jobs.n--;
			break;
		}
	pthread_mutex_unlock(&jobs.mu);
	job_free(j);
	pthread_mutex_unlock(&jobs.run);
	return NULL;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* The name the browser sent (X-File-Name, percent-encoded UTF-8 or plain ASCII), without any
 * folder; NULL when absent or unusable. */
static const char *upload_name(struct api *a)
{
	const char *h = http_header(a->req, "X-File-Name");
	if (!h || !*h)
		return NULL;
	size_t n = strlen(h);
	if (n > FILE_NAME_MAX * 3)
		return NULL;
	char *out = arena_alloc(&a->req->arena, n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int hi = i + 2 < n && h[i] == '%' ? hex_digit(h[i + 1]) : -1, lo = hi >= 0 ? hex_digit(h[i + 2]) : -1;
		if (lo >= 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = h[i];
		}
	}
	out[k] = 0;
	const char *base = strrchr(out, '/');
	base = base ? base + 1 : out;
	const char *bs = strrchr(base, '\\');
	base = bs ? bs + 1 : base;
	size_t bl = strlen(base);
	if (!bl || bl > FILE_NAME_MAX || !text_utf8_valid(base, bl))
		return NULL;
	for (size_t i = 0; i < bl; i++)
		if ((unsigned char)base[i] < 0x20 || base[i] == 0x7f)
			return NULL;
	return base;
}

static char *job_file(int64_t id, const char *suffix)
{
	char p[4400];
	snprintf(p, sizeof(p), "%s/import-%" PRId64 "%s", jobs.work, id, suffix);
	return strdup(p);
}

static int write_all(const char *path, const char *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	while (n) {
		ssize_t k = write(fd, data, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			unlink(path);
			return -1;
		}
		data += k;
		n -= (size_t)k;
	}
	if (close(fd) < 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

void api_import_create(struct api *a)
{
	struct ctx *c = &a->c;
	int64_t org = 0;
	if (!api_query_int(a, "org", 1, JSON_INT_MAX, &org))
		return;
	if (!org)
		return api_error(a, GH_EMISSING, "org", "请指定导入到哪个工会（?org=ID）",
		                 "name the union to import into (?org=ID)");
	if (!a->req->body.len)
		return api_error(a, GH_EMISSING, "file", "请上传名册文件（.xlsx 或 .csv）作为请求体",
		                 "send the roster file (.xlsx or .csv) as the request body");
	pthread_mutex_lock(&jobs.mu);
	int waiting = jobs.n;
	pthread_mutex_unlock(&jobs.mu);
	if (waiting >= JOBS_WAITING_MAX)
		return api_error(a, GH_ETHROTTLED, NULL, "导入任务排队太多，请稍后再试",
		                 "too many imports are waiting; try again later");
	if (work_dir() < 0)
		return api_fail(a, GH_EIO);
	sweep();
	const char *name = upload_name(a);
	int64_t id;
	const char *path;
	enum gh_err e = roster_job_create(c, org, name, &id, &path);
	if (e)
		return api_fail(a, e);
	struct job *j = calloc(1, sizeof(*j));
	if (!j)
		goto fail;
	j->id = id;
	j->org_id = org;
	j->who = *c->who;
	j->who_name = strdup(c->who->name ? c->who->name : "");
	j->who_path = strdup(c->who->path);
	j->path = strdup(path);
	j->file_name = name ? strdup(name) : NULL;
	j->upload = job_file(id, ".upload");
	j->report = job_file(id, "-report.xlsx");
	snprintf(j->ip, sizeof(j->ip), "%s", c->ip ? c->ip : "");
	j->zh = c->zh;
	j->created_at = clock_now();
	j->state = "queued";
	if (!j->who_name || !j->who_path || !j->path || (name && !j->file_name) || !j->upload || !j->report)
		goto fail;
	j->who.name = j->who_name;
	j->who.path = j->who_path;
	if (write_all(j->upload, a->req->body.data, a->req->body.len) < 0) {
		log_error("import %" PRId64 ": cannot write %s: %s", id, j->upload, strerror(errno));
		goto fail;
	}
	pthread_mutex_lock(&jobs.mu);
	j->next = jobs.list;
	jobs.list = j;
	jobs.n++;
	pthread_mutex_unlock(&jobs.mu);
	pthread_t t;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &at, job_run, j);
	pthread_attr_destroy(&at);
	if (rc != 0) {
		pthread_mutex_lock(&jobs.mu);
		for (struct job **p = &jobs.list; *p; p = &(*p)->next)
			if (*p == j) {
				*p = j->next;
				break;
			}
		jobs.n--;
		pthread_mutex_unlock(&jobs.mu);
		unlink(j->upload);
		goto fail;
	}
	json_t *r = json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "org_id", (json_int_t)org, "state", "queued");
	json_set_str(r, "file_name", name);
	json_set_str(r, "url", arena_printf(c->a, "/api/imports/%" PRId64, id));
	return api_reply(a, 202, r);
fail:
	job_free(j);
	roster_job_update(c->db, id, "failed", NULL, "{\"error\":{\"code\":\"internal\"}}", true);
	api_fail(a, GH_EIO);
}

void api_import_get(struct api *a)
{
	/* The job in memory first, then its row: a job records its outcome before it leaves the
	 * list, so a job no longer listed has its final row. The other order could read the row
	 * of a running job that ends just after and take it for one a restart cut off. */
	bool live = false;
	struct roster_progress p = {0};
	const char *live_state = NULL;
	pthread_mutex_lock(&jobs.mu);
	for (struct job *x = jobs.list; x; x = x->next)
		if (x->id == a->params[0]) {
			live = true;
			p = x->prog;
			live_state = x->state;
		}
	pthread_mutex_unlock(&jobs.mu);
	struct roster_job jb;
	enum gh_err e = roster_job_get(&a->c, a->params[0], &jb);
	if (e)
		return api_fail(a, e);
	json_t *j = json_object();
	json_set_int(j, "id", jb.id, false);
	json_set_int(j, "org_id", jb.org_id, false);
	json_set_str(j, "file_name", jb.file_name);
	api_time(j, "created_at", jb.created_at);
	api_time(j, "finished_at", jb.finished_at);
	const char *state = live ? live_state : jb.state;
	bool cut = !live && (!strcmp(state, "queued") || !strcmp(state, "running"));
	json_t *report = json_null(), *error = json_null();
	if (live) {
		json_set_int(j, "phase", p.phase, p.phase == 0);
		json_set_int(j, "rows", p.rows, false);
		json_set_int(j, "accepted", p.accepted, false);
		json_set_int(j, "rejected", p.rejected, false);
		json_set_int(j, "written", p.written, false);
		json_set_int(j, "to_write", p.to_write, false);
	} else {
		json_object_set_new(j, "phase", json_null());
		json_set_int(j, "rows", jb.rows, false);
		json_set_int(j, "accepted", jb.accepted, false);
		json_set_int(j, "rejected", jb.rejected, false);
		if (jb.report) {
			json_t *x = json_loads(jb.report, 0, NULL);
			if (!strcmp(state, "done") && x) {
				json_decref(report);
				report = x;
			} else if (x) {
				json_decref(error);
				error = json_incref(json_object_get(x, "error"));
				json_decref(x);
				if (!error)
					error = json_null();
			}
		}
	}
	if (cut) {
		state = "failed";
		json_decref(error);
		error = json_pack("{s:s, s:s, s:n, s:s}", "code", "internal", "reason", "interrupted", "field",
		                  "message",
		                  a->c.zh ? "导入被服务重启打断，没有写入任何数据：请重新上传"
		                          : "the import was cut off by a restart of the server; nothing was written: "
		                            "upload the file again");
	}
	json_set_str(j, "state", state);
	json_object_set_new(j, "report", report);
	json_object_set_new(j, "error", error);
	json_set_str(j, "report_url",
	             !strcmp(state, "done") ? arena_printf(a->c.a, "/api/imports/%" PRId64 "/report.xlsx", jb.id)
	                                    : NULL);
	api_reply(a, 200, j);
}

/* The name of a download: the stem of name (without its extension) and a suffix. */
static const char *download_name(struct api *a, const char *name, const char *fallback, const char *suffix)
{
	if (!name)
		return arena_printf(a->c.a, "%s%s", fallback, suffix);
	const char *dot = strrchr(name, '.');
	int stem = dot && dot > name ? (int)(dot - name) : (int)strlen(name);
	return arena_printf(a->c.a, "%.*s%s", stem, name, suffix);
}

void api_import_report(struct api *a)
{
	struct roster_job jb;
	enum gh_err e = roster_job_get(&a->c, a->params[0], &jb);
	if (e)
		return api_fail(a, e);
	if (strcmp(jb.state, "done"))
		return api_error(a, GH_ECONFLICT, NULL, "导入尚未完成，或已失败：没有错误报告",
		                 "the import has not finished, or it failed: there is no report");
	char *path = job_file(jb.id, "-report.xlsx");
	if (!path)
		return api_fail(a, GH_ENOMEM);
	const char *name =
	        download_name(a, jb.file_name, arena_printf(a->c.a, "导入-%" PRId64, jb.id), "-错误报告.xlsx");
	int rc = http_reply_file(a->req, path, XLSX_TYPE, name, false);
	free(path);
	if (rc < 0)
		return api_error(a, GH_ENOTFOUND, NULL, "错误报告已过期，请重新导入以生成", "the report has expired");
}

void api_org_roster(struct api *a)
{
	struct ctx *c = &a->c;
	const char *rv = http_query(a->req, "reveal"), *ac = http_query(a->req, "activation");
	bool reveal = rv && (!strcmp(rv, "1") || !strcmp(rv, "true"));
	bool codes = ac && (!strcmp(ac, "1") || !strcmp(ac, "true"));
	struct org o;
	enum gh_err e = org_get(c, a->params[0], &o);
	if (e)
		return api_fail(a, e);
	if (work_dir() < 0)
		return api_fail(a, GH_EIO);
	unsigned char rnd[12];
	char hex[25];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	const char *path = arena_printf(c->a, "%s/export-%s.xlsx", jobs.work, hex);
	if (!path)
		return api_fail(a, GH_ENOMEM);
	struct roster_export_options opt = {.tmpdir = jobs.work};
	int64_t rows;
	if ((e = roster_export(c, o.id, path, reveal, codes, &opt, &rows)))
		return api_fail(a, e);
	if (http_reply_file(a->req, path, XLSX_TYPE, arena_printf(c->a, "%s-会员名册.xlsx", o.name), true) < 0) {
		unlink(path);
		return api_fail(a, GH_EIO);
	}
}
