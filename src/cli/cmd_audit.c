/*
 * `gonghui audit verify`: walks the HMAC chain of the audit log and compares its head with the
 * copy kept in the key folder; exit 1 naming the first bad row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "cli/cli.h"

int cmd_audit(struct cli *c)
{
	const char *sub = c->nargs ? c->args[0] : "";
	if (strcmp(sub, "verify")) {
		cli_say(c, "用法: gonghui audit verify", "usage: gonghui audit verify");
		return 2;
	}
	struct ctx ctx;
	struct arena a;
	int rc = cli_open(c, &ctx, &a);
	if (rc)
		return rc;
	struct audit_report r;
	if (audit_verify(ctx.db, &keys_current, &r) < 0) {
		cli_say(c, "gonghui: 读取审计日志失败", "gonghui: cannot read the audit log");
		rc = 1;
	} else if (!r.ok) {
		fprintf(stderr,
		        c->zh ? "审计链校验失败：第 %" PRId64 " 条记录：%s\n"
		              : "audit chain broken at row %" PRId64 ": %s\n",
		        r.first_bad, c->zh ? r.reason_zh : r.reason_en);
		printf("{\"ok\":false,\"rows\":%" PRId64 ",\"first_bad\":%" PRId64 "}\n", r.rows, r.first_bad);
		rc = 1;
	} else {
		fprintf(stderr, c->zh ? "审计链完整：%" PRId64 " 条记录\n" : "audit chain intact: %" PRId64 " rows\n",
		        r.rows);
		printf("{\"ok\":true,\"rows\":%" PRId64 "}\n", r.rows);
	}
	cli_close(&ctx);
	return rc;
}
