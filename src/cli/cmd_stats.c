/*
 * `gonghui stats verify|rebuild`: recompute the subtree counters from the base tables and
 * compare (exit 1 on any difference), or replace them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/stats.h"
#include "domain/tx.h"

int cmd_stats(struct cli *c)
{
	const char *sub = c->nargs ? c->args[0] : "";
	if (strcmp(sub, "verify") && strcmp(sub, "rebuild")) {
		cli_say(c, "用法: gonghui stats verify|rebuild", "usage: gonghui stats verify|rebuild");
		return 2;
	}
	struct ctx ctx;
	struct arena a;
	int rc = cli_open(c, &ctx, &a);
	if (rc)
		return rc;
	if (!strcmp(sub, "verify")) {
		int64_t d = stats_verify(ctx.db, stderr);
		if (d < 0) {
			cli_say(c, "gonghui: 读取数据库失败", "gonghui: cannot read the store");
			rc = 1;
		} else if (d > 0) {
			fprintf(stderr,
			        c->zh ? "计数器与基础数据不一致：%" PRId64 " 处\n" : "%" PRId64 " counters differ\n",
			        d);
			rc = 1;
		} else {
			cli_say(c, "计数器与基础数据一致", "every counter matches the base tables");
		}
		printf("{\"differences\":%" PRId64 "}\n", d < 0 ? 0 : d);
	} else {
		if (tx_begin(&ctx) < 0 || stats_rebuild(ctx.db) < 0 || tx_commit(&ctx) < 0) {
			tx_rollback(&ctx);
			cli_say(c, "gonghui: 重建计数器失败", "gonghui: rebuilding the counters failed");
			rc = 1;
		} else {
			cli_say(c, "计数器已重建", "counters rebuilt");
		}
	}
	cli_close(&ctx);
	return rc;
}
