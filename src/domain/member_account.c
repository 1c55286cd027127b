/*
 * Workers' accounts (member.h): registration on the member pages, and activation of a person who
 * came in through a roster with the one-time code their union gives them. A member account has
 * role member and the scope "/m/", which holds no organisation: members see only their own
 * records, through the routes that are theirs.
 */
#include <string.h>

#include <sodium.h>

#include "auth/audit.h"
#include "auth/password.h"
#include "auth/pii.h"
#include "auth/session.h"
#include "base/text.h"
#include "base/time.h"
#include "check/phone.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/tx.h"
#include "domain/user.h"

#define ACTIVATION_SECONDS (30 * 86400)

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

/* Creates the member account of person pid (inside the caller's transaction). */
static enum gh_err create_account(struct ctx *c, int64_t pid, const char *name, const char *password, int64_t *id)
{
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash) < 0)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "密码处理失败", "cannot hash the password");
	int64_t root;
	if (store_one_i64(c->db, &root, SQ_ORG_ROOT, "") != 1)
		return io_fail(c);
	*id = ids_next(c->db, 1);
	if (*id < 0)
		return io_fail(c);
	const char *username = arena_printf(c->a, "m%lld", (long long)pid);
	int r = store_run(c->db, SQ_ACCOUNT_INSERT_MEMBER, "ittitii", *id, username, name, root, hash, clock_now(),
	                  pid);
	if (r == GH_EDUP)
		return gh_fail_set(&c->fail, GH_ECONFLICT, "id_number", "该身份证号已注册，请直接登录",
		                   "this ID number is registered already; log in");
	return r == 0 ? GH_OK : io_fail(c);
}

enum gh_err member_register(struct ctx *c, const struct register_input *in, struct user *out)
{
	enum gh_err e;
	if (!in->phone || !*in->phone)
		return gh_fail_set(&c->fail, GH_EMISSING, "phone", "请填写手机号", "the mobile number is required");
	char phone[24];
	if (phone_normalize(in->phone, strlen(in->phone), phone) < 0 || phone[0] != '1')
		return gh_fail_set(&c->fail, GH_EINVAL, "phone", "手机号应为 11 位，1[3-9] 开头",
		                   "the mobile number has 11 digits starting 1[3-9]");
	struct person_input pin = {.id_number = in->id_number, .name = in->name, .phone = phone, .migrant = -1};
	struct person_fields f;
	if ((e = person_check(c, &pin, NULL, "", &f)))
		return e;
	if ((e = password_check_policy(in->password, &c->fail)))
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	int64_t pid = 0, aid;
	int r = person_find(c, f.id.number, &pid, NULL);
	if (r < 0)
		goto io;
	if (r == 1) {
		/* One answer whether the person has an account or is on a roster: no oracle. */
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "id_number",
		                "该身份证号已有账号或已由工会登记：请直接登录，或使用工会提供的激活码激活",
		                "this ID number has an account or is on a union's roster: log in, or activate with the "
		                "code your union gave you");
		c->fail.reason = "known_person";
		goto fail;
	}
	/* A phone that belongs to someone else cannot be taken over (it logs people in). */
	unsigned char pidx[PII_INDEX_BYTES];
	pii_index(&keys_current, PII_PHONE, phone, pidx);
	int64_t other = 0;
	int pr = store_one_i64(c->db, &other, SQ_PERSON_BY_PHONE, "b", (const void *)pidx, (size_t)PII_INDEX_BYTES);
	if (pr < 0)
		goto io;
	if (pr == 1) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "phone", "该手机号已被其他账号使用",
		                "this mobile number is in use by another account");
		c->fail.reason = "phone_taken";
		goto fail;
	}
	int at; /* a worker who registers has no membership yet: province 0 (province.h) */
	if ((e = person_save(c, &f, false, 0, &pid, &at)) || (e = create_account(c, pid, f.name, in->password, &aid)))
		goto fail;
	if (audit_write(c, "member.register", "account", aid, member_audit_path(c, pid), NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return user_load(c, aid, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

static void make_code(char code[16])
{
	static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	for (int i = 0; i < 8; i++)
		code[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	code[8] = 0;
}

enum gh_err member_activation_issue(struct ctx *c, int64_t membership_id, char code[16], int64_t *expires_at)
{
	struct member m;
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	if ((e = member_get(c, membership_id, false, &m)))
		goto fail;
	if (strcmp(m.status, "active") && strcmp(m.status, "retained")) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "会籍已结束，不能生成激活码", "the membership has ended");
		goto fail;
	}
	struct stmt *st = store_query(c->db, SQ_ACCOUNT_BY_PERSON, "i", m.person_id);
	int s = st ? store_step(st) : STORE_ERROR;
	if (st)
		store_reset(st);
	if (s == STORE_ERROR)
		goto io;
	if (s == STORE_ROW) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "该会员已开通账号", "this member has an account already");
		goto fail;
	}
	make_code(code);
	unsigned char sealed[PII_MAX_SEALED];
	int n = pii_seal(&keys_current, PII_ACTIVATION, code, sealed, sizeof(sealed));
	int64_t now = clock_now();
	*expires_at = now + ACTIVATION_SECONDS;
	if (n < 0 ||
	    store_run(c->db, SQ_ACTIVATION_SET, "ibii", m.person_id, (const void *)sealed, (size_t)n, now,
	              *expires_at) != 0 ||
	    audit_write(c, "member.activation_code", "membership", m.id, m.path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return GH_OK;
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

int member_activation_peek(struct ctx *c, int64_t person_id, char code[16])
{
	struct stmt *st = store_query(c->db, SQ_ACTIVATION_GET, "i", person_id);
	if (!st)
		return -1;
	int r = store_step(st), found = 0;
	if (r == STORE_ROW && store_col_null(st, 2) && store_col_i64(st, 1) > clock_now()) {
		size_t n;
		const unsigned char *b = store_col_blob(st, 0, &n);
		found = pii_open(&keys_current, PII_ACTIVATION, b, n, code, 16) == 0;
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : found;
}

enum gh_err member_activate(struct ctx *c, const char *id_number, const char *code, const char *password,
                            struct user *out)
{
	struct idcard id;
	enum gh_err e;
	if (!id_number || !*id_number)
		return gh_fail_set(&c->fail, GH_EMISSING, "id_number", "请填写身份证号", "the ID number is required");
	enum idcard_err ie = idcard_parse(id_number, strlen(id_number), &id);
	if (ie != IDCARD_OK)
		return gh_fail_set(&c->fail, GH_EINVAL, "id_number", idcard_err_message(ie, true),
		                   idcard_err_message(ie, false));
	if (!code || !*code)
		return gh_fail_set(&c->fail, GH_EMISSING, "code", "请填写激活码", "the activation code is required");
	if ((e = password_check_policy(password, &c->fail)))
		return e;
	/* Codes are short: failures are throttled per address like logins (20 in 15 minutes). */
	char akey[80];
	pii_index_hex(&keys_current, PII_LOGIN, "act:", c->ip ? c->ip : "", akey, sizeof(akey));
	int locked = throttle_locked(c->db, akey, 20);
	if (locked < 0)
		return io_fail(c);
	if (locked)
		return gh_fail_set(&c->fail, GH_ETHROTTLED, NULL, "尝试次数过多，请 15 分钟后再试",
		                   "too many attempts; try again in 15 minutes");
	char given[16];
	text_fold_ascii(code, strlen(code), given, sizeof(given));
	text_upper_ascii(given);
	if (tx_begin(c) < 0)
		return io_fail(c);
	int64_t pid = 0, aid;
	int prov = 0;
	int r = person_find(c, id.number, &pid, &prov);
	char want[16];
	int k = r == 1 ? member_activation_peek(c, pid, want) : r;
	if (k < 0)
		goto io;
	/* One answer for every failure: no oracle for which ID numbers are on a roster. */
	if (k == 0 || strlen(given) != strlen(want) || sodium_memcmp(given, want, strlen(want)) != 0) {
		tx_rollback(c);
		if (tx_begin(c) == 0 && throttle_fail(c->db, akey) == 0)
			tx_commit(c);
		else
			tx_rollback(c);
		return gh_fail_set(&c->fail, GH_EINVAL, "code", "身份证号或激活码不正确，或激活码已过期",
		                   "the ID number or the code is wrong, or the code has expired");
	}
	struct stmt *st = store_query(c->db, SQ_PERSON_FLAGS, "ii", pid, (int64_t)prov);
	const char *name = NULL;
	if (st && store_step(st) == STORE_ROW)
		name = arena_strdup(c->a, store_col_text(st, 5));
	if (st)
		store_reset(st);
	if (!name)
		goto io;
	if ((e = create_account(c, pid, name, password, &aid)))
		goto fail;
	if (store_run(c->db, SQ_ACTIVATION_USE, "ii", pid, clock_now()) != 0 ||
	    audit_write(c, "member.activate", "account", aid, member_audit_path(c, pid), NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return user_load(c, aid, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}
