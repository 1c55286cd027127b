/*
 * The integer hash map of imap.h.
 */
#include "base/imap.h"

#include <stdlib.h>

static size_t hash(int64_t k)
{
	uint64_t x = (uint64_t)k;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (size_t)x;
}

void imap_init(struct imap *m)
{
	m->keys = NULL;
	m->vals = NULL;
	m->cap = 0;
	m->len = 0;
}

void imap_release(struct imap *m)
{
	free(m->keys);
	free(m->vals);
	imap_init(m);
}

static int grow(struct imap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	int64_t *keys = malloc(cap * sizeof(*keys));
	int64_t *vals = malloc(cap * sizeof(*vals));
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (size_t i = 0; i < cap; i++)
		keys[i] = INT64_MIN;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i] == INT64_MIN)
			continue;
		size_t j = hash(m->keys[i]) & (cap - 1);
		while (keys[j] != INT64_MIN)
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

int64_t *imap_get(const struct imap *m, int64_t key)
{
	if (!m->cap)
		return NULL;
	size_t j = hash(key) & (m->cap - 1);
	while (m->keys[j] != INT64_MIN) {
		if (m->keys[j] == key)
			return &m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

int64_t *imap_slot(struct imap *m, int64_t key)
{
	int64_t *v = imap_get(m, key);
	if (v)
		return v;
	if ((m->len + 1) * 4 > m->cap * 3 && grow(m) < 0)
		return NULL;
	size_t j = hash(key) & (m->cap - 1);
	while (m->keys[j] != INT64_MIN)
		j = (j + 1) & (m->cap - 1);
	m->keys[j] = key;
	m->vals[j] = 0;
	m->len++;
	return &m->vals[j];
}
