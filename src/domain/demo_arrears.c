/*
 * Demo wage arrears and mediation cases under 赣榆区 (demo.h): three arrears reports (one being
 * recovered with a first sum back, one waiting at a town federation, one settled) and three
 * mediations (one in session, one with an agreement, one waiting), at the demo employers, through
 * the case engine like any other case, so that their counters and history are real. Deterministic:
 * the same store and clock give the same cases; each payload says "demo": true.
 */
#include <string.h>

#include "domain/demo.h"
#include "domain/employer.h"
#include "domain/flow.h"
#include "domain/org.h"

/* Opens a case from a JSON body (stolen); GH_OK with its id in *id. */
static enum gh_err open_case(struct ctx *c, json_t *body, int64_t *id, int64_t *cases)
{
	if (!body)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	json_object_set_new(body, "demo", json_true());
	struct flow_case k;
	enum gh_err e = flow_create(c, body, &k);
	json_decref(body);
	if (e)
		return e;
	*id = k.id;
	flow_case_release(&k);
	(*cases)++;
	return GH_OK;
}

/* Takes an action (body stolen). */
static enum gh_err act(struct ctx *c, int64_t id, json_t *body)
{
	if (!body)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	struct flow_case k;
	enum gh_err e = flow_act(c, id, body, &k);
	json_decref(body);
	if (e == GH_OK)
		flow_case_release(&k);
	return e;
}

static json_t *employer_json(const struct employer *e)
{
	return json_pack("{s:s, s:s*}", "name", e->name, "credit_code", e->credit_code);
}

static enum gh_err demo_arrears_cases(struct ctx *c, const struct employer *u0, const struct employer *u1,
                                      const struct employer *free0, int64_t *cases)
{
	int64_t id;
	/* a construction site: accepted, a first 12 万元 back */
	enum gh_err e =
	        open_case(c,
	                  json_pack("{s:s, s:o, s:s, s:I, s:i, s:{s:s, s:s}, s:s, s:s}", "type", "wage_arrears",
	                            "employer", employer_json(u0), "division_code", u0->division, "amount_owed_fen",
	                            (json_int_t)28600000, "workers_affected", 38, "period", "from", "2025-09", "to",
	                            "2026-01", "project", "赣榆区安置房三期工程", "summary",
	                            "38 名农民工反映 2025 年 9 月以来工资被拖欠，项目部称待工程款到位"),
	                  &id, cases);
	if (e || (e = act(c, id, json_pack("{s:s}", "action", "accept"))) ||
	    (e = act(c, id,
	             json_pack("{s:s, s:s, s:I}", "action", "reply", "text", "约谈项目负责人，首批工资已发放",
	                       "recovered_fen", (json_int_t)12000000))))
		return e;
	/* an employer without a union: waiting at its town federation */
	if ((e = open_case(c,
	                   json_pack("{s:s, s:o, s:s, s:I, s:i, s:{s:s, s:s}, s:s}", "type", "wage_arrears", "employer",
	                             employer_json(free0), "division_code", free0->division, "amount_owed_fen",
	                             (json_int_t)4350000, "workers_affected", 9, "period", "from", "2025-12", "to",
	                             "2026-02", "summary", "9 名职工反映企业停产后两个月工资未发放"),
	                   &id, cases)))
		return e;
	/* settled: all recovered */
	if ((e = open_case(c,
	                   json_pack("{s:s, s:o, s:s, s:I, s:i, s:{s:s, s:s}, s:s}", "type", "wage_arrears", "employer",
	                             employer_json(u1), "division_code", u1->division, "amount_owed_fen",
	                             (json_int_t)1560000, "workers_affected", 4, "period", "from", "2026-01", "to",
	                             "2026-01", "summary", "4 名职工反映 1 月份工资延迟发放"),
	                   &id, cases)) ||
	    (e = act(c, id, json_pack("{s:s}", "action", "accept"))))
		return e;
	return act(c, id,
	           json_pack("{s:s, s:s, s:I}", "action", "close", "note", "经工会协调，企业已足额补发",
	                     "recovered_fen", (json_int_t)1560000));
}

static json_t *mediation_body(const char *worker, const char *phone, const struct employer *e, const char *claim,
                              int64_t amount_fen)
{
	return json_pack("{s:s, s:{s:s, s:s}, s:o, s:{s:s, s:I}, s:s}", "type", "mediation", "worker", "name", worker,
	                 "phone", phone, "employer", employer_json(e), "claim", "text", claim, "amount_fen",
	                 (json_int_t)amount_fen, "division_code", e->division);
}

static enum gh_err demo_mediation_cases(struct ctx *c, const struct employer *u0, const struct employer *u1,
                                        const struct employer *free0, int64_t *cases)
{
	int64_t id;
	/* in session at the enterprise's committee */
	enum gh_err e = open_case(
	        c, mediation_body("周敏", "15807079001", u0, "要求支付 2025 年未休年休假工资报酬", 420000), &id, cases);
	if (e || (e = act(c, id, json_pack("{s:s}", "action", "accept"))) ||
	    (e = act(c, id,
	             json_pack("{s:s, s:s, s:s}", "action", "reply", "mediator", "刘建国", "text",
	                       "双方到场，企业认可未休年休假天数，对计算基数有分歧"))))
		return e;
	/* an agreement */
	if ((e = open_case(c, mediation_body("吴强", "15807079002", u1, "要求补缴解除劳动合同经济补偿", 1800000), &id,
	                   cases)) ||
	    (e = act(c, id, json_pack("{s:s}", "action", "accept"))) ||
	    (e = act(c, id,
	             json_pack("{s:s, s:s, s:s}", "action", "reply", "mediator", "陈红", "text",
	                       "释明劳动合同法第四十七条，双方同意按 N 计算"))) ||
	    (e = act(c, id,
	             json_pack("{s:s, s:s, s:I}", "action", "approve", "terms",
	                       "企业于十五日内一次性支付经济补偿一万五千元，双方劳动关系解除，再无其他争议",
	                       "amount_fen", (json_int_t)1500000))))
		return e;
	/* waiting at the town's mediation body: the employer has no union */
	return open_case(c, mediation_body("郑丽", "15807079003", free0, "要求支付拖欠的三个月工资", 1260000), &id,
	                 cases);
}

enum gh_err demo_arrears(struct ctx *c, uint64_t seed, int64_t *cases)
{
	(void)seed;
	struct org_list gy;
	enum gh_err e = org_search(c, NULL, "320707", 0, 1, &gy);
	if (e || gy.n == 0)
		return e;
	struct employer_list with, without;
	if ((e = employer_list(c, gy.items[0].id, NULL, 1, 0, 2, &with)) ||
	    (e = employer_list(c, gy.items[0].id, NULL, 0, 0, 1, &without)))
		return e;
	if (with.n < 2 || without.n < 1)
		return GH_OK; /* no demo employers: nothing to show */
	if ((e = demo_arrears_cases(c, &with.items[0], &with.items[1], &without.items[0], cases)))
		return e;
	return demo_mediation_cases(c, &with.items[0], &with.items[1], &without.items[0], cases);
}
