/*
 * The case engine (flow.h): creating, reading, listing and moving cases of any registered type,
 * deadlines, overdue marks and escalation. Nothing here knows a particular type.
 */
#include "domain/flow.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/time.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

static enum gh_err case_not_found(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "事项不存在", "no such case");
}

void flow_case_release(struct flow_case *k)
{
	json_decref(k->payload);
	k->payload = NULL;
}

static bool is_closed(const struct flow_type *t, const char *state)
{
	for (const char *const *s = t->closed; s && *s; s++)
		if (!strcmp(*s, state))
			return true;
	return false;
}

static bool is_member(const struct ctx *c)
{
	return c->who->role == ROLE_MEMBER;
}

static void case_read_row(struct ctx *c, struct stmt *st, struct flow_case *k, const char **related)
{
	memset(k, 0, sizeof(*k));
	k->id = store_col_i64(st, 0);
	k->type = arena_strdup(c->a, store_col_text(st, 1));
	k->state = arena_strdup(c->a, store_col_text(st, 2));
	k->org_id = store_col_i64(st, 3);
	k->org_name = arena_strdup(c->a, store_col_text(st, 4));
	k->path = arena_strdup(c->a, store_col_text(st, 5));
	k->person_id = store_col_null(st, 6) ? 0 : store_col_i64(st, 6);
	k->applicant_id = store_col_null(st, 7) ? 0 : store_col_i64(st, 7);
	k->deadline = store_col_null(st, 8) ? 0 : store_col_i64(st, 8);
	k->supervised = store_col_i64(st, 9) != 0;
	k->escalations = (int)store_col_i64(st, 10);
	k->payload = json_loads(store_col_text(st, 11), 0, NULL);
	if (!k->payload)
		k->payload = json_object();
	k->created_at = store_col_i64(st, 12);
	k->updated_at = store_col_i64(st, 13);
	k->closed_at = store_col_null(st, 14) ? 0 : store_col_i64(st, 14);
	if (related)
		*related = store_col_null(st, 15) ? NULL : arena_strdup(c->a, store_col_text(st, 15));
	k->overdue = !k->closed_at && k->deadline && k->deadline < clock_now();
}

/* May the caller see k? Staff: the handling or related organisation lies in their scope (or
 * the type says so); members: they opened it or it is about them. */
static bool can_see(struct ctx *c, const struct flow_case *k, const char *related)
{
	if (is_member(c))
		return (k->applicant_id && k->applicant_id == c->who->id) ||
		       (k->person_id && k->person_id == c->who->person_id);
	if (!role_can(c->who->role, CAP_CASE_READ))
		return false;
	if (scope_contains(c->who->path, k->path) || (related && scope_contains(c->who->path, related)))
		return true;
	const struct flow_type *t = flow_type_find(k->type);
	return t && t->visible && t->visible(c, k);
}

int flow_event_add(struct ctx *c, int64_t case_id, const char *action, const char *from, const char *to, int64_t org_id,
                   const char *note)
{
	return store_run(c->db, SQ_CASE_EVENT_INSERT, "iiittttit", case_id, clock_now(), c->who ? c->who->id : 0,
	                 c->who ? c->who->name : "", action, from, to, org_id, note) == 0
	               ? 0
	               : -1;
}

/* Loads a case without a visibility check (inside a transaction). 1 found, 0 none, -1 error. */
static int load(struct ctx *c, int64_t id, struct flow_case *k, const char **related)
{
	struct stmt *st = store_query(c->db, SQ_CASE_GET, "i", id);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW)
		case_read_row(c, st, k, related);
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

int flow_sweep(struct ctx *c)
{
	/* Each open case past its deadline is taken up once: marked supervised (督办) and, when its
	 * type escalates, handed to the federation above. Its deadline stays, so it stays overdue. */
	int64_t now = clock_now(), any = 0;
	if (store_one_i64(c->db, &any, SQ_CASE_OVERDUE_ANY, "i", now) < 0)
		return -1;
	if (!any)
		return 0;
	if (tx_begin(c) < 0)
		return -1;
	struct stmt *st = store_query(c->db, SQ_CASE_OVERDUE, "i", now);
	if (!st) {
		tx_rollback(c);
		return -1;
	}
	struct due {
		int64_t id, org;
		const char *type, *path, *state;
	} *due = arena_alloc(c->a, sizeof(*due) * 500);
	int n = 0, r;
	while (due && (r = store_step(st)) == STORE_ROW && n < 500) {
		due[n].id = store_col_i64(st, 0);
		due[n].type = arena_strdup(c->a, store_col_text(st, 1));
		due[n].org = store_col_i64(st, 2);
		due[n].path = arena_strdup(c->a, store_col_text(st, 3));
		due[n].state = arena_strdup(c->a, store_col_text(st, 4));
		n++;
	}
	store_reset(st);
	const struct actor *saved = c->who;
	static const struct actor system = {.id = 0, .name = "system", .role = ROLE_ADMIN, .org_id = 0, .path = "/"};
	c->who = &system;
	int done = 0;
	for (int i = 0; i < n; i++) {
		const struct flow_type *t = flow_type_find(due[i].type);
		struct org o, p;
		if (org_load(c, due[i].org, &o) != GH_OK)
			goto fail;
		bool up = t && t->escalate && o.parent_id && org_load(c, o.parent_id, &p) == GH_OK;
		const struct org *to = up ? &p : &o;
		if (store_run(c->db, SQ_CASE_ESCALATE, "iitii", due[i].id, to->id, to->path, (int64_t)(up ? 1 : 0),
		              now) != 0 ||
		    flow_event_add(c, due[i].id, up ? "escalate" : "supervise", due[i].state, due[i].state, to->id,
		                   up ? arena_printf(c->a, "超期未办，升级至%s督办", to->name) : "超期未办，列入督办") <
		            0)
			goto fail;
		if (up &&
		    (stats_add(c, o.path, STAT_OPEN_CASES, -1) < 0 || stats_add(c, p.path, STAT_OPEN_CASES, 1) < 0 ||
		     audit_write(c, "case.escalate", "case", due[i].id, p.path, NULL) < 0))
			goto fail;
		done += up;
	}
	c->who = saved;
	if (tx_commit(c) < 0)
		return -1;
	return done;
fail:
	c->who = saved;
	tx_rollback(c);
	return -1;
}

enum gh_err flow_create(struct ctx *c, json_t *body, struct flow_case *out)
{
	json_t *jt = json_object_get(body, "type");
	if (!jt || json_is_null(jt))
		return gh_fail_set(&c->fail, GH_EMISSING, "type", "请指定事项类型", "the case type is required");
	const struct flow_type *t = json_is_string(jt) ? flow_type_find(json_string_value(jt)) : NULL;
	if (!t)
		return gh_fail_set(&c->fail, GH_EINVAL, "type", "没有这种事项类型", "no such case type");
	if (flow_sweep(c) < 0 || tx_begin(c) < 0)
		return io_fail(c);
	struct flow_new nw = {0};
	enum gh_err e = t->create(c, t, body, &nw);
	if (e)
		goto fail;
	struct org o;
	if ((e = org_load(c, nw.org_id, &o)))
		goto fail;
	const char *related = NULL;
	json_t *from = json_object_get(nw.payload, "from_org_path");
	if (json_is_string(from))
		related = arena_strdup(c->a, json_string_value(from));
	int64_t id = ids_next(c->db, 1), now = clock_now();
	char *text = json_dumps(nw.payload, JSON_COMPACT | JSON_SORT_KEYS);
	if (id < 0 || !text) {
		free(text);
		goto io;
	}
	int64_t deadline = t->deadline_seconds ? now + t->deadline_seconds : 0;
	struct stmt *st = store_prepare(c->db, SQ_CASE_INSERT);
	if (!st) {
		free(text);
		goto io;
	}
	store_bind_i64(st, 1, id);
	store_bind_text(st, 2, t->token);
	store_bind_text(st, 3, t->initial);
	store_bind_i64(st, 4, o.id);
	store_bind_text(st, 5, o.path);
	store_bind_text(st, 6, related);
	nw.person_id ? store_bind_i64(st, 7, nw.person_id) : store_bind_null(st, 7);
	c->who->id ? store_bind_i64(st, 8, c->who->id) : store_bind_null(st, 8);
	deadline ? store_bind_i64(st, 9, deadline) : store_bind_null(st, 9);
	store_bind_text(st, 10, text);
	store_bind_i64(st, 11, now);
	int r = store_step(st);
	store_reset(st);
	free(text);
	if (r != STORE_DONE || flow_event_add(c, id, "create", NULL, t->initial, o.id, NULL) < 0 ||
	    stats_add(c, o.path, STAT_OPEN_CASES, 1) < 0 ||
	    audit_write(c, "case.create", "case", id, o.path, arena_printf(c->a, "{\"type\":\"%s\"}", t->token)) < 0)
		goto io;
	if (tx_commit(c) < 0) {
		json_decref(nw.payload);
		return io_fail(c);
	}
	json_decref(nw.payload);
	return flow_get(c, id, out, NULL, NULL);
io:
	e = io_fail(c);
fail:
	json_decref(nw.payload);
	tx_rollback(c);
	return e;
}

enum gh_err flow_get(struct ctx *c, int64_t id, struct flow_case *out, struct flow_event **ev, int *n_ev)
{
	if (flow_sweep(c) < 0)
		return io_fail(c);
	const char *related = NULL;
	int r = load(c, id, out, &related);
	if (r < 0)
		return io_fail(c);
	if (r == 0)
		return case_not_found(c);
	if (!can_see(c, out, related)) {
		flow_case_release(out);
		return case_not_found(c);
	}
	if (!ev)
		return GH_OK;
	*n_ev = 0;
	*ev = arena_alloc(c->a, sizeof(**ev) * 256);
	if (!*ev) {
		flow_case_release(out);
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	}
	struct stmt *st = store_query(c->db, SQ_CASE_EVENTS, "i", id);
	if (!st) {
		flow_case_release(out);
		return io_fail(c);
	}
	while ((r = store_step(st)) == STORE_ROW && *n_ev < 256) {
		struct flow_event *e = &(*ev)[(*n_ev)++];
		e->id = store_col_i64(st, 0);
		e->at = store_col_i64(st, 1);
		e->actor_id = store_col_i64(st, 2);
		e->actor = arena_strdup(c->a, store_col_text(st, 3));
		e->action = arena_strdup(c->a, store_col_text(st, 4));
		e->from_state = store_col_null(st, 5) ? NULL : arena_strdup(c->a, store_col_text(st, 5));
		e->to_state = arena_strdup(c->a, store_col_text(st, 6));
		e->org_id = store_col_i64(st, 7);
		e->note = store_col_null(st, 8) ? NULL : arena_strdup(c->a, store_col_text(st, 8));
	}
	store_reset(st);
	if (r == STORE_ERROR) {
		flow_case_release(out);
		return io_fail(c);
	}
	return GH_OK;
}

enum gh_err flow_list(struct ctx *c, const struct flow_filter *f, int64_t offset, int64_t limit, struct flow_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	if (f->type && !flow_type_find(f->type))
		return gh_fail_set(&c->fail, GH_EINVAL, "type", "没有这种事项类型", "no such case type");
	if (flow_sweep(c) < 0)
		return io_fail(c);
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	int64_t now = clock_now();
	struct stmt *st;
	if (is_member(c) || f->mine) {
		if (store_one_i64(c->db, &out->total, SQ_CASE_LIST_MINE_COUNT, "iittii", c->who->id, c->who->person_id,
		                  f->type, f->state, (int64_t)f->overdue, now) < 0)
			return io_fail(c);
		st = store_query(c->db, SQ_CASE_LIST_MINE, "iittiiii", c->who->id, c->who->person_id, f->type, f->state,
		                 (int64_t)f->overdue, now, limit, offset);
	} else {
		const char *lo, *hi;
		enum gh_err e = org_scope_range(c, f->org, &lo, &hi);
		if (e)
			return e;
		if (store_one_i64(c->db, &out->total, SQ_CASE_LIST_COUNT, "ttttii", lo, hi, f->type, f->state,
		                  (int64_t)f->overdue, now) < 0)
			return io_fail(c);
		st = store_query(c->db, SQ_CASE_LIST, "ttttiiii", lo, hi, f->type, f->state, (int64_t)f->overdue, now,
		                 limit, offset);
	}
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		case_read_row(c, st, &out->items[out->n++], NULL);
	store_reset(st);
	if (r == STORE_ERROR) {
		for (int64_t i = 0; i < out->n; i++)
			flow_case_release(&out->items[i]);
		out->n = 0;
		return io_fail(c);
	}
	return GH_OK;
}

/* Is the caller the party p of case k? */
static bool is_party(struct ctx *c, const struct flow_case *k, unsigned parties)
{
	if ((parties & FLOW_APPLICANT) &&
	    ((k->applicant_id && k->applicant_id == c->who->id) || (k->person_id && c->who->person_id == k->person_id)))
		return true;
	if (is_member(c) || !role_can(c->who->role, CAP_CASE_HANDLE))
		return false;
	if ((parties & FLOW_HANDLER) && scope_contains(c->who->path, k->path))
		return true;
	if (parties & FLOW_SENDER) {
		json_t *from = json_object_get(k->payload, "from_org_path");
		if (json_is_string(from) && scope_contains(c->who->path, json_string_value(from)))
			return true;
	}
	return false;
}

enum gh_err flow_act(struct ctx *c, int64_t id, json_t *body, struct flow_case *out)
{
	json_t *ja = json_object_get(body, "action");
	if (!ja || json_is_null(ja))
		return gh_fail_set(&c->fail, GH_EMISSING, "action", "请指定操作", "the action is required");
	if (!json_is_string(ja) || json_string_length(ja) > 32)
		return gh_fail_set(&c->fail, GH_EINVAL, "action", "操作应为字符串", "the action must be a string");
	const char *action = json_string_value(ja);
	json_t *jr = json_object_get(body, "reason");
	const char *reason = json_is_string(jr) ? json_string_value(jr) : NULL;
	if (jr && !json_is_null(jr) && (!reason || json_string_length(jr) > 1000))
		return gh_fail_set(&c->fail, GH_EINVAL, "reason", "原因应为不超过 1000 字节的文字",
		                   "the reason must be text of at most 1000 bytes");
	/* The deadlines first: an overdue case may have moved to the federation above. */
	if (flow_sweep(c) < 0 || tx_begin(c) < 0)
		return io_fail(c);
	struct flow_case k;
	const char *related = NULL;
	enum gh_err e;
	int r = load(c, id, &k, &related);
	if (r <= 0) {
		tx_rollback(c);
		return r < 0 ? io_fail(c) : case_not_found(c);
	}
	if (!can_see(c, &k, related)) {
		e = case_not_found(c);
		goto fail;
	}
	const struct flow_type *t = flow_type_find(k.type);
	if (!t) {
		e = io_fail(c);
		goto fail;
	}
	/* Known action of this type? May the caller take it at all? From this state? */
	bool known = false, allowed = false;
	const struct flow_transition *tr = NULL;
	bool open = !is_closed(t, k.state);
	for (int i = 0; i < t->n_transitions; i++) {
		const struct flow_transition *x = &t->transitions[i];
		if (strcmp(x->action, action))
			continue;
		known = true;
		if (!is_party(c, &k, x->parties))
			continue;
		allowed = true;
		if ((!strcmp(x->from, "*") && open) || !strcmp(x->from, k.state)) {
			tr = x;
			break;
		}
	}
	if (!known) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "action",
		                arena_printf(c->a, "%s不能进行「%s」操作", t->zh, action),
		                arena_printf(c->a, "a %s case has no action '%s'", t->en, action));
		goto fail;
	}
	if (!allowed) {
		e = gh_fail_set(&c->fail, GH_EFORBIDDEN, "action", "无权对该事项执行此操作",
		                "you may not take this action on the case");
		goto fail;
	}
	if (!tr) {
		e = gh_fail_set(&c->fail, GH_ECONFLICT, "action",
		                arena_printf(c->a, "事项当前状态（%s）不允许此操作", flow_state_label(k.state, true)),
		                arena_printf(c->a, "the case's state (%s) does not allow this action",
		                             flow_state_label(k.state, false)));
		goto fail;
	}
	if (tr->needs_reason && (!reason || !*reason)) {
		e = gh_fail_set(&c->fail, GH_EMISSING, "reason", "请填写原因", "a reason is required");
		goto fail;
	}
	if (tr->apply && (e = tr->apply(c, t, &k, body)))
		goto fail;
	int64_t now = clock_now();
	bool closes = is_closed(t, tr->to);
	char *text = json_dumps(k.payload, JSON_COMPACT | JSON_SORT_KEYS);
	int rc = text ? store_run(c->db, SQ_CASE_SET_PAYLOAD, "it", k.id, text) : -1;
	free(text);
	struct stmt *st = store_prepare(c->db, SQ_CASE_SET_STATE);
	if (rc != 0 || !st)
		goto io;
	store_bind_i64(st, 1, k.id);
	store_bind_text(st, 2, tr->to);
	store_bind_i64(st, 3, now);
	closes ? store_bind_i64(st, 4, now) : store_bind_null(st, 4);
	r = store_step(st);
	store_reset(st);
	if (r != STORE_DONE || flow_event_add(c, k.id, tr->action, k.state, tr->to, k.org_id, reason) < 0 ||
	    (closes && stats_add(c, k.path, STAT_OPEN_CASES, -1) < 0) ||
	    audit_write(c, arena_printf(c->a, "case.%s", tr->action), "case", k.id, k.path, NULL) < 0)
		goto io;
	flow_case_release(&k);
	if (tx_commit(c) < 0)
		return io_fail(c);
	return flow_get(c, id, out, NULL, NULL);
io:
	e = io_fail(c);
fail:
	flow_case_release(&k);
	tx_rollback(c);
	return e;
}
