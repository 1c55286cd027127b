/*
 * Labour-law supervision notices (notice.h): issuing, correcting, answering, closing and listing
 * them within scope. Every write is one transaction with its audit row; a state change is also
 * guarded in SQL (WHERE state = …) so two clerks acting at once cannot both succeed.
 */
#include "domain/notice.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/contract.h"
#include "domain/org.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

struct label {
	const char *token, *zh, *en;
};

static const struct label kinds[] = {
        {"opinion", "劳动法律监督意见书", "supervision opinion"},
        {"suggestion", "劳动法律监督建议书", "supervision suggestion"},
};
static const struct label states[] = {
        {"issued", "已发出", "issued"},
        {"answered", "已答复", "answered"},
        {"closed", "已办结", "closed"},
};
static const struct label outcomes[] = {
        {"rectified", "已整改", "rectified"},
        {"partly_rectified", "部分整改", "partly rectified"},
        {"not_rectified", "未整改", "not rectified"},
};

static const char *label_of(const struct label *t, size_t n, const char *token, bool zh)
{
	for (size_t i = 0; token && i < n; i++)
		if (!strcmp(token, t[i].token))
			return zh ? t[i].zh : t[i].en;
	return NULL;
}

#define LABEL(table, token, zh) label_of(table, sizeof(table) / sizeof(table[0]), token, zh)

const char *notice_kind_label(const char *kind, bool zh)
{
	return LABEL(kinds, kind, zh);
}

const char *notice_state_label(const char *state, bool zh)
{
	return LABEL(states, state, zh);
}

const char *notice_outcome_label(const char *outcome, bool zh)
{
	return LABEL(outcomes, outcome, zh);
}

static const char *col_text_or_null(struct ctx *c, struct stmt *st, int col)
{
	return store_col_null(st, col) ? NULL : arena_strdup(c->a, store_col_text(st, col));
}

static int64_t date_days(const char *s)
{
	int y, m, d;
	return cal_parse_date(s, &y, &m, &d) < 0 ? 0 : cal_days_from_civil(y, m, d);
}

static void notice_read_row(struct ctx *c, struct stmt *st, struct notice *n)
{
	memset(n, 0, sizeof(*n));
	n->id = store_col_i64(st, 0);
	n->kind = arena_strdup(c->a, store_col_text(st, 1));
	n->org_id = store_col_i64(st, 2);
	n->org_name = arena_strdup(c->a, store_col_text(st, 3));
	n->path = arena_strdup(c->a, store_col_text(st, 4));
	n->employer_id = store_col_null(st, 5) ? 0 : store_col_i64(st, 5);
	n->employer_name = arena_strdup(c->a, store_col_text(st, 6));
	n->employer_credit_code = col_text_or_null(c, st, 7);
	n->issued_on = arena_strdup(c->a, store_col_text(st, 8));
	n->subject = arena_strdup(c->a, store_col_text(st, 9));
	n->content = arena_strdup(c->a, store_col_text(st, 10));
	n->legal_basis = col_text_or_null(c, st, 11);
	n->reply_due_on = arena_strdup(c->a, store_col_text(st, 12));
	n->state = arena_strdup(c->a, store_col_text(st, 13));
	n->answer = col_text_or_null(c, st, 14);
	n->answered_on = col_text_or_null(c, st, 15);
	n->outcome = col_text_or_null(c, st, 16);
	n->follow_up = col_text_or_null(c, st, 17);
	n->closed_on = col_text_or_null(c, st, 18);
	n->demo = store_col_i64(st, 19) != 0;
	n->created_at = store_col_i64(st, 20);
	n->updated_at = store_col_i64(st, 21);
}

/* Overdue: still waiting for the employer after the due date. */
static void notice_derive(struct notice *n, const char *today, int64_t today_d)
{
	n->overdue = !strcmp(n->state, "issued") && strcmp(n->reply_due_on, today) < 0;
	n->days_overdue = n->overdue ? today_d - date_days(n->reply_due_on) : 0;
}

enum gh_err notice_get(struct ctx *c, int64_t id, struct notice *out)
{
	struct stmt *st = store_query(c->db, SQ_NOTICE_GET, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		notice_read_row(c, st, out);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW || !scope_contains(c->who->path, out->path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "监督意见书/建议书不存在", "no such notice");
	char today[11];
	int64_t today_d = contract_today(today);
	notice_derive(out, today, today_d);
	return GH_OK;
}

/* Checks subject, content, legal basis and the two dates of a complete notice. */
static enum gh_err check_notice(struct ctx *c, const struct notice *n)
{
	enum gh_err e;
	int64_t issued, due, today_d;
	char today[11];
	today_d = contract_today(today);
	if ((e = contract_check_text(c, n->subject, "subject", 2, 100, false)) ||
	    (e = contract_check_text(c, n->content, "content", 5, 5000, true)) ||
	    (e = contract_check_text(c, n->legal_basis, "legal_basis", 0, 1000, true)) ||
	    (e = contract_check_date(c, n->issued_on, "issued_on", &issued)) ||
	    (e = contract_check_date(c, n->reply_due_on, "reply_due_on", &due)))
		return e;
	if (issued > today_d)
		return gh_fail_set(&c->fail, GH_EINVAL, "issued_on", "发出日期不能晚于今天",
		                   "the issue date cannot be in the future");
	if (due <= issued || due > issued + 366)
		return gh_fail_set(&c->fail, GH_EINVAL, "reply_due_on", "答复期限应在发出日期之后一年以内",
		                   "the reply is due after the issue date and within a year");
	return GH_OK;
}

enum gh_err notice_create(struct ctx *c, const struct notice_input *in, struct notice *out)
{
	enum gh_err e;
	if (!in->kind || !*in->kind)
		return gh_fail_set(&c->fail, GH_EMISSING, "kind", "请选择意见书或建议书",
		                   "choose an opinion or a suggestion");
	if (!notice_kind_label(in->kind, true))
		return gh_fail_set(&c->fail, GH_EINVAL, "kind", "类型应为 opinion（意见书）或 suggestion（建议书）",
		                   "kind is opinion or suggestion");
	if (in->org_id <= 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "org_id", "请选择发出单位",
		                   "the issuing organisation is required");
	char today[11];
	contract_today(today);
	struct notice n = {.kind = in->kind,
	                   .subject = in->subject,
	                   .content = in->content,
	                   .legal_basis = in->legal_basis && *in->legal_basis ? in->legal_basis : NULL,
	                   .issued_on = in->issued_on && *in->issued_on ? in->issued_on : today};
	if (!n.subject || !*n.subject)
		return gh_fail_set(&c->fail, GH_EMISSING, "subject", "请填写事由", "the subject is required");
	if (!n.content || !*n.content)
		return gh_fail_set(&c->fail, GH_EMISSING, "content", "请填写意见或建议的内容",
		                   "the content is required");
	if (in->reply_due_on && *in->reply_due_on) {
		n.reply_due_on = in->reply_due_on;
	} else {
		int64_t issued;
		if ((e = contract_check_date(c, n.issued_on, "issued_on", &issued)))
			return e;
		int y, m, d;
		char *due = arena_alloc(c->a, 11);
		if (!due)
			return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
		cal_civil_from_days(issued + NOTICE_DEFAULT_REPLY_DAYS, &y, &m, &d);
		cal_format_date(y, m, d, due, 11);
		n.reply_due_on = due;
	}
	if ((e = check_notice(c, &n)))
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o;
	if ((e = org_get(c, in->org_id, &o))) {
		c->fail.field = "org_id";
		goto fail;
	}
	struct contract_party party;
	if ((e = contract_party(c, &o, in->employer_id, in->employer_name, in->employer_credit_code, false, &party)))
		goto fail;
	int64_t id = ids_next(c->db, 1);
	if (id < 0)
		goto io;
	struct stmt *st = store_query(c->db, SQ_NOTICE_INSERT, "itit", id, n.kind, o.id, o.path);
	if (!st)
		goto io;
	int br = party.employer_id ? store_bind_i64(st, 5, party.employer_id) : store_bind_null(st, 5);
	br |= store_bind_text(st, 6, party.name) | store_bind_text(st, 7, party.credit_code) |
	      store_bind_text(st, 8, n.issued_on) | store_bind_text(st, 9, n.subject) |
	      store_bind_text(st, 10, n.content) | store_bind_text(st, 11, n.legal_basis) |
	      store_bind_text(st, 12, n.reply_due_on) | store_bind_i64(st, 13, in->demo ? 1 : 0) |
	      store_bind_i64(st, 14, clock_now());
	int r = br ? STORE_ERROR : store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	const char *detail =
	        arena_printf(c->a, "{\"kind\":\"%s\",\"employer_id\":%" PRId64 "}", n.kind, party.employer_id);
	if (audit_write(c, "notice.create", "supervision_notice", id, o.path, detail) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return notice_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

/* Opens the write transaction and reads the notice, which must be in state want (NULL: not
 * closed); 409 with message otherwise. On failure the transaction is rolled back. */
static enum gh_err begin_on(struct ctx *c, int64_t id, const char *want, struct notice *n)
{
	if (tx_begin(c) < 0)
		return io_fail(c);
	enum gh_err e = notice_get(c, id, n);
	if (!e && want && strcmp(n->state, want) != 0)
		e = gh_fail_set(&c->fail, GH_ECONFLICT, NULL,
		                !strcmp(n->state, "closed") ? "该文书已办结" : "该文书已答复，不能再修改或再次答复",
		                !strcmp(n->state, "closed")
		                        ? "the notice is closed"
		                        : "the notice has been answered: it cannot be changed or answered again");
	if (!e && !want && !strcmp(n->state, "closed"))
		e = gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "该文书已办结", "the notice is closed");
	if (e)
		tx_rollback(c);
	return e;
}

/* Runs a guarded state change (one row or a conflict), audits it and commits. */
static enum gh_err finish(struct ctx *c, struct stmt *st, int bind_failed, const char *action, const struct notice *n,
                          struct notice *out)
{
	int r = bind_failed ? STORE_ERROR : store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	if (store_changes(c->db) != 1) {
		tx_rollback(c);
		return gh_fail_set(&c->fail, GH_ECONFLICT, NULL, "该文书的状态已改变，请刷新后再试",
		                   "the notice changed meanwhile: reload it");
	}
	if (audit_write(c, action, "supervision_notice", n->id, n->path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return notice_get(c, n->id, out);
io:
	tx_rollback(c);
	return io_fail(c);
}

enum gh_err notice_update(struct ctx *c, int64_t id, const struct notice_input *in, struct notice *out)
{
	struct notice n;
	enum gh_err e = begin_on(c, id, "issued", &n);
	if (e)
		return e;
	if (in->subject)
		n.subject = in->subject;
	if (in->content)
		n.content = in->content;
	if (in->legal_basis)
		n.legal_basis = *in->legal_basis ? in->legal_basis : NULL;
	if (in->issued_on)
		n.issued_on = in->issued_on;
	if (in->reply_due_on)
		n.reply_due_on = in->reply_due_on;
	if ((e = check_notice(c, &n))) {
		tx_rollback(c);
		return e;
	}
	struct stmt *st = store_prepare(c->db, SQ_NOTICE_UPDATE);
	if (!st) {
		tx_rollback(c);
		return io_fail(c);
	}
	int br = store_bind_i64(st, 1, id) | store_bind_text(st, 2, n.subject) | store_bind_text(st, 3, n.content) |
	         store_bind_text(st, 4, n.legal_basis) | store_bind_text(st, 5, n.reply_due_on) |
	         store_bind_text(st, 6, n.issued_on) | store_bind_i64(st, 7, clock_now());
	return finish(c, st, br, "notice.update", &n, out);
}

/* A day on which something happened: given (not before since, not after today) or today. */
static enum gh_err event_day(struct ctx *c, const char *given, const char *since, const char *field, const char **out)
{
	char *today = arena_alloc(c->a, 11);
	if (!today)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	int64_t today_d = contract_today(today);
	*out = today;
	if (!given || !*given)
		return GH_OK;
	int64_t d;
	enum gh_err e = contract_check_date(c, given, field, &d);
	if (e)
		return e;
	if (d > today_d || d < date_days(since))
		return gh_fail_set(&c->fail, GH_EINVAL, field, "日期应在发出（或答复）之后且不晚于今天",
		                   "the date must lie after the notice was issued (or answered) and not in the future");
	*out = given;
	return GH_OK;
}

enum gh_err notice_answer(struct ctx *c, int64_t id, const char *text, const char *answered_on, struct notice *out)
{
	struct notice n;
	enum gh_err e = begin_on(c, id, "issued", &n);
	if (e)
		return e;
	const char *day;
	if ((e = contract_check_text(c, text, "answer", 2, 5000, true)) ||
	    (e = event_day(c, answered_on, n.issued_on, "answered_on", &day))) {
		tx_rollback(c);
		return e;
	}
	struct stmt *st = store_prepare(c->db, SQ_NOTICE_ANSWER);
	if (!st) {
		tx_rollback(c);
		return io_fail(c);
	}
	int br = store_bind_i64(st, 1, id) | store_bind_text(st, 2, text) | store_bind_text(st, 3, day) |
	         store_bind_i64(st, 4, clock_now());
	return finish(c, st, br, "notice.answer", &n, out);
}

enum gh_err notice_close(struct ctx *c, int64_t id, const char *outcome, const char *follow_up, const char *closed_on,
                         struct notice *out)
{
	if (!outcome || !*outcome)
		return gh_fail_set(&c->fail, GH_EMISSING, "outcome", "请选择整改结果", "the outcome is required");
	if (!notice_outcome_label(outcome, true))
		return gh_fail_set(&c->fail, GH_EINVAL, "outcome", "整改结果应为已整改、部分整改或未整改",
		                   "outcome is rectified, partly_rectified or not_rectified");
	struct notice n;
	enum gh_err e = begin_on(c, id, NULL, &n);
	if (e)
		return e;
	/* Without an answer nothing can have been rectified as far as the union knows. */
	if (!strcmp(n.state, "issued") && strcmp(outcome, "not_rectified") != 0) {
		tx_rollback(c);
		return gh_fail_set(&c->fail, GH_ECONFLICT, "outcome", "用人单位尚未答复，只能以“未整改”办结",
		                   "the employer has not answered: the notice can only be closed as not rectified");
	}
	const char *day;
	if ((e = contract_check_text(c, follow_up, "follow_up", 0, 2000, true)) ||
	    (e = event_day(c, closed_on, n.answered_on ? n.answered_on : n.issued_on, "closed_on", &day))) {
		tx_rollback(c);
		return e;
	}
	struct stmt *st = store_prepare(c->db, SQ_NOTICE_CLOSE);
	if (!st) {
		tx_rollback(c);
		return io_fail(c);
	}
	int br = store_bind_i64(st, 1, id) | store_bind_text(st, 2, outcome) |
	         store_bind_text(st, 3, follow_up && *follow_up ? follow_up : NULL) | store_bind_text(st, 4, day) |
	         store_bind_i64(st, 5, clock_now());
	return finish(c, st, br, "notice.close", &n, out);
}

enum gh_err notice_list(struct ctx *c, const struct notice_filter *f, int64_t offset, int64_t limit,
                        struct notice_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (f->kind && !notice_kind_label(f->kind, true))
		return gh_fail_set(&c->fail, GH_EINVAL, "kind", "类型应为 opinion 或 suggestion",
		                   "kind is opinion or suggestion");
	if (f->state && !notice_state_label(f->state, true))
		return gh_fail_set(&c->fail, GH_EINVAL, "state", "状态应为 issued、answered 或 closed",
		                   "state is issued, answered or closed");
	const char *employer = f->employer && *f->employer ? f->employer : NULL;
	if (employer && (strlen(employer) > 200 || !text_utf8_valid(employer, strlen(employer))))
		return gh_fail_set(&c->fail, GH_EINVAL, "employer", "搜索内容无效", "the search text is not valid");
	const char *lo, *hi;
	enum gh_err e = org_scope_range(c, f->org, &lo, &hi);
	if (e)
		return e;
	char today[11];
	int64_t today_d = contract_today(today);
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	if (store_one_i64(c->db, &out->total, SQ_NOTICE_LIST_COUNT, "ttttitt", lo, hi, f->kind, f->state,
	                  (int64_t)f->overdue, today, employer) < 0)
		return io_fail(c);
	struct stmt *st = store_query(c->db, SQ_NOTICE_LIST, "ttttittii", lo, hi, f->kind, f->state,
	                              (int64_t)f->overdue, today, employer, limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit) {
		struct notice *n = &out->items[out->n++];
		notice_read_row(c, st, n);
		notice_derive(n, today, today_d);
	}
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}
