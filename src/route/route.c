/*
 * The route table and dispatcher (route.h).
 */
#include "route/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "json/json.h"
#include "auth/session.h"
#include "base/log.h"
#include "domain/group.h"
#include "store/store.h"

enum {
	R_PUBLIC = 1 << 0,  /* no session needed */
	R_NOCSRF = 1 << 1,  /* state change without the CSRF header (login only) */
	R_TESTCLK = 1 << 2, /* exists only with --test-clock */
	R_BODY = 1 << 3,    /* takes a JSON body */
	R_ALONE = 1 << 4,   /* kept out of group commit: slow work (password hashing, a file, a
	                     * subtree move) would hold every write of its batch; a read by POST */
	R_SNAP = 1 << 5,    /* a read: the session and the handler's statements share one read
	                     * transaction (SQLite), which a write of the handler (tx_begin) ends */
};

static const struct route {
	const char *method;
	const char *pattern;
	api_fn fn;
	enum cap cap;
	unsigned flags;
} routes[] = {
        {"GET", "/api/health", api_health, CAP_NONE, R_PUBLIC},
        {"PUT", "/api/test/clock", api_test_clock, CAP_NONE, R_PUBLIC | R_NOCSRF | R_TESTCLK | R_BODY | R_ALONE},
        {"POST", "/api/session", api_session_create, CAP_NONE, R_PUBLIC | R_NOCSRF | R_BODY | R_ALONE},
        {"DELETE", "/api/session", api_session_delete, CAP_NONE, 0},
        {"GET", "/api/me", api_me, CAP_NONE, 0},
        {"GET", "/api/orgs", api_org_search, CAP_ORG_READ, R_SNAP},
        {"POST", "/api/orgs", api_org_create, CAP_ORG_CREATE, R_BODY},
        {"GET", "/api/orgs/{id}", api_org_get, CAP_ORG_READ, R_SNAP},
        {"PATCH", "/api/orgs/{id}", api_org_update, CAP_ORG_EDIT, R_BODY},
        {"GET", "/api/orgs/{id}/children", api_org_children, CAP_ORG_READ, R_SNAP},
        {"GET", "/api/orgs/{id}/path", api_org_path, CAP_ORG_READ, R_SNAP},
        {"GET", "/api/orgs/{id}/stats", api_org_stats, CAP_STATS_READ, R_SNAP},
        {"POST", "/api/orgs/{id}/move", api_org_move, CAP_ORG_MOVE, R_BODY | R_ALONE},
        {"GET", "/api/employers", api_employer_list, CAP_ORG_READ, R_SNAP},
        {"POST", "/api/employers", api_employer_create, CAP_EMPLOYER_WRITE, R_BODY},
        {"GET", "/api/employers/{id}", api_employer_get, CAP_ORG_READ, R_SNAP},
        {"PATCH", "/api/employers/{id}", api_employer_update, CAP_EMPLOYER_WRITE, R_BODY},
        {"GET", "/api/users", api_user_list, CAP_USER_READ, 0},
        {"POST", "/api/users", api_user_create, CAP_USER_WRITE, R_BODY | R_ALONE},
        {"GET", "/api/users/{id}", api_user_get, CAP_USER_READ, 0},
        {"PATCH", "/api/users/{id}", api_user_update, CAP_USER_WRITE, R_BODY | R_ALONE},
        {"GET", "/api/roles", api_roles, CAP_NONE, 0},
        {"GET", "/api/audit", api_audit_list, CAP_AUDIT_READ, 0},
        {"GET", "/api/audit/verify", api_audit_verify, CAP_AUDIT_READ, 0},
        {"POST", "/api/register", api_register, CAP_NONE, R_PUBLIC | R_NOCSRF | R_BODY | R_ALONE},
        {"POST", "/api/activate", api_activate, CAP_NONE, R_PUBLIC | R_NOCSRF | R_BODY | R_ALONE},
        {"GET", "/api/directory/unions", api_directory_unions, CAP_NONE, 0},
        {"GET", "/api/members", api_member_list, CAP_MEMBER_READ, R_SNAP},
        {"POST", "/api/members", api_member_create, CAP_MEMBER_WRITE, R_BODY},
        {"POST", "/api/members/lookup", api_member_lookup, CAP_MEMBER_READ, R_BODY | R_ALONE | R_SNAP}, /* a read */
        {"GET", "/api/members/{id}", api_member_get, CAP_MEMBER_READ, R_SNAP},
        {"POST", "/api/members/{id}/status", api_member_status, CAP_MEMBER_WRITE, R_BODY},
        {"POST", "/api/members/{id}/activation", api_member_activation, CAP_MEMBER_WRITE, R_ALONE},
        {"GET", "/api/my/membership", api_my_membership, CAP_NONE, 0},
        {"GET", "/api/cases", api_case_list, CAP_NONE, 0},
        {"POST", "/api/cases", api_case_create, CAP_NONE, R_BODY},
        {"GET", "/api/cases/{id}", api_case_get, CAP_NONE, 0},
        {"POST", "/api/cases/{id}/actions", api_case_act, CAP_NONE, R_BODY},
        {"POST", "/api/dues", api_dues_record, CAP_MEMBER_WRITE, R_BODY},
        {"GET", "/api/dues", api_dues_month, CAP_MEMBER_READ, 0},
        {"GET", "/api/dues/unpaid", api_dues_unpaid, CAP_MEMBER_READ, 0},
        {"GET", "/api/members/{id}/dues", api_member_dues, CAP_MEMBER_READ, 0},
        {"GET", "/api/my/card", api_my_card, CAP_NONE, 0},
        {"GET", "/api/my/data", api_my_data, CAP_NONE, 0},
        {"GET", "/api/cards/verify", api_card_verify, CAP_MEMBER_READ, 0},
        {"POST", "/api/imports", api_import_create, CAP_MEMBER_WRITE, R_ALONE}, /* the body is the file */
        {"GET", "/api/imports/{id}", api_import_get, CAP_MEMBER_WRITE, 0},
        {"GET", "/api/imports/{id}/report.xlsx", api_import_report, CAP_MEMBER_WRITE, 0},
        {"GET", "/api/orgs/{id}/roster.xlsx", api_org_roster, CAP_MEMBER_READ, 0},
        /* 维权: hotline tiers (api_rights.c) */
        {"GET", "/api/hotline/tiers", api_hotline_tiers_get, CAP_CASE_READ, 0},
        {"PUT", "/api/hotline/tiers", api_hotline_tiers_put, CAP_CASE_HANDLE, R_BODY},
        {"GET", "/api/hotline/places", api_hotline_places, CAP_NONE, 0},

        /* collective contracts, supervision notices, service items (api_contracts.c) */
        {"POST", "/api/contracts", api_contract_create, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/contracts", api_contract_list, CAP_ORG_READ, 0},
        {"GET", "/api/contracts/figures", api_contract_figures, CAP_ORG_READ, 0},
        {"GET", "/api/contracts/{id}", api_contract_get, CAP_ORG_READ, 0},
        {"PATCH", "/api/contracts/{id}", api_contract_update, CAP_SERVICE_WRITE, R_BODY},
        {"POST", "/api/supervision-notices", api_notice_create, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/supervision-notices", api_notice_list, CAP_ORG_READ, 0},
        {"GET", "/api/supervision-notices/{id}", api_notice_get, CAP_ORG_READ, 0},
        {"PATCH", "/api/supervision-notices/{id}", api_notice_update, CAP_SERVICE_WRITE, R_BODY},
        {"POST", "/api/supervision-notices/{id}/answer", api_notice_answer, CAP_SERVICE_WRITE, R_BODY},
        {"POST", "/api/supervision-notices/{id}/close", api_notice_close, CAP_SERVICE_WRITE, R_BODY},
        {"POST", "/api/service-items", api_service_create, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/service-items", api_service_list, CAP_NONE, 0}, /* members: their own view */
        {"GET", "/api/service-items/{id}", api_service_get, CAP_NONE, 0},
        {"PATCH", "/api/service-items/{id}", api_service_update, CAP_SERVICE_WRITE, R_BODY},
        {"DELETE", "/api/service-items/{id}", api_service_delete, CAP_SERVICE_WRITE, 0},
        {"GET", "/api/my/service-items", api_my_service_items, CAP_NONE, 0},

        /* hardship: living standards, assistance (api_hardship.c) */
        {"GET", "/api/living-standards", api_living_standard_list, CAP_NONE, 0},
        {"POST", "/api/living-standards", api_living_standard_create, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/living-standards/effective", api_living_standard_effective, CAP_NONE, 0},
        {"POST", "/api/cases/{id}/assistance", api_hardship_aid_add, CAP_CASE_HANDLE, R_BODY},
        {"GET", "/api/cases/{id}/assistance", api_hardship_aid_of_case, CAP_NONE, 0},
        {"GET", "/api/hardship/assistance", api_hardship_aid_list, CAP_SENSITIVE_READ, 0},
        {"GET", "/api/hardship/review-due", api_hardship_review_due, CAP_CASE_READ, 0},

        /* mutual aid: plans, enrolments (api_mutual_aid.c) */
        {"GET", "/api/mutual-aid/plans", api_ma_plan_list, CAP_ORG_READ, 0},
        {"POST", "/api/mutual-aid/plans", api_ma_plan_create, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/mutual-aid/plans/{id}", api_ma_plan_get, CAP_ORG_READ, 0},
        {"PATCH", "/api/mutual-aid/plans/{id}", api_ma_plan_update, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/mutual-aid/plans/{id}/enrolments", api_ma_enrolments, CAP_MEMBER_READ, 0},
        {"POST", "/api/mutual-aid/plans/{id}/enrolments", api_ma_enrol, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/mutual-aid/stats", api_ma_stats, CAP_STATS_READ, 0},
        {"GET", "/api/my/mutual-aid", api_my_mutual_aid, CAP_NONE, 0},

        /* service stations (api_stations.c) */
        {"GET", "/api/stations", api_station_list, CAP_ORG_READ, 0},
        {"POST", "/api/stations", api_station_create, CAP_SERVICE_WRITE, R_BODY},
        {"GET", "/api/stations/nearest", api_station_nearest, CAP_NONE, 0},
        {"GET", "/api/stations/config", api_station_config, CAP_NONE, 0},
        {"GET", "/api/stations/{id}", api_station_get, CAP_ORG_READ, 0},
        {"PATCH", "/api/stations/{id}", api_station_update, CAP_SERVICE_WRITE, R_BODY},
        {"DELETE", "/api/stations/{id}", api_station_delete, CAP_SERVICE_WRITE, 0},

};

#define N_ROUTES ((int)(sizeof(routes) / sizeof(routes[0])))

static struct route_config cfg;

void route_init(const struct route_config *c)
{
	cfg = *c;
	api_import_init(c->db_url);
	group_init(c->db_url, c->group_commit);
	api_stations_init(c->tile_url);
}

int route_count(void)
{
	return N_ROUTES;
}

void route_get(int i, const char **method, const char **pattern)
{
	*method = routes[i].method;
	*pattern = routes[i].pattern;
}

/* Matches path against pattern; {id} segments become positive integers in params. */
static bool match(const char *pattern, const char *path, int64_t *params)
{
	int np = 0;
	while (*pattern && *path) {
		if (!strncmp(pattern, "{id}", 4)) {
			int64_t v = 0;
			int digits = 0;
			while (*path >= '0' && *path <= '9') {
				if (digits++ >= 16)
					return false;
				v = v * 10 + (*path++ - '0');
			}
			if (!digits || v <= 0 || np >= API_MAX_PARAMS)
				return false;
			params[np++] = v;
			pattern += 4;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	if (*path == '/' && path[1] == 0)
		path++; /* a trailing slash is the same resource */
	return *pattern == 0 && *path == 0;
}

static bool wants_english(struct http_req *r)
{
	const char *al = http_header(r, "Accept-Language");
	if (!al)
		return false;
	while (*al == ' ')
		al++;
	return (al[0] == 'e' || al[0] == 'E') && (al[1] == 'n' || al[1] == 'N');
}

/* Finds the session of the cookie; 1 with a->me set, 0 none, -1 error. */
static int load_session(struct api *a)
{
	const char *token = http_cookie(a->req, "gonghui_session");
	if (!token)
		return 0;
	struct session s;
	int r = session_find(a->c.db, token, &s);
	if (r <= 0)
		return r;
	if (s.touch_due) {
		/* the idle timer's refresh (at most once a minute) is a write: out of the snapshot */
		bool snap = a->c.snapshot;
		if (snap)
			store_rollback(a->c.db);
		if (session_touch(a->c.db, token) < 0 || (snap && store_begin_read(a->c.db) < 0)) {
			a->c.snapshot = false;
			return -1;
		}
	}
	struct user *u = arena_alloc(&a->req->arena, sizeof(*u));
	if (!u || user_load(&a->c, s.account_id, u) != GH_OK || u->disabled)
		return u ? 0 : -1;
	a->me = u;
	a->csrf = arena_strdup(&a->req->arena, s.csrf);
	struct actor *who = arena_alloc(&a->req->arena, sizeof(*who));
	if (!who)
		return -1;
	*who = (struct actor){.id = u->id,
	                      .name = u->username,
	                      .role = u->role,
	                      .org_id = u->org_id,
	                      .path = u->path,
	                      .person_id = u->person_id};
	a->c.who = who;
	return 1;
}

/* A write request as a group-commit job: the handler runs on the leader's connection. */
struct grouped {
	struct group_job job;
	const struct route *rt;
	struct api *a;
};

static bool run_job(struct group_job *j, struct store *db)
{
	struct grouped *g = j->arg;
	g->a->c.db = db;
	g->rt->fn(g->a);
	/* a 4xx was refused by the domain, which rolled its transaction back; a 5xx may have left
	 * writes behind: undo the job */
	return g->a->req->status < 500;
}

/* Runs the handler inside the next batch; answers only once the batch is durable. */
static void run_grouped(const struct route *rt, struct api *a)
{
	struct store *own = a->c.db;
	struct grouped g = {.job = {.run = run_job}, .rt = rt, .a = a};
	g.job.arg = &g;
	if (!group_submit(&g.job)) {
		gh_fail_set(&a->c.fail, GH_EIO, NULL, "保存失败，请重试", "could not be saved; please try again");
		api_fail(a, GH_EIO);
	}
	a->c.db = own;
}

static void dispatch(const struct route *rt, struct api *a);

static const struct actor nobody = {.id = 0, .name = "", .role = ROLE_MEMBER, .org_id = -1, .path = "/nobody/"};

void route_dispatch(struct http_req *r)
{
	struct api a = {.req = r, .test_clock = cfg.test_clock};
	a.c.a = &r->arena;
	a.c.zh = !wants_english(r);
	a.c.ip = r->ip;
	a.c.who = &nobody;
	if (cfg.trust_proxy) {
		/* The proxy appends the address it saw: the last entry is the one we can trust. */
		const char *xff = http_header(r, "X-Forwarded-For");
		if (xff) {
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			if (*last && strlen(last) < sizeof(r->ip))
				snprintf(r->ip, sizeof(r->ip), "%s", last);
		}
		const char *proto = http_header(r, "X-Forwarded-Proto");
		a.secure = proto && !strcmp(proto, "https");
	}

	const struct route *rt = NULL;
	bool path_known = false;
	for (int i = 0; i < N_ROUTES; i++) {
		if ((routes[i].flags & R_TESTCLK) && !cfg.test_clock)
			continue;
		int64_t params[API_MAX_PARAMS] = {0};
		if (!match(routes[i].pattern, r->path, params))
			continue;
		path_known = true;
		if (!strcmp(routes[i].method, r->method)) {
			rt = &routes[i];
			memcpy(a.params, params, sizeof(params));
			break;
		}
	}
	if (!rt) {
		api_fail(&a, path_known ? GH_EMETHOD : GH_ENOTFOUND);
		return;
	}
	a.c.db = store_thread(cfg.db_url);
	if (!a.c.db) {
		api_fail(&a, GH_EIO);
		return;
	}
	/* One read transaction for a read's statements: each statement of its own would take and
	 * release SQLite's WAL read lock (fcntl system calls and a futex between the workers) */
	if ((rt->flags & R_SNAP) && !strcmp(store_backend(a.c.db), "sqlite") && !store_in_tx(a.c.db)) {
		if (store_begin_read(a.c.db) < 0) {
			api_fail(&a, GH_EIO);
			return;
		}
		a.c.snapshot = true;
	}
	dispatch(rt, &a);
	if (a.c.snapshot && store_in_tx(a.c.db))
		store_rollback(a.c.db);
	a.c.snapshot = false;
	json_decref(a.body);
}

/* The checks of a matched route, then its handler. */
static void dispatch(const struct route *rt, struct api *a)
{
	struct http_req *r = a->req;
	if (!(rt->flags & R_PUBLIC) || http_cookie(r, "gonghui_session")) {
		int s = load_session(a);
		if (s < 0) {
			api_fail(a, GH_EIO);
			return;
		}
		if (s == 0 && !(rt->flags & R_PUBLIC)) {
			api_fail(a, GH_EUNAUTH);
			return;
		}
	}
	if (a->me && !role_can(a->me->role, rt->cap)) {
		api_fail(a, GH_EFORBIDDEN);
		return;
	}
	bool changes = strcmp(r->method, "GET") && strcmp(r->method, "HEAD");
	if (changes && !(rt->flags & R_NOCSRF)) {
		const char *h = http_header(r, "X-CSRF-Token");
		if (!h || !a->csrf || strlen(h) != strlen(a->csrf) || sodium_memcmp(h, a->csrf, strlen(h)) != 0) {
			api_fail(a, GH_ECSRF);
			return;
		}
	}
	if (r->too_big) {
		api_fail(a, GH_ETOOBIG);
		return;
	}
	if (rt->flags & R_BODY) {
		enum gh_err e = json_decode_object(&a->c, r->body.data, r->body.len, &a->body);
		if (e) {
			api_fail(a, e);
			return;
		}
	}
	if (changes && !(rt->flags & R_ALONE) && group_enabled())
		run_grouped(rt, a);
	else
		rt->fn(a);
}
