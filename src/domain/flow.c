/*
 * The case engine (flow.h): creating, reading, listing and moving cases of any registered type,
 * deadlines, overdue marks and escalation. Nothing here knows a particular type.
 */
#include "domain/flow.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth/audit.h"
#include "auth/keys.h"
#include "auth/pii.h"
#include "auth/scope.h"
#include "base/time.h"
#include "domain/org.h"
#include "domain/province.h"
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
	json_decref(k->secret);
	k->secret = NULL;
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

/* A case's contributions to its type's counters: n pairs (metric, value). */
static int contrib(const struct flow_type *t, const struct flow_case *k, int *metric, int64_t *val)
{
	if (!t || !t->stat_base)
		return 0;
	bool closed = is_closed(t, k->state);
	int n = 0;
	metric[n] = t->stat_base + (closed ? 1 : 0);
	val[n++] = 1;
	if (t->figure) {
		int64_t f[FLOW_MAX_FIGURES] = {0};
		t->figure(k, f);
		for (int i = 0; i < FLOW_MAX_FIGURES && t->figures && t->figures[i]; i++)
			if (f[i]) {
				metric[n] = t->stat_base + 2 + i;
				val[n++] = f[i];
			}
	}
	return n;
}

/* Adds (sign +1) or takes away (-1) a case's contributions at path. 0 or -1. */
static int count_case(struct ctx *c, const struct flow_type *t, const struct flow_case *k, const char *path, int sign)
{
	int metric[2 + FLOW_MAX_FIGURES];
	int64_t val[2 + FLOW_MAX_FIGURES];
	int n = contrib(t, k, metric, val);
	for (int i = 0; i < n; i++)
		if (stats_add(c, path, metric[i], sign * val[i]) < 0)
			return -1;
	return 0;
}

int flow_stat_contrib(const char *type, const char *state, bool closed, json_t *payload, int *metric, int64_t *val)
{
	const struct flow_type *t = flow_type_find(type);
	if (!t)
		return 0;
	int n = 0;
	if (closed == false) {
		metric[n] = STAT_OPEN_CASES;
		val[n++] = 1;
	}
	struct flow_case k = {.type = type, .state = state, .payload = payload ? payload : json_object()};
	n += contrib(t, &k, metric + n, val + n);
	if (!payload)
		json_decref(k.payload);
	return n;
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
	size_t n = 0;
	const void *b = store_col_null(st, 16) ? NULL : store_col_blob(st, 16, &n);
	unsigned char *copy = b && n ? arena_alloc(c->a, n) : NULL;
	if (copy) {
		memcpy(copy, b, n);
		k->sealed = copy;
		k->sealed_len = n;
	}
	k->province = (int)store_col_i64(st, 17);
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

/* Loads a case without a visibility check (inside a transaction), looked for in province first
 * (its partition: -1 or not found there, by id alone). 1 found, 0 none, -1 error. */
static int load(struct ctx *c, int64_t id, int province, struct flow_case *k, const char **related)
{
	for (int pass = province < 0; pass < 2; pass++) {
		struct stmt *st = pass ? store_query(c->db, SQ_CASE_GET_ANY, "i", id)
		                       : store_query(c->db, SQ_CASE_GET, "ii", id, (int64_t)province);
		if (!st)
			return -1;
		int r = store_step(st);
		if (r == STORE_ROW)
			case_read_row(c, st, k, related);
		store_reset(st);
		if (r != STORE_DONE)
			return r == STORE_ROW ? 1 : -1;
	}
	return 0;
}

static enum gh_err get_in(struct ctx *c, int64_t id, int province, struct flow_case *out, struct flow_event **ev,
                          int *n_ev);

/* Moves the counters of case k from one subtree to another. 0 or -1. */
static int move_counters(struct ctx *c, const struct flow_type *t, const struct flow_case *k, const char *from,
                         const char *to)
{
	bool open = !is_closed(t, k->state);
	return count_case(c, t, k, from, -1) < 0 || count_case(c, t, k, to, 1) < 0 ||
	                       (open && (stats_add(c, from, STAT_OPEN_CASES, -1) < 0 ||
	                                 stats_add(c, to, STAT_OPEN_CASES, 1) < 0))
	               ? -1
	               : 0;
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
	int64_t *due = arena_alloc(c->a, sizeof(*due) * 500 * 2); /* id, province */
	int n = 0, r;
	while (due && (r = store_step(st)) == STORE_ROW && n < 500) {
		due[2 * n] = store_col_i64(st, 0);
		due[2 * n++ + 1] = store_col_i64(st, 1);
	}
	store_reset(st);
	const struct actor *saved = c->who;
	static const struct actor system = {.id = 0, .name = "system", .role = ROLE_ADMIN, .org_id = 0, .path = "/"};
	c->who = &system;
	int done = 0;
	for (int i = 0; i < n; i++) {
		struct flow_case k;
		const char *related = NULL;
		if (load(c, due[2 * i], (int)due[2 * i + 1], &k, &related) <= 0)
			goto fail;
		const struct flow_type *t = flow_type_find(k.type);
		struct org o, p;
		if (org_load(c, k.org_id, &o) != GH_OK) {
			flow_case_release(&k);
			goto fail;
		}
		bool up = t && t->escalate && o.parent_id && org_load(c, o.parent_id, &p) == GH_OK;
		const struct org *to = up ? &p : &o;
		const char *from_path = k.path;
		int rc = store_run(c->db, SQ_CASE_ESCALATE, "iitiiii", k.id, to->id, to->path, (int64_t)(up ? 1 : 0),
		                   now, (int64_t)province_of(to->division), (int64_t)k.province);
		if (rc == 0 && up)
			rc = move_counters(c, t, &k, from_path, to->path) < 0 ||
			                     audit_write(c, "case.escalate", "case", k.id, to->path, NULL) < 0
			             ? -1
			             : 0;
		if (rc == 0)
			rc = flow_event_add(c, k.id, up ? "escalate" : "supervise", k.state, k.state, to->id,
			                    up ? arena_printf(c->a, "超期未办，升级至%s督办", to->name)
			                       : "超期未办，列入督办");
		flow_case_release(&k);
		if (rc < 0)
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

enum gh_err flow_secret_load(struct ctx *c, struct flow_case *k)
{
	if (k->secret)
		return GH_OK;
	if (!k->sealed) {
		k->secret = json_object();
		return k->secret ? GH_OK : gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	}
	char *text = pii_open_text(&keys_current, PII_SENSITIVE, k->sealed, k->sealed_len);
	k->secret = text ? json_loads(text, 0, NULL) : NULL;
	if (text)
		sodium_memzero(text, strlen(text));
	free(text);
	if (!k->secret)
		return gh_fail_set(&c->fail, GH_EIO, NULL, "敏感信息无法解密",
		                   "the sensitive part could not be opened");
	return GH_OK;
}

bool flow_is_anonymous(const struct flow_case *k)
{
	return json_is_true(json_object_get(k->payload, "anonymous"));
}

bool flow_is_applicant(const struct ctx *c, const struct flow_case *k)
{
	return (k->applicant_id && k->applicant_id == c->who->id) ||
	       (k->person_id && c->who->person_id && k->person_id == c->who->person_id);
}

json_t *flow_secret_reveal(struct ctx *c, struct flow_case *k)
{
	const struct flow_type *t = flow_type_find(k->type);
	if (!t || !k->sealed)
		return NULL;
	bool mine = flow_is_applicant(c, k);
	bool handler = !is_member(c) && t->secret_cap != CAP_NONE && role_can(c->who->role, t->secret_cap) &&
	               scope_contains(c->who->path, k->path) && !flow_is_anonymous(k);
	if (!mine && !handler)
		return NULL;
	if (flow_secret_load(c, k) != GH_OK)
		return NULL;
	/* each reading is on the record, in the case's place */
	if (tx_begin(c) < 0)
		return NULL;
	if (audit_write(c, "case.reveal", "case", k->id, k->path, NULL) < 0 || tx_commit(c) < 0) {
		tx_rollback(c);
		return NULL;
	}
	return json_incref(k->secret);
}

/* Seals k->secret into the case row. 0 or -1. */
static int store_secret(struct ctx *c, int64_t id, int province, json_t *secret)
{
	char *text = json_dumps(secret, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text)
		return -1;
	size_t n = 0;
	unsigned char *sealed = pii_seal_text(&keys_current, PII_SENSITIVE, text, &n);
	sodium_memzero(text, strlen(text));
	free(text);
	if (!sealed)
		return -1;
	struct stmt *st = store_prepare(c->db, SQ_CASE_SET_SECRET);
	int r = STORE_ERROR;
	if (st) {
		store_bind_i64(st, 1, id);
		store_bind_blob(st, 2, sealed, n);
		store_bind_i64(st, 3, province);
		r = store_step(st);
		store_reset(st);
	}
	free(sealed);
	return r == STORE_DONE ? 0 : -1;
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
	int64_t deadline = nw.deadline ? nw.deadline : t->deadline_seconds ? now + t->deadline_seconds : 0;
	unsigned char *sealed = NULL;
	size_t sealed_len = 0;
	if (nw.secret) {
		char *plain = json_dumps(nw.secret, JSON_COMPACT | JSON_SORT_KEYS);
		sealed = plain ? pii_seal_text(&keys_current, PII_SENSITIVE, plain, &sealed_len) : NULL;
		if (plain)
			sodium_memzero(plain, strlen(plain));
		free(plain);
		if (!sealed) {
			free(text);
			goto io;
		}
	}
	struct stmt *st = store_prepare(c->db, SQ_CASE_INSERT);
	if (!st) {
		free(text);
		free(sealed);
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
	sealed ? store_bind_blob(st, 12, sealed, sealed_len) : store_bind_null(st, 12);
	store_bind_i64(st, 13, province_of(o.division)); /* the handling organisation's */
	int r = store_step(st);
	store_reset(st);
	free(text);
	free(sealed);
	struct flow_case fresh = {.id = id, .type = t->token, .state = t->initial, .payload = nw.payload};
	if (r != STORE_DONE || flow_event_add(c, id, "create", NULL, t->initial, o.id, NULL) < 0 ||
	    stats_add(c, o.path, STAT_OPEN_CASES, 1) < 0 || count_case(c, t, &fresh, o.path, 1) < 0 ||
	    audit_write(c, "case.create", "case", id, o.path, arena_printf(c->a, "{\"type\":\"%s\"}", t->token)) < 0)
		goto io;
	json_decref(nw.payload);
	json_decref(nw.secret);
	if (tx_commit(c) < 0)
		return io_fail(c);
	return get_in(c, id, province_of(o.division), out, NULL, NULL);
io:
	e = io_fail(c);
fail:
	json_decref(nw.payload);
	json_decref(nw.secret);
	tx_rollback(c);
	return e;
}

/* flow_get, the case looked for in province first (load). */
static enum gh_err get_in(struct ctx *c, int64_t id, int province, struct flow_case *out, struct flow_event **ev,
                          int *n_ev)
{
	if (flow_sweep(c) < 0)
		return io_fail(c);
	const char *related = NULL;
	int r = load(c, id, province, out, &related);
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

enum gh_err flow_get(struct ctx *c, int64_t id, struct flow_case *out, struct flow_event **ev, int *n_ev)
{
	return get_in(c, id, province_of_scope(c), out, ev, n_ev);
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
		if (store_one_i64(c->db, &out->total, SQ_CASE_LIST_MINE_COUNT, "iittiii", c->who->id, c->who->person_id,
		                  f->type, f->state, (int64_t)f->overdue, now, (int64_t)f->supervised) < 0)
			return io_fail(c);
		st = store_query(c->db, SQ_CASE_LIST_MINE, "iittiiiii", c->who->id, c->who->person_id, f->type,
		                 f->state, (int64_t)f->overdue, now, (int64_t)f->supervised, limit, offset);
	} else {
		const char *lo, *hi;
		enum gh_err e = org_scope_range(c, f->org, &lo, &hi);
		if (e)
			return e;
		if (store_one_i64(c->db, &out->total, SQ_CASE_LIST_COUNT, "ttttiii", lo, hi, f->type, f->state,
		                  (int64_t)f->overdue, now, (int64_t)f->supervised) < 0)
			return io_fail(c);
		st = store_query(c->db, SQ_CASE_LIST, "ttttiiiii", lo, hi, f->type, f->state, (int64_t)f->overdue, now,
		                 (int64_t)f->supervised, limit, offset);
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
	/* the note of the history: the reason, else the reply's text, else a note */
	const char *note = reason;
	for (const char *const *key = (const char *const[]){"text", "note", NULL}; *key; key++) {
		json_t *jn = json_object_get(body, *key);
		if (!jn || json_is_null(jn))
			continue;
		if (!json_is_string(jn) || json_string_length(jn) > 4000)
			return gh_fail_set(&c->fail, GH_EINVAL, *key, "应为不超过 4000 字节的文字",
			                   "must be text of at most 4000 bytes");
		if (!note)
			note = json_string_value(jn);
	}
	/* The deadlines first: an overdue case may have moved to the federation above. */
	if (flow_sweep(c) < 0 || tx_begin(c) < 0)
		return io_fail(c);
	struct flow_case k;
	const char *related = NULL;
	enum gh_err e;
	int r = load(c, id, province_of_scope(c), &k, &related);
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
	/* the case's counters as it was go out; as it is after the action they come back in */
	if (count_case(c, t, &k, k.path, -1) < 0)
		goto io;
	const char *from_state = k.state;
	if (tr->apply && (e = tr->apply(c, t, &k, body)))
		goto fail;
	int64_t now = clock_now();
	const char *to_state = tr->to;
	if (k.next_state) {
		bool known_state = false;
		for (const char *const *st2 = t->states; st2 && *st2; st2++)
			if (!strcmp(*st2, k.next_state))
				known_state = true;
		if (!known_state)
			goto io;
		to_state = k.next_state;
	}
	bool closes = is_closed(t, to_state);
	char *text = json_dumps(k.payload, JSON_COMPACT | JSON_SORT_KEYS);
	int rc = text ? store_run(c->db, SQ_CASE_SET_PAYLOAD, "iti", k.id, text, (int64_t)k.province) : -1;
	free(text);
	if (rc == 0 && k.secret_dirty && k.secret)
		rc = store_secret(c, k.id, k.province, k.secret);
	struct stmt *st = store_prepare(c->db, SQ_CASE_SET_STATE);
	if (rc != 0 || !st)
		goto io;
	store_bind_i64(st, 1, k.id);
	store_bind_text(st, 2, to_state);
	store_bind_i64(st, 3, now);
	closes ? store_bind_i64(st, 4, now) : store_bind_null(st, 4);
	k.deadline ? store_bind_i64(st, 5, k.deadline) : store_bind_null(st, 5);
	store_bind_i64(st, 6, k.province);
	r = store_step(st);
	store_reset(st);
	if (r != STORE_DONE)
		goto io;
	const char *old_path = k.path;
	if (closes && stats_add(c, old_path, STAT_OPEN_CASES, -1) < 0)
		goto io;
	k.state = to_state;
	/* handed to another organisation (assign, routing down the tree) */
	if (k.route_to && k.route_to != k.org_id) {
		struct org to;
		if ((e = org_load(c, k.route_to, &to)))
			goto fail;
		if (store_run(c->db, SQ_CASE_ROUTE, "iitii", k.id, to.id, to.path, (int64_t)province_of(to.division),
		              (int64_t)k.province) != 0 ||
		    (!closes && (stats_add(c, old_path, STAT_OPEN_CASES, -1) < 0 ||
		                 stats_add(c, to.path, STAT_OPEN_CASES, 1) < 0)))
			goto io;
		k.org_id = to.id;
		k.path = arena_strdup(c->a, to.path);
		k.province = province_of(to.division);
	}
	if (count_case(c, t, &k, k.path, 1) < 0 ||
	    flow_event_add(c, k.id, tr->action, from_state, to_state, k.org_id, note) < 0 ||
	    audit_write(c, arena_printf(c->a, "case.%s", tr->action), "case", k.id, k.path, NULL) < 0)
		goto io;
	flow_case_release(&k);
	if (tx_commit(c) < 0)
		return io_fail(c);
	return get_in(c, id, k.province, out, NULL, NULL);
io:
	e = io_fail(c);
fail:
	flow_case_release(&k);
	tx_rollback(c);
	return e;
}

enum gh_err flow_stats(struct ctx *c, int64_t org_id, struct flow_type_stats *out)
{
	struct org o;
	enum gh_err e = org_load(c, org_id, &o);
	if (e)
		return e;
	if (!scope_contains(c->who->path, o.path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "组织不存在", "no such organisation");
	/* every type's counters in one read: the slots of the types lie side by side */
	int64_t *all = arena_alloc(c->a, sizeof(int64_t) * STAT_CASE_SLOTS);
	if (!all)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	if (stats_read_range(c->db, o.id, STAT_CASE_BASE, STAT_CASE_SLOTS, all) < 0)
		return io_fail(c);
	return flow_stats_of(c, o.path, all, out);
}

enum gh_err flow_stats_of(struct ctx *c, const char *path, const int64_t *all, struct flow_type_stats *out)
{
	int nt = flow_type_count();
	for (int i = 0; i < nt; i++) {
		const struct flow_type *t = flow_type_at(i);
		memset(&out[i], 0, sizeof(out[i]));
		out[i].type = t;
		int at = t->stat_base - STAT_CASE_BASE;
		if (!t->stat_base || at < 0 || at + 2 + FLOW_MAX_FIGURES > STAT_CASE_SLOTS)
			continue;
		out[i].open = all[at];
		out[i].closed = all[at + 1];
		memcpy(out[i].figures, all + at + 2, sizeof(out[i].figures));
	}
	/* overdue moves with the clock: counted from the open cases past their deadline (the
	 * organisation's subtree: path was checked in scope by the caller) */
	const char *hi = scope_hi(c->a, path);
	if (!hi)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	struct stmt *st = store_query(c->db, SQ_CASE_OVERDUE_BY_TYPE, "tti", path, hi, clock_now());
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW)
		for (int i = 0; i < nt; i++)
			if (!strcmp(out[i].type->token, store_col_text(st, 0)))
				out[i].overdue = store_col_i64(st, 1);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}
