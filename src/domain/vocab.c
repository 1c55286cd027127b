/*
 * The vocabulary tables of vocab.h. The 56 ethnic groups follow GB/T 3304 (names in Chinese).
 */
#include "domain/vocab.h"

#include <string.h>
#include <strings.h>

#define T(tok, zh, en)            \
	{                         \
		tok, zh, en, NULL \
	}
#define TA(tok, zh, en, alt)     \
	{                        \
		tok, zh, en, alt \
	}

static const struct vocab_term ethnicity[] = {
        T("汉族", "汉族", "Han"),
        T("蒙古族", "蒙古族", "Mongol"),
        T("回族", "回族", "Hui"),
        T("藏族", "藏族", "Tibetan"),
        T("维吾尔族", "维吾尔族", "Uyghur"),
        T("苗族", "苗族", "Miao"),
        T("彝族", "彝族", "Yi"),
        T("壮族", "壮族", "Zhuang"),
        T("布依族", "布依族", "Buyei"),
        T("朝鲜族", "朝鲜族", "Korean"),
        T("满族", "满族", "Manchu"),
        T("侗族", "侗族", "Dong"),
        T("瑶族", "瑶族", "Yao"),
        T("白族", "白族", "Bai"),
        T("土家族", "土家族", "Tujia"),
        T("哈尼族", "哈尼族", "Hani"),
        T("哈萨克族", "哈萨克族", "Kazakh"),
        T("傣族", "傣族", "Dai"),
        T("黎族", "黎族", "Li"),
        T("傈僳族", "傈僳族", "Lisu"),
        T("佤族", "佤族", "Va"),
        T("畲族", "畲族", "She"),
        T("高山族", "高山族", "Gaoshan"),
        T("拉祜族", "拉祜族", "Lahu"),
        T("水族", "水族", "Sui"),
        T("东乡族", "东乡族", "Dongxiang"),
        T("纳西族", "纳西族", "Nakhi"),
        T("景颇族", "景颇族", "Jingpo"),
        T("柯尔克孜族", "柯尔克孜族", "Kyrgyz"),
        T("土族", "土族", "Monguor"),
        T("达斡尔族", "达斡尔族", "Daur"),
        T("仫佬族", "仫佬族", "Mulao"),
        T("羌族", "羌族", "Qiang"),
        T("布朗族", "布朗族", "Blang"),
        T("撒拉族", "撒拉族", "Salar"),
        T("毛南族", "毛南族", "Maonan"),
        T("仡佬族", "仡佬族", "Gelao"),
        T("锡伯族", "锡伯族", "Xibe"),
        T("阿昌族", "阿昌族", "Achang"),
        T("普米族", "普米族", "Pumi"),
        T("塔吉克族", "塔吉克族", "Tajik"),
        T("怒族", "怒族", "Nu"),
        T("乌孜别克族", "乌孜别克族", "Uzbek"),
        T("俄罗斯族", "俄罗斯族", "Russian"),
        T("鄂温克族", "鄂温克族", "Evenk"),
        T("德昂族", "德昂族", "Deang"),
        T("保安族", "保安族", "Bonan"),
        T("裕固族", "裕固族", "Yugur"),
        T("京族", "京族", "Gin"),
        T("塔塔尔族", "塔塔尔族", "Tatar"),
        T("独龙族", "独龙族", "Derung"),
        T("鄂伦春族", "鄂伦春族", "Oroqen"),
        T("赫哲族", "赫哲族", "Hezhen"),
        T("门巴族", "门巴族", "Monpa"),
        T("珞巴族", "珞巴族", "Lhoba"),
        T("基诺族", "基诺族", "Jino"),
};

static const struct vocab_term political[] = {
        TA("cpc_member", "中共党员", "CPC member", "党员|中国共产党党员"),
        TA("cpc_probationary", "中共预备党员", "CPC probationary member", "预备党员"),
        TA("cyl_member", "共青团员", "Communist Youth League member", "团员"),
        TA("democratic_party", "民主党派成员", "member of a democratic party", "民主党派"),
        TA("independent", "无党派人士", "independent", "无党派"),
        TA("masses", "群众", "no affiliation", NULL),
};

static const struct vocab_term education[] = {
        TA("doctorate", "博士研究生", "doctorate", "博士"),
        TA("master", "硕士研究生", "master's degree", "硕士|研究生"),
        TA("bachelor", "大学本科", "bachelor's degree", "本科"),
        TA("college", "大学专科", "junior college", "大专|专科|高职"),
        TA("secondary", "高中/中专", "senior secondary", "高中|中专|中技|技校|职高"),
        TA("junior", "初中", "junior secondary", NULL),
        TA("primary", "小学及以下", "primary or none", "小学|文盲"),
};

static const struct vocab_term household[] = {
        TA("agricultural", "农业户口", "agricultural household", "农业|农村|农村户口"),
        TA("non_agricultural", "非农业户口", "non-agricultural household", "非农业|城镇|城镇户口|居民户口"),
};

static const struct vocab_term employment[] = {
        TA("full_time", "全日制", "full-time", "全日制用工"),
        TA("part_time", "非全日制", "part-time", "非全日制用工"),
        TA("dispatched", "劳务派遣", "agency work", "派遣"),
        TA("new_form", "新就业形态", "new form of employment", "新就业形态劳动者"),
};

static const struct vocab_term new_form[] = {
        TA("courier", "快递员", "courier", "快递"),
        TA("food_delivery", "外卖配送员", "food-delivery rider", "外卖|外卖骑手|骑手"),
        TA("ride_hailing", "网约车司机", "ride-hailing driver", "网约车"),
        TA("truck_driver", "货车司机", "truck driver", "货车"),
        TA("other", "其他新就业形态", "other new form", "其他"),
};

static const struct vocab_term skill[] = {
        TA("none", "无", "none", "无等级"),
        TA("level5", "初级工", "junior worker (level 5)", "五级|初级"),
        TA("level4", "中级工", "intermediate worker (level 4)", "四级|中级"),
        TA("level3", "高级工", "senior worker (level 3)", "三级|高级"),
        TA("level2", "技师", "technician (level 2)", "二级"),
        TA("level1", "高级技师", "senior technician (level 1)", "一级"),
};

static const struct vocab_term status[] = {
        TA("active", "在会", "active", NULL),
        TA("transferred", "已转出", "transferred out", "转出"),
        TA("retained", "保留会籍", "membership retained", NULL),
        TA("withdrawn", "退会", "withdrawn", NULL),
        TA("expelled", "除名", "removed", "开除"),
        TA("deceased", "去世", "deceased", "死亡|已故"),
};

static const struct {
	const struct vocab_term *terms;
	int n;
	const char *zh, *en;
} tables[VOCAB__MAX] = {
#define V(x, zh, en)                                       \
	{                                                  \
		x, (int)(sizeof(x) / sizeof(x[0])), zh, en \
	}
        [VOCAB_ETHNICITY] = V(ethnicity, "民族", "ethnicity"),
        [VOCAB_POLITICAL] = V(political, "政治面貌", "political status"),
        [VOCAB_EDUCATION] = V(education, "学历", "education"),
        [VOCAB_HOUSEHOLD] = V(household, "户籍类型", "household type"),
        [VOCAB_EMPLOYMENT] = V(employment, "用工形式", "employment form"),
        [VOCAB_NEW_FORM] = V(new_form, "新就业形态类别", "new form of employment"),
        [VOCAB_SKILL] = V(skill, "技能等级", "skill level"),
        [VOCAB_STATUS] = V(status, "会籍状态", "membership status"),
#undef V
};

static bool in_alt(const char *alt, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = alt; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !memcmp(p, s, n))
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

const char *vocab_find(enum vocab v, const char *s)
{
	if (v < 0 || v >= VOCAB__MAX || !s || !*s)
		return NULL;
	for (int i = 0; i < tables[v].n; i++) {
		const struct vocab_term *t = &tables[v].terms[i];
		if (!strcmp(s, t->token) || !strcmp(s, t->zh) || !strcasecmp(s, t->en) || in_alt(t->alt, s))
			return t->token;
	}
	if (v == VOCAB_ETHNICITY) {
		/* "汉" for "汉族" */
		for (int i = 0; i < tables[v].n; i++) {
			const char *zh = tables[v].terms[i].zh;
			size_t n = strlen(s);
			if (strlen(zh) == n + 3 && !memcmp(zh, s, n) && !strcmp(zh + n, "族"))
				return tables[v].terms[i].token;
		}
	}
	return NULL;
}

const char *vocab_label(enum vocab v, const char *token, bool zh)
{
	if (v < 0 || v >= VOCAB__MAX || !token)
		return "";
	for (int i = 0; i < tables[v].n; i++)
		if (!strcmp(token, tables[v].terms[i].token))
			return zh ? tables[v].terms[i].zh : tables[v].terms[i].en;
	return "";
}

const struct vocab_term *vocab_terms(enum vocab v, int *n)
{
	*n = (v >= 0 && v < VOCAB__MAX) ? tables[v].n : 0;
	return *n ? tables[v].terms : NULL;
}

const char *vocab_name(enum vocab v, bool zh)
{
	if (v < 0 || v >= VOCAB__MAX)
		return "";
	return zh ? tables[v].zh : tables[v].en;
}

bool vocab_is_party(const char *token)
{
	return token && (!strcmp(token, "cpc_member") || !strcmp(token, "cpc_probationary"));
}
