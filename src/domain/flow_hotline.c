/*
 * Case type hotline (12351 职工维权服务热线 and online complaints, research A4.9): a hotline
 * operator registers a call (channel phone) or a worker files a request on the member pages
 * (channel web). The case goes to the union of the employer complained about, else to the deepest
 * federation of the place (全国连通、各省集中、分级主办); a handler there signs for it (accept),
 * may pass it down the tree (assign), handles it and replies; the worker is called back and rates
 * it (满意 / 基本满意 / 不满意 — 不满意 reopens it); a quality check by a federation closes it.
 * Deadlines come from the installation's tiers (domain/hotline.c): the first response until it is
 * signed for, the resolution after; overdue, the engine marks it 督办 and hands it up. A caller's
 * name and phone are sealed; an anonymous worker stays unknown to every handler. The rules and
 * their reasons: docs/decisions/0006-hotline-routing-and-tiers.md.
 */
#include <stdio.h>
#include <string.h>

#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/division.h"
#include "check/phone.h"
#include "check/uscc.h"
#include "domain/employer.h"
#include "domain/flow.h"
#include "domain/hotline.h"
#include "domain/org.h"
#include "domain/stats.h"

#define SUMMARY_MAX_CHARS 2000
#define NAME_MAX_BYTES    300
#define WORKERS_MAX       1000000

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err no_memory(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

/* A text field of obj: NULL when absent, null or blank; trimmed, full-width ASCII folded for short
 * fields (names, tokens) but kept as written in free text (a summary, a reply: Chinese punctuation
 * such as "，" is text, not a typo). */
static enum gh_err get_text_as(struct ctx *c, json_t *obj, const char *key, const char *field, size_t max_bytes,
                               bool fold, const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return GH_OK;
	if (!json_is_string(v) || json_string_length(v) != strlen(json_string_value(v)))
		return gh_fail_set(&c->fail, GH_EINVAL, field, "应为文字", "must be text");
	size_t n = json_string_length(v);
	if (n > max_bytes)
		return gh_fail_set(&c->fail, GH_EINVAL, field, "内容过长", "too long");
	char *t = arena_alloc(c->a, n + 1);
	if (!t)
		return no_memory(c);
	const char *src = json_string_value(v);
	if (fold) {
		text_fold_ascii(src, n, t, n + 1);
	} else {
		while (n && strchr(" \t\r\n", *src)) {
			src++;
			n--;
		}
		while (n && strchr(" \t\r\n", src[n - 1]))
			n--;
		memcpy(t, src, n);
		t[n] = 0;
	}
	*out = *t ? t : NULL;
	return GH_OK;
}

static enum gh_err get_text(struct ctx *c, json_t *obj, const char *key, const char *field, size_t max_bytes,
                            const char **out)
{
	return get_text_as(c, obj, key, field, max_bytes, true, out);
}

/* A token of vocabulary v: required (missing_field with zh/en) or NULL when absent. */
static enum gh_err get_word(struct ctx *c, json_t *obj, const char *key, const struct hotline_word *v, bool required,
                            const char *zh_missing, const char *en_missing, const struct hotline_word **out)
{
	json_t *j = json_object_get(obj, key);
	*out = NULL;
	if (!j || json_is_null(j) || (json_is_string(j) && !json_string_length(j)))
		return required ? gh_fail_set(&c->fail, GH_EMISSING, key, zh_missing, en_missing) : GH_OK;
	*out = json_is_string(j) ? hotline_word_find(v, json_string_value(j)) : NULL;
	if (*out)
		return GH_OK;
	char zh[400] = "应为以下之一：", en[400] = "must be one of:";
	for (const struct hotline_word *w = v; w->token; w++) {
		size_t nz = strlen(zh), ne = strlen(en);
		snprintf(zh + nz, sizeof(zh) - nz, "%s%s（%s）", w == v ? "" : "、", w->token, w->zh);
		snprintf(en + ne, sizeof(en) - ne, " %s", w->token);
	}
	return gh_fail_set(&c->fail, GH_EINVAL, key, arena_strdup(c->a, zh), arena_strdup(c->a, en));
}

/* key: the id, or null for 0. */
static void set_id(json_t *obj, const char *key, int64_t id)
{
	json_object_set_new(obj, key, id ? json_integer(id) : json_null());
}

static void set_now(json_t *payload, const char *key)
{
	char iso[32];
	time_format_iso(clock_now(), iso, sizeof(iso));
	json_object_set_new(payload, key, json_string(iso));
}

/* The limits that apply to case payload p: 信访投诉 its own, else its tier's. */
static enum gh_err limits_of_case(struct ctx *c, json_t *p, struct hotline_limits *out)
{
	const char *demand = json_string_value(json_object_get(p, "demand_type"));
	const char *tier = json_string_value(json_object_get(p, "tier"));
	return hotline_limits_of(c, demand && !strcmp(demand, "complaint") ? "complaint" : tier ? tier : "normal", out);
}

/* ---- intake ---- */

struct intake {
	const struct hotline_word *demand, *category, *tier;
	const char *channel, *summary;
	char division[13];
	const char *place_name;
	int64_t workers;
	bool anonymous;
	const char *employer_name;
	char credit[19];
	const char *caller_name;
	char caller_phone[24];
};

/* Who may file through which channel: operators (staff who handle cases) take calls, workers use
 * the member pages. */
static enum gh_err check_channel(struct ctx *c, json_t *body, struct intake *in)
{
	bool member = c->who->role == ROLE_MEMBER;
	if (!member && !role_can(c->who->role, CAP_CASE_HANDLE))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "type", "热线工单由 12351 话务员或职工本人登记",
		                   "hotline cases are registered by a 12351 operator or by the worker");
	enum gh_err e = get_text(c, body, "channel", "channel", 16, &in->channel);
	if (e)
		return e;
	if (!in->channel)
		return gh_fail_set(&c->fail, GH_EMISSING, "channel", "请指定受理渠道（phone 电话、web 网上）",
		                   "the channel is required (phone or web)");
	if (strcmp(in->channel, "phone") && strcmp(in->channel, "web"))
		return gh_fail_set(&c->fail, GH_EINVAL, "channel", "受理渠道应为 phone（电话）或 web（网上）",
		                   "channel must be phone or web");
	if (member && strcmp(in->channel, "web"))
		return gh_fail_set(&c->fail, GH_EINVAL, "channel", "职工在网上提交的诉求，渠道为 web",
		                   "a worker files on the web: the channel is web");
	if (!member && strcmp(in->channel, "phone"))
		return gh_fail_set(&c->fail, GH_EINVAL, "channel", "话务员登记的是来电，渠道为 phone",
		                   "an operator registers calls: the channel is phone");
	return GH_OK;
}

static enum gh_err check_place(struct ctx *c, json_t *body, struct intake *in)
{
	json_t *v = json_object_get(body, "division");
	if (!v || json_is_null(v) || (json_is_string(v) && !json_string_length(v)))
		return gh_fail_set(&c->fail, GH_EMISSING, "division", "请选择诉求发生地（行政区划）",
		                   "the place (division code) is required");
	if (!json_is_string(v) || json_string_length(v) > DIVISION_INPUT_MAX ||
	    division_normalize(json_string_value(v), json_string_length(v), in->division) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "division", "区划代码应为 2、4、6、9 或 12 位数字",
		                   "a division code has 2, 4, 6, 9 or 12 digits");
	struct stmt *st = store_query(c->db, SQ_PLACE_GET, "t", in->division);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		in->place_name = arena_strdup(c->a, store_col_text(st, 1));
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW)
		return gh_fail_set(&c->fail, GH_EINVAL, "division", "没有这个行政区划", "no such place");
	return GH_OK;
}

static enum gh_err check_employer(struct ctx *c, json_t *body, struct intake *in)
{
	json_t *em = json_object_get(body, "employer");
	if (!em || json_is_null(em))
		return gh_fail_set(&c->fail, GH_EMISSING, "employer", "请填写被反映的用人单位",
		                   "the employer complained about is required");
	if (!json_is_object(em))
		return gh_fail_set(&c->fail, GH_EINVAL, "employer", "用人单位应为对象（name、credit_code）",
		                   "employer must be an object (name, credit_code)");
	enum gh_err e = get_text(c, em, "name", "employer.name", NAME_MAX_BYTES, &in->employer_name);
	if (e)
		return e;
	if (!in->employer_name)
		return gh_fail_set(&c->fail, GH_EMISSING, "employer.name", "请填写用人单位名称",
		                   "the employer's name is required");
	size_t chars = text_utf8_count(in->employer_name, strlen(in->employer_name));
	if (chars < 2 || chars > 100)
		return gh_fail_set(&c->fail, GH_EINVAL, "employer.name", "单位名称应为 2 到 100 个字",
		                   "the name has 2 to 100 characters");
	json_t *cc = json_object_get(em, "credit_code");
	in->credit[0] = 0;
	if (cc && !json_is_null(cc) && !(json_is_string(cc) && !json_string_length(cc))) {
		if (!json_is_string(cc))
			return gh_fail_set(&c->fail, GH_EINVAL, "employer.credit_code", "统一社会信用代码应为文字",
			                   "the credit code must be text");
		enum uscc_err ue = uscc_check(json_string_value(cc), json_string_length(cc), in->credit, NULL);
		if (ue != USCC_OK)
			return gh_fail_set(&c->fail, GH_EINVAL, "employer.credit_code", uscc_err_message(ue, true),
			                   uscc_err_message(ue, false));
	}
	return GH_OK;
}

static enum gh_err check_caller(struct ctx *c, json_t *body, struct intake *in)
{
	json_t *who = json_object_get(body, "caller");
	in->caller_name = NULL;
	in->caller_phone[0] = 0;
	if (!who || json_is_null(who))
		return GH_OK;
	if (!json_is_object(who))
		return gh_fail_set(&c->fail, GH_EINVAL, "caller", "来电人应为对象（name、phone）",
		                   "caller must be an object (name, phone)");
	enum gh_err e = get_text(c, who, "name", "caller.name", 150, &in->caller_name);
	if (e)
		return e;
	if (in->caller_name && text_utf8_count(in->caller_name, strlen(in->caller_name)) > 50)
		return gh_fail_set(&c->fail, GH_EINVAL, "caller.name", "姓名最多 50 个字",
		                   "a name has at most 50 characters");
	json_t *ph = json_object_get(who, "phone");
	if (ph && !json_is_null(ph) && !(json_is_string(ph) && !json_string_length(ph)) &&
	    (!json_is_string(ph) || json_string_length(ph) > PHONE_INPUT_MAX ||
	     phone_normalize(json_string_value(ph), json_string_length(ph), in->caller_phone) < 0))
		return gh_fail_set(&c->fail, GH_EINVAL, "caller.phone",
		                   "电话号码格式不对（手机 11 位，或区号加座机号）",
		                   "not a phone number (an 11-digit mobile, or an area code and a landline)");
	return GH_OK;
}

static enum gh_err check_intake(struct ctx *c, json_t *body, struct intake *in)
{
	enum gh_err e;
	if ((e = check_channel(c, body, in)) ||
	    (e = get_word(c, body, "demand_type", hotline_demand_types, true, "请选择诉求类型",
	                  "the demand type is required", &in->demand)) ||
	    (e = get_word(c, body, "category", hotline_categories, true, "请选择问题分类", "the category is required",
	                  &in->category)) ||
	    (e = get_word(c, body, "tier", hotline_tier_words, false, NULL, NULL, &in->tier)))
		return e;
	if (in->tier && !strcmp(in->tier->token, "complaint"))
		return gh_fail_set(&c->fail, GH_EINVAL, "tier", "时限等级应为 normal、difficult 或 complex",
		                   "tier must be normal, difficult or complex");
	if (!in->tier)
		in->tier = &hotline_tier_words[HOTLINE_NORMAL];
	if ((e = check_place(c, body, in)) || (e = check_employer(c, body, in)))
		return e;
	json_t *w = json_object_get(body, "workers_affected");
	if (!w || json_is_null(w))
		return gh_fail_set(&c->fail, GH_EMISSING, "workers_affected", "请填写涉及人数",
		                   "the number of workers affected is required");
	if (!json_is_integer(w) || json_integer_value(w) < 1 || json_integer_value(w) > WORKERS_MAX)
		return gh_fail_set(&c->fail, GH_EINVAL, "workers_affected", "涉及人数应为 1 到 1000000 的整数",
		                   "workers_affected must be an integer from 1 to 1000000");
	in->workers = json_integer_value(w);
	if ((e = get_text_as(c, body, "summary", "summary", SUMMARY_MAX_CHARS * 4, false, &in->summary)))
		return e;
	if (!in->summary)
		return gh_fail_set(&c->fail, GH_EMISSING, "summary", "请简要说明诉求", "the summary is required");
	if (text_utf8_count(in->summary, strlen(in->summary)) > SUMMARY_MAX_CHARS)
		return gh_fail_set(&c->fail, GH_EINVAL, "summary", "诉求内容最多 2000 个字",
		                   "the summary has at most 2000 characters");
	json_t *an = json_object_get(body, "anonymous");
	if (an && !json_is_null(an) && !json_is_boolean(an))
		return gh_fail_set(&c->fail, GH_EINVAL, "anonymous", "应为 true 或 false", "must be true or false");
	in->anonymous = json_is_true(an);
	return check_caller(c, body, in);
}

/* ---- routing ---- */

/* The employer complained about: by credit code, else by its exact name within the place.
 * 1 found, 0 not registered, -1 error. */
static int find_employer(struct ctx *c, const struct intake *in, struct employer *out)
{
	int r = STORE_DONE;
	struct stmt *st;
	if (in->credit[0]) {
		if (!(st = store_query(c->db, SQ_EMPLOYER_BY_CREDIT, "t", in->credit)))
			return -1;
		if ((r = store_step(st)) == STORE_ROW)
			employer_read_row(c, st, out);
		store_reset(st);
		if (r != STORE_DONE)
			return r == STORE_ROW ? 1 : -1;
	}
	int keep = division_prefix_len(division_level(in->division));
	char prefix[13];
	snprintf(prefix, sizeof(prefix), "%.*s", keep < 0 ? 12 : keep, in->division);
	if (!(st = store_query(c->db, SQ_HOTLINE_EMPLOYER_BY_NAME, "tti", in->employer_name, prefix,
	                       (int64_t)strlen(prefix))))
		return -1;
	if ((r = store_step(st)) == STORE_ROW)
		employer_read_row(c, st, out);
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

/* The deepest geographic federation whose place covers code12 (the place itself, then each level
 * up to the country). GH_OK with *out. */
static enum gh_err federation_of_place(struct ctx *c, const char *code12, struct org *out)
{
	char up[6][13];
	snprintf(up[0], sizeof(up[0]), "%s", code12);
	for (int i = 1; i < 6; i++)
		division_parent(up[i - 1], up[i]);
	int64_t id = 0;
	int r = store_one_i64(c->db, &id, SQ_HOTLINE_FEDERATION_OF, "tttttt", up[0], up[1], up[2], up[3], up[4], up[5]);
	if (r < 0)
		return io_fail(c);
	if (r == 0 || !id)
		return gh_fail_set(&c->fail, GH_EINVAL, "division", "该地没有可受理的工会",
		                   "no union covers this place");
	return org_load(c, id, out);
}

static json_t *employer_json(const struct intake *in, const struct employer *em, bool found)
{
	json_t *j = json_object();
	set_id(j, "id", found ? em->id : 0);
	json_object_set_new(j, "name", json_string(found ? em->name : in->employer_name));
	const char *code = found ? em->credit_code : in->credit[0] ? in->credit : NULL;
	json_object_set_new(j, "credit_code", code ? json_string(code) : json_null());
	set_id(j, "union_id", found ? em->union_id : 0);
	json_object_set_new(j, "registered", json_boolean(found));
	return j;
}

static enum gh_err hotline_create(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out)
{
	(void)t;
	struct intake in;
	memset(&in, 0, sizeof(in));
	enum gh_err e = check_intake(c, body, &in);
	if (e)
		return e;
	struct employer em;
	int found = find_employer(c, &in, &em);
	if (found < 0)
		return io_fail(c);
	struct org to;
	bool by_union = found && em.union_id;
	if ((e = by_union ? org_load(c, em.union_id, &to) : federation_of_place(c, in.division, &to)))
		return e;
	/* an operator takes the calls of their own area; the others go to that place's hotline */
	if (c->who->role != ROLE_MEMBER && !scope_contains(c->who->path, to.path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, "division",
		                   "该地点（或该单位的工会）不在您的受理范围内，请转接当地 12351 热线",
		                   "that place (or the employer's union) lies outside your area: pass the call on to "
		                   "its 12351 hotline");
	struct hotline_limits lim;
	if ((e = hotline_limits_of(c, !strcmp(in.demand->token, "complaint") ? "complaint" : in.tier->token, &lim)))
		return e;
	json_t *p = json_object();
	if (!p)
		return no_memory(c);
	json_object_set_new(p, "demand_type", json_string(in.demand->token));
	json_object_set_new(p, "category", json_string(in.category->token));
	json_object_set_new(p, "tier", json_string(in.tier->token));
	json_object_set_new(p, "division", json_string(in.division));
	json_object_set_new(p, "place_name", json_string(in.place_name));
	json_object_set_new(p, "employer", employer_json(&in, &em, found == 1));
	json_object_set_new(p, "workers_affected", json_integer(in.workers));
	json_object_set_new(p, "summary", json_string(in.summary));
	json_object_set_new(p, "channel", json_string(in.channel));
	json_object_set_new(p, "anonymous", json_boolean(in.anonymous));
	json_object_set_new(p, "routing", json_string(by_union ? "employer_union" : "place_federation"));
	json_object_set_new(p, "first_days", json_integer(lim.first_days));
	json_object_set_new(p, "resolve_days", json_integer(lim.resolve_days));
	json_object_set_new(p, "reopened", json_integer(0));
	set_now(p, "received_at");
	if (in.caller_phone[0] && !in.anonymous) {
		/* enough for a handler to recognise the number on a call-back, not to dial it */
		char masked[32];
		phone_mask(in.caller_phone, masked, sizeof(masked));
		json_object_set_new(p, "caller_phone_masked", json_string(masked));
	}
	if (in.caller_name || in.caller_phone[0]) {
		out->secret = json_object();
		json_t *who = json_object();
		json_object_set_new(who, "name", in.caller_name ? json_string(in.caller_name) : json_null());
		json_object_set_new(who, "phone", in.caller_phone[0] ? json_string(in.caller_phone) : json_null());
		json_object_set_new(out->secret, "caller", who);
	}
	out->payload = p;
	out->org_id = to.id;
	out->person_id = c->who->role == ROLE_MEMBER ? c->who->person_id : 0;
	out->deadline = hotline_deadline(clock_now(), lim.first_days);
	return GH_OK;
}

/* ---- transitions ---- */

/* Only a federation checks the quality of the handling (the 12351 platform's 质检), not the
 * grassroots union that handled it. */
static enum gh_err quality_checker(struct ctx *c)
{
	if (c->who->role == ROLE_FEDERATION_STAFF || c->who->role == ROLE_ADMIN)
		return GH_OK;
	return gh_fail_set(&c->fail, GH_EFORBIDDEN, "action", "质检（办结、退回重办）由上级工会进行",
	                   "the quality check (close, reopen) is a federation's");
}

/* Back to handling with a fresh resolution period (不满意, or sent back by the quality check). */
static enum gh_err back_to_handling(struct ctx *c, struct flow_case *k)
{
	struct hotline_limits lim;
	enum gh_err e = limits_of_case(c, k->payload, &lim);
	if (e)
		return e;
	json_t *n = json_object_get(k->payload, "reopened");
	json_object_set_new(k->payload, "reopened", json_integer((json_is_integer(n) ? json_integer_value(n) : 0) + 1));
	set_now(k->payload, "reopened_at");
	k->deadline = hotline_deadline(clock_now(), lim.resolve_days);
	return GH_OK;
}

static enum gh_err hotline_accept(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const struct hotline_word *tier;
	enum gh_err e = get_word(c, body, "tier", hotline_tier_words, false, NULL, NULL, &tier);
	if (e)
		return e;
	if (tier && !strcmp(tier->token, "complaint"))
		return gh_fail_set(&c->fail, GH_EINVAL, "tier", "时限等级应为 normal、difficult 或 complex",
		                   "tier must be normal, difficult or complex");
	if (tier) /* the handler classifies it when signing for it */
		json_object_set_new(k->payload, "tier", json_string(tier->token));
	struct hotline_limits lim;
	if ((e = limits_of_case(c, k->payload, &lim)))
		return e;
	json_object_set_new(k->payload, "resolve_days", json_integer(lim.resolve_days));
	set_now(k->payload, "accepted_at");
	k->deadline = hotline_deadline(clock_now(), lim.resolve_days);
	return GH_OK;
}

static enum gh_err hotline_assign(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	json_t *jo = json_object_get(body, "org_id");
	if (!jo || json_is_null(jo))
		return gh_fail_set(&c->fail, GH_EMISSING, "org_id", "请选择承办的组织",
		                   "choose the organisation to handle it");
	if (!json_is_integer(jo) || json_integer_value(jo) <= 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "org_id", "应为正整数", "must be a positive integer");
	struct org to;
	/* down the caller's own subtree only: level by level, never sideways or up */
	if (org_load(c, json_integer_value(jo), &to) != GH_OK || !scope_contains(c->who->path, to.path) ||
	    !strcmp(to.path, c->who->path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, "org_id", "只能交给本组织下级的工会或总工会办理",
		                   "a case goes down to an organisation below your own");
	if (to.id == k->org_id)
		return gh_fail_set(&c->fail, GH_EINVAL, "org_id", "该工单已由这个组织办理",
		                   "that organisation handles the case already");
	struct hotline_limits lim;
	enum gh_err e = limits_of_case(c, k->payload, &lim);
	if (e)
		return e;
	k->route_to = to.id;
	json_object_del(k->payload, "accepted_at");
	set_now(k->payload, "assigned_at");
	/* the receiving organisation signs for it within the first-response limit, from now */
	k->deadline = hotline_deadline(clock_now(), lim.first_days);
	return GH_OK;
}

static enum gh_err hotline_reply(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const char *text;
	enum gh_err e = get_text_as(c, body, "text", "text", 4000, false, &text);
	if (e)
		return e;
	if (!text)
		return gh_fail_set(&c->fail, GH_EMISSING, "text", "请填写答复内容", "the reply's text is required");
	json_object_set_new(k->payload, "reply", json_string(text));
	json_object_set_new(k->payload, "replied_late", json_boolean(k->deadline && clock_now() > k->deadline));
	set_now(k->payload, "replied_at");
	k->deadline = 0; /* answered: no clock runs while the worker is called back */
	return GH_OK;
}

static enum gh_err hotline_rate(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const struct hotline_word *s;
	enum gh_err e = get_word(c, body, "satisfaction", hotline_satisfactions, true, "请选择满意度",
	                         "the satisfaction is required", &s);
	if (e)
		return e;
	json_object_set_new(k->payload, "satisfaction", json_string(s->token));
	/* on the member pages by the worker, else the handler recording the call-back (回访) */
	json_object_set_new(k->payload, "rated_by",
	                    json_string(c->who->role == ROLE_MEMBER ? "applicant" : "callback"));
	set_now(k->payload, "rated_at");
	if (strcmp(s->token, "dissatisfied"))
		return GH_OK;
	k->next_state = "handling"; /* 不满意: handled again */
	return back_to_handling(c, k);
}

static enum gh_err hotline_reopen(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	(void)body;
	enum gh_err e = quality_checker(c);
	return e ? e : back_to_handling(c, k);
}

static enum gh_err hotline_close(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	(void)body;
	enum gh_err e = quality_checker(c);
	if (e)
		return e;
	set_now(k->payload, "checked_at");
	k->deadline = 0;
	return GH_OK;
}

static enum gh_err hotline_withdraw(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)c;
	(void)t;
	(void)body;
	k->deadline = 0;
	return GH_OK;
}

/* ---- views and figures ---- */

static void label(json_t *labels, const char *key, const struct hotline_word *v, json_t *p, bool zh)
{
	const struct hotline_word *w = hotline_word_find(v, json_string_value(json_object_get(p, key)));
	json_object_set_new(labels, key, w ? json_string(zh ? w->zh : w->en) : json_null());
}

static void hotline_present(struct ctx *c, const struct flow_case *k, json_t *view)
{
	const char *kind = !strcmp(k->state, "received")   ? "first_response"
	                   : !strcmp(k->state, "handling") ? "resolution"
	                                                   : NULL;
	json_object_set_new(view, "deadline_kind", kind && k->deadline ? json_string(kind) : json_null());
	json_t *labels = json_object();
	label(labels, "demand_type", hotline_demand_types, k->payload, c->zh);
	label(labels, "category", hotline_categories, k->payload, c->zh);
	label(labels, "tier", hotline_tier_words, k->payload, c->zh);
	label(labels, "satisfaction", hotline_satisfactions, k->payload, c->zh);
	json_object_set_new(view, "labels", labels);
}

static const char *const hotline_figures[] = {"satisfied", "basically_satisfied", "dissatisfied", "reopened", NULL};

/* A case counts once by its latest rating, and by how often it was reopened. */
static void hotline_figure(const struct flow_case *k, int64_t *out)
{
	const char *s = json_string_value(json_object_get(k->payload, "satisfaction"));
	for (int i = 0; s && i < 3; i++)
		if (!strcmp(s, hotline_figures[i]))
			out[i] = 1;
	json_t *n = json_object_get(k->payload, "reopened");
	out[3] = json_is_integer(n) ? json_integer_value(n) : 0;
}

static const char *const hotline_states[] = {"received", "handling", "replied", "rated", "closed", "withdrawn", NULL};
static const char *const hotline_closed[] = {"closed", "withdrawn", NULL};

static const struct flow_transition hotline_transitions[] = {
        {"accept", "received", "handling", FLOW_HANDLER, false, hotline_accept},
        {"assign", "received", "received", FLOW_HANDLER, false, hotline_assign},
        {"assign", "handling", "received", FLOW_HANDLER, false, hotline_assign},
        {"reply", "handling", "replied", FLOW_HANDLER, false, hotline_reply},
        {"rate", "replied", "rated", FLOW_HANDLER | FLOW_APPLICANT, false, hotline_rate},
        {"reopen", "replied", "handling", FLOW_HANDLER, true, hotline_reopen},
        {"reopen", "rated", "handling", FLOW_HANDLER, true, hotline_reopen},
        {"close", "rated", "closed", FLOW_HANDLER, false, hotline_close},
        {"withdraw", "received", "withdrawn", FLOW_APPLICANT, false, hotline_withdraw},
        {"withdraw", "handling", "withdrawn", FLOW_APPLICANT, false, hotline_withdraw},
};

const struct flow_type flow_hotline = {
        .token = "hotline",
        .zh = "12351 热线工单",
        .en = "12351 hotline case",
        .initial = "received",
        .states = hotline_states,
        .closed = hotline_closed,
        .transitions = hotline_transitions,
        .n_transitions = (int)(sizeof(hotline_transitions) / sizeof(hotline_transitions[0])),
        .deadline_seconds = 0, /* every deadline is the tiers' (create and the transitions set it) */
        .escalate = true,
        .create = hotline_create,
        .secret_cap = CAP_SENSITIVE_READ,
        .present = hotline_present,
        .stat_base = STAT_CASE_BASE + 2 * STAT_CASE_SLOT,
        .figures = hotline_figures,
        .figure = hotline_figure,
};
