/*
 * libFuzzer harness for the configuration file parser (src/cli/config.c). Arbitrary bytes go in;
 * the harness aborts when an invariant breaks: a failure names a line of the input and says why
 * in both languages and leaves nothing parsed; a success holds only known names, each once, with
 * values that are non-empty, trimmed and free of newlines, switches spelled as accepted, lines
 * increasing; and writing the settings out again as `name = value` lines parses to the same.
 * Seeds: fuzz/corpus/config/; crash inputs are kept in fuzz/regression/config/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config.h"

static void check_ok(const struct config *c)
{
	for (int i = 0; i < c->n; i++) {
		bool sw = false;
		const char *v = c->values[i];
		size_t n = strlen(v);
		if (!config_known(c->names[i], &sw) || n == 0 || strchr(v, '\n') || v[0] == ' ' || v[0] == '\t' ||
		    v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r')
			abort();
		if (i && c->lines[i] <= c->lines[i - 1])
			abort();
		if (config_get(c, c->names[i]) != v)
			abort(); /* each name once */
		if (sw && !config_true(v) && strcmp(v, "false") && strcmp(v, "no") && strcmp(v, "off") &&
		    strcmp(v, "0"))
			abort();
	}
}

static void round_trip(const struct config *c)
{
	size_t cap = 1;
	for (int i = 0; i < c->n; i++)
		cap += strlen(c->names[i]) + strlen(c->values[i]) + 4;
	char *text = malloc(cap);
	if (!text)
		abort();
	size_t k = 0;
	for (int i = 0; i < c->n; i++)
		k += (size_t)snprintf(text + k, cap - k, "%s = %s\n", c->names[i], c->values[i]);
	struct config again;
	struct config_error err;
	if (config_parse(text, k, &again, &err) != 0 || again.n != c->n)
		abort();
	for (int i = 0; i < c->n; i++)
		if (strcmp(again.names[i], c->names[i]) || strcmp(again.values[i], c->values[i]))
			abort();
	config_free(&again);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct config_error err;
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (config_parse((const char *)data, size, &c, &err) != 0) {
		if (c.n != 0 || err.line < 1 || err.line > lines || !err.zh[0] || !err.en[0])
			abort();
		return 0;
	}
	if (err.line != 0)
		abort();
	check_ok(&c);
	round_trip(&c);
	config_free(&c);
	return 0;
}
