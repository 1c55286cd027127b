/*
 * Demo data of collective contracts, supervision notices and the service catalogue under 赣榆区
 * (demo.h): a collective contract and a wage agreement for the first demo unions, their dates set
 * relative to the day of `init` so that two of them are always within the 90-day expiry window;
 * two supervision notices (one answered, one overdue); the service items of 赣榆区总工会 and of
 * the first demo unions. Deterministic, cheap (a score of small transactions), marked demo.
 * It opens no cases.
 */
#include <stdio.h>
#include <string.h>

#include "base/time.h"
#include "domain/contract.h"
#include "domain/demo.h"
#include "domain/notice.h"
#include "domain/org.h"
#include "domain/service_item.h"

/* How many demo unions get contracts and services. */
#define DEMO_UNIONS 6

/* The date today + days, into out (11 bytes). */
static const char *day_from_today(struct ctx *c, int64_t days)
{
	char today[11];
	int64_t t = contract_today(today) + days;
	int y, m, d;
	cal_civil_from_days(t, &y, &m, &d);
	char *out = arena_alloc(c->a, 11);
	if (out)
		cal_format_date(y, m, d, out, 11);
	return out;
}

/* Days from today at which each union's collective contract ends (its three-year term before),
 * and its wage agreement's (a one-year term): the first two fall inside the 90-day window. */
static const int contract_end_days[DEMO_UNIONS] = {38, 76, 210, 400, 620, 900};
static const int wage_end_days[DEMO_UNIONS] = {150, 250, 55, 330, 120, 280};
static const int wage_bp[DEMO_UNIONS] = {350, 420, 300, 500, 380, 450};

static enum gh_err add_contracts(struct ctx *c, int i, const struct org *u)
{
	struct warning w[ORG_MAX_WARNINGS];
	int nw;
	struct contract t;
	int end = contract_end_days[i];
	struct contract_input in = {.kind = "collective",
	                            .org_id = u->id,
	                            .signed_on = day_from_today(c, end - 3 * 365 - 10),
	                            .starts_on = day_from_today(c, end - 3 * 365 + 1),
	                            .ends_on = day_from_today(c, end),
	                            .workers_covered = u->headcount > 0 ? u->headcount : 60,
	                            .wage_increase_bp = -1,
	                            .registered_on = day_from_today(c, end - 3 * 365),
	                            .note = "经职工代表大会审议通过",
	                            .demo = true};
	enum gh_err e = contract_create(c, &in, &t, w, &nw);
	if (e)
		return e;
	end = wage_end_days[i];
	in.kind = "wage_special";
	in.signed_on = day_from_today(c, end - 365 - 5);
	in.starts_on = day_from_today(c, end - 365 + 1);
	in.ends_on = day_from_today(c, end);
	in.registered_on = day_from_today(c, end - 365 + 3);
	in.wage_increase_bp = wage_bp[i];
	in.note = "年度工资集体协商";
	return contract_create(c, &in, &t, w, &nw);
}

struct demo_service {
	const char *title, *category, *description, *audience, *contact, *hours, *place;
};

static const struct demo_service county_services[] = {
        {"职工法律援助", "legal_aid", "为职工提供劳动争议咨询、代写文书、调解和仲裁代理等免费法律服务。",
         "本区职工，尤其是农民工和新就业形态劳动者", "12351 职工服务热线", "工作日 8:30-17:30",
         "赣榆区职工服务中心一楼法律援助窗口"},
        {"职工心理咨询", "psychological", "专业心理咨询师一对一倾听与疏导，可预约面谈或电话咨询，严格保密。",
         "本区会员", "0518-86212351", "每周二、周四 14:00-17:00", "赣榆区职工服务中心二楼心理驿站"},
        {"困难职工帮扶", "hardship_help", "困难职工建档、送温暖、金秋助学和医疗救助的申请受理与帮扶。",
         "因病、因灾、因学等致困的会员家庭", "所在基层工会或区总工会帮扶中心", "工作日 8:30-17:30",
         "赣榆区职工服务中心一楼帮扶窗口"},
        {"职工技能提升培训", "skills_training", "电工、焊工、叉车等职业技能培训，考核合格者取得职业技能等级证书。",
         "有意提升技能的本区职工", "0518-86218800", "按期开班，报名请来电", "赣榆区职工培训学校"},
};

static const struct demo_service union_services[] = {
        {"职工医疗互助", "mutual_aid", "每年参加职工医疗互助，住院后按规定申领互助金，工会代办申请。", "本单位会员",
         "工会办公室", "工作日 9:00-17:00", "厂区行政楼 2 楼工会办公室"},
        {"暑期爱心托管班", "childcare", "暑假期间为职工子女提供看护、作业辅导和兴趣活动。", "本单位职工 6-12 岁子女",
         "工会女职工委员会", "7 月 10 日至 8 月 20 日，工作日 8:00-17:30", "厂区职工之家活动室"},
        {"岗位技能培训", "skills_training", "结合生产岗位开展师带徒和技能比武，成绩纳入年度评优。", "一线职工",
         "工会办公室", "每月第二个周六", "厂区培训教室"},
};

static enum gh_err add_service(struct ctx *c, int64_t org, const struct demo_service *d)
{
	struct service_input in = {.org_id = org,
	                           .title = d->title,
	                           .category = d->category,
	                           .description = d->description,
	                           .audience = d->audience,
	                           .contact = d->contact,
	                           .hours = d->hours,
	                           .place = d->place,
	                           .active = 1,
	                           .demo = true};
	struct service_item s;
	return service_item_create(c, &in, &s);
}

static enum gh_err add_notices(struct ctx *c, const struct org *county, const struct org *u)
{
	struct notice n;
	/* From the county federation's labour-law supervision committee, answered by the employer. */
	struct notice_input in = {.kind = "opinion",
	                          .org_id = county->id,
	                          .employer_id = u->n_employers ? u->employers[0].id : 0,
	                          .issued_on = day_from_today(c, -45),
	                          .subject = "延长工作时间未支付加班工资",
	                          .content = "经调查，贵单位 2 车间职工连续三个月每月加班超过 36 小时，且未按规定"
	                                     "支付加班工资。请于收到本意见书之日起 30 日内整改并书面答复。",
	                          .legal_basis = "《中华人民共和国劳动法》第四十一条、第四十四条",
	                          .reply_due_on = day_from_today(c, -15),
	                          .demo = true};
	enum gh_err e = notice_create(c, &in, &n);
	if (e || (e = notice_answer(c, n.id, "已调整排班，加班时长控制在法定范围内，并补发三个月加班工资。",
	                            day_from_today(c, -20), &n)))
		return e;
	/* From the union to its own employer, still unanswered and past due. */
	in = (struct notice_input){.kind = "suggestion",
	                           .org_id = u->id,
	                           .issued_on = day_from_today(c, -25),
	                           .subject = "女职工劳动保护设施不足",
	                           .content = "建议为孕期和哺乳期女职工设立母婴室，并落实孕期产检假。",
	                           .legal_basis = "《女职工劳动保护特别规定》第六条、第十条",
	                           .reply_due_on = day_from_today(c, -5),
	                           .demo = true};
	return notice_create(c, &in, &n);
}

enum gh_err demo_contracts(struct ctx *c, uint64_t seed, int64_t *cases)
{
	(void)seed; /* the same data for every seed: nothing here is random */
	(void)cases;
	struct org_list l;
	enum gh_err e = org_search(c, NULL, "320707", 0, 1, &l);
	if (e || l.n != 1)
		return e; /* no 赣榆区 (a reduced division set): nothing to add */
	struct org county = l.items[0];
	for (size_t k = 0; k < sizeof(county_services) / sizeof(county_services[0]); k++)
		if ((e = add_service(c, county.id, &county_services[k])))
			return e;
	if ((e = org_search(c, "工会委员会", NULL, 0, 50, &l)))
		return e;
	int done = 0;
	for (int64_t i = 0; i < l.n && done < DEMO_UNIONS; i++) {
		if (!l.items[i].demo)
			continue;
		struct org u;
		if ((e = org_get(c, l.items[i].id, &u)) || (e = add_contracts(c, done, &u)))
			return e;
		if (done < 3)
			for (size_t k = 0; k < sizeof(union_services) / sizeof(union_services[0]); k++)
				if ((e = add_service(c, u.id, &union_services[k])))
					return e;
		if (done == 0 && (e = add_notices(c, &county, &u)))
			return e;
		done++;
	}
	return GH_OK;
}
