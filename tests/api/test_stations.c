/*
 * API: outdoor-worker service stations (/api/stations). Staff with CAP_SERVICE_WRITE keep the
 * stations of their scope (create, edit, delete, audited; 404 for a union or a station outside
 * the scope, 403 for a role without the right or a missing CSRF token, 400 for every bad field);
 * staff list them within scope with paging and filters; any logged-in account — a member too —
 * asks for the nearest ones to a point (nearest first with distance_m, open_now read against the
 * test clock in China time, inactive stations never shown, the 50 km radius, amenity filters)
 * and for the finder's settings (the amenity vocabulary and the tile server named by
 * GONGHUI_TILE_URL). A union moving in the tree takes its stations along.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

/* A Monday, 10:00 in China. */
#define T0       "2026-11-23T10:00:00+08:00"
#define PASSWORD "worker pass phrase 2026"
#define TILES    "https://tiles.example.org/{z}/{x}/{y}.png"

/* The tests' own spot, in the Yellow Sea far from the demo stations of 赣榆区. */
#define LAT0 35.5
#define LNG0 121.0

static struct srv S;
static struct client A;                  /* the national admin */
static struct client CU1, CU2, FGY, PU1; /* cadres of two unions, 赣榆区 staff, a party officer */
static struct client W;                  /* a worker's account (role member) */
static int64_t GY, QK, ZW, U1, U2;

static int demo_union(int64_t town, int64_t *out, int skip)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", town) < 0)
		return -1;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (json_is_true(jget(it, "demo")) && !strcmp(jstr(it, "kind"), "enterprise") && skip-- == 0) {
			*out = jint(it, "id");
			resp_free(&r);
			return 0;
		}
	}
	resp_free(&r);
	return -1;
}

static int staff(struct client *c, int64_t org, const char *role, const char *user)
{
	if (make_user(&S, org, role, user, TEST_PASSWORD) != 0)
		return -1;
	client_init(c, &S);
	return login(c, user, TEST_PASSWORD) == 200 ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	setenv("GONGHUI_TILE_URL", TILES, 1);
	if (srv_start(&S, true) < 0)
		return -1;
	client_init(&A, &S);
	if (set_clock(&A, T0) != 204 || login(&A, "admin", S.admin_pw) != 200)
		return -1;
	GY = org_by_division(&A, "320707");
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	if (!GY || !QK || !ZW || demo_union(QK, &U1, 0) || demo_union(QK, &U2, 1))
		return -1;
	if (staff(&CU1, U1, "cadre", "st.cadre.u1") || staff(&CU2, U2, "cadre", "st.cadre.u2") ||
	    staff(&FGY, GY, "federation_staff", "st.fed.gy") || staff(&PU1, U1, "party_officer", "st.party.u1"))
		return -1;
	char idn[19];
	idn_make(idn, "320724", 1990, 5, 17, 611);
	client_init(&W, &S);
	struct resp r;
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "phone", "15807079901", "id_number", idn, "name", "刘芳",
	                      "password", PASSWORD);
	if (reqj(&W, "POST", "/api/register", b, &r) < 0 || r.status != 201)
		return -1;
	resp_free(&r);
	return login(&W, "15807079901", PASSWORD) == 200 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&CU1);
	client_release(&CU2);
	client_release(&FGY);
	client_release(&PU1);
	client_release(&W);
	srv_stop(&S);
	return 0;
}

/* Moves the test clock and logs everyone in again (a session does not survive the jump). */
static void clock_to(const char *iso)
{
	assert_int_equal(set_clock(&A, iso), 204);
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	struct {
		struct client *c;
		const char *user;
	} all[] = {{&CU1, "st.cadre.u1"}, {&CU2, "st.cadre.u2"}, {&FGY, "st.fed.gy"}, {&PU1, "st.party.u1"}};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		assert_int_equal(login(all[i].c, all[i].user, TEST_PASSWORD), 200);
	assert_int_equal(login(&W, "15807079901", PASSWORD), 200);
}

/* Creates a station through c; returns its id (0 on failure, with the answer printed). */
static int64_t make_station(struct client *c, int64_t org, const char *name, double lat, double lng, const char *hours,
                            const char *amenities_json)
{
	char body[1024];
	snprintf(body, sizeof(body),
	         "{\"org_id\":%" PRId64 ",\"name\":\"%s\",\"address\":\"测试路1号\",\"lat\":%.6f,\"lng\":%.6f,"
	         "\"hours\":\"%s\",\"amenities\":%s}",
	         org, name, lat, lng, hours, amenities_json);
	struct resp r;
	if (req(c, "POST", "/api/stations", body, &r) < 0 || r.status != 201) {
		fprintf(stderr, "make_station %s: %ld %s\n", name, r.status, r.body);
		resp_free(&r);
		return 0;
	}
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static void test_create_and_read(void **state)
{
	(void)state;
	struct resp r;
	char b[1024];
	snprintf(b, sizeof(b),
	         "{\"org_id\":%" PRId64 ",\"name\":\"青口镇测试驿站\",\"address\":\"赣榆区青口镇黄海路8号\","
	         "\"lat\":34.84,\"lng\":119.13,\"hours\":\"MON-FRI 08:00-20:00;sat,sun 09:00-17:00\","
	         "\"amenities\":[\"toilet\",\"water\",\"charging\"],\"phone\":\"0518 8621 0001\"}",
	         U1);
	assert_int_equal(req(&CU1, "POST", "/api/stations", b, &r), 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_true(id > 0);
	assert_string_equal(jstr(r.json, "name"), "青口镇测试驿站");
	assert_true(json_real_value(jget(r.json, "lat")) == 34.84);
	assert_true(json_real_value(jget(r.json, "lng")) == 119.13);
	assert_non_null(strstr(r.body, "\"lat\":34.84,")); /* printed short, not 34.840000000000003 */
	assert_string_equal(jstr(r.json, "hours"), "mon-fri 08:00-20:00; sat,sun 09:00-17:00");
	assert_string_equal(jstr(r.json, "amenities.0"), "water"); /* in vocabulary order */
	assert_string_equal(jstr(r.json, "amenities.1"), "charging");
	assert_string_equal(jstr(r.json, "amenities.2"), "toilet");
	assert_string_equal(jstr(r.json, "phone"), "0518-86210001");
	assert_int_equal(jint(r.json, "org_id"), U1);
	assert_true(json_is_true(jget(r.json, "active")));
	assert_true(json_is_false(jget(r.json, "demo")));
	assert_true(json_is_true(jget(r.json, "open_now"))); /* Monday 10:00 */
	resp_free(&r);

	/* read back: the union's cadre, the federation above, the admin; not the other union */
	assert_int_equal(reqf(&CU1, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "address"), "赣榆区青口镇黄海路8号");
	resp_free(&r);
	assert_int_equal(reqf(&FGY, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_status(&r, 200);
	resp_free(&r);
	assert_int_equal(reqf(&CU2, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/stations/%" PRId64, id + 999999), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* a member reads stations through the finder, not the console */
	assert_int_equal(reqf(&W, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);

	/* the write is audited, in the union's scope */
	assert_int_equal(req(&CU1, "GET", "/api/audit?action=station.create", NULL, &r), 0);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/audit?action=station.create&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	bool seen = false;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		seen |= jint(json_array_get(items, i), "object_id") == id;
	assert_true(seen);
	resp_free(&r);
}

static void test_create_refusals(void **state)
{
	(void)state;
	struct resp r;
	char b[1024];
	/* every required field, one at a time */
	static const char *const required[] = {"org_id", "name", "address", "lat", "lng", "hours"};
	/* an empty text is as good as none */
	char e[512];
	snprintf(e, sizeof(e),
	         "{\"org_id\":%" PRId64
	         ",\"name\":\"驿站\",\"address\":\"某路1号\",\"lat\":1,\"lng\":2,\"hours\":\"\"}",
	         U1);
	assert_int_equal(req(&CU1, "POST", "/api/stations", e, &r), 0);
	expect_error(&r, 400, "missing_field", "hours");
	resp_free(&r);
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		json_t *body = json_pack("{s:I, s:s, s:s, s:f, s:f, s:s}", "org_id", (json_int_t)U1, "name", "驿站",
		                         "address", "某路1号", "lat", 34.8, "lng", 119.1, "hours", "24h");
		json_object_del(body, required[i]);
		assert_int_equal(reqj(&CU1, "POST", "/api/stations", body, &r), 0);
		expect_error(&r, 400, "missing_field", required[i]);
		resp_free(&r);
	}
	/* every field wrong, one at a time */
	static const struct {
		const char *field, *frag;
	} bad[] = {
	        {"lat", "\"lat\":90.5"},
	        {"lat", "\"lat\":\"34.8\""},
	        {"lng", "\"lng\":-180.01"},
	        {"lng", "\"lng\":true"},
	        {"hours", "\"hours\":\"mon-fri 8-20\""},
	        {"hours", "\"hours\":\"mon 25:00-26:00\""},
	        {"amenities", "\"amenities\":[\"water\",\"sauna\"]"},
	        {"amenities", "\"amenities\":\"water\""},
	        {"phone", "\"phone\":\"12345\""},
	        {"name", "\"name\":\"站\""},
	        {"address", "\"address\":\"路\""},
	        {"active", "\"active\":\"yes\""},
	        {"org_id", "\"org_id\":0"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* a valid body with the one bad field put over it */
		json_t *body = json_pack("{s:I, s:s, s:s, s:f, s:f, s:s}", "org_id", (json_int_t)U1, "name", "驿站",
		                         "address", "某路1号", "lat", 34.8, "lng", 119.1, "hours", "24h");
		char frag[256];
		snprintf(frag, sizeof(frag), "{%s}", bad[i].frag);
		json_t *over = json_loads(frag, 0, NULL);
		assert_non_null(over);
		json_object_update(body, over);
		json_decref(over);
		assert_int_equal(reqj(&CU1, "POST", "/api/stations", body, &r), 0);
		if (r.status != 400 || !jstr(r.json, "error.field") ||
		    strcmp(jstr(r.json, "error.field"), bad[i].field))
			fail_msg("%s: %ld %s", frag, r.status, r.body);
		assert_string_equal(jstr(r.json, "error.code"), "invalid_field");
		resp_free(&r);
	}
	/* messages follow the language */
	snprintf(b, sizeof(b),
	         "{\"org_id\":%" PRId64
	         ",\"name\":\"驿站\",\"address\":\"某路1号\",\"lat\":91,\"lng\":119.1,\"hours\":\"24h\"}",
	         U1);
	CU1.lang = "en";
	assert_int_equal(req(&CU1, "POST", "/api/stations", b, &r), 0);
	CU1.lang = NULL;
	expect_error(&r, 400, "invalid_field", "lat");
	assert_non_null(strstr(jstr(r.json, "error.message"), "latitude"));
	resp_free(&r);
	/* a union outside the scope is unknown; so is one that does not exist */
	snprintf(b, sizeof(b),
	         "{\"org_id\":%" PRId64
	         ",\"name\":\"驿站\",\"address\":\"某路1号\",\"lat\":34.8,\"lng\":119.1,\"hours\":\"24h\"}",
	         U2);
	assert_int_equal(req(&CU1, "POST", "/api/stations", b, &r), 0);
	expect_error(&r, 404, "not_found", "org_id");
	resp_free(&r);
	/* roles without the right, and a missing CSRF token, and no session */
	snprintf(b, sizeof(b),
	         "{\"org_id\":%" PRId64
	         ",\"name\":\"驿站\",\"address\":\"某路1号\",\"lat\":34.8,\"lng\":119.1,\"hours\":\"24h\"}",
	         U1);
	assert_int_equal(req(&PU1, "POST", "/api/stations", b, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	assert_int_equal(req(&W, "POST", "/api/stations", b, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	char saved[128];
	snprintf(saved, sizeof(saved), "%s", CU1.csrf);
	CU1.csrf[0] = 0;
	assert_int_equal(req(&CU1, "POST", "/api/stations", b, &r), 0);
	snprintf(CU1.csrf, sizeof(CU1.csrf), "%s", saved);
	expect_error(&r, 403, "csrf", NULL);
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(req(&anon, "POST", "/api/stations", b, &r), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	assert_int_equal(req(&anon, "GET", "/api/stations/nearest?lat=34.8&lng=119.1", NULL, &r), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	client_release(&anon);
	assert_int_equal(req(&CU1, "POST", "/api/stations", "{\"org_id\":", &r), 0);
	expect_error(&r, 400, "invalid_json", NULL);
	resp_free(&r);
	/* nothing of the refused requests was written */
	assert_int_equal(req(&A, "GET", "/api/stations?q=%E9%A9%BF%E7%AB%99&limit=200", NULL, &r), 0);
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_string_not_equal(jstr(json_array_get(items, i), "name"), "驿站");
	resp_free(&r);
}

static void test_update_and_delete(void **state)
{
	(void)state;
	int64_t id = make_station(&CU1, U1, "厉庄测试驿站", 34.88, 118.92, "24h", "[\"water\"]");
	assert_true(id > 0);
	struct resp r;
	assert_int_equal(reqf(&CU1, "PATCH",
	                      "{\"hours\":\"daily 06:00-22:00\",\"amenities\":[\"rest\",\"wifi\"],"
	                      "\"active\":false,\"phone\":\"13912345678\"}",
	                      &r, "/api/stations/%" PRId64, id),
	                 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "hours"), "daily 06:00-22:00");
	assert_string_equal(jstr(r.json, "amenities.0"), "rest");
	assert_string_equal(jstr(r.json, "amenities.1"), "wifi");
	assert_true(json_is_false(jget(r.json, "active")));
	assert_string_equal(jstr(r.json, "phone"), "13912345678");
	assert_string_equal(jstr(r.json, "name"), "厉庄测试驿站"); /* untouched */
	resp_free(&r);
	/* the phone cleared with null */
	assert_int_equal(reqf(&CU1, "PATCH", "{\"phone\":null}", &r, "/api/stations/%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_true(json_is_null(jget(r.json, "phone")));
	resp_free(&r);
	/* refusals: nothing to change, a bad field, another union's station, a union outside the scope */
	assert_int_equal(reqf(&CU1, "PATCH", "{}", &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 400, "bad_request", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU1, "PATCH", "{\"lat\":-91}", &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 400, "invalid_field", "lat");
	resp_free(&r);
	assert_int_equal(reqf(&CU1, "PATCH", "{\"hours\":\"sometimes\"}", &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 400, "invalid_field", "hours");
	resp_free(&r);
	assert_int_equal(reqf(&CU2, "PATCH", "{\"name\":\"改名驿站\"}", &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	char b[128];
	snprintf(b, sizeof(b), "{\"org_id\":%" PRId64 "}", U2);
	assert_int_equal(reqf(&CU1, "PATCH", b, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", "org_id");
	resp_free(&r);
	assert_int_equal(reqf(&PU1, "PATCH", "{\"name\":\"改名驿站\"}", &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	/* the county hands it to the other union */
	assert_int_equal(reqf(&FGY, "PATCH", b, &r, "/api/stations/%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), U2);
	resp_free(&r);
	assert_int_equal(reqf(&CU1, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU2, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* delete: out of scope 404, without the right 403, then done, then gone */
	assert_int_equal(reqf(&CU1, "DELETE", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&W, "DELETE", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU2, "DELETE", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_status(&r, 204);
	resp_free(&r);
	assert_int_equal(reqf(&CU2, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU2, "DELETE", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/audit?action=station.delete", NULL, &r), 0);
	assert_true(jint(r.json, "total") >= 1);
	resp_free(&r);
}

static void test_list(void **state)
{
	(void)state;
	struct resp r;
	/* the demo stations of 赣榆区: thirty, one inactive */
	assert_int_equal(reqf(&FGY, "GET", NULL, &r, "/api/stations?limit=200&org=%" PRId64 "&q=%s", GY, "%E9%95%87"),
	                 0);
	expect_status(&r, 200);
	int64_t demo = 0;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		demo += json_is_true(jget(json_array_get(items, i), "demo"));
	assert_int_equal(demo, 30);
	resp_free(&r);
	assert_int_equal(req(&FGY, "GET", "/api/stations?active=0", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(jint(r.json, "total") >= 1);
	items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_true(json_is_false(jget(json_array_get(items, i), "active")));
	resp_free(&r);
	/* paging: by name, stable */
	assert_int_equal(req(&FGY, "GET", "/api/stations?limit=5&offset=5", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "offset"), 5);
	assert_int_equal(jint(r.json, "limit"), 5);
	assert_int_equal(json_array_size(jget(r.json, "items")), 5);
	assert_true(jint(r.json, "total") >= 30);
	resp_free(&r);
	/* a cadre sees only their union's */
	make_station(&CU2, U2, "只属于二号工会的驿站", 34.9, 119.0, "24h", "[]");
	assert_int_equal(req(&CU1, "GET", "/api/stations?limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_int_equal(jint(json_array_get(items, i), "org_id"), U1);
	resp_free(&r);
	assert_int_equal(req(&CU2, "GET", "/api/stations?q=%E5%8F%AA%E5%B1%9E%E4%BA%8E", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 1);
	resp_free(&r);
	/* refusals */
	assert_int_equal(reqf(&CU1, "GET", NULL, &r, "/api/stations?org=%" PRId64, U2), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(req(&CU1, "GET", "/api/stations?active=2", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "active");
	resp_free(&r);
	assert_int_equal(req(&CU1, "GET", "/api/stations?limit=0", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "limit");
	resp_free(&r);
	assert_int_equal(req(&W, "GET", "/api/stations", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
}

/* Ids of the stations of the nearest answer, in order; their distances must be non-decreasing. */
static int nearest_ids(struct client *c, const char *query, int64_t *ids, int64_t *dist, int cap)
{
	struct resp r;
	char path[512];
	snprintf(path, sizeof(path), "/api/stations/nearest?%s", query);
	if (req(c, "GET", path, NULL, &r) < 0 || r.status != 200) {
		fprintf(stderr, "nearest %s: %ld %s\n", query, r.status, r.body);
		resp_free(&r);
		return -1;
	}
	json_t *items = jget(r.json, "items");
	int n = 0;
	for (size_t i = 0; i < json_array_size(items) && n < cap; i++) {
		json_t *it = json_array_get(items, i);
		ids[n] = jint(it, "id");
		dist[n] = jint(it, "distance_m");
		if (n && dist[n] < dist[n - 1])
			fail_msg("nearest %s: not in order at %d", query, n);
		n++;
	}
	assert_int_equal(jint(r.json, "total"), n);
	resp_free(&r);
	return n;
}

static void test_nearest(void **state)
{
	(void)state;
	/* five stations due north of the spot, 1.1, 2.2, 3.3, 4.4 and 60 km away, and one due east,
	 * inactive: made through the admin */
	int64_t s1 = make_station(&FGY, GY, "海上一号站", LAT0 + 0.01, LNG0, "24h", "[\"water\",\"charging\"]");
	int64_t s2 = make_station(&FGY, GY, "海上二号站", LAT0 + 0.02, LNG0, "mon-fri 08:00-09:00", "[\"water\"]");
	int64_t s3 = make_station(&FGY, GY, "海上三号站", LAT0 + 0.03, LNG0, "fri,sat 20:00-02:00", "[\"charging\"]");
	int64_t s4 = make_station(&FGY, GY, "海上四号站", LAT0 + 0.04, LNG0, "daily 09:00-17:00",
	                          "[\"water\",\"charging\"]");
	int64_t far = make_station(&FGY, GY, "海上远处站", LAT0 + 0.54, LNG0, "24h", "[]");
	int64_t off = make_station(&FGY, GY, "海上停用站", LAT0, LNG0 + 0.001, "24h", "[]");
	assert_true(s1 && s2 && s3 && s4 && far && off);
	struct resp r;
	assert_int_equal(reqf(&FGY, "PATCH", "{\"active\":false}", &r, "/api/stations/%" PRId64, off), 0);
	expect_status(&r, 200);
	resp_free(&r);

	/* a member asks: nearest first, the inactive one never, the one beyond 50 km neither */
	int64_t ids[50], dist[50];
	char q[256];
	snprintf(q, sizeof(q), "lat=%.6f&lng=%.6f", LAT0, LNG0);
	assert_int_equal(nearest_ids(&W, q, ids, dist, 50), 4);
	assert_int_equal(ids[0], s1);
	assert_int_equal(ids[1], s2);
	assert_int_equal(ids[2], s3);
	assert_int_equal(ids[3], s4);
	assert_int_equal(dist[0], 1112); /* 0.01° of a meridian */
	assert_int_equal(dist[3], 4448);
	/* the whole answer: distance, open now, amenities */
	assert_int_equal(req(&W, "GET", "/api/stations/nearest?lat=35.5&lng=121&limit=2", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(json_array_size(jget(r.json, "items")), 2);
	assert_int_equal(jint(r.json, "limit"), 2);
	assert_int_equal(jint(r.json, "radius_m"), 50000);
	assert_int_equal(jint(r.json, "items.0.distance_m"), 1112);
	assert_string_equal(jstr(r.json, "items.0.name"), "海上一号站");
	assert_string_equal(jstr(r.json, "items.0.amenities.1"), "charging");
	assert_true(json_is_true(jget(r.json, "items.0.open_now")));
	assert_true(json_is_false(jget(r.json, "items.1.open_now"))); /* Monday 10:00, open 08:00-09:00 */
	resp_free(&r);

	/* open now, read against the clock in China time */
	snprintf(q, sizeof(q), "lat=%.6f&lng=%.6f&open_now=1", LAT0, LNG0);
	assert_int_equal(nearest_ids(&W, q, ids, dist, 50), 2); /* 10:00 Monday: one (24h) and four (09-17) */
	assert_int_equal(ids[0], s1);
	assert_int_equal(ids[1], s4);
	clock_to("2026-11-23T08:30:00+08:00"); /* Monday 08:30 */
	assert_int_equal(nearest_ids(&W, q, ids, dist, 50), 2);
	assert_int_equal(ids[0], s1);
	assert_int_equal(ids[1], s2);
	clock_to("2026-11-29T01:30:00+08:00"); /* Sunday 01:30, Saturday's night */
	assert_int_equal(nearest_ids(&W, q, ids, dist, 50), 2);
	assert_int_equal(ids[0], s1);
	assert_int_equal(ids[1], s3);
	clock_to(T0);

	/* amenities: all of them */
	snprintf(q, sizeof(q), "lat=%.6f&lng=%.6f&amenities=water,charging", LAT0, LNG0);
	assert_int_equal(nearest_ids(&W, q, ids, dist, 50), 2);
	assert_int_equal(ids[0], s1);
	assert_int_equal(ids[1], s4);
	/* the limit, and the default of 10 near the demo stations of 赣榆 */
	snprintf(q, sizeof(q), "lat=%.6f&lng=%.6f&limit=1", LAT0 + 0.035, LNG0);
	assert_int_equal(nearest_ids(&W, q, ids, dist, 50), 1);
	assert_true(ids[0] == s3 || ids[0] == s4);
	assert_int_equal(nearest_ids(&CU1, "lat=34.84&lng=119.12", ids, dist, 50), 10);
	assert_int_equal(nearest_ids(&W, "lat=34.84&lng=119.12&limit=50", ids, dist, 50),
	                 29 + 2); /* the demo ones, 测试驿站 and 二号工会的 */

	/* refusals, each naming its field */
	static const struct {
		const char *query, *code, *field;
	} bad[] = {
	        {"lng=119.1", "missing_field", "lat"},
	        {"lat=34.8", "missing_field", "lng"},
	        {"lat=90.0001&lng=119.1", "invalid_field", "lat"},
	        {"lat=-91&lng=119.1", "invalid_field", "lat"},
	        {"lat=abc&lng=119.1", "invalid_field", "lat"},
	        {"lat=34.8&lng=180.5", "invalid_field", "lng"},
	        {"lat=34.8&lng=-181", "invalid_field", "lng"},
	        {"lat=34.8&lng=nan", "invalid_field", "lng"},
	        {"lat=34.8&lng=119.1&limit=51", "invalid_field", "limit"},
	        {"lat=34.8&lng=119.1&limit=0", "invalid_field", "limit"},
	        {"lat=34.8&lng=119.1&open_now=yes", "invalid_field", "open_now"},
	        {"lat=34.8&lng=119.1&amenities=water,spa", "invalid_field", "amenities"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char path[256];
		snprintf(path, sizeof(path), "/api/stations/nearest?%s", bad[i].query);
		assert_int_equal(req(&W, "GET", path, NULL, &r), 0);
		expect_error(&r, 400, bad[i].code, bad[i].field);
		resp_free(&r);
	}
	/* the edges of the ranges are accepted */
	assert_true(nearest_ids(&W, "lat=90&lng=180", ids, dist, 50) == 0);
	assert_true(nearest_ids(&W, "lat=-90&lng=-180", ids, dist, 50) == 0);
}

static void test_config(void **state)
{
	(void)state;
	struct resp r;
	assert_int_equal(req(&W, "GET", "/api/stations/config", NULL, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "tile_url"), TILES);
	assert_int_equal(json_array_size(jget(r.json, "amenities")), 10);
	assert_string_equal(jstr(r.json, "amenities.0.token"), "water");
	assert_string_equal(jstr(r.json, "amenities.0.label"), "饮水");
	assert_int_equal(jint(r.json, "max_limit"), 50);
	resp_free(&r);
	W.lang = "en";
	assert_int_equal(req(&W, "GET", "/api/stations/config", NULL, &r), 0);
	W.lang = NULL;
	assert_string_equal(jstr(r.json, "amenities.0.label"), "drinking water");
	resp_free(&r);
	/* a tile URL that is not an http(s) template, or that could break out of the page's
	 * Content-Security-Policy, stops `serve` at once with exit status 2 */
	static const char *const bad[] = {
	        "https://tiles.example.org/tile.png",           /* no {z} {x} {y} */
	        "ftp://tiles.example.org/{z}/{x}/{y}.png",      /* not http(s) */
	        "https://tiles.example.org/{z}/{x}/{y}.png; x", /* a blank and a ';' */
	        "https://tiles.example.org'/{z}/{x}/{y}.png",   /* a quote */
	        "https:///{z}/{x}/{y}.png",                     /* no host */
	        "https://ti les.example.org/{z}/{x}/{y}.png",   /* a blank in the host */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *args[] = {"serve", "--port", "0", "--tile-url", bad[i], NULL};
		assert_int_equal(srv_cli(&S, NULL, args), 2);
	}
}

static void test_union_moves_with_its_stations(void **state)
{
	(void)state;
	int64_t id = make_station(&CU1, U1, "随工会搬家的驿站", 34.85, 119.14, "24h", "[]");
	assert_true(id > 0);
	struct resp r;
	char b[128];
	snprintf(b, sizeof(b), "{\"parent_id\":%" PRId64 ",\"division_code\":\"320707101\"}", ZW);
	assert_int_equal(reqf(&A, "POST", b, &r, "/api/orgs/%" PRId64 "/move", U1), 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* a federation staff of 柘汪镇 now sees it; 青口镇's does not */
	struct client FZW, FQK;
	assert_int_equal(staff(&FZW, ZW, "federation_staff", "st.fed.zw"), 0);
	assert_int_equal(staff(&FQK, QK, "federation_staff", "st.fed.qk"), 0);
	assert_int_equal(reqf(&FZW, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_status(&r, 200);
	resp_free(&r);
	assert_int_equal(reqf(&FQK, "GET", NULL, &r, "/api/stations/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	client_release(&FZW);
	client_release(&FQK);
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_create_and_read),
	        cmocka_unit_test(test_create_refusals),
	        cmocka_unit_test(test_update_and_delete),
	        cmocka_unit_test(test_list),
	        cmocka_unit_test(test_nearest),
	        cmocka_unit_test(test_config),
	        cmocka_unit_test(test_union_moves_with_its_stations),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
