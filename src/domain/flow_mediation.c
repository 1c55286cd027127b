/*
 * Case type mediation (劳动争议调解, 劳动争议调解仲裁法 Art 10, 12, 14; research A4.10): a worker
 * (or union staff recording an oral application, Art 12) brings a dispute with an employer — the
 * parties, the claim — to a mediation committee. It is handled by the organisation named (an
 * enterprise's union that hosts the committee, or a town or county federation's mediation body),
 * else by the employer's union, else by the federation of the place. The committee accepts it,
 * which starts the 15 days of Art 14; records each session (date, mediator, what happened); and
 * ends it with an agreement (terms) or as failed (a reason). No agreement within 15 days of
 * acceptance: the case is overdue and supervised (督办) where it is — the committee keeps it — and
 * its view tells the worker they may go to arbitration now (Art 14, Art 27's one-year limitation,
 * Art 43's 45-day award). The worker's contact details are sealed (PII_SENSITIVE).
 */
#include <string.h>

#include "auth/scope.h"
#include "base/time.h"
#include "check/phone.h"
#include "domain/flow.h"
#include "domain/flow_arrears.h"
#include "domain/org.h"
#include "domain/stats.h"

#define DAY            86400
#define MEDIATION_DAYS 15
#define CLAIM_MAX_FEN  1000000000000LL

static enum gh_err no_memory(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

/* A committee sits at a grassroots union (the enterprise's committee) or at a town or county
 * federation (the township/street bodies of Art 10). */
static bool may_mediate(const struct org *o)
{
	return !org_kind_is_geographic(o->kind) || o->kind == KIND_TOWN || o->kind == KIND_COUNTY;
}

/* The handling organisation: body.org_id when given, else the employer's union, else the
 * federation of body.division_code. */
static enum gh_err mediation_handler(struct ctx *c, json_t *body, const struct arrears_employer *emp, struct org *o)
{
	int64_t id;
	enum gh_err e = arrears_int(c, body, "org_id", "org_id", 1, ARREARS_ID_MAX, false, 0, &id);
	if (e)
		return e;
	const char *field = "org_id";
	if (!id && emp->union_id) {
		id = emp->union_id;
		field = "employer";
	} else if (!id) {
		char place[13];
		if (!json_object_get(body, "division_code"))
			return gh_fail_set(&c->fail, GH_EMISSING, "org_id",
			                   "该用人单位尚未建会：请选择调解组织，或填写所在地区划代码",
			                   "the employer has no union: choose the mediation body or give the place");
		if ((e = arrears_place(c, body, place, &id)))
			return e;
		field = "division_code";
	}
	bool staff = c->who->role != ROLE_MEMBER;
	if (org_load(c, id, o) != GH_OK)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, field, "组织不存在", "no such organisation");
	/* staff record cases for their own area; a worker may bring theirs to any committee */
	if (staff && !scope_contains(c->who->path, o->path))
		return gh_fail_set(&c->fail, strcmp(field, "org_id") ? GH_EINVAL : GH_ENOTFOUND, field,
		                   arena_printf(c->a, "%s不在您的辖区内", o->name),
		                   arena_printf(c->a, "%s lies outside your area", o->name));
	if (!may_mediate(o))
		return gh_fail_set(&c->fail, GH_EINVAL, field, "调解由基层工会或乡镇（街道）、县级总工会的调解组织办理",
		                   "mediation is done by a grassroots union or a town or county federation");
	return GH_OK;
}

/* body.worker {name, phone?, address?}: the name goes in the case, the contact is sealed. */
static enum gh_err worker_check(struct ctx *c, json_t *body, const char **name, json_t **secret)
{
	json_t *jw = json_object_get(body, "worker");
	if (!jw || json_is_null(jw))
		return gh_fail_set(&c->fail, GH_EMISSING, "worker", "请填写申请调解的职工", "the worker is required");
	if (!json_is_object(jw))
		return gh_fail_set(&c->fail, GH_EINVAL, "worker", "应为对象 {name, phone, address}",
		                   "must be an object {name, phone, address}");
	const char *phone, *address;
	enum gh_err e;
	if ((e = arrears_text(c, jw, "name", "worker.name", 2, 50, true, name)) ||
	    (e = arrears_text(c, jw, "phone", "worker.phone", 3, 24, false, &phone)) ||
	    (e = arrears_text(c, jw, "address", "worker.address", 2, 200, false, &address)))
		return e;
	char norm[24] = "";
	if (phone && phone_normalize(phone, strlen(phone), norm) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "worker.phone", "电话号码格式不对", "not a phone number");
	*secret =
	        json_pack("{s:s, s:s*, s:s*}", "worker_name", *name, "phone", phone ? norm : NULL, "address", address);
	return *secret ? GH_OK : no_memory(c);
}

static enum gh_err mediation_create(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out)
{
	(void)t;
	bool member = c->who->role == ROLE_MEMBER;
	if (!member && !role_can(c->who->role, CAP_CASE_HANDLE))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "type", "无权登记调解申请",
		                   "you may not record mediation cases");
	const char *worker, *claim;
	int64_t amount;
	json_t *secret = NULL;
	struct arrears_employer emp;
	struct org o;
	enum gh_err e;
	json_t *jc = json_object_get(body, "claim");
	if (jc && !json_is_null(jc) && !json_is_object(jc))
		e = gh_fail_set(&c->fail, GH_EINVAL, "claim", "应为对象 {text, amount_fen}",
		                "must be an object {text, amount_fen}");
	else if (!jc || json_is_null(jc))
		e = gh_fail_set(&c->fail, GH_EMISSING, "claim.text", "请写明调解请求", "the claim is required");
	else
		e = GH_OK;
	if (e || (e = worker_check(c, body, &worker, &secret)) || (e = arrears_employer_check(c, body, &emp)) ||
	    (e = arrears_text(c, jc, "text", "claim.text", 5, 2000, true, &claim)) ||
	    (e = arrears_int(c, jc, "amount_fen", "claim.amount_fen", 0, CLAIM_MAX_FEN, false, -1, &amount)) ||
	    (e = mediation_handler(c, body, &emp, &o))) {
		json_decref(secret);
		return e;
	}
	char on[11];
	arrears_today(on);
	out->org_id = o.id;
	out->person_id = member ? c->who->person_id : 0;
	out->secret = secret;
	out->deadline = clock_now() + MEDIATION_DAYS * DAY; /* Art 14 counts from receipt until accepted */
	json_t *claim_j = json_pack("{s:s}", "text", claim);
	if (claim_j && amount >= 0)
		json_object_set_new(claim_j, "amount_fen", json_integer(amount));
	out->payload = json_pack("{s:{s:s}, s:{s:s, s:s*}, s:o, s:s, s:s, s:[]}", "worker", "name", worker, "employer",
	                         "name", emp.name, "credit_code", emp.credit_code, "claim", claim_j, "applied_on", on,
	                         "committee", o.name, "sessions");
	return out->payload ? GH_OK : no_memory(c);
}

static enum gh_err mediation_accept(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t, (void)body;
	char on[11];
	arrears_today(on);
	/* the issue counts the 15 days of Art 14 from acceptance */
	k->deadline = clock_now() + MEDIATION_DAYS * DAY;
	json_object_set_new(k->payload, "accepted_on", json_string(on));
	return GH_OK;
}

/* A session: body.date (default today; not before the application nor in the future),
 * body.mediator, body.text. */
static enum gh_err mediation_session(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const char *text, *mediator, *date;
	enum gh_err e;
	if ((e = arrears_text(c, body, "text", "text", 2, 4000, true, &text)) ||
	    (e = arrears_text(c, body, "mediator", "mediator", 2, 50, true, &mediator)) ||
	    (e = arrears_text(c, body, "date", "date", 10, 10, false, &date)))
		return e;
	char today[11];
	arrears_today(today);
	if (!date)
		date = today;
	const char *applied = json_string_value(json_object_get(k->payload, "applied_on"));
	if (!arrears_is_date(date))
		return gh_fail_set(&c->fail, GH_EINVAL, "date", "日期应为 YYYY-MM-DD", "the date must be YYYY-MM-DD");
	if (strcmp(date, today) > 0 || (applied && strcmp(date, applied) < 0))
		return gh_fail_set(&c->fail, GH_EINVAL, "date", "调解日期应在申请之后、今天之前",
		                   "the session falls between the application and today");
	json_t *list = json_object_get(k->payload, "sessions");
	if (!json_is_array(list)) {
		list = json_array();
		json_object_set_new(k->payload, "sessions", list);
	}
	if (json_array_append_new(list,
	                          json_pack("{s:s, s:s, s:s}", "date", date, "mediator", mediator, "text", text)) < 0)
		return no_memory(c);
	json_object_set_new(k->payload, "mediator", json_string(mediator));
	return GH_OK;
}

static enum gh_err mediation_agree(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const char *terms;
	int64_t amount;
	enum gh_err e;
	if ((e = arrears_text(c, body, "terms", "terms", 5, 4000, true, &terms)) ||
	    (e = arrears_int(c, body, "amount_fen", "amount_fen", 0, CLAIM_MAX_FEN, false, 0, &amount)))
		return e;
	char on[11];
	arrears_today(on);
	json_t *a = json_pack("{s:s, s:I, s:s}", "terms", terms, "amount_fen", (json_int_t)amount, "signed_on", on);
	if (!a)
		return no_memory(c);
	json_object_set_new(k->payload, "agreement", a);
	return GH_OK;
}

static enum gh_err mediation_fail(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t, (void)c;
	char on[11];
	arrears_today(on);
	json_object_set_new(k->payload, "failure",
	                    json_pack("{s:s, s:o}", "on", on, "reason", json_copy(json_object_get(body, "reason"))));
	return GH_OK;
}

/* Where the worker stands: overdue without agreement, or failed, means arbitration is open to them
 * now (Art 14); the limitation is one year from when they knew of the infringement (Art 27), and an
 * award comes within 45 days of acceptance, extendable by 15 (Art 43). */
static void mediation_present(struct ctx *c, const struct flow_case *k, json_t *view)
{
	bool failed = !strcmp(k->state, "failed");
	bool open = !k->closed_at;
	if (!failed && !(open && k->overdue))
		return;
	const char *reason = failed ? "mediation_failed" : "no_agreement_in_15_days";
	const char *msg =
	        failed ? (c->zh ? "调解未成，您可以向劳动人事争议仲裁委员会申请仲裁"
	                        : "mediation failed: you may apply to the labour dispute arbitration commission")
	               : (c->zh ? "受理后 15 日内未达成调解协议，您可以依法申请劳动仲裁，不必再等调解"
	                        : "no agreement within 15 days of acceptance: you may apply for arbitration now");
	json_object_set_new(view, "arbitration",
	                    json_pack("{s:b, s:s, s:s, s:i, s:i, s:i, s:s}", "suggested", 1, "reason", reason,
	                              "message", msg, "limitation_years", 1, "award_days", 45, "extension_days", 15,
	                              "basis", "劳动争议调解仲裁法第十四条、第二十七条、第四十三条"));
}

static const char *const mediation_states[] = {"applied", "mediating", "agreed", "failed", "withdrawn", NULL};
static const char *const mediation_closed[] = {"agreed", "failed", "withdrawn", NULL};

static const struct flow_transition mediation_transitions[] = {
        {"accept", "applied", "mediating", FLOW_HANDLER, false, mediation_accept},
        {"reply", "mediating", "mediating", FLOW_HANDLER, false, mediation_session},
        {"approve", "mediating", "agreed", FLOW_HANDLER, false, mediation_agree},
        {"reject", "*", "failed", FLOW_HANDLER, true, mediation_fail},
        {"withdraw", "*", "withdrawn", FLOW_APPLICANT, false, NULL},
};

static const char *const mediation_figures[] = {"agreements", "failures", "amount_agreed_fen", NULL};

static void mediation_figure(const struct flow_case *k, int64_t *out)
{
	if (!strcmp(k->state, "agreed")) {
		out[0] = 1;
		out[2] = json_integer_value(json_object_get(json_object_get(k->payload, "agreement"), "amount_fen"));
	} else if (!strcmp(k->state, "failed")) {
		out[1] = 1;
	}
}

const struct flow_type flow_mediation = {
        .token = "mediation",
        .zh = "劳动争议调解",
        .en = "labour dispute mediation",
        .initial = "applied",
        .states = mediation_states,
        .closed = mediation_closed,
        .transitions = mediation_transitions,
        .n_transitions = (int)(sizeof(mediation_transitions) / sizeof(mediation_transitions[0])),
        .deadline_seconds = MEDIATION_DAYS * DAY,
        .escalate = false, /* it stays with the committee, supervised; the worker may go to arbitration */
        .create = mediation_create,
        .secret_cap = CAP_SENSITIVE_READ,
        .present = mediation_present,
        .stat_base = STAT_CASE_BASE + 4 * STAT_CASE_SLOT,
        .figures = mediation_figures,
        .figure = mediation_figure,
};
