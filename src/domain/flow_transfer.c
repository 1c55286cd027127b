/*
 * Case type transfer (会员关系接转): started by the member or by the sending union; the
 * receiving union approves (accepts) — the old episode ends as 已转出 and a new one begins at the
 * receiving union in the same transaction, history kept — or refuses with a reason. The member or
 * the sending union may withdraw it while it waits. Overdue after 30 days, it escalates.
 */
#include <string.h>

#include "auth/scope.h"
#include "base/time.h"
#include "domain/flow.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/stats.h"

static void today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

static enum gh_err transfer_create(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out)
{
	struct member cur;
	json_t *jm = json_object_get(body, "membership_id");
	if (c->who->role == ROLE_MEMBER) {
		int r = c->who->person_id ? member_current(c, c->who->person_id, &cur) : 0;
		if (r < 0)
			return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
		if (r == 0)
			return gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "您目前没有会籍，请先申请入会",
			                   "you have no current membership; apply to join first");
	} else {
		if (!role_can(c->who->role, CAP_CASE_HANDLE))
			return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "无权发起会员接转",
			                   "you may not start transfers");
		if (!jm || json_is_null(jm))
			return gh_fail_set(&c->fail, GH_EMISSING, "membership_id", "请指定要转出的会员",
			                   "the membership is required");
		if (!json_is_integer(jm) || json_integer_value(jm) <= 0)
			return gh_fail_set(&c->fail, GH_EINVAL, "membership_id", "应为正整数",
			                   "must be a positive integer");
		enum gh_err e = member_get(c, json_integer_value(jm), false, &cur);
		if (e) {
			c->fail.field = "membership_id";
			return e;
		}
		if (strcmp(cur.status, "active") && strcmp(cur.status, "retained"))
			return gh_fail_set(&c->fail, GH_ECONFLICT, "membership_id", "该会籍已结束",
			                   "this membership has ended");
	}
	json_t *jt = json_object_get(body, "to_org_id");
	if (!jt || json_is_null(jt))
		return gh_fail_set(&c->fail, GH_EMISSING, "to_org_id", "请选择接收的工会",
		                   "choose the receiving union");
	if (!json_is_integer(jt) || json_integer_value(jt) <= 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "to_org_id", "应为正整数", "must be a positive integer");
	struct org to;
	if (org_load(c, json_integer_value(jt), &to) != GH_OK)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, "to_org_id", "接收工会不存在", "no such union");
	if (org_kind_is_geographic(to.kind) && to.kind != KIND_TOWN && to.kind != KIND_COUNTY)
		return gh_fail_set(&c->fail, GH_EINVAL, "to_org_id", "会籍应转入基层工会或乡镇（街道）、县级总工会",
		                   "a membership moves to a grassroots union or a town or county federation");
	if (to.id == cur.org_id)
		return gh_fail_set(&c->fail, GH_EINVAL, "to_org_id", "接收工会与现工会相同",
		                   "that is the current union");
	json_t *jr = json_object_get(body, "reason");
	if (jr && !json_is_null(jr) && (!json_is_string(jr) || json_string_length(jr) > 600))
		return gh_fail_set(&c->fail, GH_EINVAL, "reason", "原因最多 200 个字",
		                   "the reason has at most 200 characters");
	int64_t open = 0;
	if (store_one_i64(c->db, &open, SQ_CASE_OPEN_OF_PERSON, "it", cur.person_id, t->token) < 0)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	if (open)
		return gh_fail_set(&c->fail, GH_EDUP, "type", "已有一份办理中的接转",
		                   "a transfer is under way already");
	out->org_id = to.id;
	out->person_id = cur.person_id;
	out->payload = json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s*}", "membership_id", (json_int_t)cur.id,
	                         "from_org_id", (json_int_t)cur.org_id, "from_org_name", cur.org_name, "from_org_path",
	                         cur.path, "to_org_id", (json_int_t)to.id, "to_org_name", to.name, "reason",
	                         json_is_string(jr) ? json_string_value(jr) : NULL);
	if (!out->payload)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	/* the receiving union must know whom it receives: name and member number, nothing more */
	json_object_set_new(out->payload, "member_name", json_string(cur.name));
	json_object_set_new(out->payload, "member_no", json_string(cur.member_no));
	return GH_OK;
}

static enum gh_err transfer_accept(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	char on[11];
	today(on);
	int64_t old = json_integer_value(json_object_get(k->payload, "membership_id"));
	int64_t to = json_integer_value(json_object_get(k->payload, "to_org_id"));
	struct member cur;
	int r = member_current(c, k->person_id, &cur);
	if (r < 0)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	if (r == 0 || cur.id != old)
		return gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "会籍已变化，该接转不能办理",
		                   "the membership changed; this transfer cannot go ahead");
	enum gh_err e = membership_transfer_out(c, &cur, on, "转入其他工会");
	if (e)
		return e;
	int64_t mid;
	if ((e = membership_create(c, k->person_id, cur.person_province, to, on, "transfer", false, &mid)))
		return e;
	json_object_set_new(k->payload, "new_membership_id", json_integer(mid));
	json_object_set_new(k->payload, "moved_on", json_string(on));
	return GH_OK;
}

static const char *const transfer_states[] = {"requested", "completed", "rejected", "withdrawn", NULL};
static const char *const transfer_closed[] = {"completed", "rejected", "withdrawn", NULL};

static const struct flow_transition transfer_transitions[] = {
        {"approve", "requested", "completed", FLOW_HANDLER, false, transfer_accept},
        {"accept", "requested", "completed", FLOW_HANDLER, false, transfer_accept},
        {"reject", "requested", "rejected", FLOW_HANDLER, true, NULL},
        {"withdraw", "requested", "withdrawn", FLOW_APPLICANT | FLOW_SENDER, false, NULL},
};

const struct flow_type flow_transfer = {
        .token = "transfer",
        .zh = "会员关系接转",
        .en = "membership transfer",
        .initial = "requested",
        .states = transfer_states,
        .closed = transfer_closed,
        .transitions = transfer_transitions,
        .n_transitions = (int)(sizeof(transfer_transitions) / sizeof(transfer_transitions[0])),
        .deadline_seconds = 30 * 86400,
        .escalate = true,
        .create = transfer_create,
        .stat_base = STAT_CASE_BASE + 1 * STAT_CASE_SLOT,
};
