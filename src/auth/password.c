/*
 * Password policy and argon2id hashing (password.h).
 */
#include "auth/password.h"

#include <assert.h>
#include <sodium.h>
#include <strings.h>
#include <string.h>

#include "base/text.h"

#define PW_OPSLIMIT 2
#define PW_MEMLIMIT ((size_t)19 << 20)

/* Common passwords of 12 characters or more, as they appear in breach lists and on Chinese
 * sites; compared case-insensitively. */
static const char *const common[] = {
        "123456789012",  "1234567890123",  "12345678901234", "123456789123",  "111111111111", "000000000000",
        "123123123123",  "qwertyuiop12",   "qwertyuiopas",   "qwerty123456",  "1qaz2wsx3edc", "1q2w3e4r5t6y",
        "password1234",  "password123456", "passw0rd1234",   "abc123456789",  "abcd12345678", "aaaaaaaaaaaa",
        "admin1234567",  "admin123456789", "administrator",  "woaini1314520", "woaini123456", "5201314520131",
        "iloveyou1234",  "zxcvbnm12345",   "asdfghjkl123",   "a123456789012", "987654321098", "147258369123",
        "gonghui123456", "gonghui12345",   "zhonghua123456", "abcdefghijkl",  "qazwsxedcrfv",
};

enum gh_err password_check_policy(const char *pw, struct gh_fail *f)
{
	if (!pw || !*pw)
		return gh_fail_set(f, GH_EMISSING, "password", "请输入密码", "a password is required");
	size_t n = strlen(pw);
	if (!text_utf8_valid(pw, n))
		return gh_fail_set(f, GH_EINVAL, "password", "密码含有非法字符", "the password is not valid UTF-8");
	size_t chars = text_utf8_count(pw, n);
	if (chars < 12)
		return gh_fail_set(f, GH_EINVAL, "password", "密码至少需要 12 个字符",
		                   "the password needs at least 12 characters");
	if (chars > 128)
		return gh_fail_set(f, GH_EINVAL, "password", "密码最多 128 个字符",
		                   "the password may have at most 128 characters");
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (!strcasecmp(pw, common[i]))
			return gh_fail_set(f, GH_EINVAL, "password", "该密码过于常见，请换一个",
			                   "this password is too common; choose another");
	bool same = true;
	for (size_t i = 1; i < n; i++)
		if (pw[i] != pw[0])
			same = false;
	if (same)
		return gh_fail_set(f, GH_EINVAL, "password", "密码不能由同一个字符重复组成",
		                   "the password may not repeat one character");
	return GH_OK;
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_MAX, "hash buffer");
	return crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
}

bool password_verify(const char *hash, const char *pw)
{
	return hash && crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void password_dummy_verify(const char *pw)
{
	static char dummy[PASSWORD_HASH_MAX];
	if (!dummy[0] && password_hash("gonghui-dummy-password", dummy) != 0)
		return;
	(void)password_verify(dummy, pw);
}

void password_generate(char *out, size_t cap, size_t n)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	if (n >= cap)
		n = cap - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[n] = 0;
}
