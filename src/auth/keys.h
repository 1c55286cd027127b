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

/* Puts the key set k into dir as it is (another installation's keys, `keys import`, `migrate`):
 * creates dir (0700) and the files (0600). An identical set already there is fine (*wrote
 * false); a different or incomplete one is refused (GH_ECONFLICT) and nothing is written. On a
 * failure while writing, the files written are removed. 0 or -1. */
int keys_install(const char *dir, const struct keys *k, bool *wrote, struct gh_fail *f);

/*
 * The key set sealed under a passphrase (`gonghui keys export|import`), so installations that
 * feed each other share one set. File format, version 1 (all integers big-endian):
 *   magic "GHKEYS" (6 bytes), version 1 (1 byte), algorithm 1 (1 byte: Argon2id13 +
 *   XChaCha20-Poly1305-IETF), opslimit (8), memlimit (8), salt (16), nonce (24),
 *   ciphertext of field.key || index.key || audit.key (96 bytes + 16 bytes tag).
 * The key is crypto_pwhash(passphrase, salt, opslimit, memlimit, Argon2id13); the 64 bytes of
 * header are the additional data, so a changed header fails like a changed ciphertext.
 */
#define KEYS_PASSPHRASE_MIN 12
#define KEYS_SEALED_BYTES   (64 + 3 * KEY_BYTES + 16)
/* Seals k into out (KEYS_SEALED_BYTES). 0 or -1. */
int keys_seal(const struct keys *k, const char *passphrase, unsigned char out[KEYS_SEALED_BYTES], struct gh_fail *f);
/* Opens a sealed set: -1 on a bad file, a wrong passphrase or a tampered file (f says which it
 * can tell apart). dir of k is left empty. */
int keys_unseal(const unsigned char *in, size_t n, const char *passphrase, struct keys *k, struct gh_fail *f);

/* The process-wide keys, loaded once by serve or a command. */
extern struct keys keys_current;

#endif
