/*
 * Employers (employer.h): registering, listing and editing them within scope. Linking an
 * employer to a union happens in org_create (domain/org.c).
 */
#include "domain/employer.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/division.h"
#include "check/uscc.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

void employer_read_row(struct ctx *c, struct stmt *st, struct employer *e)
{
	memset(e, 0, sizeof(*e));
	e->id = store_col_i64(st, 0);
	e->org_id = store_col_i64(st, 1);
	e->path = arena_strdup(c->a, store_col_text(st, 2));
	e->name = arena_strdup(c->a, store_col_text(st, 3));
	e->credit_code = store_col_null(st, 4) ? NULL : arena_strdup(c->a, store_col_text(st, 4));
	snprintf(e->division, sizeof(e->division), "%s", store_col_text(st, 5));
	e->headcount = store_col_i64(st, 6);
	e->union_id = store_col_null(st, 7) ? 0 : store_col_i64(st, 7);
	e->org_name = arena_strdup(c->a, store_col_text(st, 8));
	e->created_at = store_col_i64(st, 9);
	e->updated_at = store_col_i64(st, 10);
}

enum gh_err employer_get(struct ctx *c, int64_t id, struct employer *out)
{
	struct stmt *st = store_query(c->db, SQ_EMPLOYER_GET, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		employer_read_row(c, st, out);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	if (r != STORE_ROW || !scope_contains(c->who->path, out->path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "用人单位不存在", "no such employer");
	return GH_OK;
}

enum gh_err employer_list(struct ctx *c, int64_t org, const char *q, int unionised, int64_t offset, int64_t limit,
                          struct employer_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	const char *lo, *hi;
	enum gh_err re = org_scope_range(c, org, &lo, &hi);
	if (re)
		return re;
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	const char *text = NULL;
	if (q && *q) {
		char folded[256];
		if (!text_utf8_valid(q, strlen(q)) || strlen(q) > 200)
			return gh_fail_set(&c->fail, GH_EINVAL, "q", "搜索内容无效", "the search text is not valid");
		size_t n = text_fold_ascii(q, strlen(q), folded, sizeof(folded));
		bool code = n == 18;
		for (size_t i = 0; code && i < n; i++)
			code = (folded[i] >= '0' && folded[i] <= '9') || (folded[i] >= 'A' && folded[i] <= 'Z') ||
			       (folded[i] >= 'a' && folded[i] <= 'z');
		if (code)
			text_upper_ascii(folded); /* credit codes are stored upper-case */
		text = arena_strdup(c->a, folded);
	}
	if (store_one_i64(c->db, &out->total, SQ_EMPLOYER_LIST_COUNT, "ttti", lo, hi, text, (int64_t)unionised) < 0)
		return io_fail(c);
	struct stmt *st =
	        store_query(c->db, SQ_EMPLOYER_LIST, "tttiii", lo, hi, text, (int64_t)unionised, limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		employer_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

enum gh_err employer_check(struct ctx *c, const struct employer_input *in, const char *prefix, bool create,
                           char code[19], char division[13], struct warning *warn, int *n_warn)
{
	*n_warn = 0;
	code[0] = 0;
	if (!create)
		return GH_OK; /* an existing employer being linked: nothing to check here */
	const char *name = in->name;
	if (!name || !*name)
		return gh_fail_set(&c->fail, GH_EMISSING, arena_printf(c->a, "%sname", prefix), "请填写用人单位名称",
		                   "the employer's name is required");
	size_t n = strlen(name);
	bool ok = text_utf8_valid(name, n);
	for (size_t i = 0; ok && i < n; i++)
		ok = (unsigned char)name[i] >= 0x20 && name[i] != 0x7f;
	if (!ok || text_utf8_count(name, n) < 2 || text_utf8_count(name, n) > 100)
		return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "%sname", prefix),
		                   "用人单位名称应为 2 到 100 个字",
		                   "the employer's name must have 2 to 100 characters");
	if (in->credit_code && *in->credit_code) {
		bool soft = false;
		enum uscc_err ue = uscc_check(in->credit_code, strlen(in->credit_code), code, &soft);
		if (ue != USCC_OK)
			return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "%scredit_code", prefix),
			                   uscc_err_message(ue, true), uscc_err_message(ue, false));
		if (soft && warn) {
			warn[0] = (struct warning){arena_printf(c->a, "%scredit_code", prefix), "org_code_check",
			                           uscc_warning_message(true), uscc_warning_message(false)};
			*n_warn = 1;
		}
	} else {
		return gh_fail_set(&c->fail, GH_EMISSING, arena_printf(c->a, "%scredit_code", prefix),
		                   "请填写统一社会信用代码", "the unified social credit code is required");
	}
	if (in->headcount > 10000000 || (in->headcount < 0 && in->headcount != -1))
		return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "%sheadcount", prefix),
		                   "职工人数应在 0 到 10,000,000 之间", "headcount must be between 0 and 10,000,000");
	if (in->division && *in->division) {
		if (division_normalize(in->division, strlen(in->division), division) < 0)
			return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "%sdivision_code", prefix),
			                   "区划代码应为 2、4、6、9 或 12 位数字",
			                   "a division code has 2, 4, 6, 9 or 12 digits");
		struct stmt *st = store_query(c->db, SQ_PLACE_GET, "t", division);
		if (!st)
			return io_fail(c);
		int r = store_step(st);
		store_reset(st);
		if (r == STORE_ERROR)
			return io_fail(c);
		if (r != STORE_ROW && strcmp(division, "000000000000") != 0)
			return gh_fail_set(&c->fail, GH_EINVAL, arena_printf(c->a, "%sdivision_code", prefix),
			                   "没有这个区划代码", "no such division code");
	}
	return GH_OK;
}

enum gh_err employer_create(struct ctx *c, const struct employer_input *in, struct employer *out, struct warning *warn,
                            int *n_warn)
{
	char code[19], division[13];
	enum gh_err e;
	if (in->org_id <= 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "org_id", "请选择登记的组织", "the organisation is required");
	if (in->headcount < 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "headcount", "请填写职工人数", "the headcount is required");
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o;
	if ((e = org_get(c, in->org_id, &o))) {
		c->fail.field = "org_id";
		goto fail;
	}
	struct employer_input ei = *in;
	if (!ei.division || !*ei.division)
		ei.division = o.division;
	if ((e = employer_check(c, &ei, "", true, code, division, warn, n_warn)))
		goto fail;
	if (!org_covers_place(&o, division)) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "division_code", "区划代码不在所选组织的辖区内",
		                "the division code lies outside the organisation's area");
		goto fail;
	}
	int64_t id = ids_next(c->db, 1);
	if (id < 0)
		goto io;
	int rc = store_run(c->db, SQ_EMPLOYER_INSERT, "iittttinii", id, o.id, o.path, in->name, code, division,
	                   in->headcount, (int64_t)in->demo, clock_now());
	if (rc == GH_EDUP) {
		e = gh_fail_set(&c->fail, GH_EDUP, "credit_code", "该统一社会信用代码的用人单位已登记",
		                "an employer with this credit code is registered already");
		goto fail;
	}
	if (rc != 0 || stats_add(c, o.path, STAT_EMPLOYERS, 1) < 0 ||
	    audit_write(c, "employer.create", "employer", id, o.path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return employer_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err employer_update(struct ctx *c, int64_t id, const struct employer_input *in, struct employer *out)
{
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct employer old;
	if ((e = employer_get(c, id, &old)))
		goto fail;
	struct employer_input ei = {
	        .name = in->name ? in->name : old.name,
	        .credit_code = old.credit_code ? old.credit_code : "",
	        .division = in->division ? in->division : old.division,
	        .headcount = in->headcount >= 0 ? in->headcount : old.headcount,
	};
	char code[19], division[13];
	int nw = 0;
	if (in->headcount < -1) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "headcount", "职工人数应在 0 到 10,000,000 之间",
		                "headcount must be between 0 and 10,000,000");
		goto fail;
	}
	if (!old.credit_code)
		ei.credit_code = NULL;
	if (old.credit_code && (e = employer_check(c, &ei, "", true, code, division, NULL, &nw)))
		goto fail;
	if (!old.credit_code && division_normalize(ei.division, strlen(ei.division), division) < 0) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "division_code", "区划代码应为 2、4、6、9 或 12 位数字",
		                "a division code has 2, 4, 6, 9 or 12 digits");
		goto fail;
	}
	struct org owner;
	if ((e = org_load(c, old.org_id, &owner)))
		goto fail;
	if (!org_covers_place(&owner, division)) {
		e = gh_fail_set(&c->fail, GH_EINVAL, "division_code", "区划代码不在所属组织的辖区内",
		                "the division code lies outside the organisation's area");
		goto fail;
	}
	int64_t now = clock_now();
	struct stmt *st = store_prepare(c->db, SQ_EMPLOYER_UPDATE);
	if (!st)
		goto io;
	store_bind_i64(st, 1, id);
	store_bind_text(st, 2, ei.name);
	store_bind_i64(st, 3, ei.headcount);
	store_bind_text(st, 4, division);
	old.union_id ? store_bind_i64(st, 5, old.union_id) : store_bind_null(st, 5);
	store_bind_i64(st, 6, now);
	int r = store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	if (old.union_id && (stats_add(c, old.path, STAT_EMPLOYEES, ei.headcount - old.headcount) < 0 ||
	                     store_run(c->db, SQ_ORG_SYNC_HEADCOUNT, "i", old.union_id) != 0))
		goto io;
	if (audit_write(c, "employer.update", "employer", id, old.path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return employer_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}
