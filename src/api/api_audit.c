/*
 * /api/audit: the audit log of the caller's scope, and the chain check.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "auth/audit.h"
#include "json/json.h"

void api_audit_list(struct api *a)
{
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct audit_row *rows;
	int64_t n, total;
	const char *action = http_query(a->req, "action"), *actor = http_query(a->req, "actor");
	if (audit_list(&a->c, action && *action ? action : NULL, actor && *actor ? actor : NULL, offset, limit, &rows,
	               &n, &total) < 0)
		return api_fail(a, GH_EIO);
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++) {
		json_t *j = json_object();
		json_set_int(j, "id", rows[i].id, false);
		api_time(j, "at", rows[i].at);
		json_set_int(j, "actor_id", rows[i].actor_id, rows[i].actor_id == 0);
		json_set_str(j, "actor_name", rows[i].actor);
		json_set_str(j, "action", rows[i].action);
		json_set_str(j, "object_type", rows[i].object_type);
		json_set_int(j, "object_id", rows[i].object_id, rows[i].object_id == 0);
		json_set_str(j, "ip", rows[i].ip);
		/* the organisation the row belongs to: the last id of its path */
		const char *p = rows[i].path, *end = p + strlen(p);
		while (end > p && end[-1] == '/')
			end--;
		const char *seg = end;
		while (seg > p && seg[-1] != '/')
			seg--;
		int64_t org = end > seg ? strtoll(seg, NULL, 10) : 0;
		json_set_int(j, "org_id", org, org == 0);
		json_t *detail = rows[i].detail && *rows[i].detail ? json_loads(rows[i].detail, 0, NULL) : NULL;
		json_object_set_new(j, "detail", detail ? detail : json_null());
		json_array_append_new(items, j);
	}
	api_reply(a, 200, json_list(items, total, offset, limit));
}

void api_audit_verify(struct api *a)
{
	struct audit_report r;
	if (audit_verify(a->c.db, &keys_current, &r) < 0)
		return api_fail(a, GH_EIO);
	json_t *j = json_pack("{s:b, s:I}", "ok", r.ok, "rows", (json_int_t)r.rows);
	json_set_int(j, "first_bad", r.first_bad, r.ok);
	json_set_str(j, "reason", r.ok ? NULL : (a->c.zh ? r.reason_zh : r.reason_en));
	api_reply(a, 200, j);
}
