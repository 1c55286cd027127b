/*
 * `gonghui keys export --out FILE` and `gonghui keys import FILE` (with --keys DIR): the key
 * set sealed under a passphrase (keys.h, file format version 1), so that installations that
 * feed each other share one key set. The passphrase comes from GONGHUI_KEYS_PASSPHRASE, else
 * from stdin (without echo, and asked twice on export, when stdin is a terminal). Import
 * refuses to replace a different key set and writes nothing on any failure.
 */
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth/keys.h"
#include "cli/cli.h"

/* Reads one line of stdin into out without its newline; the terminal does not echo it. 0 or -1. */
static int read_line(struct cli *c, const char *zh, const char *en, char *out, size_t cap)
{
	bool tty = isatty(0);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", c->zh ? zh : en);
		if (tcgetattr(0, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(0, TCSAFLUSH, &quiet);
		} else {
			tty = false;
		}
	}
	char *got = fgets(out, (int)cap, stdin);
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (!got)
		return -1;
	out[strcspn(out, "\r\n")] = 0;
	return 0;
}

/* The passphrase: the environment's, else stdin's (twice on a terminal when confirm). 0 or exit code. */
static int passphrase(struct cli *c, bool confirm, char *out, size_t cap)
{
	const char *env = getenv("GONGHUI_KEYS_PASSPHRASE");
	if (env && *env) {
		snprintf(out, cap, "%s", env);
	} else if (read_line(c, "口令: ", "passphrase: ", out, cap) < 0) {
		cli_say(c, "gonghui: 没有读到口令（GONGHUI_KEYS_PASSPHRASE 或标准输入）",
		        "gonghui: no passphrase (GONGHUI_KEYS_PASSPHRASE or stdin)");
		return 2;
	} else if (confirm && isatty(0)) {
		char again[512];
		int rc = read_line(c, "再输入一次: ", "again: ", again, sizeof(again));
		bool same = rc == 0 && !strcmp(again, out);
		sodium_memzero(again, sizeof(again));
		if (!same) {
			cli_say(c, "gonghui: 两次输入的口令不一致", "gonghui: the passphrases differ");
			return 2;
		}
	}
	if (strlen(out) < KEYS_PASSPHRASE_MIN) {
		cli_say(c, "gonghui: 口令太短（至少 12 个字符）",
		        "gonghui: the passphrase is too short (12 characters at least)");
		return 2;
	}
	return 0;
}

static int keys_export(struct cli *c)
{
	const char *out = cli_opt(c, "out");
	if (!out || c->nargs != 1) {
		cli_say(c, "用法: gonghui keys export --out 文件 [--keys 目录]",
		        "usage: gonghui keys export --out FILE [--keys DIR]");
		return 2;
	}
	struct gh_fail f = {0};
	struct keys k;
	if (keys_load(c->keys, &k, &f) < 0)
		return cli_fail(c, &f);
	char pass[512];
	int rc = passphrase(c, true, pass, sizeof(pass));
	unsigned char sealed[KEYS_SEALED_BYTES];
	if (rc == 0 && keys_seal(&k, pass, sealed, &f) < 0)
		rc = cli_fail(c, &f);
	sodium_memzero(pass, sizeof(pass));
	sodium_memzero(&k, sizeof(k));
	if (rc)
		return rc;
	int fd = open(out, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		cli_say(c, "gonghui: 无法创建输出文件（已存在？）",
		        "gonghui: cannot create the output file (does it exist?)");
		return 1;
	}
	bool ok = write(fd, sealed, sizeof(sealed)) == (ssize_t)sizeof(sealed) && fsync(fd) == 0;
	close(fd);
	if (!ok) {
		unlink(out);
		cli_say(c, "gonghui: 写入输出文件失败", "gonghui: cannot write the output file");
		return 1;
	}
	cli_say(c, "密钥已导出（口令加密）", "keys exported (sealed under the passphrase)");
	printf("{\"out\":\"%s\",\"version\":1}\n", out);
	return 0;
}

static int keys_import(struct cli *c)
{
	if (c->nargs != 2) {
		cli_say(c, "用法: gonghui keys import 文件 [--keys 目录]",
		        "usage: gonghui keys import FILE [--keys DIR]");
		return 2;
	}
	unsigned char in[KEYS_SEALED_BYTES + 1];
	FILE *fp = fopen(c->args[1], "rb");
	if (!fp) {
		cli_say(c, "gonghui: 无法读取密钥导出文件", "gonghui: cannot read the key export file");
		return 1;
	}
	size_t n = fread(in, 1, sizeof(in), fp);
	fclose(fp);
	char pass[512];
	int rc = passphrase(c, false, pass, sizeof(pass));
	if (rc)
		return rc;
	struct gh_fail f = {0};
	struct keys k;
	rc = keys_unseal(in, n, pass, &k, &f);
	sodium_memzero(pass, sizeof(pass));
	if (rc < 0)
		return cli_fail(c, &f);
	bool wrote;
	rc = keys_install(c->keys, &k, &wrote, &f);
	sodium_memzero(&k, sizeof(k));
	if (rc < 0)
		return cli_fail(c, &f);
	if (wrote)
		cli_say(c, "密钥已导入", "keys imported");
	else
		cli_say(c, "密钥目录中已是同一套密钥，未作改动",
		        "the key folder holds the same key set already; nothing changed");
	printf("{\"keys\":\"%s\",\"written\":%s}\n", c->keys, wrote ? "true" : "false");
	return 0;
}

int cmd_keys(struct cli *c)
{
	const char *sub = c->nargs ? c->args[0] : "";
	if (!strcmp(sub, "export"))
		return keys_export(c);
	if (!strcmp(sub, "import"))
		return keys_import(c);
	cli_say(c, "用法: gonghui keys export --out 文件 | import 文件 [--keys 目录]",
	        "usage: gonghui keys export --out FILE | import FILE [--keys DIR]");
	return 2;
}
