/*
 * Service stations (station.h): the grid and the ring search, opening hours, the amenity
 * vocabulary, and keeping stations within scope. The api layer (api_stations.c) and the
 * benchmark (cli/cmd_bench_stations.c) call it; it never answers HTTP and holds no SQL text.
 */
#include "domain/station.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "base/text.h"
#include "base/time.h"
#include "check/phone.h"
#include "domain/org.h"
#include "domain/tx.h"

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

/* ---- geometry ---- */

static double rad(double deg)
{
	return deg * (M_PI / 180.0);
}

/* The haversine distance in metres, not rounded. */
static double distance_exact(int32_t lat1, int32_t lng1, int32_t lat2, int32_t lng2)
{
	double p1 = rad(lat1 / 1e6), p2 = rad(lat2 / 1e6);
	double dp = p2 - p1, dl = rad((lng2 - lng1) / 1e6);
	double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	if (h > 1)
		h = 1;
	return 2 * STATION_EARTH_M * asin(sqrt(h));
}

int64_t station_distance_m(int32_t lat1_e6, int32_t lng1_e6, int32_t lat2_e6, int32_t lng2_e6)
{
	return (int64_t)llround(distance_exact(lat1_e6, lng1_e6, lat2_e6, lng2_e6));
}

void station_cell(int32_t lat_e6, int32_t lng_e6, int *row, int *col, int64_t *cell_r, int64_t *cell_c)
{
	int r = (int)(((int64_t)lat_e6 + 90000000) / STATION_CELL_E6);
	int k = (int)(((int64_t)lng_e6 + 180000000) / STATION_CELL_E6);
	/* 90°N and 180°E fall in the last row and column rather than one past them */
	r = r < 0 ? 0 : r >= STATION_ROWS ? STATION_ROWS - 1 : r;
	k = k < 0 ? 0 : k >= STATION_COLS ? STATION_COLS - 1 : k;
	if (row)
		*row = r;
	if (col)
		*col = k;
	if (cell_r)
		*cell_r = (int64_t)r * STATION_COLS + k;
	if (cell_c)
		*cell_c = (int64_t)k * STATION_ROWS + r;
}

bool station_near_wants(const struct station_near *s, int64_t id, int32_t lat_e6, int32_t lng_e6, int64_t *dist)
{
	int64_t d = station_distance_m(s->lat_e6, s->lng_e6, lat_e6, lng_e6);
	*dist = d;
	if (d > s->max_m)
		return false;
	if (s->n < s->k)
		return true;
	const struct station_hit *last = &s->hits[s->k - 1];
	return d < last->distance_m || (d == last->distance_m && id < last->id);
}

void station_near_put(struct station_near *s, int64_t id, int64_t dist)
{
	/* insertion into the sorted array of at most k hits: k is at most 50 */
	int i = s->n < s->k ? s->n++ : s->k - 1;
	while (i > 0 &&
	       (s->hits[i - 1].distance_m > dist || (s->hits[i - 1].distance_m == dist && s->hits[i - 1].id > id))) {
		s->hits[i] = s->hits[i - 1];
		i--;
	}
	s->hits[i] = (struct station_hit){id, dist};
}

/*
 * The distance below which every point lies inside the square of cells [row0 - r, row0 + r] ×
 * [col0 - r, col0 + r]: the least of the distances to its four edges. To the north and south edges
 * it is the meridian arc (no point beyond a parallel is nearer than the difference of latitude);
 * to the east and west edges the cross-track distance to the edge's meridian,
 * asin(cos φ · sin Δλ), a lower bound for every point beyond it (Δλ taken at most 90°, where the
 * region beyond lies inside the one beyond 90°). An edge at the end of the grid bounds nothing.
 */
static double ring_bound(const struct station_near *s, int row0, int col0, int r)
{
	double lat = s->lat_e6 / 1e6, lng = s->lng_e6 / 1e6;
	double best = INFINITY;
	if (row0 + r + 1 < STATION_ROWS) {
		double north = (double)(row0 + r + 1) * STATION_CELL_E6 / 1e6 - 90.0;
		best = fmin(best, STATION_EARTH_M * rad(north - lat));
	}
	if (row0 - r > 0) {
		double south = (double)(row0 - r) * STATION_CELL_E6 / 1e6 - 90.0;
		best = fmin(best, STATION_EARTH_M * rad(lat - south));
	}
	double cosp = cos(rad(lat));
	if (col0 + r + 1 < STATION_COLS) {
		double dl = fmin((double)(col0 + r + 1) * STATION_CELL_E6 / 1e6 - 180.0 - lng, 90.0);
		best = fmin(best, STATION_EARTH_M * asin(fmin(1.0, cosp * sin(rad(dl)))));
	}
	if (col0 - r > 0) {
		double dl = fmin(lng - ((double)(col0 - r) * STATION_CELL_E6 / 1e6 - 180.0), 90.0);
		best = fmin(best, STATION_EARTH_M * asin(fmin(1.0, cosp * sin(rad(dl)))));
	}
	/* a centimetre for the rounding of the trigonometry */
	return best - 0.01;
}

/* Reads ring r around (row0, col0): the top and bottom rows whole (row-major ranges), the left
 * and right columns without their corners (column-major ranges). */
static int read_ring(struct station_near *s, station_fetch_fn fetch, void *arg, int row0, int col0, int r)
{
	int c_lo = col0 - r < 0 ? 0 : col0 - r, c_hi = col0 + r >= STATION_COLS ? STATION_COLS - 1 : col0 + r;
	int rows[2] = {row0 + r, row0 - r};
	for (int i = 0; i < (r ? 2 : 1); i++) {
		if (rows[i] < 0 || rows[i] >= STATION_ROWS)
			continue;
		int64_t base = (int64_t)rows[i] * STATION_COLS;
		s->ranges++;
		if (fetch(arg, s, false, base + c_lo, base + c_hi) < 0)
			return -1;
	}
	if (!r)
		return 0;
	int r_lo = row0 - r + 1 < 0 ? 0 : row0 - r + 1,
	    r_hi = row0 + r - 1 >= STATION_ROWS ? STATION_ROWS - 1 : row0 + r - 1;
	int cols[2] = {col0 - r, col0 + r};
	for (int i = 0; i < 2 && r_lo <= r_hi; i++) {
		if (cols[i] < 0 || cols[i] >= STATION_COLS)
			continue;
		int64_t base = (int64_t)cols[i] * STATION_ROWS;
		s->ranges++;
		if (fetch(arg, s, true, base + r_lo, base + r_hi) < 0)
			return -1;
	}
	return 0;
}

int station_near_search(struct station_near *s, station_fetch_fn fetch, void *arg)
{
	int row0, col0;
	station_cell(s->lat_e6, s->lng_e6, &row0, &col0, NULL, NULL);
	s->n = s->rings = s->ranges = 0;
	for (int r = 0; r < STATION_MAX_RINGS; r++) {
		if (read_ring(s, fetch, arg, row0, col0, r) < 0)
			return -1;
		s->rings++;
		double bound = ring_bound(s, row0, col0, r);
		/* Done when no unread station can come before the k-th hit: an unread one lies at least
		 * `bound` away, so its rounded distance is above the k-th's whenever kth + 1 < bound. */
		if (s->n == s->k && (double)s->hits[s->k - 1].distance_m + 1.0 < bound)
			break;
		/* or when the rings hold every point within the radius (the same margin of rounding) */
		if ((double)s->max_m + 1.0 < bound)
			break;
		bool outside =
		        row0 + r + 1 >= STATION_ROWS && row0 - r <= 0 && col0 + r + 1 >= STATION_COLS && col0 - r <= 0;
		if (outside)
			break;
	}
	return 0;
}

/* ---- opening hours ---- */

static const char *const day_tokens[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int parse_day(const char **pp)
{
	for (int d = 0; d < 7; d++)
		if (!strncmp(*pp, day_tokens[d], 3)) {
			*pp += 3;
			return d;
		}
	return -1;
}

/* DAYS: items separated by ',', each a day, a day range (wrapping) or "daily". Leaves *pp at the
 * blank that ends the list. */
static int parse_days(const char **pp, unsigned *mask)
{
	const char *p = *pp;
	*mask = 0;
	for (;;) {
		p = skip_blank(p);
		if (!strncmp(p, "daily", 5)) {
			p += 5;
			*mask |= 0x7f;
		} else {
			int a = parse_day(&p);
			if (a < 0)
				return -1;
			int b = a;
			const char *q = skip_blank(p);
			if (*q == '-') {
				p = skip_blank(q + 1);
				if ((b = parse_day(&p)) < 0)
					return -1;
			}
			for (int d = a;; d = (d + 1) % 7) {
				*mask |= 1u << d;
				if (d == b)
					break;
			}
		}
		const char *q = skip_blank(p);
		if (*q != ',')
			break;
		p = q + 1;
	}
	*pp = p;
	return 0;
}

/* HH:MM; 24:00 only where allow24. */
static int parse_time(const char **pp, bool allow24)
{
	const char *p = *pp;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
	    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
		return -1;
	int h = (p[0] - '0') * 10 + (p[1] - '0'), m = (p[3] - '0') * 10 + (p[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow24)))
		return -1;
	*pp = p + 5;
	return h * 60 + m;
}

static int parse_rule(const char *p, unsigned days, struct station_hours *out)
{
	if (out->n >= STATION_HOURS_MAX_RULES)
		return -1;
	int ri = out->n++;
	out->rule[ri].days = days;
	out->rule[ri].n = 0;
	for (;;) {
		p = skip_blank(p);
		if (out->rule[ri].n >= STATION_HOURS_MAX_INTERVALS)
			return -1;
		int from, to;
		if (!strncmp(p, "24h", 3)) {
			p += 3;
			from = 0;
			to = 1440;
		} else {
			if ((from = parse_time(&p, false)) < 0)
				return -1;
			p = skip_blank(p);
			if (*p++ != '-')
				return -1;
			p = skip_blank(p);
			if ((to = parse_time(&p, true)) < 0 || to == from)
				return -1;
		}
		out->rule[ri].iv[out->rule[ri].n].from = from;
		out->rule[ri].iv[out->rule[ri].n].to = to;
		out->rule[ri].n++;
		p = skip_blank(p);
		if (*p == 0)
			return 0;
		if (*p++ != ',')
			return -1;
	}
}

/* Appends to out[0..cap) at *n like snprintf, never past the end; *n counts what would be needed,
 * so that *n >= cap after the fact means the text did not fit. */
static void append(char *out, size_t cap, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char *out, size_t cap, size_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(*n < cap ? out + *n : NULL, *n < cap ? cap - *n : 0, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n += (size_t)k;
}

/* The canonical form of one day set: "daily", else runs of three or more days as ranges. */
static void format_days(unsigned mask, char *out, size_t cap, size_t *n)
{
	if (mask == 0x7f) {
		append(out, cap, n, "daily");
		return;
	}
	bool first = true;
	for (int d = 0; d < 7;) {
		if (!(mask & (1u << d))) {
			d++;
			continue;
		}
		int e = d;
		while (e + 1 < 7 && (mask & (1u << (e + 1))))
			e++;
		const char *sep = first ? "" : ",";
		if (e - d >= 2)
			append(out, cap, n, "%s%s-%s", sep, day_tokens[d], day_tokens[e]);
		else if (e > d)
			append(out, cap, n, "%s%s,%s", sep, day_tokens[d], day_tokens[e]);
		else
			append(out, cap, n, "%s%s", sep, day_tokens[d]);
		first = false;
		d = e + 1;
	}
}

/* The canonical text of h into out; 0, or -1 when it does not fit in cap bytes. */
static int format_hours(const struct station_hours *h, char *out, size_t cap)
{
	size_t n = 0;
	if (h->n == 1 && h->rule[0].days == 0x7f && h->rule[0].n == 1 && h->rule[0].iv[0].from == 0 &&
	    h->rule[0].iv[0].to == 1440) {
		append(out, cap, &n, "24h");
		return n < cap ? 0 : -1;
	}
	for (int i = 0; i < h->n; i++) {
		if (i)
			append(out, cap, &n, "; ");
		format_days(h->rule[i].days, out, cap, &n);
		for (int j = 0; j < h->rule[i].n; j++) {
			int f = h->rule[i].iv[j].from, t = h->rule[i].iv[j].to;
			if (f == 0 && t == 1440)
				append(out, cap, &n, "%s24h", j ? "," : " ");
			else
				append(out, cap, &n, "%s%02d:%02d-%02d:%02d", j ? "," : " ", f / 60, f % 60, t / 60,
				       t % 60);
		}
	}
	return n < cap ? 0 : -1;
}

int station_hours_parse(const char *text, struct station_hours *out, char *canon, size_t cap)
{
	memset(out, 0, sizeof(*out));
	if (!text)
		return -1;
	size_t len = strlen(text);
	if (len == 0 || len > STATION_HOURS_MAX_TEXT * 3 || !text_utf8_valid(text, len))
		return -1;
	char buf[STATION_HOURS_MAX_TEXT * 3 + 1];
	size_t n = text_fold_ascii(text, len, buf, sizeof(buf));
	if (n == 0 || n > STATION_HOURS_MAX_TEXT)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (ch < 0x20 || ch >= 0x7f)
			return -1; /* only ASCII after folding: day tokens, digits, ':', '-', ',', ';' */
		buf[i] = (char)tolower(ch);
	}
	if (!strcmp(buf, "24h")) {
		out->n = 1;
		out->rule[0].days = 0x7f;
		out->rule[0].n = 1;
		out->rule[0].iv[0].from = 0;
		out->rule[0].iv[0].to = 1440;
	} else {
		char *save = NULL;
		for (char *r = strtok_r(buf, ";", &save); r; r = strtok_r(NULL, ";", &save)) {
			const char *p = skip_blank(r);
			if (!*p)
				continue; /* a trailing ';' */
			unsigned days;
			if (parse_days(&p, &days) < 0 || (*p != ' ' && *p != '\t') || parse_rule(p, days, out) < 0)
				return -1;
		}
		if (out->n == 0)
			return -1;
	}
	if (canon && format_hours(out, canon, cap) < 0)
		return -1;
	return 0;
}

bool station_hours_open(const struct station_hours *h, int wday, int minute)
{
	int yesterday = (wday + 6) % 7;
	for (int i = 0; i < h->n; i++) {
		for (int j = 0; j < h->rule[i].n; j++) {
			int f = h->rule[i].iv[j].from, t = h->rule[i].iv[j].to;
			if (h->rule[i].days & (1u << wday)) {
				if (t > f ? (minute >= f && minute < t) : minute >= f)
					return true;
			}
			/* an interval of yesterday that ran past midnight */
			if ((h->rule[i].days & (1u << yesterday)) && t <= f && minute < t)
				return true;
		}
	}
	return false;
}

bool station_open_at(const char *hours, int64_t t)
{
	struct station_hours h;
	if (station_hours_parse(hours, &h, NULL, 0) < 0)
		return false;
	int64_t local = t + 8 * 3600;
	int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	int64_t secs = local - days * 86400;
	int wday = (int)(((days + 3) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	return station_hours_open(&h, wday, (int)(secs / 60));
}

/* ---- amenities ---- */

static const struct {
	const char *token, *zh, *en;
} amenity_vocab[AMENITY__MAX] = {
        [AMENITY_WATER] = {"water", "饮水", "drinking water"},
        [AMENITY_REST] = {"rest", "休息", "rest"},
        [AMENITY_CHARGING] = {"charging", "充电", "charging"},
        [AMENITY_TOILET] = {"toilet", "卫生间", "toilet"},
        [AMENITY_MICROWAVE] = {"microwave", "微波炉", "microwave"},
        [AMENITY_CLIMATE] = {"heating_cooling", "冷暖", "heating and cooling"},
        [AMENITY_FIRST_AID] = {"first_aid", "药箱", "first aid"},
        [AMENITY_WIFI] = {"wifi", "无线网络", "Wi-Fi"},
        [AMENITY_READING] = {"reading", "阅读", "reading"},
        [AMENITY_OTHER] = {"other", "其他", "other"},
};

int station_amenity_parse(const char *token)
{
	for (int i = 0; token && i < AMENITY__MAX; i++)
		if (!strcmp(token, amenity_vocab[i].token))
			return i;
	return -1;
}

const char *station_amenity_token(int a)
{
	return a >= 0 && a < AMENITY__MAX ? amenity_vocab[a].token : "";
}

const char *station_amenity_label(int a, bool zh)
{
	return a >= 0 && a < AMENITY__MAX ? (zh ? amenity_vocab[a].zh : amenity_vocab[a].en) : "";
}

/* ---- stations ---- */

static void station_read_row(struct ctx *c, struct stmt *st, struct station *s)
{
	memset(s, 0, sizeof(*s));
	s->id = store_col_i64(st, 0);
	s->org_id = store_col_i64(st, 1);
	s->org_name = arena_strdup(c->a, store_col_text(st, 2));
	s->path = arena_strdup(c->a, store_col_text(st, 3));
	s->name = arena_strdup(c->a, store_col_text(st, 4));
	s->address = arena_strdup(c->a, store_col_text(st, 5));
	s->lat_e6 = (int32_t)store_col_i64(st, 6);
	s->lng_e6 = (int32_t)store_col_i64(st, 7);
	s->amenities = (unsigned)store_col_i64(st, 8);
	s->hours = arena_strdup(c->a, store_col_text(st, 9));
	s->phone = store_col_null(st, 10) ? NULL : arena_strdup(c->a, store_col_text(st, 10));
	s->active = store_col_i64(st, 11) != 0;
	s->demo = store_col_i64(st, 12) != 0;
	s->created_at = store_col_i64(st, 13);
	s->updated_at = store_col_i64(st, 14);
	s->open_now = station_open_at(s->hours, clock_now());
}

/* Reads a station whatever the scope: 1 found, 0 not, -1 error. */
static int station_load(struct ctx *c, int64_t id, struct station *out)
{
	struct stmt *st = store_query(c->db, SQ_STATION_GET, "i", id);
	if (!st)
		return -1;
	int r = store_step(st);
	if (r == STORE_ROW)
		station_read_row(c, st, out);
	store_reset(st);
	return r == STORE_ROW ? 1 : r == STORE_DONE ? 0 : -1;
}

enum gh_err station_get(struct ctx *c, int64_t id, struct station *out)
{
	int r = station_load(c, id, out);
	if (r < 0)
		return io_fail(c);
	if (r == 0 || !scope_contains(c->who->path, out->path))
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "服务站点不存在", "no such station");
	return GH_OK;
}

enum gh_err station_list(struct ctx *c, int64_t org, const char *q, int active, int64_t offset, int64_t limit,
                         struct station_list *out)
{
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	out->limit = limit;
	const char *lo, *hi;
	enum gh_err e = org_scope_range(c, org, &lo, &hi);
	if (e)
		return e;
	const char *text = NULL;
	if (q && *q) {
		char folded[256];
		if (!text_utf8_valid(q, strlen(q)) || strlen(q) > 200)
			return gh_fail_set(&c->fail, GH_EINVAL, "q", "搜索内容无效", "the search text is not valid");
		size_t n = text_fold_ascii(q, strlen(q), folded, sizeof(folded));
		text = n ? arena_strdup(c->a, folded) : NULL;
	}
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)(limit > 0 ? limit : 1));
	if (!out->items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	if (store_one_i64(c->db, &out->total, SQ_STATION_LIST_COUNT, "tttii", lo, hi, text, (int64_t)active,
	                  (int64_t)10001) < 0)
		return io_fail(c);
	if (out->total > 10000) {
		out->total = 10000;
		out->total_capped = true;
	}
	struct stmt *st = store_query(c->db, SQ_STATION_LIST, "tttiii", lo, hi, text, (int64_t)active, limit, offset);
	if (!st)
		return io_fail(c);
	int r;
	while ((r = store_step(st)) == STORE_ROW && out->n < limit)
		station_read_row(c, st, &out->items[out->n++]);
	store_reset(st);
	return r == STORE_ERROR ? io_fail(c) : GH_OK;
}

/* Checks the fields of in against what they replace (old: the station, or zeros on create) and
 * writes the merged record to s; the hours canonical text goes to hours_buf. */
static enum gh_err check_input(struct ctx *c, const struct station_input *in, struct station *s, char *hours_buf,
                               size_t hcap, char phone[24])
{
	if (in->set & STATION_SET_NAME) {
		size_t n = in->name ? strlen(in->name) : 0;
		if (!n)
			return gh_fail_set(&c->fail, GH_EMISSING, "name", "请填写站点名称",
			                   "the station's name is required");
		bool ok = text_utf8_valid(in->name, n);
		for (size_t i = 0; ok && i < n; i++)
			ok = (unsigned char)in->name[i] >= 0x20 && in->name[i] != 0x7f;
		if (!ok || text_utf8_count(in->name, n) < 2 || text_utf8_count(in->name, n) > 100)
			return gh_fail_set(&c->fail, GH_EINVAL, "name", "站点名称应为 2 到 100 个字",
			                   "the station's name must have 2 to 100 characters");
		s->name = in->name;
	}
	if (in->set & STATION_SET_ADDRESS) {
		size_t n = in->address ? strlen(in->address) : 0;
		if (!n)
			return gh_fail_set(&c->fail, GH_EMISSING, "address", "请填写站点地址",
			                   "the address is required");
		bool ok = text_utf8_valid(in->address, n);
		for (size_t i = 0; ok && i < n; i++)
			ok = (unsigned char)in->address[i] >= 0x20 && in->address[i] != 0x7f;
		if (!ok || text_utf8_count(in->address, n) < 2 || text_utf8_count(in->address, n) > 200)
			return gh_fail_set(&c->fail, GH_EINVAL, "address", "地址应为 2 到 200 个字",
			                   "the address must have 2 to 200 characters");
		s->address = in->address;
	}
	if (in->set & STATION_SET_LAT) {
		if (in->lat_e6 < -90000000 || in->lat_e6 > 90000000)
			return gh_fail_set(&c->fail, GH_EINVAL, "lat", "纬度应在 -90 到 90 之间",
			                   "the latitude must lie between -90 and 90");
		s->lat_e6 = (int32_t)in->lat_e6;
	}
	if (in->set & STATION_SET_LNG) {
		if (in->lng_e6 < -180000000 || in->lng_e6 > 180000000)
			return gh_fail_set(&c->fail, GH_EINVAL, "lng", "经度应在 -180 到 180 之间",
			                   "the longitude must lie between -180 and 180");
		s->lng_e6 = (int32_t)in->lng_e6;
	}
	if (in->set & STATION_SET_AMENITIES) {
		if (in->amenities >= (1u << AMENITY__MAX))
			return gh_fail_set(&c->fail, GH_EINVAL, "amenities", "服务项目不在可选范围内",
			                   "an amenity is not in the list");
		s->amenities = in->amenities;
	}
	if (in->set & STATION_SET_HOURS) {
		struct station_hours h;
		if (!in->hours || !*in->hours)
			return gh_fail_set(&c->fail, GH_EMISSING, "hours", "请填写开放时间",
			                   "the opening hours are required");
		if (station_hours_parse(in->hours, &h, hours_buf, hcap) < 0)
			return gh_fail_set(&c->fail, GH_EINVAL, "hours",
			                   "开放时间格式应如 mon-fri 08:00-20:00; sat,sun 09:00-17:00 或 24h",
			                   "write the hours like mon-fri 08:00-20:00; sat,sun 09:00-17:00 or 24h");
		s->hours = hours_buf;
	}
	if (in->set & STATION_SET_PHONE) {
		if (in->phone && *in->phone) {
			if (strlen(in->phone) > PHONE_INPUT_MAX ||
			    phone_normalize(in->phone, strlen(in->phone), phone) < 0)
				return gh_fail_set(&c->fail, GH_EINVAL, "phone", "电话号码格式不正确",
				                   "the phone number is not valid");
			s->phone = phone;
		} else {
			s->phone = NULL;
		}
	}
	if (in->set & STATION_SET_ACTIVE)
		s->active = in->active;
	return GH_OK;
}

/* Writes s (a new row when insert) with its cells. */
static int station_write(struct ctx *c, const struct station *s, bool insert, int64_t now)
{
	int64_t cr, cc;
	station_cell(s->lat_e6, s->lng_e6, NULL, NULL, &cr, &cc);
	struct stmt *st = store_prepare(c->db, insert ? SQ_STATION_INSERT : SQ_STATION_UPDATE);
	if (!st)
		return -1;
	store_bind_i64(st, 1, s->id);
	store_bind_i64(st, 2, s->org_id);
	store_bind_text(st, 3, s->path);
	store_bind_text(st, 4, s->name);
	store_bind_text(st, 5, s->address);
	store_bind_i64(st, 6, s->lat_e6);
	store_bind_i64(st, 7, s->lng_e6);
	store_bind_i64(st, 8, cr);
	store_bind_i64(st, 9, cc);
	store_bind_i64(st, 10, s->amenities);
	store_bind_text(st, 11, s->hours);
	s->phone ? store_bind_text(st, 12, s->phone) : store_bind_null(st, 12);
	store_bind_i64(st, 13, s->active);
	if (insert) {
		store_bind_i64(st, 14, s->demo);
		store_bind_i64(st, 15, now);
	} else {
		store_bind_i64(st, 14, now);
	}
	int r = store_step(st);
	store_reset(st);
	return r == STORE_DONE ? 0 : -1;
}

static const char *detail_of(struct ctx *c, const struct station *s)
{
	/* names and coordinates only: a station holds no personal data */
	char name[256];
	size_t k = 0;
	for (const char *p = s->name; *p && k + 2 < sizeof(name); p++) {
		if (*p == '"' || *p == '\\')
			name[k++] = '\\';
		name[k++] = *p;
	}
	name[k] = 0;
	return arena_printf(c->a, "{\"name\":\"%s\",\"org_id\":%" PRId64 ",\"lat_e6\":%d,\"lng_e6\":%d,\"active\":%s}",
	                    name, s->org_id, (int)s->lat_e6, (int)s->lng_e6, s->active ? "true" : "false");
}

/* Checks and inserts one station inside the caller's open transaction; *id receives its id.
 * org caches the last responsible union read (a bulk load names the same one again and again). */
static enum gh_err create_one(struct ctx *c, const struct station_input *in, struct org *org, int64_t *id)
{
	static const struct {
		unsigned bit;
		const char *field, *zh, *en;
	} required[] = {
	        {STATION_SET_ORG, "org_id", "请选择负责的工会", "the responsible union is required"},
	        {STATION_SET_NAME, "name", "请填写站点名称", "the station's name is required"},
	        {STATION_SET_ADDRESS, "address", "请填写站点地址", "the address is required"},
	        {STATION_SET_LAT, "lat", "请填写纬度", "the latitude is required"},
	        {STATION_SET_LNG, "lng", "请填写经度", "the longitude is required"},
	        {STATION_SET_HOURS, "hours", "请填写开放时间", "the opening hours are required"},
	};
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!(in->set & required[i].bit))
			return gh_fail_set(&c->fail, GH_EMISSING, required[i].field, required[i].zh, required[i].en);
	struct station s = {.active = true, .demo = in->demo};
	char hours[STATION_HOURS_CANON_MAX], phone[24];
	struct station_input ci = *in;
	if (!(ci.set & STATION_SET_ACTIVE)) {
		ci.set |= STATION_SET_ACTIVE;
		ci.active = true;
	}
	enum gh_err e = check_input(c, &ci, &s, hours, sizeof(hours), phone);
	if (e)
		return e;
	if (org->id != in->org_id && (e = org_get(c, in->org_id, org))) {
		org->id = 0;
		c->fail.field = "org_id";
		return e;
	}
	s.org_id = org->id;
	s.path = org->path;
	if ((s.id = ids_next(c->db, 1)) < 0 || station_write(c, &s, true, clock_now()) < 0 ||
	    audit_write(c, "station.create", "station", s.id, s.path, detail_of(c, &s)) < 0)
		return io_fail(c);
	*id = s.id;
	return GH_OK;
}

enum gh_err station_create(struct ctx *c, const struct station_input *in, struct station *out)
{
	int64_t id;
	struct org o = {0};
	if (tx_begin(c) < 0)
		return io_fail(c);
	enum gh_err e = create_one(c, in, &o, &id);
	if (e) {
		tx_rollback(c);
		return e;
	}
	if (tx_commit(c) < 0)
		return io_fail(c);
	return station_get(c, id, out);
}

enum gh_err station_create_many(struct ctx *c, const struct station_input *in, int64_t n, int64_t *failed_at)
{
	struct org o = {0};
	*failed_at = -1;
	if (tx_begin(c) < 0)
		return io_fail(c);
	for (int64_t i = 0; i < n; i++) {
		int64_t id;
		enum gh_err e = create_one(c, &in[i], &o, &id);
		if (e) {
			*failed_at = i;
			tx_rollback(c);
			return e;
		}
	}
	if (tx_commit(c) < 0)
		return io_fail(c);
	return GH_OK;
}

enum gh_err station_update(struct ctx *c, int64_t id, const struct station_input *in, struct station *out)
{
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct station s;
	if ((e = station_get(c, id, &s)))
		goto fail;
	char hours[STATION_HOURS_CANON_MAX], phone[24];
	if ((e = check_input(c, in, &s, hours, sizeof(hours), phone)))
		goto fail;
	if (in->set & STATION_SET_ORG) {
		struct org o;
		if ((e = org_get(c, in->org_id, &o))) {
			c->fail.field = "org_id";
			goto fail;
		}
		s.org_id = o.id;
		s.path = o.path;
	}
	if (station_write(c, &s, false, clock_now()) < 0 ||
	    audit_write(c, "station.update", "station", s.id, s.path, detail_of(c, &s)) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return station_get(c, id, out);
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

enum gh_err station_delete(struct ctx *c, int64_t id)
{
	enum gh_err e;
	if (tx_begin(c) < 0)
		return io_fail(c);
	struct station s;
	if ((e = station_get(c, id, &s)))
		goto fail;
	if (store_run(c->db, SQ_STATION_DELETE, "i", id) != 0 ||
	    audit_write(c, "station.delete", "station", id, s.path, detail_of(c, &s)) < 0)
		goto io;
	if (tx_commit(c) < 0)
		return io_fail(c);
	return GH_OK;
io:
	e = io_fail(c);
fail:
	tx_rollback(c);
	return e;
}

/* The fetcher over the store: the two statements of sql_stations.h, with the filters. */
struct store_fetch {
	struct ctx *c;
	bool open_now;
	unsigned amenities;
	int64_t now;
};

static int fetch_store(void *arg, struct station_near *s, bool by_col, int64_t lo, int64_t hi)
{
	struct store_fetch *f = arg;
	struct stmt *st = store_query(f->c->db, by_col ? SQ_STATION_NEAR_COL : SQ_STATION_NEAR_ROW, "ii", lo, hi);
	if (!st)
		return -1;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t id = store_col_i64(st, 0), dist;
		if (!station_near_wants(s, id, (int32_t)store_col_i64(st, 1), (int32_t)store_col_i64(st, 2), &dist))
			continue;
		if (f->amenities && ((unsigned)store_col_i64(st, 3) & f->amenities) != f->amenities)
			continue;
		if (f->open_now && !station_open_at(store_col_text(st, 4), f->now))
			continue;
		station_near_put(s, id, dist);
	}
	store_reset(st);
	return r == STORE_DONE ? 0 : -1;
}

enum gh_err station_nearest(struct ctx *c, int64_t lat_e6, int64_t lng_e6, int k, bool open_now, unsigned amenities,
                            struct station_list *out)
{
	memset(out, 0, sizeof(*out));
	if (lat_e6 < -90000000 || lat_e6 > 90000000)
		return gh_fail_set(&c->fail, GH_EINVAL, "lat", "纬度应在 -90 到 90 之间",
		                   "the latitude must lie between -90 and 90");
	if (lng_e6 < -180000000 || lng_e6 > 180000000)
		return gh_fail_set(&c->fail, GH_EINVAL, "lng", "经度应在 -180 到 180 之间",
		                   "the longitude must lie between -180 and 180");
	if (k < 1 || k > STATION_NEAR_MAX)
		return gh_fail_set(&c->fail, GH_EINVAL, "limit", "数量应在 1 到 50 之间", "limit must be 1 to 50");
	if (amenities >= (1u << AMENITY__MAX))
		return gh_fail_set(&c->fail, GH_EINVAL, "amenities", "服务项目不在可选范围内",
		                   "an amenity is not in the list");
	struct station_near s = {
	        .lat_e6 = (int32_t)lat_e6, .lng_e6 = (int32_t)lng_e6, .k = k, .max_m = STATION_MAX_RADIUS};
	struct store_fetch f = {.c = c, .open_now = open_now, .amenities = amenities, .now = clock_now()};
	out->limit = k;
	out->items = arena_alloc(c->a, sizeof(*out->items) * (size_t)k);
	if (!out->items)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	/* one snapshot for the whole search, so that the rings agree with each other */
	bool own = !store_in_tx(c->db);
	if (own && store_begin_read(c->db) < 0)
		return io_fail(c);
	int rc = station_near_search(&s, fetch_store, &f);
	for (int i = 0; rc == 0 && i < s.n; i++) {
		struct station *st = &out->items[out->n];
		int r = station_load(c, s.hits[i].id, st);
		if (r < 0)
			rc = -1;
		else if (r > 0) {
			st->distance_m = s.hits[i].distance_m;
			out->n++;
		}
	}
	if (own)
		store_rollback(c->db);
	if (rc < 0)
		return io_fail(c);
	out->total = out->n;
	return GH_OK;
}
