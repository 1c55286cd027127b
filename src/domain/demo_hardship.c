/*
 * Demo hardship files (demo.h): the living standards of 江苏省, 连云港市 and 赣榆区 — illustrative
 * figures in the range these places publish, not the official ones — and three files under
 * 赣榆区: one deep and one relative hardship filed by the county with assistance given, one
 * by accident awaiting approval. Deterministic; marked demo where the tables have a column.
 */
#include <string.h>

#include "auth/scope.h"
#include "base/time.h"
#include "domain/demo.h"
#include "domain/flow.h"
#include "domain/hardship.h"
#include "domain/member.h"
#include "domain/org.h"

static const struct {
	const char *division, *from;
	int64_t fen;
} standards[] = {
        {"32", "2025-07-01", 78000},
        {"3207", "2025-07-01", 82000},
        {"320707", "2025-01-01", 82000},
        {"320707", "2026-01-01", 85000},
};

/* One demo file: the figures, the level the county confirms (NULL: left waiting) and the
 * assistance it gives. */
struct demo_file {
	const char *body;
	const char *level;
	const char *aid_kind;
	int64_t aid_fen;
};

static const struct demo_file files[] = {
        {"{\"household\":[{\"name\":\"本人\",\"relation\":\"self\"},{\"name\":\"配偶\",\"relation\":\"spouse\","
         "\"health\":\"尿毒症，每周透析\"},{\"name\":\"子女\",\"relation\":\"child\",\"birth_year\":2012}],"
         "\"incomes\":[{\"kind\":\"wage\",\"annual_fen\":2400000}],\"expenses\":[{\"kind\":\"medical\","
         "\"annual_fen\":600000}],\"causes\":[{\"kind\":\"illness\",\"illness\":\"kidney\",\"who\":\"配偶\"}]}",
         "deep", "warmth", 100000},
        {"{\"household\":[{\"name\":\"本人\",\"relation\":\"self\"},{\"name\":\"配偶\",\"relation\":\"spouse\"},"
         "{\"name\":\"子女\",\"relation\":\"child\",\"birth_year\":2007},{\"name\":\"父亲\",\"relation\":\"parent\","
         "\"birth_year\":1950}],\"incomes\":[{\"kind\":\"wage\",\"annual_fen\":5400000},{\"kind\":\"transfer\","
         "\"annual_fen\":600000}],\"expenses\":[{\"kind\":\"education\",\"annual_fen\":1000000}],"
         "\"causes\":[{\"kind\":\"education\"},{\"kind\":\"disability\",\"grade\":2,\"who\":\"父亲\"}]}",
         "relative", "education", 200000},
        {"{\"household\":[{\"name\":\"本人\",\"relation\":\"self\"},{\"name\":\"配偶\",\"relation\":\"spouse\"},"
         "{\"name\":\"子女\",\"relation\":\"child\",\"birth_year\":2018}],\"incomes\":[{\"kind\":\"wage\","
         "\"annual_fen\":9000000}],\"expenses\":[{\"kind\":\"housing\",\"annual_fen\":500000}],"
         "\"causes\":[{\"kind\":\"accident\",\"note\":\"交通事故住院\"}],\"accident_costs_fen\":8000000}",
         NULL, NULL, 0},
};

static enum gh_err demo_standards(struct ctx *c)
{
	for (size_t i = 0; i < sizeof(standards) / sizeof(standards[0]); i++) {
		struct living_standard_input in = {.division = standards[i].division,
		                                   .monthly_fen = standards[i].fen,
		                                   .effective_from = standards[i].from,
		                                   .source = "演示数据：数值仅作示意，不是官方公布的标准",
		                                   .demo = true};
		struct living_standard s;
		enum gh_err e = living_standard_create(c, &in, &s);
		if (e && e != GH_EDUP)
			return e;
	}
	return GH_OK;
}

/* Opens, and where the demo says so approves and helps, one file for membership mid. */
static enum gh_err demo_file(struct ctx *c, const struct demo_file *d, int64_t mid, const struct actor *county,
                             int64_t *cases)
{
	json_t *body = json_loads(d->body, 0, NULL);
	if (!body)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	json_object_set_new(body, "type", json_string("hardship"));
	json_object_set_new(body, "membership_id", json_integer(mid));
	struct flow_case k;
	enum gh_err e = flow_create(c, body, &k);
	json_decref(body);
	if (e)
		return e;
	int64_t id = k.id;
	const char *computed = json_string_value(json_object_get(k.payload, "computed_level"));
	bool same = computed && d->level && !strcmp(computed, d->level);
	flow_case_release(&k);
	(*cases)++;
	if (!d->level)
		return GH_OK;
	const struct actor *saved = c->who;
	c->who = county;
	json_t *act = json_pack("{s:s, s:s, s:s*}", "action", "approve", "level", d->level, "reason",
	                        same ? NULL : "经入户核实确认");
	e = flow_act(c, id, act, &k);
	json_decref(act);
	if (e == GH_OK) {
		flow_case_release(&k);
		struct hardship_aid_input in = {.kind = d->aid_kind, .amount_fen = d->aid_fen, .demo = true};
		struct hardship_aid x;
		e = hardship_aid_add(c, id, &in, &x);
	}
	c->who = saved;
	return e;
}

enum gh_err demo_hardship(struct ctx *c, uint64_t seed, int64_t *cases)
{
	(void)seed;
	enum gh_err e = demo_standards(c);
	if (e)
		return e;
	struct org_list county, unions;
	if ((e = org_search(c, NULL, "320707", 0, 1, &county)) || county.n != 1)
		return e;
	if ((e = org_search(c, "工会委员会", NULL, 0, 50, &unions)))
		return e;
	const struct org *gy = &county.items[0];
	const struct actor fed = {
	        .id = 0, .name = "demo", .role = ROLE_FEDERATION_STAFF, .org_id = gy->id, .path = gy->path};
	/* the workers: the third, fourth and fifth members of the first demo union under 赣榆区 */
	for (int64_t u = 0; u < unions.n; u++) {
		if (!unions.items[u].demo || !scope_contains(gy->path, unions.items[u].path))
			continue;
		struct member_list ml;
		if ((e = member_list(c, unions.items[u].id, NULL, "active", 2, 3, &ml)))
			return e;
		for (int64_t i = 0; i < ml.n && i < (int64_t)(sizeof(files) / sizeof(files[0])); i++)
			if ((e = demo_file(c, &files[i], ml.items[i].id, &fed, cases)))
				return e;
		break;
	}
	return GH_OK;
}
