/*
 * Per-request memory: a bump allocator over a chain of blocks, freed in one call.
 *
 * Every request (and every CLI command) owns one arena; whatever it allocates lives until
 * arena_release(). An arena has a ceiling: past it, allocation returns NULL and the caller
 * fails the request with GH_ENOMEM (the out-of-memory policy, written once: a request that
 * runs out fails cleanly, the process keeps serving).
 */
#ifndef GH_BASE_ARENA_H
#define GH_BASE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used;  /* bytes handed out, over all blocks */
	size_t limit; /* ceiling on the bytes of all blocks */
	size_t total; /* bytes of all blocks */
};

#define ARENA_DEFAULT_LIMIT ((size_t)64 << 20)

/* Starts an empty arena that may grow to `limit` bytes (0: ARENA_DEFAULT_LIMIT). */
void arena_init(struct arena *a, size_t limit);
/* Frees every block; the arena may be used again afterwards. */
void arena_release(struct arena *a);
/* n bytes aligned for any type, or NULL past the ceiling. Memory is owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
/* Like arena_alloc, zero-filled. */
void *arena_zalloc(struct arena *a, size_t n);
/* A NUL-terminated copy of s[0..n), or NULL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* A NUL-terminated copy of s (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
