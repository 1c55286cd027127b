/*
 * Demo data of 维权 (demo.h): 12351 hotline cases under 赣榆区 (320707) in the states a newcomer
 * should see — waiting to be signed for, being handled, replied, rated and closed, anonymous, and
 * one that ran past its first-response limit and went up to the district federation under
 * supervision (督办). The cases go through the same case engine as real ones, taken by a demo
 * operator of the district's 12351 line. Their history is spread over the last ten days: the clock
 * is set back while each step is taken and returned to the real clock at the end (init is the only
 * caller and runs on the real clock). Deterministic: the same store gives the same cases.
 */
#include <string.h>

#include "base/time.h"
#include "domain/demo.h"
#include "domain/employer.h"
#include "domain/flow.h"
#include "domain/org.h"

#define HOUR (3600)
#define DAY  (24 * HOUR)

/* One step of a demo case: at `ago` seconds before now, take `action` (NULL: open the case). */
struct step {
	int64_t ago;
	const char *action, *key, *value;
};

struct demo_case {
	const char *demand, *category, *tier, *division, *employer, *summary, *caller, *phone;
	int employer_index; /* a demo employer (its union handles it), or -1: `employer` by name */
	int workers;
	bool anonymous;
	struct step steps[6];
};

static const struct demo_case cases[] = {
        {"help",
         "wage_arrears",
         "normal",
         "320707",
         NULL,
         "反映单位拖欠两个月工资，已与车间主任沟通未果，希望工会协调。",
         "王先生",
         "13905180001",
         0,
         6,
         false,
         {{2 * HOUR, NULL, NULL, NULL}}},
        {"consult",
         "labour_contract",
         "normal",
         "320707100",
         "连云港青口海味餐饮管理有限公司",
         "试用期六个月是否合法？单位未签书面劳动合同。",
         "李女士",
         "13905180002",
         -1,
         1,
         false,
         {{2 * DAY, NULL, NULL, NULL}, {1 * DAY + 3 * HOUR, "accept", NULL, NULL}}},
        {"complaint",
         "social_insurance",
         "difficult",
         "320707",
         NULL,
         "单位自去年十月起未缴纳社会保险，多人反映。",
         "赵先生",
         "13905180003",
         1,
         12,
         false,
         {{4 * DAY, NULL, NULL, NULL},
          {4 * DAY - 2 * HOUR, "accept", NULL, NULL},
          {1 * DAY, "reply", "text", "已约谈单位负责人，单位承诺本月底前补缴，区总工会将跟踪落实。"}}},
        {"help",
         "work_injury",
         "normal",
         "320707",
         NULL,
         "工伤认定材料不会准备，想请工会帮忙。",
         "孙女士",
         "13905180004",
         2,
         1,
         false,
         {{10 * DAY, NULL, NULL, NULL},
          {10 * DAY - 3 * HOUR, "accept", NULL, NULL},
          {7 * DAY, "reply", "text", "已指导准备工伤认定申请表、劳动关系证明和诊断证明，并陪同提交。"},
          {6 * DAY, "rate", "satisfaction", "satisfied"},
          {5 * DAY, "close", NULL, NULL}}},
        {"help",
         "wage_arrears",
         "normal",
         "320707101",
         "连云港柘汪建筑劳务有限公司",
         "工地二十多名农民工被拖欠工资近三个月，包工头失联。",
         "周先生",
         "13905180005",
         -1,
         25,
         false,
         {{3 * DAY, NULL, NULL, NULL}}},
        {"complaint",
         "women_rights",
         "normal",
         "320707",
         NULL,
         "孕期被调岗降薪，希望工会介入。",
         NULL,
         "13905180006",
         3,
         1,
         true,
         {{1 * HOUR, NULL, NULL, NULL}}},
};

/* The first n demo employers under 赣榆区 that have a union. */
static int demo_employers(struct ctx *c, struct employer *out, int n)
{
	struct employer_list l;
	if (employer_list(c, 0, NULL, 1, 0, 50, &l) != GH_OK)
		return 0;
	int k = 0;
	for (int64_t i = 0; i < l.n && k < n; i++)
		if (!strncmp(l.items[i].division, "320707", 6))
			out[k++] = l.items[i];
	return k;
}

static json_t *intake(const struct demo_case *d, const struct employer *em)
{
	json_t *employer =
	        em ? json_pack("{s:s, s:s}", "name", em->name, "credit_code", em->credit_code ? em->credit_code : "")
	           : json_pack("{s:s}", "name", d->employer);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:i, s:s, s:s, s:b}", "type", "hotline", "demand_type",
	                      d->demand, "category", d->category, "tier", d->tier, "division",
	                      em ? em->division : d->division, "employer", employer, "workers_affected", d->workers,
	                      "summary", d->summary, "channel", "phone", "anonymous", d->anonymous);
	if (b)
		json_object_set_new(b, "caller", json_pack("{s:s*, s:s}", "name", d->caller, "phone", d->phone));
	return b;
}

static enum gh_err run_case(struct ctx *c, const struct demo_case *d, const struct employer *em, int64_t now)
{
	int64_t id = 0;
	enum gh_err e = GH_OK;
	for (int s = 0; s < 6 && d->steps[s].ago && !e; s++) {
		const struct step *st = &d->steps[s];
		clock_set(now - st->ago);
		struct flow_case k;
		json_t *b = st->action ? json_pack("{s:s}", "action", st->action) : intake(d, em);
		if (!b)
			return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
		if (st->key)
			json_object_set_new(b, st->key, json_string(st->value));
		e = st->action ? flow_act(c, id, b, &k) : flow_create(c, b, &k);
		json_decref(b);
		if (!e) {
			id = k.id;
			flow_case_release(&k);
		}
	}
	return e;
}

enum gh_err demo_hotline(struct ctx *c, uint64_t seed, int64_t *n_cases)
{
	(void)seed; /* the cases are fixed; only the store's demo employers vary */
	struct org_list gy;
	enum gh_err e = org_search(c, NULL, "320707", 0, 5, &gy);
	if (e)
		return e;
	const struct org *district = NULL;
	for (int64_t i = 0; i < gy.n; i++)
		if (gy.items[i].kind == KIND_COUNTY)
			district = &gy.items[i];
	struct employer em[4];
	if (!district || demo_employers(c, em, 4) < 4)
		return GH_OK; /* no demo district: nothing to show */
	/* the district's 12351 line: a demo operator, who also handles and checks the cases here */
	const struct actor operator= {.id = 0,
	                              .name = "赣榆区12351话务员（演示）",
	                              .role = ROLE_FEDERATION_STAFF,
	                              .org_id = district->id,
	                              .path = district->path};
	const struct actor *saved = c->who;
	c->who = &operator;
	int64_t now = clock_now();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]) && !e; i++) {
		const struct demo_case *d = &cases[i];
		e = run_case(c, d, d->employer_index >= 0 ? &em[d->employer_index] : NULL, now);
		if (!e)
			(*n_cases)++;
	}
	clock_reset();
	c->who = saved;
	return e;
}
