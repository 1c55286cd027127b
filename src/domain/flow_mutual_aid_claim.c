/*
 * Case type mutual_aid_claim (医疗互助补助申请): a member enrolled in a plan (or a cadre for them)
 * claims for a hospital stay — admission and discharge dates inside the plan's year, after the
 * waiting period, the total and the eligible cost. The hospital and the diagnosis are health data
 * (PIPL Art. 28): they live only in the sealed part, shown to the member and to handlers holding
 * sensitive.read, each reading audited.
 *
 * Who handles it: the union where the member is enrolled (it collected the contribution and
 * checks the bills); the federation owning the plan sees and may act on every claim of its
 * subtree. The benefit is computed by the plan's rule (mutual_aid_benefit) when the claim is filed
 * (a proposal, with its steps), recomputed and fixed on approval (the yearly cap counts what was
 * approved or paid to the member under the plan meanwhile), and the payment is recorded by
 * closing it with the date paid (state paid). Reject needs a reason; the member (or whoever filed
 * it) may withdraw it while it waits. Overdue after 30 days (and 30 days after approval without
 * payment), it escalates like every case.
 *
 * Figures (counters of the subtree): claims_paid, paid_fen (benefits paid), approved_fen
 * (benefits approved, paid ones included).
 */
#include <stdio.h>
#include <string.h>

#include "base/time.h"
#include "domain/flow.h"
#include "domain/member.h"
#include "domain/mutual_aid.h"
#include "domain/stats.h"

static void today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

/* A required positive id field. */
static enum gh_err get_id(struct ctx *c, json_t *body, const char *key, int64_t *out)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return gh_fail_set(&c->fail, GH_EMISSING, key, "此项必填", "this field is required");
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return gh_fail_set(&c->fail, GH_EINVAL, key, "应为正整数", "must be a positive integer");
	*out = json_integer_value(v);
	return GH_OK;
}

/* A required amount in fen within [0, MA_MAX_FEN]. */
static enum gh_err get_fen(struct ctx *c, json_t *body, const char *key, int64_t *out)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return gh_fail_set(&c->fail, GH_EMISSING, key, "请填写金额（以分计）",
		                   "the amount (in fen) is required");
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > MA_MAX_FEN)
		return gh_fail_set(&c->fail, GH_EINVAL, key, "金额应为 0 到 1 亿元之间的整数（以分计）",
		                   "the amount must be an integer between 0 and 100 million yuan (in fen)");
	*out = json_integer_value(v);
	return GH_OK;
}

/* A required date YYYY-MM-DD. */
static enum gh_err get_date(struct ctx *c, json_t *body, const char *key, const char **out)
{
	json_t *v = json_object_get(body, key);
	int y, m, d;
	if (!v || json_is_null(v))
		return gh_fail_set(&c->fail, GH_EMISSING, key, "请填写日期", "the date is required");
	if (!json_is_string(v) || json_string_length(v) != 10 || cal_parse_date(json_string_value(v), &y, &m, &d) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, key, "日期格式应为 YYYY-MM-DD", "the date must be YYYY-MM-DD");
	*out = json_string_value(v);
	return GH_OK;
}

/* A required text of 1..max characters. */
static enum gh_err get_text(struct ctx *c, json_t *body, const char *key, size_t max_bytes, const char **out)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
		return gh_fail_set(&c->fail, GH_EMISSING, key, "此项必填", "this field is required");
	if (!json_is_string(v) || json_string_length(v) > max_bytes)
		return gh_fail_set(&c->fail, GH_EINVAL, key,
		                   arena_printf(c->a, "应为不超过 %zu 个字的文字", max_bytes / 3),
		                   arena_printf(c->a, "must be text of at most %zu bytes", max_bytes));
	*out = json_string_value(v);
	return GH_OK;
}

/* Whose claim is it? A member: themself. Staff: the membership named in the body (in scope). */
static enum gh_err claimant(struct ctx *c, json_t *body, int64_t *person_id)
{
	if (c->who->role == ROLE_MEMBER) {
		if (!c->who->person_id)
			return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "请先成为工会会员", "you are not a member");
		*person_id = c->who->person_id;
		return GH_OK;
	}
	if (!role_can(c->who->role, CAP_CASE_HANDLE))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "type", "无权代会员申请互助补助",
		                   "you may not file claims for members");
	int64_t mid;
	enum gh_err e = get_id(c, body, "membership_id", &mid);
	if (e)
		return e;
	struct member m;
	if ((e = member_get(c, mid, false, &m))) {
		c->fail.field = "membership_id";
		return e;
	}
	*person_id = m.person_id;
	return GH_OK;
}

/* The stay: dates inside the plan's year, after the waiting period, not in the future. */
static enum gh_err check_stay(struct ctx *c, const struct ma_plan *p, const struct ma_enrolment *en, const char *in,
                              const char *outd, char waiting_ends[11])
{
	char first[11], last[11], now[11];
	cal_format_date(p->year, 1, 1, first, sizeof(first));
	cal_format_date(p->year, 12, 31, last, sizeof(last));
	today(now);
	if (strcmp(in, first) < 0 || strcmp(in, last) > 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "admission_date",
		                   arena_printf(c->a, "入院日期应在计划年度（%d 年）内", p->year),
		                   arena_printf(c->a, "the admission must fall in the plan's year (%d)", p->year));
	if (strcmp(outd, in) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "discharge_date", "出院日期不能早于入院日期",
		                   "the discharge cannot precede the admission");
	if (strcmp(outd, last) > 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "discharge_date",
		                   arena_printf(c->a, "出院日期应在计划年度（%d 年）内", p->year),
		                   arena_printf(c->a, "the discharge must fall in the plan's year (%d)", p->year));
	if (strcmp(outd, now) > 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "discharge_date", "出院后才能申请，出院日期不能晚于今天",
		                   "claims come after the discharge: the date cannot be in the future");
	mutual_aid_waiting_ends(p, en->enrolled_on, waiting_ends);
	if (strcmp(in, waiting_ends) < 0)
		return gh_fail_set(
		        &c->fail, GH_ECONFLICT, "admission_date",
		        arena_printf(c->a, "仍在等待期内：%s 参加互助，等待期 %d 天，%s 及以后入院才能补助",
		                     en->enrolled_on, p->waiting_days, waiting_ends),
		        arena_printf(c->a,
		                     "within the waiting period: enrolled on %s with %d waiting days, stays from %s on "
		                     "are covered",
		                     en->enrolled_on, p->waiting_days, waiting_ends));
	return GH_OK;
}

static enum gh_err claim_create(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out)
{
	(void)t;
	int64_t person_id = 0, plan_id = 0, total = 0, eligible = 0;
	const char *in, *outd, *hospital, *diagnosis;
	enum gh_err e;
	if ((e = claimant(c, body, &person_id)) || (e = get_id(c, body, "plan_id", &plan_id)))
		return e;
	struct ma_plan p;
	if ((e = mutual_aid_plan_get(c, plan_id, &p))) {
		c->fail.field = "plan_id";
		return e;
	}
	struct ma_enrolment en;
	int r = mutual_aid_enrolment_of(c, plan_id, person_id, &en);
	if (r < 0)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	if (r == 0)
		return gh_fail_set(&c->fail, GH_ECONFLICT, "plan_id", "未参加该互助计划，不能申请补助",
		                   "not enrolled in this plan: no claim can be made");
	if ((e = get_date(c, body, "admission_date", &in)) || (e = get_date(c, body, "discharge_date", &outd)) ||
	    (e = get_fen(c, body, "total_cost_fen", &total)) ||
	    (e = get_fen(c, body, "eligible_cost_fen", &eligible)) ||
	    (e = get_text(c, body, "hospital", 300, &hospital)) ||
	    (e = get_text(c, body, "diagnosis", 600, &diagnosis)))
		return e;
	if (eligible > total)
		return gh_fail_set(&c->fail, GH_EINVAL, "eligible_cost_fen", "可补助费用不能高于医疗总费用",
		                   "the eligible cost cannot exceed the total cost");
	char waiting_ends[11];
	if ((e = check_stay(c, &p, &en, in, outd, waiting_ends)))
		return e;
	int64_t used;
	if ((e = mutual_aid_used(c, person_id, plan_id, 0, &used)))
		return e;
	struct ma_benefit b;
	mutual_aid_benefit(&p.rule, eligible, used, &b);
	char filed[11];
	today(filed);
	out->org_id = en.org_id;
	out->person_id = person_id;
	out->payload =
	        json_pack("{s:I, s:s, s:i, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:s}", "plan_id",
	                  (json_int_t)p.id, "plan_name", p.name, "plan_year", p.year, "enrolment_id", (json_int_t)en.id,
	                  "membership_id", (json_int_t)en.membership_id, "member_name", en.name, "member_no",
	                  en.member_no, "enrolled_on", en.enrolled_on, "waiting_ends_on", waiting_ends,
	                  "admission_date", in, "discharge_date", outd, "total_cost_fen", (json_int_t)total,
	                  "eligible_cost_fen", (json_int_t)eligible, "proposed_benefit_fen", (json_int_t)b.benefit_fen,
	                  "calculation", mutual_aid_benefit_json(&p.rule, &b), "filed_on", filed);
	out->secret = json_pack("{s:s, s:s}", "hospital", hospital, "diagnosis", diagnosis);
	if (!out->payload || !out->secret)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	return GH_OK;
}

static enum gh_err claim_approve(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	(void)body;
	struct ma_plan p;
	int64_t plan_id = json_integer_value(json_object_get(k->payload, "plan_id"));
	if (mutual_aid_plan_load(c, plan_id, &p) != 1)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "互助计划无法读取", "the plan could not be read");
	/* the yearly cap as it stands now: claims approved since this one was filed count */
	int64_t used;
	enum gh_err e = mutual_aid_used(c, k->person_id, plan_id, k->id, &used);
	if (e)
		return e;
	struct ma_benefit b;
	mutual_aid_benefit(&p.rule, json_integer_value(json_object_get(k->payload, "eligible_cost_fen")), used, &b);
	if (b.benefit_fen <= 0)
		return gh_fail_set(&c->fail, GH_ECONFLICT, "action", "按计划规则补助金额为零，请驳回并说明原因",
		                   "the plan's rule gives no benefit: reject the claim with a reason");
	char on[11];
	today(on);
	json_object_set_new(k->payload, "benefit_fen", json_integer(b.benefit_fen));
	json_object_set_new(k->payload, "calculation", mutual_aid_benefit_json(&p.rule, &b));
	json_object_set_new(k->payload, "approved_on", json_string(on));
	k->deadline = clock_now() + 30 * 86400; /* the payment is due within 30 days */
	return GH_OK;
}

static enum gh_err claim_pay(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const char *paid_on;
	enum gh_err e = get_date(c, body, "paid_on", &paid_on);
	if (e)
		return e;
	char now[11];
	today(now);
	const char *approved = json_string_value(json_object_get(k->payload, "approved_on"));
	if (strcmp(paid_on, now) > 0 || (approved && strcmp(paid_on, approved) < 0))
		return gh_fail_set(&c->fail, GH_EINVAL, "paid_on", "支付日期应在批准日期与今天之间",
		                   "the payment date must lie between the approval and today");
	json_object_set_new(k->payload, "paid_on", json_string(paid_on));
	json_object_set_new(k->payload, "paid_fen",
	                    json_integer(json_integer_value(json_object_get(k->payload, "benefit_fen"))));
	return GH_OK;
}

static void claim_figure(const struct flow_case *k, int64_t *out)
{
	int64_t benefit = json_integer_value(json_object_get(k->payload, "benefit_fen"));
	bool paid = !strcmp(k->state, "paid");
	if (paid) {
		out[0] = 1;
		out[1] = benefit;
	}
	if (paid || !strcmp(k->state, "approved"))
		out[2] = benefit;
}

static const char *const claim_states[] = {"submitted", "approved", "paid", "rejected", "withdrawn", NULL};
static const char *const claim_closed[] = {"paid", "rejected", "withdrawn", NULL};
static const char *const claim_figures[] = {"claims_paid", "paid_fen", "approved_fen", NULL};

static const struct flow_transition claim_transitions[] = {
        {"approve", "submitted", "approved", FLOW_HANDLER, false, claim_approve},
        {"reject", "submitted", "rejected", FLOW_HANDLER, true, NULL},
        {"close", "approved", "paid", FLOW_HANDLER, false, claim_pay},
        {"withdraw", "submitted", "withdrawn", FLOW_APPLICANT, false, NULL},
};

const struct flow_type flow_mutual_aid_claim = {
        .token = "mutual_aid_claim",
        .zh = "医疗互助补助申请",
        .en = "medical mutual-aid claim",
        .initial = "submitted",
        .states = claim_states,
        .closed = claim_closed,
        .transitions = claim_transitions,
        .n_transitions = (int)(sizeof(claim_transitions) / sizeof(claim_transitions[0])),
        .deadline_seconds = 30 * 86400,
        .escalate = true,
        .create = claim_create,
        .secret_cap = CAP_SENSITIVE_READ,
        .stat_base = STAT_CASE_BASE + 6 * STAT_CASE_SLOT,
        .figures = claim_figures,
        .figure = claim_figure,
};
