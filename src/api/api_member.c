/*
 * /api/members: the roster of the caller's subtree, one member (masked, or revealed and audited),
 * lookup by full ID number, adding a member directly, status changes, activation codes; and
 * /api/my/…: a member's own membership, history and data.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/time.h"
#include "domain/card.h"
#include "domain/dues.h"
#include "domain/member.h"
#include "domain/tx.h"
#include "domain/vocab.h"
#include "json/json.h"

static void set_vocab(json_t *j, const char *key, enum vocab v, const char *token, bool zh)
{
	char lk[48];
	json_set_str(j, key, token);
	snprintf(lk, sizeof(lk), "%s_label", key);
	json_set_str(j, lk, token ? vocab_label(v, token, zh) : NULL);
}

json_t *api_member_json(struct api *a, const struct member *m)
{
	bool zh = a->c.zh;
	json_t *j = json_object();
	json_set_int(j, "id", m->id, false);
	json_set_int(j, "person_id", m->person_id, false);
	json_set_str(j, "member_no", m->member_no);
	json_set_str(j, "name", m->name);
	json_set_str(j, "sex", m->sex == 'F' ? "F" : "M");
	json_set_str(j, "birth_date", m->birth_date);
	json_set_str(j, "id_number", m->id_number);
	json_set_str(j, "phone", m->phone);
	json_object_set_new(j, "revealed", json_boolean(m->revealed));
	set_vocab(j, "ethnicity", VOCAB_ETHNICITY, m->ethnicity, zh);
	set_vocab(j, "political", VOCAB_POLITICAL, m->political, zh);
	set_vocab(j, "education", VOCAB_EDUCATION, m->education, zh);
	set_vocab(j, "household", VOCAB_HOUSEHOLD, m->household, zh);
	json_object_set_new(j, "migrant", json_boolean(m->migrant));
	set_vocab(j, "employment", VOCAB_EMPLOYMENT, m->employment, zh);
	set_vocab(j, "new_form", VOCAB_NEW_FORM, m->new_form, zh);
	set_vocab(j, "skill", VOCAB_SKILL, m->skill, zh);
	json_set_int(j, "org_id", m->org_id, false);
	json_set_str(j, "org_name", m->org_name);
	json_set_str(j, "joined_on", m->joined_on);
	set_vocab(j, "status", VOCAB_STATUS, m->status, zh);
	json_set_str(j, "status_on", m->status_on);
	json_set_str(j, "status_reason", m->status_reason);
	json_set_str(j, "via", m->via);
	json_object_set_new(j, "demo", json_boolean(m->demo));
	return j;
}

static json_t *member_list_json(struct api *a, const struct member_list *l)
{
	json_t *items = json_array();
	for (int64_t i = 0; i < l->n; i++)
		json_array_append_new(items, api_member_json(a, &l->items[i]));
	json_t *j = json_list(items, l->total, l->offset, l->limit);
	if (l->total_capped)
		json_object_set_new(j, "total_capped", json_true());
	return j;
}

void api_member_list(struct api *a)
{
	int64_t offset, limit, org = 0, after = 0;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org) ||
	    !api_query_int(a, "after", 1, JSON_INT_MAX, &after))
		return;
	struct member_list l;
	enum gh_err e = member_list_after(&a->c, org, http_query(a->req, "q"), http_query(a->req, "status"), after,
	                                  offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *j = member_list_json(a, &l);
	/* the cursor of the next page, when there may be one */
	json_set_int(j, "next_after", l.n ? l.items[l.n - 1].id : 0, l.n < limit || l.n == 0);
	api_reply(a, 200, j);
}

static bool want_reveal(struct api *a)
{
	const char *r = http_query(a->req, "reveal");
	return r && (!strcmp(r, "1") || !strcmp(r, "true"));
}

void api_member_get(struct api *a)
{
	struct member m;
	enum gh_err e = member_get(&a->c, a->params[0], want_reveal(a), &m);
	if (e)
		return api_fail(a, e);
	json_t *j = api_member_json(a, &m);
	struct member_event *ev;
	int n;
	if ((e = member_events(&a->c, m.id, &ev, &n)))
		return json_decref(j), api_fail(a, e);
	json_t *events = json_array();
	for (int i = 0; i < n; i++) {
		json_t *x = json_object();
		api_time(x, "at", ev[i].at);
		json_set_str(x, "on", ev[i].on_date);
		json_set_str(x, "from", ev[i].from_status);
		json_set_str(x, "to", ev[i].to_status);
		json_set_str(x, "reason", ev[i].reason);
		json_set_str(x, "actor", ev[i].actor);
		json_array_append_new(events, x);
	}
	json_object_set_new(j, "events", events);
	char code[16];
	if (role_can(a->c.who->role, CAP_MEMBER_WRITE) && member_activation_peek(&a->c, m.person_id, code) == 1)
		json_set_str(j, "activation_code", code);
	int acct = member_has_account(&a->c, m.person_id);
	if (acct < 0)
		return json_decref(j), api_fail(a, GH_EIO);
	json_object_set_new(j, "has_account", json_boolean(acct == 1));
	api_reply(a, 200, j);
}

void api_member_lookup(struct api *a)
{
	const char *idn;
	bool reveal = false;
	enum gh_err e;
	if ((e = json_get_str(&a->c, a->body, "id_number", "id_number", 64, true, &idn)) ||
	    (e = json_get_bool(&a->c, a->body, "reveal", "reveal", false, &reveal, NULL)))
		return api_fail(a, e);
	struct member m;
	if ((e = member_lookup(&a->c, idn, reveal, &m)))
		return api_fail(a, e);
	api_reply(a, 200, api_member_json(a, &m));
}

/* Reads person particulars from obj (the fields of struct person_input). */
enum gh_err api_read_person(struct api *a, json_t *obj, const char *prefix, struct person_input *in)
{
	struct ctx *c = &a->c;
	memset(in, 0, sizeof(*in));
	in->migrant = -1;
	static const char *const keys[] = {"id_number", "name",       "sex",      "ethnicity", "political", "education",
	                                   "household", "employment", "new_form", "skill",     "phone"};
	const char **slots[] = {&in->id_number, &in->name,      &in->sex,       &in->ethnicity,
	                        &in->political, &in->education, &in->household, &in->employment,
	                        &in->new_form,  &in->skill,     &in->phone};
	enum gh_err e;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((e = json_get_str(c, obj, keys[i], arena_printf(c->a, "%s%s", prefix, keys[i]), 200, false,
		                      slots[i])))
			return e;
	bool migrant, present;
	if ((e = json_get_bool(c, obj, "migrant", arena_printf(c->a, "%smigrant", prefix), false, &migrant, &present)))
		return e;
	if (present)
		in->migrant = migrant;
	return GH_OK;
}

void api_member_create(struct api *a)
{
	struct ctx *c = &a->c;
	int64_t org;
	const char *joined;
	enum gh_err e;
	struct person_input in;
	if ((e = json_get_int(c, a->body, "org_id", "org_id", 1, JSON_INT_MAX, true, &org, NULL)) ||
	    (e = json_get_str(c, a->body, "joined_on", "joined_on", 16, false, &joined)) ||
	    (e = api_read_person(a, a->body, "", &in)))
		return api_fail(a, e);
	char today[11];
	if (!joined) {
		int y, m, d;
		time_local_date(clock_now(), &y, &m, &d);
		cal_format_date(y, m, d, today, sizeof(today));
		joined = today;
	}
	struct member out;
	if ((e = member_add(c, org, joined, &in, &out)))
		return api_fail(a, e);
	api_reply(a, 201, api_member_json(a, &out));
}

void api_member_status(struct api *a)
{
	const char *status, *on, *reason;
	enum gh_err e;
	if ((e = json_get_str(&a->c, a->body, "status", "status", 40, true, &status)) ||
	    (e = json_get_str(&a->c, a->body, "on", "on", 16, false, &on)) ||
	    (e = json_get_str(&a->c, a->body, "reason", "reason", 800, false, &reason)))
		return api_fail(a, e);
	struct member m;
	if ((e = membership_set_status(&a->c, a->params[0], status, on, reason, &m)))
		return api_fail(a, e);
	api_reply(a, 200, api_member_json(a, &m));
}

void api_member_activation(struct api *a)
{
	char code[16];
	int64_t expires;
	enum gh_err e = member_activation_issue(&a->c, a->params[0], code, &expires);
	if (e)
		return api_fail(a, e);
	json_t *j = json_pack("{s:s}", "code", code);
	api_time(j, "expires_at", expires);
	api_reply(a, 201, j);
}

/* The member's own pages. */
void api_my_membership(struct api *a)
{
	if (!a->c.who->person_id)
		return api_error(a, GH_ENOTFOUND, NULL, "此账号不是会员账号", "this is not a member account");
	struct member_list l;
	enum gh_err e = member_history(&a->c, a->c.who->person_id, &l);
	if (e)
		return api_fail(a, e);
	json_t *cur = json_null();
	for (int64_t i = 0; i < l.n; i++)
		if (!strcmp(l.items[i].status, "active") || !strcmp(l.items[i].status, "retained")) {
			json_decref(cur);
			cur = api_member_json(a, &l.items[i]);
			break;
		}
	api_reply(a, 200, json_pack("{s:o, s:o}", "current", cur, "history", member_list_json(a, &l)));
}

void api_my_card(struct api *a)
{
	struct member m;
	char token[CARD_TOKEN_MAX];
	enum gh_err e = card_issue(&a->c, &m, token);
	if (e)
		return api_fail(a, e);
	char *svg = card_qr_svg(&a->c, token);
	if (!svg)
		return api_fail(a, GH_ENOMEM);
	json_t *j = api_member_json(a, &m);
	json_set_str(j, "token", token);
	json_set_str(j, "qr_svg", svg);
	api_reply(a, 200, j);
}

void api_card_verify(struct api *a)
{
	struct member m;
	int64_t issued;
	enum gh_err e = card_verify(&a->c, http_query(a->req, "token"), &m, &issued);
	if (e)
		return api_fail(a, e);
	bool current = !strcmp(m.status, "active") || !strcmp(m.status, "retained");
	json_t *j = json_object();
	json_object_set_new(j, "valid", json_boolean(current));
	json_set_str(j, "name", m.name);
	json_set_str(j, "member_no", m.member_no);
	json_set_str(j, "org_name", m.org_name);
	json_set_str(j, "joined_on", m.joined_on);
	json_set_str(j, "status", m.status);
	json_set_str(j, "status_label", vocab_label(VOCAB_STATUS, m.status, a->c.zh));
	api_time(j, "issued_at", issued);
	api_reply(a, 200, j);
}

void api_my_data(struct api *a)
{
	char idn[65], phone[65];
	enum gh_err e = person_reveal_self(&a->c, idn, phone);
	if (e)
		return api_fail(a, e);
	struct member_list l;
	if ((e = member_history(&a->c, a->c.who->person_id, &l)))
		return api_fail(a, e);
	json_t *episodes = json_array();
	for (int64_t i = 0; i < l.n; i++) {
		json_t *m = api_member_json(a, &l.items[i]);
		json_set_str(m, "id_number", idn);
		json_set_str(m, "phone", phone[0] ? phone : NULL);
		json_object_set_new(m, "revealed", json_true());
		struct member_event *ev;
		int n;
		if (member_events(&a->c, l.items[i].id, &ev, &n) == GH_OK) {
			json_t *events = json_array();
			for (int k = 0; k < n; k++)
				json_array_append_new(events, json_pack("{s:s, s:s?, s:s, s:s?}", "on", ev[k].on_date,
				                                        "from", ev[k].from_status, "to",
				                                        ev[k].to_status, "reason", ev[k].reason));
			json_object_set_new(m, "events", events);
		}
		struct dues_list dl;
		if (dues_of_member_self(&a->c, l.items[i].id, &dl) == GH_OK) {
			json_t *dues = json_array();
			for (int64_t k = 0; k < dl.n; k++)
				json_array_append_new(dues,
				                      json_pack("{s:s, s:I, s:I, s:s}", "month", dl.items[k].month,
				                                "base_fen", (json_int_t)dl.items[k].base_fen,
				                                "amount_fen", (json_int_t)dl.items[k].amount_fen,
				                                "paid_on", dl.items[k].paid_on));
			json_object_set_new(m, "dues", dues);
		}
		json_array_append_new(episodes, m);
	}
	json_t *j = json_pack("{s:s, s:s?, s:o}", "id_number", idn, "phone", phone[0] ? phone : NULL, "memberships",
	                      episodes);
	api_time(j, "exported_at", clock_now());
	api_reply(a, 200, j);
}
