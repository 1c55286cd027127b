/*
 * Field encryption and blind indexes (pii.h), over libsodium.
 */
#include "auth/pii.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>

static const char *const field_names[PII__MAX] = {[PII_ID_NUMBER] = "id_number",
                                                  [PII_PHONE] = "phone",
                                                  [PII_ACTIVATION] = "activation_code",
                                                  [PII_LOGIN] = "login",
                                                  [PII_SENSITIVE] = "sensitive"};

void pii_index(const struct keys *k, enum pii_field f, const char *value, unsigned char out[PII_INDEX_BYTES])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, k->index, KEY_BYTES, PII_INDEX_BYTES);
	const char *name = field_names[f];
	crypto_generichash_update(&st, (const unsigned char *)name, strlen(name) + 1); /* the NUL separates */
	crypto_generichash_update(&st, (const unsigned char *)value, strlen(value));
	crypto_generichash_final(&st, out, PII_INDEX_BYTES);
}

/*
 * Nonces come from the system's generator like any random bytes, but a pool of them at a time:
 * one getrandom call per 170 seals instead of one per seal (a roster import seals two numbers a
 * row, and a system call is dear on these virtual machines). The pool is per thread, and every
 * pool is dropped in the child of a fork, so no two processes or threads hand out the same bytes.
 */
#define NONCE_POOL (PII_NONCE_BYTES * 170)

static atomic_uint fork_generation;
static pthread_once_t fork_hook_once = PTHREAD_ONCE_INIT;

static void after_fork_in_child(void)
{
	atomic_fetch_add(&fork_generation, 1);
}

static void fork_hook(void)
{
	pthread_atfork(NULL, NULL, after_fork_in_child);
}

static void fresh_nonce(unsigned char out[PII_NONCE_BYTES])
{
	static _Thread_local unsigned char pool[NONCE_POOL];
	static _Thread_local size_t used = NONCE_POOL;
	static _Thread_local unsigned generation;
	pthread_once(&fork_hook_once, fork_hook);
	unsigned now = atomic_load(&fork_generation);
	if (used == NONCE_POOL || generation != now) {
		randombytes_buf(pool, sizeof(pool));
		used = 0;
		generation = now;
	}
	memcpy(out, pool + used, PII_NONCE_BYTES);
	sodium_memzero(pool + used, PII_NONCE_BYTES);
	used += PII_NONCE_BYTES;
}

int pii_seal(const struct keys *k, enum pii_field f, const char *value, unsigned char *out, size_t cap)
{
	size_t n = strlen(value);
	if (n > PII_MAX_PLAIN || cap < PII_NONCE_BYTES + n + PII_TAG_BYTES)
		return -1;
	fresh_nonce(out);
	unsigned long long clen = 0;
	const char *ad = field_names[f];
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(out + PII_NONCE_BYTES, &clen, (const unsigned char *)value, n,
	                                               (const unsigned char *)ad, strlen(ad), NULL, out, k->field) != 0)
		return -1;
	return (int)(PII_NONCE_BYTES + clen);
}

int pii_open(const struct keys *k, enum pii_field f, const unsigned char *sealed, size_t n, char *out, size_t cap)
{
	if (n < PII_NONCE_BYTES + PII_TAG_BYTES || n - PII_NONCE_BYTES - PII_TAG_BYTES >= cap)
		return -1;
	unsigned long long plen = 0;
	const char *ad = field_names[f];
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &plen, NULL, sealed + PII_NONCE_BYTES,
	                                               n - PII_NONCE_BYTES, (const unsigned char *)ad, strlen(ad),
	                                               sealed, k->field) != 0)
		return -1;
	out[plen] = 0;
	return 0;
}

void pii_index_hex(const struct keys *k, enum pii_field f, const char *prefix, const char *value, char *out, size_t cap)
{
	unsigned char idx[PII_INDEX_BYTES];
	char hex[2 * PII_INDEX_BYTES + 1];
	pii_index(k, f, value, idx);
	sodium_bin2hex(hex, sizeof(hex), idx, sizeof(idx));
	snprintf(out, cap, "%s%s", prefix, hex);
}

unsigned char *pii_seal_text(const struct keys *k, enum pii_field f, const char *value, size_t *n)
{
	size_t len = strlen(value);
	unsigned char *out = malloc(PII_NONCE_BYTES + len + PII_TAG_BYTES);
	if (!out)
		return NULL;
	fresh_nonce(out);
	unsigned long long clen = 0;
	const char *ad = field_names[f];
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(out + PII_NONCE_BYTES, &clen, (const unsigned char *)value, len,
	                                               (const unsigned char *)ad, strlen(ad), NULL, out,
	                                               k->field) != 0) {
		free(out);
		return NULL;
	}
	*n = PII_NONCE_BYTES + (size_t)clen;
	return out;
}

char *pii_open_text(const struct keys *k, enum pii_field f, const unsigned char *sealed, size_t n)
{
	if (n < PII_NONCE_BYTES + PII_TAG_BYTES)
		return NULL;
	char *out = malloc(n - PII_NONCE_BYTES - PII_TAG_BYTES + 1);
	if (!out)
		return NULL;
	unsigned long long plen = 0;
	const char *ad = field_names[f];
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &plen, NULL, sealed + PII_NONCE_BYTES,
	                                               n - PII_NONCE_BYTES, (const unsigned char *)ad, strlen(ad),
	                                               sealed, k->field) != 0) {
		free(out);
		return NULL;
	}
	out[plen] = 0;
	return out;
}
