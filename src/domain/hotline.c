/*
 * The 12351 hotline's vocabularies, time-limit tiers, deadline rule and place picker (hotline.h).
 * The tiers live in the store (hotline_tier, schema 4) so that each installation sets its own;
 * a row that is missing falls back to the defaults of docs/decisions/0006.
 */
#include "domain/hotline.h"

#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "base/time.h"
#include "check/division.h"
#include "domain/tx.h"

const struct hotline_word hotline_demand_types[] = {
        {"consult", "问题咨询", "consultation"},  {"help", "服务帮扶", "help and support"},
        {"complaint", "信访投诉", "complaint"},   {"legal_aid", "法律援助", "legal aid"},
        {"suggestion", "意见建议", "suggestion"}, {NULL, NULL, NULL},
};

const struct hotline_word hotline_categories[] = {
        {"wage_arrears", "欠薪", "wage arrears"},
        {"labour_contract", "劳动合同", "labour contract"},
        {"social_insurance", "社会保险", "social insurance"},
        {"work_injury", "工伤", "work injury"},
        {"occupational_disease", "职业病", "occupational disease"},
        {"women_rights", "女职工权益", "women workers' rights"},
        {"safety", "劳动安全", "work safety"},
        {"policy", "政策咨询", "policy questions"},
        {"psychological", "心理咨询", "psychological counselling"},
        {"other", "其他", "other"},
        {NULL, NULL, NULL},
};

/* In the order of enum hotline_tier. */
const struct hotline_word hotline_tier_words[] = {
        {"normal", "一般", "normal"},
        {"difficult", "难点", "difficult"},
        {"complex", "特别复杂", "complex"},
        {"complaint", "信访投诉", "complaint (信访)"},
        {NULL, NULL, NULL},
};

const struct hotline_word hotline_satisfactions[] = {
        {"satisfied", "满意", "satisfied"},
        {"basically_satisfied", "基本满意", "basically satisfied"},
        {"dissatisfied", "不满意", "dissatisfied"},
        {NULL, NULL, NULL},
};

/* The defaults (docs/decisions/0006): first response and resolution, calendar days. */
static const int default_days[HOTLINE_TIER__MAX][2] = {{1, 7}, {1, 15}, {1, 30}, {15, 60}};

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

const struct hotline_word *hotline_word_find(const struct hotline_word *v, const char *token)
{
	for (; token && v->token; v++)
		if (!strcmp(v->token, token))
			return v;
	return NULL;
}

static int tier_index(const char *token)
{
	for (int i = 0; token && i < HOTLINE_TIER__MAX; i++)
		if (!strcmp(hotline_tier_words[i].token, token))
			return i;
	return -1;
}

enum gh_err hotline_tiers_get(struct ctx *c, struct hotline_limits out[HOTLINE_TIER__MAX])
{
	for (int i = 0; i < HOTLINE_TIER__MAX; i++)
		out[i] = (struct hotline_limits){.tier = hotline_tier_words[i].token,
		                                 .first_days = default_days[i][0],
		                                 .resolve_days = default_days[i][1],
		                                 .default_first = default_days[i][0],
		                                 .default_resolve = default_days[i][1]};
	struct stmt *st = store_query(c->db, SQ_HOTLINE_TIER_ALL, "");
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int i = tier_index(store_col_text(st, 0));
		if (i < 0)
			continue;
		out[i].first_days = (int)store_col_i64(st, 1);
		out[i].resolve_days = (int)store_col_i64(st, 2);
		out[i].updated_at = store_col_i64(st, 3);
	}
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err hotline_limits_of(struct ctx *c, const char *tier, struct hotline_limits *out)
{
	int i = tier_index(tier);
	if (i < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "tier", "时限等级应为 normal、difficult 或 complex",
		                   "tier must be normal, difficult or complex");
	struct hotline_limits all[HOTLINE_TIER__MAX];
	enum gh_err e = hotline_tiers_get(c, all);
	if (e)
		return e;
	*out = all[i];
	return GH_OK;
}

/* Checks one entry of a change; errors name "items.<i>.<key>". */
static enum gh_err check_limits(struct ctx *c, const struct hotline_limits *l, int i)
{
	if (tier_index(l->tier) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "items.%d.tier", i),
		                   "时限等级应为 normal、difficult、complex 或 complaint",
		                   "tier must be normal, difficult, complex or complaint");
	if (l->first_days < 1 || l->first_days > HOTLINE_FIRST_MAX)
		return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "items.%d.first_days", i),
		                   arena_printf(c->a, "首次响应时限应为 1 到 %d 天", HOTLINE_FIRST_MAX),
		                   arena_printf(c->a, "the first response takes 1 to %d days", HOTLINE_FIRST_MAX));
	if (l->resolve_days < l->first_days || l->resolve_days > HOTLINE_RESOLVE_MAX)
		return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "items.%d.resolve_days", i),
		                   arena_printf(c->a, "办结时限应为 %d 到 %d 天（不短于首次响应时限）", l->first_days,
		                                HOTLINE_RESOLVE_MAX),
		                   arena_printf(c->a,
		                                "the resolution takes %d to %d days (not less than the first response)",
		                                l->first_days, HOTLINE_RESOLVE_MAX));
	return GH_OK;
}

enum gh_err hotline_tiers_set(struct ctx *c, const struct hotline_limits *in, int n)
{
	if (c->who->role != ROLE_ADMIN)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "只有系统管理员可以修改热线办理时限",
		                   "only an administrator may change the hotline time limits");
	if (n < 1)
		return gh_fail_set(&c->fail, GH_EMISSING, "items", "请给出要修改的时限", "give the limits to change");
	for (int i = 0; i < n; i++) {
		enum gh_err e = check_limits(c, &in[i], i);
		if (e)
			return e;
		for (int j = 0; j < i; j++)
			if (!strcmp(in[j].tier, in[i].tier))
				return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "items.%d.tier", i),
				                   "同一时限等级出现了两次", "the same tier appears twice");
	}
	if (tx_begin(c) < 0)
		return io_fail(c);
	int64_t now = clock_now();
	for (int i = 0; i < n; i++) {
		if (store_run(c->db, SQ_HOTLINE_TIER_SET, "tiiii", in[i].tier, (int64_t)in[i].first_days,
		              (int64_t)in[i].resolve_days, now, c->who->id) != 0 ||
		    audit_write(c, "hotline.tiers", "hotline_tier", 0, c->who->path,
		                arena_printf(c->a, "{\"tier\":\"%s\",\"first_days\":%d,\"resolve_days\":%d}",
		                             in[i].tier, in[i].first_days, in[i].resolve_days)) < 0) {
			tx_rollback(c);
			return io_fail(c);
		}
	}
	return tx_commit(c) < 0 ? io_fail(c) : GH_OK;
}

int64_t hotline_deadline(int64_t t, int days)
{
	int y, m, d;
	time_local_date(t, &y, &m, &d);
	/* 24:00 of day (start + days) in UTC+8 is 00:00 of the day after */
	return (cal_days_from_civil(y, m, d) + days + 1) * 86400 - 8 * 3600;
}

enum gh_err hotline_places(struct ctx *c, const char *parent, struct hotline_place **out, int *n)
{
	*out = NULL;
	*n = 0;
	char code[13] = "000000000000", lo[13], hi[13];
	int level = 0;
	if (parent && *parent) {
		if (division_normalize(parent, strlen(parent), code) < 0)
			return gh_fail_set(&c->fail, GH_EINVAL, "parent", "区划代码应为 2、4、6、9 或 12 位数字",
			                   "a division code has 2, 4, 6, 9 or 12 digits");
		level = division_level(code);
	}
	int keep = division_prefix_len(level);
	if (keep < 0 || level >= 5)
		return GH_OK; /* a village has nothing below it */
	memcpy(lo, code, 12);
	memcpy(hi, code, 12);
	for (int i = keep; i < 12; i++) {
		lo[i] = '0';
		hi[i] = '9';
	}
	lo[12] = hi[12] = 0;
	struct hotline_place *items = arena_alloc(c->a, sizeof(*items) * 1000);
	if (!items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	struct stmt *st = store_query(c->db, SQ_HOTLINE_PLACES, "tti", lo, hi, (int64_t)level);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && *n < 1000) {
		struct hotline_place *p = &items[(*n)++];
		snprintf(p->code, sizeof(p->code), "%s", store_col_text(st, 0));
		p->name = arena_strdup(c->a, store_col_text(st, 1));
		p->level = (int)store_col_i64(st, 2);
	}
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	*out = items;
	return GH_OK;
}
