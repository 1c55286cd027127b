/*
 * Passwords: the policy of CONTRACT.md (12 to 128 characters, no composition rules, not a
 * common password) and argon2id hashing (libsodium, t = 2, m = 19 MiB, OWASP's minimum).
 */
#ifndef GH_AUTH_PASSWORD_H
#define GH_AUTH_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define PASSWORD_HASH_MAX 128

/* Checks the policy; fills f (field "password") and returns its code, or GH_OK. */
enum gh_err password_check_policy(const char *pw, struct gh_fail *f);
/* Hashes pw into out (PASSWORD_HASH_MAX bytes, an argon2id string). 0 or -1. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* true if pw matches the stored hash. */
bool password_verify(const char *hash, const char *pw);
/* Spends the time of one verification, for unknown usernames (no timing oracle). */
void password_dummy_verify(const char *pw);
/* A random password of n characters (n < cap) from an unambiguous alphabet, for init. */
void password_generate(char *out, size_t cap, size_t n);

#endif
