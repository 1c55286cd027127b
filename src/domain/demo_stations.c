/*
 * Demo service stations (demo.h): thirty outdoor-worker stations around 赣榆区 (about 34.84°N,
 * 119.12°E), six in the county seat 青口镇 and the rest across the other towns, kept by the county
 * federation or the town's, with varied amenities and hours (always open, daytime, split shifts,
 * past midnight) and one closed for repairs (inactive). Deterministic for a seed; marked demo.
 */
#include <stdio.h>

#include "domain/demo.h"
#include "domain/org.h"
#include "domain/station.h"

/* The towns with their approximate centres (micro-degrees). */
static const struct {
	const char *code, *name;
	int32_t lat, lng;
} towns[] = {
        {"320707100", "青口镇", 34840000, 119130000}, {"320707101", "柘汪镇", 35060000, 119270000},
        {"320707102", "石桥镇", 34980000, 119200000}, {"320707103", "金山镇", 34950000, 119020000},
        {"320707104", "黑林镇", 34970000, 118800000}, {"320707105", "厉庄镇", 34880000, 118920000},
        {"320707106", "海头镇", 34990000, 119220000}, {"320707107", "塔山镇", 34890000, 118980000},
        {"320707108", "赣马镇", 34890000, 119080000}, {"320707109", "班庄镇", 34860000, 118890000},
        {"320707110", "城头镇", 34810000, 118950000}, {"320707112", "城西镇", 34820000, 119030000},
        {"320707114", "宋庄镇", 34780000, 119100000}, {"320707115", "沙河镇", 34800000, 118980000},
        {"320707116", "墩尚镇", 34750000, 119080000},
};

static const char *const kinds[] = {"户外劳动者服务站", "环卫工人爱心驿站", "快递外卖小哥驿站",
                                    "职工之家服务站",   "货车司机之家",     "爱心驿站"};
static const char *const roads[] = {"人民路", "华中路", "黄海路", "青口路", "沿海路", "振兴路"};
static const char *const hours[] = {
        "24h",
        "daily 06:00-22:00",
        "mon-fri 08:00-20:00; sat,sun 09:00-17:00",
        "daily 07:00-11:00,14:00-21:00",
        "mon-sat 08:30-18:30",
        "daily 18:00-02:00",
};

static uint64_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

enum gh_err demo_stations(struct ctx *c, uint64_t seed, int64_t *cases)
{
	(void)cases; /* stations open no cases */
	uint64_t s = (seed ? seed : 0x2545f4914f6cdd1dULL) ^ 0x5354415449ULL;
	struct org_list l;
	enum gh_err e = org_search(c, NULL, "320707", 0, 1, &l);
	if (e || l.n != 1)
		return e; /* no 赣榆区 in this store (a test tree): nothing to add */
	int64_t county = l.items[0].id;
	for (int i = 0; i < 30; i++) {
		int t = i < 6 ? 0 : 1 + (i - 6) % 14;
		int64_t org = county;
		if (i % 3 && org_search(c, NULL, towns[t].code, 0, 1, &l) == GH_OK && l.n == 1)
			org = l.items[0].id;
		/* within about a kilometre and a half of the town's centre */
		int32_t dlat = (int32_t)(next(&s) % 26000) - 13000, dlng = (int32_t)(next(&s) % 32000) - 16000;
		unsigned am = (1u << AMENITY_WATER) | (1u << AMENITY_REST);
		unsigned extra = (unsigned)next(&s);
		for (int a = AMENITY_CHARGING; a < AMENITY_OTHER; a++)
			if (extra & (1u << a))
				am |= 1u << a;
		char name[128], address[160], phone[32];
		snprintf(name, sizeof(name), "%s%s", towns[t].name, kinds[(i + t) % 6]);
		snprintf(address, sizeof(address), "江苏省连云港市赣榆区%s%s%d号", towns[t].name, roads[i % 6],
		         (int)(next(&s) % 300) + 1);
		snprintf(phone, sizeof(phone), "0518-8621%04d", (int)(next(&s) % 10000));
		struct station_input in = {
		        .set = STATION_SET_ORG | STATION_SET_NAME | STATION_SET_ADDRESS | STATION_SET_LAT |
		               STATION_SET_LNG | STATION_SET_AMENITIES | STATION_SET_HOURS | STATION_SET_PHONE |
		               STATION_SET_ACTIVE,
		        .org_id = org,
		        .name = name,
		        .address = address,
		        .lat_e6 = towns[t].lat + dlat,
		        .lng_e6 = towns[t].lng + dlng,
		        .amenities = am,
		        .hours = hours[i % 6],
		        .phone = phone,
		        .active = i != 29, /* one closed for repairs */
		        .demo = true,
		};
		struct station out;
		if ((e = station_create(c, &in, &out)))
			return e;
	}
	return GH_OK;
}
