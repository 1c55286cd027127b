/*
 * Creating and loading the key folder of keys.h.
 */
#include "auth/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
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
