/*
 * Shared pieces of the commands (cli.h).
 */
#include "cli/cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/keys.h"
#include "domain/org.h"
#include "store/store.h"

const struct actor actor_cli = {.id = 0, .name = "cli", .role = ROLE_ADMIN, .org_id = 0, .path = "/"};

const char *cli_opt(struct cli *c, const char *name)
{
	for (int i = 0; i < c->nopts; i++)
		if (!strcmp(c->names[i], name) && c->values[i])
			return c->values[i];
	char env[64] = "GONGHUI_";
	size_t k = strlen(env);
	for (const char *p = name; *p && k < sizeof(env) - 1; p++)
		env[k++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	env[k] = 0;
	const char *v = getenv(env);
	if (v && *v)
		return v;
	return config_get(&c->config, name);
}

bool cli_flag(struct cli *c, const char *name)
{
	for (int i = 0; i < c->nopts; i++)
		if (!strcmp(c->names[i], name))
			return true;
	/* GONGHUI_TEST_CLOCK=1 and the like, as CONTRACT.md says settings may come from the
	 * environment. */
	char env[64] = "GONGHUI_";
	size_t k = strlen(env);
	for (const char *p = name; *p && k < sizeof(env) - 1; p++)
		env[k++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	env[k] = 0;
	const char *v = getenv(env);
	if (v && *v)
		return !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes");
	v = config_get(&c->config, name);
	return v && config_true(v);
}

int cli_config_load(struct cli *c)
{
	const char *path = cli_opt(c, "config");
	if (!path)
		return 0;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr,
		        c->zh ? "gonghui: 无法读取配置文件 %s\n" : "gonghui: cannot read the configuration file %s\n",
		        path);
		return 2;
	}
	char *text = malloc(CONFIG_MAX_FILE + 1);
	size_t n = text ? fread(text, 1, CONFIG_MAX_FILE + 1, fp) : 0;
	fclose(fp);
	if (!text) {
		cli_say(c, "gonghui: 内存不足", "gonghui: out of memory");
		return 2;
	}
	struct config_error err;
	int rc = config_parse(text, n, &c->config, &err);
	free(text);
	if (rc < 0) {
		fprintf(stderr, c->zh ? "gonghui: 配置文件 %s 第 %d 行：%s\n" : "gonghui: %s line %d: %s\n", path,
		        err.line, c->zh ? err.zh : err.en);
		return 2;
	}
	return 0;
}

void cli_say(struct cli *c, const char *zh, const char *en)
{
	fprintf(stderr, "%s\n", c->zh ? zh : en);
}

int cli_fail(struct cli *c, const struct gh_fail *f)
{
	const char *msg = c->zh ? f->zh : f->en;
	if (!msg)
		msg = gh_err_default_msg(f->code, c->zh);
	if (f->field)
		fprintf(stderr, "gonghui: %s (%s)\n", msg, f->field);
	else
		fprintf(stderr, "gonghui: %s\n", msg);
	return 1; /* a refused value is a failed command; exit 2 is kept for bad usage */
}

int cli_open(struct cli *c, struct ctx *ctx, struct arena *a)
{
	memset(ctx, 0, sizeof(*ctx));
	arena_init(a, 0);
	ctx->a = a;
	ctx->who = &actor_cli;
	ctx->ip = "cli";
	ctx->zh = c->zh;
	struct gh_fail f = {0};
	if (keys_load(c->keys, &keys_current, &f) < 0)
		return cli_fail(c, &f) == 2 ? 1 : 1;
	if (store_open(c->db, false, &ctx->db, &f) < 0)
		return cli_fail(c, &f), 1;
	if (store_migrate(ctx->db, &f) < 0) {
		store_close(ctx->db);
		ctx->db = NULL;
		return cli_fail(c, &f), 1;
	}
	return 0;
}

void cli_close(struct ctx *ctx)
{
	store_close(ctx->db);
	ctx->db = NULL;
	arena_release(ctx->a);
}

int64_t cli_org_arg(struct cli *c, struct ctx *ctx)
{
	const char *id = cli_opt(c, "org");
	if (id) {
		char *end;
		int64_t v = strtoll(id, &end, 10);
		return (*end || v <= 0) ? -1 : v;
	}
	const char *div = cli_opt(c, "division");
	if (!div)
		return 0;
	struct org_list l;
	if (org_search(ctx, NULL, div, 0, 1, &l) != GH_OK || l.n == 0)
		return -1;
	return l.items[0].id;
}
