/*
 * Unit tests of the pure parts of service stations (src/domain/station.c): the haversine
 * distance, the grid cells, the ring search held against brute force on random points (dense
 * and sparse, on and beside cell borders, with filters that drop stations, up to the 50 km
 * radius), opening hours (grammar, canonical text, intervals past midnight, China time) and the
 * amenity vocabulary. No store: the ring search reads an in-memory fetcher.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/time.h"
#include "domain/station.h"

/* ---- distance and cells ---- */

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(station_distance_m(34840000, 119120000, 34840000, 119120000), 0);
	/* one degree of a meridian on the mean radius: 6371008.8 · π / 180 = 111195.08 m */
	assert_int_equal(station_distance_m(34000000, 119000000, 35000000, 119000000), 111195);
	assert_int_equal(station_distance_m(0, 0, 0, 1000000), 111195);
	/* a degree of longitude shrinks with the cosine of the latitude: at 60° about half */
	int64_t d60 = station_distance_m(60000000, 10000000, 60000000, 11000000);
	assert_true(d60 > 55590 && d60 < 55610);
	/* Beijing (天安门) to Shanghai (人民广场): about 1,067 km */
	int64_t bs = station_distance_m(39907500, 116397200, 31230400, 121473700);
	assert_true(bs > 1060000 && bs < 1075000);
	/* symmetric */
	assert_int_equal(station_distance_m(34840000, 119120000, 34850000, 119130000),
	                 station_distance_m(34850000, 119130000, 34840000, 119120000));
	/* antipodes: half the circumference */
	assert_int_equal(station_distance_m(0, 0, 0, 180000000), 20015114); /* π · R */
}

static void test_cells(void **state)
{
	(void)state;
	int row, col;
	int64_t cr, cc;
	station_cell(34840000, 119120000, &row, &col, &cr, &cc);
	assert_int_equal(row, (34840000 + 90000000) / STATION_CELL_E6);
	assert_int_equal(col, (119120000 + 180000000) / STATION_CELL_E6);
	assert_int_equal(cr, (int64_t)row * STATION_COLS + col);
	assert_int_equal(cc, (int64_t)col * STATION_ROWS + row);
	/* a border belongs to the cell above and to the right of it */
	station_cell(34840000 - 1, 119120000 - 1, &row, &col, NULL, NULL);
	int row_b, col_b;
	station_cell(34840000, 119120000, &row_b, &col_b, NULL, NULL);
	assert_int_equal(row_b, row + 1);
	assert_int_equal(col_b, col + 1);
	/* the edges of the world stay inside the grid */
	station_cell(90000000, 180000000, &row, &col, NULL, NULL);
	assert_int_equal(row, STATION_ROWS - 1);
	assert_int_equal(col, STATION_COLS - 1);
	station_cell(-90000000, -180000000, &row, &col, &cr, &cc);
	assert_int_equal(row, 0);
	assert_int_equal(col, 0);
	assert_int_equal(cr, 0);
	assert_int_equal(cc, 0);
}

/* ---- the ring search against brute force ---- */

struct pt {
	int64_t id;
	int32_t lat, lng;
	int64_t cr, cc;
};

struct world {
	struct pt *by_r, *by_c; /* the same points sorted by each key */
	int n;
	int drop; /* a filter: drop ids divisible by drop (0: none), as open_now would */
	int fetches;
};

static int cmp_r(const void *a, const void *b)
{
	const struct pt *x = a, *y = b;
	return x->cr < y->cr ? -1 : x->cr > y->cr;
}

static int cmp_c(const void *a, const void *b)
{
	const struct pt *x = a, *y = b;
	return x->cc < y->cc ? -1 : x->cc > y->cc;
}

static int lower(const struct pt *v, int n, bool by_col, int64_t key)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if ((by_col ? v[mid].cc : v[mid].cr) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int fetch(void *arg, struct station_near *s, bool by_col, int64_t lo, int64_t hi)
{
	struct world *w = arg;
	const struct pt *v = by_col ? w->by_c : w->by_r;
	w->fetches++;
	for (int i = lower(v, w->n, by_col, lo); i < w->n && (by_col ? v[i].cc : v[i].cr) <= hi; i++) {
		int64_t d;
		if (!station_near_wants(s, v[i].id, v[i].lat, v[i].lng, &d))
			continue;
		if (w->drop && v[i].id % w->drop == 0)
			continue;
		station_near_put(s, v[i].id, d);
	}
	return 0;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static int64_t rnd(int64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (int64_t)(rng % (uint64_t)n);
}

/* A coordinate near c (±spread micro-degrees); every third one put on a cell border or a micro-degree
 * beside it, where an off-by-one in the cells would show. */
static int32_t coord(int32_t c, int32_t spread)
{
	int32_t v = c + (int32_t)rnd(2 * (int64_t)spread + 1) - spread;
	if (rnd(3) == 0)
		v = v - v % STATION_CELL_E6 + (int32_t)rnd(3) - 1;
	return v;
}

static void world_make(struct world *w, int n, int32_t lat, int32_t lng, int32_t spread)
{
	w->n = n;
	w->by_r = calloc((size_t)n, sizeof(struct pt));
	w->by_c = calloc((size_t)n, sizeof(struct pt));
	assert_non_null(w->by_r);
	assert_non_null(w->by_c);
	for (int i = 0; i < n; i++) {
		struct pt *p = &w->by_r[i];
		p->id = i + 1;
		/* a few exact duplicates of the previous point: ties broken by id */
		if (i && rnd(50) == 0) {
			p->lat = w->by_r[i - 1].lat;
			p->lng = w->by_r[i - 1].lng;
		} else {
			p->lat = coord(lat, spread);
			p->lng = coord(lng, spread);
		}
		station_cell(p->lat, p->lng, NULL, NULL, &p->cr, &p->cc);
	}
	memcpy(w->by_c, w->by_r, sizeof(struct pt) * (size_t)n);
	qsort(w->by_r, (size_t)n, sizeof(struct pt), cmp_r);
	qsort(w->by_c, (size_t)n, sizeof(struct pt), cmp_c);
}

static void world_free(struct world *w)
{
	free(w->by_r);
	free(w->by_c);
}

static int cmp_hit(const void *a, const void *b)
{
	const struct station_hit *x = a, *y = b;
	if (x->distance_m != y->distance_m)
		return x->distance_m < y->distance_m ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The k nearest by scanning every point. */
static int brute(const struct world *w, int32_t lat, int32_t lng, int k, int64_t max_m, struct station_hit *out)
{
	struct station_hit *all = calloc((size_t)w->n, sizeof(*all));
	assert_non_null(all);
	int m = 0;
	for (int i = 0; i < w->n; i++) {
		const struct pt *p = &w->by_r[i];
		if (w->drop && p->id % w->drop == 0)
			continue;
		int64_t d = station_distance_m(lat, lng, p->lat, p->lng);
		if (d <= max_m)
			all[m++] = (struct station_hit){p->id, d};
	}
	qsort(all, (size_t)m, sizeof(*all), cmp_hit);
	int n = m < k ? m : k;
	memcpy(out, all, sizeof(*out) * (size_t)n);
	free(all);
	return n;
}

/* Runs `queries` random searches around (lat, lng) and compares each with brute force. */
static void compare(struct world *w, int queries, int32_t lat, int32_t lng, int32_t spread, int *max_rings)
{
	for (int q = 0; q < queries; q++) {
		struct station_near s = {.lat_e6 = coord(lat, spread),
		                         .lng_e6 = coord(lng, spread),
		                         .k = 1 + (int)rnd(STATION_NEAR_MAX),
		                         .max_m = STATION_MAX_RADIUS};
		if (q % 4 == 0)
			s.k = 10;
		w->drop = q % 3 == 0 ? 3 : 0;
		assert_int_equal(station_near_search(&s, fetch, w), 0);
		struct station_hit want[STATION_NEAR_MAX];
		int n = brute(w, s.lat_e6, s.lng_e6, s.k, s.max_m, want);
		if (n != s.n)
			fail_msg("query %d at (%d, %d) k=%d: %d found, brute force %d", q, s.lat_e6, s.lng_e6, s.k, s.n,
			         n);
		for (int i = 0; i < n; i++)
			if (want[i].id != s.hits[i].id || want[i].distance_m != s.hits[i].distance_m)
				fail_msg("query %d at (%d, %d) k=%d, hit %d: id %lld at %lld m, brute force id %lld at "
				         "%lld m",
				         q, s.lat_e6, s.lng_e6, s.k, i, (long long)s.hits[i].id,
				         (long long)s.hits[i].distance_m, (long long)want[i].id,
				         (long long)want[i].distance_m);
		if (s.rings > *max_rings)
			*max_rings = s.rings;
	}
}

static void test_ring_dense(void **state)
{
	(void)state;
	/* 4,000 stations within ±0.15° of 赣榆 (about 33 km by 27 km), queries among them */
	struct world w = {0};
	world_make(&w, 4000, 34840000, 119120000, 150000);
	int rings = 0;
	compare(&w, 600, 34840000, 119120000, 150000, &rings);
	/* dense: a handful of rings suffice */
	assert_true(rings <= 12);
	world_free(&w);
}

static void test_ring_sparse(void **state)
{
	(void)state;
	/* 1,500 stations within ±1.5° (many queries find fewer than k within 50 km, some none) */
	struct world w = {0};
	world_make(&w, 1500, 34840000, 119120000, 1500000);
	int rings = 0;
	compare(&w, 600, 34840000, 119120000, 1500000, &rings);
	/* and queries far from every station answer nothing, having read the rings up to 50 km */
	struct station_near s = {.lat_e6 = 44000000, .lng_e6 = 87000000, .k = 10, .max_m = STATION_MAX_RADIUS};
	assert_int_equal(station_near_search(&s, fetch, &w), 0);
	assert_int_equal(s.n, 0);
	assert_true(s.rings < 40);
	world_free(&w);
}

static void test_ring_north_and_west(void **state)
{
	(void)state;
	/* 漠河 (53.0°N: narrow cells) and 喀什 (39.5°N, 76.0°E) */
	struct world w = {0};
	int rings = 0;
	world_make(&w, 2000, 52970000, 122530000, 600000);
	compare(&w, 300, 52970000, 122530000, 600000, &rings);
	world_free(&w);
	world_make(&w, 2000, 39470000, 75990000, 600000);
	compare(&w, 300, 39470000, 75990000, 600000, &rings);
	world_free(&w);
}

static void test_ring_radius_edge(void **state)
{
	(void)state;
	/* stations due north at 49,999, 50,000 and 50,001 m and due east at 50,001 m: the first two only */
	struct world w = {0};
	w.n = 4;
	w.by_r = calloc(4, sizeof(struct pt));
	w.by_c = calloc(4, sizeof(struct pt));
	int32_t lat0 = 34840000, lng0 = 119120000;
	/* metres to micro-degrees of latitude: 1e6 · 180 / (π · R) */
	double per_m = 1e6 * 180.0 / (3.14159265358979323846 * STATION_EARTH_M);
	int64_t want[] = {49999, 50000, 50001};
	for (int i = 0; i < 3; i++) {
		int32_t lat = lat0 + (int32_t)(want[i] * per_m);
		/* nudge by micro-degrees until the distance is exactly the one wanted */
		while (station_distance_m(lat0, lng0, lat, lng0) < want[i])
			lat++;
		while (station_distance_m(lat0, lng0, lat, lng0) > want[i])
			lat--;
		assert_int_equal(station_distance_m(lat0, lng0, lat, lng0), want[i]);
		w.by_r[i] = (struct pt){.id = i + 1, .lat = lat, .lng = lng0};
	}
	int32_t lng = lng0 + 549000;
	while (station_distance_m(lat0, lng0, lat0, lng) <= 50000)
		lng += 10;
	w.by_r[3] = (struct pt){.id = 4, .lat = lat0, .lng = lng};
	for (int i = 0; i < 4; i++)
		station_cell(w.by_r[i].lat, w.by_r[i].lng, NULL, NULL, &w.by_r[i].cr, &w.by_r[i].cc);
	memcpy(w.by_c, w.by_r, sizeof(struct pt) * 4);
	qsort(w.by_r, 4, sizeof(struct pt), cmp_r);
	qsort(w.by_c, 4, sizeof(struct pt), cmp_c);
	struct station_near s = {.lat_e6 = lat0, .lng_e6 = lng0, .k = 10, .max_m = STATION_MAX_RADIUS};
	assert_int_equal(station_near_search(&s, fetch, &w), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.hits[0].id, 1);
	assert_int_equal(s.hits[0].distance_m, 49999);
	assert_int_equal(s.hits[1].id, 2);
	assert_int_equal(s.hits[1].distance_m, 50000);
	world_free(&w);
}

static void test_ring_stops_early(void **state)
{
	(void)state;
	/* the k nearest in the first rings: the search reads no farther than it must */
	struct world w = {0};
	world_make(&w, 3000, 34840000, 119120000, 100000);
	struct station_near s = {.lat_e6 = 34840000 + 10000, .lng_e6 = 119120000 + 10000, .k = 1, .max_m = 50000};
	w.fetches = 0;
	assert_int_equal(station_near_search(&s, fetch, &w), 0);
	assert_int_equal(s.n, 1);
	assert_true(s.rings <= 3);
	assert_int_equal(w.fetches, s.ranges);
	world_free(&w);
}

/* ---- opening hours ---- */

static void check_canon(const char *in, const char *canon)
{
	struct station_hours h;
	char out[STATION_HOURS_CANON_MAX];
	if (station_hours_parse(in, &h, out, sizeof(out)) != 0)
		fail_msg("refused: %s", in);
	assert_string_equal(out, canon);
	/* the canonical text reads back to itself */
	char again[STATION_HOURS_CANON_MAX];
	assert_int_equal(station_hours_parse(out, &h, again, sizeof(again)), 0);
	assert_string_equal(again, canon);
}

static void test_hours_parse(void **state)
{
	(void)state;
	check_canon("mon-fri 08:00-20:00; sat,sun 09:00-17:00", "mon-fri 08:00-20:00; sat,sun 09:00-17:00");
	check_canon("24h", "24h");
	check_canon("  24H ", "24h");
	check_canon("daily 00:00-24:00", "24h");
	check_canon("Mon - Sun 24h", "24h");
	check_canon("daily 06:00-11:00, 14:00-22:00", "daily 06:00-11:00,14:00-22:00");
	check_canon("fri,sat 20:00-02:00", "fri,sat 20:00-02:00");
	check_canon("sat-mon 10:00-16:00", "mon,sat,sun 10:00-16:00");
	check_canon("mon,tue,wed 08:00-12:00;", "mon-wed 08:00-12:00");
	check_canon("ＭＯＮ－ＦＲＩ　０８：００－２０：００",
	            "mon-fri 08:00-20:00"); /* full-width, as typed on a phone */
	check_canon("mon 08:00-12:00; mon 14:00-18:00", "mon 08:00-12:00; mon 14:00-18:00");
	static const char *const bad[] = {
	        "",
	        "   ",
	        "mon",
	        "08:00-20:00",
	        "mon 8:00-20:00",
	        "mon 08:00-20:60",
	        "mon 25:00-26:00",
	        "mon 24:00-02:00",
	        "mon 08:00-24:01",
	        "mon 08:00-08:00",
	        "mon 08:00",
	        "mon 08:00-",
	        "xyz 08:00-12:00",
	        "mon-xyz 08:00-12:00",
	        "mon 08:00-12:00 extra",
	        "mon08:00-12:00",
	        "周一 08:00-12:00",
	        "mon 08:00-12:00,",
	        "mon 1:00-2:00,3:00-4:00",
	        "mon 01:00-02:00,03:00-04:00,05:00-06:00,07:00-08:00,09:00-10:00,11:00-12:00,13:00-14:00",
	        "mon 01:00-02:00;tue 01:00-02:00;wed 01:00-02:00;thu 01:00-02:00;fri 01:00-02:00;sat 01:00-02:00;"
	        "sun 01:00-02:00;mon 03:00-04:00;tue 03:00-04:00;wed 03:00-04:00;thu 03:00-04:00;fri 03:00-04:00;"
	        "sat 03:00-04:00;sun 03:00-04:00;mon 05:00-06:00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct station_hours h;
		char out[STATION_HOURS_CANON_MAX];
		if (station_hours_parse(bad[i], &h, out, sizeof(out)) == 0)
			fail_msg("accepted: \"%s\" as \"%s\"", bad[i], out);
	}
	assert_int_equal(station_hours_parse(NULL, &(struct station_hours){0}, NULL, 0), -1);
	/* the canonical form can be longer than the text (sat-mon spells out its days): the longest
	 * still fits STATION_HOURS_CANON_MAX, and a buffer too small is a refusal, never a cut text */
	char longest[STATION_HOURS_MAX_TEXT + 1] = "";
	for (size_t i = 0, n = 0; i < STATION_HOURS_MAX_RULES; i++)
		n += (size_t)snprintf(longest + n, sizeof(longest) - n, "sat-mon 24h;");
	struct station_hours h;
	char out[STATION_HOURS_CANON_MAX];
	assert_int_equal(station_hours_parse(longest, &h, out, sizeof(out)), 0);
	assert_true(strlen(out) > strlen(longest));
	char small[16];
	assert_int_equal(station_hours_parse("mon-fri 08:00-20:00", &h, small, sizeof(small)), -1);
}

static bool open_at(const char *hours, int wday, int h, int m)
{
	struct station_hours sh;
	assert_int_equal(station_hours_parse(hours, &sh, NULL, 0), 0);
	return station_hours_open(&sh, wday, h * 60 + m);
}

static void test_hours_open(void **state)
{
	(void)state;
	const char *office = "mon-fri 08:00-20:00; sat,sun 09:00-17:00";
	assert_true(open_at(office, 0, 8, 0));
	assert_false(open_at(office, 0, 7, 59));
	assert_true(open_at(office, 4, 19, 59));
	assert_false(open_at(office, 4, 20, 0)); /* the end is exclusive */
	assert_false(open_at(office, 5, 8, 30));
	assert_true(open_at(office, 6, 16, 59));
	assert_false(open_at(office, 6, 17, 0));
	/* past midnight: Friday and Saturday nights, into Saturday and Sunday mornings */
	const char *night = "fri,sat 20:00-02:00";
	assert_false(open_at(night, 4, 19, 59));
	assert_true(open_at(night, 4, 23, 0));
	assert_true(open_at(night, 5, 1, 59));
	assert_false(open_at(night, 5, 2, 0));
	assert_true(open_at(night, 6, 0, 30));
	assert_false(open_at(night, 0, 0, 30)); /* Sunday night is not listed */
	assert_false(open_at(night, 4, 1, 0));  /* Thursday night neither */
	/* Sunday to Monday across the week's end */
	assert_true(open_at("sun 22:00-06:00", 0, 5, 0));
	assert_true(open_at("24h", 3, 0, 0));
	assert_true(open_at("24h", 3, 23, 59));
	assert_true(open_at("daily 06:00-11:00,14:00-22:00", 2, 10, 0));
	assert_false(open_at("daily 06:00-11:00,14:00-22:00", 2, 12, 0));
	assert_true(open_at("mon 00:00-24:00", 0, 23, 59));
	assert_false(open_at("mon 00:00-24:00", 1, 0, 0));
}

static void test_open_at_china_time(void **state)
{
	(void)state;
	int64_t t;
	/* 2026-11-23 is a Monday; 08:00 in 赣榆 is 00:00 UTC */
	assert_int_equal(time_parse_iso("2026-11-23T08:00:00+08:00", &t), 0);
	assert_true(station_open_at("mon 08:00-09:00", t));
	assert_false(station_open_at("mon 08:00-09:00", t - 60));
	assert_false(station_open_at("sun 08:00-09:00", t));
	/* 01:00 on Monday in China is still Sunday in UTC: the day is China's */
	assert_int_equal(time_parse_iso("2026-11-23T01:00:00+08:00", &t), 0);
	assert_true(station_open_at("mon 00:30-02:00", t));
	assert_true(station_open_at("sun 23:00-02:00", t));
	assert_false(station_open_at("sun 00:30-02:00", t));
	assert_false(station_open_at("not hours", t));
}

static void test_amenities(void **state)
{
	(void)state;
	assert_int_equal(station_amenity_parse("water"), AMENITY_WATER);
	assert_int_equal(station_amenity_parse("heating_cooling"), AMENITY_CLIMATE);
	assert_int_equal(station_amenity_parse("Water"), -1);
	assert_int_equal(station_amenity_parse(NULL), -1);
	for (int i = 0; i < AMENITY__MAX; i++) {
		assert_int_equal(station_amenity_parse(station_amenity_token(i)), i);
		assert_true(strlen(station_amenity_label(i, true)) > 0);
		assert_true(strlen(station_amenity_label(i, false)) > 0);
	}
	assert_string_equal(station_amenity_label(AMENITY_TOILET, true), "卫生间");
	assert_string_equal(station_amenity_token(AMENITY__MAX), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_distance),
	        cmocka_unit_test(test_cells),
	        cmocka_unit_test(test_ring_dense),
	        cmocka_unit_test(test_ring_sparse),
	        cmocka_unit_test(test_ring_north_and_west),
	        cmocka_unit_test(test_ring_radius_edge),
	        cmocka_unit_test(test_ring_stops_early),
	        cmocka_unit_test(test_hours_parse),
	        cmocka_unit_test(test_hours_open),
	        cmocka_unit_test(test_open_at_china_time),
	        cmocka_unit_test(test_amenities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
