/*
 * The demo people generator (demo.h).
 */
#include "domain/demo.h"

#include <stdio.h>
#include <string.h>

#include "auth/password.h"
#include "base/time.h"
#include "check/idcard.h"
#include "domain/flow.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/province.h"
#include "domain/tx.h"
#include "domain/user.h"

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

void demo_id_number(const char *county6, int y, int m, int d, int seq, char out[19])
{
	char first17[32];
	snprintf(first17, sizeof(first17), "%.6s%04d%02d%02d%03d", county6, y % 10000, m % 100, d % 100, seq % 1000);
	first17[17] = 0;
	memcpy(out, first17, 17);
	out[17] = idcard_check_char(first17);
	out[18] = 0;
}

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                       "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
static const char *const given_m[] = {"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "建国", "志强"};
static const char *const given_f[] = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "桂英", "玉兰", "婷"};

void demo_particulars(uint64_t *s, bool woman, const char *idn, struct person_input *in, char name[64], char phone[16])
{
	snprintf(name, 64, "%s%s", surnames[next(s) % 20], woman ? given_f[next(s) % 12] : given_m[next(s) % 12]);
	snprintf(phone, 16, "1%d%09d", 3 + (int)(next(s) % 7), (int)(next(s) % 1000000000));
	phone[11] = 0;
	int roll = (int)(next(s) % 100);
	memset(in, 0, sizeof(*in));
	in->id_number = idn;
	in->name = name;
	in->phone = phone;
	in->ethnicity = roll < 96 ? "汉族" : "回族";
	in->political = roll < 14 ? "cpc_member" : roll < 30 ? "cyl_member" : "masses";
	in->education = (const char *[]){"junior", "secondary", "college", "bachelor", "master"}[next(s) % 5];
	in->household = next(s) % 100 < 35 ? "agricultural" : "non_agricultural";
	in->migrant = -1;
	if (next(s) % 100 < 10) {
		in->employment = "new_form";
		in->new_form =
		        (const char *[]){"courier", "food_delivery", "ride_hailing", "truck_driver"}[next(s) % 4];
	} else {
		in->employment = next(s) % 100 < 85 ? "full_time" : "dispatched";
	}
	in->skill = (const char *[]){"none", "level5", "level4", "level3", "level2"}[next(s) % 5];
}

/* One demo person's particulars: born 1966–2005 in 赣榆区. */
static void make_person(uint64_t *s, struct person_input *in, char idn[19], char name[64], char phone[16])
{
	bool woman = next(s) % 100 < 42;
	int y = 1966 + (int)(next(s) % 40), m = 1 + (int)(next(s) % 12), d = 1 + (int)(next(s) % 28);
	int seq = (int)(next(s) % 400) * 2 + (woman ? 2 : 1);
	demo_id_number("320707", y, m, d, seq, idn);
	demo_particulars(s, woman, idn, in, name, phone);
}

/* The modules' demo data (demo.h), in order. */
typedef enum gh_err (*demo_fn)(struct ctx *c, uint64_t seed, int64_t *cases);
static const demo_fn demo_modules[] = {
        /* 维权 */
        demo_contracts,

        demo_arrears,
        demo_hotline,
        /* services */
        demo_hardship,
        demo_mutual_aid,
        demo_stations,

        NULL,
};

enum gh_err demo_people(struct ctx *c, uint64_t seed, int64_t *members, int64_t *cases)
{
	*members = *cases = 0;
	uint64_t s = seed ? seed : 0x2545f4914f6cdd1dULL;
	struct org_list l;
	enum gh_err e = org_search(c, "工会委员会", NULL, 0, 50, &l);
	if (e)
		return e;
	char today[11];
	int ty, tm, td;
	time_local_date(clock_now(), &ty, &tm, &td);
	cal_format_date(ty, tm, td, today, sizeof(today));
	int64_t first_union = 0, second_union = 0;
	int index = 0;
	for (int64_t u = 0; u < l.n; u++) {
		if (!l.items[u].demo)
			continue;
		if (!first_union)
			first_union = l.items[u].id;
		else if (!second_union)
			second_union = l.items[u].id;
		/* 60–85% of the employer's headcount are members: a plausible 入会率 */
		int64_t hc = l.items[u].headcount > 0 ? l.items[u].headcount : 40;
		int n = (int)(hc * (60 + (int64_t)(next(&s) % 26)) / 100);
		if (tx_begin(c) < 0)
			return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
		for (int k = 0; k < n; k++, index++) {
			struct person_input in;
			char idn[19], name[64], phone[16], joined[11];
			make_person(&s, &in, idn, name, phone);
			int jy = 2016 + (int)(next(&s) % 10), jm = 1 + (int)(next(&s) % 12);
			if (next(&s) % 100 < 20) { /* a fifth joined within the last twelve months */
				int back = (int)(next(&s) % 12);
				jy = ty;
				jm = tm - back;
				if (jm < 1) {
					jm += 12;
					jy--;
				}
			}
			if (jy * 100 + jm > ty * 100 + tm)
				jy = ty - 1;
			int jd = 1 + (int)(next(&s) % 28);
			if (jy == ty && jm == tm && jd > td)
				jd = td; /* never in the future */
			cal_format_date(jy, jm, jd, joined, sizeof(joined));
			struct person_fields f;
			int64_t pid, mid;
			if (person_check(c, &in, joined, "", &f) != GH_OK)
				continue; /* e.g. too young on that day: skip, the next one will do */
			int at = 0;
			if ((e = person_save(c, &f, true, province_of(l.items[u].division), &pid, &at)) ||
			    (e = membership_create(c, pid, at, l.items[u].id, joined, "cadre", true, &mid))) {
				tx_rollback(c);
				return e;
			}
			(*members)++;
		}
		if (tx_commit(c) < 0)
			return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
	}
	if (!first_union)
		return GH_OK;
	/* Three workers who registered and applied to the first demo union: the approvals inbox. */
	for (int k = 0; k < 3; k++, index++) {
		struct person_input in;
		char idn[19], name[64], phone[16], pw[24];
		make_person(&s, &in, idn, name, phone);
		password_generate(pw, sizeof(pw), 20); /* demo applicants cannot log in: nobody knows it */
		struct register_input ri = {.phone = phone, .id_number = idn, .name = name, .password = pw};
		struct user u;
		if (member_register(c, &ri, &u) != GH_OK)
			continue;
		struct actor worker = {.id = u.id,
		                       .name = u.username,
		                       .role = ROLE_MEMBER,
		                       .org_id = u.org_id,
		                       .path = u.path,
		                       .person_id = u.person_id};
		const struct actor *saved = c->who;
		c->who = &worker;
		json_t *body = json_pack("{s:s, s:I, s:{s:s, s:s, s:s}}", "type", "join_application", "org_id",
		                         (json_int_t)first_union, "particulars", "name", name, "ethnicity",
		                         in.ethnicity, "employment", in.employment);
		struct flow_case kc;
		e = flow_create(c, body, &kc);
		json_decref(body);
		c->who = saved;
		if (e == GH_OK) {
			flow_case_release(&kc);
			(*cases)++;
		}
	}
	/* One transfer waiting at the second demo union. */
	if (second_union) {
		struct member_list ml;
		if (member_list(c, first_union, NULL, "active", 0, 1, &ml) == GH_OK && ml.n == 1) {
			json_t *body = json_pack("{s:s, s:I, s:I, s:s}", "type", "transfer", "membership_id",
			                         (json_int_t)ml.items[0].id, "to_org_id", (json_int_t)second_union,
			                         "reason", "调动工作");
			struct flow_case k;
			if (flow_create(c, body, &k) == GH_OK) {
				flow_case_release(&k);
				(*cases)++;
			}
			json_decref(body);
		}
	}
	/* The modules' demo data (each adds to *cases the cases it opens). */
	for (int i = 0; demo_modules[i]; i++)
		if ((e = demo_modules[i](c, seed, cases)))
			return e;
	return GH_OK;
}
