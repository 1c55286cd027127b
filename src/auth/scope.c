/*
 * Subtree ranges over materialised paths (scope.h).
 */
#include "auth/scope.h"

#include <string.h>

char *scope_hi(struct arena *a, const char *path)
{
	size_t n = strlen(path);
	char *hi = arena_strndup(a, path, n);
	if (hi && n > 0 && hi[n - 1] == '/')
		hi[n - 1] = '0'; /* '0' is the character after '/' */
	return hi;
}

bool scope_contains(const char *scope_path, const char *obj_path)
{
	if (!scope_path || !obj_path)
		return false;
	size_t n = strlen(scope_path);
	return strncmp(scope_path, obj_path, n) == 0;
}
