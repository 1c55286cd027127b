/*
 * Collective contracts (contract.h): registering, reading, listing (with the expiry window),
 * editing and terminating them within scope, and the subtree figures. Also the checks shared
 * with supervision notices and service items (dates, free text, the addressed employer).
 */
#include "domain/contract.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/uscc.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err no_memory(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

/* ---- vocabularies ---- */

static const struct {
	const char *token, *zh, *en;
} kinds[] = {
        {"collective", "集体合同", "collective contract"},
        {"wage_special", "工资专项集体合同", "collective wage agreement"},
        {"women_special", "女职工权益保护专项集体合同", "women workers' rights agreement"},
};

static const struct {
	const char *token, *zh, *en;
} statuses[] = {
        {"pending", "未生效", "not yet in force"},
        {"active", "履行中", "in force"},
        {"expired", "已到期", "expired"},
        {"terminated", "已终止", "terminated"},
};

#define N_KINDS    (sizeof(kinds) / sizeof(kinds[0]))
#define N_STATUSES (sizeof(statuses) / sizeof(statuses[0]))

const char *contract_kind_label(const char *kind, bool zh)
{
	for (size_t i = 0; kind && i < N_KINDS; i++)
		if (!strcmp(kind, kinds[i].token))
			return zh ? kinds[i].zh : kinds[i].en;
	return NULL;
}

const char *contract_status_label(const char *status, bool zh)
{
	for (size_t i = 0; status && i < N_STATUSES; i++)
		if (!strcmp(status, statuses[i].token))
			return zh ? statuses[i].zh : statuses[i].en;
	return NULL;
}

/* ---- shared checks ---- */

int64_t contract_today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
	return cal_days_from_civil(y, m, d);
}

enum gh_err contract_check_date(struct ctx *c, const char *s, const char *field, int64_t *days)
{
	int y, m, d;
	if (!s || cal_parse_date(s, &y, &m, &d) < 0 || y < 1949 || y > 2099)
		return gh_fail_set(&c->fail, GH_EINVAL, field, "日期应为 YYYY-MM-DD 格式的有效日期",
		                   "a date is written YYYY-MM-DD and must exist");
	*days = cal_days_from_civil(y, m, d);
	return GH_OK;
}

enum gh_err contract_check_text(struct ctx *c, const char *s, const char *field, int min, int max, bool multiline)
{
	if (!s || !*s) {
		if (min <= 0)
			return GH_OK;
		return gh_fail_set(&c->fail, GH_EMISSING, field, "请填写此项", "this field is required");
	}
	size_t n = strlen(s);
	bool ok = text_utf8_valid(s, n);
	for (size_t i = 0; ok && i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		ok = (ch >= 0x20 && ch != 0x7f) || (multiline && (ch == '\n' || ch == '\r' || ch == '\t'));
	}
	if (!ok)
		return gh_fail_set(&c->fail, GH_EINVAL, field, "含有无效字符",
		                   "contains characters that are not allowed");
	size_t count = text_utf8_count(s, n);
	if ((int64_t)count < min || (int64_t)count > max)
		return gh_fail_set(&c->fail, GH_EINVAL, field,
		                   arena_printf(c->a, "应为 %d 到 %d 个字", min < 1 ? 1 : min, max),
		                   arena_printf(c->a, "must have %d to %d characters", min < 1 ? 1 : min, max));
	return GH_OK;
}

enum gh_err contract_party(struct ctx *c, const struct org *o, int64_t employer_id, const char *name,
                           const char *credit_code, bool must_belong, struct contract_party *out)
{
	memset(out, 0, sizeof(*out));
	if (!employer_id && (!name || !*name) && (!credit_code || !*credit_code) && o->n_employers == 1)
		employer_id = o->employers[0].id; /* a union with one employer: that one */
	if (employer_id) {
		struct employer em;
		enum gh_err e = employer_get(c, employer_id, &em);
		if (e) {
			c->fail.field = "employer_id";
			return e;
		}
		if (must_belong && em.union_id != o->id)
			return gh_fail_set(&c->fail, GH_EINVAL, "employer_id", "该用人单位不属于所选工会",
			                   "this employer does not belong to the chosen union");
		out->employer_id = em.id;
		out->name = em.name;
		out->credit_code = em.credit_code;
		return GH_OK;
	}
	if (must_belong && o->n_employers > 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "employer_id", "请选择本工会的用人单位",
		                   "choose one of the union's employers");
	if (!name || !*name)
		return gh_fail_set(&c->fail, GH_EMISSING, "employer_name", "请填写用人单位名称",
		                   "the employer's name is required");
	enum gh_err e = contract_check_text(c, name, "employer_name", 2, 100, false);
	if (e)
		return e;
	if (!credit_code || !*credit_code)
		return gh_fail_set(&c->fail, GH_EMISSING, "employer_credit_code", "请填写统一社会信用代码",
		                   "the unified social credit code is required");
	char *code = arena_alloc(c->a, 19);
	if (!code)
		return no_memory(c);
	bool soft = false;
	enum uscc_err ue = uscc_check(credit_code, strlen(credit_code), code, &soft);
	if (ue != USCC_OK)
		return gh_fail_set(&c->fail, GH_EINVAL, "employer_credit_code", uscc_err_message(ue, true),
		                   uscc_err_message(ue, false));
	out->name = name;
	out->credit_code = code;
	return GH_OK;
}

/* ---- rows ---- */

static const char *col_text_or_null(struct ctx *c, struct stmt *st, int col)
{
	return store_col_null(st, col) ? NULL : arena_strdup(c->a, store_col_text(st, col));
}

static int64_t date_days(const char *s)
{
	int y, m, d;
	return cal_parse_date(s, &y, &m, &d) < 0 ? 0 : cal_days_from_civil(y, m, d);
}

/* The status of a contract on today (YYYY-MM-DD): dates compare as text. */
static void contract_derive(struct contract *t, const char *today, int64_t today_days)
{
	if (t->terminated_on)
		t->status = "terminated";
	else if (strcmp(t->starts_on, today) > 0)
		t->status = "pending";
	else if (strcmp(t->ends_on, today) < 0)
		t->status = "expired";
	else
		t->status = "active";
	t->days_left = date_days(t->ends_on) - today_days;
}

static void contract_read_row(struct ctx *c, struct stmt *st, struct contract *t)
{
	memset(t, 0, sizeof(*t));
	t->id = store_col_i64(st, 0);
	t->kind = arena_strdup(c->a, store_col_text(st, 1));
	t->org_id = store_col_i64(st, 2);
	t->org_name = arena_strdup(c->a, store_col_text(st, 3));
	t->path = arena_strdup(c->a, store_col_text(st, 4));
	t->employer_id = store_col_null(st, 5) ? 0 : store_col_i64(st, 5);
	t->employer_name = arena_strdup(c->a, store_col_text(st, 6));
	t->employer_credit_code = col_text_or_null(c, st, 7);
	t->signed_on = arena_strdup(c->a, store_col_text(st, 8));
	t->starts_on = arena_strdup(c->a, store_col_text(st, 9));
	t->ends_on = arena_strdup(c->a, store_col_text(st, 10));
	t->workers_covered = store_col_i64(st, 11);
	t->wage_increase_bp = store_col_null(st, 12) ? -1 : store_col_i64(st, 12);
	t->registered_on = col_text_or_null(c, st, 13);
	t->note = col_text_or_null(c, st, 14);
	t->terminated_on = col_text_or_null(c, st, 15);
	t->terminated_reason = col_text_or_null(c, st, 16);
	t->demo = store_col_i64(st, 17) != 0;
	t->created_at = store_col_i64(st, 18);
	t->updated_at = store_col_i64(st, 19);
}

static enum gh_err not_found(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "集体合同不存在", "no such contract");
}

enum gh_err contract_get(struct ctx *c, int64_t id, struct contract *out)
{
	struct stmt *st = store_query(c->db, SQ_CONTRACT_GET, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		contract_read_row(c, st, out);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW || !scope_contains(c->who->path, out->path))
		return not_found(c);
	char today[11];
	int64_t today_d = contract_today(today);
	contract_derive(out, today, today_d);
	return GH_OK;
}

/* ---- checks ---- */

static bool kind_known(const char *k)
{
	return contract_kind_label(k, true) != NULL;
}

/* Whether an organisation of this kind signs collective contracts: a grassroots union with its
 * employer(s), or a regional or industry federation (区域性、行业性集体合同). */
static bool org_signs(enum org_kind k)
{
	return org_kind_has_employer((int)k) || k == KIND_REGIONAL_FEDERATION || k == KIND_INDUSTRY_FEDERATION;
}

static void add_warning(struct warning *warn, int *n_warn, const char *field, const char *code, const char *zh,
                        const char *en)
{
	if (warn && *n_warn < ORG_MAX_WARNINGS)
		warn[(*n_warn)++] = (struct warning){field, code, zh, en};
}

/* Checks the dates and figures of a complete contract t (after a create or the merge of a PATCH). */
static enum gh_err check_terms(struct ctx *c, const struct contract *t, struct warning *warn, int *n_warn)
{
	int64_t signed_d, start_d, end_d, reg_d = 0, today_d;
	char today[11];
	enum gh_err e;
	today_d = contract_today(today);
	if ((e = contract_check_date(c, t->signed_on, "signed_on", &signed_d)) ||
	    (e = contract_check_date(c, t->starts_on, "starts_on", &start_d)) ||
	    (e = contract_check_date(c, t->ends_on, "ends_on", &end_d)))
		return e;
	if (t->registered_on && (e = contract_check_date(c, t->registered_on, "registered_on", &reg_d)))
		return e;
	if (signed_d > today_d)
		return gh_fail_set(&c->fail, GH_EINVAL, "signed_on", "签订日期不能晚于今天",
		                   "the signing date cannot be in the future");
	if (end_d <= start_d)
		return gh_fail_set(&c->fail, GH_EINVAL, "ends_on", "期限终止日期应晚于起始日期",
		                   "the term must end after it starts");
	if (signed_d > end_d)
		return gh_fail_set(&c->fail, GH_EINVAL, "signed_on", "签订日期不能晚于期限终止日期",
		                   "the contract cannot be signed after its term ends");
	if (t->registered_on && reg_d < signed_d)
		return gh_fail_set(&c->fail, GH_EINVAL, "registered_on", "报送审查日期不能早于签订日期",
		                   "the contract cannot be registered before it was signed");
	if (t->registered_on && reg_d > today_d)
		return gh_fail_set(&c->fail, GH_EINVAL, "registered_on", "报送审查日期不能晚于今天",
		                   "the registration date cannot be in the future");
	if (t->workers_covered <= 0 || t->workers_covered > 10000000)
		return gh_fail_set(&c->fail, GH_EINVAL, "workers_covered", "覆盖职工人数应在 1 到 10,000,000 之间",
		                   "workers covered must be between 1 and 10,000,000");
	if (!strcmp(t->kind, "wage_special") && t->wage_increase_bp < 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "wage_increase_bp", "工资专项集体合同请填写工资增幅",
		                   "a collective wage agreement states the wage increase");
	if (t->wage_increase_bp > CONTRACT_WAGE_BP_MAX)
		return gh_fail_set(&c->fail, GH_EINVAL, "wage_increase_bp", "工资增幅应在 0 到 100% 之间",
		                   "the wage increase must be between 0 and 100%");
	/* 集体合同规定 Art. 38: a term of one to three years. Longer is unusual, not forbidden. */
	int sy, sm, sd, ey, em, ed;
	cal_civil_from_days(start_d, &sy, &sm, &sd);
	cal_civil_from_days(end_d, &ey, &em, &ed);
	int64_t limit = cal_days_from_civil(sy + CONTRACT_TERM_WARN_YEARS, sm, sd > 28 && sm == 2 ? 28 : sd);
	if (end_d > limit)
		add_warning(warn, n_warn, "ends_on", "term_over_3_years", "集体合同期限一般为 1 至 3 年，请核对期限",
		            "a collective contract usually runs for one to three years: check the term");
	return GH_OK;
}

static int bind_contract_row(struct stmt *st, const struct contract *t)
{
	int r = 0;
	r |= t->wage_increase_bp >= 0 ? store_bind_i64(st, 12, t->wage_increase_bp) : store_bind_null(st, 12);
	r |= store_bind_text(st, 13, t->registered_on);
	r |= store_bind_text(st, 14, t->note);
	return r;
}

enum gh_err contract_create(struct ctx *c, const struct contract_input *in, struct contract *out, struct warning *warn,
                            int *n_warn)
{
	enum gh_err e;
	*n_warn = 0;
	if (!in->kind || !*in->kind)
		return gh_fail_set(&c->fail, GH_EMISSING, "kind", "请选择合同类型", "the kind of contract is required");
	if (!kind_known(in->kind))
		return gh_fail_set(&c->fail, GH_EINVAL, "kind", "合同类型应为集体合同、工资专项或女职工专项",
		                   "kind is collective, wage_special or women_special");
	if (in->org_id <= 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "org_id", "请选择签约工会", "the signing union is required");
	if ((e = contract_check_text(c, in->note, "note", 0, 2000, true)))
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o;
	if ((e = org_get(c, in->org_id, &o))) {
		c->fail.field = "org_id";
		goto fail;
	}
	if (!org_signs(o.kind)) {
		e = gh_fail_set(
		        &c->fail, GH_EINVAL, "org_id", "集体合同由基层工会或区域性、行业性工会联合会签订",
		        "collective contracts are signed by grassroots unions or regional and industry federations");
		goto fail;
	}
	struct contract_party party;
	if ((e = contract_party(c, &o, in->employer_id, in->employer_name, in->employer_credit_code,
	                        org_kind_has_employer((int)o.kind), &party)))
		goto fail;
	struct contract t = {.kind = in->kind,
	                     .signed_on = in->signed_on,
	                     .starts_on = in->starts_on,
	                     .ends_on = in->ends_on,
	                     .workers_covered = in->workers_covered,
	                     .wage_increase_bp = in->wage_increase_bp,
	                     .registered_on = in->registered_on && *in->registered_on ? in->registered_on : NULL,
	                     .note = in->note && *in->note ? in->note : NULL};
	if (!t.signed_on || !*t.signed_on) {
		e = gh_fail_set(&c->fail, GH_EMISSING, "signed_on", "请填写签订日期", "the signing date is required");
		goto fail;
	}
	if (!t.starts_on || !*t.starts_on) {
		e = gh_fail_set(&c->fail, GH_EMISSING, "starts_on", "请填写期限起始日期",
		                "the term's start is required");
		goto fail;
	}
	if (!t.ends_on || !*t.ends_on) {
		e = gh_fail_set(&c->fail, GH_EMISSING, "ends_on", "请填写期限终止日期", "the term's end is required");
		goto fail;
	}
	if (t.workers_covered < 0) {
		e = gh_fail_set(&c->fail, GH_EMISSING, "workers_covered", "请填写覆盖职工人数",
		                "the number of workers covered is required");
		goto fail;
	}
	if ((e = check_terms(c, &t, warn, n_warn)))
		goto fail;
	int64_t id = ids_next(c->db, 1);
	if (id < 0)
		goto io;
	int64_t now = clock_now();
	struct stmt *st = store_query(c->db, SQ_CONTRACT_INSERT, "itit", id, t.kind, o.id, o.path);
	if (!st)
		goto io;
	int br = party.employer_id ? store_bind_i64(st, 5, party.employer_id) : store_bind_null(st, 5);
	br |= store_bind_text(st, 6, party.name) | store_bind_text(st, 7, party.credit_code);
	br |= store_bind_text(st, 8, t.signed_on) | store_bind_text(st, 9, t.starts_on) |
	      store_bind_text(st, 10, t.ends_on) | store_bind_i64(st, 11, t.workers_covered);
	br |= bind_contract_row(st, &t) | store_bind_i64(st, 15, in->demo ? 1 : 0) | store_bind_i64(st, 16, now);
	int r = br ? STORE_ERROR : store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	const char *detail = arena_printf(c->a, "{\"kind\":\"%s\",\"ends_on\":\"%s\"}", t.kind, t.ends_on);
	if (audit_write(c, "contract.create", "contract", id, o.path, detail) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return contract_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

/* Folds a PATCH into the stored contract t; the employer by name only when it was given so. */
static enum gh_err merge_update(struct ctx *c, struct contract *t, const struct contract_input *in)
{
	enum gh_err e;
	if (in->employer_name || in->employer_credit_code) {
		if (t->employer_id)
			return gh_fail_set(&c->fail, GH_EINVAL,
			                   in->employer_name ? "employer_name" : "employer_credit_code",
			                   "登记的用人单位不能改名，请在用人单位中修改",
			                   "a registered employer is edited among the employers, not here");
		struct org o = {.kind = KIND_REGIONAL_FEDERATION};
		struct contract_party p;
		if ((e = contract_party(c, &o, 0, in->employer_name ? in->employer_name : t->employer_name,
		                        in->employer_credit_code ? in->employer_credit_code : t->employer_credit_code,
		                        false, &p)))
			return e;
		t->employer_name = p.name;
		t->employer_credit_code = p.credit_code;
	}
	if (in->signed_on)
		t->signed_on = in->signed_on;
	if (in->starts_on)
		t->starts_on = in->starts_on;
	if (in->ends_on)
		t->ends_on = in->ends_on;
	if (in->workers_covered >= 0)
		t->workers_covered = in->workers_covered;
	if (in->wage_increase_bp >= 0)
		t->wage_increase_bp = in->wage_increase_bp;
	if (in->registered_on)
		t->registered_on = *in->registered_on ? in->registered_on : NULL;
	if (in->note) {
		if ((e = contract_check_text(c, in->note, "note", 0, 2000, true)))
			return e;
		t->note = *in->note ? in->note : NULL;
	}
	return GH_OK;
}

/* Terminating (解除/终止) a contract in force or not yet in force, on a day within its term. */
static enum gh_err check_termination(struct ctx *c, struct contract *t, const struct contract_input *in)
{
	enum gh_err e;
	if (!strcmp(t->status, "expired"))
		return gh_fail_set(&c->fail, GH_ECONFLICT, "terminated_on", "合同已到期，无需终止",
		                   "the contract has expired already: it cannot be terminated");
	int64_t on;
	char today[11];
	int64_t today_d = contract_today(today);
	if ((e = contract_check_date(c, in->terminated_on, "terminated_on", &on)))
		return e;
	if (on < date_days(t->signed_on) || on > date_days(t->ends_on) || on > today_d)
		return gh_fail_set(&c->fail, GH_EINVAL, "terminated_on", "终止日期应在签订之后、期限之内且不晚于今天",
		                   "the termination date must lie between signing and the end of the term, and not in "
		                   "the future");
	if (!in->terminated_reason || !*in->terminated_reason)
		return gh_fail_set(&c->fail, GH_EMISSING, "terminated_reason", "请填写终止原因",
		                   "the reason for termination is required");
	if ((e = contract_check_text(c, in->terminated_reason, "terminated_reason", 2, 500, true)))
		return e;
	t->terminated_on = in->terminated_on;
	t->terminated_reason = in->terminated_reason;
	return GH_OK;
}

enum gh_err contract_update(struct ctx *c, int64_t id, const struct contract_input *in, struct contract *out,
                            struct warning *warn, int *n_warn)
{
	enum gh_err e;
	*n_warn = 0;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct contract t;
	if ((e = contract_get(c, id, &t)))
		goto fail;
	if (t.terminated_on) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "合同已终止，不能再修改",
		                "the contract was terminated: it cannot change any more");
		goto fail;
	}
	bool terminate = in->terminated_on || in->terminated_reason;
	if (terminate && !in->terminated_on) {
		e = gh_fail_set(&c->fail, GH_EMISSING, "terminated_on", "请填写终止日期",
		                "the termination date is required");
		goto fail;
	}
	if ((e = merge_update(c, &t, in)) || (e = check_terms(c, &t, warn, n_warn)))
		goto fail;
	if (terminate && (e = check_termination(c, &t, in)))
		goto fail;
	struct stmt *st = store_prepare(c->db, SQ_CONTRACT_UPDATE);
	if (!st)
		goto io;
	int br = store_bind_i64(st, 1, id) | store_bind_text(st, 2, t.employer_name) |
	         store_bind_text(st, 3, t.employer_credit_code) | store_bind_text(st, 4, t.signed_on) |
	         store_bind_text(st, 5, t.starts_on) | store_bind_text(st, 6, t.ends_on) |
	         store_bind_i64(st, 7, t.workers_covered);
	br |= t.wage_increase_bp >= 0 ? store_bind_i64(st, 8, t.wage_increase_bp) : store_bind_null(st, 8);
	br |= store_bind_text(st, 9, t.registered_on) | store_bind_text(st, 10, t.note) |
	      store_bind_text(st, 11, t.terminated_on) | store_bind_text(st, 12, t.terminated_reason) |
	      store_bind_i64(st, 13, clock_now());
	int r = br ? STORE_ERROR : store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	if (audit_write(c, terminate ? "contract.terminate" : "contract.update", "contract", id, t.path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return contract_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err contract_list(struct ctx *c, const struct contract_filter *f, int64_t offset, int64_t limit,
                          struct contract_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (f->kind && !kind_known(f->kind))
		return gh_fail_set(&c->fail, GH_EINVAL, "kind", "合同类型应为集体合同、工资专项或女职工专项",
		                   "kind is collective, wage_special or women_special");
	if (f->status && !contract_status_label(f->status, true))
		return gh_fail_set(&c->fail, GH_EINVAL, "status", "状态应为 pending、active、expired 或 terminated",
		                   "status is pending, active, expired or terminated");
	const char *employer = f->employer && *f->employer ? f->employer : NULL;
	if (employer && (strlen(employer) > 200 || !text_utf8_valid(employer, strlen(employer))))
		return gh_fail_set(&c->fail, GH_EINVAL, "employer", "搜索内容无效", "the search text is not valid");
	const char *lo, *hi;
	enum gh_err e = org_scope_range(c, f->org, &lo, &hi);
	if (e)
		return e;
	char today[11], until[11];
	int64_t today_d = contract_today(today);
	const char *window = NULL;
	if (f->expiring > 0) {
		int y, m, d;
		cal_civil_from_days(today_d + f->expiring, &y, &m, &d);
		cal_format_date(y, m, d, until, sizeof(until));
		window = until;
	}
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return no_memory(c);
	if (store_one_i64(c->db, &out->total, SQ_CONTRACT_LIST_COUNT, "ttttttt", lo, hi, f->kind, f->status, today,
	                  window, employer) < 0)
		return io_fail(c);
	struct stmt *st = store_query(c->db, SQ_CONTRACT_LIST, "tttttttii", lo, hi, f->kind, f->status, today, window,
	                              employer, limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit) {
		struct contract *t = &out->items[out->n++];
		contract_read_row(c, st, t);
		contract_derive(t, today, today_d);
	}
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err contract_figures(struct ctx *c, int64_t org, int64_t days, struct contract_figures *out)
{
	memset(out, 0, sizeof(*out));
	out->window_days = days;
	for (size_t i = 0; i < N_KINDS; i++)
		out->kinds[i].kind = kinds[i].token;
	const char *lo, *hi;
	enum gh_err e = org_scope_range(c, org, &lo, &hi);
	if (e)
		return e;
	char today[11], until[11];
	int64_t today_d = contract_today(today);
	int y, m, d;
	cal_civil_from_days(today_d + days, &y, &m, &d);
	cal_format_date(y, m, d, until, sizeof(until));
	struct stmt *st = store_query(c->db, SQ_CONTRACT_FIGURES, "tttt", lo, hi, today, until);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		const char *k = store_col_text(st, 0);
		for (size_t i = 0; i < N_KINDS; i++) {
			if (strcmp(k, kinds[i].token) != 0)
				continue;
			struct contract_kind_figures *kf = &out->kinds[i];
			kf->total = store_col_i64(st, 1);
			kf->in_force = store_col_i64(st, 2);
			kf->workers_covered = store_col_i64(st, 3);
			kf->expiring = store_col_i64(st, 4);
			out->total += kf->total;
			out->in_force += kf->in_force;
			out->workers_covered += kf->workers_covered;
			out->expiring += kf->expiring;
		}
	}
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}
