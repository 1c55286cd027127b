/*
 * A growable byte buffer with a ceiling (after curl's dynbuf): appends fail with -1 once the
 * content would pass `max`, so a hostile input can never make it grow without bound. Used for
 * request bodies, SQL text built at run time and file reading. The buffer owns its memory
 * (malloc); buf_release() frees it.
 */
#ifndef GH_BASE_BUF_H
#define GH_BASE_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
	size_t max;
};

/* Empty buffer that may hold at most max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the memory; the buffer is empty again and may be reused. */
void buf_release(struct buf *b);
/* Drops the content, keeps the memory. */
void buf_reset(struct buf *b);
/* Appends n bytes; -1 if that would pass max or memory runs out (content unchanged). */
int buf_add(struct buf *b, const void *p, size_t n);
/* Appends a C string. */
int buf_adds(struct buf *b, const char *s);
/* Appends printf output. */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
