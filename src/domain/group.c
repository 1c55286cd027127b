/*
 * Group commit (group.h): a leader elected among the waiting threads, no thread of its own.
 */
#include "domain/group.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <string.h>

#include "base/log.h"
#include "domain/tx.h"
#include "store/batch.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct group_job *head, *tail;
static int queued;
static bool leading; /* a leader is running a batch, or leadership is on its way to the queue's head */
/* The batches' connection, used by one leader at a time: no other connection writes between two
 * batches, so its page cache stays valid (a leader's own connection would have re-read every
 * page another connection's COMMIT had touched). */
static struct store *writer;
static const char *url_;
static bool on_;
static struct group_stats stats_;

void group_init(const char *url, bool on)
{
	group_close(); /* a connection to the store of an earlier init */
	url_ = url;
	on_ = on;
	if (on) {
		/* a backend that groups commits itself runs its writes as they come */
		struct store *s = NULL;
		on_ = store_open(url, false, &s, NULL) == 0 && store_batch_supported(s);
		store_close(s);
	}
}

void group_close(void)
{
	pthread_mutex_lock(&lock);
	if (writer && !leading) {
		store_close(writer);
		writer = NULL;
	}
	pthread_mutex_unlock(&lock);
}

bool group_enabled(void)
{
	return on_;
}

/* Takes up to GROUP_MAX jobs off the queue, in order. Called with the lock held. */
static struct group_job *take(int *n)
{
	struct group_job *first = head, *last = NULL;
	*n = 0;
	for (struct group_job *j = head; j && *n < GROUP_MAX; j = j->next) {
		last = j;
		(*n)++;
	}
	head = last ? last->next : head;
	if (!head)
		tail = NULL;
	if (last)
		last->next = NULL;
	queued -= *n;
	return first;
}

/* Runs jobs from `from` in the open batch until one finds the batch gone; answers the job after
 * which the batch died (its jobs up to it are lost), or NULL if all ran. */
static struct group_job *run_jobs(struct store *db, struct group_job *from)
{
	for (struct group_job *j = from; j; j = j->next) {
		struct tx_head before;
		tx_head_get(&before);
		bool keep = store_job_begin(db) == 0 && j->run(j, db);
		if (!keep)
			tx_head_set(&before); /* its audit rows are gone: so is the head it moved */
		if (store_job_end(db, keep) < 0)
			return j;
	}
	return NULL;
}

/* One batch: jobs from `first` to the end of the list, on the calling thread's connection.
 * Marks every job done (committed or not). A batch that dies in the middle fails the jobs run
 * so far; the rest start a batch of their own. Answers whether the last batch committed (its
 * audit head then waits in tx_head for group_submit to publish). */
static bool run_batch(struct group_job *first)
{
	if (!writer && store_open(url_, false, &writer, NULL) < 0)
		writer = NULL;
	struct store *db = writer;
	static const struct tx_head none;
	bool ok = false;
	while (first) {
		tx_head_set(&none);
		struct group_job *dead = NULL, *rest = NULL;
		ok = db && store_batch_begin(db) == 0;
		if (ok) {
			dead = run_jobs(db, first);
			if (dead) {
				rest = dead->next;
				dead->next = NULL;
				store_batch_rollback(db);
				ok = false;
			} else {
				ok = store_batch_commit(db) == 0;
			}
		}
		if (!ok)
			tx_head_set(&none); /* only a failed batch is followed by another in this turn */
		uint64_t n = 0;
		pthread_mutex_lock(&lock);
		for (struct group_job *j = first; j; j = j->next, n++) {
			j->committed = ok;
			j->done = true;
		}
		stats_.batches++;
		stats_.jobs += n;
		stats_.failed_batches += !ok;
		if (n > stats_.largest)
			stats_.largest = n;
		pthread_mutex_unlock(&lock);
		if (!ok)
			log_error("group commit: a batch of %llu jobs failed", (unsigned long long)n);
		if (dead)
			dead->next = rest; /* the list stays whole: group_submit wakes every job of it */
		first = rest;
	}
	return ok;
}

static void wait_sem(sem_t *s)
{
	while (sem_wait(s) < 0 && errno == EINTR)
		;
}

/* Each waiting thread sleeps on its own job's semaphore and is woken once: when its batch has
 * ended, or when leadership passes to it (its job is then the oldest queued). A broadcast to all
 * waiters at each batch's end would wake every worker to find most of them still waiting. */
bool group_submit(struct group_job *j)
{
	j->next = NULL;
	j->done = j->committed = false;
	sem_init(&j->wake, 0, 0);
	pthread_mutex_lock(&lock);
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	queued++;
	bool lead = !leading;
	leading = true;
	pthread_mutex_unlock(&lock);
	if (!lead)
		wait_sem(&j->wake); /* done, or made the leader */
	while (!j->done) {
		pthread_mutex_lock(&lock);
		int n;
		struct group_job *batch = take(&n);
		pthread_mutex_unlock(&lock);
		bool committed = run_batch(batch);
		/* The next leader: the oldest job still queued (a leader's own job is always in its
		 * batch, so it is done here; were it not, this thread would lead again). */
		pthread_mutex_lock(&lock);
		struct group_job *next = j->done ? head : NULL;
		leading = next || !j->done;
		pthread_mutex_unlock(&lock);
		for (struct group_job *b = batch, *after; b; b = after) {
			after = b->next; /* b's thread may return (and free b) once posted */
			if (b != j)
				sem_post(&b->wake);
		}
		if (next)
			sem_post(&next->wake);
		if (committed) {
			/* The audit head (an fsync of its own) goes to its writer after the next leader
			 * has started: it only ever names durable rows (tx.c, docs/decisions/0014). */
			tx_head_publish();
		}
	}
	sem_destroy(&j->wake);
	return j->committed;
}

void group_stats_get(struct group_stats *out)
{
	pthread_mutex_lock(&lock);
	*out = stats_;
	pthread_mutex_unlock(&lock);
}

int group_queued(void)
{
	pthread_mutex_lock(&lock);
	int n = queued;
	pthread_mutex_unlock(&lock);
	return n;
}
