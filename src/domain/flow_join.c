/*
 * Case type join_application (网上申请入会): a worker with a member account applies to a union
 * found in the directory (their employer's union, or the federation of their place when the
 * employer has none) with their particulars; the union approves — the membership is created and
 * counted in the same transaction — or rejects with a reason; the applicant may withdraw while it
 * waits. Overdue after 30 days, it escalates to the federation above.
 */
#include <string.h>

#include "auth/pii.h"
#include "base/time.h"
#include "domain/flow.h"
#include "domain/stats.h"
#include "domain/member.h"
#include "domain/org.h"

static const char *const particular_keys[] = {"name",      "sex",        "ethnicity", "political", "education",
                                              "household", "employment", "new_form",  "skill",     "phone"};

/* The clear ID number of a person (the server holds the key). */
static enum gh_err person_id_number(struct ctx *c, int64_t person_id, char out[PII_MAX_PLAIN + 1])
{
	int prov = 0;
	int pr = person_province(c, person_id, &prov);
	struct stmt *st = pr == 1 ? store_query(c->db, SQ_PERSON_SEALED, "ii", person_id, (int64_t)prov) : NULL;
	if (!st)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	int r = store_step(st);
	bool ok = false;
	if (r == STORE_ROW) {
		size_t n;
		const unsigned char *b = store_col_blob(st, 0, &n);
		ok = pii_open(&keys_current, PII_ID_NUMBER, b, n, out, PII_MAX_PLAIN + 1) == 0;
	}
	store_reset(st);
	return ok ? GH_OK
	          : gh_fail_set(&c->fail, GH_EIO, NULL, "无法读取身份信息", "cannot read the person's identity");
}

/* Checks the particulars of the payload against the person's ID number on date `on`. */
static enum gh_err check_particulars(struct ctx *c, int64_t person_id, json_t *p, const char *on,
                                     struct person_fields *out)
{
	char idn[PII_MAX_PLAIN + 1];
	enum gh_err e = person_id_number(c, person_id, idn);
	if (e)
		return e;
	struct person_input in = {.id_number = idn, .migrant = -1};
	const char **slots[] = {&in.name,      &in.sex,        &in.ethnicity, &in.political, &in.education,
	                        &in.household, &in.employment, &in.new_form,  &in.skill,     &in.phone};
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		json_t *v = json_object_get(p, particular_keys[i]);
		if (v && !json_is_null(v) && !json_is_string(v))
			return gh_fail_set(&c->fail, GH_EINVAL,
			                   arena_printf(c->a, "particulars.%s", particular_keys[i]), "应为文字",
			                   "must be a string");
		*slots[i] = json_is_string(v) && json_string_length(v) <= 200 ? json_string_value(v) : NULL;
	}
	json_t *mig = json_object_get(p, "migrant");
	if (mig && !json_is_null(mig)) {
		if (!json_is_boolean(mig))
			return gh_fail_set(&c->fail, GH_EINVAL, "particulars.migrant", "应为 true 或 false",
			                   "must be true or false");
		in.migrant = json_is_true(mig);
	}
	return person_check(c, &in, on, "particulars.", out);
}

static void today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

static enum gh_err join_create(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out)
{
	if (c->who->role != ROLE_MEMBER || !c->who->person_id)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "type", "入会申请由职工本人提交；工会干部可直接登记会员",
		                   "workers apply themselves; cadres add members directly");
	json_t *jo = json_object_get(body, "org_id");
	if (!jo || json_is_null(jo))
		return gh_fail_set(&c->fail, GH_EMISSING, "org_id", "请选择要加入的工会", "choose the union to join");
	if (!json_is_integer(jo) || json_integer_value(jo) <= 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "org_id", "工会编号应为正整数",
		                   "org_id must be a positive integer");
	struct org o;
	if (org_load(c, json_integer_value(jo), &o) != GH_OK)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, "org_id", "工会不存在", "no such union");
	if (org_kind_is_geographic(o.kind) && o.kind != KIND_TOWN && o.kind != KIND_COUNTY)
		return gh_fail_set(&c->fail, GH_EINVAL, "org_id", "请向基层工会或所在地的乡镇（街道）、县级总工会申请",
		                   "apply to a grassroots union or to the town or county federation of your place");
	struct member cur;
	int r = member_current(c, c->who->person_id, &cur);
	if (r < 0)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	if (r == 1)
		return gh_fail_set(&c->fail, GH_ECONFLICT, "org_id", "您已经是工会会员，如需变更请申请会员关系接转",
		                   "you are a member already; apply for a transfer to change unions");
	int64_t open = 0;
	if (store_one_i64(c->db, &open, SQ_CASE_OPEN_OF_PERSON, "it", c->who->person_id, t->token) < 0)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	if (open)
		return gh_fail_set(&c->fail, GH_EDUP, "type", "您已有一份待审批的入会申请",
		                   "you have an application waiting already");
	json_t *p = json_object_get(body, "particulars");
	if (p && !json_is_null(p) && !json_is_object(p))
		return gh_fail_set(&c->fail, GH_EINVAL, "particulars", "应为对象", "must be an object");
	char on[11];
	today(on);
	struct person_fields f;
	enum gh_err e = check_particulars(c, c->who->person_id, p, on, &f);
	if (e)
		return e;
	json_t *keep = json_object();
	for (size_t i = 0; i < sizeof(particular_keys) / sizeof(particular_keys[0]); i++) {
		json_t *v = p ? json_object_get(p, particular_keys[i]) : NULL;
		if (json_is_string(v) && strcmp(particular_keys[i], "phone") != 0) /* phones stay sealed in person */
			json_object_set(keep, particular_keys[i], v);
	}
	json_t *mig = p ? json_object_get(p, "migrant") : NULL;
	if (json_is_boolean(mig))
		json_object_set(keep, "migrant", mig);
	out->org_id = o.id;
	out->person_id = c->who->person_id;
	out->payload = json_pack("{s:I, s:s, s:o, s:s}", "union_id", (json_int_t)o.id, "union_name", o.name,
	                         "particulars", keep, "applied_on", on);
	return out->payload ? GH_OK : gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

static enum gh_err join_approve(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	char on[11];
	today(on);
	struct person_fields f;
	enum gh_err e = check_particulars(c, k->person_id, json_object_get(k->payload, "particulars"), on, &f);
	if (e)
		return e;
	int64_t pid, mid;
	int at = 0;
	if ((e = person_save(c, &f, false, 0, &pid, &at)))
		return e;
	json_t *u = json_object_get(k->payload, "union_id");
	if ((e = membership_create(c, pid, at, json_integer_value(u), on, "join", false, &mid)))
		return e;
	json_object_set_new(k->payload, "membership_id", json_integer(mid));
	json_object_set_new(k->payload, "joined_on", json_string(on));
	return GH_OK;
}

static const char *const join_states[] = {"submitted", "approved", "rejected", "withdrawn", NULL};
static const char *const join_closed[] = {"approved", "rejected", "withdrawn", NULL};

static const struct flow_transition join_transitions[] = {
        {"approve", "submitted", "approved", FLOW_HANDLER, false, join_approve},
        {"reject", "submitted", "rejected", FLOW_HANDLER, true, NULL},
        {"withdraw", "submitted", "withdrawn", FLOW_APPLICANT, false, NULL},
};

const struct flow_type flow_join_application = {
        .token = "join_application",
        .zh = "入会申请",
        .en = "join application",
        .initial = "submitted",
        .states = join_states,
        .closed = join_closed,
        .transitions = join_transitions,
        .n_transitions = (int)(sizeof(join_transitions) / sizeof(join_transitions[0])),
        .deadline_seconds = 30 * 86400,
        .escalate = true,
        .create = join_create,
        .stat_base = STAT_CASE_BASE + 0 * STAT_CASE_SLOT,
};
