/*
 * Creating and loading the key folder of keys.h.
 */
#include "auth/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"

struct keys keys_current;

static const char *const names[] = {"field.key", "index.key", "audit.key"};

void keys_default_dir(const char *db, char *out, size_t cap)
{
	const char *slash = strrchr(db, '/');
	if (strstr(db, "://")) /* a server's URL (PostgreSQL): no file to sit beside */
		slash = NULL;
	if (!slash)
		snprintf(out, cap, "keys");
	else
		snprintf(out, cap, "%.*s/keys", (int)(slash - db), db);
}

int keys_create(const char *dir, struct gh_fail *f)
{
	if (sodium_init() < 0)
		return gh_fail_set(f, GH_EIO, NULL, "加密库初始化失败", "libsodium failed to start"), -1;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return gh_fail_set(f, GH_EIO, "keys", "无法创建密钥目录", "cannot create the key folder"), -1;
	if (chmod(dir, 0700) < 0)
		return gh_fail_set(f, GH_EIO, "keys", "无法设置密钥目录权限", "cannot set the key folder's mode"), -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[4200];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0)
			return gh_fail_set(f, GH_ECONFLICT, "keys", "密钥文件已存在，拒绝覆盖",
			                   "a key file exists already; refusing to overwrite it"),
			       -1;
		unsigned char k[KEY_BYTES];
		randombytes_buf(k, sizeof(k));
		ssize_t w = write(fd, k, sizeof(k));
		sodium_memzero(k, sizeof(k));
		if (w != (ssize_t)sizeof(k) || fsync(fd) < 0) {
			close(fd);
			return gh_fail_set(f, GH_EIO, "keys", "写入密钥失败", "cannot write a key"), -1;
		}
		close(fd);
	}
	return 0;
}

static int read_key(const char *dir, const char *name, unsigned char out[KEY_BYTES])
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, out, KEY_BYTES);
	close(fd);
	return n == KEY_BYTES ? 0 : -1;
}

int keys_load(const char *dir, struct keys *k, struct gh_fail *f)
{
	if (sodium_init() < 0)
		return gh_fail_set(f, GH_EIO, NULL, "加密库初始化失败", "libsodium failed to start"), -1;
	struct stat sb;
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode))
		return gh_fail_set(f, GH_EINVAL, "keys", "找不到密钥目录", "the key folder does not exist"), -1;
	if (sb.st_mode & 077)
		return gh_fail_set(f, GH_EINVAL, "keys", "密钥目录权限过宽（应为 0700）",
		                   "the key folder is open to others (it must be mode 0700)"),
		       -1;
	snprintf(k->dir, sizeof(k->dir), "%s", dir);
	if (read_key(dir, names[0], k->field) || read_key(dir, names[1], k->index) || read_key(dir, names[2], k->audit))
		return gh_fail_set(f, GH_EINVAL, "keys", "密钥文件缺失或损坏", "a key file is missing or damaged"), -1;
	return 0;
}

/* Whether each key file of dir exists: the count found. */
static int keys_present(const char *dir)
{
	int n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[4200];
		struct stat sb;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (stat(path, &sb) == 0)
			n++;
	}
	return n;
}

static void unlink_keys(const char *dir, size_t upto)
{
	for (size_t i = 0; i < upto; i++) {
		char path[4200];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
}

int keys_install(const char *dir, const struct keys *k, bool *wrote, struct gh_fail *f)
{
	*wrote = false;
	if (sodium_init() < 0)
		return gh_fail_set(f, GH_EIO, NULL, "加密库初始化失败", "libsodium failed to start"), -1;
	int have = keys_present(dir);
	if (have == 3) {
		struct keys cur;
		if (keys_load(dir, &cur, f) < 0)
			return -1;
		bool same = !sodium_memcmp(cur.field, k->field, KEY_BYTES) &&
		            !sodium_memcmp(cur.index, k->index, KEY_BYTES) &&
		            !sodium_memcmp(cur.audit, k->audit, KEY_BYTES);
		sodium_memzero(&cur, sizeof(cur));
		if (!same)
			return gh_fail_set(f, GH_ECONFLICT, "keys", "目标密钥目录已有另一套密钥，拒绝覆盖",
			                   "the key folder holds a different key set; refusing to overwrite it"),
			       -1;
		return 0;
	}
	if (have > 0)
		return gh_fail_set(f, GH_ECONFLICT, "keys", "目标密钥目录中的密钥不完整，拒绝覆盖",
		                   "the key folder holds an incomplete key set; refusing to overwrite it"),
		       -1;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return gh_fail_set(f, GH_EIO, "keys", "无法创建密钥目录", "cannot create the key folder"), -1;
	if (chmod(dir, 0700) < 0)
		return gh_fail_set(f, GH_EIO, "keys", "无法设置密钥目录权限", "cannot set the key folder's mode"), -1;
	const unsigned char *src[] = {k->field, k->index, k->audit};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[4200];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		bool ok = fd >= 0 && write(fd, src[i], KEY_BYTES) == KEY_BYTES && fsync(fd) == 0;
		if (fd >= 0)
			close(fd);
		if (!ok) {
			unlink_keys(dir, fd >= 0 ? i + 1 : i);
			return gh_fail_set(f, GH_EIO, "keys", "写入密钥失败", "cannot write a key"), -1;
		}
	}
	*wrote = true;
	return 0;
}

#define SEAL_HEAD 64

static void put_be64(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

static uint64_t get_be64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* The sealing key from the passphrase and the header's salt and limits. 0 or -1 (out of memory). */
static int seal_key(unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES], const char *pass,
                    const unsigned char *head)
{
	return crypto_pwhash(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, pass, strlen(pass), head + 24,
	                     get_be64(head + 8), (size_t)get_be64(head + 16), crypto_pwhash_ALG_ARGON2ID13);
}

int keys_seal(const struct keys *k, const char *pass, unsigned char out[KEYS_SEALED_BYTES], struct gh_fail *f)
{
	if (sodium_init() < 0)
		return gh_fail_set(f, GH_EIO, NULL, "加密库初始化失败", "libsodium failed to start"), -1;
	if (strlen(pass) < KEYS_PASSPHRASE_MIN)
		return gh_fail_set(f, GH_EINVAL, "passphrase", "口令太短（至少 12 个字符）",
		                   "the passphrase is too short (12 characters at least)"),
		       -1;
	memset(out, 0, SEAL_HEAD);
	memcpy(out, "GHKEYS", 6);
	out[6] = 1; /* version */
	out[7] = 1; /* Argon2id13 + XChaCha20-Poly1305-IETF */
	put_be64(out + 8, crypto_pwhash_OPSLIMIT_INTERACTIVE);
	put_be64(out + 16, crypto_pwhash_MEMLIMIT_INTERACTIVE);
	randombytes_buf(out + 24, crypto_pwhash_SALTBYTES);
	randombytes_buf(out + 40, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char plain[3 * KEY_BYTES];
	memcpy(plain, k->field, KEY_BYTES);
	memcpy(plain + KEY_BYTES, k->index, KEY_BYTES);
	memcpy(plain + 2 * KEY_BYTES, k->audit, KEY_BYTES);
	int rc = seal_key(key, pass, out);
	if (rc == 0)
		crypto_aead_xchacha20poly1305_ietf_encrypt(out + SEAL_HEAD, NULL, plain, sizeof(plain), out, SEAL_HEAD,
		                                           NULL, out + 40, key);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(plain, sizeof(plain));
	if (rc < 0)
		return gh_fail_set(f, GH_EIO, NULL, "口令派生密钥失败（内存不足）",
		                   "deriving the key from the passphrase failed (out of memory)"),
		       -1;
	return 0;
}

int keys_unseal(const unsigned char *in, size_t n, const char *pass, struct keys *k, struct gh_fail *f)
{
	if (sodium_init() < 0)
		return gh_fail_set(f, GH_EIO, NULL, "加密库初始化失败", "libsodium failed to start"), -1;
	if (n < 8 || memcmp(in, "GHKEYS", 6) != 0)
		return gh_fail_set(f, GH_EINVAL, "file", "不是 gonghui 密钥导出文件", "not a gonghui key export file"),
		       -1;
	if (in[6] != 1 || in[7] != 1)
		return gh_fail_set(f, GH_EINVAL, "file", "密钥导出文件的版本不受支持",
		                   "the key export file's version is not supported"),
		       -1;
	uint64_t ops = n >= SEAL_HEAD ? get_be64(in + 8) : 0, mem = n >= SEAL_HEAD ? get_be64(in + 16) : 0;
	/* limits within libsodium's bounds, so that a forged header cannot ask for the moon */
	if (n != KEYS_SEALED_BYTES || ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
		return gh_fail_set(f, GH_EINVAL, "file", "密钥导出文件已损坏或被篡改",
		                   "the key export file is damaged or was tampered with"),
		       -1;
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char plain[3 * KEY_BYTES];
	if (seal_key(key, pass, in) < 0)
		return gh_fail_set(f, GH_EIO, NULL, "口令派生密钥失败（内存不足）",
		                   "deriving the key from the passphrase failed (out of memory)"),
		       -1;
	int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(plain, NULL, NULL, in + SEAL_HEAD, n - SEAL_HEAD, in,
	                                                    SEAL_HEAD, in + 40, key);
	sodium_memzero(key, sizeof(key));
	if (rc != 0)
		return gh_fail_set(f, GH_EINVAL, "passphrase", "口令错误，或文件已被篡改",
		                   "wrong passphrase, or the file was tampered with"),
		       -1;
	memset(k, 0, sizeof(*k));
	memcpy(k->field, plain, KEY_BYTES);
	memcpy(k->index, plain + KEY_BYTES, KEY_BYTES);
	memcpy(k->audit, plain + 2 * KEY_BYTES, KEY_BYTES);
	sodium_memzero(plain, sizeof(plain));
	return 0;
}
