/*
 * API: group commit (docs/decisions/0012-group-commit.md) under concurrent writers. 32 threads,
 * each with its own sessions, take 12351 calls at 赣榆区 and move them on (accept, reply) while
 * refusals are mixed in on purpose: a bad category (400), an auditor's intake and an auditor's
 * accept (403), closing a case that is not rated (409). Afterwards every success is in the store
 * exactly as its answer said (state, handling organisation, deadline, payload, history), every
 * refusal left nothing (the cases, the history events and the audit rows are counted), the
 * counters are exact (`gonghui stats verify`, the open cases of 赣榆区), the audit chain verifies,
 * and the server's log shows that writes did share commits. The same load with
 * `--group-commit off` (the baseline) must leave the store the same way. On PostgreSQL (the _pg
 * run) the server commits each write itself, grouped by PostgreSQL, and the same checks hold.
 */
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

#define THREADS 32
#define ROUNDS  4
#define CASES   (THREADS * ROUNDS)

static struct srv S;
static struct client A;
static int64_t GY;
static int calibrated_create = -1, calibrated_action = -1; /* audit rows per intake, per action */

struct worker {
	int n;
	struct client op, aud; /* a federation_staff and an auditor of 赣榆区 */
	int64_t ids[ROUNDS];
	json_t *last[ROUNDS]; /* the last successful answer about each case */
	int actions[ROUNDS];  /* successful actions on each case */
	int unexpected;       /* answers other than the expected status */
	char why[256];
};
static struct worker W[THREADS];

static int64_t sql_count(const char *sql)
{
	char *out = NULL;
	int64_t n = -1;
	if (srv_sql(&S, sql, &out) == 0 && out)
		n = strtoll(out, NULL, 10);
	free(out);
	return n;
}

static json_t *intake(int thread, int round, const char *category)
{
	char employer[96], phone[16], caller[32];
	snprintf(employer, sizeof(employer), "并发测试%02d号%02d商贸有限公司", thread, round);
	snprintf(phone, sizeof(phone), "139%04d%04d", thread, round);
	snprintf(caller, sizeof(caller), "来电人%d-%d", thread, round);
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:s}, s:i, s:s, s:s, s:{s:s, s:s}}", "type", "hotline", "demand_type",
	                 "help", "category", category, "division", "320707", "employer", "name", employer,
	                 "workers_affected", 2 + round, "summary", "单位拖欠工资两个月，希望工会帮助协调", "channel",
	                 "phone", "caller", "name", caller, "phone", phone);
}

/* One request; true if it answered `status`. A 2xx answer's JSON is kept in *keep (if given). */
static bool expect(struct worker *w, struct client *c, const char *method, const char *path, json_t *body, long status,
                   json_t **keep)
{
	struct resp r;
	int rc = reqj(c, method, path, body, &r);
	bool ok = rc == 0 && r.status == status;
	if (!ok) {
		if (!w->unexpected)
			snprintf(w->why, sizeof(w->why), "%s %s: %ld (wanted %ld) %.120s", method, path, r.status,
			         status, r.body ? r.body : "");
		w->unexpected++;
	} else if (keep && r.json) {
		json_decref(*keep);
		*keep = json_incref(r.json);
	}
	resp_free(&r);
	return ok;
}

static json_t *action(const char *name)
{
	json_t *b = json_pack("{s:s}", "action", name);
	if (!strcmp(name, "reply"))
		json_object_set_new(b, "text", json_string("已联系单位，工资本周补发"));
	return b;
}

static void *work(void *p)
{
	struct worker *w = p;
	for (int r = 0; r < ROUNDS; r++) {
		char path[96];
		json_t *made = NULL;
		expect(w, &w->op, "POST", "/api/cases", intake(w->n, r, "no_such_category"), 400, NULL);
		if (!expect(w, &w->op, "POST", "/api/cases", intake(w->n, r, "wage_arrears"), 201, &made))
			continue;
		w->ids[r] = json_integer_value(json_object_get(made, "id"));
		w->last[r] = made;
		snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", w->ids[r]);
		expect(w, &w->aud, "POST", "/api/cases", intake(w->n, r, "wage_arrears"), 403, NULL);
		expect(w, &w->op, "POST", path, action("close"), 409, NULL);
		expect(w, &w->aud, "POST", path, action("accept"), 403, NULL);
		if (expect(w, &w->op, "POST", path, action("accept"), 200, &w->last[r]))
			w->actions[r]++;
		if (r % 2 && expect(w, &w->op, "POST", path, action("reply"), 200, &w->last[r]))
			w->actions[r]++;
		expect(w, &w->op, "POST", path, action("accept"), 409, NULL); /* taken already */
	}
	return NULL;
}

static int64_t gy_open(void)
{
	struct resp r;
	int64_t n = -1;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/stats", GY) == 0 && r.status == 200)
		n = jint(r.json, "cases.hotline.open");
	resp_free(&r);
	return n;
}

/* Audit rows an intake and an action write, measured once on a quiet server. */
static void calibrate(struct client *op)
{
	int64_t a0 = sql_count("SELECT count(*) FROM audit");
	struct worker w = {.n = 99};
	json_t *made = NULL;
	assert_true(expect(&w, op, "POST", "/api/cases", intake(99, 0, "wage_arrears"), 201, &made));
	int64_t a1 = sql_count("SELECT count(*) FROM audit");
	char path[96];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions",
	         (int64_t)json_integer_value(json_object_get(made, "id")));
	assert_true(expect(&w, op, "POST", path, action("accept"), 200, NULL));
	int64_t a2 = sql_count("SELECT count(*) FROM audit");
	json_decref(made);
	calibrated_create = (int)(a1 - a0);
	calibrated_action = (int)(a2 - a1);
	assert_true(calibrated_create >= 1 && calibrated_action >= 1);
}

/* What the store holds must be what the answer said. */
static void check_case(int64_t id, json_t *answer, int actions)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/cases/%" PRId64, id), 0);
	expect_status(&r, 200);
	static const char *const same[] = {"state", "org_id", "deadline", "updated_at", "payload", "applicant_id"};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		json_t *a = json_object_get(answer, same[i]), *b = json_object_get(r.json, same[i]);
		if (!json_equal(a, b)) {
			char *x = json_dumps(a, JSON_ENCODE_ANY), *y = json_dumps(b, JSON_ENCODE_ANY);
			fprintf(stderr, "case %" PRId64 " %s: answered %s, stored %s\n", id, same[i], x, y);
			free(x);
			free(y);
			fail();
		}
	}
	/* the intake and each successful action, nothing of the refusals */
	assert_int_equal(json_array_size(json_object_get(r.json, "history")), 1 + actions);
	resp_free(&r);
}

static void run_load(bool group_commit)
{
	setenv("GH_TEST_SERVE_THREADS", "16", 1);
	setenv("GONGHUI_GROUP_COMMIT", group_commit ? "on" : "off", 1);
	assert_int_equal(srv_start(&S, false), 0);
	unsetenv("GONGHUI_GROUP_COMMIT");
	client_init(&A, &S);
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	GY = org_by_division(&A, "320707");
	assert_true(GY > 0);
	assert_int_equal(make_user(&S, GY, "federation_staff", "gc.op", TEST_PASSWORD), 0);
	assert_int_equal(make_user(&S, GY, "auditor", "gc.aud", TEST_PASSWORD), 0);
	for (int i = 0; i < THREADS; i++) {
		memset(&W[i], 0, sizeof(W[i]));
		W[i].n = i;
		client_init(&W[i].op, &S);
		client_init(&W[i].aud, &S);
		assert_int_equal(login(&W[i].op, "gc.op", TEST_PASSWORD), 200);
		assert_int_equal(login(&W[i].aud, "gc.aud", TEST_PASSWORD), 200);
	}
	calibrate(&W[0].op);
	int64_t cases0 = sql_count("SELECT count(*) FROM flow_case WHERE type = 'hotline'");
	int64_t events0 = sql_count("SELECT count(*) FROM flow_event");
	int64_t audit0 = sql_count("SELECT count(*) FROM audit");
	int64_t open0 = gy_open();
	assert_true(cases0 >= 0 && events0 >= 0 && audit0 >= 0 && open0 >= 0);

	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, work, &W[i]), 0);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);

	int64_t made = 0, acted = 0;
	for (int i = 0; i < THREADS; i++) {
		if (W[i].unexpected)
			fprintf(stderr, "thread %d: %d unexpected answers, first: %s\n", i, W[i].unexpected, W[i].why);
		assert_int_equal(W[i].unexpected, 0);
		for (int r = 0; r < ROUNDS; r++) {
			assert_true(W[i].ids[r] > 0);
			made++;
			acted += W[i].actions[r];
			check_case(W[i].ids[r], W[i].last[r], W[i].actions[r]);
		}
	}
	assert_int_equal(made, CASES);
	assert_int_equal(acted, CASES + CASES / 2);
	/* every success there, every refusal gone without a trace */
	assert_int_equal(sql_count("SELECT count(*) FROM flow_case WHERE type = 'hotline'") - cases0, made);
	assert_int_equal(sql_count("SELECT count(*) FROM flow_event") - events0, made + acted);
	assert_int_equal(sql_count("SELECT count(*) FROM audit") - audit0,
	                 made * calibrated_create + acted * calibrated_action);
	/* one id per case, never shared */
	assert_int_equal(sql_count("SELECT count(DISTINCT id) FROM flow_case WHERE type = 'hotline'") - cases0, made);
	assert_int_equal(gy_open() - open0, made);
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/audit/verify", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_true(jget(r.json, "ok")));
	resp_free(&r);

	for (int i = 0; i < THREADS; i++) {
		client_release(&W[i].op);
		client_release(&W[i].aud);
		for (int k = 0; k < ROUNDS; k++)
			json_decref(W[i].last[k]);
	}
	client_release(&A);
	srv_kill(&S); /* the log's last lines are written at stop */
	char *verify = NULL;
	const char *verify_args[] = {"stats", "verify", NULL};
	int verified = srv_cli(&S, &verify, verify_args);
	if (verified)
		fprintf(stderr, "stats verify: %s\n", verify ? verify : "");
	free(verify);
	assert_int_equal(verified, 0);
	char log[400], line[512];
	snprintf(log, sizeof(log), "%s/serve.log", S.dir);
	FILE *fp = fopen(log, "r");
	assert_non_null(fp);
	unsigned long long jobs = 0, batches = 0, largest = 0, failed = 0;
	bool seen = false;
	while (fgets(line, sizeof(line), fp)) {
		const char *p = strstr(line, "group commit: ");
		if (p && sscanf(p, "group commit: %llu writes in %llu batches (largest %llu, %llu failed)", &jobs,
		                &batches, &largest, &failed) == 4)
			seen = true;
	}
	fclose(fp);
	if (group_commit && !S.pgdb[0]) {
		assert_true(seen);
		fprintf(stderr, "group commit: %llu writes in %llu batches, largest %llu\n", jobs, batches, largest);
		assert_true(jobs >= (unsigned long long)(made + acted)); /* the refusals went through it too */
		assert_true(batches < jobs);                             /* writes did share commits */
		assert_true(largest >= 2);
		assert_int_equal(failed, 0);
	} else {
		/* off, or PostgreSQL (which groups concurrent commits itself): every write commits alone */
		assert_false(seen);
	}
	srv_stop(&S);
}

static void test_concurrent_writers_group_commit(void **state)
{
	(void)state;
	run_load(true);
}

static void test_concurrent_writers_one_commit_each(void **state)
{
	(void)state;
	run_load(false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_concurrent_writers_group_commit),
	        cmocka_unit_test(test_concurrent_writers_one_commit_each),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
