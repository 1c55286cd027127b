/*
 * Personal data at rest (PIPL; ARCHITECTURE.md "Personal data"): ID and phone numbers are kept
 * encrypted with XChaCha20-Poly1305 under the field key, and found through a keyed BLAKE2b blind
 * index under the index key, so exact lookup and national de-duplication work without the clear
 * value ever reaching the store. The field name is bound into both (associated data and the
 * index personalisation), so an ID number's ciphertext or index cannot pass for a phone's.
 */
#ifndef GH_AUTH_PII_H
#define GH_AUTH_PII_H

#include <stddef.h>
#include <stdint.h>

#include "auth/keys.h"

#define PII_INDEX_BYTES 32
#define PII_NONCE_BYTES 24
#define PII_TAG_BYTES   16
#define PII_MAX_PLAIN   64
#define PII_MAX_SEALED  (PII_NONCE_BYTES + PII_MAX_PLAIN + PII_TAG_BYTES)

enum pii_field {
	PII_ID_NUMBER,
	PII_PHONE,
	PII_ACTIVATION,
	PII_LOGIN,     /* login names and addresses in the throttle table: never kept in clear */
	PII_SENSITIVE, /* the sensitive part of a case: health, income, hardship, a caller's identity */
	PII__MAX
};

/* The blind index of a normalised value. */
void pii_index(const struct keys *k, enum pii_field f, const char *value, unsigned char out[PII_INDEX_BYTES]);
/* Seals a value (at most PII_MAX_PLAIN bytes): nonce || ciphertext || tag into out; returns the
 * length written, or -1. */
int pii_seal(const struct keys *k, enum pii_field f, const char *value, unsigned char *out, size_t cap);
/* "<prefix>" followed by the hex of the blind index of value: a key for tables that must not hold
 * the value (64 hex characters + the prefix), allocated with malloc-free storage in out. */
void pii_index_hex(const struct keys *k, enum pii_field f, const char *prefix, const char *value, char *out,
                   size_t cap);
/* Opens a sealed value into out (NUL-terminated); 0, or -1 if it was tampered with. */
int pii_open(const struct keys *k, enum pii_field f, const unsigned char *sealed, size_t n, char *out, size_t cap);

/* Seals text of any length: a malloc'd nonce || ciphertext || tag of *n bytes, or NULL. */
unsigned char *pii_seal_text(const struct keys *k, enum pii_field f, const char *value, size_t *n);
/* Opens it: a malloc'd NUL-terminated string, or NULL if it was tampered with. */
char *pii_open_text(const struct keys *k, enum pii_field f, const unsigned char *sealed, size_t n);

#endif
