/*
 * Demo data of medical mutual aid (demo.h): the 2026 plan of 赣榆区总工会 (60 yuan a year, 90
 * waiting days, deductible 1,000 yuan, 50%, at most 20,000 yuan a claim and 50,000 a year — an
 * illustration, not any real county's scheme), the members of the first demo union who had
 * joined by 5 January 2026 enrolled on that day, one claim paid and one waiting for approval.
 * Deterministic; everything marked demo. Goes through the same domain calls as the API.
 */
#include <string.h>

#include "base/time.h"
#include "domain/demo.h"
#include "domain/flow.h"
#include "domain/member.h"
#include "domain/mutual_aid.h"
#include "domain/org.h"

#define DEMO_ENROLLED_ON "2026-01-05"
#define DEMO_MAX_ENROL   20

/* 赣榆区总工会 and the first demo grassroots union (by name order of the search, as demo.c). */
static enum gh_err find_orgs(struct ctx *c, int64_t *county, int64_t *first_union)
{
	*county = *first_union = 0;
	struct org_list l;
	enum gh_err e = org_search(c, NULL, "320707", 0, 20, &l);
	if (e)
		return e;
	for (int64_t i = 0; i < l.n && !*county; i++)
		if (l.items[i].kind == KIND_COUNTY)
			*county = l.items[i].id;
	if ((e = org_search(c, "工会委员会", NULL, 0, 50, &l)))
		return e;
	for (int64_t i = 0; i < l.n && !*first_union; i++)
		if (l.items[i].demo)
			*first_union = l.items[i].id;
	return GH_OK;
}

/* Files a claim for membership mid through the case engine; *id receives the case. */
static enum gh_err file_claim(struct ctx *c, int64_t plan, int64_t mid, const char *in, const char *out_date,
                              int64_t total, int64_t eligible, const char *hospital, const char *diagnosis, int64_t *id)
{
	json_t *body = json_pack("{s:s, s:I, s:I, s:s, s:s, s:I, s:I, s:s, s:s}", "type", "mutual_aid_claim", "plan_id",
	                         (json_int_t)plan, "membership_id", (json_int_t)mid, "admission_date", in,
	                         "discharge_date", out_date, "total_cost_fen", (json_int_t)total, "eligible_cost_fen",
	                         (json_int_t)eligible, "hospital", hospital, "diagnosis", diagnosis);
	if (!body)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	struct flow_case k;
	enum gh_err e = flow_create(c, body, &k);
	json_decref(body);
	if (e)
		return e;
	*id = k.id;
	flow_case_release(&k);
	return GH_OK;
}

static enum gh_err act(struct ctx *c, int64_t id, json_t *body)
{
	struct flow_case k;
	enum gh_err e = body ? flow_act(c, id, body, &k) : GH_ENOMEM;
	json_decref(body);
	if (e == GH_OK)
		flow_case_release(&k);
	return e;
}

enum gh_err demo_mutual_aid(struct ctx *c, uint64_t seed, int64_t *cases)
{
	(void)seed; /* the same plan, members and claims every time */
	int64_t county, first_union;
	enum gh_err e = find_orgs(c, &county, &first_union);
	if (e || !county || !first_union)
		return e;
	struct ma_plan_input in = {.org_id = county,
	                           .name = "2026年度赣榆区职工医疗互助计划（示例）",
	                           .year = 2026,
	                           .contribution_fen = 6000,
	                           .waiting_days = 90,
	                           .deductible_fen = 100000,
	                           .ratio_bp = 5000,
	                           .cap_per_claim_fen = 2000000,
	                           .yearly_cap_fen = 5000000,
	                           .demo = true};
	struct ma_plan plan;
	if ((e = mutual_aid_plan_create(c, &in, &plan)))
		return e;
	struct member_list ml;
	if ((e = member_list(c, first_union, NULL, "active", 0, 200, &ml)))
		return e;
	int64_t mids[DEMO_MAX_ENROL];
	int n = 0;
	for (int64_t i = 0; i < ml.n && n < DEMO_MAX_ENROL; i++)
		if (strcmp(ml.items[i].joined_on, DEMO_ENROLLED_ON) <= 0)
			mids[n++] = ml.items[i].id;
	if (n == 0)
		return GH_OK;
	struct ma_enrolment_list el;
	if ((e = mutual_aid_enrol(c, plan.id, mids, n, DEMO_ENROLLED_ON, true, &el)))
		return e;
	/* the claims need stays after the waiting period that have ended by now */
	char now[11];
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, now, sizeof(now));
	if (strcmp(now, "2026-07-01") < 0 || n < 2)
		return GH_OK;
	int64_t paid, waiting;
	if ((e = file_claim(c, plan.id, mids[0], "2026-05-12", "2026-05-20", 2563400, 2180000, "连云港市第一人民医院",
	                    "急性阑尾炎（示例）", &paid)) ||
	    (e = act(c, paid, json_pack("{s:s}", "action", "approve"))) ||
	    (e = act(c, paid, json_pack("{s:s, s:s}", "action", "close", "paid_on", now))))
		return e;
	(*cases)++;
	/* 3,456,789 fen − 100,000 deductible = 3,356,789 × 50% = 1,678,394.5 → 1,678,395 fen (half up) */
	if ((e = file_claim(c, plan.id, mids[1], "2026-06-10", "2026-06-18", 4012345, 3456789, "赣榆区人民医院",
	                    "腰椎间盘突出症（示例）", &waiting)))
		return e;
	(*cases)++;
	return GH_OK;
}
