/*
 * A hash map from 64-bit integer keys to 64-bit values (open addressing, linear probing), for
 * counters and id lookups. Keys must not be INT64_MIN (the empty mark). Memory comes from
 * malloc and is freed by imap_release().
 */
#ifndef GH_BASE_IMAP_H
#define GH_BASE_IMAP_H

#include <stddef.h>
#include <stdint.h>

struct imap {
	int64_t *keys;
	int64_t *vals;
	size_t cap; /* a power of two, or 0 */
	size_t len;
};

void imap_init(struct imap *m);
void imap_release(struct imap *m);
/* The slot of key's value, created (set to 0) if absent; NULL when out of memory. */
int64_t *imap_slot(struct imap *m, int64_t key);
/* The value of key, or NULL if absent. */
int64_t *imap_get(const struct imap *m, int64_t key);
/* Iteration: for (size_t i = 0; i < m->cap; i++) if (imap_used(m, i)) ... */
#define imap_used(m, i) ((m)->keys[i] != INT64_MIN)

#endif
