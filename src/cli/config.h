/*
 * The configuration file (`--config FILE` or GONGHUI_CONFIG): one setting a line,
 *   name = value
 * with the names of the command-line options (db, keys, port, …; docs/admin guide lists them),
 * blank lines, and comment lines whose first character other than blanks is '#'. The value is
 * the rest of the line after '=', blanks trimmed at both ends; it may hold '#' and '=' (a URL or
 * a password). A switch (test-clock, trust-proxy, demo) takes true/false, yes/no, on/off, 1/0.
 * Precedence (cli.c): flag > environment (GONGHUI_<NAME>) > file > default.
 * The parser is fuzzed (fuzz/fuzz_config.c).
 */
#ifndef GH_CLI_CONFIG_H
#define GH_CLI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_MAX      32   /* settings in one file */
#define CONFIG_MAX_LINE 4096 /* bytes of one line */
#define CONFIG_MAX_FILE (256 * 1024)

struct config {
	int n;
	const char *names[CONFIG_MAX]; /* the known name's static spelling */
	char *values[CONFIG_MAX];      /* owned */
	int lines[CONFIG_MAX];         /* where each was set */
};

struct config_error {
	int line; /* 1-based */
	char zh[192];
	char en[192];
};

/* Parses n bytes of text. 0, or -1 with err set (the first bad line); out is then empty. */
int config_parse(const char *text, size_t n, struct config *out, struct config_error *err);
void config_free(struct config *c);
/* The value of name, or NULL. */
const char *config_get(const struct config *c, const char *name);
/* Whether name is a setting the file may hold; *is_switch tells a switch (may be NULL). */
bool config_known(const char *name, bool *is_switch);
/* The truth of a switch's value (parsed values are one of the accepted spellings). */
bool config_true(const char *value);

#endif
