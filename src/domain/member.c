/*
 * Persons and memberships (member.h). Counters: a current membership counts at its union in
 * STAT_MEMBERS (在会) or STAT_RETAINED (保留会籍); the 在会 ones also count by sex, migrant mark,
 * new-form employment, party membership and birth year; every episode counts a join in the month
 * it began and, once ended, a leaving in the month it ended.
 */
#include "domain/member.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/pii.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/phone.h"
#include "domain/org.h"
#include "domain/province.h"
#include "domain/stats.h"
#include "domain/tx.h"
#include "domain/vocab.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err oom(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

static enum gh_err bad(struct ctx *c, const char *prefix, const char *field, const char *reason, const char *zh,
                       const char *en)
{
	gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "%s%s", prefix, field), zh, en);
	c->fail.reason = reason;
	return GH_EINVAL;
}

static enum gh_err vocab_field(struct ctx *c, enum vocab v, const char *prefix, const char *field, const char *in,
                               const char **out)
{
	*out = NULL;
	if (!in || !*in)
		return GH_OK;
	*out = vocab_find(v, in);
	if (*out)
		return GH_OK;
	return bad(c, prefix, field, "unknown_value",
	           arena_printf(c->a, "%s「%s」不在可选范围内", vocab_name(v, true), in),
	           arena_printf(c->a, "%s '%s' is not one of the known values", vocab_name(v, false), in));
}

enum gh_err person_check(struct ctx *c, const struct person_input *in, const char *on_date, const char *prefix,
                         struct person_fields *out)
{
	memset(out, 0, sizeof(*out));
	if (!prefix)
		prefix = "";
	if (!in->id_number || !*in->id_number) {
		gh_fail_set(&c->fail, GH_EMISSING, arena_printf(c->a, "%sid_number", prefix), "请填写身份证号",
		            "the ID number is required");
		c->fail.reason = "missing_id_number";
		return GH_EMISSING;
	}
	enum idcard_err ie = idcard_parse(in->id_number, strlen(in->id_number), &out->id);
	int y, m, d;
	if (ie == IDCARD_OK) {
		if (!on_date || cal_parse_date(on_date, &y, &m, &d) < 0)
			time_local_date(clock_now(), &y, &m, &d);
		ie = idcard_check_age(&out->id, y, m, d, 16);
	}
	if (ie != IDCARD_OK)
		return bad(c, prefix, "id_number", idcard_err_code(ie), idcard_err_message(ie, true),
		           idcard_err_message(ie, false));
	const char *name = in->name;
	if (!name || !*name) {
		gh_fail_set(&c->fail, GH_EMISSING, arena_printf(c->a, "%sname", prefix), "请填写姓名",
		            "the name is required");
		c->fail.reason = "missing_name";
		return GH_EMISSING;
	}
	size_t n = strlen(name);
	bool ok = n < sizeof(out->name) && text_utf8_valid(name, n) && text_utf8_count(name, n) <= 50;
	for (size_t i = 0; ok && i < n; i++)
		ok = (unsigned char)name[i] >= 0x20 && name[i] != 0x7f;
	if (!ok)
		return bad(c, prefix, "name", "bad_name", "姓名最多 50 个字，不能含控制字符",
		           "the name has at most 50 characters and no control characters");
	memcpy(out->name, name, n + 1);
	if (in->sex && *in->sex) {
		char want = 0;
		if (!strcmp(in->sex, "男") || !strcmp(in->sex, "M") || !strcmp(in->sex, "m") ||
		    !strcmp(in->sex, "male"))
			want = 'M';
		else if (!strcmp(in->sex, "女") || !strcmp(in->sex, "F") || !strcmp(in->sex, "f") ||
		         !strcmp(in->sex, "female"))
			want = 'F';
		if (!want)
			return bad(c, prefix, "sex", "bad_sex", "性别应为男或女", "sex must be male or female");
		if (want != out->id.sex)
			return bad(c, prefix, "sex", "sex_mismatch", "性别与身份证号不符（第 17 位奇数为男、偶数为女）",
			           "the sex contradicts the ID number (digit 17: odd male, even female)");
	}
	enum gh_err e;
	if ((e = vocab_field(c, VOCAB_ETHNICITY, prefix, "ethnicity", in->ethnicity, &out->ethnicity)) ||
	    (e = vocab_field(c, VOCAB_POLITICAL, prefix, "political", in->political, &out->political)) ||
	    (e = vocab_field(c, VOCAB_EDUCATION, prefix, "education", in->education, &out->education)) ||
	    (e = vocab_field(c, VOCAB_HOUSEHOLD, prefix, "household", in->household, &out->household)) ||
	    (e = vocab_field(c, VOCAB_EMPLOYMENT, prefix, "employment", in->employment, &out->employment)) ||
	    (e = vocab_field(c, VOCAB_NEW_FORM, prefix, "new_form", in->new_form, &out->new_form)) ||
	    (e = vocab_field(c, VOCAB_SKILL, prefix, "skill", in->skill, &out->skill)))
		return e;
	if (out->new_form && !out->employment)
		out->employment = "new_form";
	if (out->new_form && strcmp(out->employment, "new_form") != 0)
		return bad(c, prefix, "new_form", "bad_new_form", "只有新就业形态劳动者才填写新就业形态类别",
		           "the new-form category is only for new forms of employment");
	out->migrant =
	        in->migrant >= 0 ? in->migrant != 0 : (out->household && !strcmp(out->household, "agricultural"));
	if (in->phone && *in->phone && phone_normalize(in->phone, strlen(in->phone), out->phone) < 0)
		return bad(c, prefix, "phone", "bad_phone", "电话应为 11 位手机号（1[3-9] 开头）或带区号的固定电话",
		           "the phone must be a mainland mobile (11 digits, 1[3-9]…) or a landline with area code");
	return GH_OK;
}

/* The person with blind index idx: 1 (*id and *province set), 0 none, -1 error. On PostgreSQL the
 * registry answers (one hash partition), with the province the person's rows are in. */
static int find_by_index(struct ctx *c, const unsigned char *idx, int64_t *id, int *province)
{
	struct stmt *st = store_query(c->db, SQ_PERSON_BY_INDEX, "b", (const void *)idx, (size_t)PII_INDEX_BYTES);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW) {
		*id = store_col_i64(st, 0);
		if (province)
			*province = (int)store_col_i64(st, 1);
	}
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

int person_find(struct ctx *c, const char *id18, int64_t *id, int *province)
{
	unsigned char idx[PII_INDEX_BYTES];
	pii_index(&keys_current, PII_ID_NUMBER, id18, idx);
	return find_by_index(c, idx, id, province);
}

int person_province(struct ctx *c, int64_t person_id, int *province)
{
	int64_t p;
	int r = store_one_i64(c->db, &p, SQ_PERSON_PROVINCE, "i", person_id);
	if (r == 1)
		*province = (int)p;
	return r;
}

/* The counted flags of a person, with their name and the blind index of their ID number. */
struct flags {
	char sex;
	int birth_year;
	bool party, migrant, new_form;
	const char *name;
	unsigned char idx[PII_INDEX_BYTES];
};

static int load_flags(struct ctx *c, int64_t person_id, int province, struct flags *f)
{
	struct stmt *st = store_query(c->db, SQ_PERSON_FLAGS, "ii", person_id, (int64_t)province);
	if (!st)
		return -1;
	int r = store_step(st);
	size_t n = 0;
	const void *idx = NULL;
	if (r == STORE_ROW) {
		f->sex = store_col_text(st, 0)[0];
		f->birth_year = (int)strtol(store_col_text(st, 1), NULL, 10);
		f->party = vocab_is_party(store_col_text(st, 2));
		f->migrant = store_col_i64(st, 3) != 0;
		f->new_form = !strcmp(store_col_text(st, 4), "new_form");
		f->name = arena_strdup(c->a, store_col_text(st, 5));
		idx = store_col_blob(st, 6, &n);
		if (idx && n == PII_INDEX_BYTES)
			memcpy(f->idx, idx, n);
	}
	store_reset(st);
	return r == STORE_ROW && f->name && n == PII_INDEX_BYTES ? 0 : -1;
}

/* Adds sign × the 在会 figures of a person at path. */
static int count_active(struct ctx *c, const char *path, const struct flags *f, int sign)
{
	int by = f->birth_year - STAT_BIRTH_FIRST;
	if (stats_add(c, path, STAT_MEMBERS, sign) < 0 || (f->sex == 'F' && stats_add(c, path, STAT_WOMEN, sign) < 0) ||
	    (f->migrant && stats_add(c, path, STAT_MIGRANT, sign) < 0) ||
	    (f->new_form && stats_add(c, path, STAT_NEW_FORM, sign) < 0) ||
	    (f->party && stats_add(c, path, STAT_PARTY, sign) < 0))
		return -1;
	if (by >= 0 && by < STAT_BIRTH_YEARS && stats_add(c, path, STAT_BIRTH_BASE + by, sign) < 0)
		return -1;
	return 0;
}

/* The current membership of a person in province (theirs: PROVINCE_UNKNOWN looks it up): 1 (id,
 * org, path, status filled), 0 none, -1 error. */
static int current_of(struct ctx *c, int64_t person_id, int province, int64_t *id, int64_t *org, const char **path,
                      const char **status)
{
	if (province < 0) {
		int r = person_province(c, person_id, &province);
		if (r <= 0)
			return r;
	}
	struct stmt *st = store_query(c->db, SQ_MEMBERSHIP_CURRENT, "ii", person_id, (int64_t)province);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW) {
		*id = store_col_i64(st, 0);
		*org = store_col_i64(st, 1);
		*path = arena_strdup(c->a, store_col_text(st, 2));
		*status = arena_strdup(c->a, store_col_text(st, 3));
	}
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

/* A person's particulars (SQ_PERSON_INSERT's and SQ_PERSON_UPDATE's order): ethnicity,
 * political, education, household, migrant, employment, new_form, skill, then the phone's
 * index, sealed value and mask (NULL when there is no phone). */
static void put_particulars(struct store_row *k, const struct person_fields *f, const unsigned char *pidx,
                            const unsigned char *psealed, int pn, const char *pmask)
{
	const char *texts[] = {f->ethnicity, f->political, f->education, f->household};
	for (int i = 0; i < 4; i++)
		store_put_text(k, texts[i]);
	store_put_i64(k, f->migrant);
	store_put_text(k, f->employment);
	store_put_text(k, f->new_form);
	store_put_text(k, f->skill);
	if (f->phone[0]) {
		store_put_blob(k, pidx, PII_INDEX_BYTES);
		store_put_blob(k, psealed, (size_t)pn);
		store_put_text(k, pmask);
	} else {
		store_put_null(k);
		store_put_null(k);
		store_put_null(k);
	}
}

enum gh_err person_save(struct ctx *c, const struct person_fields *f, bool demo, int province, int64_t *id, int *at)
{
	unsigned char idx[PII_INDEX_BYTES], pidx[PII_INDEX_BYTES];
	unsigned char sealed[PII_MAX_SEALED], psealed[PII_MAX_SEALED];
	pii_index(&keys_current, PII_ID_NUMBER, f->id.number, idx);
	int sn = pii_seal(&keys_current, PII_ID_NUMBER, f->id.number, sealed, sizeof(sealed));
	int pn = 0;
	char pmask[24] = "";
	if (f->phone[0]) {
		pii_index(&keys_current, PII_PHONE, f->phone, pidx);
		pn = pii_seal(&keys_current, PII_PHONE, f->phone, psealed, sizeof(psealed));
		phone_mask(f->phone, pmask, sizeof(pmask));
	}
	if (sn < 0 || pn < 0)
		return oom(c);
	int64_t now = clock_now();
	int64_t pid;
	int prov = 0;
	int r = find_by_index(c, idx, &pid, &prov);
	if (r < 0)
		return io_fail(c);
	if (r == 0) {
		pid = ids_next(c->db, 1);
		if (pid < 0)
			return io_fail(c);
		/* The national registry first (PostgreSQL): a number another writer claimed since the
		 * lookup belongs to that person, whose particulars are updated below. */
		int cl = province_claim_id(c, idx, pid);
		if (cl < 0)
			return io_fail(c);
		if (cl == 0)
			r = find_by_index(c, idx, &pid, &prov);
		if (r < 0 || (cl == 0 && r == 0))
			return io_fail(c);
	}
	if (r == 0) {
		char mask[19], birth[11];
		idcard_mask(f->id.number, mask);
		cal_format_date(f->id.year, f->id.month, f->id.day, birth, sizeof(birth));
		struct stmt *st = store_prepare(c->db, SQ_PERSON_INSERT);
		if (!st)
			return io_fail(c);
		store_bind_i64(st, 1, pid);
		store_bind_blob(st, 2, idx, PII_INDEX_BYTES);
		store_bind_blob(st, 3, sealed, (size_t)sn);
		store_bind_text(st, 4, mask);
		store_bind_text(st, 5, f->name);
		store_bind_text(st, 6, f->id.sex == 'F' ? "F" : "M");
		store_bind_text(st, 7, birth);
		put_particulars(&(struct store_row){.st = st, .next = 8}, f, pidx, psealed, pn, pmask);
		store_bind_i64(st, 19, demo);
		store_bind_i64(st, 20, now);
		/* the province of the membership the caller creates next, else 0 (membership_create
		 * moves the person when it differs) */
		store_bind_i64(st, 21, province);
		int s = store_step(st);
		store_reset(st);
		if (s != STORE_DONE)
			return io_fail(c);
		*id = pid;
		*at = province;
		return GH_OK;
	}
	/* An existing person: the particulars change; a current 在会 membership's counters follow. */
	int64_t mid, morg;
	const char *mpath, *mstatus;
	int cur = current_of(c, pid, prov, &mid, &morg, &mpath, &mstatus);
	if (cur < 0)
		return io_fail(c);
	struct flags before;
	bool counted = cur == 1 && !strcmp(mstatus, "active");
	if (load_flags(c, pid, prov, &before) < 0 || (counted && count_active(c, mpath, &before, -1) < 0))
		return io_fail(c);
	struct stmt *st = store_prepare(c->db, SQ_PERSON_UPDATE);
	if (!st)
		return io_fail(c);
	store_bind_i64(st, 1, pid);
	store_bind_text(st, 2, f->name);
	put_particulars(&(struct store_row){.st = st, .next = 3}, f, pidx, psealed, pn, pmask);
	store_bind_i64(st, 14, now);
	store_bind_i64(st, 15, prov);
	int s = store_step(st);
	store_reset(st);
	/* the name of every episode (the roster sorts by it), wherever it is: only when it changed */
	if (s != STORE_DONE ||
	    (strcmp(before.name, f->name) != 0 && store_run(c->db, SQ_MEMBERSHIP_RENAME, "it", pid, f->name) != 0))
		return io_fail(c);
	struct flags after;
	if (counted && (load_flags(c, pid, prov, &after) < 0 || count_active(c, mpath, &after, 1) < 0))
		return io_fail(c);
	*id = pid;
	*at = prov;
	return GH_OK;
}

void member_number(const char *division, const char *joined_on, int64_t id, char out[32])
{
	/* M + province (2) + year of joining (4) + installation (4) + local sequence (10): unique
	 * because the id is, readable because the first digits say where and when. */
	int64_t inst = id >> 40, seq = id & ((INT64_C(1) << 40) - 1);
	snprintf(out, 32, "M%.2s%.4s%04" PRId64 "%010" PRId64, division, joined_on, inst % 10000,
	         seq % INT64_C(10000000000));
}

static int add_event(struct ctx *c, int64_t mid, const char *on, const char *from, const char *to, const char *reason)
{
	return store_run(c->db, SQ_MEMBER_EVENT_INSERT,
	                 "iitttt"
	                 "t",
	                 mid, clock_now(), on, from, to, reason, c->who ? c->who->name : NULL);
}

/* The union's name for a conflict message, only when the caller may see it. */
static const char *union_name_in_scope(struct ctx *c, int64_t org, const char *path)
{
	if (!scope_contains(c->who->path, path))
		return NULL;
	struct org o;
	return org_load(c, org, &o) == GH_OK ? o.name : NULL;
}

enum gh_err membership_create(struct ctx *c, int64_t person_id, int pprov, int64_t org_id, const char *joined_on,
                              const char *via, bool demo, int64_t *membership_id)
{
	if (pprov < 0 && person_province(c, person_id, &pprov) != 1)
		return io_fail(c);
	int64_t cid, corg;
	const char *cpath, *cstatus;
	int cur = current_of(c, person_id, pprov, &cid, &corg, &cpath, &cstatus);
	if (cur < 0)
		return io_fail(c);
	if (cur == 1) {
		const char *name = union_name_in_scope(c, corg, cpath);
		if (corg == org_id) {
			gh_fail_set(&c->fail, GH_ECONFLICT, "id_number", "已是本工会会员",
			            "already a member of this union");
			c->fail.reason = "already_member_here";
		} else if (name) {
			gh_fail_set(&c->fail, GH_ECONFLICT, "id_number", arena_printf(c->a, "已是%s的会员", name),
			            arena_printf(c->a, "already a member of %s", name));
			c->fail.reason = "member_elsewhere";
		} else {
			gh_fail_set(&c->fail, GH_ECONFLICT, "id_number", "已是其他工会的会员（一人只能有一个会籍）",
			            "already a member of another union (one membership per person)");
			c->fail.reason = "member_elsewhere";
		}
		return GH_ECONFLICT;
	}
	struct org o;
	enum gh_err e = org_load(c, org_id, &o);
	if (e)
		return e;
	if (org_kind_is_geographic(o.kind) && o.kind != KIND_TOWN && o.kind != KIND_COUNTY) {
		return gh_fail_set(&c->fail, GH_EINVAL, "org_id",
		                   "会员应加入基层工会或所在地的乡镇（街道）、县级总工会",
		                   "members join a grassroots union, or the town or county federation of their place");
	}
	int64_t mid = ids_next(c->db, 1);
	if (mid < 0)
		return io_fail(c);
	char no[32];
	member_number(o.division, joined_on, mid, no);
	struct flags f;
	if (load_flags(c, person_id, pprov, &f) < 0)
		return io_fail(c);
	/* one current membership in the whole country: claimed first, since on PostgreSQL the unique
	 * index membership_current only holds inside a province */
	int64_t prov = province_of(o.division);
	int cl = province_claim_membership(c, person_id, mid);
	if (cl < 0)
		return io_fail(c);
	int r = cl == 0 ? GH_EDUP
	                : store_run(c->db, SQ_MEMBERSHIP_INSERT, "iiitttttiii", mid, person_id, org_id, o.path, no,
	                            f.name, joined_on, via, (int64_t)demo, clock_now(), prov);
	if (r == GH_EDUP) {
		gh_fail_set(&c->fail, GH_ECONFLICT, "id_number", "已是其他工会的会员（一人只能有一个会籍）",
		            "already a member of another union (one membership per person)");
		c->fail.reason = "member_elsewhere";
		return GH_ECONFLICT;
	}
	if (r != 0 || (prov != pprov && province_move_person(c, person_id, f.idx, pprov, (int)prov) < 0) ||
	    add_event(c, mid, joined_on, NULL, "active", via) < 0 || count_active(c, o.path, &f, 1) < 0 ||
	    stats_add_month(c, o.path, stats_month_of(joined_on), MONTH_JOINS, 1) < 0)
		return io_fail(c);
	*membership_id = mid;
	return GH_OK;
}

static void member_read_row(struct ctx *c, struct stmt *st, struct member *m)
{
	memset(m, 0, sizeof(*m));
	m->id = store_col_i64(st, 0);
	m->person_id = store_col_i64(st, 1);
	m->member_no = arena_strdup(c->a, store_col_text(st, 2));
	m->name = arena_strdup(c->a, store_col_text(st, 3));
	m->sex = store_col_text(st, 4)[0];
	m->birth_date = arena_strdup(c->a, store_col_text(st, 5));
	m->id_number = arena_strdup(c->a, store_col_text(st, 6));
	m->phone = store_col_null(st, 7) ? NULL : arena_strdup(c->a, store_col_text(st, 7));
	const char **v[] = {&m->ethnicity, &m->political, &m->education, &m->household};
	for (int i = 0; i < 4; i++)
		*v[i] = store_col_null(st, 8 + i) ? NULL : arena_strdup(c->a, store_col_text(st, 8 + i));
	m->migrant = store_col_i64(st, 12) != 0;
	const char **w[] = {&m->employment, &m->new_form, &m->skill};
	for (int i = 0; i < 3; i++)
		*w[i] = store_col_null(st, 13 + i) ? NULL : arena_strdup(c->a, store_col_text(st, 13 + i));
	m->org_id = store_col_i64(st, 16);
	m->org_name = arena_strdup(c->a, store_col_text(st, 17));
	m->path = arena_strdup(c->a, store_col_text(st, 18));
	m->joined_on = arena_strdup(c->a, store_col_text(st, 19));
	m->status = arena_strdup(c->a, store_col_text(st, 20));
	m->status_on = arena_strdup(c->a, store_col_text(st, 21));
	m->status_reason = store_col_null(st, 22) ? NULL : arena_strdup(c->a, store_col_text(st, 22));
	m->via = arena_strdup(c->a, store_col_text(st, 23));
	m->demo = store_col_i64(st, 24) != 0;
	m->province = (int)store_col_i64(st, 25);
	m->person_province = (int)store_col_i64(st, 26);
}

static enum gh_err member_not_found(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "会员不存在", "no such member");
}

/* Opens the sealed numbers of m's person and audits the reveal (its own transaction). */
static enum gh_err reveal(struct ctx *c, struct member *m)
{
	if (!role_can(c->who->role, CAP_PII_REVEAL))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "reveal", "无权查看完整的身份证号和电话",
		                   "you may not see full ID and phone numbers");
	struct stmt *st = store_query(c->db, SQ_PERSON_SEALED, "ii", m->person_id, (int64_t)m->person_province);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	char idn[PII_MAX_PLAIN + 1] = "", ph[PII_MAX_PLAIN + 1] = "";
	bool ok = r == STORE_ROW;
	if (ok) {
		size_t n;
		const unsigned char *b = store_col_blob(st, 0, &n);
		ok = pii_open(&keys_current, PII_ID_NUMBER, b, n, idn, sizeof(idn)) == 0;
		if (ok && !store_col_null(st, 1)) {
			b = store_col_blob(st, 1, &n);
			ok = pii_open(&keys_current, PII_PHONE, b, n, ph, sizeof(ph)) == 0;
		}
	}
	store_reset(st);
	if (!ok)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "无法解密（密钥不匹配或数据被篡改）",
		                   "cannot decrypt (wrong key set or tampered data)");
	if (tx_begin(c) < 0)
		return io_fail(c);
	if (audit_write(c, "member.reveal", "membership", m->id, m->path, "{\"fields\":[\"id_number\",\"phone\"]}") <
	            0 ||
	    tx_commit(c) < 0) {
		tx_rollback(c);
		return io_fail(c);
	}
	m->id_number = arena_strdup(c->a, idn);
	if (m->phone)
		m->phone = arena_strdup(c->a, ph);
	m->revealed = true;
	return GH_OK;
}

/* Membership id read in province (PROVINCE_UNKNOWN: by id alone; also when it is not found there,
 * as when its person has moved to another province since): 1, 0 none, -1 error. */
static int member_fetch(struct ctx *c, int64_t id, int province, struct member *out)
{
	for (int pass = province < 0; pass < 2; pass++) {
		struct stmt *st = pass ? store_query(c->db, SQ_MEMBER_GET_ANY, "i", id)
		                       : store_query(c->db, SQ_MEMBER_GET, "ii", id, (int64_t)province);
		if (!st)
			return -1;
		int r = store_step(st);
		if (r == STORE_ROW)
			member_read_row(c, st, out);
		store_reset(st);
		if (r != STORE_DONE)
			return r == STORE_ROW ? 1 : -1;
	}
	return 0;
}

/* member_get with the province where the membership is looked for first. */
static enum gh_err member_get_in(struct ctx *c, int64_t id, int province, bool want_reveal, struct member *out)
{
	int r = member_fetch(c, id, province, out);
	if (r < 0)
		return io_fail(c);
	if (r == 0 || !scope_contains(c->who->path, out->path))
		return member_not_found(c);
	return want_reveal ? reveal(c, out) : GH_OK;
}

enum gh_err member_get(struct ctx *c, int64_t id, bool want_reveal, struct member *out)
{
	return member_get_in(c, id, province_of_scope(c), want_reveal, out);
}

#define MEMBER_TOTAL_CAP 10000

/* The end of the range of names that begin with prefix: prefix followed by U+10FFFF, the highest
 * code point, which sorts after every name that begins with prefix (byte order in SQLite, code
 * point order in PostgreSQL's C.UTF-8). */
static const char *name_prefix_end(struct ctx *c, const char *prefix)
{
	size_t n = strlen(prefix);
	char *end = arena_alloc(c->a, n + 5);
	if (!end)
		return NULL;
	memcpy(end, prefix, n);
	memcpy(end + n, "\xf4\x8f\xbf\xbf", 5);
	return end;
}

enum gh_err member_list(struct ctx *c, int64_t org, const char *q, const char *status, int64_t offset, int64_t limit,
                        struct member_list *out)
{
	return member_list_after(c, org, q, status, 0, offset, limit, out);
}

enum gh_err member_list_after(struct ctx *c, int64_t org, const char *q, const char *status, int64_t after,
                              int64_t offset, int64_t limit, struct member_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	const char *lo, *hi;
	enum gh_err re = org_scope_range(c, org, &lo, &hi);
	if (re)
		return re;
	if (!status || !*status)
		status = "current";
	if (strcmp(status, "current") && strcmp(status, "all") && !vocab_find(VOCAB_STATUS, status))
		return gh_fail_set(&c->fail, GH_EINVAL, "status", "会籍状态应为 current、all 或某一状态",
		                   "status must be current, all or one status");
	if (strcmp(status, "current") && strcmp(status, "all"))
		status = vocab_find(VOCAB_STATUS, status);
	char folded[256];
	const char *text = NULL;
	if (q && *q) {
		if (!text_utf8_valid(q, strlen(q)) || strlen(q) > 200)
			return gh_fail_set(&c->fail, GH_EINVAL, "q", "搜索内容无效", "the search text is not valid");
		text_fold_ascii(q, strlen(q), folded, sizeof(folded));
		text = folded[0] ? arena_strdup(c->a, folded) : NULL;
	}
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return oom(c);
	/* a name search is the start of the name (a surname, a full name, a surname and the start of
	 * the given name) or of the given name (秀英 finds 王秀英): two ranges of the name indexes
	 * whatever the size of the scope, where a substring would scan the whole scope (bench/README.md,
	 * W4) */
	const char *text_hi = text ? name_prefix_end(c, text) : NULL;
	if (text && !text_hi)
		return oom(c);
	int cr = text ? store_one_i64(c->db, &out->total, SQ_MEMBER_SEARCH_COUNT, "ttttit", lo, hi, text, status,
	                              (int64_t)MEMBER_TOTAL_CAP + 1, text_hi)
	              : store_one_i64(c->db, &out->total, SQ_MEMBER_LIST_COUNT, "tttti", lo, hi, text, status,
	                              (int64_t)MEMBER_TOTAL_CAP + 1);
	if (cr < 0)
		return io_fail(c);
	if (out->total > MEMBER_TOTAL_CAP) {
		out->total = MEMBER_TOTAL_CAP;
		out->total_capped = true;
	}
	/* the cursor: the name and id of the row the previous page ended with (any row of the store:
	 * only its place in the order counts, it reveals nothing) */
	const char *after_name = NULL;
	if (after > 0) {
		struct stmt *an = store_query(c->db, SQ_MEMBER_NAME, "i", after);
		if (!an)
			return io_fail(c);
		int ar = store_step(an);
		if (ar == STORE_ROW)
			after_name = arena_strdup(c->a, store_col_text(an, 0));
		store_reset(an);
		if (ar == STORE_ERROR)
			return io_fail(c);
		if (ar != STORE_ROW)
			return gh_fail_set(&c->fail, GH_EINVAL, "after", "翻页位置无效",
			                   "no such position to continue from");
	}
	/* more than MEMBER_TOTAL_CAP rows (a large scope, or a common name searched in one) are read in
	 * name order through the name index until the page is full; fewer are found and sorted */
	struct stmt *st;
	if (out->total_capped)
		st = store_query(c->db, SQ_MEMBER_LIST_BY_NAME, "ttttiitit", lo, hi, text, status, limit, offset,
		                 after_name, after, text_hi);
	else if (text)
		st = store_query(c->db, SQ_MEMBER_SEARCH, "ttttiitit", lo, hi, text, status, limit, offset, after_name,
		                 after, text_hi);
	else
		st = store_query(c->db, SQ_MEMBER_LIST, "ttttiiti", lo, hi, text, status, limit, offset, after_name,
		                 after);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		member_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

int member_current_in(struct ctx *c, int64_t person_id, int province, struct member *out)
{
	if (province < 0) {
		int r = person_province(c, person_id, &province);
		if (r <= 0)
			return r;
	}
	int64_t id, org;
	const char *path, *status;
	int r = current_of(c, person_id, province, &id, &org, &path, &status);
	if (r <= 0)
		return r;
	/* a current membership is in its person's province */
	return member_fetch(c, id, province, out) == 1 ? 1 : -1;
}

int member_current(struct ctx *c, int64_t person_id, struct member *out)
{
	return member_current_in(c, person_id, PROVINCE_UNKNOWN, out);
}

enum gh_err member_lookup(struct ctx *c, const char *id_number, bool want_reveal, struct member *out)
{
	struct idcard id;
	if (!id_number || !*id_number)
		return gh_fail_set(&c->fail, GH_EMISSING, "id_number", "请填写身份证号", "the ID number is required");
	enum idcard_err ie = idcard_parse(id_number, strlen(id_number), &id);
	if (ie != IDCARD_OK)
		return gh_fail_set(&c->fail, GH_EINVAL, "id_number", idcard_err_message(ie, true),
		                   idcard_err_message(ie, false));
	int64_t pid;
	int prov = 0;
	int r = person_find(c, id.number, &pid, &prov);
	if (r < 0)
		return io_fail(c);
	if (r == 0)
		return member_not_found(c);
	r = member_current_in(c, pid, prov, out);
	if (r < 0)
		return io_fail(c);
	if (r == 0 || !scope_contains(c->who->path, out->path))
		return member_not_found(c);
	return want_reveal ? reveal(c, out) : GH_OK;
}

enum gh_err member_history(struct ctx *c, int64_t person_id, struct member_list *out)
{
	memset(out, 0, sizeof(*out));
	out->limit = 64;
	out->items = arena_alloc(c->a, sizeof(*out->items) * 64);
	if (!out->items)
		return oom(c);
	struct stmt *st = store_query(c->db, SQ_MEMBER_OF_PERSON, "i", person_id);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < 64)
		member_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	out->total = out->n;
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err member_events(struct ctx *c, int64_t membership_id, struct member_event **ev, int *n)
{
	*n = 0;
	*ev = arena_alloc(c->a, sizeof(**ev) * 64);
	if (!*ev)
		return oom(c);
	struct stmt *st = store_query(c->db, SQ_MEMBER_EVENTS, "i", membership_id);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && *n < 64) {
		struct member_event *e = &(*ev)[(*n)++];
		e->at = store_col_i64(st, 0);
		e->on_date = arena_strdup(c->a, store_col_text(st, 1));
		e->from_status = store_col_null(st, 2) ? NULL : arena_strdup(c->a, store_col_text(st, 2));
		e->to_status = arena_strdup(c->a, store_col_text(st, 3));
		e->reason = store_col_null(st, 4) ? NULL : arena_strdup(c->a, store_col_text(st, 4));
		e->actor = store_col_null(st, 5) ? NULL : arena_strdup(c->a, store_col_text(st, 5));
	}
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

/* Moves the counters of a membership from one status to another at path. */
static int count_change(struct ctx *c, const char *path, int64_t person_id, int province, const char *from,
                        const char *to, const char *on)
{
	struct flags f;
	if (load_flags(c, person_id, province, &f) < 0)
		return -1;
	if (!strcmp(from, "active") && count_active(c, path, &f, -1) < 0)
		return -1;
	if (!strcmp(from, "retained") && stats_add(c, path, STAT_RETAINED, -1) < 0)
		return -1;
	if (!strcmp(to, "active") && count_active(c, path, &f, 1) < 0)
		return -1;
	if (!strcmp(to, "retained") && stats_add(c, path, STAT_RETAINED, 1) < 0)
		return -1;
	bool ends = strcmp(to, "active") && strcmp(to, "retained");
	if (ends && stats_add_month(c, path, stats_month_of(on), MONTH_LEAVES, 1) < 0)
		return -1;
	return 0;
}

static enum gh_err check_on_date(struct ctx *c, const char *on, const char *joined_on)
{
	int y, m, d, ty, tm, td;
	if (cal_parse_date(on, &y, &m, &d) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "on", "日期格式应为 YYYY-MM-DD", "the date must be YYYY-MM-DD");
	time_local_date(clock_now(), &ty, &tm, &td);
	if (cal_days_from_civil(y, m, d) > cal_days_from_civil(ty, tm, td))
		return gh_fail_set(&c->fail, GH_EINVAL, "on", "日期不能晚于今天", "the date cannot be in the future");
	if (joined_on && strcmp(on, joined_on) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "on", "日期不能早于入会日期",
		                   "the date cannot be before the join date");
	return GH_OK;
}

enum gh_err membership_set_status(struct ctx *c, int64_t id, const char *status, const char *on_date,
                                  const char *reason, struct member *out)
{
	const char *to = vocab_find(VOCAB_STATUS, status);
	if (!to || !strcmp(to, "transferred"))
		return gh_fail_set(&c->fail, GH_EINVAL, "status",
		                   "会籍状态应为在会、保留会籍、退会、除名或去世（转出请走会员接转）",
		                   "status must be active, retained, withdrawn, expelled or deceased (transfers go "
		                   "through a transfer case)");
	char today[11];
	if (!on_date || !*on_date) {
		int y, m, d;
		time_local_date(clock_now(), &y, &m, &d);
		cal_format_date(y, m, d, today, sizeof(today));
		on_date = today;
	}
	if (reason && (!text_utf8_valid(reason, strlen(reason)) || text_utf8_count(reason, strlen(reason)) > 200))
		return gh_fail_set(&c->fail, GH_EINVAL, "reason", "原因最多 200 个字",
		                   "the reason has at most 200 characters");
	bool needs_reason = !strcmp(to, "expelled") || !strcmp(to, "withdrawn");
	if (needs_reason && (!reason || !*reason))
		return gh_fail_set(&c->fail, GH_EMISSING, "reason", "退会、除名需要填写原因",
		                   "withdrawal and removal need a reason");
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct member m;
	enum gh_err e = member_get(c, id, false, &m);
	if (e)
		goto fail;
	if ((e = check_on_date(c, on_date, m.joined_on)))
		goto fail;
	bool from_current = !strcmp(m.status, "active") || !strcmp(m.status, "retained");
	if (!from_current || !strcmp(m.status, to)) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "status", "当前会籍状态不允许这一变更",
		                "the membership's status does not allow this change");
		goto fail;
	}
	bool to_current = !strcmp(to, "active") || !strcmp(to, "retained");
	if (store_run(c->db, SQ_MEMBERSHIP_SET_STATUS, "itttii", id, to, on_date, reason, clock_now(),
	              (int64_t)m.province) != 0 ||
	    (!to_current && province_release_membership(c, m.person_id, id) < 0) ||
	    add_event(c, id, on_date, m.status, to, reason) < 0 ||
	    count_change(c, m.path, m.person_id, m.person_province, m.status, to, on_date) < 0 ||
	    audit_write(c, "member.status", "membership", id, m.path,
	                arena_printf(c->a, "{\"from\":\"%s\",\"to\":\"%s\"}", m.status, to)) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return member_get_in(c, id, m.province, false, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err membership_transfer_out(struct ctx *c, const struct member *m, const char *on_date, const char *reason)
{
	if (strcmp(m->status, "active") && strcmp(m->status, "retained"))
		return gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "会籍已不在本工会",
		                   "the membership is no longer current");
	if (store_run(c->db, SQ_MEMBERSHIP_SET_STATUS, "itttii", m->id, "transferred", on_date, reason, clock_now(),
	              (int64_t)m->province) != 0 ||
	    province_release_membership(c, m->person_id, m->id) < 0 ||
	    add_event(c, m->id, on_date, m->status, "transferred", reason) < 0 ||
	    count_change(c, m->path, m->person_id, m->person_province, m->status, "transferred", on_date) < 0)
		return io_fail(c);
	return GH_OK;
}

enum gh_err member_add(struct ctx *c, int64_t org_id, const char *joined_on, const struct person_input *in,
                       struct member *out)
{
	enum gh_err e = check_on_date(c, joined_on, NULL);
	if (e) {
		c->fail.field = "joined_on";
		return e;
	}
	struct person_fields f;
	if ((e = person_check(c, in, joined_on, "", &f)))
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o;
	if ((e = org_get(c, org_id, &o))) {
		c->fail.field = "org_id";
		goto fail;
	}
	int64_t pid, mid;
	int prov = province_of(o.division), at;
	if ((e = person_save(c, &f, false, prov, &pid, &at)) ||
	    (e = membership_create(c, pid, at, o.id, joined_on, "cadre", false, &mid)))
		goto fail;
	if (audit_write(c, "member.create", "membership", mid, o.path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return member_get_in(c, mid, prov, false, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err member_list_from(struct ctx *c, struct stmt *st, struct member_list *out)
{
	if (!st)
		return io_fail(c);
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(out->limit > 0 ? out->limit : 1));
	if (!out->items) {
		store_reset(st);
		return oom(c);
	}
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < out->limit)
		member_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err person_reveal_self(struct ctx *c, char id_number[65], char phone[65])
{
	id_number[0] = phone[0] = 0;
	if (!c->who->person_id)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "此账号不是会员账号", "this is not a member account");
	int prov = 0;
	int pr = person_province(c, c->who->person_id, &prov);
	if (pr < 0)
		return io_fail(c);
	if (pr == 0)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "此账号不是会员账号", "this is not a member account");
	struct stmt *st = store_query(c->db, SQ_PERSON_SEALED, "ii", c->who->person_id, (int64_t)prov);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	bool ok = r == STORE_ROW;
	if (ok) {
		size_t n;
		const unsigned char *b = store_col_blob(st, 0, &n);
		ok = pii_open(&keys_current, PII_ID_NUMBER, b, n, id_number, 65) == 0;
		if (ok && !store_col_null(st, 1)) {
			b = store_col_blob(st, 1, &n);
			ok = pii_open(&keys_current, PII_PHONE, b, n, phone, 65) == 0;
		}
	}
	store_reset(st);
	if (!ok)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "无法解密个人信息", "cannot decrypt the personal data");
	if (tx_begin(c) < 0)
		return io_fail(c);
	if (audit_write(c, "member.self_export", "person", c->who->person_id, member_audit_path(c, c->who->person_id),
	                NULL) < 0 ||
	    tx_commit(c) < 0) {
		tx_rollback(c);
		return io_fail(c);
	}
	return GH_OK;
}

const char *member_audit_path(struct ctx *c, int64_t person_id)
{
	int64_t id, org;
	const char *path, *status;
	if (person_id && current_of(c, person_id, PROVINCE_UNKNOWN, &id, &org, &path, &status) == 1)
		return path;
	int64_t root;
	struct org o;
	if (store_one_i64(c->db, &root, SQ_ORG_ROOT, "") == 1 && org_load(c, root, &o) == GH_OK)
		return o.path;
	return "/";
}

int member_has_account(struct ctx *c, int64_t person_id)
{
	struct stmt *st = store_query(c->db, SQ_ACCOUNT_BY_PERSON, "i", person_id);
	if (!st)
		return -1;
	int r = store_step(st);
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

/* ---- Bulk writes of a roster import (member.h, member_import_*) ---- */

/* Ids are taken from the store this many at a time (two per new member). */
#define IMPORT_ID_BLOCK 4096
/* New members are written this many at a time, one statement per table (SQL_IMPORT_ROWS): the
 * cost of a statement (its step, its statement journal) is shared by the rows. */
#define IMPORT_BATCH 16
/* ... or, where the store loads by COPY (PostgreSQL), this many a COPY per table. */
#define IMPORT_COPY_BATCH 2048
/* Parameter k (1-based) of row r (0-based) of a batched insert: ?r01… of SQL_IMPORT_ROWS. */
#define IMPORT_PARAM(r, k) (((r) + 1) * 100 + (k))

/* A new member waiting in the batch. */
struct import_row {
	struct person_fields f;
	struct person_sealed s;
	char joined[11];
	int64_t pid, mid;
};

struct member_import {
	struct ctx *c;
	int64_t org_id;
	char path[512];
	char division[16];
	int64_t province; /* of the union: every row of the import goes there */
	const char *via;
	int64_t id_next, id_end; /* the block of ids in hand: [id_next, id_end) */
	/* the counters of the members written here, applied once by member_import_close */
	int64_t members, women, migrant, new_form, party;
	int64_t births[STAT_BIRTH_YEARS];
	int joins_month[64]; /* distinct yyyymm of the join dates seen, with their counts */
	int64_t joins_count[64];
	int n_months;
	bool copy;                /* the batch is written by COPY (store_bulk_copies), else by statements */
	struct import_row *batch; /* the new members waiting: up to cap */
	int n_batch, cap;
};

enum gh_err member_import_open(struct ctx *c, int64_t org_id, const char *via, struct member_import **out)
{
	*out = NULL;
	struct org o;
	enum gh_err e = org_load(c, org_id, &o);
	if (e)
		return e;
	if (org_kind_is_geographic(o.kind) && o.kind != KIND_TOWN && o.kind != KIND_COUNTY)
		return gh_fail_set(&c->fail, GH_EINVAL, "org_id",
		                   "会员应加入基层工会或所在地的乡镇（街道）、县级总工会",
		                   "members join a grassroots union, or the town or county federation of their place");
	struct member_import *mi = calloc(1, sizeof(*mi));
	if (!mi)
		return oom(c);
	mi->c = c;
	mi->org_id = o.id;
	mi->via = via;
	snprintf(mi->path, sizeof(mi->path), "%s", o.path);
	snprintf(mi->division, sizeof(mi->division), "%s", o.division);
	mi->province = province_of(o.division);
	mi->copy = store_bulk_copies(c->db);
	mi->cap = mi->copy ? IMPORT_COPY_BATCH : IMPORT_BATCH;
	mi->batch = calloc((size_t)mi->cap, sizeof(*mi->batch));
	if (!mi->batch) {
		free(mi);
		return oom(c);
	}
	*out = mi;
	return GH_OK;
}

void member_import_seal(const struct person_fields *f, struct person_sealed *s)
{
	memset(s, 0, sizeof(*s));
	pii_index(&keys_current, PII_ID_NUMBER, f->id.number, s->id_index);
	s->id_len = pii_seal(&keys_current, PII_ID_NUMBER, f->id.number, s->id_sealed, sizeof(s->id_sealed));
	if (f->phone[0]) {
		pii_index(&keys_current, PII_PHONE, f->phone, s->phone_index);
		s->phone_len = pii_seal(&keys_current, PII_PHONE, f->phone, s->phone_sealed, sizeof(s->phone_sealed));
		phone_mask(f->phone, s->phone_masked, sizeof(s->phone_masked));
	}
}

int member_import_find(struct member_import *mi, const struct person_sealed *s, int64_t *person_id, int *province)
{
	return find_by_index(mi->c, s->id_index, person_id, province);
}

/* Two fresh ids from the block in hand, refilled from the store when it runs out. */
static int import_ids(struct member_import *mi, int64_t *a, int64_t *b)
{
	if (mi->id_end - mi->id_next < 2) {
		int64_t first = ids_next(mi->c->db, IMPORT_ID_BLOCK);
		if (first < 0)
			return -1;
		mi->id_next = first;
		mi->id_end = first + IMPORT_ID_BLOCK;
	}
	*a = mi->id_next++;
	*b = mi->id_next++;
	return 0;
}

/* Counts a new 在会 member of this import (what count_active and the join month would add). */
static int import_count(struct member_import *mi, const struct person_fields *f, const char *joined_on)
{
	mi->members++;
	mi->women += f->id.sex == 'F';
	mi->migrant += f->migrant;
	mi->new_form += f->employment && !strcmp(f->employment, "new_form");
	mi->party += vocab_is_party(f->political);
	int by = f->id.year - STAT_BIRTH_FIRST;
	if (by >= 0 && by < STAT_BIRTH_YEARS)
		mi->births[by]++;
	int month = stats_month_of(joined_on);
	if (month <= 0)
		return -1;
	for (int i = 0; i < mi->n_months; i++) {
		if (mi->joins_month[i] == month) {
			mi->joins_count[i]++;
			return 0;
		}
	}
	if (mi->n_months == (int)(sizeof(mi->joins_month) / sizeof(mi->joins_month[0])))
		return stats_add_month(mi->c, mi->path, month, MONTH_JOINS, 1); /* many months: the slow way */
	mi->joins_month[mi->n_months] = month;
	mi->joins_count[mi->n_months++] = 1;
	return 0;
}

/* The person of row x (SQB_PERSON's order; SQ_PERSON_INSERT writes updated_at from created_at). */
static void put_person(struct store_row *k, struct member_import *mi, const struct import_row *x, int64_t now)
{
	char mask[19], birth[11];
	idcard_mask(x->f.id.number, mask);
	cal_format_date(x->f.id.year, x->f.id.month, x->f.id.day, birth, sizeof(birth));
	store_put_i64(k, x->pid);
	store_put_blob(k, x->s.id_index, PII_INDEX_BYTES);
	store_put_blob(k, x->s.id_sealed, (size_t)x->s.id_len);
	store_put_text(k, mask);
	store_put_text(k, x->f.name);
	store_put_text(k, x->f.id.sex == 'F' ? "F" : "M");
	store_put_text(k, birth);
	put_particulars(k, &x->f, x->s.phone_index, x->s.phone_sealed, x->s.phone_len, x->s.phone_masked);
	store_put_i64(k, 0);
	store_put_i64(k, now);
	store_put_bulk_i64(k, now);
	store_put_i64(k, mi->province);
}

/* The membership of row x (SQB_MEMBERSHIP's order; the statements write the status 'active',
 * status_on from joined_on and updated_at from created_at). */
static void put_membership(struct store_row *k, struct member_import *mi, const struct import_row *x, int64_t now)
{
	char no[32];
	member_number(mi->division, x->joined, x->mid, no);
	store_put_i64(k, x->mid);
	store_put_i64(k, x->pid);
	store_put_i64(k, mi->org_id);
	store_put_text(k, mi->path);
	store_put_text(k, no);
	store_put_text(k, x->f.name);
	store_put_text(k, x->joined);
	store_put_bulk_text(k, "active");
	store_put_bulk_text(k, x->joined);
	store_put_text(k, mi->via);
	store_put_i64(k, 0);
	store_put_i64(k, now);
	store_put_bulk_i64(k, now);
	store_put_i64(k, mi->province);
}

/* The first event of row x (SQB_MEMBER_EVENT's order). */
static void put_event(struct store_row *k, struct member_import *mi, const struct import_row *x, int64_t now)
{
	store_put_i64(k, x->mid);
	store_put_i64(k, now);
	store_put_text(k, x->joined);
	store_put_null(k);
	store_put_text(k, "active");
	store_put_text(k, mi->via);
	store_put_text(k, mi->c->who ? mi->c->who->name : NULL);
}

/* Row x's claims in the national registries (SQB_ID_CLAIM_COPY's and SQB_MEMBERSHIP_CLAIM's
 * order; the statements give the province to the registry as they write the person). */
static void put_id_claim(struct store_row *k, struct member_import *mi, const struct import_row *x, int64_t now)
{
	store_put_blob(k, x->s.id_index, PII_INDEX_BYTES);
	store_put_i64(k, x->pid);
	store_put_i64(k, now);
	store_put_bulk_i64(k, mi->province);
}

static void put_membership_claim(struct store_row *k, struct member_import *mi, const struct import_row *x, int64_t now)
{
	(void)mi;
	(void)now;
	store_put_i64(k, x->pid);
	store_put_i64(k, x->mid);
}

typedef void put_row_fn(struct store_row *k, struct member_import *mi, const struct import_row *x, int64_t now);

/* Binds n rows to the statement id, row r from IMPORT_PARAM(r, 1) on (one row: from 1). */
static struct stmt *bind_rows(struct member_import *mi, enum sq id, const struct import_row *rows, int n,
                              put_row_fn *put, int64_t now)
{
	struct stmt *st = store_prepare(mi->c->db, id);
	for (int i = 0; st && i < n; i++)
		put(&(struct store_row){.st = st, .next = n == 1 ? 1 : IMPORT_PARAM(i, 1)}, mi, &rows[i], now);
	return st;
}

/* The statements of n new rows (1 or IMPORT_BATCH), in order: the claims in the national
 * registries first (province.h; they answer how many rows they claimed, and write nothing on
 * SQLite), then the rows. */
static const struct import_step {
	enum sq one, batch;
	put_row_fn *put;
	bool claim;
} import_steps[] = {
        {SQ_ID_CLAIM, SQ_IMPORT_ID_CLAIM, put_id_claim, true},
        {SQ_MEMBERSHIP_CLAIM, SQ_IMPORT_MEMBERSHIP_CLAIM, put_membership_claim, true},
        {SQ_PERSON_INSERT, SQ_IMPORT_PERSON_INSERT, put_person, false},
        {SQ_MEMBERSHIP_INSERT, SQ_IMPORT_MEMBERSHIP_INSERT, put_membership, false},
        {SQ_MEMBER_EVENT_INSERT, SQ_IMPORT_EVENT_INSERT, put_event, false},
};

/* Writes n rows with statements. Every row was unknown to member_import_find in this
 * transaction, so a claim short of n fails the import. The 16-row statements keep their
 * bindings between steps (store_rewind): each step binds every parameter again. 0 or -1. */
static int insert_rows(struct member_import *mi, const struct import_row *rows, int n, int64_t now)
{
	for (size_t i = 0; i < sizeof(import_steps) / sizeof(import_steps[0]); i++) {
		const struct import_step *t = &import_steps[i];
		struct stmt *st = bind_rows(mi, n == 1 ? t->one : t->batch, rows, n, t->put, now);
		if (!st)
			return -1;
		int r = store_step(st);
		bool ok = t->claim ? r == STORE_ROW && store_col_i64(st, 0) == n : r == STORE_DONE;
		if (n == 1 || t->claim)
			store_reset(st);
		else
			store_rewind(st);
		if (!ok)
			return -1;
	}
	return 0;
}

/* Writes the batch with statements: a full one 16 rows a statement, a last partial one row by row. */
static int insert_batch(struct member_import *mi, int64_t now)
{
	if (mi->n_batch == IMPORT_BATCH)
		return insert_rows(mi, mi->batch, IMPORT_BATCH, now);
	for (int i = 0; i < mi->n_batch; i++)
		if (insert_rows(mi, &mi->batch[i], 1, now) < 0)
			return -1;
	return 0;
}

/* Loads the batch's rows of one table by COPY; 0 or -1. */
static int copy_rows(struct member_import *mi, const char *target, put_row_fn *put, int64_t now)
{
	struct store *db = mi->c->db;
	int rc = store_bulk_into(db, target);
	for (int i = 0; rc == 0 && i < mi->n_batch; i++) {
		put(&(struct store_row){.bulk = db}, mi, &mi->batch[i], now);
		rc = store_bulk_row(db);
	}
	return (store_bulk_end(db) < 0 || rc < 0) ? -1 : 0;
}

/* Writes the batch by COPY (PostgreSQL), the registries first as the statements do: a number
 * claimed since member_import_find fails the COPY, and with it the import. */
static int copy_batch(struct member_import *mi, int64_t now)
{
	if (!mi->n_batch)
		return 0;
	return copy_rows(mi, SQB_ID_CLAIM_COPY, put_id_claim, now) < 0 ||
	                       copy_rows(mi, SQB_MEMBERSHIP_CLAIM, put_membership_claim, now) < 0 ||
	                       copy_rows(mi, SQB_PERSON, put_person, now) < 0 ||
	                       copy_rows(mi, SQB_MEMBERSHIP, put_membership, now) < 0 ||
	                       copy_rows(mi, SQB_MEMBER_EVENT, put_event, now) < 0
	               ? -1
	               : 0;
}

/* Writes the members waiting in the batch. */
static int import_flush(struct member_import *mi)
{
	int64_t now = clock_now();
	int rc = mi->copy ? copy_batch(mi, now) : insert_batch(mi, now);
	mi->n_batch = 0;
	return rc;
}

enum gh_err member_import_new(struct member_import *mi, const struct person_fields *f, const struct person_sealed *s,
                              const char *joined_on, int64_t *person_id, int64_t *membership_id)
{
	struct ctx *c = mi->c;
	if (s->id_len < 0 || s->phone_len < 0)
		return oom(c);
	struct import_row *x = &mi->batch[mi->n_batch];
	if (import_ids(mi, &x->pid, &x->mid) < 0)
		return io_fail(c);
	x->f = *f;
	x->s = *s;
	snprintf(x->joined, sizeof(x->joined), "%s", joined_on);
	if (import_count(mi, f, joined_on) < 0)
		return io_fail(c);
	*person_id = x->pid;
	*membership_id = x->mid;
	if (++mi->n_batch == mi->cap && import_flush(mi) < 0)
		return io_fail(c);
	return GH_OK;
}

enum gh_err member_import_close(struct member_import *mi)
{
	if (!mi)
		return GH_OK;
	struct ctx *c = mi->c;
	const char *p = mi->path;
	if (import_flush(mi) < 0) {
		member_import_free(mi);
		return io_fail(c);
	}
	int rc = stats_add(c, p, STAT_MEMBERS, mi->members) | stats_add(c, p, STAT_WOMEN, mi->women) |
	         stats_add(c, p, STAT_MIGRANT, mi->migrant) | stats_add(c, p, STAT_NEW_FORM, mi->new_form) |
	         stats_add(c, p, STAT_PARTY, mi->party);
	for (int i = 0; i < STAT_BIRTH_YEARS; i++)
		rc |= stats_add(c, p, STAT_BIRTH_BASE + i, mi->births[i]);
	for (int i = 0; i < mi->n_months; i++)
		rc |= stats_add_month(c, p, mi->joins_month[i], MONTH_JOINS, mi->joins_count[i]);
	member_import_free(mi);
	return rc ? io_fail(c) : GH_OK;
}

void member_import_free(struct member_import *mi)
{
	if (mi)
		free(mi->batch);
	free(mi);
}
