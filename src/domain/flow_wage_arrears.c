/*
 * Case type wage_arrears (欠薪): a report that an employer owes wages — how much, to how many
 * workers, for which period, on which construction project. Staff open it (often from a 12351
 * hotline case); it goes to the employer's union when the employer has one, else to the deepest
 * federation of the place, like a hotline case. The handler accepts it, may hand it to a union
 * below, records each sum recovered (never more than is owed, each kept with its date) and closes
 * it as settled once something was recovered, or rejects it (not wage arrears, not ours). Overdue
 * after 30 days it escalates to the federation above. Its counters roll the amount reported, the
 * amount recovered and the workers affected up the tree. Also the helpers of flow_arrears.h.
 */
#include <string.h>

#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/division.h"
#include "check/uscc.h"
#include "domain/flow.h"
#include "domain/flow_arrears.h"
#include "domain/org.h"
#include "domain/stats.h"

#define DAY                 86400
#define ARREARS_MAX_FEN     1000000000000LL /* 100 亿元: far above any real report, below overflow */
#define ARREARS_MAX_WORKERS 1000000

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err no_memory(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

/* ---- shared helpers (flow_arrears.h) ---- */

void arrears_today(char out[11])
{
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, out, 11);
}

bool arrears_is_date(const char *s)
{
	int y, m, d;
	return s && strlen(s) == 10 && cal_parse_date(s, &y, &m, &d) == 0;
}

enum gh_err arrears_text(struct ctx *c, json_t *obj, const char *key, const char *field, int min, int max,
                         bool required, const char **out)
{
	*out = NULL;
	json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			return gh_fail_set(&c->fail, GH_EMISSING, field, "请填写此项", "this field is required");
		return GH_OK;
	}
	if (!json_is_string(v))
		return gh_fail_set(&c->fail, GH_EINVAL, field, "应为文字", "must be a string");
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	bool ok = n == strlen(s) && text_utf8_valid(s, n);
	for (size_t i = 0; ok && i < n; i++) /* line breaks are fine in long texts; other controls are not */
		ok = ((unsigned char)s[i] >= 0x20 && s[i] != 0x7f) || (max > 100 && (s[i] == '\n' || s[i] == '\r'));
	size_t chars = ok ? text_utf8_count(s, n) : 0;
	if (!ok || chars < (size_t)min || chars > (size_t)max)
		return gh_fail_set(&c->fail, GH_EINVAL, field, arena_printf(c->a, "应为 %d 到 %d 个字", min, max),
		                   arena_printf(c->a, "must have %d to %d characters", min, max));
	*out = s;
	return GH_OK;
}

enum gh_err arrears_int(struct ctx *c, json_t *obj, const char *key, const char *field, int64_t lo, int64_t hi,
                        bool required, int64_t dflt, int64_t *out)
{
	*out = dflt;
	json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
	if (!v || json_is_null(v))
		return required ? gh_fail_set(&c->fail, GH_EMISSING, field, "请填写此项", "this field is required")
		                : GH_OK;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return gh_fail_set(
		        &c->fail, GH_EINVAL, field,
		        arena_printf(c->a, "应为 %lld 到 %lld 之间的整数", (long long)lo, (long long)hi),
		        arena_printf(c->a, "must be a whole number from %lld to %lld", (long long)lo, (long long)hi));
	*out = json_integer_value(v);
	return GH_OK;
}

/* Reads the employer row of a lookup statement: 1 found, 0 none, -1 error. */
static int employer_row(struct ctx *c, enum sq q, const char *key, struct arrears_employer *out)
{
	struct stmt *st = store_query(c->db, q, "t", key);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW) {
		out->employer_id = store_col_i64(st, 0);
		out->union_id = store_col_null(st, 2) ? 0 : store_col_i64(st, 2);
	}
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

enum gh_err arrears_employer_check(struct ctx *c, json_t *body, struct arrears_employer *out)
{
	memset(out, 0, sizeof(*out));
	json_t *je = json_object_get(body, "employer");
	if (!je || json_is_null(je))
		return gh_fail_set(&c->fail, GH_EMISSING, "employer", "请填写用人单位", "the employer is required");
	if (!json_is_object(je))
		return gh_fail_set(&c->fail, GH_EINVAL, "employer", "应为对象 {name, credit_code}",
		                   "must be an object {name, credit_code}");
	enum gh_err e = arrears_text(c, je, "name", "employer.name", 2, 100, true, &out->name);
	if (e)
		return e;
	const char *cc;
	if ((e = arrears_text(c, je, "credit_code", "employer.credit_code", 1, 40, false, &cc)))
		return e;
	if (cc) {
		char code[19];
		bool soft = false;
		enum uscc_err ue = uscc_check(cc, strlen(cc), code, &soft);
		if (ue != USCC_OK)
			return gh_fail_set(&c->fail, GH_EINVAL, "employer.credit_code", uscc_err_message(ue, true),
			                   uscc_err_message(ue, false));
		out->credit_code = arena_strdup(c->a, code);
	}
	/* the registered employer: by its credit code, else by its exact name */
	int r = out->credit_code ? employer_row(c, SQ_ARREARS_EMPLOYER_BY_CREDIT, out->credit_code, out) : 0;
	if (r == 0)
		r = employer_row(c, SQ_ARREARS_EMPLOYER_BY_NAME, out->name, out);
	return r < 0 ? io_fail(c) : GH_OK;
}

enum gh_err arrears_place(struct ctx *c, json_t *body, char code[13], int64_t *federation)
{
	*federation = 0;
	const char *s;
	enum gh_err e = arrears_text(c, body, "division_code", "division_code", 2, 12, true, &s);
	if (e)
		return e;
	if (division_normalize(s, strlen(s), code) < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "division_code", "区划代码应为 2、4、6、9 或 12 位数字",
		                   "a division code has 2, 4, 6, 9 or 12 digits");
	struct stmt *st = store_query(c->db, SQ_PLACE_GET, "t", code);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW)
		return gh_fail_set(&c->fail, GH_EINVAL, "division_code", "没有这个区划代码", "no such division code");
	/* up the division tree until a place has a federation (a village's is its town's) */
	char at[13], up[13];
	memcpy(at, code, 13);
	for (int level = division_level(at); level >= 0; level--) {
		int got = store_one_i64(c->db, federation, SQ_ARREARS_PLACE_FEDERATION, "t", at);
		if (got < 0)
			return io_fail(c);
		if (got == 1 && *federation)
			return GH_OK;
		division_parent(at, up);
		if (!strcmp(up, at))
			break;
		memcpy(at, up, 13);
	}
	return gh_fail_set(&c->fail, GH_EINVAL, "division_code", "该地没有总工会", "no federation covers that place");
}

/* ---- the case type ---- */

/* A period end "YYYY-MM" or "YYYY-MM-DD" as a day number: the first day of a month for a start,
 * the last for an end. -1 if it is neither. */
static int64_t period_day(const char *s, bool end)
{
	int y, m, d;
	if (arrears_is_date(s) && cal_parse_date(s, &y, &m, &d) == 0)
		return cal_days_from_civil(y, m, d);
	if (strlen(s) != 7 || !text_is_digits(s, 4) || s[4] != '-' || !text_is_digits(s + 5, 2))
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1949 || m < 1 || m > 12)
		return -1;
	if (!end)
		return cal_days_from_civil(y, m, 1);
	return cal_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
}

/* body.period {from, to}: months or dates, from not after to, and not starting in the future. */
static enum gh_err period_check(struct ctx *c, json_t *body, const char **from, const char **to)
{
	json_t *jp = json_object_get(body, "period");
	if (!jp || json_is_null(jp))
		return gh_fail_set(&c->fail, GH_EMISSING, "period", "请填写欠薪期间", "the period is required");
	if (!json_is_object(jp))
		return gh_fail_set(&c->fail, GH_EINVAL, "period", "应为对象 {from, to}",
		                   "must be an object {from, to}");
	enum gh_err e = arrears_text(c, jp, "from", "period.from", 7, 10, true, from);
	if (!e)
		e = arrears_text(c, jp, "to", "period.to", 7, 10, true, to);
	if (e)
		return e;
	int64_t a = period_day(*from, false), b = period_day(*to, true);
	if (a < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "period.from", "应为 YYYY-MM 或 YYYY-MM-DD",
		                   "must be YYYY-MM or YYYY-MM-DD");
	if (b < 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "period.to", "应为 YYYY-MM 或 YYYY-MM-DD",
		                   "must be YYYY-MM or YYYY-MM-DD");
	if (a > b)
		return gh_fail_set(&c->fail, GH_EINVAL, "period.to", "结束不能早于开始", "the end is before the start");
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	if (a > cal_days_from_civil(y, m, d))
		return gh_fail_set(&c->fail, GH_EINVAL, "period.from", "欠薪期间不能从将来开始",
		                   "the period cannot start in the future");
	return GH_OK;
}

/* body.hotline_case_id: a 12351 case the caller can see, or absent. */
static enum gh_err hotline_link(struct ctx *c, json_t *body, int64_t *id)
{
	enum gh_err e = arrears_int(c, body, "hotline_case_id", "hotline_case_id", 1, ARREARS_ID_MAX, false, 0, id);
	if (e || !*id)
		return e;
	struct stmt *st = store_query(c->db, SQ_ARREARS_CASE_KIND, "i", *id);
	if (!st)
		return io_fail(c);
	bool ok = false;
	int r = store_step(st);
	if (r == STORE_ROW)
		ok = !strcmp(store_col_text(st, 0), "hotline") && scope_contains(c->who->path, store_col_text(st, 1));
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	return ok ? GH_OK
	          : gh_fail_set(&c->fail, GH_EINVAL, "hotline_case_id", "没有这件 12351 热线工单",
	                        "no such 12351 hotline case");
}

static enum gh_err arrears_create(struct ctx *c, const struct flow_type *t, json_t *body, struct flow_new *out)
{
	(void)t;
	if (c->who->role == ROLE_MEMBER || !role_can(c->who->role, CAP_CASE_HANDLE))
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, "type",
		                   "欠薪案件由工会干部登记；职工请拨打 12351 或在线求助",
		                   "union staff register wage arrears; workers call 12351 or ask for help online");
	struct arrears_employer emp;
	char place[13];
	int64_t fed, owed, workers, hotline;
	const char *from, *to, *project, *summary;
	enum gh_err e;
	if ((e = arrears_employer_check(c, body, &emp)) || (e = arrears_place(c, body, place, &fed)) ||
	    (e = arrears_int(c, body, "amount_owed_fen", "amount_owed_fen", 1, ARREARS_MAX_FEN, true, 0, &owed)) ||
	    (e = arrears_int(c, body, "workers_affected", "workers_affected", 1, ARREARS_MAX_WORKERS, true, 0,
	                     &workers)) ||
	    (e = period_check(c, body, &from, &to)) ||
	    (e = arrears_text(c, body, "project", "project", 2, 100, false, &project)) ||
	    (e = arrears_text(c, body, "summary", "summary", 5, 2000, true, &summary)) ||
	    (e = hotline_link(c, body, &hotline)))
		return e;
	/* who handles it: the employer's union, else the federation of the place */
	struct org o;
	int64_t handler = emp.union_id ? emp.union_id : fed;
	if (org_load(c, handler, &o) != GH_OK)
		return io_fail(c);
	if (!scope_contains(c->who->path, o.path))
		return gh_fail_set(&c->fail, GH_EINVAL, emp.union_id ? "employer" : "division_code",
		                   arena_printf(c->a, "该案件应由%s办理，不在您的辖区内", o.name),
		                   arena_printf(c->a, "%s handles this case, outside your area", o.name));
	out->org_id = o.id;
	json_t *je = json_pack("{s:s, s:s*}", "name", emp.name, "credit_code", emp.credit_code);
	if (je && emp.employer_id)
		json_object_set_new(je, "employer_id", json_integer(emp.employer_id));
	out->payload = json_pack("{s:o, s:s, s:I, s:I, s:I, s:{s:s, s:s}, s:s*, s:s, s:s, s:[]}", "employer", je,
	                         "division_code", place, "amount_owed_fen", (json_int_t)owed, "amount_recovered_fen",
	                         (json_int_t)0, "workers_affected", (json_int_t)workers, "period", "from", from, "to",
	                         to, "project", project, "summary", summary, "routed_by",
	                         emp.union_id ? "employer_union" : "place", "recoveries");
	if (!out->payload)
		return no_memory(c);
	if (hotline)
		json_object_set_new(out->payload, "hotline_case_id", json_integer(hotline));
	return GH_OK;
}

static int64_t payload_int(const struct flow_case *k, const char *key)
{
	return json_integer_value(json_object_get(k->payload, key));
}

static enum gh_err arrears_accept(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t, (void)body;
	char on[11];
	arrears_today(on);
	json_object_set_new(k->payload, "accepted_on", json_string(on));
	return GH_OK;
}

static enum gh_err arrears_assign(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	int64_t to;
	enum gh_err e = arrears_int(c, body, "org_id", "org_id", 1, ARREARS_ID_MAX, true, 0, &to);
	if (e)
		return e;
	struct org o;
	if (org_load(c, to, &o) != GH_OK || !scope_contains(c->who->path, o.path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, "org_id", "组织不存在", "no such organisation");
	if (o.id == k->org_id)
		return gh_fail_set(&c->fail, GH_EINVAL, "org_id", "该组织已在办理此案件",
		                   "that organisation handles it now");
	k->route_to = o.id;
	json_object_set_new(k->payload, "assigned_to", json_pack("{s:I, s:s}", "id", (json_int_t)o.id, "name", o.name));
	return GH_OK;
}

/* body.recovered_fen added to the amount recovered, kept as a recovery with its date and note. */
static enum gh_err record_recovery(struct ctx *c, struct flow_case *k, json_t *body, const char *note)
{
	int64_t owed = payload_int(k, "amount_owed_fen"), got = payload_int(k, "amount_recovered_fen"), add;
	enum gh_err e = arrears_int(c, body, "recovered_fen", "recovered_fen", 1, ARREARS_MAX_FEN, false, 0, &add);
	if (e || !add)
		return e;
	if (add > owed - got)
		return gh_fail_set(&c->fail, GH_EINVAL, "recovered_fen",
		                   arena_printf(c->a, "追回金额不能超过尚欠的 %lld 分", (long long)(owed - got)),
		                   arena_printf(c->a, "at most the %lld fen still owed", (long long)(owed - got)));
	char on[11];
	arrears_today(on);
	json_t *list = json_object_get(k->payload, "recoveries");
	if (!json_is_array(list)) {
		list = json_array();
		json_object_set_new(k->payload, "recoveries", list);
	}
	if (json_array_append_new(
	            list, json_pack("{s:s, s:I, s:s*}", "date", on, "amount_fen", (json_int_t)add, "note", note)) < 0)
		return no_memory(c);
	json_object_set_new(k->payload, "amount_recovered_fen", json_integer(got + add));
	return GH_OK;
}

static enum gh_err arrears_reply(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const char *text;
	enum gh_err e = arrears_text(c, body, "text", "text", 1, 2000, true, &text);
	return e ? e : record_recovery(c, k, body, text);
}

static enum gh_err arrears_close(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	const char *note;
	enum gh_err e = arrears_text(c, body, "note", "note", 2, 2000, true, &note);
	if (e || (e = record_recovery(c, k, body, note)))
		return e;
	int64_t owed = payload_int(k, "amount_owed_fen"), got = payload_int(k, "amount_recovered_fen");
	if (got <= 0)
		return gh_fail_set(
		        &c->fail, GH_ECONFLICT, "recovered_fen", "尚未追回任何欠薪，不能办结；如不属欠薪请退回",
		        "nothing has been recovered yet, so it cannot be settled; reject it if it is not ours");
	char on[11];
	arrears_today(on);
	json_object_set_new(k->payload, "outcome", json_string(got >= owed ? "all" : "part"));
	json_object_set_new(k->payload, "settled_on", json_string(on));
	json_object_set_new(k->payload, "settlement_note", json_string(note));
	return GH_OK;
}

static const char *const reject_codes[] = {"not_wage_arrears", "outside_jurisdiction", "other", NULL};

static enum gh_err arrears_reject(struct ctx *c, const struct flow_type *t, struct flow_case *k, json_t *body)
{
	(void)t;
	json_t *jc = json_object_get(body, "reason_code");
	const char *code = "other";
	if (jc && !json_is_null(jc)) {
		bool ok = false;
		for (const char *const *r = reject_codes; json_is_string(jc) && *r; r++)
			ok |= !strcmp(*r, json_string_value(jc));
		if (!ok)
			return gh_fail_set(&c->fail, GH_EINVAL, "reason_code",
			                   "应为 not_wage_arrears、outside_jurisdiction 或 other",
			                   "must be not_wage_arrears, outside_jurisdiction or other");
		code = json_string_value(jc);
	}
	json_object_set_new(k->payload, "reject_code", json_string(code));
	return GH_OK;
}

static const char *const arrears_states[] = {"reported", "recovering", "settled", "rejected", "withdrawn", NULL};
static const char *const arrears_closed[] = {"settled", "rejected", "withdrawn", NULL};

static const struct flow_transition arrears_transitions[] = {
        {"accept", "reported", "recovering", FLOW_HANDLER, false, arrears_accept},
        {"assign", "reported", "reported", FLOW_HANDLER, false, arrears_assign},
        {"assign", "recovering", "recovering", FLOW_HANDLER, false, arrears_assign},
        {"reply", "recovering", "recovering", FLOW_HANDLER, false, arrears_reply},
        {"close", "recovering", "settled", FLOW_HANDLER, false, arrears_close},
        {"reject", "*", "rejected", FLOW_HANDLER, true, arrears_reject},
        {"withdraw", "*", "withdrawn", FLOW_APPLICANT, false, NULL},
};

static const char *const arrears_figures[] = {"amount_owed_fen", "amount_recovered_fen", "workers_affected", NULL};

/* A rejected or withdrawn report is not wage arrears of ours: it adds nothing to the totals. */
static void arrears_figure(const struct flow_case *k, int64_t *out)
{
	if (!strcmp(k->state, "rejected") || !strcmp(k->state, "withdrawn"))
		return;
	out[0] = payload_int(k, "amount_owed_fen");
	out[1] = payload_int(k, "amount_recovered_fen");
	out[2] = payload_int(k, "workers_affected");
}

/* What is still owed, for people reading the case. */
static void arrears_present(struct ctx *c, const struct flow_case *k, json_t *view)
{
	(void)c;
	json_t *p = json_object_get(view, "payload");
	if (json_is_object(p))
		json_object_set_new(
		        p, "amount_outstanding_fen",
		        json_integer(payload_int(k, "amount_owed_fen") - payload_int(k, "amount_recovered_fen")));
}

const struct flow_type flow_wage_arrears = {
        .token = "wage_arrears",
        .zh = "欠薪案件",
        .en = "wage arrears",
        .initial = "reported",
        .states = arrears_states,
        .closed = arrears_closed,
        .transitions = arrears_transitions,
        .n_transitions = (int)(sizeof(arrears_transitions) / sizeof(arrears_transitions[0])),
        .deadline_seconds = 30 * DAY,
        .escalate = true,
        .create = arrears_create,
        .secret_cap = CAP_SENSITIVE_READ,
        .present = arrears_present,
        .stat_base = STAT_CASE_BASE + 3 * STAT_CASE_SLOT,
        .figures = arrears_figures,
        .figure = arrears_figure,
};
