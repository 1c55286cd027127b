/*
 * The HMAC-chained audit log of audit.h.
 */
#include "auth/audit.h"

#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/scope.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/time.h"

#define MAC_BYTES crypto_auth_hmacsha256_BYTES

/* The MAC of one row: HMAC(key, prev || id || at || actor_id || actor || ip || action ||
 * object_type || object_id || path || detail), each field length-prefixed. */
static void row_mac(const unsigned char *key, const unsigned char *prev, size_t prev_n, const struct audit_row *r,
                    unsigned char out[MAC_BYTES])
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, prev, prev_n);
	int64_t nums[4] = {r->id, r->at, r->actor_id, r->object_id};
	for (int i = 0; i < 4; i++) {
		unsigned char b[8];
		for (int j = 0; j < 8; j++)
			b[j] = (unsigned char)((uint64_t)nums[i] >> (56 - 8 * j));
		crypto_auth_hmacsha256_update(&st, b, 8);
	}
	const char *strs[6] = {r->actor, r->ip, r->action, r->object_type, r->path, r->detail};
	for (int i = 0; i < 6; i++) {
		const char *s = strs[i] ? strs[i] : "";
		uint32_t n = (uint32_t)strlen(s);
		unsigned char b[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8),
		                      (unsigned char)n};
		crypto_auth_hmacsha256_update(&st, b, 4);
		crypto_auth_hmacsha256_update(&st, (const unsigned char *)s, n);
	}
	crypto_auth_hmacsha256_final(&st, out);
}

/* The file that keeps the chain's head: audit-<store id>.head in the key folder, one per store
 * (a key set may serve several stores). */
static int head_file(struct store *db, const char *dir, char *out, size_t cap)
{
	struct stmt *st = store_query(db, SQ_META_GET, "t", "store_id");
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW)
		snprintf(out, cap, "%s/audit-%s.head", dir, store_col_text(st, 0));
	else
		snprintf(out, cap, "%s/audit.head", dir);
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

/* The head file as last read by audit_write, and the file it was read from: every publish
 * renames a new file into place, so an unchanged inode, size and mtime is an unchanged head, and
 * a stat replaces open, read and close on each audited write. */
static struct {
	pthread_mutex_t lock;
	char path[4200];
	struct stat st;
	int64_t id;
	unsigned char mac[MAC_BYTES];
} seen = {.lock = PTHREAD_MUTEX_INITIALIZER};

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static int head_read(const char *path, int64_t *id, unsigned char mac[MAC_BYTES]);

/* head_read for audit_write, through the cache above. */
static int head_read_seen(const char *path, int64_t *id, unsigned char mac[MAC_BYTES])
{
	struct stat st;
	if (stat(path, &st) < 0)
		return head_read(path, id, mac);
	pthread_mutex_lock(&seen.lock);
	if (!strcmp(seen.path, path) && same_file(&seen.st, &st)) {
		*id = seen.id;
		memcpy(mac, seen.mac, MAC_BYTES);
		pthread_mutex_unlock(&seen.lock);
		return 1;
	}
	pthread_mutex_unlock(&seen.lock);
	int r = head_read(path, id, mac);
	struct stat after;
	/* kept only if the file did not change while it was read */
	if (r == 1 && stat(path, &after) == 0 && same_file(&st, &after) && strlen(path) < sizeof(seen.path)) {
		pthread_mutex_lock(&seen.lock);
		snprintf(seen.path, sizeof(seen.path), "%s", path);
		seen.st = st;
		seen.id = *id;
		memcpy(seen.mac, mac, MAC_BYTES);
		pthread_mutex_unlock(&seen.lock);
	}
	return r;
}

/* Reads the head file: 1 with id and mac, 0 if there is none, -1 if unreadable. */
static int head_read(const char *path, int64_t *id, unsigned char mac[MAC_BYTES])
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return 0;
	char hex[2 * MAC_BYTES + 3];
	int rc = fscanf(fp, "%" SCNd64 " %66s", id, hex) == 2 ? 1 : -1;
	fclose(fp);
	if (rc == 1 && sodium_hex2bin(mac, MAC_BYTES, hex, strlen(hex), NULL, NULL, NULL) != 0)
		rc = -1;
	return rc;
}

int audit_write(struct ctx *c, const char *action, const char *object_type, int64_t object_id, const char *path,
                const char *detail)
{
	unsigned char prev[MAC_BYTES] = {0};
	size_t prev_n = 0;
	int64_t last_id = 0;
	struct stmt *st = store_query(c->db, SQ_AUDIT_LAST, "");
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW) {
		last_id = store_col_i64(st, 0);
		size_t n;
		const void *m = store_col_blob(st, 1, &n);
		if (n == MAC_BYTES) {
			memcpy(prev, m, n);
			prev_n = n;
		}
	}
	store_reset(st);
	if (r == STORE_ERROR)
		return -1;
	/* Never reuse an id the head has seen: a deletion at the end then shows as a gap. */
	int64_t head_id = 0;
	unsigned char head_mac[MAC_BYTES];
	char hpath[4200];
	if (head_file(c->db, keys_current.dir, hpath, sizeof(hpath)) < 0)
		return -1;
	if (head_read_seen(hpath, &head_id, head_mac) == 1 && head_id > last_id)
		last_id = head_id;
	struct audit_row row = {
	        .id = last_id + 1,
	        .at = clock_now(),
	        .actor_id = c->who ? c->who->id : 0,
	        .object_id = object_id,
	        .actor = c->who ? c->who->name : "",
	        .ip = c->ip ? c->ip : "",
	        .action = action,
	        .object_type = object_type ? object_type : "",
	        .path = path ? path : "/",
	        .detail = detail ? detail : "",
	};
	unsigned char mac[MAC_BYTES];
	row_mac(keys_current.audit, prev, prev_n, &row, mac);
	if (store_run(c->db, SQ_AUDIT_INSERT, "iiittttittb", row.id, row.at, row.actor_id, row.actor, row.ip,
	              row.action, row.object_type, row.object_id, row.path, row.detail, (const void *)mac,
	              (size_t)MAC_BYTES) != 0)
		return -1;
	c->audit_id = row.id;
	memcpy(c->audit_mac, mac, MAC_BYTES);
	snprintf(c->audit_head, sizeof(c->audit_head), "%s", hpath);
	return 0;
}

void audit_publish_head(struct ctx *c)
{
	if (!c->audit_id)
		return;
	char lock[4300], tmp[4300];
	const char *path = c->audit_head;
	snprintf(lock, sizeof(lock), "%s.lock", path);
	snprintf(tmp, sizeof(tmp), "%s.%d", path, (int)getpid());
	int lfd = open(lock, O_RDWR | O_CREAT, 0600);
	if (lfd < 0 || flock(lfd, LOCK_EX) < 0) {
		log_error("audit: cannot lock the chain head");
		if (lfd >= 0)
			close(lfd);
		return;
	}
	int64_t cur = 0;
	unsigned char cur_mac[MAC_BYTES];
	if (head_read(path, &cur, cur_mac) != 1 || cur < c->audit_id) {
		char hex[2 * MAC_BYTES + 1];
		sodium_bin2hex(hex, sizeof(hex), c->audit_mac, MAC_BYTES);
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		char line[128];
		int n = snprintf(line, sizeof(line), "%" PRId64 " %s\n", c->audit_id, hex);
		if (fd < 0 || write(fd, line, (size_t)n) != n || fsync(fd) < 0 || rename(tmp, path) < 0)
			log_error("audit: cannot write the chain head");
		if (fd >= 0)
			close(fd);
	}
	flock(lfd, LOCK_UN);
	close(lfd);
	c->audit_id = 0;
}

static void bad(struct audit_report *r, int64_t id, const char *zh, const char *en)
{
	r->ok = false;
	r->first_bad = id;
	r->reason_zh = zh;
	r->reason_en = en;
}

int audit_verify(struct store *db, const struct keys *k, struct audit_report *r)
{
	memset(r, 0, sizeof(*r));
	r->ok = true;
	unsigned char prev[MAC_BYTES];
	size_t prev_n = 0;
	int64_t expect = 1, after = 0;
	int64_t head_id = 0;
	unsigned char head_mac[MAC_BYTES];
	char hpath[4200];
	if (head_file(db, k->dir, hpath, sizeof(hpath)) < 0)
		return -1;
	int hr = head_read(hpath, &head_id, head_mac);
	bool head_seen = false;
	for (;;) {
		struct stmt *st = store_query(db, SQ_AUDIT_ALL, "ii", after, (int64_t)10000);
		if (!st)
			return -1;
		int n = 0, s;
		while ((s = store_step(st)) == STORE_ROW) {
			n++;
			struct audit_row row = {
			        .id = store_col_i64(st, 0),
			        .at = store_col_i64(st, 1),
			        .actor_id = store_col_i64(st, 2),
			        .actor = store_col_text(st, 3),
			        .ip = store_col_text(st, 4),
			        .action = store_col_text(st, 5),
			        .object_type = store_col_text(st, 6),
			        .object_id = store_col_i64(st, 7),
			        .path = store_col_text(st, 8),
			        .detail = store_col_text(st, 9),
			};
			after = row.id;
			r->rows++;
			if (!r->ok)
				continue;
			size_t mn;
			const void *m = store_col_blob(st, 10, &mn);
			unsigned char mac[MAC_BYTES];
			row_mac(k->audit, prev, prev_n, &row, mac);
			if (row.id != expect) {
				bad(r, row.id, "记录编号不连续：之前的记录被删除",
				    "a gap in the ids: rows before it were deleted");
			} else if (mn != MAC_BYTES || sodium_memcmp(mac, m, MAC_BYTES) != 0) {
				bad(r, row.id, "记录被篡改或插入（校验码不符）",
				    "the row was changed or inserted (MAC mismatch)");
			} else if (row.id == head_id) {
				head_seen = true;
				if (hr == 1 && sodium_memcmp(mac, head_mac, MAC_BYTES) != 0)
					bad(r, row.id, "记录与库外保存的链头不符",
					    "the row does not match the head kept outside the database");
			}
			memcpy(prev, mac, MAC_BYTES);
			prev_n = MAC_BYTES;
			expect = row.id + 1;
		}
		store_reset(st);
		if (s == STORE_ERROR)
			return -1;
		if (n < 10000)
			break;
	}
	if (r->ok && hr == 1 && !head_seen)
		bad(r, head_id, "链头记录缺失：末尾的记录被删除",
		    "the head row is missing: the last rows were deleted");
	if (r->ok && hr < 0)
		bad(r, 0, "库外链头文件损坏", "the head file outside the database is damaged");
	if (r->ok && hr == 0 && r->rows > 0)
		bad(r, 1, "库外链头文件缺失", "the head file outside the database is missing");
	return 0;
}

int audit_list(struct ctx *c, const char *action, const char *actor, int64_t offset, int64_t limit,
               struct audit_row **rows, int64_t *n, int64_t *total)
{
	const char *lo = c->who->path;
	char *hi = scope_hi(c->a, lo);
	if (!hi || store_one_i64(c->db, total, SQ_AUDIT_LIST_COUNT, "tttt", lo, hi, action, actor) < 0)
		return -1;
	*rows = arena_alloc(c->a, sizeof(**rows) * (size_t)(limit ? limit : 1));
	if (!*rows)
		return -1;
	struct stmt *st = store_query(c->db, SQ_AUDIT_LIST, "ttttii", lo, hi, action, actor, limit, offset);
	if (!st)
		return -1;
	*n = 0;
	int s;
	while ((s = store_step(st)) == STORE_ROW && *n < limit) {
		struct audit_row *r = &(*rows)[(*n)++];
		r->id = store_col_i64(st, 0);
		r->at = store_col_i64(st, 1);
		r->actor_id = store_col_i64(st, 2);
		r->actor = arena_strdup(c->a, store_col_text(st, 3));
		r->ip = arena_strdup(c->a, store_col_text(st, 4));
		r->action = arena_strdup(c->a, store_col_text(st, 5));
		r->object_type = arena_strdup(c->a, store_col_text(st, 6));
		r->object_id = store_col_i64(st, 7);
		r->path = arena_strdup(c->a, store_col_text(st, 8));
		r->detail = arena_strdup(c->a, store_col_text(st, 9));
	}
	store_reset(st);
	return s == STORE_ERROR ? -1 : 0;
}
