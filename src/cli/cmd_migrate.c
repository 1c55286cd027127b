/*
 * `gonghui migrate --db SQLITE_FILE --to postgresql://… [--to-keys DIR]`: moves a store into an
 * empty database (PostgreSQL, or another SQLite file), with its keys and its audit chain head.
 *
 * Every table of the source, as its catalogue lists them (a module's new table travels without
 * a change here), is copied column by column by name through the store's bulk load (COPY on
 * PostgreSQL), so the target's own layout may differ where the names agree (a partitioned parent
 * routes each row to its partition). Schema, rows and checks are one transaction on the target:
 * the load mode lets rows come in any order (store_load_mode: the source enforced its foreign
 * keys, and org refers to itself), then, before the commit, rows are counted on both sides, the
 * foreign keys checked (what the load mode skipped), the counters recomputed (stats verify)
 * and the audit chain walked against the head copied into the
 * target's key folder. Any failure rolls back and removes what was written to the key folder.
 * stdout: {"tables":[{"name":…,"rows":…}],"verified":true}.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/keys.h"
#include "cli/cli.h"
#include "domain/stats.h"
#include "store/store.h"

struct move {
	struct cli *c;
	struct store *src, *dst;
	struct keys keys;  /* the source's, with dir the target's key folder */
	bool keys_written; /* the key files were written by this run */
	bool dir_made;     /* the target key folder was made by this run */
	char head_from[4400];
	char head_to[4400];
	bool head_written;
	json_t *tables;
};

static int fail_msg(struct move *m, const char *zh, const char *en)
{
	fprintf(stderr, "gonghui: %s\n", m->c->zh ? zh : en);
	return 1;
}

/* Copies one table's rows; *rows receives how many. 0 or -1. */
static int copy_table(struct move *m, const char *table, const struct store_names *cols, int64_t *rows)
{
	*rows = 0;
	if (store_clear(m->dst, table) < 0) /* the rows the new schema seeded (meta) give way */
		return -1;
	struct stmt *st = store_scan(m->src, table, cols);
	if (!st)
		return -1;
	int rc = store_bulk_begin(m->dst, table, cols);
	int r = STORE_ERROR;
	while (rc == 0 && (r = store_step(st)) == STORE_ROW) {
		for (int i = 0; rc == 0 && i < cols->n; i++) {
			struct store_value v = {.type = store_col_type(st, i)};
			if (v.type == STORE_T_INT)
				v.i = store_col_i64(st, i);
			else if (v.type == STORE_T_REAL)
				v.d = store_col_double(st, i);
			else if (v.type == STORE_T_TEXT)
				v.n = strlen(v.p = store_col_text(st, i));
			else if (v.type == STORE_T_BLOB)
				v.p = store_col_blob(st, i, &v.n);
			rc = store_bulk_value(m->dst, &v);
		}
		if (rc == 0)
			rc = store_bulk_row(m->dst);
		if (rc == 0 && ++*rows % 100000 == 0)
			fprintf(stderr, m->c->zh ? "  %s：已复制 %" PRId64 " 行\n" : "  %s: %" PRId64 " rows copied\n",
			        table, *rows);
	}
	if (rc == 0 && r != STORE_DONE)
		rc = -1;
	if (store_bulk_end(m->dst) < 0)
		rc = -1;
	store_scan_end(st);
	if (rc == 0)
		rc = store_ids_follow(m->dst, table);
	return rc;
}

/* Checks that the target has table with every column of cols. 0 or exit code. */
static int target_fits(struct move *m, const struct store_names *dst_tables, const char *table,
                       const struct store_names *cols)
{
	if (!store_names_has(dst_tables, table)) {
		fprintf(stderr,
		        m->c->zh ? "gonghui: 目标数据库没有表 %s（程序版本不同？）\n"
		                 : "gonghui: the target has no table %s (a different version of gonghui?)\n",
		        table);
		return 1;
	}
	struct store_names have;
	if (store_columns(m->dst, table, &have) < 0)
		return 1;
	int rc = 0;
	for (int i = 0; rc == 0 && i < cols->n; i++)
		if (!store_names_has(&have, cols->v[i])) {
			fprintf(stderr,
			        m->c->zh ? "gonghui: 目标数据库的表 %s 没有列 %s\n"
			                 : "gonghui: the target's table %s has no column %s\n",
			        table, cols->v[i]);
			rc = 1;
		}
	store_names_free(&have);
	return rc;
}

/* Copies every table of the source. 0 or exit code. */
static int copy_all(struct move *m)
{
	struct store_names src_tables, dst_tables;
	if (store_tables(m->src, &src_tables) < 0)
		return fail_msg(m, "无法列出源数据库的表", "cannot list the source's tables");
	if (store_tables(m->dst, &dst_tables) < 0) {
		store_names_free(&src_tables);
		return fail_msg(m, "无法列出目标数据库的表", "cannot list the target's tables");
	}
	int rc = 0;
	for (int i = 0; rc == 0 && i < src_tables.n; i++) {
		const char *t = src_tables.v[i];
		struct store_names cols;
		if (store_columns(m->src, t, &cols) < 0) {
			rc = fail_msg(m, "无法读取源数据库的表结构", "cannot read a source table's columns");
			break;
		}
		int64_t rows = 0;
		rc = target_fits(m, &dst_tables, t, &cols);
		if (rc == 0 && copy_table(m, t, &cols, &rows) < 0) {
			fprintf(stderr,
			        m->c->zh ? "gonghui: 复制表 %s 失败：%s\n" : "gonghui: copying table %s failed: %s\n",
			        t, store_errmsg(m->dst));
			rc = 1;
		}
		store_names_free(&cols);
		if (rc == 0) {
			fprintf(stderr, m->c->zh ? "表 %s：%" PRId64 " 行\n" : "table %s: %" PRId64 " rows\n", t, rows);
			json_array_append_new(m->tables, json_pack("{s:s,s:I}", "name", t, "rows", (json_int_t)rows));
		}
	}
	store_names_free(&src_tables);
	store_names_free(&dst_tables);
	/* A SQLite store has no registries (its unique indexes are them): claim what it holds. */
	if (rc == 0 && store_run(m->dst, SQ_REGISTRY_FILL, "") != 0)
		rc = fail_msg(m, "无法建立身份证号登记表", "cannot fill the ID registry");
	return rc;
}

/* Row counts equal on both sides, counters exact, audit chain whole: on the target, before the
 * commit. 0 or exit code. */
static int verify(struct move *m)
{
	size_t i;
	json_t *t;
	json_array_foreach(m->tables, i, t)
	{
		const char *name = json_string_value(json_object_get(t, "name"));
		int64_t a = -1, b = -2;
		if (store_count(m->src, name, &a) < 0 || store_count(m->dst, name, &b) < 0 || a != b) {
			fprintf(stderr,
			        m->c->zh ? "gonghui: 校验失败：表 %s 源 %" PRId64 " 行，目标 %" PRId64 " 行\n"
			                 : "gonghui: verification failed: table %s has %" PRId64
			                   " rows in the source, %" PRId64 " in the target\n",
			        name, a, b);
			return 1;
		}
	}
	char ref[256];
	int refs = store_check_references(m->dst, ref, sizeof(ref));
	if (refs != 0) {
		fprintf(stderr,
		        m->c->zh ? "gonghui: 校验失败：目标数据库的外键不成立：%s\n"
		                 : "gonghui: verification failed: a foreign key of the target does not hold: %s\n",
		        refs < 0 ? "?" : ref);
		return 1;
	}
	int64_t d = stats_verify_tx(m->dst, stderr);
	if (d != 0)
		return fail_msg(m, "校验失败：目标数据库的计数器或引用与基础数据不一致",
		                "verification failed: the target's counters or references differ from its base tables");
	struct audit_report r;
	if (audit_verify(m->dst, &m->keys, &r) < 0 || !r.ok) {
		fprintf(stderr,
		        m->c->zh ? "gonghui: 校验失败：目标数据库的审计链：%s\n"
		                 : "gonghui: verification failed: the target's audit chain: %s\n",
		        r.ok       ? "?"
		        : m->c->zh ? r.reason_zh
		                   : r.reason_en);
		return 1;
	}
	fprintf(stderr,
	        m->c->zh ? "校验通过：行数一致，计数器一致，审计链完整（%" PRId64 " 条）\n"
	                 : "verified: row counts equal, counters exact, audit chain intact (%" PRId64 " rows)\n",
	        r.rows);
	return 0;
}

/* Reads a whole small file; -1 if missing. */
static ssize_t slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, cap);
	close(fd);
	return n;
}

/* The source's audit head (audit-<store id>.head) into the target's key folder: the store id
 * travels in meta, so the target looks for the same name. 0 or exit code. */
static int copy_head(struct move *m, const char *src_keys)
{
	struct stmt *st = store_query(m->src, SQ_META_GET, "t", "store_id");
	if (!st)
		return fail_msg(m, "无法读取源数据库", "cannot read the source");
	int r = store_step(st);
	char file[128];
	snprintf(file, sizeof(file), r == STORE_ROW ? "audit-%s.head" : "audit.head", store_col_text(st, 0));
	store_reset(st);
	snprintf(m->head_from, sizeof(m->head_from), "%s/%s", src_keys, file);
	snprintf(m->head_to, sizeof(m->head_to), "%s/%s", m->keys.dir, file);
	char a[256], b[256];
	ssize_t na = slurp(m->head_from, a, sizeof(a));
	if (na < 0)
		return 0; /* no head yet: an empty chain; audit verify says so if rows exist */
	ssize_t nb = slurp(m->head_to, b, sizeof(b));
	if (nb >= 0) {
		if (nb == na && !memcmp(a, b, (size_t)na))
			return 0;
		return fail_msg(
		        m, "目标密钥目录中已有这个数据库的另一份审计链头，拒绝覆盖",
		        "the target key folder holds a different audit head of this store; refusing to overwrite it");
	}
	int fd = open(m->head_to, O_WRONLY | O_CREAT | O_EXCL, 0600);
	bool ok = fd >= 0 && write(fd, a, (size_t)na) == na && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	if (fd >= 0)
		m->head_written = true;
	return ok ? 0 : fail_msg(m, "无法写入审计链头文件", "cannot write the audit head file");
}

/* After a failure: what this run wrote into the target's key folder goes. */
static void undo_files(struct move *m)
{
	if (m->head_written)
		unlink(m->head_to);
	if (m->keys_written) {
		static const char *const names[] = {"field.key", "index.key", "audit.key"};
		for (size_t i = 0; i < 3; i++) {
			char p[4400];
			snprintf(p, sizeof(p), "%s/%s", m->keys.dir, names[i]);
			unlink(p);
		}
	}
	if (m->dir_made)
		rmdir(m->keys.dir);
}

/* Everything after the stores are open. 0 or exit code. */
static int move_store(struct move *m, const char *src_keys)
{
	struct store_names t;
	if (store_tables(m->dst, &t) < 0)
		return fail_msg(m, "无法读取目标数据库", "cannot read the target");
	int n = t.n;
	store_names_free(&t);
	if (n > 0) {
		fail_msg(m, "目标数据库不是空的（已有表），拒绝迁移",
		         "the target database is not empty (it has tables); refusing");
		return 2;
	}
	struct stat sb;
	m->dir_made = stat(m->keys.dir, &sb) != 0;
	struct gh_fail f = {0};
	if (keys_install(m->keys.dir, &m->keys, &m->keys_written, &f) < 0) {
		m->dir_made = false;
		return cli_fail(m->c, &f);
	}
	if (!m->keys_written)
		m->dir_made = false;
	int rc = copy_head(m, src_keys);
	if (rc)
		return rc;
	if (store_begin(m->dst) < 0)
		return fail_msg(m, "无法开始事务", "cannot begin a transaction");
	if (store_migrate(m->dst, &f) < 0) {
		store_rollback(m->dst);
		return cli_fail(m->c, &f);
	}
	if (store_load_mode(m->dst) < 0) {
		store_rollback(m->dst);
		return fail_msg(
		        m, "无法关闭装载时的外键检查（PostgreSQL 需要超级用户或 SET 权限）",
		        "cannot load without foreign key checks (PostgreSQL needs a superuser or the SET privilege "
		        "on session_replication_role)");
	}
	rc = copy_all(m);
	if (rc == 0)
		rc = verify(m);
	if (rc == 0 && store_commit(m->dst) < 0)
		rc = fail_msg(m, "提交失败", "the commit failed");
	if (rc)
		store_rollback(m->dst);
	return rc;
}

int cmd_migrate(struct cli *c)
{
	const char *to = cli_opt(c, "to");
	if (!to || c->nargs) {
		cli_say(c, "用法: gonghui migrate --db 源.db --to postgresql://… [--to-keys 目录]",
		        "usage: gonghui migrate --db SOURCE.db --to postgresql://… [--to-keys DIR]");
		return 2;
	}
	if (!strcmp(to, c->db)) {
		cli_say(c, "gonghui: 源和目标是同一个数据库", "gonghui: the source and the target are the same store");
		return 2;
	}
	struct move m = {.c = c};
	const char *tk = cli_opt(c, "to-keys");
	if (tk)
		snprintf(m.keys.dir, sizeof(m.keys.dir), "%s", tk);
	else
		keys_default_dir(to, m.keys.dir, sizeof(m.keys.dir));
	struct gh_fail f = {0};
	if (keys_load(c->keys, &m.keys, &f) < 0)
		return cli_fail(c, &f);
	if (tk)
		snprintf(m.keys.dir, sizeof(m.keys.dir), "%s", tk);
	else
		keys_default_dir(to, m.keys.dir, sizeof(m.keys.dir));
	if (store_open(c->db, false, &m.src, &f) < 0)
		return cli_fail(c, &f);
	int rc = 0;
	if (store_migrate(m.src, &f) < 0) {
		rc = cli_fail(c, &f);
	} else if (store_open(to, true, &m.dst, &f) < 0) {
		rc = cli_fail(c, &f);
	} else {
		m.tables = json_array();
		rc = move_store(&m, c->keys);
	}
	if (rc) {
		undo_files(&m);
		fprintf(stderr,
		        c->zh ? "迁移失败，目标数据库未作任何改动\n" : "migration failed; nothing was committed\n");
	} else {
		json_t *out = json_pack("{s:O,s:b}", "tables", m.tables, "verified", 1);
		char *s = json_dumps(out, JSON_COMPACT);
		printf("%s\n", s ? s : "{}");
		free(s);
		json_decref(out);
		fprintf(stderr, c->zh ? "迁移完成：%s\n" : "migrated to %s\n", to);
	}
	json_decref(m.tables);
	memset(&m.keys, 0, sizeof(m.keys));
	store_close(m.dst);
	store_close(m.src);
	return rc;
}
