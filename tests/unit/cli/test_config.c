/*
 * Unit tests of the configuration file parser (src/cli/config.c): what a line may hold, what is
 * refused and on which line, switches, limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/config.h"

static int parse(const char *text, struct config *c, struct config_error *e)
{
	return config_parse(text, strlen(text), c, e);
}

static void test_values(void **state)
{
	struct config c;
	struct config_error e;
	const char *text = "# comment\n"
	                   "   # indented comment\n"
	                   "\n"
	                   "db = postgresql:///gh?host=/run/pg&password=a#b=c  \r\n"
	                   "\tkeys\t=\t/var/lib/工会/keys\n"
	                   "port=8080\n"
	                   "trust-proxy = on\n"
	                   "test-clock = 0"; /* no newline at the end */
	assert_int_equal(parse(text, &c, &e), 0);
	assert_int_equal(c.n, 5);
	assert_string_equal(config_get(&c, "db"), "postgresql:///gh?host=/run/pg&password=a#b=c");
	assert_string_equal(config_get(&c, "keys"), "/var/lib/工会/keys");
	assert_string_equal(config_get(&c, "port"), "8080");
	assert_true(config_true(config_get(&c, "trust-proxy")));
	assert_false(config_true(config_get(&c, "test-clock")));
	assert_null(config_get(&c, "host"));
	assert_int_equal(c.lines[0], 4);
	assert_int_equal(c.lines[4], 8);
	config_free(&c);
	assert_int_equal(parse("", &c, &e), 0);
	assert_int_equal(c.n, 0);
}

static void expect_bad(const char *text, size_t n, int line, const char *en)
{
	struct config c;
	struct config_error e;
	assert_int_equal(config_parse(text, n, &c, &e), -1);
	assert_int_equal(c.n, 0);
	assert_int_equal(e.line, line);
	assert_non_null(strstr(e.en, en));
	assert_true(strlen(e.zh) > 0);
}

#define BAD(text, line, en) expect_bad(text, sizeof(text) - 1, line, en)

static void test_errors(void **state)
{
	BAD("port = 1\nbogus = 2\n", 2, "unknown setting: 'bogus'");
	BAD("DB = x\n", 1, "unknown setting: 'DB'");
	BAD("config = x\n", 1, "unknown setting: 'config'");
	BAD("\n\nport\n", 3, "no '='");
	BAD("port = 1\nport = 2\n", 2, "set twice: 'port'");
	BAD("web =\n", 1, "no value: 'web'");
	BAD("= x\n", 1, "the name is empty");
	BAD("demo = maybe\n", 1, "a switch takes true or false: 'demo'");
	BAD("host = a\0b\n", 1, "NUL byte");
	BAD("host = \xc3\x28\n", 1, "not valid UTF-8");
	char name[80];
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	char line[128];
	snprintf(line, sizeof(line), "%s = 1\n", name);
	expect_bad(line, strlen(line), 1, "too long");
	char *big = malloc(CONFIG_MAX_LINE + 32);
	memcpy(big, "web = ", 6);
	memset(big + 6, 'x', CONFIG_MAX_LINE);
	big[CONFIG_MAX_LINE + 6] = '\n';
	expect_bad(big, CONFIG_MAX_LINE + 7, 1, "the line is too long");
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_values),
	        cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
