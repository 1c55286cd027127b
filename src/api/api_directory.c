/*
 * /api/directory/unions: the public directory of unions, for any logged-in account, rate-limited
 * per account (30 searches a minute) so it cannot be used to enumerate the country.
 */
#include <pthread.h>
#include <string.h>

#include "api/api.h"
#include "base/time.h"
#include "domain/directory.h"
#include "json/json.h"

#define DIRECTORY_PER_MINUTE 30
#define DIRECTORY_SLOTS      1024

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int64_t account, minute;
	int count;
} slots[DIRECTORY_SLOTS];

/* true if the account may search now (a fixed window per minute, per account). */
static bool allow(int64_t account)
{
	int64_t minute = clock_now() / 60;
	size_t i = (size_t)((uint64_t)account * 0x9e3779b97f4a7c15ULL >> 54) % DIRECTORY_SLOTS;
	pthread_mutex_lock(&lock);
	if (slots[i].account != account || slots[i].minute != minute) {
		slots[i].account = account;
		slots[i].minute = minute;
		slots[i].count = 0;
	}
	bool ok = ++slots[i].count <= DIRECTORY_PER_MINUTE;
	pthread_mutex_unlock(&lock);
	return ok;
}

void api_directory_unions(struct api *a)
{
	if (!allow(a->c.who->id))
		return api_error(a, GH_ETHROTTLED, NULL, "查询过于频繁，请稍后再试",
		                 "too many searches; try again in a minute");
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct directory_list l;
	enum gh_err e = directory_search(&a->c, http_query(a->req, "q"), http_query(a->req, "credit_code"),
	                                 http_query(a->req, "division"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++) {
		json_t *j = json_object();
		json_set_int(j, "id", l.items[i].id, false);
		json_set_str(j, "name", l.items[i].name);
		json_set_str(j, "kind", l.items[i].kind);
		json_set_str(j, "division_code", l.items[i].division);
		json_set_str(j, "place", l.items[i].place);
		json_set_str(j, "employer_name", l.items[i].employers);
		json_array_append_new(items, j);
	}
	json_t *j = json_list(items, l.total, l.offset, l.limit);
	if (l.total_capped)
		json_object_set_new(j, "total_capped", json_true());
	api_reply(a, 200, j);
}
