/*
 * The arena allocator of arena.h: blocks of at least 16 KiB, growing geometrically, each
 * allocation rounded up to 16 bytes. Used by requests, CLI commands and tests alike.
 */
#include "base/arena.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t cap;
	size_t off;
	_Alignas(16) unsigned char data[];
};

#define ARENA_MIN_BLOCK ((size_t)16 << 10)

/* One first block kept per thread between arenas (a server worker's requests): freeing it at
 * the end of every request gave the heap a large free chunk each time, and glibc then
 * consolidated all the request's small frees (a fifth of a read's CPU). Freed when the thread
 * exits. */
static _Thread_local struct arena_block *spare;
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_free(void *b)
{
	free(b);
	spare = NULL;
}

static void spare_key_make(void)
{
	pthread_key_create(&spare_key, spare_free);
}

static void spare_put(struct arena_block *b)
{
	pthread_once(&spare_once, spare_key_make);
	spare = b;
	pthread_setspecific(spare_key, b);
}

static struct arena_block *spare_take(void)
{
	struct arena_block *b = spare;
	if (b) {
		spare = NULL;
		pthread_setspecific(spare_key, NULL);
	}
	return b;
}

void arena_init(struct arena *a, size_t limit)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
	a->limit = limit ? limit : ARENA_DEFAULT_LIMIT;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		if (b->cap == ARENA_MIN_BLOCK && !spare)
			spare_put(b);
		else
			free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n > a->limit)
		return NULL;
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	struct arena_block *b = a->head;
	if (!b || b->cap - b->off < n) {
		size_t cap = b ? b->cap * 2 : ARENA_MIN_BLOCK;
		if (cap < n)
			cap = n;
		if (a->total + cap > a->limit) {
			cap = n > a->limit - a->total ? 0 : a->limit - a->total;
			if (cap < n)
				return NULL;
		}
		struct arena_block *nb = cap == ARENA_MIN_BLOCK && spare ? spare_take() : malloc(sizeof(*nb) + cap);
		if (!nb)
			return NULL;
		nb->cap = cap;
		nb->off = 0;
		nb->next = a->head;
		a->head = nb;
		a->total += cap;
		b = nb;
	}
	void *p = b->data + b->off;
	b->off += n;
	a->used += n;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
