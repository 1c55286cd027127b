/*
 * Accounts and login (user.h).
 */
#include "domain/user.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/password.h"
#include "auth/pii.h"
#include "check/idcard.h"
#include "check/phone.h"
#include "domain/member.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/org.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static void user_read_row(struct ctx *c, struct stmt *st, struct user *u, const char **hash)
{
	memset(u, 0, sizeof(*u));
	u->id = store_col_i64(st, 0);
	u->username = arena_strdup(c->a, store_col_text(st, 1));
	u->name = arena_strdup(c->a, store_col_text(st, 2));
	int r = role_parse(store_col_text(st, 3));
	u->role = r < 0 ? ROLE_MEMBER : (enum role)r;
	u->org_id = store_col_i64(st, 4);
	u->path = arena_strdup(c->a, store_col_text(st, 5));
	u->disabled = store_col_i64(st, 6) != 0;
	u->created_at = store_col_i64(st, 7);
	u->last_login_at = store_col_null(st, 8) ? 0 : store_col_i64(st, 8);
	u->org_name = arena_strdup(c->a, store_col_text(st, 9));
	if (hash)
		*hash = arena_strdup(c->a, store_col_text(st, 10));
	u->person_id = store_col_null(st, 11) ? 0 : store_col_i64(st, 11);
}

static int load_by(struct ctx *c, enum sq q, const char *fmt, int64_t id, const char *name, struct user *u,
                   const char **hash)
{
	struct stmt *st = fmt[0] == 'i' ? store_query(c->db, q, "i", id) : store_query(c->db, q, "t", name);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW)
		user_read_row(c, st, u, hash);
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

enum gh_err user_load(struct ctx *c, int64_t id, struct user *out)
{
	int r = load_by(c, SQ_ACCOUNT_GET, "i", id, NULL, out, NULL);
	if (r < 0)
		return io_fail(c);
	if (r == 0)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "用户不存在", "no such user");
	return GH_OK;
}

enum gh_err user_get(struct ctx *c, int64_t id, struct user *out)
{
	enum gh_err e = user_load(c, id, out);
	if (e)
		return e;
	if (!scope_contains(c->who->path, out->path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "用户不存在", "no such user");
	return GH_OK;
}

enum gh_err user_list(struct ctx *c, int64_t org, const char *q, int64_t offset, int64_t limit, struct user_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	const char *lo, *hi;
	enum gh_err re = org_scope_range(c, org, &lo, &hi);
	if (re)
		return re;
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	if (q && (!text_utf8_valid(q, strlen(q)) || strlen(q) > 200))
		return gh_fail_set(&c->fail, GH_EINVAL, "q", "搜索内容无效", "the search text is not valid");
	if (q && !*q)
		q = NULL;
	if (store_one_i64(c->db, &out->total, SQ_ACCOUNT_LIST_COUNT, "ttt", lo, hi, q) < 0)
		return io_fail(c);
	struct stmt *st = store_query(c->db, SQ_ACCOUNT_LIST, "tttii", lo, hi, q, limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		user_read_row(c, st, &out->items[out->n++], NULL);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

static enum gh_err check_username(struct ctx *c, const char *u)
{
	if (!u || !*u)
		return gh_fail_set(&c->fail, GH_EMISSING, "username", "请填写用户名", "the username is required");
	size_t n = strlen(u);
	if (n < 3 || n > 32)
		return gh_fail_set(&c->fail, GH_EINVAL, "username", "用户名为 3 到 32 个字母、数字、点、下划线或连字符",
		                   "a username has 3 to 32 letters, digits, dots, underscores or hyphens");
	for (size_t i = 0; i < n; i++) {
		char ch = u[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
		      ch == '_' || ch == '-'))
			return gh_fail_set(&c->fail, GH_EINVAL, "username",
			                   "用户名为 3 到 32 个字母、数字、点、下划线或连字符",
			                   "a username has 3 to 32 letters, digits, dots, underscores or hyphens");
	}
	/* Members log in with a phone or ID number: a staff username may not look like one. */
	bool digits = true;
	for (size_t i = 0; i < n; i++)
		if (!(u[i] >= '0' && u[i] <= '9') && !(i == n - 1 && (u[i] == 'X' || u[i] == 'x')))
			digits = false;
	if (digits)
		return gh_fail_set(&c->fail, GH_EINVAL, "username", "用户名不能全为数字（会员用手机号或身份证号登录）",
		                   "a username cannot be all digits (members log in with phone or ID numbers)");
	return GH_OK;
}

static enum gh_err check_name(struct ctx *c, const char *name)
{
	if (!name || !*name)
		return gh_fail_set(&c->fail, GH_EMISSING, "name", "请填写姓名", "the name is required");
	size_t n = strlen(name);
	bool ok = text_utf8_valid(name, n) && text_utf8_count(name, n) <= 50;
	for (size_t i = 0; ok && i < n; i++)
		ok = (unsigned char)name[i] >= 0x20 && name[i] != 0x7f;
	if (!ok)
		return gh_fail_set(&c->fail, GH_EINVAL, "name", "姓名最多 50 个字，不能含控制字符",
		                   "the name has at most 50 characters and no control characters");
	return GH_OK;
}

/* A caller may hand out a role only if it may do everything that role may. */
static bool may_grant(const struct actor *who, enum role r)
{
	if (who->id == 0 || who->role == ROLE_ADMIN)
		return true;
	for (int cap = 0; cap < CAP__MAX; cap++)
		if (role_can(r, (enum cap)cap) && !role_can(who->role, (enum cap)cap))
			return false;
	return true;
}

enum gh_err user_create(struct ctx *c, const struct user_input *in, struct user *out)
{
	enum gh_err e;
	if ((e = check_username(c, in->username)) || (e = check_name(c, in->name)))
		return e;
	int role = role_parse(in->role);
	if (!in->role || !*in->role)
		return gh_fail_set(&c->fail, GH_EMISSING, "role", "请选择角色", "the role is required");
	if (role < 0 || role == ROLE_MEMBER)
		return gh_fail_set(&c->fail, GH_EINVAL, "role", "没有这个工作人员角色", "no such staff role");
	if (!may_grant(c->who, (enum role)role))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "role", "不能授予超出自身权限的角色",
		                   "you cannot grant a role beyond your own");
	if ((e = password_check_policy(in->password, &c->fail)))
		return e;
	if (in->org_id <= 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "org_id", "请选择所属组织", "the organisation is required");
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(in->password, hash) < 0)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "密码处理失败", "cannot hash the password");
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o;
	if ((e = org_get(c, in->org_id, &o))) {
		c->fail.field = "org_id";
		goto fail;
	}
	int64_t id = ids_next(c->db, 1);
	if (id < 0)
		goto io;
	int rc = store_run(c->db, SQ_ACCOUNT_INSERT, "itttitti", id, in->username, in->name,
	                   role_token((enum role)role), o.id, o.path, hash, clock_now());
	if (rc == GH_EDUP) {
		e = gh_fail_set(&c->fail, GH_EDUP, "username", "用户名已被使用", "the username is taken");
		goto fail;
	}
	const char *detail =
	        arena_printf(c->a, "{\"role\":\"%s\",\"org_id\":%" PRId64 "}", role_token((enum role)role), o.id);
	if (rc != 0 || audit_write(c, "user.create", "account", id, o.path, detail) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return user_load(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err user_update(struct ctx *c, int64_t id, const struct user_input *in, struct user *out)
{
	enum gh_err e;
	if (in->name && (e = check_name(c, in->name)))
		return e;
	int role = -1;
	if (in->role) {
		role = role_parse(in->role);
		if (role < 0 || role == ROLE_MEMBER)
			return gh_fail_set(&c->fail, GH_EINVAL, "role", "没有这个工作人员角色", "no such staff role");
		if (!may_grant(c->who, (enum role)role))
			return gh_fail_set(&c->fail, GH_EFORBIDDEN, "role", "不能授予超出自身权限的角色",
			                   "you cannot grant a role beyond your own");
	}
	char hash[PASSWORD_HASH_MAX];
	if (in->password) {
		if ((e = password_check_policy(in->password, &c->fail)))
			return e;
		if (password_hash(in->password, hash) < 0)
			return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "密码处理失败", "cannot hash the password");
	}
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct user u;
	if ((e = user_get(c, id, &u)))
		goto fail;
	if (u.id == c->who->id && (in->disabled == 1 || (role >= 0 && role != (int)u.role))) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, role >= 0 ? "role" : "disabled", "不能停用自己或修改自己的角色",
		                "you cannot disable yourself or change your own role");
		goto fail;
	}
	if (!may_grant(c->who, u.role)) {
		e = gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "不能修改权限高于自己的账号",
		                "you cannot change an account that may do more than you");
		goto fail;
	}
	int64_t now = clock_now();
	int disabled = in->disabled >= 0 ? in->disabled : u.disabled;
	if (store_run(c->db, SQ_ACCOUNT_UPDATE, "ittii", id, in->name ? in->name : u.name,
	              role_token(role >= 0 ? (enum role)role : u.role), (int64_t)disabled, now) != 0)
		goto io;
	if (in->password && store_run(c->db, SQ_ACCOUNT_SET_PASSWORD, "iti", id, hash, now) != 0)
		goto io;
	/* A disabled account, a new role or a new password ends the account's sessions. */
	if ((disabled && !u.disabled) || in->password || (role >= 0 && role != (int)u.role))
		if (session_delete_account(c->db, id) < 0)
			goto io;
	const char *detail = arena_printf(c->a, "{\"name\":%s,\"role\":%s,\"disabled\":%d,\"password\":%s}",
	                                  in->name ? "true" : "false", role >= 0 ? "true" : "false", disabled,
	                                  in->password ? "true" : "false");
	if (audit_write(c, "user.update", "account", id, u.path, detail) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return user_load(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

/* Members log in with their phone or ID number (CONTRACT.md): 1 found, 0 not a member login or
 * nobody, -1 error. A phone shared by several people logs nobody in. */
static int member_account_find(struct ctx *c, const char *login, struct user *u, const char **hash)
{
	char folded[64];
	size_t n = text_fold_ascii(login, strlen(login), folded, sizeof(folded));
	unsigned char idx[PII_INDEX_BYTES];
	int64_t pid = 0;
	char phone[24];
	struct idcard id;
	if (n == 11 && folded[0] == '1' && phone_normalize(folded, n, phone) == 0) {
		pii_index(&keys_current, PII_PHONE, phone, idx);
		struct stmt *st =
		        store_query(c->db, SQ_PERSON_BY_PHONE, "b", (const void *)idx, (size_t)PII_INDEX_BYTES);
		if (!st)
			return -1;
		int k = 0, r;
		while ((r = store_step(st)) == STORE_ROW) {
			pid = store_col_i64(st, 0);
			k++;
		}
		store_reset(st);
		if (r == STORE_ERROR)
			return -1;
		if (k != 1)
			return 0;
	} else if ((n == 15 || n == 18) && idcard_parse(folded, n, &id) == IDCARD_OK) {
		int r = person_find(c, id.number, &pid, NULL);
		if (r <= 0)
			return r;
	} else {
		return 0;
	}
	return load_by(c, SQ_ACCOUNT_BY_PERSON, "i", pid, NULL, u, hash);
}

static enum gh_err login_refused(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EUNAUTH, NULL, "用户名或密码错误", "wrong username or password");
}

enum gh_err user_login(struct ctx *c, const char *username, const char *password, struct user *out,
                       char token[SESSION_TOKEN_CHARS], char csrf[SESSION_TOKEN_CHARS])
{
	if (!username || !*username || !password || !*password || strlen(username) > 64 || strlen(password) > 512)
		return login_refused(c);
	/* The throttle table keeps keyed hashes: a mistyped login may be a phone or an ID number. */
	char folded[128];
	text_fold_ascii(username, strlen(username), folded, sizeof(folded));
	text_upper_ascii(folded);
	char *ukey = arena_alloc(c->a, 80), *ikey = arena_alloc(c->a, 80);
	if (ukey)
		pii_index_hex(&keys_current, PII_LOGIN, "u:", folded, ukey, 80);
	if (ikey)
		pii_index_hex(&keys_current, PII_LOGIN, "a:", c->ip ? c->ip : "", ikey, 80);
	if (!ukey || !ikey)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	int l1 = throttle_locked(c->db, ikey, THROTTLE_ADDRESS_LIMIT);
	int l2 = throttle_locked(c->db, ukey, THROTTLE_ACCOUNT_LIMIT);
	if (l1 < 0 || l2 < 0)
		return io_fail(c);
	if (l1 || l2)
		return gh_fail_set(&c->fail, GH_ETHROTTLED, NULL, "登录失败次数过多，请 15 分钟后再试",
		                   "too many failed logins; try again in 15 minutes");
	const char *hash = NULL;
	int r = member_account_find(c, username, out, &hash);
	if (r == 0)
		r = load_by(c, SQ_ACCOUNT_BY_USERNAME, "t", 0, username, out, &hash);
	if (r < 0)
		return io_fail(c);
	bool ok;
	if (r == 0) {
		password_dummy_verify(password);
		ok = false;
	} else {
		ok = password_verify(hash, password) && !out->disabled;
	}
	if (tx_begin(c) < 0)
		return io_fail(c);
	if (!ok) {
		if (throttle_fail(c->db, ukey) < 0 || throttle_fail(c->db, ikey) < 0)
			goto io;
		if (tx_commit(c) < 0)
			return io_fail(c);
		return login_refused(c);
	}
	struct actor who = {
	        .id = out->id, .name = out->username, .role = out->role, .org_id = out->org_id, .path = out->path};
	const struct actor *saved = c->who;
	c->who = &who;
	int64_t now = clock_now();
	if (throttle_clear(c->db, ukey) < 0 || session_create(c->db, out->id, c->ip, token, csrf) < 0 ||
	    store_run(c->db, SQ_ACCOUNT_LOGGED_IN, "ii", out->id, now) != 0 ||
	    audit_write(c, "session.login", "account", out->id,
	                out->person_id ? member_audit_path(c, out->person_id) : out->path, NULL) < 0) {
		c->who = saved;
		goto io;
	}
	if (tx_commit(c) < 0) {
		c->who = saved;
		return io_fail(c);
	}
	c->who = saved;
	out->last_login_at = now;
	return GH_OK;
io:
	tx_rollback(c);
	return io_fail(c);
}

enum gh_err user_find(struct ctx *c, const char *username, struct user *out)
{
	int r = load_by(c, SQ_ACCOUNT_BY_USERNAME, "t", 0, username, out, NULL);
	if (r < 0)
		return io_fail(c);
	if (r == 0 || !scope_contains(c->who->path, out->path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, "username", "用户不存在", "no such user");
	return GH_OK;
}
