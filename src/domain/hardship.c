/*
 * Hardship files besides the case (hardship.h): the means test of A4.12, the dated living
 * standards, the figures a file keeps sealed, the assistance given, the yearly review list.
 */
#include "domain/hardship.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth/audit.h"
#include "auth/keys.h"
#include "auth/pii.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/division.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "domain/tx.h"

/* An amount a year of one item, at most 100 million yuan: bounds every product below in int64. */
#define AMOUNT_MAX    INT64_C(10000000000)
#define HOUSEHOLD_MAX 20
#define ITEMS_MAX     20

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err no_memory(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

static void today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

/* ---- levels and the rule ---- */

static const struct {
	const char *token, *zh, *en;
} levels[HS__MAX] = {
        [HS_NONE] = {"none", "不符合建档条件", "not eligible"},
        [HS_DEEP] = {"deep", "深度困难", "deep hardship"},
        [HS_RELATIVE] = {"relative", "相对困难", "relative hardship"},
        [HS_ACCIDENT] = {"accident", "意外致困", "hardship by accident"},
};

const char *hardship_level_token(int level)
{
	return level >= 0 && level < HS__MAX ? levels[level].token : "";
}

int hardship_level_parse(const char *s, bool allow_none)
{
	for (int i = allow_none ? 0 : 1; s && i < HS__MAX; i++)
		if (!strcmp(s, levels[i].token))
			return i;
	return -1;
}

const char *hardship_level_label(int level, bool zh)
{
	if (level < 0 || level >= HS__MAX)
		return "";
	return zh ? levels[level].zh : levels[level].en;
}

int64_t hardship_div_round(int64_t n, int64_t d)
{
	/* floor((2n + d) / 2d), with floor division also for a negative numerator */
	int64_t num = 2 * n + d, den = 2 * d;
	int64_t q = num / den;
	if ((num % den) != 0 && num < 0)
		q--;
	return q;
}

int hardship_classify(const struct hardship_figures *f, int64_t standard_fen, struct hardship_class *out)
{
	memset(out, 0, sizeof(*out));
	if (f->household < 1 || f->household > HOUSEHOLD_MAX || standard_fen <= 0 || standard_fen > AMOUNT_MAX ||
	    f->income_fen < 0 || f->expenses_fen < 0 || f->accident_costs_fen < 0 ||
	    f->income_fen > AMOUNT_MAX * ITEMS_MAX || f->expenses_fen > AMOUNT_MAX * ITEMS_MAX ||
	    f->accident_costs_fen > AMOUNT_MAX)
		return -1;
	out->net_fen = f->income_fen - f->expenses_fen;
	int64_t months = 12 * (int64_t)f->household;
	out->per_capita_fen = hardship_div_round(out->net_fen, months);
	out->standard_fen = standard_fen;
	out->relative_line_fen = 2 * standard_fen;
	/* > 80%: costs / income > 4/5, exact in integers; with no income any cost is over it */
	out->costs_over_80 = f->accident_costs_fen > 0 && f->accident_costs_fen * 5 > f->income_fen * 4;
	if (out->net_fen < months * standard_fen)
		out->level = HS_DEEP;
	else if (out->net_fen < months * 2 * standard_fen)
		out->level = HS_RELATIVE;
	else if (out->costs_over_80 || f->accident_cause)
		out->level = HS_ACCIDENT;
	else
		out->level = HS_NONE;
	return 0;
}

/* ---- reading the figures ---- */

static enum gh_err invalid(struct ctx *c, const char *field, const char *zh, const char *en)
{
	return gh_fail_set(&c->fail, GH_EINVAL, field, zh, en);
}

/* A string of at most max_chars characters (trimmed); NULL when absent or empty and optional. */
static enum gh_err read_text(struct ctx *c, json_t *obj, const char *key, const char *field, size_t max_chars,
                             bool required, const char **out)
{
	*out = NULL;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			return gh_fail_set(&c->fail, GH_EMISSING, field, "此项为必填项", "this field is required");
		return GH_OK;
	}
	size_t n = json_is_string(v) ? json_string_length(v) : 0;
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	if (!s || n != strlen(s) || !text_utf8_valid(s, n))
		return invalid(c, field, "应为文字", "must be text");
	if (text_utf8_count(s, n) > max_chars)
		return invalid(c, field, arena_printf(c->a, "最多 %zu 个字", max_chars),
		               arena_printf(c->a, "at most %zu characters", max_chars));
	char *folded = arena_alloc(c->a, n + 1);
	if (!folded)
		return no_memory(c);
	size_t m = text_fold_ascii(s, n, folded, n + 1);
	folded[m] = 0;
	if (!m && required)
		return gh_fail_set(&c->fail, GH_EMISSING, field, "此项为必填项", "this field is required");
	*out = m ? folded : NULL;
	return GH_OK;
}

/* An amount in fen in [0, AMOUNT_MAX]. */
static enum gh_err read_amount(struct ctx *c, json_t *obj, const char *key, const char *field, bool required,
                               int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	*out = 0;
	if (!v || json_is_null(v))
		return required ? gh_fail_set(&c->fail, GH_EMISSING, field, "请填写金额（分）",
		                              "the amount (fen) is required")
		                : GH_OK;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > AMOUNT_MAX)
		return invalid(c, field, "金额应为 0 到 100 亿分之间的整数（单位：分）",
		               "the amount must be a whole number of fen between 0 and 10,000,000,000");
	*out = json_integer_value(v);
	return GH_OK;
}

static bool in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* A token of list; required. */
static enum gh_err read_token(struct ctx *c, json_t *obj, const char *key, const char *field, const char *const *list,
                              const char **out)
{
	enum gh_err e = read_text(c, obj, key, field, 32, true, out);
	if (e)
		return e;
	if (!in_list(*out, list))
		return invalid(c, field, "不在可选范围内", "not one of the allowed values");
	return GH_OK;
}

/* The array body[key] with at most max items (at least min); NULL when absent and min is 0. */
static enum gh_err read_array(struct ctx *c, json_t *body, const char *key, size_t min, size_t max, json_t **out)
{
	json_t *v = json_object_get(body, key);
	*out = NULL;
	if (!v || json_is_null(v)) {
		if (min)
			return gh_fail_set(&c->fail, GH_EMISSING, key, "此项为必填项", "this field is required");
		return GH_OK;
	}
	if (!json_is_array(v))
		return invalid(c, key, "应为列表", "must be a list");
	if (json_array_size(v) < min)
		return gh_fail_set(&c->fail, GH_EMISSING, key, "至少填写一项", "give at least one");
	if (json_array_size(v) > max)
		return invalid(c, key, arena_printf(c->a, "最多 %zu 项", max),
		               arena_printf(c->a, "at most %zu items", max));
	for (size_t i = 0; i < json_array_size(v); i++)
		if (!json_is_object(json_array_get(v, i)))
			return invalid(c, arena_printf(c->a, "%s.%zu", key, i), "应为对象", "must be an object");
	*out = v;
	return GH_OK;
}

static const char *const relations[] = {"self", "spouse", "child", "parent", "sibling", "grandchild", "other", NULL};
static const char *const income_kinds[] = {"wage", "business", "property", "transfer", "other", NULL};
static const char *const expense_kinds[] = {"medical", "education", "housing", "care", "other", NULL};
static const char *const cause_kinds[] = {"illness",      "disability", "accident", "disaster",
                                          "unemployment", "education",  "other",    NULL};
static const char *const illnesses[] = {"cancer", "cardiovascular", "kidney", "mental", "chronic", "other", NULL};

static enum gh_err read_household(struct ctx *c, json_t *body, json_t *dst, int *n)
{
	json_t *arr;
	enum gh_err e = read_array(c, body, "household", 1, HOUSEHOLD_MAX, &arr);
	if (e)
		return e;
	json_t *out = json_array();
	json_object_set_new(dst, "household", out);
	int selves = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *it = json_array_get(arr, i);
		const char *name, *rel, *health, *occupation;
		int64_t born = 0;
		bool has_born = false;
		const char *f = arena_printf(c->a, "household.%zu", i);
		if ((e = read_text(c, it, "name", arena_printf(c->a, "%s.name", f), 40, true, &name)) ||
		    (e = read_token(c, it, "relation", arena_printf(c->a, "%s.relation", f), relations, &rel)) ||
		    (e = read_text(c, it, "health", arena_printf(c->a, "%s.health", f), 100, false, &health)) ||
		    (e = read_text(c, it, "occupation", arena_printf(c->a, "%s.occupation", f), 50, false,
		                   &occupation)))
			return e;
		json_t *jb = json_object_get(it, "birth_year");
		if (jb && !json_is_null(jb)) {
			if (!json_is_integer(jb) || json_integer_value(jb) < 1900 || json_integer_value(jb) > 2100)
				return invalid(c, arena_printf(c->a, "%s.birth_year", f), "出生年份应为 1900–2100",
				               "the year of birth must be 1900–2100");
			born = json_integer_value(jb);
			has_born = true;
		}
		selves += !strcmp(rel, "self");
		json_t *m = json_pack("{s:s, s:s}", "name", name, "relation", rel);
		if (has_born)
			json_object_set_new(m, "birth_year", json_integer(born));
		if (health)
			json_object_set_new(m, "health", json_string(health));
		if (occupation)
			json_object_set_new(m, "occupation", json_string(occupation));
		json_array_append_new(out, m);
	}
	if (selves != 1)
		return invalid(c, "household", "家庭成员中应有且只有一位职工本人（relation 为 self）",
		               "the household lists the worker themselves (relation self) exactly once");
	*n = (int)json_array_size(arr);
	return GH_OK;
}

/* incomes or expenses: items {kind, annual_fen, note}; their sum into *total. */
static enum gh_err read_amounts(struct ctx *c, json_t *body, const char *key, const char *const *kinds, json_t *dst,
                                int64_t *total)
{
	json_t *arr;
	*total = 0;
	enum gh_err e = read_array(c, body, key, 0, ITEMS_MAX, &arr);
	if (e)
		return e;
	json_t *out = json_array();
	json_object_set_new(dst, key, out);
	for (size_t i = 0; arr && i < json_array_size(arr); i++) {
		json_t *it = json_array_get(arr, i);
		const char *kind, *note;
		int64_t fen;
		const char *f = arena_printf(c->a, "%s.%zu", key, i);
		if ((e = read_token(c, it, "kind", arena_printf(c->a, "%s.kind", f), kinds, &kind)) ||
		    (e = read_amount(c, it, "annual_fen", arena_printf(c->a, "%s.annual_fen", f), true, &fen)) ||
		    (e = read_text(c, it, "note", arena_printf(c->a, "%s.note", f), 100, false, &note)))
			return e;
		*total += fen;
		json_t *m = json_pack("{s:s, s:I}", "kind", kind, "annual_fen", (json_int_t)fen);
		if (note)
			json_object_set_new(m, "note", json_string(note));
		json_array_append_new(out, m);
	}
	return GH_OK;
}

static enum gh_err read_causes(struct ctx *c, json_t *body, json_t *dst, bool *accident)
{
	json_t *arr;
	*accident = false;
	enum gh_err e = read_array(c, body, "causes", 1, 10, &arr);
	if (e)
		return e;
	json_t *out = json_array();
	json_object_set_new(dst, "causes", out);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *it = json_array_get(arr, i);
		const char *kind, *note, *who, *illness = NULL;
		const char *f = arena_printf(c->a, "causes.%zu", i);
		if ((e = read_token(c, it, "kind", arena_printf(c->a, "%s.kind", f), cause_kinds, &kind)) ||
		    (e = read_text(c, it, "note", arena_printf(c->a, "%s.note", f), 200, false, &note)) ||
		    (e = read_text(c, it, "who", arena_printf(c->a, "%s.who", f), 40, false, &who)))
			return e;
		json_t *m = json_pack("{s:s}", "kind", kind);
		json_array_append_new(out, m);
		if (!strcmp(kind, "illness")) {
			if ((e = read_token(c, it, "illness", arena_printf(c->a, "%s.illness", f), illnesses,
			                    &illness)))
				return e;
			json_object_set_new(m, "illness", json_string(illness));
		} else if (!strcmp(kind, "disability")) {
			json_t *g = json_object_get(it, "grade");
			if (!g || json_is_null(g))
				return gh_fail_set(&c->fail, GH_EMISSING, arena_printf(c->a, "%s.grade", f),
				                   "请填写残疾等级（1–4 级）",
				                   "the disability grade (1–4) is required");
			if (!json_is_integer(g) || json_integer_value(g) < 1 || json_integer_value(g) > 4)
				return invalid(c, arena_printf(c->a, "%s.grade", f), "残疾等级应为 1–4 级",
				               "the disability grade is 1 to 4");
			json_object_set_new(m, "grade", json_integer(json_integer_value(g)));
		} else if (!strcmp(kind, "accident") || !strcmp(kind, "disaster")) {
			*accident = true;
		}
		if (note)
			json_object_set_new(m, "note", json_string(note));
		if (who)
			json_object_set_new(m, "who", json_string(who));
	}
	return GH_OK;
}

enum gh_err hardship_read_figures(struct ctx *c, json_t *body, struct hardship_figures *f, json_t **sensitive)
{
	memset(f, 0, sizeof(*f));
	*sensitive = NULL;
	json_t *s = json_object();
	if (!s)
		return no_memory(c);
	enum gh_err e;
	if ((e = read_household(c, body, s, &f->household)) ||
	    (e = read_amounts(c, body, "incomes", income_kinds, s, &f->income_fen)) ||
	    (e = read_amounts(c, body, "expenses", expense_kinds, s, &f->expenses_fen)) ||
	    (e = read_causes(c, body, s, &f->accident_cause)) ||
	    (e = read_amount(c, body, "accident_costs_fen", "accident_costs_fen", false, &f->accident_costs_fen))) {
		json_decref(s);
		return e;
	}
	json_object_set_new(s, "accident_costs_fen", json_integer(f->accident_costs_fen));
	*sensitive = s;
	return GH_OK;
}

/* "1,234.56" of fen (may be negative), into the arena. */
static const char *yuan(struct ctx *c, int64_t fen)
{
	int64_t a = fen < 0 ? -fen : fen;
	return arena_printf(c->a, "%s%" PRId64 ".%02" PRId64, fen < 0 ? "-" : "", a / 100, a % 100);
}

enum gh_err hardship_assess(struct ctx *c, const char *place12, const char *date, const struct hardship_figures *f,
                            json_t *payload, json_t *secret)
{
	struct living_standard ls;
	int r = living_standard_effective(c, place12, date, &ls);
	if (r < 0)
		return io_fail(c);
	if (r == 0)
		return gh_fail_set(
		        &c->fail, GH_ECONFLICT, "standard",
		        arena_printf(c->a, "没有 %s（%s）在 %s 有效的最低生活保障标准，请先在“低保标准”中录入", place12,
		                     ls.place_name ? ls.place_name : "", date),
		        arena_printf(
		                c->a,
		                "no minimum-living standard is in force for %s on %s; enter it under living standards "
		                "first",
		                place12, date));
	struct hardship_class k;
	if (hardship_classify(f, ls.monthly_fen, &k) < 0)
		return invalid(c, "household", "家庭数据超出范围", "the household figures are out of range");
	const char *lvl = hardship_level_token(k.level);
	json_object_set_new(payload, "computed_level", json_string(lvl));
	json_object_set_new(payload, "assessed_on", json_string(date));
	json_object_set_new(payload, "standard",
	                    json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)ls.id, "division_code",
	                              ls.division, "place_name", ls.place_name ? ls.place_name : "", "monthly_fen",
	                              (json_int_t)ls.monthly_fen, "effective_from", ls.effective_from));
	const char *zh = arena_printf(
	        c->a,
	        "人均月收入 =（家庭年可支配收入 %s 元 − 刚性支出 %s 元）÷ 12 ÷ %d 人 = %s 元；"
	        "%s低保标准 %s 元/月（%s 起执行），2 倍为 %s 元。%s",
	        yuan(c, f->income_fen), yuan(c, f->expenses_fen), f->household, yuan(c, k.per_capita_fen),
	        ls.place_name ? ls.place_name : "", yuan(c, ls.monthly_fen), ls.effective_from,
	        yuan(c, k.relative_line_fen),
	        k.level == HS_DEEP       ? "低于低保标准：深度困难。"
	        : k.level == HS_RELATIVE ? "不低于低保标准、低于 2 倍：相对困难。"
	        : k.level == HS_ACCIDENT
	                ? (k.costs_over_80 ? "不低于 2 倍低保，但年度致困费用超过家庭年收入的 80%：意外致困。"
	                                   : "不低于 2 倍低保，但因意外事故或灾害致困：意外致困。")
	                : "不低于 2 倍低保，且无意外致困情形：不符合建档条件。");
	const char *en = arena_printf(
	        c->a,
	        "per capita a month = (household disposable income %s − rigid expenses %s) / 12 / %d = %s yuan; the "
	        "standard of %s is %s yuan a month (from %s), twice it %s. %s",
	        yuan(c, f->income_fen), yuan(c, f->expenses_fen), f->household, yuan(c, k.per_capita_fen), ls.division,
	        yuan(c, ls.monthly_fen), ls.effective_from, yuan(c, k.relative_line_fen),
	        k.level == HS_DEEP       ? "Below the standard: deep hardship."
	        : k.level == HS_RELATIVE ? "At or above the standard and below twice it: relative hardship."
	        : k.level == HS_ACCIDENT
	                ? (k.costs_over_80 ? "Not below twice the standard, but the year's costs of an "
	                                     "illness or accident exceed 80% of the income: accident."
	                                   : "Not below twice the standard, but an accident or disaster "
	                                     "is a cause: accident.")
	                : "Not below twice the standard and no accident: not eligible.");
	json_object_set_new(secret, "classification",
	                    json_pack("{s:s, s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:b, s:s, s:s}", "level",
	                              lvl, "date", date, "household_size", f->household, "annual_income_fen",
	                              (json_int_t)f->income_fen, "rigid_expenses_fen", (json_int_t)f->expenses_fen,
	                              "net_fen", (json_int_t)k.net_fen, "per_capita_monthly_fen",
	                              (json_int_t)k.per_capita_fen, "standard_fen", (json_int_t)k.standard_fen,
	                              "relative_line_fen", (json_int_t)k.relative_line_fen, "accident_costs_fen",
	                              (json_int_t)f->accident_costs_fen, "costs_over_80", k.costs_over_80,
	                              "accident_cause", f->accident_cause, "explain_zh", zh, "explain_en", en));
	return GH_OK;
}

/* ---- living standards ---- */

static void ls_read_row(struct ctx *c, struct stmt *st, struct living_standard *s)
{
	memset(s, 0, sizeof(*s));
	s->id = store_col_i64(st, 0);
	snprintf(s->division, sizeof(s->division), "%s", store_col_text(st, 1));
	s->level = (int)store_col_i64(st, 2);
	s->monthly_fen = store_col_i64(st, 3);
	snprintf(s->effective_from, sizeof(s->effective_from), "%s", store_col_text(st, 4));
	s->source = store_col_null(st, 5) ? NULL : arena_strdup(c->a, store_col_text(st, 5));
	s->created_at = store_col_i64(st, 6);
	s->place_name = arena_strdup(c->a, store_col_text(st, 7));
	s->demo = store_col_i64(st, 8) != 0;
}

/* The codes of the place and of every place it lies in, by level 1..5 (repeating the place for
 * the levels below it), into codes[5][13]. */
static void area_codes(const char *code12, char codes[5][13])
{
	int level = division_level(code12);
	for (int l = 1; l <= 5; l++) {
		int keep = division_prefix_len(l <= level ? l : level);
		memset(codes[l - 1], '0', 12);
		codes[l - 1][12] = 0;
		if (keep > 0)
			memcpy(codes[l - 1], code12, (size_t)keep);
	}
}

int living_standard_effective(struct ctx *c, const char *code12, const char *date, struct living_standard *out)
{
	memset(out, 0, sizeof(*out));
	if (division_level(code12) < 1)
		return 0;
	char codes[5][13];
	area_codes(code12, codes);
	struct stmt *st =
	        store_query(c->db, SQ_LS_EFFECTIVE, "tttttt", codes[0], codes[1], codes[2], codes[3], codes[4], date);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW)
		ls_read_row(c, st, out);
	store_reset(st);
	if (r == STORE_DONE) {
		/* the place's name, for the message that there is none */
		struct stmt *p = store_query(c->db, SQ_PLACE_GET, "t", code12);
		if (p && store_step(p) == STORE_ROW)
			out->place_name = arena_strdup(c->a, store_col_text(p, 1));
		if (p)
			store_reset(p);
	}
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

/* A division code of 2–12 digits that names a place of the tree, normalised into out. */
static enum gh_err read_place(struct ctx *c, const char *raw, const char *field, char out[13])
{
	if (!raw || !*raw)
		return gh_fail_set(&c->fail, GH_EMISSING, field, "请填写区划代码", "the division code is required");
	if (division_normalize(raw, strlen(raw), out) < 0 || division_level(out) < 1)
		return invalid(c, field, "区划代码应为 2、4、6、9 或 12 位数字",
		               "a division code has 2, 4, 6, 9 or 12 digits");
	int64_t level = 0;
	int r = store_one_i64(c->db, &level, SQ_PLACE_GET, "t", out);
	if (r < 0)
		return io_fail(c);
	if (r == 0)
		return invalid(c, field, "没有这个区划", "no such place");
	return GH_OK;
}

static enum gh_err read_date(struct ctx *c, const char *raw, const char *field, char out[11])
{
	int y, m, d;
	if (!raw || cal_parse_date(raw, &y, &m, &d) < 0 || y < 1990 || y > 2100)
		return invalid(c, field, "日期格式应为 YYYY-MM-DD（1990–2100 年）", "a date is YYYY-MM-DD (1990–2100)");
	cal_format_date(y, m, d, out, 11);
	return GH_OK;
}

enum gh_err living_standard_lookup(struct ctx *c, const char *division, const char *date, struct living_standard *out)
{
	char code[13], on[11];
	enum gh_err e = read_place(c, division, "division", code);
	if (e)
		return e;
	if (date && *date) {
		if ((e = read_date(c, date, "date", on)))
			return e;
	} else {
		today(on);
	}
	int r = living_standard_effective(c, code, on, out);
	if (r < 0)
		return io_fail(c);
	if (r == 0)
		return gh_fail_set(
		        &c->fail, GH_ENOTFOUND, "division",
		        arena_printf(c->a, "%s在 %s 没有有效的低保标准", out->place_name ? out->place_name : code, on),
		        arena_printf(c->a, "no living standard is in force at %s on %s", code, on));
	return GH_OK;
}

enum gh_err living_standard_create(struct ctx *c, const struct living_standard_input *in, struct living_standard *out)
{
	char code[13], from[11];
	enum gh_err e = read_place(c, in->division, "division_code", code);
	if (e)
		return e;
	if (!in->effective_from)
		return gh_fail_set(&c->fail, GH_EMISSING, "effective_from", "请填写执行日期",
		                   "the date it takes effect is required");
	if ((e = read_date(c, in->effective_from, "effective_from", from)))
		return e;
	if (in->monthly_fen < 100 || in->monthly_fen > 1000000)
		return invalid(c, "monthly_fen", "月标准应在 1 元到 1 万元之间（单位：分）",
		               "the monthly amount is between 100 and 1,000,000 fen");
	if (in->source && text_utf8_count(in->source, strlen(in->source)) > 200)
		return invalid(c, "source", "来源最多 200 个字", "the source has at most 200 characters");
	/* who sets the standard of a place: a local federation whose area holds it, or the admin */
	bool may = c->who->role == ROLE_ADMIN || !c->who->id;
	if (!may) {
		struct org me;
		if ((e = org_load(c, c->who->org_id, &me)))
			return e;
		may = org_kind_is_geographic(me.kind) && org_covers_place(&me, code);
	}
	if (!may)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "division_code",
		                   "只有辖区包含该地的地方总工会可以录入其低保标准",
		                   "only a local federation whose area holds the place may enter its standard");
	if (tx_begin(c) < 0)
		return io_fail(c);
	int64_t id = ids_next(c->db, 1);
	if (id < 0)
		goto io;
	int rc = store_run(c->db, SQ_LS_INSERT, "itiittiii", id, code, (int64_t)division_level(code), in->monthly_fen,
	                   from, in->source, c->who->id, clock_now(), (int64_t)(in->demo ? 1 : 0));
	if (rc == GH_EDUP) {
		tx_rollback(c);
		return gh_fail_set(&c->fail, GH_EDUP, "effective_from", "该地区这一天起执行的标准已经录入",
		                   "this place has a standard from that date already");
	}
	if (rc != 0 ||
	    audit_write(c, "living_standard.create", "living_standard", id, c->who->path,
	                arena_printf(c->a,
	                             "{\"division_code\":\"%s\",\"monthly_fen\":%" PRId64 ",\"effective_from\":\"%s\"}",
	                             code, in->monthly_fen, from)) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	struct stmt *st = store_query(c->db, SQ_LS_GET, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		ls_read_row(c, st, out);
	store_reset(st);
	return r == STORE_ROW ? GH_OK : io_fail(c);
io:
	tx_rollback(c);
	return io_fail(c);
}

enum gh_err living_standard_list(struct ctx *c, const char *division, int64_t offset, int64_t limit,
                                 struct living_standard_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	char code[13] = "", codes[5][13];
	if (division && *division) {
		enum gh_err e = read_place(c, division, "division", code);
		if (e)
			return e;
	} else if (c->who->org_id) {
		struct org me;
		if (org_load(c, c->who->org_id, &me) == GH_OK && me.kind != KIND_NATIONAL)
			memcpy(code, me.division, 13);
	}
	const char *prefix = "";
	if (*code) {
		area_codes(code, codes);
		prefix = arena_strdup(c->a, code);
		int keep = division_prefix_len(division_level(code));
		if (!prefix)
			return no_memory(c);
		((char *)prefix)[keep > 0 ? keep : 0] = 0;
	} else {
		for (int i = 0; i < 5; i++)
			codes[i][0] = 0;
	}
	if (store_one_i64(c->db, &out->total, SQ_LS_LIST_COUNT, "tttttt", codes[0], codes[1], codes[2], codes[3],
	                  codes[4], prefix) < 0)
		return io_fail(c);
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return no_memory(c);
	struct stmt *st = store_query(c->db, SQ_LS_LIST, "ttttttii", codes[0], codes[1], codes[2], codes[3], codes[4],
	                              prefix, limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		ls_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

/* ---- assistance ---- */

static const char *const aid_kinds[] = {"warmth", "education", "medical", "other", NULL};

/* The Chinese name of a kind, for the file's history. */
static const char *aid_label(const char *kind)
{
	static const char *const labels[] = {"送温暖", "金秋助学", "医疗救助", "其他帮扶"};
	for (int i = 0; aid_kinds[i]; i++)
		if (!strcmp(kind, aid_kinds[i]))
			return labels[i];
	return kind;
}

bool hardship_aid_kind_ok(const char *kind)
{
	return in_list(kind, aid_kinds);
}

static enum gh_err aid_read_row(struct ctx *c, struct stmt *st, struct hardship_aid *x)
{
	memset(x, 0, sizeof(*x));
	x->id = store_col_i64(st, 0);
	x->case_id = store_col_i64(st, 1);
	x->org_id = store_col_i64(st, 2);
	x->org_name = arena_strdup(c->a, store_col_text(st, 3));
	x->by_org_id = store_col_i64(st, 4);
	x->by_org_name = arena_strdup(c->a, store_col_text(st, 5));
	x->member_name = arena_strdup(c->a, store_col_text(st, 6));
	x->kind = arena_strdup(c->a, store_col_text(st, 7));
	x->amount_fen = store_col_i64(st, 8);
	x->given_on = arena_strdup(c->a, store_col_text(st, 9));
	x->created_at = store_col_i64(st, 11);
	size_t n = 0;
	const void *b = store_col_null(st, 10) ? NULL : store_col_blob(st, 10, &n);
	if (b && n) {
		char *plain = pii_open_text(&keys_current, PII_SENSITIVE, b, n);
		if (!plain)
			return gh_fail_set(&c->fail, GH_EIO, NULL, "敏感信息无法解密",
			                   "the sensitive part could not be opened");
		x->note = arena_strdup(c->a, plain);
		sodium_memzero(plain, strlen(plain));
		free(plain);
	}
	return GH_OK;
}

/* Reads the rows of st into out (at most limit). */
static enum gh_err aid_rows(struct ctx *c, struct stmt *st, int64_t limit, struct hardship_aid_list *out)
{
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items) {
		store_reset(st);
		return no_memory(c);
	}
	int r;
	enum gh_err e = GH_OK;
	while (!e && (r = store_step(st)) == STORE_ROW && out->n < limit)
		e = aid_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	if (e)
		return e;
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

/* Two integers of one row of a statement. */
static int two_i64(struct stmt *st, int64_t *a, int64_t *b)
{
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW) {
		*a = store_col_i64(st, 0);
		*b = store_col_i64(st, 1);
	}
	store_reset(st);
	return r == STORE_ROW ? 0 : -1;
}

/* An audit row of a reading of sensitive hardship data, in its own short transaction. */
static enum gh_err audit_reading(struct ctx *c, const char *action, int64_t id, const char *path, const char *detail)
{
	if (tx_begin(c) < 0)
		return io_fail(c);
	if (audit_write(c, action, "case", id, path, detail) < 0 || tx_commit(c) < 0) {
		tx_rollback(c);
		return io_fail(c);
	}
	return GH_OK;
}

static const char *union_path(const struct flow_case *k)
{
	json_t *p = json_object_get(k->payload, "from_org_path");
	return json_is_string(p) ? json_string_value(p) : NULL;
}

enum gh_err hardship_aid_add(struct ctx *c, int64_t case_id, const struct hardship_aid_input *in,
                             struct hardship_aid *out)
{
	struct flow_case k;
	enum gh_err e = flow_get(c, case_id, &k, NULL, NULL);
	if (e)
		return e;
	const char *up = union_path(&k);
	bool hardship = !strcmp(k.type, "hardship");
	bool may = hardship && c->who->role != ROLE_MEMBER && role_can(c->who->role, CAP_CASE_HANDLE) &&
	           (scope_contains(c->who->path, k.path) || (up && scope_contains(c->who->path, up)));
	int64_t union_id = json_integer_value(json_object_get(k.payload, "union_org_id"));
	const char *m0 = json_string_value(json_object_get(k.payload, "member_name"));
	const char *member = m0 ? arena_strdup(c->a, m0) : NULL;
	char *upath = up ? arena_strdup(c->a, up) : NULL;
	flow_case_release(&k);
	if (!hardship)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "困难职工档案不存在", "no such hardship file");
	if (!may)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "无权为该档案登记帮扶",
		                   "you may not record assistance on this file");
	if (!in->kind)
		return gh_fail_set(&c->fail, GH_EMISSING, "kind", "请选择帮扶类型",
		                   "the kind of assistance is required");
	if (!hardship_aid_kind_ok(in->kind))
		return invalid(c, "kind", "帮扶类型应为送温暖、金秋助学、医疗救助或其他",
		               "the kind is warmth, education, medical or other");
	if (in->amount_fen < 1 || in->amount_fen > 50000000)
		return invalid(c, "amount_fen", "金额应在 0.01 元到 50 万元之间（单位：分）",
		               "the amount is between 1 and 50,000,000 fen");
	char on[11], now_day[11];
	today(now_day);
	if (in->given_on) {
		if ((e = read_date(c, in->given_on, "given_on", on)))
			return e;
		if (strcmp(on, now_day) > 0)
			return invalid(c, "given_on", "发放日期不能晚于今天", "the date cannot be in the future");
	} else {
		memcpy(on, now_day, 11);
	}
	if (in->note && text_utf8_count(in->note, strlen(in->note)) > 500)
		return invalid(c, "note", "说明最多 500 个字", "the note has at most 500 characters");
	if (tx_begin(c) < 0)
		return io_fail(c);
	/* read the file again under the write lock: its state and totals as they are now */
	struct stmt *st = store_query(c->db, SQ_HS_CASE_STATE, "i", case_id);
	if (!st)
		goto io;
	int r = store_step(st);
	char *state = r == STORE_ROW ? arena_strdup(c->a, store_col_text(st, 0)) : NULL;
	json_t *payload = r == STORE_ROW ? json_loads(store_col_text(st, 1), 0, NULL) : NULL;
	char *path = r == STORE_ROW ? arena_strdup(c->a, store_col_text(st, 2)) : NULL;
	int64_t province = r == STORE_ROW ? store_col_i64(st, 3) : 0;
	store_reset(st);
	if (!payload || !state || !path) {
		json_decref(payload);
		goto io;
	}
	if (strcmp(state, "filed")) {
		json_decref(payload);
		tx_rollback(c);
		return gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "只有已建档的困难职工可以登记帮扶",
		                   "assistance is recorded on filed workers only");
	}
	int64_t count = json_integer_value(json_object_get(payload, "assistance_count")) + 1;
	int64_t total = json_integer_value(json_object_get(payload, "assistance_fen")) + in->amount_fen;
	json_object_set_new(payload, "assistance_count", json_integer(count));
	json_object_set_new(payload, "assistance_fen", json_integer(total));
	char *text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(payload);
	unsigned char *sealed = NULL;
	size_t sealed_len = 0;
	if (in->note && !(sealed = pii_seal_text(&keys_current, PII_SENSITIVE, in->note, &sealed_len))) {
		free(text);
		goto io;
	}
	int64_t id = ids_next(c->db, 1);
	const struct flow_type *t = flow_type_find("hardship");
	int rc = text && id > 0 ? store_run(c->db, SQ_CASE_SET_PAYLOAD, "iti", case_id, text, province) : -1;
	free(text);
	if (rc == 0) {
		st = store_prepare(c->db, SQ_AS_INSERT);
		rc = -1;
		if (st) {
			store_bind_i64(st, 1, id);
			store_bind_i64(st, 2, case_id);
			store_bind_text(st, 3, upath ? upath : path);
			store_bind_i64(st, 4, union_id);
			store_bind_i64(st, 5, c->who->org_id ? c->who->org_id : union_id);
			store_bind_text(st, 6, member ? member : "");
			store_bind_text(st, 7, in->kind);
			store_bind_i64(st, 8, in->amount_fen);
			store_bind_text(st, 9, on);
			sealed ? store_bind_blob(st, 10, sealed, sealed_len) : store_bind_null(st, 10);
			c->who->id ? store_bind_i64(st, 11, c->who->id) : store_bind_null(st, 11);
			store_bind_i64(st, 12, clock_now());
			store_bind_i64(st, 13, in->demo ? 1 : 0);
			rc = store_step(st) == STORE_DONE ? 0 : -1;
			store_reset(st);
		}
	}
	free(sealed);
	/* the file's figures (flow_hardship.c: slots 3 and 4 count the assistance) move with it */
	if (rc != 0 || !t || stats_add(c, path, t->stat_base + 2 + 3, 1) < 0 ||
	    stats_add(c, path, t->stat_base + 2 + 4, in->amount_fen) < 0 ||
	    flow_event_add(c, case_id, "assist", "filed", "filed", c->who->org_id,
	                   arena_printf(c->a, "%s %s 元", aid_label(in->kind), yuan(c, in->amount_fen))) < 0 ||
	    audit_write(c, "hardship.assist", "case", case_id, path,
	                arena_printf(c->a, "{\"assistance_id\":%" PRId64 ",\"kind\":\"%s\",\"amount_fen\":%" PRId64 "}",
	                             id, in->kind, in->amount_fen)) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	memset(out, 0, sizeof(*out));
	out->id = id;
	out->case_id = case_id;
	out->org_id = union_id;
	out->by_org_id = c->who->org_id;
	out->member_name = member ? arena_strdup(c->a, member) : "";
	out->kind = in->kind;
	out->amount_fen = in->amount_fen;
	out->given_on = arena_strdup(c->a, on);
	out->note = in->note;
	out->created_at = clock_now();
	return GH_OK;
io:
	tx_rollback(c);
	return io_fail(c);
}

enum gh_err hardship_aid_of_case(struct ctx *c, int64_t case_id, int64_t offset, int64_t limit,
                                 struct hardship_aid_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	struct flow_case k;
	enum gh_err e = flow_get(c, case_id, &k, NULL, NULL);
	if (e)
		return e;
	bool hardship = !strcmp(k.type, "hardship");
	const char *up = union_path(&k);
	bool may = flow_is_applicant(c, &k) ||
	           (c->who->role != ROLE_MEMBER && role_can(c->who->role, CAP_SENSITIVE_READ) &&
	            (scope_contains(c->who->path, k.path) || (up && scope_contains(c->who->path, up))));
	char *path = arena_strdup(c->a, k.path);
	flow_case_release(&k);
	if (!hardship)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "困难职工档案不存在", "no such hardship file");
	if (!may)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "无权查看该档案的帮扶记录",
		                   "you may not read the assistance of this file");
	if (two_i64(store_query(c->db, SQ_AS_OF_CASE_SUM, "i", case_id), &out->total, &out->amount_fen) < 0)
		return io_fail(c);
	struct stmt *st = store_query(c->db, SQ_AS_OF_CASE, "iii", case_id, limit, offset);
	if (!st)
		return io_fail(c);
	if ((e = aid_rows(c, st, limit, out)))
		return e;
	return audit_reading(c, "hardship.assistance.read", case_id, path, NULL);
}

enum gh_err hardship_aid_list(struct ctx *c, int64_t org, const char *kind, const char *from, const char *to,
                              int64_t offset, int64_t limit, struct hardship_aid_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (c->who->role == ROLE_MEMBER || !role_can(c->who->role, CAP_SENSITIVE_READ))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "无权查看帮扶记录",
		                   "you may not read assistance records");
	char f[11], t[11];
	enum gh_err e;
	if (kind && !hardship_aid_kind_ok(kind))
		return invalid(c, "kind", "帮扶类型应为 warmth、education、medical 或 other",
		               "the kind is warmth, education, medical or other");
	if (from && (e = read_date(c, from, "from", f)))
		return e;
	if (to && (e = read_date(c, to, "to", t)))
		return e;
	const char *lo, *hi;
	if ((e = org_scope_range(c, org, &lo, &hi)))
		return e;
	if (two_i64(store_query(c->db, SQ_AS_LIST_SUM, "ttttt", lo, hi, kind, from ? f : NULL, to ? t : NULL),
	            &out->total, &out->amount_fen) < 0)
		return io_fail(c);
	struct stmt *st =
	        store_query(c->db, SQ_AS_LIST, "tttttii", lo, hi, kind, from ? f : NULL, to ? t : NULL, limit, offset);
	if (!st)
		return io_fail(c);
	if ((e = aid_rows(c, st, limit, out)))
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	if (audit_write(c, "hardship.assistance.list", "org", org ? org : c->who->org_id, lo, NULL) < 0 ||
	    tx_commit(c) < 0) {
		tx_rollback(c);
		return io_fail(c);
	}
	return GH_OK;
}

enum gh_err hardship_review_due(struct ctx *c, int64_t org, int within, int64_t offset, int64_t limit,
                                struct flow_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (c->who->role == ROLE_MEMBER || !role_can(c->who->role, CAP_CASE_READ))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "无权查看复核清单",
		                   "you may not read the review list");
	if (within < 0 || within > 366)
		return invalid(c, "within", "天数应为 0–366", "within is 0 to 366 days");
	if (flow_sweep(c) < 0)
		return io_fail(c);
	const char *lo, *hi;
	enum gh_err e = org_scope_range(c, org, &lo, &hi);
	if (e)
		return e;
	int64_t by = clock_now() + (int64_t)within * 86400;
	if (store_one_i64(c->db, &out->total, SQ_HS_REVIEW_DUE_COUNT, "tti", lo, hi, by) < 0)
		return io_fail(c);
	int64_t *ids = arena_alloc(c->a, sizeof(*ids) * (size_t)(limit > 0 ? limit : 1));
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!ids || !out->items)
		return no_memory(c);
	struct stmt *st = store_query(c->db, SQ_HS_REVIEW_DUE, "ttiii", lo, hi, by, limit, offset);
	if (!st)
		return io_fail(c);
	int n = 0, r;
	while ((r = store_step(st)) == STORE_ROW && n < limit)
		ids[n++] = store_col_i64(st, 0);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	for (int i = 0; i < n; i++) {
		if ((e = flow_get(c, ids[i], &out->items[out->n], NULL, NULL)) == GH_OK)
			out->n++;
		else if (e != GH_ENOTFOUND)
			return e;
	}
	return GH_OK;
}

void hardship_year_after(const char *date, char out[11])
{
	int y, m, d;
	if (cal_parse_date(date, &y, &m, &d) < 0) {
		out[0] = 0;
		return;
	}
	y++;
	if (m == 2 && d == 29 && !cal_valid(y, m, d))
		d = 28;
	cal_format_date(y, m, d, out, 11);
}
