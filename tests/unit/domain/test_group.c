/*
 * Unit tests of group commit (src/domain/group.c, src/store/store_batch.c) over a real SQLite
 * store: jobs queued while a leader runs share one batch (exactly two batches for a gate job and
 * the thirty queued behind it); a job's failure — its own transaction rolled back, or the job
 * undone after it committed its transaction — leaves nothing and costs the others nothing; a
 * batch whose transaction is lost (as SQLite does on an I/O error) fails exactly the jobs run in
 * it so far, and the rest commit in a batch of their own; the audit chain stays whole and its
 * head outside the database names the last durable row, never a row of a failed batch.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <inttypes.h>
#include <sqlite3.h>

#include "auth/audit.h"
#include "auth/keys.h"
#include "domain/group.h"
#include "domain/tx.h"
#include "store/batch.h"

static char dir[64];
static char dbpath[128];
static struct store *db; /* the test's own connection, for checks */

static const struct actor cli = {.id = 0, .name = "cli", .role = ROLE_ADMIN, .org_id = 0, .path = "/"};

enum kind {
	RAW,      /* an insert outside any domain transaction: kept */
	TX,       /* tx_begin, insert, audit, tx_commit: kept */
	TX_FAIL,  /* tx_begin, insert, audit, tx_rollback: nothing */
	JOB_FAIL, /* a committed transaction, then the job answers false: undone */
	KILL,     /* the batch's transaction is lost under it (ROLLBACK): the batch fails */
	GATE,     /* waits until `gate_for` jobs are queued behind it, then inserts: kept */
};

struct tjob {
	struct group_job g;
	enum kind kind;
	int key;
	bool committed;
	bool ran;
};

static int gate_for;

static int insert(struct store *s, int key)
{
	char sql[96];
	snprintf(sql, sizeof(sql), "INSERT INTO gtest(k) VALUES (%d)", key);
	return store_exec(s, sql);
}

static bool audited_tx(struct store *s, int key, bool commit)
{
	struct arena a;
	arena_init(&a, 0);
	struct ctx c = {.db = s, .a = &a, .who = &cli, .ip = "test", .zh = true};
	bool ok =
	        tx_begin(&c) == 0 && insert(s, key) == 0 && audit_write(&c, "test.write", "gtest", key, "/", NULL) == 0;
	if (ok && commit)
		ok = tx_commit(&c) == 0;
	else
		tx_rollback(&c);
	arena_release(&a);
	return ok;
}

static bool run(struct group_job *g, struct store *s)
{
	struct tjob *j = g->arg;
	j->ran = true;
	switch (j->kind) {
	case RAW:
		return insert(s, j->key) == 0;
	case TX:
		return audited_tx(s, j->key, true);
	case TX_FAIL:
		audited_tx(s, j->key, false);
		return true;
	case JOB_FAIL:
		audited_tx(s, j->key, true);
		return false;
	case KILL:
		store_exec(s, "ROLLBACK");
		return true;
	case GATE:
		for (int i = 0; i < 2000 && group_queued() < gate_for; i++)
			usleep(5000);
		return insert(s, j->key) == 0;
	}
	return false;
}

static void *submit(void *p)
{
	struct tjob *j = p;
	j->g.run = run;
	j->g.arg = j;
	j->committed = group_submit(&j->g);
	return NULL;
}

/* Through a connection of its own: what another reader sees, committed rows only. */
static bool row_exists(int key)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int n = -1;
	if (sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT count(*) FROM gtest WHERE k = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, key);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n == 1;
}

/* Starts the gate, waits until it runs, then queues the others one after the other (in this
 * order), and waits for all. */
static void run_round(struct tjob *jobs, int n)
{
	pthread_t th[64];
	gate_for = n - 1;
	assert_int_equal(jobs[0].kind, GATE);
	assert_int_equal(pthread_create(&th[0], NULL, submit, &jobs[0]), 0);
	for (int i = 0; i < 2000 && !jobs[0].ran; i++)
		usleep(1000);
	assert_true(jobs[0].ran);
	for (int i = 1; i < n; i++) {
		int before = group_queued();
		assert_int_equal(pthread_create(&th[i], NULL, submit, &jobs[i]), 0);
		for (int w = 0; w < 2000 && group_queued() == before; w++)
			usleep(500);
	}
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
}

static bool kept(enum kind k)
{
	return k == RAW || k == TX || k == GATE;
}

static void audit_clean(void)
{
	struct audit_report rep;
	assert_int_equal(audit_verify(db, &keys_current, &rep), 0);
	if (!rep.ok)
		fprintf(stderr, "audit: row %lld: %s\n", (long long)rep.first_bad, rep.reason_en);
	assert_true(rep.ok);
}

static void test_one_batch_for_the_queue(void **state)
{
	(void)state;
	struct group_stats s0, s1;
	group_stats_get(&s0);
	struct tjob jobs[31] = {{.kind = GATE, .key = 1000}};
	static const enum kind mix[] = {RAW, TX, TX_FAIL, TX, JOB_FAIL, RAW};
	for (int i = 1; i < 31; i++)
		jobs[i] = (struct tjob){.kind = mix[i % 6], .key = 1000 + i};
	run_round(jobs, 31);
	group_stats_get(&s1);
	assert_int_equal(s1.batches - s0.batches, 2); /* the gate alone, then all thirty */
	assert_int_equal(s1.jobs - s0.jobs, 31);
	assert_int_equal(s1.failed_batches, s0.failed_batches);
	assert_true(s1.largest >= 30);
	for (int i = 0; i < 31; i++) {
		assert_true(jobs[i].committed);
		assert_int_equal(row_exists(jobs[i].key), kept(jobs[i].kind));
	}
	audit_clean();
}

static void test_lost_batch(void **state)
{
	(void)state;
	struct group_stats s0, s1;
	group_stats_get(&s0);
	static const enum kind order[] = {GATE, TX, RAW, KILL, TX, JOB_FAIL, TX_FAIL, TX};
	struct tjob jobs[8];
	for (int i = 0; i < 8; i++)
		jobs[i] = (struct tjob){.kind = order[i], .key = 2000 + i};
	run_round(jobs, 8);
	group_stats_get(&s1);
	/* the gate; TX RAW KILL lost together; the four behind the loss in a batch of their own */
	assert_int_equal(s1.batches - s0.batches, 3);
	assert_int_equal(s1.failed_batches - s0.failed_batches, 1);
	for (int i = 0; i < 8; i++) {
		bool lost = i >= 1 && i <= 3;
		assert_int_equal(jobs[i].committed, !lost);
		assert_int_equal(row_exists(jobs[i].key), !lost && kept(jobs[i].kind));
	}
	audit_clean();
	/* the head outside the database names the last committed audited row, once its writer has
	 * caught up */
	tx_head_flush();
	int64_t last = 0;
	assert_int_equal(store_one_i64(db, &last, SQ_AUDIT_LAST, ""), 1);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "cat %s/keys/audit*.head", dir);
	FILE *fp = popen(cmd, "r");
	int64_t hid = 0;
	assert_non_null(fp);
	assert_int_equal(fscanf(fp, "%" SCNd64, &hid), 1);
	pclose(fp);
	assert_int_equal(hid, last);
}

/* The head file's id (0 if none). */
static int64_t head_id(void)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "cat %s/keys/audit*.head 2>/dev/null", dir);
	FILE *fp = popen(cmd, "r");
	int64_t hid = 0;
	if (fp) {
		if (fscanf(fp, "%" SCNd64, &hid) != 1)
			hid = 0;
		pclose(fp);
	}
	return hid;
}

static int64_t last_audit(void)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t id = -1;
	if (sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT coalesce(max(id), 0) FROM audit", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return id;
}

#define WRITERS    32
#define PER_WRITER 25

struct writer {
	pthread_t th;
	int first;
	struct tjob jobs[PER_WRITER];
};

static void *write_many(void *p)
{
	struct writer *w = p;
	static const enum kind mix[] = {TX, RAW, TX, TX_FAIL, TX, JOB_FAIL, TX};
	for (int i = 0; i < PER_WRITER; i++) {
		w->jobs[i] = (struct tjob){.kind = mix[(w->first + i) % 7], .key = w->first + i};
		submit(&w->jobs[i]);
	}
	return NULL;
}

static volatile bool writing;
static volatile int ahead; /* times the head named a row not yet committed */

static void *watch_head(void *p)
{
	(void)p;
	while (writing) {
		int64_t h = head_id(); /* first the head, then the rows: rows only grow */
		if (h > last_audit())
			ahead++;
	}
	return NULL;
}

/* Many writers at once, each waiting for its answer before its next write, as the server's
 * workers do: every job is answered (each thread sleeps until its batch ends or it leads), the
 * batches' writer connection and the head's own writer keep the chain whole, and the head never
 * names a row before it is committed. */
static void test_many_writers(void **state)
{
	(void)state;
	struct group_stats s0, s1;
	group_stats_get(&s0);
	static struct writer w[WRITERS];
	pthread_t watcher;
	writing = true;
	assert_int_equal(pthread_create(&watcher, NULL, watch_head, NULL), 0);
	for (int i = 0; i < WRITERS; i++) {
		w[i].first = 10000 + i * 100;
		assert_int_equal(pthread_create(&w[i].th, NULL, write_many, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++)
		pthread_join(w[i].th, NULL);
	writing = false;
	pthread_join(watcher, NULL);
	group_stats_get(&s1);
	assert_int_equal(s1.jobs - s0.jobs, WRITERS * PER_WRITER);
	assert_int_equal(s1.failed_batches, s0.failed_batches);
	for (int i = 0; i < WRITERS; i++)
		for (int k = 0; k < PER_WRITER; k++) {
			assert_true(w[i].jobs[k].committed);
			assert_int_equal(row_exists(w[i].jobs[k].key), kept(w[i].jobs[k].kind));
		}
	assert_int_equal(ahead, 0);
	audit_clean();
	tx_head_flush();
	assert_int_equal(head_id(), last_audit());
}

static void test_outside_a_batch(void **state)
{
	(void)state;
	/* transactions of a connection that runs no batch are real ones */
	assert_false(store_batched(db));
	assert_int_equal(store_begin(db), 0);
	assert_int_equal(insert(db, 3000), 0);
	assert_int_equal(store_commit(db), 0);
	assert_true(row_exists(3000));
	/* a batch cannot open inside a transaction, nor twice */
	assert_int_equal(store_begin(db), 0);
	assert_int_equal(store_batch_begin(db), -1);
	store_rollback(db);
	assert_int_equal(store_batch_begin(db), 0);
	assert_int_equal(store_batch_begin(db), -1);
	assert_int_equal(store_job_begin(db), 0);
	assert_int_equal(insert(db, 3001), 0);
	assert_int_equal(store_job_end(db, false), 0);
	assert_int_equal(store_job_begin(db), 0);
	assert_int_equal(store_begin(db), 0); /* a transaction left open by the job */
	assert_int_equal(insert(db, 3002), 0);
	assert_int_equal(store_job_end(db, true), 0);
	assert_int_equal(store_job_begin(db), 0);
	assert_int_equal(insert(db, 3003), 0);
	assert_int_equal(store_job_end(db, true), 0);
	assert_int_equal(store_batch_commit(db), 0);
	assert_false(store_batched(db));
	assert_false(row_exists(3001));
	assert_false(row_exists(3002));
	assert_true(row_exists(3003));
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/gh-group-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/gonghui.db", dir);
	char keys[128];
	snprintf(keys, sizeof(keys), "%s/keys", dir);
	struct gh_fail f = {0};
	if (keys_create(keys, &f) < 0 || keys_load(keys, &keys_current, &f) < 0)
		return -1;
	if (store_open(dbpath, true, &db, &f) < 0 || store_migrate(db, &f) < 0 ||
	    store_exec(db, "CREATE TABLE gtest(k INTEGER PRIMARY KEY)") < 0)
		return -1;
	group_init(dbpath, true);
	return group_enabled() ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	group_close();
	store_close(db);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_one_batch_for_the_queue),
	        cmocka_unit_test(test_lost_batch),
	        cmocka_unit_test(test_many_writers),
	        cmocka_unit_test(test_outside_a_batch),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
