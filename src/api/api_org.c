/*
 * /api/orgs: the tree, an organisation, its figures, search, and creating, editing and moving
 * unions.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/flow.h"
#include "base/time.h"
#include "json/json.h"

static json_t *org_list_json(struct api *a, const struct org_list *l)
{
	json_t *items = json_array();
	for (int64_t i = 0; i < l->n; i++)
		json_array_append_new(items, api_org_json(a, &l->items[i]));
	json_t *j = json_list(items, l->total, l->offset, l->limit);
	if (l->total_capped)
		json_object_set_new(j, "total_capped", json_true());
	return j;
}

void api_org_get(struct api *a)
{
	struct org o;
	enum gh_err e = org_get(&a->c, a->params[0], &o);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, api_org_json(a, &o));
}

void api_org_children(struct api *a)
{
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct org_list l;
	enum gh_err e = org_children(&a->c, a->params[0], offset, limit, &l);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, org_list_json(a, &l));
}

void api_org_path(struct api *a)
{
	struct org_list l;
	enum gh_err e = org_path(&a->c, a->params[0], &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)l.items[i].id, "name",
		                                       l.items[i].name, "kind", org_kind_token(l.items[i].kind)));
	api_reply(a, 200, json_list(items, l.n, 0, l.n));
}

void api_org_search(struct api *a)
{
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct org_list l;
	enum gh_err e = org_search(&a->c, http_query(a->req, "q"), http_query(a->req, "division"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, org_list_json(a, &l));
}

void api_org_stats(struct api *a)
{
	/* open_cases moves when an overdue case escalates: take the deadlines up first */
	if (flow_sweep(&a->c) < 0)
		return api_fail(a, GH_EIO);
	/* every counter in one read: the figures, the birth years, the case types' slots */
	struct stat_all *all = arena_alloc(a->c.a, sizeof(*all));
	const char *path;
	if (!all)
		return api_fail(a, GH_ENOMEM);
	enum gh_err e = org_stats_all(&a->c, a->params[0], all, &path);
	if (e)
		return api_fail(a, e);
	const int64_t *s = all->figures;
	json_t *j = json_object();
	json_set_int(j, "org_id", a->params[0], false);
	for (int m = 0; m < STAT__MAX; m++)
		json_set_int(j, stat_token((enum metric)m), s[m], false);
	json_object_set_new(j, "coverage_rate",
	                    s[STAT_EMPLOYERS]
	                            ? json_real((double)s[STAT_UNIONISED_EMPLOYERS] / (double)s[STAT_EMPLOYERS])
	                            : json_null());
	json_object_set_new(j, "membership_rate",
	                    s[STAT_EMPLOYEES] ? json_real((double)s[STAT_MEMBERS] / (double)s[STAT_EMPLOYEES])
	                                      : json_null());
	/* Members by age band, from the counters by birth year: the age reached this year. */
	const int64_t *births = all->births;
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	static const struct {
		const char *name;
		int lo, hi;
	} bands[] = {{"16-25", 16, 25}, {"26-35", 26, 35}, {"36-45", 36, 45}, {"46-55", 46, 55}, {"56+", 56, 200}};
	json_t *ab = json_object();
	for (size_t b = 0; b < sizeof(bands) / sizeof(bands[0]); b++) {
		int64_t n = 0;
		for (int i = 0; i < STAT_BIRTH_YEARS; i++) {
			int age = y - (STAT_BIRTH_FIRST + i);
			if (age >= bands[b].lo && age <= bands[b].hi)
				n += births[i];
		}
		json_set_int(ab, bands[b].name, n, false);
	}
	json_object_set_new(j, "age_bands", ab);
	/* cases by type: open, closed, overdue now and each type's own figures */
	int nt = flow_type_count();
	struct flow_type_stats *ts = arena_alloc(a->c.a, sizeof(*ts) * (size_t)nt);
	if (!ts || flow_stats_of(&a->c, path, all->cases, ts) != GH_OK)
		return json_decref(j), api_fail(a, GH_EIO);
	json_t *cases = json_object();
	for (int i = 0; i < nt; i++) {
		json_t *x = json_pack("{s:I, s:I, s:I}", "open", (json_int_t)ts[i].open, "closed",
		                      (json_int_t)ts[i].closed, "overdue", (json_int_t)ts[i].overdue);
		for (int f = 0; ts[i].type->figures && ts[i].type->figures[f] && f < FLOW_MAX_FIGURES; f++)
			json_set_int(x, ts[i].type->figures[f], ts[i].figures[f], false);
		json_object_set_new(cases, ts[i].type->token, x);
	}
	json_object_set_new(j, "cases", cases);
	/* Joins and leavings of the last `months` months (default 12, at most 120), oldest first. */
	int64_t months = 12;
	if (!api_query_int(a, "months", 1, 120, &months))
		return json_decref(j);
	int from_y = y, from_m = m - (int)months + 1;
	while (from_m < 1) {
		from_m += 12;
		from_y--;
	}
	int64_t joins[120], leaves[120];
	if (stats_read_months(a->c.db, a->params[0], from_y * 100 + from_m, (int)months, joins, leaves) < 0)
		return json_decref(j), api_fail(a, GH_EIO);
	json_t *ms = json_array();
	for (int i = 0; i < months; i++) {
		int mm = from_m + i, yy = from_y + (mm - 1) / 12;
		mm = (mm - 1) % 12 + 1;
		char label[16];
		snprintf(label, sizeof(label), "%04d-%02d", yy % 10000, mm);
		json_array_append_new(ms, json_pack("{s:s, s:I, s:I}", "month", label, "joins", (json_int_t)joins[i],
		                                    "leaves", (json_int_t)leaves[i]));
	}
	json_object_set_new(j, "months", ms);
	api_reply(a, 200, j);
}

/* Reads one employer object; prefix names it in errors ("employer." or "employers[2]."). */
static enum gh_err read_employer(struct api *a, json_t *obj, const char *prefix, struct employer_input *out)
{
	struct ctx *c = &a->c;
	memset(out, 0, sizeof(*out));
	out->headcount = -1;
	enum gh_err e;
	bool has_id = false;
	if ((e = json_get_int(c, obj, "id", arena_printf(c->a, "%sid", prefix), 1, JSON_INT_MAX, false, &out->id,
	                      &has_id)))
		return e;
	if (has_id)
		return GH_OK;
	if ((e = json_get_str(c, obj, "name", arena_printf(c->a, "%sname", prefix), 400, true, &out->name)) ||
	    (e = json_get_str(c, obj, "credit_code", arena_printf(c->a, "%scredit_code", prefix), 80, true,
	                      &out->credit_code)) ||
	    (e = json_get_str(c, obj, "division_code", arena_printf(c->a, "%sdivision_code", prefix), 24, false,
	                      &out->division)) ||
	    (e = json_get_int(c, obj, "headcount", arena_printf(c->a, "%sheadcount", prefix), 0, 10000000, false,
	                      &out->headcount, NULL)))
		return e;
	return GH_OK;
}

/* Reads the editable fields of an organisation into in (set marks what was present). */
static enum gh_err read_org_fields(struct api *a, struct org_input *in)
{
	struct ctx *c = &a->c;
	json_t *b = a->body;
	enum gh_err e;
	int64_t v;
	bool present;
	if ((e = json_get_str(c, b, "name", "name", 400, false, &in->name)))
		return e;
	if (json_object_get(b, "name"))
		in->set |= ORG_SET_NAME;
	if ((e = json_get_int(c, b, "headcount", "headcount", 0, 10000000, false, &in->headcount, &present)))
		return e;
	if (present)
		in->set |= ORG_SET_HEADCOUNT;
	if ((e = json_get_str(c, b, "founded_on", "founded_on", 16, false, &in->founded_on)))
		return e;
	if (json_object_get(b, "founded_on"))
		in->set |= ORG_SET_FOUNDED;
	if ((e = json_get_int(c, b, "term_years", "term_years", 0, 100, false, &v, &present)))
		return e;
	if (present) {
		in->set |= ORG_SET_TERM;
		in->term_years = (int)v;
	} else if (json_is_null(json_object_get(b, "term_years"))) {
		in->set |= ORG_SET_TERM;
	}
	if ((e = json_get_str(c, b, "chair", "chair", 200, false, &in->chair)))
		return e;
	if (json_object_get(b, "chair"))
		in->set |= ORG_SET_CHAIR;
	if ((e = json_get_str(c, b, "phone", "phone", 64, false, &in->phone)))
		return e;
	if (json_object_get(b, "phone"))
		in->set |= ORG_SET_PHONE;
	return GH_OK;
}

enum gh_err api_org_decode_create(struct api *a, struct org_input *in)
{
	struct ctx *c = &a->c;
	enum gh_err e;
	const char *kind;
	memset(in, 0, sizeof(*in));
	if ((e = json_get_int(c, a->body, "parent_id", "parent_id", 1, JSON_INT_MAX, true, &in->parent_id, NULL)) ||
	    (e = json_get_str(c, a->body, "name", "name", 400, true, &in->name)) ||
	    (e = json_get_str(c, a->body, "kind", "kind", 40, true, &kind)) ||
	    (e = json_get_str(c, a->body, "division_code", "division_code", 24, false, &in->division)) ||
	    (e = read_org_fields(a, in)))
		return e;
	in->kind = org_kind_parse(kind);
	if (in->kind < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "kind", "没有这种组织类型", "no such kind of organisation");
	json_t *emp = NULL, *emps = json_object_get(a->body, "employers");
	if ((e = json_get_obj(c, a->body, "employer", "employer", false, &emp)))
		return e;
	if (emps && !json_is_null(emps)) {
		if (!json_is_array(emps) || json_array_size(emps) == 0 || json_array_size(emps) > 200)
			return gh_fail_set(&c->fail, GH_EINVAL, "employers", "employers 应为 1 到 200 个用人单位的数组",
			                   "employers must be an array of 1 to 200 employers");
		if (emp)
			return gh_fail_set(&c->fail, GH_EINVAL, "employer", "employer 与 employers 只能给一个",
			                   "give either employer or employers, not both");
		in->n_employers = (int)json_array_size(emps);
		in->employers = arena_zalloc(c->a, sizeof(*in->employers) * (size_t)in->n_employers);
		if (!in->employers)
			return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
		for (int i = 0; i < in->n_employers; i++) {
			const char *prefix = arena_printf(c->a, "employers[%d].", i);
			json_t *item = json_array_get(emps, (size_t)i);
			if (!json_is_object(item))
				return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "employers[%d]", i),
				                   "应为对象", "must be an object");
			if ((e = read_employer(a, item, prefix, &in->employers[i])))
				return e;
		}
	} else if (emp) {
		in->n_employers = 1;
		in->employers = arena_zalloc(c->a, sizeof(*in->employers));
		if (!in->employers)
			return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
		if ((e = read_employer(a, emp, "employer.", in->employers)))
			return e;
	}
	return GH_OK;
}

void api_org_create(struct api *a)
{
	struct org_input in;
	enum gh_err e = api_org_decode_create(a, &in);
	if (e)
		return api_fail(a, e);
	struct org o;
	struct warning w[ORG_MAX_WARNINGS];
	int nw = 0;
	if ((e = org_create(&a->c, &in, &o, w, &nw)))
		return api_fail(a, e);
	json_t *j = api_org_json(a, &o);
	json_object_set_new(j, "warnings", api_warnings_json(a, w, nw));
	api_reply(a, 201, j);
}

void api_org_update(struct api *a)
{
	struct org_input in = {0};
	enum gh_err e = read_org_fields(a, &in);
	if (e)
		return api_fail(a, e);
	if (!in.set)
		return api_error(a, GH_EBADREQ, NULL, "没有要修改的字段", "nothing to change");
	struct org o;
	if ((e = org_update(&a->c, a->params[0], &in, &o)))
		return api_fail(a, e);
	api_reply(a, 200, api_org_json(a, &o));
}

void api_org_move(struct api *a)
{
	int64_t parent;
	const char *division;
	enum gh_err e;
	if ((e = json_get_int(&a->c, a->body, "parent_id", "parent_id", 1, JSON_INT_MAX, true, &parent, NULL)) ||
	    (e = json_get_str(&a->c, a->body, "division_code", "division_code", 24, false, &division)))
		return api_fail(a, e);
	struct org o;
	if ((e = org_move(&a->c, a->params[0], parent, division, &o)))
		return api_fail(a, e);
	api_reply(a, 200, api_org_json(a, &o));
}
