/*
 * The configuration file parser (config.h).
 */
#include "cli/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* The settings a file may hold: the options of the commands that configure an installation. */
static const struct setting {
	const char *name;
	bool is_switch;
} settings[] = {
        {"db", false},  {"keys", false},    {"port", false},      {"host", false},         {"threads", false},
        {"web", false}, {"lang", false},    {"tile-url", false},  {"installation", false}, {"division-data", false},
        {"to", false},  {"to-keys", false}, {"test-clock", true}, {"trust-proxy", true},   {"demo", true},
};

static const char *const truths[] = {"true", "yes", "on", "1"};
static const char *const falsities[] = {"false", "no", "off", "0"};

bool config_known(const char *name, bool *is_switch)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (!strcmp(settings[i].name, name)) {
			if (is_switch)
				*is_switch = settings[i].is_switch;
			return true;
		}
	return false;
}

static const char *known_spelling(const char *name)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (!strcmp(settings[i].name, name))
			return settings[i].name;
	return NULL;
}

bool config_true(const char *value)
{
	for (size_t i = 0; i < sizeof(truths) / sizeof(truths[0]); i++)
		if (!strcmp(value, truths[i]))
			return true;
	return false;
}

static bool is_switch_value(const char *v)
{
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(v, truths[i]) || !strcmp(v, falsities[i]))
			return true;
	return false;
}

void config_free(struct config *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->values[i]);
	memset(c, 0, sizeof(*c));
}

const char *config_get(const struct config *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->names[i], name))
			return c->values[i];
	return NULL;
}

/* Sets the error of line: the message, followed by the name when there is one. -1. */
static int bad(struct config_error *err, int line, const char *zh, const char *en, const char *name)
{
	err->line = line;
	if (name && *name) {
		snprintf(err->zh, sizeof(err->zh), "%s：“%s”", zh, name);
		snprintf(err->en, sizeof(err->en), "%s: '%s'", en, name);
	} else {
		snprintf(err->zh, sizeof(err->zh), "%s", zh);
		snprintf(err->en, sizeof(err->en), "%s", en);
	}
	return -1;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* One line, s[0..n) without its newline. 0 or -1. */
static int parse_line(const char *s, size_t n, int line, struct config *out, struct config_error *err)
{
	while (n && blank(*s))
		s++, n--;
	while (n && blank(s[n - 1]))
		n--;
	if (n == 0 || *s == '#')
		return 0;
	const char *eq = memchr(s, '=', n);
	if (!eq)
		return bad(err, line, "缺少“=”：每行应为“名称 = 取值”", "no '=': a line is 'name = value'", NULL);
	size_t nn = (size_t)(eq - s);
	while (nn && blank(s[nn - 1]))
		nn--;
	char name[64];
	if (nn == 0 || nn >= sizeof(name))
		return bad(err, line, "设置名称为空或过长", "the name is empty or too long", NULL);
	memcpy(name, s, nn);
	name[nn] = 0;
	const char *spelling = known_spelling(name);
	bool sw = false;
	if (!spelling || !config_known(name, &sw))
		return bad(err, line, "未知的设置名称", "unknown setting", name);
	if (config_get(out, spelling))
		return bad(err, line, "设置重复", "set twice", name);
	const char *v = eq + 1, *end = s + n;
	while (v < end && blank(*v))
		v++;
	size_t vn = (size_t)(end - v);
	if (vn == 0)
		return bad(err, line, "设置没有取值", "no value", name);
	if (out->n == CONFIG_MAX)
		return bad(err, line, "设置过多", "too many settings", NULL);
	char *value = malloc(vn + 1);
	if (!value)
		return bad(err, line, "内存不足", "out of memory", NULL);
	memcpy(value, v, vn);
	value[vn] = 0;
	if (sw && !is_switch_value(value)) {
		free(value);
		return bad(err, line, "开关的取值应为 true 或 false", "a switch takes true or false", name);
	}
	out->names[out->n] = spelling;
	out->values[out->n] = value;
	out->lines[out->n++] = line;
	return 0;
}

int config_parse(const char *text, size_t n, struct config *out, struct config_error *err)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (n > CONFIG_MAX_FILE)
		return bad(err, 1, "配置文件过大", "the file is too large", NULL);
	int line = 1;
	size_t at = 0;
	while (at < n) {
		const char *nl = memchr(text + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (text + at)) : n - at;
		int rc = 0;
		if (len > CONFIG_MAX_LINE)
			rc = bad(err, line, "行过长", "the line is too long", NULL);
		else if (memchr(text + at, 0, len))
			rc = bad(err, line, "行中有 NUL 字节", "the line holds a NUL byte", NULL);
		else if (!text_utf8_valid(text + at, len))
			rc = bad(err, line, "行不是有效的 UTF-8", "the line is not valid UTF-8", NULL);
		else
			rc = parse_line(text + at, len, line, out, err);
		if (rc < 0) {
			config_free(out);
			return -1;
		}
		at += len + (nl ? 1 : 0);
		line++;
	}
	return 0;
}
