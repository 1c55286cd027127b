/*
 * Data scope: an account sees the subtree of its organisation. Paths are materialised paths of
 * organisation ids ("/1/32/3207/"); a subtree is the range [path, path with its final '/'
 * turned into '0'), one index range on any table that carries the path.
 */
#ifndef GH_AUTH_SCOPE_H
#define GH_AUTH_SCOPE_H

#include <stdbool.h>

#include "base/arena.h"

/* The exclusive upper bound of the subtree of path, allocated in a. */
char *scope_hi(struct arena *a, const char *path);
/* true if obj_path lies in the subtree of scope_path (itself included). */
bool scope_contains(const char *scope_path, const char *obj_path);

#endif
