/*
 * `gonghui user add|passwd|list|disable|enable`: accounts from the command line.
 *   add --org ID | --division CODE --role ROLE --username U --password P [--name NAME]
 *   passwd --username U --password P
 *   list [--org ID]            (JSON lines on stdout)
 *   disable|enable --username U
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/org.h"
#include "domain/user.h"

int cmd_user(struct cli *c)
{
	const char *sub = c->nargs ? c->args[0] : "";
	if (strcmp(sub, "add") && strcmp(sub, "passwd") && strcmp(sub, "list") && strcmp(sub, "disable") &&
	    strcmp(sub, "enable")) {
		cli_say(c, "用法: gonghui user add|passwd|list|disable|enable ...",
		        "usage: gonghui user add|passwd|list|disable|enable ...");
		return 2;
	}
	struct ctx ctx;
	struct arena a;
	int rc = cli_open(c, &ctx, &a);
	if (rc)
		return rc;
	int64_t org = cli_org_arg(c, &ctx);
	if (org < 0) {
		cli_say(c, "gonghui: 找不到 --org/--division 指定的组织",
		        "gonghui: no organisation matches --org/--division");
		rc = 2;
		goto out;
	}
	if (!strcmp(sub, "add")) {
		if (!org || !cli_opt(c, "username") || !cli_opt(c, "password") || !cli_opt(c, "role")) {
			cli_say(c,
			        "用法: gonghui user add --org ID --role ROLE --username U --password P [--name 姓名]",
			        "usage: gonghui user add --org ID --role ROLE --username U --password P [--name NAME]");
			rc = 2;
			goto out;
		}
		const char *name = cli_opt(c, "name");
		struct user_input in = {.username = cli_opt(c, "username"),
		                        .name = name ? name : cli_opt(c, "username"),
		                        .password = cli_opt(c, "password"),
		                        .role = cli_opt(c, "role"),
		                        .org_id = org,
		                        .disabled = -1};
		struct user u;
		if (user_create(&ctx, &in, &u) != GH_OK) {
			rc = cli_fail(c, &ctx.fail);
			goto out;
		}
		printf("{\"id\":%" PRId64 ",\"username\":\"%s\",\"role\":\"%s\",\"org_id\":%" PRId64 "}\n", u.id,
		       u.username, role_token(u.role), u.org_id);
	} else if (!strcmp(sub, "list")) {
		for (int64_t off = 0;; off += 200) {
			struct user_list l;
			if (user_list(&ctx, org, NULL, off, 200, &l) != GH_OK) {
				rc = cli_fail(c, &ctx.fail);
				goto out;
			}
			for (int64_t i = 0; i < l.n; i++)
				printf("{\"id\":%" PRId64 ",\"username\":\"%s\",\"role\":\"%s\",\"org_id\":%" PRId64
				       ",\"disabled\":%s}\n",
				       l.items[i].id, l.items[i].username, role_token(l.items[i].role),
				       l.items[i].org_id, l.items[i].disabled ? "true" : "false");
			if (l.n < 200)
				break;
		}
	} else {
		const char *username = cli_opt(c, "username");
		struct user u;
		if (!username || (!strcmp(sub, "passwd") && !cli_opt(c, "password"))) {
			cli_say(c, "用法: gonghui user passwd|disable|enable --username U [--password P]",
			        "usage: gonghui user passwd|disable|enable --username U [--password P]");
			rc = 2;
			goto out;
		}
		if (user_find(&ctx, username, &u) != GH_OK) {
			rc = cli_fail(c, &ctx.fail);
			goto out;
		}
		struct user_input in = {.disabled = -1};
		if (!strcmp(sub, "passwd"))
			in.password = cli_opt(c, "password");
		else
			in.disabled = !strcmp(sub, "disable");
		if (user_update(&ctx, u.id, &in, &u) != GH_OK) {
			rc = cli_fail(c, &ctx.fail);
			goto out;
		}
		cli_say(c, "完成", "done");
	}
out:
	cli_close(&ctx);
	return rc;
}
