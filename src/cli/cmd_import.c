/*
 * `gonghui import members --org ID | --division CODE FILE [--joined-on YYYY-MM-DD]
 * [--report OUT.xlsx]`: imports a roster (.xlsx or .csv) into a union with the all-scope actor
 * (domain/roster.h). Progress goes to stderr; at the end one JSON object goes to stdout:
 * {"rows":N,"accepted":A,"rejected":R,"errors":[{"row","column","code","message"}],...}.
 * Exit 0 when the import is done, rejected rows and all; 1 when it failed (nothing was written;
 * stdout then holds {"error":{"code","field","message"}}); 2 on bad usage.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/time.h"
#include "cli/cli.h"
#include "domain/org.h"
#include "domain/roster.h"

/* Resolves --org or --division to an organisation id; 0 when neither was given, -1 when it names
 * nothing. */
static void on_progress(void *ud, const struct roster_progress *p)
{
	struct cli *c = ud;
	if (p->phase == 1)
		fprintf(stderr,
		        c->zh ? "已检查 %" PRId64 " 行：可导入 %" PRId64 " 行，有误 %" PRId64 " 行\n"
		              : "checked %" PRId64 " rows: %" PRId64 " good, %" PRId64 " rejected\n",
		        p->rows, p->accepted, p->rejected);
	else
		fprintf(stderr,
		        c->zh ? "写入 %" PRId64 " / %" PRId64 " 行\n" : "writing %" PRId64 " of %" PRId64 " rows\n",
		        p->written, p->to_write);
}

static void usage(struct cli *c)
{
	cli_say(c,
	        "用法: gonghui import members --org ID | --division 区划代码 文件.xlsx|文件.csv "
	        "[--joined-on YYYY-MM-DD] [--report 错误报告.xlsx]",
	        "usage: gonghui import members --org ID | --division CODE FILE.xlsx|FILE.csv "
	        "[--joined-on YYYY-MM-DD] [--report OUT.xlsx]");
}

int cmd_import(struct cli *c)
{
	if (c->nargs != 2 || strcmp(c->args[0], "members") != 0 || (!cli_opt(c, "org") && !cli_opt(c, "division"))) {
		usage(c);
		return 2;
	}
	const char *file = c->args[1];
	const char *joined = cli_opt(c, "joined-on");
	int y, m, d;
	if (joined && cal_parse_date(joined, &y, &m, &d) < 0) {
		cli_say(c, "gonghui: --joined-on 应为 YYYY-MM-DD", "gonghui: --joined-on must be YYYY-MM-DD");
		return 2;
	}
	if (access(file, R_OK) != 0) {
		fprintf(stderr, c->zh ? "gonghui: 无法读取文件 %s\n" : "gonghui: cannot read %s\n", file);
		return 1;
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
		goto out;
	}
	struct roster_options opt = {.joined_on = joined, .progress = on_progress, .progress_ud = c};
	struct roster_report rep;
	enum gh_err e = roster_import(&ctx, org, file, &opt, &rep);
	if (e) {
		json_t *err = json_pack("{s:{s:s, s:o, s:s}}", "error", "code",
		                        ctx.fail.reason ? ctx.fail.reason : gh_err_token(e), "field",
		                        ctx.fail.field ? json_string(ctx.fail.field) : json_null(), "message",
		                        (c->zh ? ctx.fail.zh : ctx.fail.en) ? (c->zh ? ctx.fail.zh : ctx.fail.en)
		                                                            : gh_err_default_msg(e, c->zh));
		if (err)
			json_dumpf(err, stdout, JSON_COMPACT);
		printf("\n");
		json_decref(err);
		rc = cli_fail(c, &ctx.fail);
		goto out;
	}
	const char *report = cli_opt(c, "report");
	if (report) {
		struct gh_fail f = {0};
		if (roster_report_xlsx(&rep, file, report, c->zh, NULL, &f) < 0) {
			rc = cli_fail(c, &f);
			roster_report_release(&rep);
			goto out;
		}
	}
	json_t *j = roster_report_json(&rep, c->zh, -1);
	if (!j || json_dumpf(j, stdout, JSON_COMPACT) < 0) {
		cli_say(c, "gonghui: 无法输出结果", "gonghui: cannot write the result");
		rc = 1;
	}
	printf("\n");
	json_decref(j);
	fprintf(stderr,
	        c->zh ? "导入完成：共 %" PRId64 " 行，导入 %" PRId64 " 行，未导入 %" PRId64 " 行\n"
	              : "done: %" PRId64 " rows, %" PRId64 " imported, %" PRId64 " rejected\n",
	        rep.rows, rep.accepted, rep.rejected);
	roster_report_release(&rep);
out:
	cli_close(&ctx);
	return rc;
}
