/*
 * The api layer: one file per resource, each handler translating one request into one domain
 * call and its result (or failure) into JSON. No SQL here, no rules: those live in domain/.
 * The route table (route/route.c) names each handler with its method, path and capability.
 */
#ifndef GH_API_API_H
#define GH_API_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"
#include "domain/employer.h"
#include "domain/org.h"
#include "domain/user.h"
#include "http/http.h"

#define API_MAX_PARAMS 4

struct api {
	struct http_req *req;
	struct ctx c;
	int64_t params[API_MAX_PARAMS]; /* the {id} segments of the path, in order */
	json_t *body;                   /* the decoded JSON object of a POST/PUT/PATCH, or NULL */
	const char *csrf;               /* the session's CSRF token */
	struct user *me;                /* the logged-in account, or NULL */
	bool test_clock;
	bool secure; /* served over TLS (through a trusted proxy): cookies get Secure */
};

typedef void (*api_fn)(struct api *a);

/* Answers status with body (stolen). */
void api_reply(struct api *a, int status, json_t *body);
/* Answers the failure recorded in a->c.fail (or the default message of e). */
void api_fail(struct api *a, enum gh_err e);
/* Answers an error with its own field and messages. */
void api_error(struct api *a, enum gh_err e, const char *field, const char *zh, const char *en);

/* Reads ?offset= and ?limit= (defaults 0 and 20, limit at most 200); false after answering 400. */
bool api_paging(struct api *a, int64_t *offset, int64_t *limit);
/* Reads an optional integer query parameter (*out unchanged when absent); false after 400. */
bool api_query_int(struct api *a, const char *name, int64_t min, int64_t max, int64_t *out);

/* Encoders. */
json_t *api_org_json(struct api *a, const struct org *o);
json_t *api_employer_json(const struct employer *e);
json_t *api_user_json(struct api *a, const struct user *u, bool with_caps);
json_t *api_warnings_json(struct api *a, const struct warning *w, int n);
void api_time(json_t *obj, const char *key, int64_t t);

struct member;
struct flow_case;
struct person_input;
json_t *api_member_json(struct api *a, const struct member *m);
json_t *api_case_json(struct api *a, const struct flow_case *k);
/* Reads person particulars (id_number, name, sex, ethnicity, …) from obj. */
enum gh_err api_read_person(struct api *a, json_t *obj, const char *prefix, struct person_input *in);

/* Decodes the body of POST /api/orgs into in (the fuzz harness calls it directly). */
enum gh_err api_org_decode_create(struct api *a, struct org_input *in);

/* Handlers, by resource. */
void api_health(struct api *a);
void api_test_clock(struct api *a);
void api_session_create(struct api *a);
void api_session_delete(struct api *a);
void api_me(struct api *a);
void api_org_get(struct api *a);
void api_org_children(struct api *a);
void api_org_path(struct api *a);
void api_org_search(struct api *a);
void api_org_stats(struct api *a);
void api_org_create(struct api *a);
void api_org_update(struct api *a);
void api_org_move(struct api *a);
void api_employer_list(struct api *a);
void api_employer_get(struct api *a);
void api_employer_create(struct api *a);
void api_employer_update(struct api *a);
void api_user_list(struct api *a);
void api_user_get(struct api *a);
void api_user_create(struct api *a);
void api_user_update(struct api *a);
void api_roles(struct api *a);
void api_audit_list(struct api *a);
void api_register(struct api *a);
void api_activate(struct api *a);
void api_member_list(struct api *a);
void api_member_get(struct api *a);
void api_member_lookup(struct api *a);
void api_member_create(struct api *a);
void api_member_status(struct api *a);
void api_member_activation(struct api *a);
void api_my_membership(struct api *a);
void api_case_create(struct api *a);
void api_case_get(struct api *a);
void api_case_list(struct api *a);
void api_case_act(struct api *a);
void api_directory_unions(struct api *a);
void api_dues_record(struct api *a);
void api_dues_month(struct api *a);
void api_dues_unpaid(struct api *a);
void api_member_dues(struct api *a);
void api_my_card(struct api *a);
void api_my_data(struct api *a);
void api_card_verify(struct api *a);
void api_audit_verify(struct api *a);
/* Roster files (api_import.c); api_import_init names the store, whose folder "<db>.work" holds
 * the uploads and reports (for a postgresql:// store, $TMPDIR/gonghui-<hash of the URL>.work),
 * and is called once by route_init. */
void api_import_init(const char *db_url);
void api_import_create(struct api *a);
void api_import_get(struct api *a);
void api_import_report(struct api *a);
void api_org_roster(struct api *a);

/* 维权 (api_rights.c) */
void api_hotline_tiers_get(struct api *a);
void api_hotline_tiers_put(struct api *a);
void api_hotline_places(struct api *a);

/* contracts, supervision notices, service items (api_contracts.c) */
void api_contract_create(struct api *a);
void api_contract_list(struct api *a);
void api_contract_figures(struct api *a);
void api_contract_get(struct api *a);
void api_contract_update(struct api *a);
void api_notice_create(struct api *a);
void api_notice_list(struct api *a);
void api_notice_get(struct api *a);
void api_notice_update(struct api *a);
void api_notice_answer(struct api *a);
void api_notice_close(struct api *a);
void api_service_create(struct api *a);
void api_service_list(struct api *a);
void api_service_get(struct api *a);
void api_service_update(struct api *a);
void api_service_delete(struct api *a);
void api_my_service_items(struct api *a);

/* hardship (api_hardship.c) */
void api_living_standard_list(struct api *a);
void api_living_standard_create(struct api *a);
void api_living_standard_effective(struct api *a);
void api_hardship_aid_add(struct api *a);
void api_hardship_aid_of_case(struct api *a);
void api_hardship_aid_list(struct api *a);
void api_hardship_review_due(struct api *a);

/* mutual aid (api_mutual_aid.c) */
void api_ma_plan_list(struct api *a);
void api_ma_plan_create(struct api *a);
void api_ma_plan_get(struct api *a);
void api_ma_plan_update(struct api *a);
void api_ma_enrol(struct api *a);
void api_ma_enrolments(struct api *a);
void api_ma_stats(struct api *a);
void api_my_mutual_aid(struct api *a);

/* service stations (api_stations.c); api_stations_init names the map tile server (--tile-url, or
 * NULL: no map), called once by route_init */
void api_stations_init(const char *tile_url);
void api_station_list(struct api *a);
void api_station_get(struct api *a);
void api_station_create(struct api *a);
void api_station_update(struct api *a);
void api_station_delete(struct api *a);
void api_station_nearest(struct api *a);
void api_station_config(struct api *a);

#endif
