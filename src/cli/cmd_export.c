/*
 * `gonghui export members --org ID | --division CODE --out FILE.xlsx [--reveal]
 * [--activation-codes]`: writes the roster of a subtree (current members) to .xlsx with the
 * all-scope actor (domain/roster.h). ID and phone numbers are masked unless --reveal, which is
 * audited ("roster.export.reveal"); --activation-codes issues the one-time codes of imported
 * members who have no account yet. Progress goes to stderr, {"rows":N,"out":"FILE"} to stdout.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/org.h"
#include "domain/roster.h"

static void on_progress(void *ud, const struct roster_progress *p)
{
	struct cli *c = ud;
	fprintf(stderr, c->zh ? "已导出 %" PRId64 " 名会员\n" : "%" PRId64 " members written\n", p->rows);
}

int cmd_export(struct cli *c)
{
	const char *out = cli_opt(c, "out");
	if (c->nargs != 1 || strcmp(c->args[0], "members") != 0 || !out ||
	    (!cli_opt(c, "org") && !cli_opt(c, "division"))) {
		cli_say(c,
		        "用法: gonghui export members --org ID | --division 区划代码 --out 名册.xlsx [--reveal] "
		        "[--activation-codes]",
		        "usage: gonghui export members --org ID | --division CODE --out FILE.xlsx [--reveal] "
		        "[--activation-codes]");
		return 2;
	}
	struct ctx ctx;
	struct arena a;
	int rc = cli_open(c, &ctx, &a);
	if (rc)
		return rc;
	int64_t org = cli_org_arg(c, &ctx);
	if (org <= 0) {
		cli_say(c, "gonghui: 找不到 --org/--division 指定的组织",
		        "gonghui: no organisation matches --org/--division");
		rc = 2;
		goto done;
	}
	struct roster_export_options opt = {.progress = on_progress, .progress_ud = c};
	int64_t rows;
	if (roster_export(&ctx, org, out, cli_flag(c, "reveal"), cli_flag(c, "activation-codes"), &opt, &rows) !=
	    GH_OK) {
		rc = cli_fail(c, &ctx.fail);
		goto done;
	}
	json_t *j = json_pack("{s:I, s:s}", "rows", (json_int_t)rows, "out", out);
	if (j)
		json_dumpf(j, stdout, JSON_COMPACT);
	printf("\n");
	json_decref(j);
done:
	cli_close(&ctx);
	return rc;
}
