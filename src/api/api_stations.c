/*
 * /api/stations: outdoor-worker service stations (户外劳动者服务站点). Staff keep them in their
 * scope; any logged-in account asks for the nearest ones (GET /api/stations/nearest) and for the
 * finder's settings (GET /api/stations/config: the amenity vocabulary and the map tile server
 * named by `gonghui serve --tile-url`). Translation only: the rules are in domain/station.c.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/station.h"
#include "json/json.h"

static const char *tile_url; /* set once by route_init, before the workers start */

void api_stations_init(const char *url)
{
	tile_url = url && *url ? url : NULL;
}

static json_t *amenities_json(unsigned mask)
{
	json_t *list = json_array();
	for (int i = 0; i < AMENITY__MAX; i++)
		if (mask & (1u << i))
			json_array_append_new(list, json_string(station_amenity_token(i)));
	return list;
}

/* Degrees from micro-degrees; the server prints reals with 15 significant digits (server.c). */
static json_t *degrees(int32_t e6)
{
	return json_real((double)e6 / 1e6);
}

static json_t *station_json(const struct station *s, bool with_distance)
{
	json_t *j = json_object();
	json_set_int(j, "id", s->id, false);
	json_set_str(j, "name", s->name);
	json_set_str(j, "address", s->address);
	json_object_set_new(j, "lat", degrees(s->lat_e6));
	json_object_set_new(j, "lng", degrees(s->lng_e6));
	json_object_set_new(j, "amenities", amenities_json(s->amenities));
	json_set_str(j, "hours", s->hours);
	json_object_set_new(j, "open_now", json_boolean(s->open_now));
	json_set_str(j, "phone", s->phone);
	json_set_int(j, "org_id", s->org_id, false);
	json_set_str(j, "org_name", s->org_name);
	json_object_set_new(j, "active", json_boolean(s->active));
	json_object_set_new(j, "demo", json_boolean(s->demo));
	if (with_distance)
		json_set_int(j, "distance_m", s->distance_m, false);
	return j;
}

/* Reads a coordinate (a JSON number of degrees) into micro-degrees. */
static enum gh_err read_degrees(struct api *a, const char *key, double limit, int64_t *out, bool *present)
{
	json_t *v = json_object_get(a->body, key);
	*present = v && !json_is_null(v);
	if (!*present)
		return GH_OK;
	double d = json_number_value(v);
	if (!json_is_number(v) || !isfinite(d) || d < -limit || d > limit)
		return gh_fail_set(&a->c.fail, GH_EINVAL, key,
		                   limit < 100 ? "纬度应为 -90 到 90 之间的数" : "经度应为 -180 到 180 之间的数",
		                   limit < 100 ? "the latitude must be a number between -90 and 90"
		                               : "the longitude must be a number between -180 and 180");
	*out = llround(d * 1e6);
	return GH_OK;
}

/* Reads the amenities list (tokens) into a bit set. */
static enum gh_err read_amenities(struct api *a, unsigned *mask, bool *present)
{
	json_t *v = json_object_get(a->body, "amenities");
	*present = v && !json_is_null(v);
	*mask = 0;
	if (!*present)
		return GH_OK;
	if (!json_is_array(v) || json_array_size(v) > 32)
		return gh_fail_set(&a->c.fail, GH_EINVAL, "amenities", "服务项目应为列表", "amenities must be a list");
	size_t i;
	json_t *it;
	json_array_foreach(v, i, it)
	{
		int k = json_is_string(it) ? station_amenity_parse(json_string_value(it)) : -1;
		if (k < 0)
			return gh_fail_set(&a->c.fail, GH_EINVAL, "amenities", "服务项目不在可选范围内",
			                   "an amenity is not in the list");
		*mask |= 1u << k;
	}
	return GH_OK;
}

/* Decodes the body of a create (all required fields checked by the domain) or an update. */
static enum gh_err decode(struct api *a, struct station_input *in)
{
	struct ctx *c = &a->c;
	enum gh_err e;
	bool p;
	memset(in, 0, sizeof(*in));
	if ((e = json_get_int(c, a->body, "org_id", "org_id", 1, JSON_INT_MAX, false, &in->org_id, &p)))
		return e;
	in->set |= p ? STATION_SET_ORG : 0;
	static const struct {
		const char *key;
		size_t max;
		unsigned bit;
		size_t off;
	} texts[] = {
	        {"name", 400, STATION_SET_NAME, offsetof(struct station_input, name)},
	        {"address", 800, STATION_SET_ADDRESS, offsetof(struct station_input, address)},
	        {"hours", 800, STATION_SET_HOURS, offsetof(struct station_input, hours)},
	        {"phone", 64, STATION_SET_PHONE, offsetof(struct station_input, phone)},
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const char **dst = (const char **)((char *)in + texts[i].off);
		if ((e = json_get_str(c, a->body, texts[i].key, texts[i].key, texts[i].max, false, dst)))
			return e;
		/* present as a string, or as null for the phone (which clears it) */
		if (*dst || (texts[i].bit == STATION_SET_PHONE && json_object_get(a->body, "phone")))
			in->set |= texts[i].bit;
	}
	if ((e = read_degrees(a, "lat", 90, &in->lat_e6, &p)))
		return e;
	in->set |= p ? STATION_SET_LAT : 0;
	if ((e = read_degrees(a, "lng", 180, &in->lng_e6, &p)))
		return e;
	in->set |= p ? STATION_SET_LNG : 0;
	if ((e = read_amenities(a, &in->amenities, &p)))
		return e;
	in->set |= p ? STATION_SET_AMENITIES : 0;
	if ((e = json_get_bool(c, a->body, "active", "active", false, &in->active, &p)))
		return e;
	in->set |= p ? STATION_SET_ACTIVE : 0;
	return GH_OK;
}

void api_station_list(struct api *a)
{
	int64_t offset, limit, org = 0, active = -1;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org) ||
	    !api_query_int(a, "active", 0, 1, &active))
		return;
	struct station_list l;
	enum gh_err e = station_list(&a->c, org, http_query(a->req, "q"), (int)active, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, station_json(&l.items[i], false));
	json_t *j = json_list(items, l.total, l.offset, l.limit);
	if (l.total_capped)
		json_object_set_new(j, "total_capped", json_true());
	api_reply(a, 200, j);
}

void api_station_get(struct api *a)
{
	struct station s;
	enum gh_err e = station_get(&a->c, a->params[0], &s);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, station_json(&s, false));
}

void api_station_create(struct api *a)
{
	struct station_input in;
	struct station s;
	enum gh_err e;
	if ((e = decode(a, &in)) || (e = station_create(&a->c, &in, &s)))
		return api_fail(a, e);
	api_reply(a, 201, station_json(&s, false));
}

void api_station_update(struct api *a)
{
	struct station_input in;
	struct station s;
	enum gh_err e;
	if ((e = decode(a, &in)))
		return api_fail(a, e);
	if (!in.set)
		return api_error(a, GH_EBADREQ, NULL, "没有要修改的字段", "nothing to change");
	if ((e = station_update(&a->c, a->params[0], &in, &s)))
		return api_fail(a, e);
	api_reply(a, 200, station_json(&s, false));
}

void api_station_delete(struct api *a)
{
	enum gh_err e = station_delete(&a->c, a->params[0]);
	if (e)
		return api_fail(a, e);
	api_reply(a, 204, NULL);
}

/* A required decimal query parameter in [-limit, limit], as micro-degrees; false after 400. */
static bool query_degrees(struct api *a, const char *name, double limit, int64_t *out)
{
	const char *v = http_query(a->req, name);
	if (!v || !*v) {
		api_error(a, GH_EMISSING, name, limit < 100 ? "请提供纬度" : "请提供经度",
		          limit < 100 ? "the latitude is required" : "the longitude is required");
		return false;
	}
	char *end;
	double d = strtod(v, &end);
	if (*end || !isfinite(d) || d < -limit || d > limit || strlen(v) > 32) {
		api_error(a, GH_EINVAL, name,
		          limit < 100 ? "纬度应为 -90 到 90 之间的数" : "经度应为 -180 到 180 之间的数",
		          limit < 100 ? "the latitude must be a number between -90 and 90"
		                      : "the longitude must be a number between -180 and 180");
		return false;
	}
	*out = llround(d * 1e6);
	return true;
}

void api_station_nearest(struct api *a)
{
	int64_t lat, lng, limit = 10, open_now = 0;
	if (!query_degrees(a, "lat", 90, &lat) || !query_degrees(a, "lng", 180, &lng) ||
	    !api_query_int(a, "limit", 1, STATION_NEAR_MAX, &limit) || !api_query_int(a, "open_now", 0, 1, &open_now))
		return;
	/* amenities=water,charging: stations offering all of them */
	unsigned mask = 0;
	const char *am = http_query(a->req, "amenities");
	if (am && *am) {
		char buf[256];
		if (strlen(am) >= sizeof(buf))
			return api_error(a, GH_EINVAL, "amenities", "服务项目不在可选范围内",
			                 "an amenity is not in the list");
		memcpy(buf, am, strlen(am) + 1);
		char *save = NULL;
		for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			int k = station_amenity_parse(t);
			if (k < 0)
				return api_error(a, GH_EINVAL, "amenities", "服务项目不在可选范围内",
				                 "an amenity is not in the list");
			mask |= 1u << k;
		}
	}
	struct station_list l;
	enum gh_err e = station_nearest(&a->c, lat, lng, (int)limit, open_now != 0, mask, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, station_json(&l.items[i], true));
	json_t *j = json_list(items, l.total, 0, l.limit);
	json_set_int(j, "radius_m", STATION_MAX_RADIUS, false);
	api_reply(a, 200, j);
}

void api_station_config(struct api *a)
{
	json_t *list = json_array();
	for (int i = 0; i < AMENITY__MAX; i++)
		json_array_append_new(list, json_pack("{s:s, s:s}", "token", station_amenity_token(i), "label",
		                                      station_amenity_label(i, a->c.zh)));
	json_t *j = json_object();
	json_set_str(j, "tile_url", tile_url);
	json_object_set_new(j, "amenities", list);
	json_set_int(j, "radius_m", STATION_MAX_RADIUS, false);
	json_set_int(j, "max_limit", STATION_NEAR_MAX, false);
	api_reply(a, 200, j);
}
