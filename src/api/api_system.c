/*
 * Health and the test clock (CONTRACT.md, "Health" and "Time in tests").
 */
#include "api/api.h"
#include "base/time.h"
#include "json/json.h"
#include "store/store.h"

void api_health(struct api *a)
{
	api_reply(a, 200,
	          json_pack("{s:s, s:s, s:i}", "status", "ok", "version", GH_VERSION, "schema", SCHEMA_VERSION));
}

void api_test_clock(struct api *a)
{
	const char *now;
	enum gh_err e = json_get_str(&a->c, a->body, "now", "now", 64, true, &now);
	if (e)
		return api_fail(a, e);
	int64_t t;
	if (time_parse_iso(now, &t) < 0)
		return api_error(a, GH_EINVAL, "now", "时间格式应为 ISO 8601，例如 2026-12-01T09:00:00+08:00",
		                 "use ISO 8601 with an offset, e.g. 2026-12-01T09:00:00+08:00");
	clock_set(t);
	api_reply(a, 204, NULL);
}
