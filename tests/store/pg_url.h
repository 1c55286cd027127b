/*
 * For the tests that make their own PostgreSQL databases (the store suites, the API harness):
 * a server URL with its database replaced.
 */
#ifndef GH_TESTS_PG_URL_H
#define GH_TESTS_PG_URL_H

#include <stdio.h>
#include <string.h>

/* base (postgresql://…/db?…) with its database replaced by name; base itself when it names none. */
static inline void pg_url(char *out, size_t n, const char *base, const char *name)
{
	const char *path = strstr(base, "://");
	path = path ? strchr(path + 3, '/') : NULL;
	const char *query = strchr(base, '?');
	if (!path || (query && query < path)) {
		snprintf(out, n, "%s", base);
		return;
	}
	snprintf(out, n, "%.*s/%s%s", (int)(path - base), base, name, query ? query : "");
}

#endif
