/*
 * Outdoor-worker service stations (户外劳动者服务站点, 职工之家): where they are (WGS-84, as
 * phones give it), what they offer (a fixed vocabulary of amenities), when they are open (weekly
 * hours in China time, read against clock_now()), and the union responsible. Staff keep them in
 * their scope (CAP_SERVICE_WRITE); any logged-in account finds the nearest ones to a point.
 *
 * The nearest search is a ring search over a grid of STATION_CELL_E6 cells: the rings of cells
 * around the point are read one by one (each ring four index ranges, sql_stations.h) until the
 * k-th station found is nearer than anything an unread cell can hold, or the rings cover the
 * search radius. The pure parts (distance, cells, the ring search over a fetch callback, opening
 * hours) are exposed so that unit tests can hold them against brute force.
 */
#ifndef GH_DOMAIN_STATION_H
#define GH_DOMAIN_STATION_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* ---- geometry ---- */

#define STATION_CELL_E6    20000 /* a grid cell is 0.02° by 0.02° (about 2.2 km by 1.8 km in 赣榆) */
#define STATION_ROWS       (180000000 / STATION_CELL_E6)
#define STATION_COLS       (360000000 / STATION_CELL_E6)
#define STATION_EARTH_M    6371008.8 /* the mean Earth radius (IUGG), metres */
#define STATION_MAX_RADIUS 50000     /* the nearest search looks no farther (metres) */
#define STATION_MAX_RINGS  400       /* and reads at most this many rings (only near the poles) */
#define STATION_NEAR_MAX   50        /* the largest k of a nearest search */

/* The great-circle distance in metres (haversine on the mean radius), rounded to an integer. */
int64_t station_distance_m(int32_t lat1_e6, int32_t lng1_e6, int32_t lat2_e6, int32_t lng2_e6);
/* The grid cell of a point: its row and column, and both keys (row-major and column-major). */
void station_cell(int32_t lat_e6, int32_t lng_e6, int *row, int *col, int64_t *cell_r, int64_t *cell_c);

/* The k best candidates of a search, nearest first (ties by id). */
struct station_hit {
	int64_t id;
	int64_t distance_m;
};

struct station_near {
	int32_t lat_e6, lng_e6; /* the point */
	int k;                  /* how many are wanted (1..STATION_NEAR_MAX) */
	int64_t max_m;          /* the radius (metres) */
	struct station_hit hits[STATION_NEAR_MAX];
	int n;      /* hits found so far */
	int rings;  /* rings read (for the benchmark) */
	int ranges; /* index ranges read */
};

/* The fetch callback of a search: offers (with station_near_offer) every station whose cell key
 * lies in [lo, hi] of the row-major keys (by_col false) or the column-major keys. 0 or -1. */
typedef int (*station_fetch_fn)(void *arg, struct station_near *s, bool by_col, int64_t lo, int64_t hi);

/* Whether a station at (lat, lng) with this id would enter the k best; *dist receives its
 * distance. The fetcher may then apply its filters (open now, amenities) before
 * station_near_put(), which keeps the k best. */
bool station_near_wants(const struct station_near *s, int64_t id, int32_t lat_e6, int32_t lng_e6, int64_t *dist);
void station_near_put(struct station_near *s, int64_t id, int64_t dist);
/* Runs the ring search: s->lat_e6, lng_e6, k, max_m set by the caller; fills s->hits and s->n
 * with the k nearest stations (of those the fetcher offers and keeps) within max_m metres,
 * nearest first, ties by id — exactly what a scan of every station would answer. 0 or -1 (the
 * fetcher failed). */
int station_near_search(struct station_near *s, station_fetch_fn fetch, void *arg);

/* ---- opening hours ---- */

#define STATION_HOURS_MAX_RULES     14
#define STATION_HOURS_MAX_INTERVALS 6
#define STATION_HOURS_MAX_TEXT      200 /* bytes of the text given (after folding) */
#define STATION_HOURS_CANON_MAX     512 /* room for its canonical form (ranges may spell out days) */

/*
 * Weekly opening hours in China time, written as rules separated by ';', each "DAYS TIMES":
 * DAYS a comma list of mon tue wed thu fri sat sun, ranges (mon-fri, sat-mon wraps), or daily;
 * TIMES a comma list of HH:MM-HH:MM (an end before the start runs past midnight into the next
 * day; 24:00 ends a day) or 24h. The whole text "24h" is open always. Examples:
 * "mon-fri 08:00-20:00; sat,sun 09:00-17:00", "daily 06:00-11:00,14:00-22:00", "fri,sat 20:00-02:00".
 */
struct station_hours {
	int n;
	struct {
		unsigned days; /* bit 0 Monday … bit 6 Sunday */
		int n;
		struct {
			int from, to; /* minutes of the day; to <= from runs past midnight, to may be 1440 */
		} iv[STATION_HOURS_MAX_INTERVALS];
	} rule[STATION_HOURS_MAX_RULES];
};

/* Parses text (full-width forms folded, case ignored); 0 with *out filled and the canonical text
 * written to canon (cap bytes; STATION_HOURS_CANON_MAX always suffice), or -1. */
int station_hours_parse(const char *text, struct station_hours *out, char *canon, size_t cap);
/* Whether the hours are open at weekday wday (0 Monday … 6 Sunday) and minute of the day. */
bool station_hours_open(const struct station_hours *h, int wday, int minute);
/* Whether canonical hours text is open at UTC time t (China time, +08:00). Unparsable: false. */
bool station_open_at(const char *hours, int64_t t);

/* ---- amenities ---- */

enum station_amenity {
	AMENITY_WATER,     /* 饮水 */
	AMENITY_REST,      /* 休息 */
	AMENITY_CHARGING,  /* 充电 */
	AMENITY_TOILET,    /* 卫生间 */
	AMENITY_MICROWAVE, /* 微波炉 */
	AMENITY_CLIMATE,   /* 冷暖 (heating and cooling) */
	AMENITY_FIRST_AID, /* 药箱 */
	AMENITY_WIFI,      /* 无线网络 */
	AMENITY_READING,   /* 阅读 */
	AMENITY_OTHER,     /* 其他 */
	AMENITY__MAX
};

/* "water" → AMENITY_WATER; -1 if unknown. */
int station_amenity_parse(const char *token);
const char *station_amenity_token(int a);
const char *station_amenity_label(int a, bool zh);

/* ---- stations ---- */

struct station {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	const char *path;
	const char *name;
	const char *address;
	int32_t lat_e6, lng_e6;
	unsigned amenities; /* bit i: enum station_amenity i */
	const char *hours;  /* canonical text */
	const char *phone;  /* normalised, or NULL */
	bool active, demo;
	int64_t created_at, updated_at;
	bool open_now;      /* at clock_now() */
	int64_t distance_m; /* from the point of a nearest search (else 0) */
};

enum {
	STATION_SET_ORG = 1 << 0,
	STATION_SET_NAME = 1 << 1,
	STATION_SET_ADDRESS = 1 << 2,
	STATION_SET_LAT = 1 << 3,
	STATION_SET_LNG = 1 << 4,
	STATION_SET_AMENITIES = 1 << 5,
	STATION_SET_HOURS = 1 << 6,
	STATION_SET_PHONE = 1 << 7,
	STATION_SET_ACTIVE = 1 << 8,
};

/* Input of create (all of org, name, address, lat, lng, hours required) and update (the fields
 * of `set`; phone NULL or "" clears it). */
struct station_input {
	unsigned set;
	int64_t org_id;
	const char *name, *address;
	int64_t lat_e6, lng_e6; /* micro-degrees, checked here */
	unsigned amenities;
	const char *hours;
	const char *phone;
	bool active;
	bool demo;
};

struct station_list {
	struct station *items;
	int64_t n, total, offset, limit;
	bool total_capped;
};

/* One station in the caller's scope (GH_ENOTFOUND outside). */
enum gh_err station_get(struct ctx *c, int64_t id, struct station *out);
/* Stations of the subtree of org (0: the caller's scope), q a text in the name or address,
 * active -1 any / 0 / 1; by name. total is exact up to 10,000. */
enum gh_err station_list(struct ctx *c, int64_t org, const char *q, int active, int64_t offset, int64_t limit,
                         struct station_list *out);
enum gh_err station_create(struct ctx *c, const struct station_input *in, struct station *out);
/* Creates n stations in one transaction (each checked and audited as by station_create): all or
 * none; on a refusal *failed_at is the index of the refused input (else -1). */
enum gh_err station_create_many(struct ctx *c, const struct station_input *in, int64_t n, int64_t *failed_at);
enum gh_err station_update(struct ctx *c, int64_t id, const struct station_input *in, struct station *out);
enum gh_err station_delete(struct ctx *c, int64_t id);

/* The k nearest active stations (anywhere: stations are public) to (lat, lng), within
 * STATION_MAX_RADIUS, nearest first, each with distance_m; open_now keeps only those open at
 * clock_now(); amenities (a bit set, 0 none) keeps those offering all of them. Any logged-in
 * account. Coordinates out of range: GH_EINVAL on "lat" or "lng"; k out of 1..50 on "limit". */
enum gh_err station_nearest(struct ctx *c, int64_t lat_e6, int64_t lng_e6, int k, bool open_now, unsigned amenities,
                            struct station_list *out);

#endif
