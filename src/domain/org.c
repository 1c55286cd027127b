/*
 * Organisations (org.h): reading the tree within scope, searching it in Chinese, creating,
 * editing and moving unions. Every write is one transaction (domain/tx.c) that also updates the
 * subtree counters and appends its audit row.
 */
#include "domain/org.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/division.h"
#include "check/phone.h"
#include "domain/province.h"
#include "domain/tx.h"

static const struct {
	const char *token, *zh, *en;
	bool federation, geographic, employer;
} kinds[KIND__MAX] = {
        [KIND_NATIONAL] = {"national", "全国总工会", "national federation", true, true, false},
        [KIND_PROVINCIAL] = {"provincial", "省级总工会", "provincial federation", true, true, false},
        [KIND_CITY] = {"city", "市级总工会", "city federation", true, true, false},
        [KIND_COUNTY] = {"county", "县级总工会", "county federation", true, true, false},
        [KIND_TOWN] = {"town", "乡镇（街道）总工会", "town/street federation", true, true, false},
        [KIND_VILLAGE] = {"village", "村工会", "village union", false, false, false},
        [KIND_COMMUNITY] = {"community", "社区工会", "community union", false, false, false},
        [KIND_REGIONAL_FEDERATION] = {"regional_federation", "区域性工会联合会", "regional union federation", true,
                                      false, false},
        [KIND_INDUSTRY_FEDERATION] = {"industry_federation", "行业性工会联合会", "industry union federation", true,
                                      false, false},
        [KIND_ENTERPRISE] = {"enterprise", "企业工会", "enterprise union", false, false, true},
        [KIND_INSTITUTION] = {"institution", "事业单位工会", "institution union", false, false, true},
        [KIND_AGENCY] = {"agency", "机关工会", "agency union", false, false, true},
        [KIND_JOINT] = {"joint", "联合基层工会", "joint grassroots union", false, false, true},
};

int org_kind_parse(const char *s)
{
	for (int i = 0; s && i < KIND__MAX; i++)
		if (!strcmp(s, kinds[i].token))
			return i;
	return -1;
}

const char *org_kind_token(enum org_kind k)
{
	return (k >= 0 && k < KIND__MAX) ? kinds[k].token : "";
}

const char *org_kind_label(enum org_kind k, bool zh)
{
	if (k < 0 || k >= KIND__MAX)
		return "";
	return zh ? kinds[k].zh : kinds[k].en;
}

bool org_kind_is_federation(int k)
{
	return k >= 0 && k < KIND__MAX && kinds[k].federation;
}

bool org_kind_is_geographic(int k)
{
	return k >= 0 && k < KIND__MAX && kinds[k].geographic;
}

bool org_kind_has_employer(int k)
{
	return k >= 0 && k < KIND__MAX && kinds[k].employer;
}

int64_t ids_next(struct store *db, int64_t n)
{
	int64_t last;
	if (store_one_i64(db, &last, SQ_ID_NEXT, "i", n) != 1)
		return -1;
	return last - n + 1;
}

/* Reads the row under the cursor (columns of SQL_ORG_COLS). */
static void org_read_row(struct ctx *c, struct stmt *st, struct org *o)
{
	memset(o, 0, sizeof(*o));
	o->id = store_col_i64(st, 0);
	o->parent_id = store_col_null(st, 1) ? 0 : store_col_i64(st, 1);
	o->path = arena_strdup(c->a, store_col_text(st, 2));
	o->depth = (int)store_col_i64(st, 3);
	o->kind = (enum org_kind)org_kind_parse(store_col_text(st, 4));
	o->name = arena_strdup(c->a, store_col_text(st, 5));
	snprintf(o->division, sizeof(o->division), "%s", store_col_text(st, 6));
	o->status = arena_strdup(c->a, store_col_text(st, 7));
	o->credit_code = store_col_null(st, 8) ? NULL : arena_strdup(c->a, store_col_text(st, 8));
	o->headcount = store_col_null(st, 9) ? -1 : store_col_i64(st, 9);
	o->founded_on = store_col_null(st, 10) ? NULL : arena_strdup(c->a, store_col_text(st, 10));
	o->term_years = (int)store_col_i64(st, 11);
	o->chair = store_col_null(st, 12) ? NULL : arena_strdup(c->a, store_col_text(st, 12));
	o->phone = store_col_null(st, 13) ? NULL : arena_strdup(c->a, store_col_text(st, 13));
	o->created_at = store_col_i64(st, 14);
	o->updated_at = store_col_i64(st, 15);
	o->child_count = store_col_i64(st, 16);
	o->demo = store_col_i64(st, 17) != 0;
	int y, m, d;
	if (o->founded_on && o->term_years && cal_parse_date(o->founded_on, &y, &m, &d) == 0) {
		y += o->term_years;
		if (m == 2 && d == 29 && !cal_valid(y, m, d))
			d = 28;
		cal_format_date(y, m, d, o->term_ends_on, sizeof(o->term_ends_on));
	}
}

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err not_found(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "组织不存在", "no such organisation");
}

enum gh_err org_load(struct ctx *c, int64_t id, struct org *out)
{
	struct stmt *st = store_query(c->db, SQ_ORG_GET, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		org_read_row(c, st, out);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW || !out->name || !out->path)
		return r == STORE_ROW ? gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory")
		                      : not_found(c);
	return GH_OK;
}

static enum gh_err load_employers(struct ctx *c, struct org *o)
{
	if (!org_kind_has_employer(o->kind))
		return GH_OK;
	struct stmt *st = store_query(c->db, SQ_EMPLOYER_OF_UNION, "i", o->id);
	if (!st)
		return io_fail(c);
	int cap = 4, r;
	o->employers = arena_alloc(c->a, sizeof(struct employer) * (size_t)cap);
	o->n_employers = 0;
	while ((r = store_step(st)) == STORE_ROW && o->employers) {
		if (o->n_employers == cap) {
			struct employer *e = arena_alloc(c->a, sizeof(*e) * (size_t)cap * 2);
			if (e)
				memcpy(e, o->employers, sizeof(*e) * (size_t)cap);
			o->employers = e;
			cap *= 2;
			if (!e)
				break;
		}
		employer_read_row(c, st, &o->employers[o->n_employers++]);
	}
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (!o->employers)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	return GH_OK;
}

enum gh_err org_get(struct ctx *c, int64_t id, struct org *out)
{
	enum gh_err e = org_load(c, id, out);
	if (e)
		return e;
	if (!scope_contains(c->who->path, out->path))
		return not_found(c);
	return load_employers(c, out);
}

static enum gh_err list_alloc(struct ctx *c, struct org_list *out, int64_t offset, int64_t limit)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	out->items = arena_alloc(c->a, sizeof(struct org) * (size_t)(limit > 0 ? limit : 1));
	return out->items ? GH_OK : gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

/* Steps st and appends each row to out (at most out->limit). */
static enum gh_err list_fill(struct ctx *c, struct stmt *st, struct org_list *out)
{
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < out->limit)
		org_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	/* Lists show a union's employer too (a page is at most 200 rows). */
	for (int64_t i = 0; i < out->n; i++) {
		enum gh_err e = load_employers(c, &out->items[i]);
		if (e)
			return e;
	}
	return GH_OK;
}

enum gh_err org_children(struct ctx *c, int64_t id, int64_t offset, int64_t limit, struct org_list *out)
{
	struct org parent;
	enum gh_err e = org_get(c, id, &parent);
	if (e)
		return e;
	if ((e = list_alloc(c, out, offset, limit)))
		return e;
	out->total = parent.child_count;
	return list_fill(c, store_query(c->db, SQ_ORG_CHILDREN, "iii", id, limit, offset), out);
}

#define SEARCH_TOTAL_CAP 10000

/* The rarest-looking gram of q: its first character pair, or its only character. */
static const char *search_gram(struct ctx *c, const char *q)
{
	size_t n = strlen(q);
	size_t a = 1;
	while (a < n && (q[a] & 0xc0) == 0x80)
		a++;
	if (a >= n)
		return q;
	size_t b = a + 1;
	while (b < n && (q[b] & 0xc0) == 0x80)
		b++;
	return arena_strndup(c->a, q, b);
}

enum gh_err org_search(struct ctx *c, const char *q, const char *division, int64_t offset, int64_t limit,
                       struct org_list *out)
{
	const char *lo = c->who->path;
	char *hi = scope_hi(c->a, lo);
	enum gh_err e = list_alloc(c, out, offset, limit);
	if (e || !hi)
		return e ? e : gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	if (division && *division) {
		char code[13];
		if (division_normalize(division, strlen(division), code) < 0)
			return gh_fail_set(&c->fail, GH_EINVAL, "division", "区划代码应为 2、4、6、9 或 12 位数字",
			                   "a division code has 2, 4, 6, 9 or 12 digits");
		if (store_one_i64(c->db, &out->total, SQ_ORG_BY_DIVISION_COUNT, "ttt", code, lo, hi) < 0)
			return io_fail(c);
		return list_fill(c, store_query(c->db, SQ_ORG_BY_DIVISION, "tttii", code, lo, hi, limit, offset), out);
	}
	if (!q || !*q)
		return gh_fail_set(&c->fail, GH_EMISSING, "q", "请输入名称或统一社会信用代码",
		                   "give a name or a credit code to search for");
	char folded[256];
	size_t n = text_fold_ascii(q, strlen(q), folded, sizeof(folded));
	if (!text_utf8_valid(q, strlen(q)) || n == 0 || strlen(q) > 200)
		return gh_fail_set(&c->fail, GH_EINVAL, "q", "搜索内容无效", "the search text is not valid");
	/* 18 characters of the credit-code alphabet: look the code up exactly as well. */
	char upper[256];
	snprintf(upper, sizeof(upper), "%s", folded);
	text_upper_ascii(upper);
	bool code_like = n == 18;
	for (size_t i = 0; code_like && i < n; i++)
		code_like = (upper[i] >= '0' && upper[i] <= '9') || (upper[i] >= 'A' && upper[i] <= 'Z');
	if (code_like) {
		if (store_one_i64(c->db, &out->total, SQ_ORG_BY_CREDIT_COUNT, "ttt", upper, lo, hi) < 0)
			return io_fail(c);
		if (out->total > 0)
			return list_fill(c, store_query(c->db, SQ_ORG_BY_CREDIT, "tttii", upper, lo, hi, limit, offset),
			                 out);
	}
	const char *text = arena_strdup(c->a, folded);
	const char *gram = text ? search_gram(c, text) : NULL;
	if (!gram)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	if (store_one_i64(c->db, &out->total, SQ_ORG_SEARCH_COUNT, "tttti", gram, text, lo, hi,
	                  (int64_t)SEARCH_TOTAL_CAP + 1) < 0)
		return io_fail(c);
	if (out->total > SEARCH_TOTAL_CAP) {
		out->total = SEARCH_TOTAL_CAP;
		out->total_capped = true;
	}
	return list_fill(c, store_query(c->db, SQ_ORG_SEARCH, "ttttii", gram, text, lo, hi, limit, offset), out);
}

enum gh_err org_path(struct ctx *c, int64_t id, struct org_list *out)
{
	struct org target;
	enum gh_err e = org_get(c, id, &target);
	if (e)
		return e;
	if ((e = list_alloc(c, out, 0, 16)))
		return e;
	size_t skip = strlen(c->who->path) - 1; /* ancestors above the caller's own org are hidden */
	const char *p = target.path;
	for (size_t i = 0; p[i] && out->n < out->limit;) {
		if (p[i] == '/') {
			i++;
			continue;
		}
		char *end;
		int64_t aid = strtoll(p + i, &end, 10);
		size_t next = (size_t)(end - p);
		if (next >= skip) {
			if ((e = org_load(c, aid, &out->items[out->n])))
				return e;
			out->n++;
		}
		i = next;
	}
	out->total = out->n;
	out->limit = out->n;
	return GH_OK;
}

bool org_covers_place(const struct org *o, const char *code12)
{
	if (!org_kind_is_geographic(o->kind) || o->kind == KIND_NATIONAL)
		return true;
	int plen = division_prefix_len(division_level(o->division));
	return plen > 0 && strncmp(o->division, code12, (size_t)plen) == 0;
}

enum gh_err org_scope_range(struct ctx *c, int64_t org, const char **lo, const char **hi)
{
	*lo = c->who->path;
	if (org) {
		struct org o;
		enum gh_err e = org_get(c, org, &o);
		if (e) {
			c->fail.field = "org";
			return e;
		}
		*lo = o.path;
	}
	*hi = scope_hi(c->a, *lo);
	return *hi ? GH_OK : gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

/* The path of organisation id (in c's arena) when the caller's scope holds it; 404 otherwise. */
static enum gh_err path_in_scope(struct ctx *c, int64_t id, const char **path)
{
	struct stmt *st = store_query(c->db, SQ_ORG_PATH, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	bool in_scope = r == STORE_ROW && scope_contains(c->who->path, store_col_text(st, 0));
	*path = in_scope ? arena_strdup(c->a, store_col_text(st, 0)) : NULL;
	store_reset(st);
	if (r == STORE_ERROR || (in_scope && !*path))
		return io_fail(c);
	return in_scope ? GH_OK : not_found(c);
}

enum gh_err org_stats(struct ctx *c, int64_t id, int64_t out[STAT__MAX])
{
	/* The hot path of every dashboard: the path for the scope check, then one counter row
	 * range; nothing else is read. */
	const char *path;
	enum gh_err e = path_in_scope(c, id, &path);
	if (e)
		return e;
	return stats_read(c->db, id, out) < 0 ? io_fail(c) : GH_OK;
}

enum gh_err org_stats_all(struct ctx *c, int64_t id, struct stat_all *out, const char **path)
{
	enum gh_err e = path_in_scope(c, id, path);
	if (e)
		return e;
	return stats_read_all(c->db, id, out) < 0 ? io_fail(c) : GH_OK;
}

/* The grams of a name for the name index: every 1- and 2-character run (of at most 255
 * characters), each once, into grams (room for ORG_GRAMS_MAX); their number. */
#define ORG_GRAMS_MAX 510
static int name_grams(const char *name, char grams[][16])
{
	size_t n = strlen(name);
	size_t starts[256];
	size_t k = 0;
	for (size_t i = 0; i < n && k < 255; i++)
		if ((name[i] & 0xc0) != 0x80)
			starts[k++] = i;
	starts[k] = n;
	int count = 0;
	for (size_t i = 0; i < k; i++) {
		for (size_t len = 1; len <= 2 && i + len <= k; len++) {
			size_t bytes = starts[i + len] - starts[i];
			if (bytes >= sizeof(grams[0]))
				continue;
			char *g = grams[count];
			memcpy(g, name + starts[i], bytes);
			g[bytes] = 0;
			bool seen = false;
			for (int j = 0; j < count && !seen; j++)
				seen = !strcmp(grams[j], g);
			count += !seen;
		}
	}
	return count;
}

int org_index_name(struct store *db, int64_t id, const char *name, bool insert)
{
	char grams[ORG_GRAMS_MAX][16];
	int n = name_grams(name, grams);
	for (int i = 0; i < n; i++)
		if (store_run(db, insert ? SQ_GRAM_INSERT : SQ_GRAM_DELETE, "ti", grams[i], id) != 0)
			return -1;
	return 0;
}

int org_index_name_bulk(struct store *db, int64_t id, const char *name)
{
	char grams[ORG_GRAMS_MAX][16];
	int n = name_grams(name, grams);
	for (int i = 0; i < n; i++)
		if (store_bulk_text(db, grams[i], strlen(grams[i])) < 0 || store_bulk_i64(db, id) < 0 ||
		    store_bulk_row(db) < 0)
			return -1;
	return 0;
}

/* Checks a text field: valid UTF-8, no control characters, 1..max characters when present. */
static enum gh_err check_text(struct ctx *c, const char *field, const char *s, size_t max, bool required,
                              const char *zh_name, const char *en_name)
{
	if (!s || !*s) {
		if (!required)
			return GH_OK;
		return gh_fail_set(&c->fail, GH_EMISSING, field, arena_printf(c->a, "请填写%s", zh_name),
		                   arena_printf(c->a, "%s is required", en_name));
	}
	size_t n = strlen(s);
	bool ok = text_utf8_valid(s, n);
	for (size_t i = 0; ok && i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			ok = false;
	if (!ok)
		return gh_fail_set(&c->fail, GH_EINVAL, field, arena_printf(c->a, "%s含有非法字符", zh_name),
		                   arena_printf(c->a, "%s contains invalid characters", en_name));
	if (text_utf8_count(s, n) > max)
		return gh_fail_set(&c->fail, GH_EINVAL, field, arena_printf(c->a, "%s最多 %zu 个字", zh_name, max),
		                   arena_printf(c->a, "%s may have at most %zu characters", en_name, max));
	return GH_OK;
}

/* Checks the fields an update or a create carries (in->set). */
static enum gh_err check_fields(struct ctx *c, const struct org_input *in, const char **phone)
{
	enum gh_err e;
	if ((in->set & ORG_SET_NAME) && (e = check_text(c, "name", in->name, 100, true, "组织名称", "the name")))
		return e;
	if ((in->set & ORG_SET_NAME) && text_utf8_count(in->name, strlen(in->name)) < 2)
		return gh_fail_set(&c->fail, GH_EINVAL, "name", "组织名称至少 2 个字",
		                   "the name needs at least 2 characters");
	if ((in->set & ORG_SET_CHAIR) &&
	    (e = check_text(c, "chair", in->chair, 50, false, "工会主席姓名", "the chair's name")))
		return e;
	if ((in->set & ORG_SET_HEADCOUNT) && (in->headcount < 0 || in->headcount > 10000000))
		return gh_fail_set(&c->fail, GH_EINVAL, "headcount", "职工人数应在 0 到 10,000,000 之间",
		                   "headcount must be between 0 and 10,000,000");
	if ((in->set & ORG_SET_TERM) && in->term_years != 0 && in->term_years != 3 && in->term_years != 5)
		return gh_fail_set(&c->fail, GH_EINVAL, "term_years", "委员会任期为 3 年或 5 年",
		                   "the committee term is 3 or 5 years");
	if ((in->set & ORG_SET_FOUNDED) && in->founded_on) {
		int y, m, d, ty, tm, td;
		if (cal_parse_date(in->founded_on, &y, &m, &d) < 0)
			return gh_fail_set(&c->fail, GH_EINVAL, "founded_on", "成立日期格式应为 YYYY-MM-DD",
			                   "the founding date must be a real date YYYY-MM-DD");
		time_local_date(clock_now(), &ty, &tm, &td);
		if (cal_days_from_civil(y, m, d) > cal_days_from_civil(ty, tm, td) || y < 1925)
			return gh_fail_set(&c->fail, GH_EINVAL, "founded_on", "成立日期不能晚于今天或早于 1925 年",
			                   "the founding date cannot be in the future or before 1925");
	}
	*phone = NULL;
	if ((in->set & ORG_SET_PHONE) && in->phone && *in->phone) {
		char norm[24];
		if (phone_normalize(in->phone, strlen(in->phone), norm) < 0)
			return gh_fail_set(&c->fail, GH_EINVAL, "phone", "电话应为 11 位手机号或带区号的固定电话",
			                   "the phone must be a mainland mobile or a landline with area code");
		*phone = arena_strdup(c->a, norm);
	}
	return GH_OK;
}

/* May an organisation of kind k hang under parent? */
static bool parent_allows(const struct org *parent, int k)
{
	switch (k) {
	case KIND_VILLAGE:
	case KIND_COMMUNITY:
		return parent->kind == KIND_TOWN;
	case KIND_REGIONAL_FEDERATION:
	case KIND_INDUSTRY_FEDERATION:
		return org_kind_is_geographic(parent->kind) && parent->kind != KIND_NATIONAL;
	case KIND_ENTERPRISE:
	case KIND_INSTITUTION:
	case KIND_AGENCY:
	case KIND_JOINT:
		return org_kind_is_federation(parent->kind) || parent->kind == KIND_VILLAGE ||
		       parent->kind == KIND_COMMUNITY;
	default:
		return false;
	}
}

/* The place of a new or moved organisation: given (checked to exist and to lie in the
 * parent's area when the parent is geographic) or inherited from the parent. */
static enum gh_err check_division(struct ctx *c, const struct org *parent, int kind, const char *given, char out[13])
{
	if (!given || !*given) {
		if (kind == KIND_VILLAGE || kind == KIND_COMMUNITY)
			return gh_fail_set(
			        &c->fail, GH_EMISSING, "division_code", "村、社区工会需填写所在村或社区的区划代码",
			        "a village or community union needs the 12-digit code of its village or community");
		memcpy(out, parent->division, 13);
		return GH_OK;
	}
	if (division_normalize(given, strlen(given), out) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "division_code", "区划代码应为 2、4、6、9 或 12 位数字",
		                   "a division code has 2, 4, 6, 9 or 12 digits");
	int64_t level = -1;
	struct stmt *st = store_query(c->db, SQ_PLACE_GET, "t", out);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		level = store_col_i64(st, 2);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW)
		return gh_fail_set(&c->fail, GH_EINVAL, "division_code", "没有这个区划代码", "no such division code");
	if ((kind == KIND_VILLAGE || kind == KIND_COMMUNITY) && level != 5)
		return gh_fail_set(&c->fail, GH_EINVAL, "division_code",
		                   "村、社区工会的区划代码应为村或社区的 12 位代码",
		                   "a village or community union sits at a village or community code");
	if (!org_covers_place(parent, out))
		return gh_fail_set(&c->fail, GH_EINVAL, "division_code", "区划代码不在上级工会的辖区内",
		                   "the division code lies outside the parent federation's area");
	return GH_OK;
}

/* The fixed-level ancestors of a child of parent: the parent's own, plus the parent itself
 * when it is a province, city, county or town federation. */
static enum gh_err child_levels(struct ctx *c, const struct org *parent, int64_t lv[4])
{
	struct stmt *st = store_query(c->db, SQ_ORG_LEVELS, "i", parent->id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	for (int i = 0; i < 4; i++)
		lv[i] = (r == STORE_ROW && !store_col_null(st, i)) ? store_col_i64(st, i) : 0;
	store_reset(st);
	if (r != STORE_ROW)
		return io_fail(c);
	if (parent->kind >= KIND_PROVINCIAL && parent->kind <= KIND_TOWN)
		lv[parent->kind - KIND_PROVINCIAL] = parent->id;
	return GH_OK;
}

enum gh_err org_create(struct ctx *c, const struct org_input *in, struct org *out, struct warning *warn, int *n_warn)
{
	*n_warn = 0;
	struct org_input chk = *in;
	chk.set |= ORG_SET_NAME | ORG_SET_CHAIR | ORG_SET_FOUNDED | ORG_SET_TERM | ORG_SET_PHONE;
	/* headcount is checked by check_fields when given (ORG_SET_HEADCOUNT stays as the caller set it) */
	if (in->kind < 0 || in->kind >= KIND__MAX || org_kind_is_geographic(in->kind))
		return gh_fail_set(&c->fail, GH_EINVAL, "kind", "组织类型不可新建（各级地方总工会随区划生成）",
		                   "this kind cannot be created here (local federations follow the division tree)");
	const char *phone;
	enum gh_err e = check_fields(c, &chk, &phone);
	if (e)
		return e;
	bool needs_employer = org_kind_has_employer(in->kind);
	if (needs_employer && in->n_employers == 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "employer", "请填写用人单位", "the employer is required");
	if (in->kind != KIND_JOINT && in->n_employers > 1)
		return gh_fail_set(&c->fail, GH_EINVAL, "employers", "只有联合基层工会可以有多个用人单位",
		                   "only a joint grassroots union has several employers");
	if (!needs_employer && in->n_employers > 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "employer", "此类组织不属于某个用人单位",
		                   "this kind of organisation does not belong to an employer");
	if (needs_employer && in->kind != KIND_JOINT && !(in->set & ORG_SET_HEADCOUNT) && !in->employers[0].id &&
	    in->employers[0].headcount < 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "headcount", "请填写职工人数", "the headcount is required");
	if (in->kind == KIND_JOINT && (in->set & ORG_SET_HEADCOUNT))
		return gh_fail_set(&c->fail, GH_EINVAL, "headcount", "联合基层工会的职工人数按各用人单位填写",
		                   "a joint union's headcount is given per employer");
	if (in->parent_id <= 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "parent_id", "请选择上级组织",
		                   "the parent organisation is required");

	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org parent;
	if ((e = org_get(c, in->parent_id, &parent))) {
		c->fail.field = "parent_id";
		goto fail;
	}
	if (!parent_allows(&parent, in->kind)) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "kind", "该类组织不能建在所选上级组织之下",
		                "this kind of organisation cannot be created under that parent");
		goto fail;
	}
	char division[13];
	if ((e = check_division(c, &parent, in->kind, in->division, division)))
		goto fail;
	/* Employers: checked and normalised before anything is written. */
	char(*codes)[19] = arena_zalloc(c->a, sizeof(*codes) * (size_t)(in->n_employers + 1));
	char(*eplaces)[13] = arena_zalloc(c->a, sizeof(*eplaces) * (size_t)(in->n_employers + 1));
	if (!codes || !eplaces) {
		e = gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
		goto fail;
	}
	int64_t headcount_sum = 0;
	for (int i = 0; i < in->n_employers; i++) {
		struct employer_input ei = in->employers[i];
		if (in->kind != KIND_JOINT && (in->set & ORG_SET_HEADCOUNT))
			ei.headcount = in->headcount;
		if (!ei.division || !*ei.division)
			ei.division = division;
		const char *prefix = in->kind == KIND_JOINT ? arena_printf(c->a, "employers[%d].", i) : "employer.";
		int nw = 0;
		if ((e = employer_check(c, &ei, prefix, ei.id == 0, codes[i], eplaces[i], warn + *n_warn, &nw)))
			goto fail;
		*n_warn += nw;
		if (ei.id == 0 && ei.headcount < 0) {
			e = gh_fail_set(&c->fail, GH_EMISSING, arena_printf(c->a, "%sheadcount", prefix),
			                "请填写职工人数", "the headcount is required");
			goto fail;
		}
		headcount_sum += ei.headcount > 0 ? ei.headcount : 0;
	}

	int64_t id = ids_next(c->db, 1);
	int64_t lv[4];
	if (id < 0 || (e = child_levels(c, &parent, lv)))
		goto io;
	const char *path = arena_printf(c->a, "%s%" PRId64 "/", parent.path, id);
	int64_t now = clock_now();
	int64_t headcount = (in->set & ORG_SET_HEADCOUNT) ? in->headcount : needs_employer ? headcount_sum : -1;
	struct stmt *st = store_prepare(c->db, SQ_ORG_INSERT);
	if (!st || !path)
		goto io;
	store_bind_i64(st, 1, id);
	store_bind_i64(st, 2, parent.id);
	store_bind_text(st, 3, path);
	store_bind_i64(st, 4, parent.depth + 1);
	store_bind_text(st, 5, org_kind_token(in->kind));
	store_bind_text(st, 6, in->name);
	store_bind_text(st, 7, division);
	for (int i = 0; i < 4; i++)
		lv[i] ? store_bind_i64(st, 8 + i, lv[i]) : store_bind_null(st, 8 + i);
	store_bind_text(st, 12, "active");
	store_bind_text(st, 13, in->credit_code);
	headcount >= 0 ? store_bind_i64(st, 14, headcount) : store_bind_null(st, 14);
	store_bind_text(st, 15, in->founded_on);
	in->term_years ? store_bind_i64(st, 16, in->term_years) : store_bind_null(st, 16);
	store_bind_text(st, 17, in->chair && *in->chair ? in->chair : NULL);
	store_bind_text(st, 18, phone);
	store_bind_i64(st, 19, in->demo);
	store_bind_i64(st, 20, now);
	store_bind_i64(st, 21, now);
	int r = store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	if (org_index_name(c->db, id, in->name, true) < 0)
		goto io;
	if (stats_add(c, path, STAT_ORGS, 1) < 0 ||
	    stats_add(c, path, org_kind_is_federation(in->kind) ? STAT_FEDERATIONS : STAT_GRASSROOTS, 1) < 0)
		goto io;
	for (int i = 0; i < in->n_employers; i++) {
		struct employer_input ei = in->employers[i];
		int64_t hc = (in->kind != KIND_JOINT && (in->set & ORG_SET_HEADCOUNT)) ? in->headcount : ei.headcount;
		if (ei.id) {
			/* Link an existing employer: it moves under its new union. */
			struct employer old;
			if ((e = employer_get(c, ei.id, &old))) {
				c->fail.field = in->kind == KIND_JOINT ? arena_printf(c->a, "employers[%d].id", i)
				                                       : "employer.id";
				goto fail;
			}
			if (old.union_id) {
				e = gh_fail_set(&c->fail, GH_EDUP,
				                in->kind == KIND_JOINT ? arena_printf(c->a, "employers[%d].id", i)
				                                       : "employer.id",
				                "该用人单位已经建立工会", "this employer has a union already");
				goto fail;
			}
			if (hc < 0)
				hc = old.headcount;
			if (stats_add(c, old.path, STAT_EMPLOYERS, -1) < 0 ||
			    stats_add(c, path, STAT_EMPLOYERS, 1) < 0 ||
			    stats_add(c, path, STAT_UNIONISED_EMPLOYERS, 1) < 0 ||
			    stats_add(c, path, STAT_EMPLOYEES, hc) < 0)
				goto io;
			if (store_run(c->db, SQ_EMPLOYER_ATTACH, "iitii", ei.id, id, path, hc, now) != 0)
				goto io;
			continue;
		}
		int64_t eid = ids_next(c->db, 1);
		if (eid < 0)
			goto io;
		int rc = store_run(c->db, SQ_EMPLOYER_INSERT, "iittttiiii", eid, id, path, ei.name,
		                   codes[i][0] ? codes[i] : NULL, eplaces[i], hc, id, (int64_t)in->demo, now);
		if (rc == GH_EDUP) {
			e = gh_fail_set(&c->fail, GH_EDUP,
			                in->kind == KIND_JOINT ? arena_printf(c->a, "employers[%d].credit_code", i)
			                                       : "employer.credit_code",
			                "该统一社会信用代码的用人单位已登记",
			                "an employer with this credit code is registered already");
			goto fail;
		}
		if (rc != 0)
			goto io;
		if (stats_add(c, path, STAT_EMPLOYERS, 1) < 0 || stats_add(c, path, STAT_UNIONISED_EMPLOYERS, 1) < 0 ||
		    stats_add(c, path, STAT_EMPLOYEES, hc) < 0)
			goto io;
	}
	if (needs_employer && store_run(c->db, SQ_ORG_SYNC_HEADCOUNT, "i", id) != 0)
		goto io;
	const char *detail =
	        arena_printf(c->a, "{\"kind\":\"%s\",\"parent_id\":%" PRId64 "}", org_kind_token(in->kind), parent.id);
	if (audit_write(c, "org.create", "org", id, path, detail) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return org_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err org_update(struct ctx *c, int64_t id, const struct org_input *in, struct org *out)
{
	const char *phone = NULL;
	enum gh_err e = check_fields(c, in, &phone);
	if (e)
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o;
	if ((e = org_get(c, id, &o)))
		goto fail;
	if (org_kind_is_geographic(o.kind) && (in->set & ORG_SET_NAME) && c->who->org_id == o.id &&
	    c->who->role != ROLE_ADMIN) {
		e = gh_fail_set(&c->fail, GH_EFORBIDDEN, "name", "地方总工会的名称由上级或管理员修改",
		                "a federation's name is changed by the level above or an administrator");
		goto fail;
	}
	if ((in->set & ORG_SET_HEADCOUNT) && !org_kind_has_employer(o.kind)) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "headcount", "此类组织没有职工人数",
		                "this kind of organisation has no headcount");
		goto fail;
	}
	if ((in->set & ORG_SET_HEADCOUNT) && o.kind == KIND_JOINT) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "headcount", "联合基层工会的职工人数按各用人单位填写",
		                "a joint union's headcount is kept per employer");
		goto fail;
	}
	const char *name = (in->set & ORG_SET_NAME) ? in->name : o.name;
	int64_t headcount = (in->set & ORG_SET_HEADCOUNT) ? in->headcount : o.headcount;
	const char *founded = (in->set & ORG_SET_FOUNDED) ? in->founded_on : o.founded_on;
	int64_t term = (in->set & ORG_SET_TERM) ? in->term_years : o.term_years;
	const char *chair = (in->set & ORG_SET_CHAIR) ? (in->chair && *in->chair ? in->chair : NULL) : o.chair;
	const char *ph = (in->set & ORG_SET_PHONE) ? phone : o.phone;
	const char *credit = (in->set & ORG_SET_CREDIT) ? in->credit_code : o.credit_code;
	int64_t now = clock_now();
	struct stmt *st = store_prepare(c->db, SQ_ORG_UPDATE);
	if (!st)
		goto io;
	store_bind_i64(st, 1, id);
	store_bind_text(st, 2, name);
	headcount >= 0 ? store_bind_i64(st, 3, headcount) : store_bind_null(st, 3);
	store_bind_text(st, 4, founded);
	term ? store_bind_i64(st, 5, term) : store_bind_null(st, 5);
	store_bind_text(st, 6, chair);
	store_bind_text(st, 7, ph);
	store_bind_text(st, 8, credit);
	store_bind_i64(st, 9, now);
	int r = store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	if ((in->set & ORG_SET_NAME) && strcmp(name, o.name) != 0) {
		if (org_index_name(c->db, id, o.name, false) < 0 || org_index_name(c->db, id, name, true) < 0)
			goto io;
	}
	if ((in->set & ORG_SET_HEADCOUNT) && o.n_employers == 1 && headcount != o.employers[0].headcount) {
		struct employer *em = &o.employers[0];
		if (store_run(c->db, SQ_EMPLOYER_UPDATE, "ititii", em->id, em->name, headcount, em->division, id,
		              now) != 0)
			goto io;
	}
	if (audit_write(c, "org.update", "org", id, o.path, NULL) < 0)
		goto io;
	if ((in->set & ORG_SET_HEADCOUNT) && o.n_employers == 1)
		if (stats_add(c, o.employers[0].path, STAT_EMPLOYEES, headcount - o.employers[0].headcount) < 0)
			goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return org_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err org_move(struct ctx *c, int64_t id, int64_t new_parent, const char *division, struct org *out)
{
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o, p, old_parent;
	if ((e = org_get(c, id, &o)))
		goto fail;
	if (org_kind_is_geographic(o.kind)) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "地方总工会随行政区划设置，不能移动",
		                "local federations follow the division tree and cannot be moved");
		goto fail;
	}
	if ((e = org_get(c, new_parent, &p))) {
		c->fail.field = "parent_id";
		goto fail;
	}
	if (scope_contains(o.path, p.path)) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "parent_id", "不能移到自己或自己的下级组织之下",
		                "an organisation cannot move under itself or its own subtree");
		goto fail;
	}
	if (p.id == o.parent_id) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "parent_id", "已经在该上级组织之下",
		                "it is under that parent already");
		goto fail;
	}
	if (!parent_allows(&p, o.kind)) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "parent_id", "该类组织不能建在所选上级组织之下",
		                "this kind of organisation cannot be under that parent");
		goto fail;
	}
	char place[13];
	memcpy(place, o.division, 13);
	if (division && *division) {
		if ((e = check_division(c, &p, o.kind, division, place)))
			goto fail;
	} else if (!org_covers_place(&p, place)) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "division_code",
		                "所在地不在新上级工会的辖区内，请同时填写新的区划代码",
		                "its place lies outside the new parent's area: give a new division code");
		goto fail;
	}
	if ((e = org_load(c, o.parent_id, &old_parent)))
		goto fail;
	int64_t lv[4];
	if ((e = child_levels(c, &p, lv)))
		goto fail;
	const char *new_path = arena_printf(c->a, "%s%" PRId64 "/", p.path, o.id);
	const char *hi = scope_hi(c->a, o.path);
	if (!new_path || !hi)
		goto io;
	/* The subtree's figures leave the old ancestors and join the new ones. */
	if (stats_move_subtree(c, o.id, old_parent.path, p.path) < 0)
		goto io;
	int64_t plen = (int64_t)strlen(o.path) + 1;
	int64_t ddepth = p.depth + 1 - o.depth;
	struct stmt *st = store_prepare(c->db, SQ_ORG_MOVE_PATHS);
	if (!st)
		goto io;
	store_bind_text(st, 1, o.path);
	store_bind_text(st, 2, hi);
	store_bind_text(st, 3, new_path);
	store_bind_i64(st, 4, plen);
	store_bind_i64(st, 5, ddepth);
	for (int i = 0; i < 4; i++)
		lv[i] ? store_bind_i64(st, 6 + i, lv[i]) : store_bind_null(st, 6 + i);
	int r = store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	if (store_run(c->db, SQ_ORG_SET_PARENT, "iii", o.id, p.id, clock_now()) != 0)
		goto io;
	/* every row that hangs off the subtree carries its path: each table's mover rewrites it */
	static const enum sq movers[] = {SQ_EMPLOYER_MOVE_PATHS,
	                                 SQ_ACCOUNT_MOVE_PATHS,
	                                 SQ_MEMBERSHIP_MOVE_PATHS,
	                                 SQ_CASE_MOVE_PATHS,
	                                 SQ_CASE_MOVE_RELATED,
	                                 SQ_DUES_MOVE_PATHS,
	                                 SQ_PATH_MOVERS_RIGHTS SQ_PATH_MOVERS_CONTRACTS SQ_PATH_MOVERS_HARDSHIP
	                                         SQ_PATH_MOVERS_MUTUAL_AID SQ_PATH_MOVERS_STATIONS};
	for (size_t i = 0; i < sizeof(movers) / sizeof(movers[0]); i++)
		if (store_run(c->db, movers[i], "ttti", o.path, hi, new_path, plen) != 0)
			goto io;
	/* Only the moved organisation's own place changes; its subtree keeps theirs. */
	if (strcmp(place, o.division) != 0 && (store_run(c->db, SQ_ORG_SET_DIVISION, "it", o.id, place) != 0 ||
	                                       province_follow_org(c, o.id, new_path, place) < 0))
		goto io;
	const char *detail = arena_printf(c->a, "{\"from\":%" PRId64 ",\"to\":%" PRId64 "}", old_parent.id, p.id);
	if (audit_write(c, "org.move", "org", o.id, new_path, detail) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return org_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}
