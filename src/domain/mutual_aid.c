/*
 * Medical mutual aid (mutual_aid.h): the benefit rule, plans, enrolments, a member's own view and
 * the figures of a subtree. The claims themselves are cases (flow_mutual_aid_claim.c), which call
 * the rule and the lookups here.
 */
#include "domain/mutual_aid.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/flow.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err no_memory(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

static enum gh_err plan_not_found(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "互助计划不存在", "no such mutual-aid plan");
}

static void today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

/* ---- the rule ---- */

int64_t mutual_aid_ratio_fen(int64_t amount_fen, int64_t ratio_bp)
{
	if (amount_fen <= 0 || ratio_bp <= 0)
		return 0;
	/* amounts stay under 10^10 fen and ratios under 10^4: the product fits 64 bits exactly */
	return (amount_fen * ratio_bp + MA_RATIO_ONE / 2) / MA_RATIO_ONE;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

void mutual_aid_benefit(const struct ma_rule *r, int64_t eligible_fen, int64_t used_fen, struct ma_benefit *out)
{
	out->eligible_fen = max64(eligible_fen, 0);
	out->over_deductible_fen = max64(out->eligible_fen - max64(r->deductible_fen, 0), 0);
	out->by_ratio_fen = mutual_aid_ratio_fen(out->over_deductible_fen, r->ratio_bp);
	out->after_claim_cap_fen = max64(min64(out->by_ratio_fen, r->cap_per_claim_fen), 0);
	out->used_fen = max64(used_fen, 0);
	out->yearly_left_fen = max64(r->yearly_cap_fen - out->used_fen, 0);
	out->benefit_fen = min64(out->after_claim_cap_fen, out->yearly_left_fen);
}

json_t *mutual_aid_benefit_json(const struct ma_rule *r, const struct ma_benefit *b)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "eligible_fen",
	                 (json_int_t)b->eligible_fen, "deductible_fen", (json_int_t)r->deductible_fen,
	                 "over_deductible_fen", (json_int_t)b->over_deductible_fen, "ratio_bp", (json_int_t)r->ratio_bp,
	                 "by_ratio_fen", (json_int_t)b->by_ratio_fen, "cap_per_claim_fen",
	                 (json_int_t)r->cap_per_claim_fen, "after_claim_cap_fen", (json_int_t)b->after_claim_cap_fen,
	                 "yearly_cap_fen", (json_int_t)r->yearly_cap_fen, "used_fen", (json_int_t)b->used_fen,
	                 "yearly_left_fen", (json_int_t)b->yearly_left_fen, "benefit_fen", (json_int_t)b->benefit_fen);
}

/* ---- plans ---- */

static void plan_read_row(struct ctx *c, struct stmt *st, struct ma_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->id = store_col_i64(st, 0);
	p->org_id = store_col_i64(st, 1);
	p->org_name = arena_strdup(c->a, store_col_text(st, 2));
	p->path = arena_strdup(c->a, store_col_text(st, 3));
	p->name = arena_strdup(c->a, store_col_text(st, 4));
	p->year = (int)store_col_i64(st, 5);
	p->contribution_fen = store_col_i64(st, 6);
	p->waiting_days = (int)store_col_i64(st, 7);
	p->rule.deductible_fen = store_col_i64(st, 8);
	p->rule.ratio_bp = store_col_i64(st, 9);
	p->rule.cap_per_claim_fen = store_col_i64(st, 10);
	p->rule.yearly_cap_fen = store_col_i64(st, 11);
	p->enrolment_open = store_col_i64(st, 12) != 0;
	p->demo = store_col_i64(st, 13) != 0;
	p->created_at = store_col_i64(st, 14);
	p->updated_at = store_col_i64(st, 15);
	p->enrolments = store_col_i64(st, 16);
	/* staff change the plans of their own subtree; the CLI (path "/") any */
	p->editable = c->who && c->who->role != ROLE_MEMBER && scope_contains(c->who->path, p->path);
}

int mutual_aid_plan_load(struct ctx *c, int64_t id, struct ma_plan *out)
{
	struct stmt *st = store_query(c->db, SQ_MA_PLAN_GET, "i", id);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW)
		plan_read_row(c, st, out);
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

/* Does the caller see plan p? Staff: it is owned in their subtree or above their organisation.
 * Members: it covers their current union, or they are enrolled in it. */
static int plan_visible(struct ctx *c, const struct ma_plan *p)
{
	if (c->who->role != ROLE_MEMBER)
		return scope_contains(c->who->path, p->path) || scope_contains(p->path, c->who->path);
	if (!c->who->person_id)
		return 0;
	struct member m;
	int r = member_current(c, c->who->person_id, &m);
	if (r < 0)
		return -1;
	if (r == 1 && scope_contains(p->path, m.path))
		return 1;
	struct ma_enrolment e;
	return mutual_aid_enrolment_of(c, p->id, c->who->person_id, &e);
}

enum gh_err mutual_aid_plan_get(struct ctx *c, int64_t id, struct ma_plan *out)
{
	int r = mutual_aid_plan_load(c, id, out);
	if (r < 0)
		return io_fail(c);
	if (r == 0)
		return plan_not_found(c);
	r = plan_visible(c, out);
	return r < 0 ? io_fail(c) : r == 0 ? plan_not_found(c) : GH_OK;
}

/* Checks one amount field. */
static enum gh_err check_range(struct ctx *c, const char *field, int64_t v, int64_t lo, int64_t hi, const char *zh,
                               const char *en)
{
	if (v < lo || v > hi)
		return gh_fail_set(&c->fail, GH_EINVAL, field, zh, en);
	return GH_OK;
}

/* Checks the fields of in that are set (all of them for a create); cur holds the values a field
 * not set keeps, for the rules that tie two fields (yearly cap ≥ cap per claim). */
static enum gh_err plan_check(struct ctx *c, const struct ma_plan_input *in, const struct ma_plan *cur)
{
	enum gh_err e;
	if (in->set & MA_SET_NAME) {
		size_t n = in->name ? text_utf8_count(in->name, strlen(in->name)) : 0;
		if (!in->name || !*in->name)
			return gh_fail_set(&c->fail, GH_EMISSING, "name", "请填写计划名称",
			                   "the plan's name is required");
		if (n < 2 || n > 100)
			return gh_fail_set(&c->fail, GH_EINVAL, "name", "计划名称应为 2 到 100 个字",
			                   "the name has 2 to 100 characters");
	}
	if ((in->set & MA_SET_YEAR) && (e = check_range(c, "year", in->year, 2000, 2100, "年度应在 2000 到 2100 之间",
	                                                "the year must be between 2000 and 2100")))
		return e;
	if ((in->set & MA_SET_CONTRIBUTION) &&
	    (e = check_range(c, "contribution_fen", in->contribution_fen, 0, 10000000,
	                     "每人缴费应在 0 到 10 万元之间（以分计）",
	                     "the contribution must be between 0 and 100,000 yuan (in fen)")))
		return e;
	if ((in->set & MA_SET_WAITING) &&
	    (e = check_range(c, "waiting_days", in->waiting_days, 0, MA_MAX_WAITING, "等待期应在 0 到 730 天之间",
	                     "the waiting period must be between 0 and 730 days")))
		return e;
	if ((in->set & MA_SET_DEDUCTIBLE) &&
	    (e = check_range(c, "deductible_fen", in->deductible_fen, 0, MA_MAX_FEN,
	                     "起付线应在 0 到 1 亿元之间（以分计）",
	                     "the deductible must be between 0 and 100 million yuan (in fen)")))
		return e;
	if ((in->set & MA_SET_RATIO) && (e = check_range(c, "ratio_bp", in->ratio_bp, 1, MA_RATIO_ONE,
	                                                 "补助比例以万分之一计，应在 1 到 10000 之间（10000 即 100%）",
	                                                 "the ratio is in basis points, 1 to 10000 (10000 is 100%)")))
		return e;
	if ((in->set & MA_SET_CAP) && (e = check_range(c, "cap_per_claim_fen", in->cap_per_claim_fen, 1, MA_MAX_FEN,
	                                               "单次最高补助应在 1 分到 1 亿元之间",
	                                               "the cap per claim must be between 1 fen and 100 million yuan")))
		return e;
	if ((in->set & MA_SET_YEARLY) && (e = check_range(c, "yearly_cap_fen", in->yearly_cap_fen, 1, MA_MAX_FEN,
	                                                  "年度最高补助应在 1 分到 1 亿元之间",
	                                                  "the yearly cap must be between 1 fen and 100 million yuan")))
		return e;
	int64_t cap = (in->set & MA_SET_CAP) ? in->cap_per_claim_fen : cur->rule.cap_per_claim_fen;
	int64_t yearly = (in->set & MA_SET_YEARLY) ? in->yearly_cap_fen : cur->rule.yearly_cap_fen;
	if ((in->set & (MA_SET_CAP | MA_SET_YEARLY)) && yearly < cap)
		return gh_fail_set(&c->fail, GH_EINVAL, "yearly_cap_fen", "年度最高补助不能低于单次最高补助",
		                   "the yearly cap cannot be below the cap per claim");
	return GH_OK;
}

enum gh_err mutual_aid_plan_create(struct ctx *c, const struct ma_plan_input *in, struct ma_plan *out)
{
	struct ma_plan_input all = *in;
	all.set |= MA_SET_NAME | MA_SET_RULE;
	struct ma_plan none = {0};
	enum gh_err e = plan_check(c, &all, &none);
	if (e)
		return e;
	struct org o;
	if ((e = org_get(c, in->org_id ? in->org_id : c->who->org_id, &o))) {
		c->fail.field = "org_id";
		return e;
	}
	bool open = (in->set & MA_SET_OPEN) ? in->enrolment_open : true;
	if (tx_begin(c) < 0)
		return io_fail(c);
	int64_t id = ids_next(c->db, 1), now = clock_now();
	if (id < 0 ||
	    store_run(c->db, SQ_MA_PLAN_INSERT, "iittiiiiiiiiii", id, o.id, o.path, in->name, in->year,
	              in->contribution_fen, in->waiting_days, in->deductible_fen, in->ratio_bp, in->cap_per_claim_fen,
	              in->yearly_cap_fen, (int64_t)open, (int64_t)in->demo, now) != 0 ||
	    audit_write(c, "mutual_aid.plan.create", "mutual_aid_plan", id, o.path, NULL) < 0) {
		tx_rollback(c);
		return io_fail(c);
	}
	if (tx_commit(c) < 0)
		return io_fail(c);
	return mutual_aid_plan_load(c, id, out) == 1 ? GH_OK : io_fail(c);
}

enum gh_err mutual_aid_plan_update(struct ctx *c, int64_t id, const struct ma_plan_input *in, struct ma_plan *out)
{
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct ma_plan p;
	enum gh_err e = mutual_aid_plan_get(c, id, &p);
	if (e)
		goto fail;
	if (!p.editable) {
		e = gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "该计划由上级工会管理，您只能查看",
		                "the plan belongs to a federation above you: you may only read it");
		goto fail;
	}
	if ((e = plan_check(c, in, &p)))
		goto fail;
	/* members enrolled under a rule keep it: year, contribution and rule are frozen from then */
	if ((in->set & MA_SET_RULE) && p.enrolments > 0) {
		const char *field = (in->set & MA_SET_YEAR)           ? "year"
		                    : (in->set & MA_SET_CONTRIBUTION) ? "contribution_fen"
		                    : (in->set & MA_SET_WAITING)      ? "waiting_days"
		                    : (in->set & MA_SET_DEDUCTIBLE)   ? "deductible_fen"
		                    : (in->set & MA_SET_RATIO)        ? "ratio_bp"
		                    : (in->set & MA_SET_CAP)          ? "cap_per_claim_fen"
		                                                      : "yearly_cap_fen";
		e = gh_fail_set(
		        &c->fail, GH_ECONFLICT, field, "已有会员参加该计划，年度、缴费、等待期和补助规则不能再改",
		        "members are enrolled: the year, contribution, waiting period and rule can no longer change");
		goto fail;
	}
	const char *name = (in->set & MA_SET_NAME) ? in->name : p.name;
	int64_t year = (in->set & MA_SET_YEAR) ? in->year : p.year;
	int64_t contribution = (in->set & MA_SET_CONTRIBUTION) ? in->contribution_fen : p.contribution_fen;
	int64_t waiting = (in->set & MA_SET_WAITING) ? in->waiting_days : p.waiting_days;
	int64_t deductible = (in->set & MA_SET_DEDUCTIBLE) ? in->deductible_fen : p.rule.deductible_fen;
	int64_t ratio = (in->set & MA_SET_RATIO) ? in->ratio_bp : p.rule.ratio_bp;
	int64_t cap = (in->set & MA_SET_CAP) ? in->cap_per_claim_fen : p.rule.cap_per_claim_fen;
	int64_t yearly = (in->set & MA_SET_YEARLY) ? in->yearly_cap_fen : p.rule.yearly_cap_fen;
	int64_t open = (in->set & MA_SET_OPEN) ? in->enrolment_open : p.enrolment_open;
	if (store_run(c->db, SQ_MA_PLAN_UPDATE, "itiiiiiiiii", p.id, name, year, contribution, waiting, deductible,
	              ratio, cap, yearly, open, clock_now()) != 0 ||
	    audit_write(c, "mutual_aid.plan.update", "mutual_aid_plan", p.id, p.path, NULL) < 0) {
		e = io_fail(c);
		goto fail;
	}
	if (tx_commit(c) < 0)
		return io_fail(c);
	return mutual_aid_plan_load(c, id, out) == 1 ? GH_OK : io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err mutual_aid_plan_list(struct ctx *c, int64_t org, int year, int64_t offset, int64_t limit,
                                 struct ma_plan_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (c->who->role == ROLE_MEMBER)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "会员请在“我的互助”中查看",
		                   "members use /api/my/mutual-aid");
	const char *lo, *hi;
	enum gh_err e = org_scope_range(c, org, &lo, &hi);
	if (e)
		return e;
	int64_t from = org ? org : c->who->org_id;
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return no_memory(c);
	if (year) {
		if (store_one_i64(c->db, &out->total, SQ_MA_PLAN_LIST_COUNT, "ttii", lo, hi, from, (int64_t)year) < 0)
			return io_fail(c);
	} else if (store_one_i64(c->db, &out->total, SQ_MA_PLAN_LIST_COUNT, "ttin", lo, hi, from) < 0) {
		return io_fail(c);
	}
	struct stmt *st =
	        year ? store_query(c->db, SQ_MA_PLAN_LIST, "ttiiii", lo, hi, from, (int64_t)year, limit, offset)
	             : store_query(c->db, SQ_MA_PLAN_LIST, "ttinii", lo, hi, from, limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		plan_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

/* ---- enrolments ---- */

static void enrol_read_row(struct ctx *c, struct stmt *st, struct ma_enrolment *e)
{
	memset(e, 0, sizeof(*e));
	e->id = store_col_i64(st, 0);
	e->plan_id = store_col_i64(st, 1);
	e->membership_id = store_col_i64(st, 2);
	e->person_id = store_col_i64(st, 3);
	e->org_id = store_col_i64(st, 4);
	e->org_name = arena_strdup(c->a, store_col_text(st, 5));
	e->path = arena_strdup(c->a, store_col_text(st, 6));
	e->name = arena_strdup(c->a, store_col_text(st, 7));
	e->member_no = arena_strdup(c->a, store_col_text(st, 8));
	e->year = (int)store_col_i64(st, 9);
	e->enrolled_on = arena_strdup(c->a, store_col_text(st, 10));
	e->contribution_fen = store_col_i64(st, 11);
	e->demo = store_col_i64(st, 12) != 0;
	e->created_at = store_col_i64(st, 13);
}

int mutual_aid_enrolment_of(struct ctx *c, int64_t plan_id, int64_t person_id, struct ma_enrolment *out)
{
	struct stmt *st = store_query(c->db, SQ_MA_ENROL_OF, "ii", plan_id, person_id);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW)
		enrol_read_row(c, st, out);
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

void mutual_aid_waiting_ends(const struct ma_plan *p, const char *enrolled_on, char out[11])
{
	int y, m, d;
	int64_t start = cal_days_from_civil(p->year, 1, 1);
	if (enrolled_on && cal_parse_date(enrolled_on, &y, &m, &d) == 0 && cal_days_from_civil(y, m, d) > start)
		start = cal_days_from_civil(y, m, d);
	cal_civil_from_days(start + p->waiting_days, &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

/* Enrols one membership inside the open transaction; i names the field of errors. */
static enum gh_err enrol_one(struct ctx *c, const struct ma_plan *p, int64_t mid, int i, const char *on, bool demo,
                             int64_t *id)
{
	const char *field = arena_printf(c->a, "membership_ids.%d", i);
	struct member m;
	enum gh_err e = member_get(c, mid, false, &m);
	if (e) {
		c->fail.field = field;
		return e;
	}
	if (strcmp(m.status, "active"))
		return gh_fail_set(&c->fail, GH_ECONFLICT, field,
		                   arena_printf(c->a, "%s的会籍不是在会状态，不能参加互助", m.name),
		                   "only members in good standing (active) can be enrolled");
	if (!scope_contains(p->path, m.path))
		return gh_fail_set(&c->fail, GH_EINVAL, field,
		                   arena_printf(c->a, "%s所在工会不在本计划（%s）的覆盖范围内", m.name, p->org_name),
		                   "the member's union is not covered by this plan's organisation");
	*id = ids_next(c->db, 1);
	if (*id < 0)
		return io_fail(c);
	int r = store_run(c->db, SQ_MA_ENROL_INSERT, "iiiiiittiii", *id, p->id, (int64_t)p->year, m.id, m.person_id,
	                  m.org_id, m.path, on, p->contribution_fen, (int64_t)demo, clock_now());
	if (r == GH_EDUP)
		return gh_fail_set(&c->fail, GH_EDUP, field, arena_printf(c->a, "%s已参加该计划", m.name),
		                   "the member is enrolled in this plan already");
	if (r != 0 || audit_write(c, "mutual_aid.enrol", "mutual_aid_enrolment", *id, m.path,
	                          arena_printf(c->a, "{\"plan\":%" PRId64 "}", p->id)) < 0)
		return io_fail(c);
	return GH_OK;
}

enum gh_err mutual_aid_enrol(struct ctx *c, int64_t plan_id, const int64_t *membership_ids, int n, const char *on,
                             bool demo, struct ma_enrolment_list *out)
{
	memset(out, 0, sizeof(*out));
	if (n <= 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "membership_ids", "请选择要参加互助的会员",
		                   "choose the members to enrol");
	if (n > MA_MAX_ENROL_BATCH)
		return gh_fail_set(&c->fail, GH_EINVAL, "membership_ids", "一次最多登记 500 名会员",
		                   "at most 500 members at a time");
	char now_date[11];
	today(now_date);
	if (!on)
		on = now_date;
	int64_t *ids = arena_alloc(c->a, sizeof(*ids) * (size_t)n);
	if (!ids)
		return no_memory(c);
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct ma_plan p;
	enum gh_err e = mutual_aid_plan_get(c, plan_id, &p);
	if (e)
		goto fail;
	if (!p.enrolment_open) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "plan", "该计划已停止参保登记",
		                "enrolment in this plan is closed");
		goto fail;
	}
	char last[11];
	cal_format_date(p.year, 12, 31, last, sizeof(last));
	if (strcmp(on, last) > 0) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "plan",
		                arena_printf(c->a, "%d 年度已结束，不能再参加该计划", p.year),
		                "the plan's year is over");
		goto fail;
	}
	for (int i = 0; i < n; i++)
		if ((e = enrol_one(c, &p, membership_ids[i], i, on, demo, &ids[i])))
			goto fail;
	if (tx_commit(c) < 0)
		return io_fail(c);
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)n);
	if (!out->items)
		return no_memory(c);
	for (int i = 0; i < n; i++) {
		struct stmt *st = store_query(c->db, SQ_MA_ENROL_GET, "i", ids[i]);
		if (!st)
			return io_fail(c);
		if (store_step(st) == STORE_ROW) {
			enrol_read_row(c, st, &out->items[out->n]);
			out->contributions_fen += out->items[out->n++].contribution_fen;
		}
		store_reset(st);
	}
	out->total = out->limit = out->n;
	return GH_OK;
fail:
	tx_rollback(c);
	return e;
}

enum gh_err mutual_aid_enrolments(struct ctx *c, int64_t plan_id, int64_t org, int64_t offset, int64_t limit,
                                  struct ma_enrolment_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	struct ma_plan p;
	enum gh_err e = mutual_aid_plan_get(c, plan_id, &p);
	if (e)
		return e;
	const char *lo, *hi;
	if ((e = org_scope_range(c, org, &lo, &hi)))
		return e;
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return no_memory(c);
	struct stmt *st = store_query(c->db, SQ_MA_ENROL_LIST_COUNT, "itt", plan_id, lo, hi);
	if (!st)
		return io_fail(c);
	if (store_step(st) == STORE_ROW) {
		out->total = store_col_i64(st, 0);
		out->contributions_fen = store_col_i64(st, 1);
	}
	store_reset(st);
	if (!(st = store_query(c->db, SQ_MA_ENROL_LIST, "ittii", plan_id, lo, hi, limit, offset)))
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		enrol_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err mutual_aid_used(struct ctx *c, int64_t person_id, int64_t plan_id, int64_t except_id, int64_t *used_fen)
{
	*used_fen = 0;
	return store_one_i64(c->db, used_fen, SQ_MA_USED, "iii", person_id, plan_id, except_id) < 0 ? io_fail(c)
	                                                                                            : GH_OK;
}

enum gh_err mutual_aid_mine(struct ctx *c, struct ma_mine **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (c->who->role != ROLE_MEMBER || !c->who->person_id)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "仅限会员本人查看", "for members only");
	struct ma_mine *items = arena_zalloc(c->a, sizeof(*items) * 100);
	if (!items)
		return no_memory(c);
	struct stmt *st = store_query(c->db, SQ_MA_ENROL_OF_PERSON, "i", c->who->person_id);
	if (!st)
		return io_fail(c);
	int r, k = 0;
	while ((r = store_step(st)) == STORE_ROW && k < 100)
		enrol_read_row(c, st, &items[k++].e);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	for (int i = 0; i < k; i++) {
		if (mutual_aid_plan_load(c, items[i].e.plan_id, &items[i].plan) != 1 ||
		    mutual_aid_used(c, c->who->person_id, items[i].e.plan_id, 0, &items[i].used_fen) != GH_OK)
			return io_fail(c);
		items[i].left_fen = max64(items[i].plan.rule.yearly_cap_fen - items[i].used_fen, 0);
		mutual_aid_waiting_ends(&items[i].plan, items[i].e.enrolled_on, items[i].waiting_ends_on);
	}
	*out = items;
	*n = k;
	return GH_OK;
}

/* ---- figures ---- */

enum gh_err mutual_aid_stats(struct ctx *c, int64_t org, int year, struct ma_stats *out)
{
	memset(out, 0, sizeof(*out));
	const char *lo, *hi;
	enum gh_err e = org_scope_range(c, org, &lo, &hi);
	if (e)
		return e;
	out->org_id = org ? org : c->who->org_id;
	out->year = year;
	struct stmt *st = year ? store_query(c->db, SQ_MA_STATS, "tti", lo, hi, (int64_t)year)
	                       : store_query(c->db, SQ_MA_STATS, "ttn", lo, hi);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW) {
		out->enrolments = store_col_i64(st, 0);
		out->members = store_col_i64(st, 1);
		out->contributions_fen = store_col_i64(st, 2);
	}
	store_reset(st);
	if (r != STORE_ROW)
		return io_fail(c);
	/* the claims: the case engine's counters of the subtree (every year) */
	int nt = flow_type_count();
	struct flow_type_stats *ts = arena_zalloc(c->a, sizeof(*ts) * (size_t)(nt > 0 ? nt : 1));
	if (!ts)
		return no_memory(c);
	if ((e = flow_stats(c, out->org_id, ts)))
		return e;
	for (int i = 0; i < nt; i++) {
		if (strcmp(ts[i].type->token, "mutual_aid_claim"))
			continue;
		out->claims_open = ts[i].open;
		out->claims_closed = ts[i].closed;
		out->claims_overdue = ts[i].overdue;
		out->claims_paid = ts[i].figures[0];
		out->paid_fen = ts[i].figures[1];
		out->approved_fen = ts[i].figures[2];
	}
	return GH_OK;
}
