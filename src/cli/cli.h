/*
 * The command line: `gonghui <command> [options]`. main.c holds the command table; each
 * command lives in cmd_<name>.c and goes straight to the domain with the all-scope actor (the
 * CLI never goes through HTTP). Human messages go to stderr in zh-CN (--lang en), machine
 * output (JSON) to stdout. Exit 0 done, 1 failed, 2 bad usage.
 */
#ifndef GH_CLI_CLI_H
#define GH_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/config.h"
#include "domain/ctx.h"

#define CLI_MAX_OPTS 32

struct cli {
	const char *argv0;
	int nargs;
	const char *args[CLI_MAX_OPTS]; /* positional arguments after the command */
	int nopts;
	const char *names[CLI_MAX_OPTS];
	const char *values[CLI_MAX_OPTS]; /* NULL for a flag */
	const char *db;
	char keys[4096];
	bool zh;
	struct config config; /* the configuration file's settings (empty without one) */
};

/* The value of --name, else GONGHUI_NAME from the environment, else the configuration file's,
 * or NULL. */
const char *cli_opt(struct cli *c, const char *name);
/* true if --name was given as a flag (or GONGHUI_NAME=1|true|yes, or name = true in the
 * configuration file). */
bool cli_flag(struct cli *c, const char *name);
/* Reads the configuration file named by --config or GONGHUI_CONFIG into c->config. 0, or 2 (bad
 * usage) after printing the file, the line and the reason. */
int cli_config_load(struct cli *c);
/* Prints a message in the chosen language to stderr. */
void cli_say(struct cli *c, const char *zh, const char *en);
/* Prints a failure to stderr and returns 1. */
int cli_fail(struct cli *c, const struct gh_fail *f);
/* Resolves --org ID or --division CODE to an organisation id: 0 when neither was given, -1 when it
 * names nothing. */
int64_t cli_org_arg(struct cli *c, struct ctx *ctx);
/* Opens the store and the keys, sets up a context with the all-scope actor. 0 or exit code. */
int cli_open(struct cli *c, struct ctx *ctx, struct arena *a);
void cli_close(struct ctx *ctx);

int cmd_init(struct cli *c);
int cmd_serve(struct cli *c);
int cmd_user(struct cli *c);
int cmd_stats(struct cli *c);
int cmd_audit(struct cli *c);
int cmd_bench(struct cli *c);
int cmd_import(struct cli *c);
int cmd_export(struct cli *c);
int cmd_migrate(struct cli *c);
int cmd_keys(struct cli *c);
/* `gonghui bench stations` (cmd_bench_stations.c): exit status; js (may be NULL) gets the JSON figures. */
int bench_stations(struct cli *c, struct ctx *ctx, FILE *js);

#endif
