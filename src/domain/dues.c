/*
 * Dues per member and month (dues.h).
 */
#include "domain/dues.h"

#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/time.h"
#include "domain/org.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

int64_t dues_amount(int64_t base_fen)
{
	return base_fen < 0 ? 0 : (base_fen / 1000) * 5;
}

/* Checks "YYYY-MM" and writes the month's last day ("YYYY-MM-DD") into last. */
static bool month_ok(const char *month, char last[11])
{
	int y, m;
	if (!month || strlen(month) != 7 || month[4] != '-' || sscanf(month, "%4d-%2d", &y, &m) != 2 || y < 1950 ||
	    m < 1 || m > 12)
		return false;
	int d = 31;
	while (!cal_valid(y, m, d))
		d--;
	cal_format_date(y, m, d, last, 11);
	return true;
}

static void read_entry(struct ctx *c, struct stmt *st, struct dues_entry *e)
{
	e->id = store_col_i64(st, 0);
	e->membership_id = store_col_i64(st, 1);
	e->name = arena_strdup(c->a, store_col_text(st, 2));
	e->member_no = arena_strdup(c->a, store_col_text(st, 3));
	e->month = arena_strdup(c->a, store_col_text(st, 4));
	e->base_fen = store_col_i64(st, 5);
	e->amount_fen = store_col_i64(st, 6);
	e->rule = arena_strdup(c->a, store_col_text(st, 7));
	e->paid_on = arena_strdup(c->a, store_col_text(st, 8));
}

enum gh_err dues_record(struct ctx *c, int64_t membership_id, const char *month, int64_t base_fen, const char *paid_on,
                        struct dues_entry *out)
{
	char last[11], today[11];
	if (!month || !*month)
		return gh_fail_set(&c->fail, GH_EMISSING, "month", "请选择月份（YYYY-MM）",
		                   "the month (YYYY-MM) is required");
	if (!month_ok(month, last))
		return gh_fail_set(&c->fail, GH_EINVAL, "month", "月份格式应为 YYYY-MM", "the month must be YYYY-MM");
	if (base_fen < 0 || base_fen > DUES_BASE_MAX_FEN)
		return gh_fail_set(&c->fail, GH_EINVAL, "base_fen", "工资基数应在 0 到 100 万元之间（以分计）",
		                   "the wage base must be between 0 and 1,000,000 yuan (in fen)");
	int y, m, d;
	time_local_date(clock_now(), &y, &m, &d);
	cal_format_date(y, m, d, today, sizeof(today));
	if (!paid_on || !*paid_on)
		paid_on = today;
	else if (cal_parse_date(paid_on, &y, &m, &d) < 0 || strcmp(paid_on, today) > 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "paid_on", "缴纳日期应为不晚于今天的 YYYY-MM-DD",
		                   "the payment date must be YYYY-MM-DD, not in the future");
	if (strncmp(month, today, 7) > 0)
		return gh_fail_set(&c->fail, GH_EINVAL, "month", "不能登记未来月份的会费",
		                   "dues cannot be recorded for a future month");
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct member mb;
	if ((e = member_get(c, membership_id, false, &mb))) {
		c->fail.field = "membership_id";
		goto fail;
	}
	if (!strcmp(mb.status, "retained")) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "membership_id", "保留会籍的会员免缴会费",
		                "members whose membership is retained are exempt from dues");
		goto fail;
	}
	if (strcmp(mb.status, "active")) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "membership_id", "会籍已结束，不能登记会费",
		                "the membership has ended");
		goto fail;
	}
	if (strcmp(mb.joined_on, last) > 0) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "month", "该月份早于入会日期",
		                "that month is before the member joined");
		goto fail;
	}
	int64_t id = ids_next(c->db, 1);
	if (id < 0)
		goto io;
	int r = store_run(c->db, SQ_DUES_INSERT, "iiittiitti", id, mb.id, mb.org_id, mb.path, month, base_fen,
	                  dues_amount(base_fen), DUES_RULE, paid_on, clock_now());
	if (r == GH_EDUP) {
		e = gh_fail_set(&c->fail, GH_EDUP, "month", "该会员本月会费已登记",
		                "the dues of that month are recorded already");
		goto fail;
	}
	if (r != 0 || audit_write(c, "dues.record", "membership", mb.id, mb.path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	*out = (struct dues_entry){.id = id,
	                           .membership_id = mb.id,
	                           .name = mb.name,
	                           .member_no = mb.member_no,
	                           .month = month,
	                           .base_fen = base_fen,
	                           .amount_fen = dues_amount(base_fen),
	                           .rule = DUES_RULE,
	                           .paid_on = arena_strdup(c->a, paid_on)};
	return GH_OK;
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

static enum gh_err alloc_list(struct ctx *c, struct dues_list *out, int64_t offset, int64_t limit)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	out->items = arena_zalloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	return out->items ? GH_OK : gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

static enum gh_err fill(struct ctx *c, struct stmt *st, struct dues_list *out)
{
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < out->limit)
		read_entry(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err dues_of_member(struct ctx *c, int64_t membership_id, int64_t offset, int64_t limit, struct dues_list *out)
{
	struct member mb;
	enum gh_err e = member_get(c, membership_id, false, &mb);
	if (e || (e = alloc_list(c, out, offset, limit)))
		return e;
	if (store_one_i64(c->db, &out->total, SQ_DUES_OF_MEMBER_COUNT, "i", membership_id) < 0)
		return io_fail(c);
	e = fill(c, store_query(c->db, SQ_DUES_OF_MEMBER, "iii", membership_id, limit, offset), out);
	for (int64_t i = 0; i < out->n; i++) {
		out->items[i].name = mb.name;
		out->items[i].member_no = mb.member_no;
		out->sum_fen += out->items[i].amount_fen;
	}
	return e;
}

enum gh_err dues_month(struct ctx *c, int64_t org, const char *month, int64_t offset, int64_t limit,
                       struct dues_list *out)
{
	char last[11];
	const char *lo, *hi;
	if (!month || !*month)
		return gh_fail_set(&c->fail, GH_EMISSING, "month", "请选择月份（YYYY-MM）",
		                   "the month (YYYY-MM) is required");
	if (!month_ok(month, last))
		return gh_fail_set(&c->fail, GH_EINVAL, "month", "月份格式应为 YYYY-MM", "the month must be YYYY-MM");
	enum gh_err e = org_scope_range(c, org, &lo, &hi);
	if (e || (e = alloc_list(c, out, offset, limit)))
		return e;
	struct stmt *st = store_query(c->db, SQ_DUES_LIST_SUM, "ttt", lo, hi, month);
	if (!st)
		return io_fail(c);
	if (store_step(st) == STORE_ROW) {
		out->total = store_col_i64(st, 0);
		out->sum_fen = store_col_i64(st, 1);
	}
	store_reset(st);
	return fill(c, store_query(c->db, SQ_DUES_LIST, "tttii", lo, hi, month, limit, offset), out);
}

enum gh_err dues_unpaid(struct ctx *c, int64_t org, const char *month, int64_t offset, int64_t limit,
                        struct member_list *out)
{
	char last[11];
	const char *lo, *hi;
	if (!month || !*month)
		return gh_fail_set(&c->fail, GH_EMISSING, "month", "请选择月份（YYYY-MM）",
		                   "the month (YYYY-MM) is required");
	if (!month_ok(month, last))
		return gh_fail_set(&c->fail, GH_EINVAL, "month", "月份格式应为 YYYY-MM", "the month must be YYYY-MM");
	enum gh_err e = org_scope_range(c, org, &lo, &hi);
	if (e)
		return e;
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (store_one_i64(c->db, &out->total, SQ_DUES_UNPAID_COUNT, "tttt", lo, hi, month, last) < 0)
		return io_fail(c);
	return member_list_from(c, store_query(c->db, SQ_DUES_UNPAID, "ttttii", lo, hi, month, last, limit, offset),
	                        out);
}

enum gh_err dues_of_member_self(struct ctx *c, int64_t membership_id, struct dues_list *out)
{
	struct member_list l;
	enum gh_err e = member_history(c, c->who->person_id, &l);
	if (e)
		return e;
	bool mine = false;
	for (int64_t i = 0; i < l.n; i++)
		mine = mine || l.items[i].id == membership_id;
	if (!c->who->person_id || !mine)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "会籍不存在", "no such membership");
	if ((e = alloc_list(c, out, 0, 200)))
		return e;
	return fill(c, store_query(c->db, SQ_DUES_OF_MEMBER, "iii", membership_id, (int64_t)200, (int64_t)0), out);
}
