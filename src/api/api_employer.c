/*
 * /api/employers: employers (用人单位), unionised or not.
 */
#include "api/api.h"
#include "json/json.h"

void api_employer_list(struct api *a)
{
	int64_t offset, limit, org = 0, unionised = -1;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org) ||
	    !api_query_int(a, "unionised", 0, 1, &unionised))
		return;
	struct employer_list l;
	enum gh_err e = employer_list(&a->c, org, http_query(a->req, "q"), (int)unionised, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, api_employer_json(&l.items[i]));
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_employer_get(struct api *a)
{
	struct employer em;
	enum gh_err e = employer_get(&a->c, a->params[0], &em);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, api_employer_json(&em));
}

void api_employer_create(struct api *a)
{
	struct ctx *c = &a->c;
	struct employer_input in = {.headcount = -1};
	enum gh_err e;
	if ((e = json_get_int(c, a->body, "org_id", "org_id", 1, JSON_INT_MAX, true, &in.org_id, NULL)) ||
	    (e = json_get_str(c, a->body, "name", "name", 400, true, &in.name)) ||
	    (e = json_get_str(c, a->body, "credit_code", "credit_code", 80, true, &in.credit_code)) ||
	    (e = json_get_str(c, a->body, "division_code", "division_code", 24, false, &in.division)) ||
	    (e = json_get_int(c, a->body, "headcount", "headcount", 0, 10000000, true, &in.headcount, NULL)))
		return api_fail(a, e);
	struct employer em;
	struct warning w[2];
	int nw = 0;
	if ((e = employer_create(c, &in, &em, w, &nw)))
		return api_fail(a, e);
	json_t *j = api_employer_json(&em);
	json_object_set_new(j, "warnings", api_warnings_json(a, w, nw));
	api_reply(a, 201, j);
}

void api_employer_update(struct api *a)
{
	struct ctx *c = &a->c;
	struct employer_input in = {.headcount = -1};
	enum gh_err e;
	if ((e = json_get_str(c, a->body, "name", "name", 400, false, &in.name)) ||
	    (e = json_get_str(c, a->body, "division_code", "division_code", 24, false, &in.division)) ||
	    (e = json_get_int(c, a->body, "headcount", "headcount", 0, 10000000, false, &in.headcount, NULL)))
		return api_fail(a, e);
	if (!in.name && !in.division && in.headcount < 0)
		return api_error(a, GH_EBADREQ, NULL, "没有要修改的字段", "nothing to change");
	struct employer em;
	if ((e = employer_update(c, a->params[0], &in, &em)))
		return api_fail(a, e);
	api_reply(a, 200, api_employer_json(&em));
}
