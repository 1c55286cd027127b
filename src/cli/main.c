/*
 * gonghui: the server and the command-line tool in one binary (ARCHITECTURE.md). This file is
 * the command table and the option parser; each command is cmd_<name>.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/keys.h"
#include "base/log.h"
#include "cli/cli.h"

static const struct command {
	const char *name;
	int (*fn)(struct cli *c);
	const char *zh;
	const char *en;
} commands[] = {
        {"init", cmd_init, "创建数据库和密钥，载入全国工会组织树（--demo 加入演示数据）",
         "create the store and the keys, load the national union tree (--demo adds demo data)"},
        {"serve", cmd_serve, "启动服务（--port N，--test-clock）",
         "serve the API and the web UI (--port N, --test-clock)"},
        {"user", cmd_user, "用户管理：add | passwd | list | disable | enable",
         "accounts: add | passwd | list | disable | enable"},
        {"stats", cmd_stats, "统计：verify（核对计数器）| rebuild", "counters: verify | rebuild"},
        {"audit", cmd_audit, "审计：verify（校验审计链）", "audit log: verify the chain"},
        {"bench", cmd_bench, "性能测试：tree | stats | search | lookup | import",
         "benchmarks: tree | stats | search | lookup | import"},
        {"import", cmd_import, "导入会员名册：members --org ID 文件.xlsx|.csv",
         "import a roster: members --org ID FILE"},
        {"export", cmd_export, "导出会员名册：members --org ID --out 文件.xlsx [--reveal]",
         "export a roster: members --org ID --out FILE.xlsx [--reveal]"},
        {"migrate", cmd_migrate, "迁移：--db 源.db --to postgresql://… [--to-keys 目录]（连同密钥，最后校验）",
         "move a store: --db SOURCE.db --to postgresql://… [--to-keys DIR] (keys too, verified)"},
        {"keys", cmd_keys, "密钥：export --out 文件 | import 文件（口令加密，供多个安装共用）",
         "keys: export --out FILE | import FILE (sealed under a passphrase, shared by installations)"},
};

#define N_COMMANDS ((int)(sizeof(commands) / sizeof(commands[0])))

static int usage(bool zh)
{
	fprintf(stderr, zh ? "用法: gonghui <命令> [--db 路径] [--keys 目录] [--config 配置文件] [--lang en] ...\n"
	                   : "usage: gonghui <command> [--db PATH] [--keys DIR] [--config FILE] [--lang en] ...\n");
	for (int i = 0; i < N_COMMANDS; i++)
		fprintf(stderr, "  %-8s %s\n", commands[i].name, zh ? commands[i].zh : commands[i].en);
	return 2;
}

static bool is_flag(const char *name)
{
	static const char *const flags[] = {"demo",     "test-clock",       "trust-proxy", "reveal",
	                                    "in-place", "activation-codes", "help"};
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (!strcmp(name, flags[i]))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct cli c = {.argv0 = argv[0], .zh = true};
	const char *lang = getenv("GONGHUI_LANG");
	if (lang && !strncmp(lang, "en", 2))
		c.zh = false;
	const char *log = getenv("GONGHUI_LOG");
	if (log && !strcmp(log, "debug"))
		log_set_level(LOG_DEBUG);
	if (argc < 2)
		return usage(c.zh);
	const struct command *cmd = NULL;
	for (int i = 0; i < N_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			cmd = &commands[i];
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) {
			if (c.nargs == CLI_MAX_OPTS)
				return usage(c.zh);
			c.args[c.nargs++] = a;
			continue;
		}
		if (c.nopts == CLI_MAX_OPTS)
			return usage(c.zh);
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		if (eq) {
			static char names[CLI_MAX_OPTS][64];
			snprintf(names[c.nopts], sizeof(names[0]), "%.*s", (int)(eq - name), name);
			c.names[c.nopts] = names[c.nopts];
			c.values[c.nopts++] = eq + 1;
		} else if (is_flag(name)) {
			c.names[c.nopts] = name;
			c.values[c.nopts++] = NULL;
		} else {
			if (i + 1 >= argc) {
				fprintf(stderr,
				        c.zh ? "gonghui: 选项 --%s 缺少取值\n" : "gonghui: option --%s needs a value\n",
				        name);
				return 2;
			}
			c.names[c.nopts] = name;
			c.values[c.nopts++] = argv[++i];
		}
	}
	const char *l = cli_opt(&c, "lang");
	if (l)
		c.zh = strncmp(l, "en", 2) != 0;
	int crc = cli_config_load(&c); /* flag > environment > configuration file > default */
	if (crc)
		return crc;
	l = cli_opt(&c, "lang");
	if (l)
		c.zh = strncmp(l, "en", 2) != 0;
	if (!cmd || cli_flag(&c, "help")) {
		config_free(&c.config);
		return usage(c.zh);
	}
	c.db = cli_opt(&c, "db");
	if (!c.db)
		c.db = "var/gonghui.db";
	const char *keys = cli_opt(&c, "keys");
	if (keys)
		snprintf(c.keys, sizeof(c.keys), "%s", keys);
	else
		keys_default_dir(c.db, c.keys, sizeof(c.keys));
	int rc = cmd->fn(&c);
	config_free(&c.config); /* c.db and the options may point into it until here */
	return rc;
}
