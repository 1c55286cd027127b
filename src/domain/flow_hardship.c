/*
 * Case type hardship (困难职工档案, domain-security.md A4.12): a worker applies for themselves, or
 * their union's cadre files for them (membership_id). The household, incomes, rigid expenses and
 * causes go to the sealed part; the means test runs against the living standard in force at the
 * union's place on the day (hardship.c) and proposes a level. The county-level federation above the
 * union handles the file (out->org_id) and alone decides: approve with the confirmed level (a
 * different level than the computed one needs a reason), reject, and later close it (解困脱困).
 * The union and the federations between see it (related path) and may reply or withdraw it.
 *
 * Who decides is enforced in the hooks, not by the engine's scope alone: the engine lets any
 * handler whose scope holds the county (a city's staff too) past its check, and decide_check()
 * then requires the caller's own organisation to be the one handling the file.
 *
 * The yearly review (年度复核) is `approve` again on a filed file: from 60 days before review_due
 * the county re-runs the means test (with new figures when the body brings them, else the kept
 * ones) against the standard in force that day, confirms the level, and the next review falls due
 * a year on. The case's deadline is the review date while filed, so a missed review shows as
 * overdue and supervised (督办) like any other case; files do not escalate, the approval being the
 * county's by rule. Assistance is recorded through hardship_aid_add (hardship.c).
 */
#include <string.h>

#include "auth/scope.h"
#include "base/time.h"
#include "domain/flow.h"
#include "domain/hardship.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/stats.h"

#define REVIEW_WINDOW_DAYS 60

static void today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

/* The membership a file is about: the caller's own (a member) or membership_id (staff). */
static enum gh_err whose(struct ctx *c, json_t *body, struct member *cur)
{
	if (c->who->role == ROLE_MEMBER) {
		int r = c->who->person_id ? member_current(c, c->who->person_id, cur) : 0;
		if (r < 0)
			return io_fail(c);
		if (r == 0)
			return gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "您目前没有会籍，困难职工建档限于工会会员",
			                   "you have no current membership; hardship files are for union members");
		return GH_OK;
	}
	if (!role_can(c->who->role, CAP_CASE_HANDLE))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "无权建立困难职工档案",
		                   "you may not open hardship files");
	json_t *jm = json_object_get(body, "membership_id");
	if (!jm || json_is_null(jm))
		return gh_fail_set(&c->fail, GH_EMISSING, "membership_id", "请指定困难职工（会籍）",
		                   "the worker's membership is required");
	if (!json_is_integer(jm) || json_integer_value(jm) <= 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "membership_id", "应为正整数", "must be a positive integer");
	enum gh_err e = member_get(c, json_integer_value(jm), false, cur);
	if (e) {
		c->fail.field = "membership_id";
		return e;
	}
	if (strcmp(cur->status, "active") && strcmp(cur->status, "retained"))
		return gh_fail_set(&c->fail, GH_ECONFLICT, "membership_id", "该会籍已结束",
		                   "this membership has ended");
	return GH_OK;
}

/* The county-level federation above the union (itself if it is one), else the nearest city or
 * province federation where the tree has no county. */
static enum gh_err county_of(struct ctx *c, const struct org *u, int64_t *out)
{
	*out = 0;
	if (u->kind == KIND_COUNTY) {
		*out = u->id;
		return GH_OK;
	}
	struct stmt *st = store_query(c->db, SQ_ORG_LEVELS, "i", u->id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	for (int col = 2; r == STORE_ROW && col >= 0 && !*out; col--)
		if (!store_col_null(st, col))
			*out = store_col_i64(st, col);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (!*out)
		return gh_fail_set(&c->fail, GH_ECONFLICT, "membership_id", "该工会上级没有县级总工会，无法建档",
		                   "the union has no county-level federation above it to handle the file");
	return GH_OK;
}

static enum gh_err hardship_create(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out)
{
	struct member cur;
	enum gh_err e = whose(c, body, &cur);
	if (e)
		return e;
	int64_t open = 0;
	if (store_one_i64(c->db, &open, SQ_CASE_OPEN_OF_PERSON, "it", cur.person_id, t->token) < 0)
		return io_fail(c);
	if (open)
		return gh_fail_set(&c->fail, GH_EDUP, "type", "该职工已有一份办理中或在档的困难职工档案",
		                   "this worker has a hardship file under way or filed already");
	struct hardship_figures f;
	json_t *secret;
	if ((e = hardship_read_figures(c, body, &f, &secret)))
		return e;
	json_t *jn = json_object_get(body, "note");
	if (jn && !json_is_null(jn)) {
		if (!json_is_string(jn) || json_string_length(jn) > 2000) {
			json_decref(secret);
			return gh_fail_set(&c->fail, GH_EINVAL, "note", "说明最多 600 个字",
			                   "the note has at most 600 characters");
		}
		json_object_set(secret, "note", jn); /* the worker's own words may speak of health: sealed */
	}
	struct org u;
	int64_t county;
	if ((e = org_load(c, cur.org_id, &u)) || (e = county_of(c, &u, &county))) {
		json_decref(secret);
		return e;
	}
	char on[11];
	today(on);
	json_t *payload = json_pack("{s:I, s:s, s:s?, s:I, s:s, s:s, s:s, s:I, s:I, s:n, s:I}", "membership_id",
	                            (json_int_t)cur.id, "member_name", cur.name, "member_no", cur.member_no,
	                            "union_org_id", (json_int_t)u.id, "union_org_name", u.name, "from_org_path", u.path,
	                            "applied_on", on, "assistance_count", (json_int_t)0, "assistance_fen",
	                            (json_int_t)0, "level", "reviews", (json_int_t)0);
	if (!payload) {
		json_decref(secret);
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	}
	json_object_set_new(payload, "household_size", json_integer(f.household));
	if ((e = hardship_assess(c, u.division, on, &f, payload, secret))) {
		json_decref(secret);
		json_decref(payload);
		return e;
	}
	out->org_id = county;
	out->person_id = cur.person_id;
	out->payload = payload;
	out->secret = secret;
	return GH_OK;
}

/* Only the county-level federation handling the file decides on it (approve, review, reject,
 * close): staff bound to that very organisation. */
static enum gh_err decide_check(struct ctx *c, const struct flow_case *k)
{
	if (c->who->org_id != k->org_id)
		return gh_fail_set(
		        &c->fail, GH_EFORBIDDEN, "action", "困难职工档案由县级总工会审批，您所在的组织无权决定",
		        "the county-level federation handling the file decides on it; your organisation may not");
	return GH_OK;
}

/* The unix time at which a review due on date (YYYY-MM-DD, +08:00) is missed: the next midnight. */
static int64_t due_time(const char *date)
{
	int y, m, d;
	if (cal_parse_date(date, &y, &m, &d) < 0)
		return 0;
	return (cal_days_from_civil(y, m, d) + 1) * 86400 - 8 * 3600;
}

/* The yearly review: the window, new or kept figures, the means test of today. */
static enum gh_err review(struct ctx *c, struct flow_case *k, json_t *body, const char *on)
{
	const char *due = json_string_value(json_object_get(k->payload, "review_due"));
	if (due && clock_now() < due_time(due) - (int64_t)(REVIEW_WINDOW_DAYS + 1) * 86400)
		return gh_fail_set(&c->fail, GH_ECONFLICT, "action",
		                   arena_printf(c->a, "年度复核在 %s 前 %d 天内进行", due, REVIEW_WINDOW_DAYS),
		                   arena_printf(c->a, "the yearly review takes place within %d days before %s",
		                                REVIEW_WINDOW_DAYS, due));
	enum gh_err e = flow_secret_load(c, k);
	if (e)
		return e;
	json_t *src = json_object_get(body, "household") ? body : k->secret;
	struct hardship_figures f;
	json_t *fresh;
	if ((e = hardship_read_figures(c, src, &f, &fresh)))
		return e;
	json_t *note = json_object_get(k->secret, "note");
	if (note)
		json_object_set(fresh, "note", note);
	struct org u;
	int64_t uid = json_integer_value(json_object_get(k->payload, "union_org_id"));
	if ((e = org_load(c, uid, &u)) || (e = hardship_assess(c, u.division, on, &f, k->payload, fresh))) {
		json_decref(fresh);
		return e;
	}
	json_object_set_new(k->payload, "household_size", json_integer(f.household));
	json_decref(k->secret);
	k->secret = fresh;
	k->secret_dirty = true;
	return GH_OK;
}

static enum gh_err hardship_approve(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	enum gh_err e = decide_check(c, k);
	if (e)
		return e;
	json_t *jl = json_object_get(body, "level");
	if (!jl || json_is_null(jl))
		return gh_fail_set(&c->fail, GH_EMISSING, "level", "请确认困难类别", "confirm the level");
	int level = json_is_string(jl) ? hardship_level_parse(json_string_value(jl), false) : -1;
	if (level < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "level", "困难类别应为深度困难、相对困难或意外致困",
		                   "the level is deep, relative or accident");
	char on[11], due[11];
	today(on);
	bool reviewing = !strcmp(k->state, "filed");
	if (reviewing && (e = review(c, k, body, on)))
		return e;
	/* the computed level is a proposal: a person confirms it, or says why not */
	const char *computed = json_string_value(json_object_get(k->payload, "computed_level"));
	json_t *jr = json_object_get(body, "reason");
	if ((!computed || strcmp(computed, hardship_level_token(level))) &&
	    (!json_is_string(jr) || !json_string_length(jr)))
		return gh_fail_set(&c->fail, GH_EMISSING, "reason", "确认的类别与测算结果不同，请说明理由",
		                   "the level differs from the computed one: give the reason");
	json_object_set_new(k->payload, "level", json_string(hardship_level_token(level)));
	if (reviewing) {
		json_object_set_new(k->payload, "reviewed_on", json_string(on));
		json_object_set_new(k->payload, "reviews",
		                    json_integer(json_integer_value(json_object_get(k->payload, "reviews")) + 1));
	} else {
		json_object_set_new(k->payload, "approved_on", json_string(on));
	}
	hardship_year_after(on, due);
	json_object_set_new(k->payload, "review_due", json_string(due));
	k->deadline = due_time(due);
	return GH_OK;
}

static enum gh_err hardship_decide(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	(void)body;
	return decide_check(c, k);
}

static enum gh_err hardship_close(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	enum gh_err e = decide_check(c, k);
	if (e)
		return e;
	json_t *jk = json_object_get(body, "exit_kind");
	const char *kind = "relieved";
	if (jk && !json_is_null(jk)) {
		kind = json_is_string(jk) ? json_string_value(jk) : "";
		if (strcmp(kind, "relieved") && strcmp(kind, "other"))
			return gh_fail_set(&c->fail, GH_EINVAL, "exit_kind",
			                   "退出方式应为 relieved（解困脱困）或 other（其他）",
			                   "exit_kind is relieved or other");
	}
	char on[11];
	today(on);
	json_object_set_new(k->payload, "exit_kind", json_string(kind));
	json_object_set_new(k->payload, "exited_on", json_string(on));
	json_object_del(k->payload, "review_due");
	return GH_OK;
}

static enum gh_err hardship_reply(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	json_t *jt = json_object_get(body, "text");
	if (!json_is_string(jt) || !json_string_length(jt))
		return gh_fail_set(&c->fail, GH_EMISSING, "text", "请填写内容", "the text is required");
	k->next_state = k->state; /* a note on the file; the state stays */
	return GH_OK;
}

/* Names and member numbers only to those who may read the file's sensitive part. */
static void hardship_present(struct ctx *c, const struct flow_case *k, json_t *view)
{
	if (flow_is_applicant(c, k))
		return;
	if (c->who->role == ROLE_MEMBER || !role_can(c->who->role, CAP_SENSITIVE_READ)) {
		json_t *p = json_object_get(view, "payload");
		json_object_del(p, "member_name");
		json_object_del(p, "member_no");
		json_object_set_new(view, "person_id", json_null());
		json_object_set_new(view, "applicant_id", json_null());
	}
}

static const char *const hardship_figures_tokens[] = {"filed_deep",       "filed_relative", "filed_accident",
                                                      "assistance_count", "assistance_fen", NULL};

/* Files currently filed by level; the assistance given, whatever the file's state since. */
static void hardship_figure(const struct flow_case *k, int64_t *out)
{
	if (!strcmp(k->state, "filed")) {
		int level = hardship_level_parse(json_string_value(json_object_get(k->payload, "level")), false);
		if (level >= HS_DEEP && level <= HS_ACCIDENT)
			out[level - HS_DEEP] = 1;
	}
	out[3] = json_integer_value(json_object_get(k->payload, "assistance_count"));
	out[4] = json_integer_value(json_object_get(k->payload, "assistance_fen"));
}

static const char *const hardship_states[] = {"submitted", "filed", "rejected", "exited", "withdrawn", NULL};
static const char *const hardship_closed[] = {"rejected", "exited", "withdrawn", NULL};

static const struct flow_transition hardship_transitions[] = {
        {"approve", "submitted", "filed", FLOW_HANDLER, false, hardship_approve},
        {"approve", "filed", "filed", FLOW_HANDLER, false, hardship_approve},
        {"reject", "submitted", "rejected", FLOW_HANDLER, true, hardship_decide},
        {"close", "filed", "exited", FLOW_HANDLER, true, hardship_close},
        {"reply", "*", "submitted", FLOW_HANDLER | FLOW_SENDER | FLOW_APPLICANT, false, hardship_reply},
        {"withdraw", "submitted", "withdrawn", FLOW_APPLICANT | FLOW_SENDER, false, NULL},
};

const struct flow_type flow_hardship = {
        .token = "hardship",
        .zh = "困难职工档案",
        .en = "hardship file",
        .initial = "submitted",
        .states = hardship_states,
        .closed = hardship_closed,
        .transitions = hardship_transitions,
        .n_transitions = (int)(sizeof(hardship_transitions) / sizeof(hardship_transitions[0])),
        .deadline_seconds = 30 * 86400,
        .escalate = false,
        .create = hardship_create,
        .secret_cap = CAP_SENSITIVE_READ,
        .present = hardship_present,
        .stat_base = STAT_CASE_BASE + 5 * STAT_CASE_SLOT,
        .figures = hardship_figures_tokens,
        .figure = hardship_figure,
};
