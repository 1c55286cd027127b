/*
 * The directory of unions (directory.h).
 */
#include "domain/directory.h"

#include <string.h>

#include "base/text.h"
#include "check/division.h"
#include "check/uscc.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static void read_entry(struct ctx *c, struct stmt *st, struct directory_entry *e)
{
	e->id = store_col_i64(st, 0);
	e->name = arena_strdup(c->a, store_col_text(st, 1));
	e->kind = arena_strdup(c->a, store_col_text(st, 2));
	e->division = arena_strdup(c->a, store_col_text(st, 3));
	e->place = store_col_null(st, 4) ? NULL : arena_strdup(c->a, store_col_text(st, 4));
	e->employers = store_col_null(st, 5) ? NULL : arena_strdup(c->a, store_col_text(st, 5));
}

/* The first character pair of q (or its only character). */
static const char *first_gram(struct ctx *c, const char *q)
{
	size_t n = strlen(q), a = 1;
	while (a < n && (q[a] & 0xc0) == 0x80)
		a++;
	if (a >= n)
		return q;
	size_t b = a + 1;
	while (b < n && (q[b] & 0xc0) == 0x80)
		b++;
	return arena_strndup(c->a, q, b);
}

enum gh_err directory_search(struct ctx *c, const char *q, const char *credit_code, const char *division,
                             int64_t offset, int64_t limit, struct directory_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	out->items = arena_zalloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	struct stmt *st;
	if (credit_code && *credit_code) {
		char code[19];
		enum uscc_err ue = uscc_check(credit_code, strlen(credit_code), code, NULL);
		if (ue != USCC_OK)
			return gh_fail_set(&c->fail, GH_EINVAL, "credit_code", uscc_err_message(ue, true),
			                   uscc_err_message(ue, false));
		if (store_one_i64(c->db, &out->total, SQ_DIRECTORY_BY_CREDIT_COUNT, "t", code) < 0)
			return io_fail(c);
		st = store_query(c->db, SQ_DIRECTORY_BY_CREDIT, "tii", code, limit, offset);
	} else if (division && *division) {
		char lo[13], hi[13];
		if (division_normalize(division, strlen(division), lo) < 0)
			return gh_fail_set(&c->fail, GH_EINVAL, "division", "区划代码应为 2、4、6、9 或 12 位数字",
			                   "a division code has 2, 4, 6, 9 or 12 digits");
		/* the place and everything below it: [code, code + 1 at the last digit of its level) */
		int plen = division_prefix_len(division_level(lo));
		memcpy(hi, lo, 13);
		if (plen <= 0) {
			memset(hi, '9', 12);
		} else {
			int i = plen - 1;
			while (i >= 0 && hi[i] == '9')
				hi[i--] = '0';
			if (i >= 0)
				hi[i]++;
			else
				memset(hi, '9', 12);
		}
		if (store_one_i64(c->db, &out->total, SQ_DIRECTORY_BY_PLACE_COUNT, "tt", lo, hi) < 0)
			return io_fail(c);
		st = store_query(c->db, SQ_DIRECTORY_BY_PLACE, "ttii", lo, hi, limit, offset);
	} else if (q && *q) {
		char folded[256];
		if (!text_utf8_valid(q, strlen(q)) || strlen(q) > 200)
			return gh_fail_set(&c->fail, GH_EINVAL, "q", "搜索内容无效", "the search text is not valid");
		text_fold_ascii(q, strlen(q), folded, sizeof(folded));
		if (!folded[0])
			return gh_fail_set(&c->fail, GH_EINVAL, "q", "搜索内容无效", "the search text is not valid");
		const char *text = arena_strdup(c->a, folded);
		const char *gram = text ? first_gram(c, text) : NULL;
		if (!gram)
			return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
		if (store_one_i64(c->db, &out->total, SQ_DIRECTORY_BY_NAME_COUNT, "tt", gram, text) < 0)
			return io_fail(c);
		st = store_query(c->db, SQ_DIRECTORY_BY_NAME, "ttii", gram, text, limit, offset);
	} else {
		return gh_fail_set(&c->fail, GH_EMISSING, "q", "请输入单位名称、统一社会信用代码或所在地区划代码",
		                   "give a name, a credit code or a division code");
	}
	if (out->total > 10000) {
		out->total = 10000;
		out->total_capped = true;
	}
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		read_entry(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}
