/*
 * The service catalogue (service_item.h): staff keep items within scope; members read the items
 * of their union and the federations above it. Every write is audited.
 */
#include "domain/service_item.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/time.h"
#include "domain/contract.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/tx.h"

/* A path holds at most this many organisations (national … grassroots, with room to spare). */
#define MAX_LEVELS 12

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err no_memory(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
}

static const struct {
	const char *token, *zh, *en;
} categories[] = {
        {"legal_aid", "法律援助", "legal aid"},
        {"psychological", "心理咨询", "psychological counselling"},
        {"skills_training", "技能培训", "skills training"},
        {"mutual_aid", "互助保障", "mutual aid"},
        {"hardship_help", "困难帮扶", "hardship help"},
        {"childcare", "托育服务", "childcare"},
        {"other", "其他服务", "other"},
};

const char *service_category_label(const char *category, bool zh)
{
	for (size_t i = 0; category && i < sizeof(categories) / sizeof(categories[0]); i++)
		if (!strcmp(category, categories[i].token))
			return zh ? categories[i].zh : categories[i].en;
	return NULL;
}

static const char *col_text_or_null(struct ctx *c, struct stmt *st, int col)
{
	return store_col_null(st, col) ? NULL : arena_strdup(c->a, store_col_text(st, col));
}

static void service_read_row(struct ctx *c, struct stmt *st, struct service_item *s)
{
	memset(s, 0, sizeof(*s));
	s->id = store_col_i64(st, 0);
	s->org_id = store_col_i64(st, 1);
	s->org_name = arena_strdup(c->a, store_col_text(st, 2));
	s->path = arena_strdup(c->a, store_col_text(st, 3));
	s->title = arena_strdup(c->a, store_col_text(st, 4));
	s->category = arena_strdup(c->a, store_col_text(st, 5));
	s->description = arena_strdup(c->a, store_col_text(st, 6));
	s->audience = col_text_or_null(c, st, 7);
	s->contact = col_text_or_null(c, st, 8);
	s->hours = col_text_or_null(c, st, 9);
	s->place = col_text_or_null(c, st, 10);
	s->active = store_col_i64(st, 11) != 0;
	s->demo = store_col_i64(st, 12) != 0;
	s->created_at = store_col_i64(st, 13);
	s->updated_at = store_col_i64(st, 14);
}

/* The path the caller's own view starts from: a member's current union, a staff account's
 * organisation. NULL (and GH_OK) for a member without a current membership. */
static enum gh_err reference_path(struct ctx *c, const char **path, int64_t *org_id, const char **org_name)
{
	*path = NULL;
	*org_id = 0;
	*org_name = NULL;
	if (c->who->role != ROLE_MEMBER) {
		struct org o;
		if (org_load(c, c->who->org_id, &o) != GH_OK)
			return GH_OK;
		*path = o.path;
		*org_id = o.id;
		*org_name = o.name;
		return GH_OK;
	}
	if (!c->who->person_id)
		return GH_OK;
	struct member m;
	int r = member_current(c, c->who->person_id, &m);
	if (r < 0)
		return io_fail(c);
	if (r == 1) {
		*path = m.path;
		*org_id = m.org_id;
		*org_name = m.org_name;
	}
	return GH_OK;
}

/* true if anc is path itself or one of its ancestors (a prefix ending at a '/'). */
static bool path_at_or_above(const char *anc, const char *path)
{
	size_t n = strlen(anc);
	return path && n && anc[n - 1] == '/' && !strncmp(anc, path, n);
}

static enum gh_err read_item(struct ctx *c, int64_t id, struct service_item *out, bool *found)
{
	struct stmt *st = store_query(c->db, SQ_SERVICE_GET, "i", id);
	if (!st)
		return io_fail(c);
	int r = store_step(st);
	if (r == STORE_ROW)
		service_read_row(c, st, out);
	store_reset(st);
	if (r == STORE_ERROR)
		return io_fail(c);
	*found = r == STORE_ROW;
	return GH_OK;
}

static enum gh_err not_found(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "服务项目不存在", "no such service item");
}

/* An item the caller may change: in the scope of a staff account. */
static enum gh_err get_in_scope(struct ctx *c, int64_t id, struct service_item *out)
{
	bool found;
	enum gh_err e = read_item(c, id, out, &found);
	if (e)
		return e;
	if (!found || c->who->role == ROLE_MEMBER || !scope_contains(c->who->path, out->path))
		return not_found(c);
	return GH_OK;
}

enum gh_err service_item_get(struct ctx *c, int64_t id, struct service_item *out)
{
	bool found;
	enum gh_err e = read_item(c, id, out, &found);
	if (e)
		return e;
	if (!found)
		return not_found(c);
	if (c->who->role != ROLE_MEMBER && scope_contains(c->who->path, out->path))
		return GH_OK;
	const char *ref, *name;
	int64_t org;
	if ((e = reference_path(c, &ref, &org, &name)))
		return e;
	if (out->active && path_at_or_above(out->path, ref))
		return GH_OK;
	return not_found(c);
}

/* Checks the fields of a complete item. */
static enum gh_err check_item(struct ctx *c, const struct service_item *s)
{
	enum gh_err e;
	if (!s->title || !*s->title)
		return gh_fail_set(&c->fail, GH_EMISSING, "title", "请填写服务项目名称", "the title is required");
	if (!s->category || !*s->category)
		return gh_fail_set(&c->fail, GH_EMISSING, "category", "请选择服务类别", "the category is required");
	if (!service_category_label(s->category, true))
		return gh_fail_set(&c->fail, GH_EINVAL, "category", "没有这个服务类别", "no such category");
	if (!s->description || !*s->description)
		return gh_fail_set(&c->fail, GH_EMISSING, "description", "请填写服务内容",
		                   "the description is required");
	if ((e = contract_check_text(c, s->title, "title", 2, 60, false)) ||
	    (e = contract_check_text(c, s->description, "description", 2, 2000, true)) ||
	    (e = contract_check_text(c, s->audience, "audience", 0, 200, true)) ||
	    (e = contract_check_text(c, s->contact, "contact", 0, 100, false)) ||
	    (e = contract_check_text(c, s->hours, "hours", 0, 100, false)) ||
	    (e = contract_check_text(c, s->place, "place", 0, 200, false)))
		return e;
	return GH_OK;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static int bind_item(struct stmt *st, const struct service_item *s, int first)
{
	return store_bind_text(st, first, s->title) | store_bind_text(st, first + 1, s->category) |
	       store_bind_text(st, first + 2, s->description) | store_bind_text(st, first + 3, nonempty(s->audience)) |
	       store_bind_text(st, first + 4, nonempty(s->contact)) |
	       store_bind_text(st, first + 5, nonempty(s->hours)) | store_bind_text(st, first + 6, nonempty(s->place)) |
	       store_bind_i64(st, first + 7, s->active ? 1 : 0);
}

enum gh_err service_item_create(struct ctx *c, const struct service_input *in, struct service_item *out)
{
	enum gh_err e;
	if (in->org_id <= 0)
		return gh_fail_set(&c->fail, GH_EMISSING, "org_id", "请选择提供服务的工会", "the union is required");
	struct service_item s = {.title = in->title,
	                         .category = in->category,
	                         .description = in->description,
	                         .audience = in->audience,
	                         .contact = in->contact,
	                         .hours = in->hours,
	                         .place = in->place,
	                         .active = in->active != 0};
	if ((e = check_item(c, &s)))
		return e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct org o;
	if ((e = org_get(c, in->org_id, &o))) {
		c->fail.field = "org_id";
		goto fail;
	}
	int64_t id = ids_next(c->db, 1);
	if (id < 0)
		goto io;
	struct stmt *st = store_query(c->db, SQ_SERVICE_INSERT, "iit", id, o.id, o.path);
	if (!st)
		goto io;
	int br = bind_item(st, &s, 4) | store_bind_i64(st, 12, in->demo ? 1 : 0) | store_bind_i64(st, 13, clock_now());
	int r = br ? STORE_ERROR : store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	const char *detail = arena_printf(c->a, "{\"category\":\"%s\"}", s.category);
	if (audit_write(c, "service_item.create", "service_item", id, o.path, detail) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return service_item_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err service_item_update(struct ctx *c, int64_t id, const struct service_input *in, struct service_item *out)
{
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct service_item s;
	if ((e = get_in_scope(c, id, &s)))
		goto fail;
	if (in->title)
		s.title = in->title;
	if (in->category)
		s.category = in->category;
	if (in->description)
		s.description = in->description;
	if (in->audience)
		s.audience = in->audience;
	if (in->contact)
		s.contact = in->contact;
	if (in->hours)
		s.hours = in->hours;
	if (in->place)
		s.place = in->place;
	if (in->active >= 0)
		s.active = in->active != 0;
	if ((e = check_item(c, &s)))
		goto fail;
	struct stmt *st = store_query(c->db, SQ_SERVICE_UPDATE, "i", id);
	if (!st)
		goto io;
	int br = bind_item(st, &s, 2) | store_bind_i64(st, 10, clock_now());
	int r = br ? STORE_ERROR : store_step(st);
	store_reset(st);
	if (r != STORE_DONE || audit_write(c, "service_item.update", "service_item", id, s.path, NULL) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return service_item_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err service_item_delete(struct ctx *c, int64_t id)
{
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct service_item s;
	if ((e = get_in_scope(c, id, &s)))
		goto fail;
	const char *detail = arena_printf(c->a, "{\"org_id\":%" PRId64 "}", s.org_id);
	if (store_run(c->db, SQ_SERVICE_DELETE, "i", id) != 0 ||
	    audit_write(c, "service_item.delete", "service_item", id, s.path, detail) < 0)
		goto io;
	return tx_commit(c) < 0 ? io_fail(c) : GH_OK;
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

static enum gh_err check_category_filter(struct ctx *c, const char *category)
{
	if (category && !service_category_label(category, true))
		return gh_fail_set(&c->fail, GH_EINVAL, "category", "没有这个服务类别", "no such category");
	return GH_OK;
}

enum gh_err service_item_list(struct ctx *c, const struct service_filter *f, int64_t offset, int64_t limit,
                              struct service_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (c->who->role == ROLE_MEMBER)
		return gh_fail_set(&c->fail, GH_EFORBIDDEN, NULL, "会员请查看本会的服务项目（for=me）",
		                   "members see their own union's items (for=me)");
	enum gh_err e = check_category_filter(c, f->category);
	if (e)
		return e;
	const char *lo, *hi;
	if ((e = org_scope_range(c, f->org, &lo, &hi)))
		return e;
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return no_memory(c);
	int64_t own = f->own ? 1 : 0;
	if (store_one_i64(c->db, &out->total, SQ_SERVICE_LIST_COUNT, "tttii", lo, hi, f->category, (int64_t)f->active,
	                  own) < 0)
		return io_fail(c);
	struct stmt *st = store_query(c->db, SQ_SERVICE_LIST, "tttiiii", lo, hi, f->category, (int64_t)f->active, own,
	                              limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		service_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

/* Binds the ancestor paths of path ("/1/32/3207/") to ?1 … ?12, the rest NULL. */
static int bind_ancestors(struct ctx *c, struct stmt *st, const char *path)
{
	int k = 0, r = 0;
	for (size_t i = 1; path && path[i] && k < MAX_LEVELS; i++) {
		if (path[i] != '/')
			continue;
		char *p = arena_alloc(c->a, i + 2);
		if (!p)
			return -1;
		memcpy(p, path, i + 1);
		p[i + 1] = 0;
		r |= store_bind_text(st, ++k, p);
	}
	while (k < MAX_LEVELS)
		r |= store_bind_null(st, ++k);
	return r;
}

enum gh_err service_item_mine(struct ctx *c, const char *category, int64_t offset, int64_t limit,
                              struct service_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	enum gh_err e = check_category_filter(c, category);
	if (e)
		return e;
	const char *ref;
	if ((e = reference_path(c, &ref, &out->union_id, &out->union_name)))
		return e;
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return no_memory(c);
	if (!ref)
		return GH_OK; /* not (or no longer) a member of any union: nothing to show */
	struct stmt *st = store_prepare(c->db, SQ_SERVICE_OF_PATHS_COUNT);
	if (!st)
		return io_fail(c);
	int br = bind_ancestors(c, st, ref) | store_bind_text(st, 13, category);
	int r = br ? STORE_ERROR : store_step(st);
	if (r == STORE_ROW)
		out->total = store_col_i64(st, 0);
	store_reset(st);
	if (r != STORE_ROW)
		return io_fail(c);
	if (!(st = store_prepare(c->db, SQ_SERVICE_OF_PATHS_LIST)))
		return io_fail(c);
	br = bind_ancestors(c, st, ref) | store_bind_text(st, 13, category) | store_bind_i64(st, 14, limit) |
	     store_bind_i64(st, 15, offset);
	if (br) {
		store_reset(st);
		return io_fail(c);
	}
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		service_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}
