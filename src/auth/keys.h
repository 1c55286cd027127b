/*
 * The key folder (ARCHITECTURE.md, "Personal data"): the keys live in files of their own,
 * never in the database. The folder is mode 0700, each file 0600 and 32 random bytes:
 *   field.key  XChaCha20-Poly1305 key for personal fields
 *   index.key  BLAKE2b key for the blind indexes
 *   audit.key  HMAC-SHA-256 key of the audit chain
 * audit.head (text) records the head of the audit chain outside the database.
 */
#ifndef GH_AUTH_KEYS_H
#define GH_AUTH_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define KEY_BYTES 32

struct keys {
	char dir[4096];
	unsigned char field[KEY_BYTES];
	unsigned char index[KEY_BYTES];
	unsigned char audit[KEY_BYTES];
};

/* Creates dir (0700) and fresh keys; refuses if any key file exists. 0 or -1. */
int keys_create(const char *dir, struct gh_fail *f);
/* Loads the keys of dir; checks the folder is not open to others. 0 or -1. */
int keys_load(const char *dir, struct keys *k, struct gh_fail *f);
/* The default key folder of a database: the folder "keys" beside the database file; for a
 * server's URL (postgresql://…), "keys" in the working folder. */
void keys_default_dir(const char *db, char *out, size_t cap);

/* The process-wide keys, loaded once by serve or a command. */
extern struct keys keys_current;

#endif
