/*
 * Unit tests of the roster import and export (src/domain/roster.c) over a real SQLite store loaded
 * with the mini division fixture (tests/data/division-mini) and three unions: 赣榆 (in the
 * importer's scope, two of them) and 东海 (outside it). Fixtures are made here as an office keeps
 * them: CSV text in UTF-8 and (through iconv) GBK, an .xlsx written with libxlsxwriter (a merged
 * title row, a header with line breaks and stars, date cells, numbers, a value merged over three
 * rows) and one assembled part by part with libzip (ID numbers stored as numbers, with all their
 * digits and without). Every bad-row code is checked with its row as the spreadsheet shows it;
 * counters are exact afterwards (stats_verify), a re-import changes nothing, the report .xlsx
 * and the export read back with the sheet reader, and a crash inside the transaction (the
 * GONGHUI_CRASH_AFTER_ROWS hook, in a child process) leaves nothing behind.
 * ID numbers here are synthetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "auth/keys.h"
#include "auth/scope.h"
#include "base/time.h"
#include "check/idcard.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/roster.h"
#include "domain/stats.h"
#include "domain/tree.h"
#include "domain/tx.h"
#include "ingest/sheet.h"

static char dir[64];
static char dbpath[128];
static struct store *db;
static struct arena ar;
static struct org u1, u2, u3; /* 青口 and 柘汪 (赣榆), 牛山 (东海) */
static struct org gy;         /* 赣榆区总工会: the importer's scope */

static const struct actor cli = {.id = 0, .name = "cli", .role = ROLE_ADMIN, .org_id = 0, .path = "/"};
static struct actor staff;   /* federation staff of 赣榆 */
static struct actor cadre;   /* a cadre of u1: no pii.reveal */
static struct actor auditor; /* member.read only */

static struct ctx mkctx(const struct actor *who)
{
	struct ctx c = {.db = db, .a = &ar, .who = who, .ip = "test", .zh = true};
	return c;
}

static const char *path_of(const char *name)
{
	static char p[8][256];
	static int k;
	k = (k + 1) % 8;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void write_text(const char *name, const char *text)
{
	FILE *f = fopen(path_of(name), "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* A valid 18-character ID number (digit 17 odd for a man). */
static const char *idn(const char *area6, int y, int m, int d, int seq3)
{
	static char out[16][19];
	static int k;
	k = (k + 1) % 16;
	snprintf(out[k], sizeof(out[k]), "%.6s%04d%02d%02d%03d", area6, y, m, d, seq3);
	out[k][17] = idcard_check_char(out[k]);
	out[k][18] = 0;
	return out[k];
}

/* The same with a wrong check character. */
static const char *idn_bad(const char *area6, int y, int m, int d, int seq3)
{
	static char out[19];
	memcpy(out, idn(area6, y, m, d, seq3), 19);
	out[17] = out[17] == '1' ? '2' : '1';
	return out;
}

static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* A valid unified social credit code for region6 and seq. */
static void uscc(char out[19], const char *region6, unsigned long seq)
{
	static const int uw[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	static const int ow[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	char c[19] = "91";
	memcpy(c + 2, region6, 6);
	for (int i = 7; i >= 0; i--, seq /= 10)
		c[8 + i] = (char)('0' + seq % 10);
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += (c[8 + i] - '0') * ow[i];
	int k = 11 - sum % 11;
	c[16] = k == 10 ? 'X' : k == 11 ? '0' : (char)('0' + k);
	sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(uscc_chars, c[i]) - uscc_chars) * uw[i];
	c[17] = uscc_chars[(31 - sum % 31) % 31];
	c[18] = 0;
	memcpy(out, c, 19);
}

static struct org find(const char *division)
{
	struct ctx c = mkctx(&cli);
	struct org_list l;
	assert_int_equal(org_search(&c, NULL, division, 0, 5, &l), GH_OK);
	assert_int_equal(l.n, 1);
	return l.items[0];
}

static struct org qk, zw, ns; /* 青口镇, 柘汪镇, 牛山街道 */

static struct org make_union(const struct org *parent, const char *name, unsigned long seq)
{
	struct ctx c = mkctx(&cli);
	char code[19];
	uscc(code, "320707", seq);
	struct employer_input emp = {.name = name, .credit_code = code, .headcount = 100};
	char uname[160];
	snprintf(uname, sizeof(uname), "%s工会委员会", name);
	struct org_input in = {.set = ORG_SET_HEADCOUNT,
	                       .parent_id = parent->id,
	                       .name = uname,
	                       .kind = KIND_ENTERPRISE,
	                       .headcount = 100,
	                       .employers = &emp,
	                       .n_employers = 1};
	struct org u;
	struct warning w[ORG_MAX_WARNINGS];
	int nw;
	enum gh_err e = org_create(&c, &in, &u, w, &nw);
	if (e)
		fail_msg("org_create %s: %s", name, c.fail.en);
	return u;
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/gh-roster-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/gonghui.db", dir);
	char keys[128];
	snprintf(keys, sizeof(keys), "%s/keys", dir);
	struct gh_fail f = {0};
	if (keys_create(keys, &f) < 0 || keys_load(keys, &keys_current, &f) < 0)
		return -1;
	if (store_open(dbpath, true, &db, &f) < 0 || store_migrate(db, &f) < 0)
		return -1;
	if (store_begin(db) < 0 || store_run(db, SQ_META_SET, "tt", "id_next", "1099511627776") != 0 ||
	    store_commit(db) < 0)
		return -1;
	arena_init(&ar, 0);
	/* 2026-06-01 12:00 in China: ages and "today" do not depend on when the tests run */
	clock_set(INT64_C(1780286400));
	char data[512];
	const char *src = getenv("GH_SOURCE_DIR");
	snprintf(data, sizeof(data), "%s/tests/data/division-mini", src ? src : ".");
	struct ctx c = mkctx(&cli);
	struct tree_counts n;
	if (tree_load(&c, data, &n) != GH_OK)
		return -1;
	gy = find("320707");
	qk = find("320707100");
	zw = find("320707101");
	ns = find("320722100");
	u1 = make_union(&qk, "连云港青口测试机械有限公司", 11);
	u2 = make_union(&zw, "连云港柘汪测试食品有限公司", 12);
	u3 = make_union(&ns, "东海牛山测试纺织有限公司", 13);
	staff = (struct actor){.id = 71, .name = "gy", .role = ROLE_FEDERATION_STAFF, .org_id = gy.id, .path = gy.path};
	cadre = (struct actor){.id = 72, .name = "qk", .role = ROLE_CADRE, .org_id = u1.id, .path = u1.path};
	auditor = (struct actor){.id = 73, .name = "au", .role = ROLE_AUDITOR, .org_id = gy.id, .path = gy.path};
	return 0;
}

static int teardown(void **state)
{
	store_close(db);
	arena_release(&ar);
	clock_reset();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int64_t stat_of(const struct org *o, int m)
{
	int64_t s[STAT__MAX];
	assert_int_equal(stats_read(db, o->id, s), 0);
	return s[m];
}

/* The problems of one row, as "code,code". */
static const char *codes_of(const struct roster_report *r, int64_t row)
{
	static char out[256];
	out[0] = 0;
	for (int64_t i = 0; i < r->n_errors; i++)
		if (r->errors[i].row == row)
			snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", out[0] ? "," : "",
			         r->errors[i].code);
	return out;
}

static const struct roster_error *error_of(const struct roster_report *r, int64_t row)
{
	for (int64_t i = 0; i < r->n_errors; i++)
		if (r->errors[i].row == row)
			return &r->errors[i];
	return NULL;
}

static void dump_errors(const struct roster_report *r)
{
	for (int64_t i = 0; i < r->n_errors; i++)
		fprintf(stderr, "  row %" PRId64 " [%s] %s: %s\n", r->errors[i].row,
		        r->errors[i].column ? r->errors[i].column : "-", r->errors[i].code, r->errors[i].zh);
}

static void import_ok(struct ctx *c, int64_t org, const char *name, const struct roster_options *opt,
                      struct roster_report *rep)
{
	enum gh_err e = roster_import(c, org, path_of(name), opt, rep);
	if (e)
		fail_msg("import %s: %d %s (%s)", name, e, c->fail.en ? c->fail.en : "?",
		         c->fail.reason ? c->fail.reason : "-");
}

/* The current membership of an ID number (any scope), or fails. */
static struct member member_of(const char *id18)
{
	struct ctx c = mkctx(&cli);
	struct member m;
	enum gh_err e = member_lookup(&c, id18, false, &m);
	if (e)
		fail_msg("no member %s: %s", id18, c.fail.en);
	return m;
}

static bool is_member(const char *id18)
{
	struct ctx c = mkctx(&cli);
	struct member m;
	return member_lookup(&c, id18, false, &m) == GH_OK;
}

/* ---- The CSV roster with every kind of bad row ---- */

static char roster_a[8192];
static char a_ids[16][19];

static void make_roster_a(void)
{
	static const struct {
		int y, m, d, seq;
	} p[16] = {{1985, 3, 12, 11}, {1990, 7, 1, 22}, {1970, 1, 31, 33}, {1995, 12, 9, 44},
	           {1988, 8, 8, 15},  {1986, 6, 6, 17}, {1987, 7, 7, 19},  {1989, 9, 9, 21},
	           {1991, 1, 1, 23},  {1992, 2, 2, 25}, {1993, 3, 3, 27},  {1994, 4, 4, 28},
	           {1984, 4, 4, 30},  {1983, 3, 3, 31}, {0, 0, 0, 0},      {0, 0, 0, 0}};
	for (int i = 0; i < 14; i++)
		memcpy(a_ids[i], idn("320707", p[i].y, p[i].m, p[i].d, p[i].seq), 19);
	char b1[19], b2[19], b3[19], b4[19];
	memcpy(b1, idn_bad("320707", 1980, 1, 1, 35), 19);
	memcpy(b2, idn("320707", 1985, 1, 1, 37), 19);
	memcpy(b2 + 6, "19850230", 8); /* 30 February */
	b2[17] = idcard_check_char(b2);
	memcpy(b3, idn("990707", 1985, 1, 1, 39), 19); /* no province 99 */
	memcpy(b4, idn("320707", 2010, 1, 1, 41), 19); /* 10 on the join date */
	snprintf(roster_a, sizeof(roster_a),
	         "某某机械有限公司工会会员名册,,,,,,,,,\r\n"
	         "填表日期：2026年5月,,,,,,,,,\r\n"
	         "序号,入会时间,手机号,* 身份证号 ,姓名,性别,民族,是否农民工,学历,备注\r\n"
	         "1,2019/05/01,13812340001,%s,张三,男,汉族,否,本科,\r\n" /* 4 */
	         "2,2019.05.01,,%s,李  四 ,女,汉,是,大专,\r\n"           /* 5 */
	         "3,2019年5月1日,,%s,王五,,回族,,,\r\n"                  /* 6 */
	         "4,20190501,,%s,赵六,女,,,,老会员\r\n"                  /* 7 */
	         "\r\n"                                                  /* 8: blank */
	         "5,,,,,,,,,\r\n"                                        /* 9: only a number */
	         "6,2020-01-01,,%s,钱七,,,,,\r\n"                        /* 10 */
	         "7,,,%s,孙八,,,,,\r\n"                                  /* 11 */
	         "8,,,%s,周九,,,,,\r\n"                                  /* 12 */
	         "9,2020-01-01,,%s,吴十,,,,,\r\n"                        /* 13 */
	         "10,,,%s,郑一,女,,,,\r\n"                               /* 14: a man */
	         "11,,,%s,张三,,,,,\r\n"                                 /* 15: row 4 again */
	         "12,,,3.20707198501E+17,冯二,,,,,\r\n"                  /* 16 */
	         "13,,,%s,,男,,,,\r\n"                                   /* 17 */
	         "14,,12345,%s,陈三,,,,,\r\n"                            /* 18 */
	         "15,,,%s,褚四,,火星族,,,\r\n"                           /* 19 */
	         "16,去年,,%s,卫五,,,,,\r\n"                             /* 20 */
	         "17,,,%s,蒋六,,,可能,,\r\n"                             /* 21 */
	         "18,2030-01-01,,%s,沈七,,,,,\r\n"                       /* 22 */
	         "19,,,%s,韩八,男,火星族,,,\r\n"                         /* 23: a woman, two problems */
	         "20,,,%s,杨九,,,,研究生,\r\n",                          /* 24 */
	         a_ids[0], a_ids[1], a_ids[2], a_ids[3], b1, b2, b3, b4, a_ids[4], a_ids[0], a_ids[5], a_ids[6],
	         a_ids[7], a_ids[8], a_ids[9], a_ids[10], a_ids[11], a_ids[12]);
}

static int progress_calls;
static void count_progress(void *ud, const struct roster_progress *p)
{
	(void)ud;
	(void)p;
	progress_calls++;
}

static void test_csv_every_code(void **state)
{
	make_roster_a();
	write_text("a.csv", roster_a);
	struct ctx c = mkctx(&staff);
	int64_t members0 = stat_of(&gy, STAT_MEMBERS), women0 = stat_of(&gy, STAT_WOMEN);
	struct roster_report rep;
	struct roster_options opt = {.progress = count_progress};
	import_ok(&c, u1.id, "a.csv", &opt, &rep);
	if (rep.accepted != 5)
		dump_errors(&rep);
	assert_int_equal(rep.rows, 19); /* the blank row and the numbered empty row are not counted */
	assert_int_equal(rep.accepted, 5);
	assert_int_equal(rep.rejected, 14);
	assert_int_equal(rep.header_row, 3);
	assert_string_equal(rep.format, "csv");
	assert_string_equal(rep.encoding, "utf-8");
	assert_true(progress_calls >= 2);
	assert_int_equal(rep.n_ignored, 2);
	assert_string_equal(rep.ignored[0], "序号");
	assert_string_equal(rep.ignored[1], "备注");
	assert_string_equal(codes_of(&rep, 10), "bad_check_char");
	assert_string_equal(codes_of(&rep, 11), "bad_birth_date");
	assert_string_equal(codes_of(&rep, 12), "unknown_province");
	assert_string_equal(codes_of(&rep, 13), "under_age");
	assert_string_equal(codes_of(&rep, 14), "sex_mismatch");
	assert_string_equal(codes_of(&rep, 15), "duplicate_in_file");
	assert_string_equal(codes_of(&rep, 16), "id_precision_lost");
	assert_string_equal(codes_of(&rep, 17), "missing_name");
	assert_string_equal(codes_of(&rep, 18), "bad_phone");
	assert_string_equal(codes_of(&rep, 19), "unknown_value");
	assert_string_equal(codes_of(&rep, 20), "bad_date");
	assert_string_equal(codes_of(&rep, 21), "bad_migrant");
	assert_string_equal(codes_of(&rep, 22), "joined_in_future");
	assert_string_equal(codes_of(&rep, 23), "sex_mismatch,unknown_value");
	assert_int_equal(rep.n_errors, 15);
	/* the column as its header reads, and a message saying what to fix */
	assert_string_equal(error_of(&rep, 10)->column, "* 身份证号");
	assert_string_equal(error_of(&rep, 14)->column, "性别");
	assert_string_equal(error_of(&rep, 17)->column, "姓名");
	assert_string_equal(error_of(&rep, 18)->column, "手机号");
	assert_string_equal(error_of(&rep, 20)->column, "入会时间");
	assert_string_equal(error_of(&rep, 21)->column, "是否农民工");
	assert_non_null(strstr(error_of(&rep, 15)->zh, "第 4 行"));
	assert_non_null(strstr(error_of(&rep, 16)->zh, "文本"));
	assert_non_null(strstr(error_of(&rep, 13)->zh, "16"));
	/* the good rows, with their dates in every format */
	for (int i = 0; i < 4; i++)
		assert_string_equal(member_of(a_ids[i]).joined_on, "2019-05-01");
	struct member li = member_of(a_ids[1]);
	assert_string_equal(li.name, "李四");
	assert_true(li.migrant);
	assert_string_equal(li.education, "college");
	assert_string_equal(li.via, "import");
	assert_int_equal(li.org_id, u1.id);
	assert_string_equal(member_of(a_ids[12]).joined_on, "2026-06-01"); /* today, by default */
	assert_false(is_member(a_ids[4]));
	/* counters exact */
	assert_int_equal(stat_of(&gy, STAT_MEMBERS), members0 + 5);
	assert_int_equal(stat_of(&gy, STAT_WOMEN), women0 + 3);
	assert_int_equal(stat_of(&u1, STAT_MIGRANT), 1);
	assert_int_equal(stats_verify(db, stderr), 0);
	/* the JSON of the CLI and the API */
	json_t *j = roster_report_json(&rep, true, 3);
	assert_int_equal(json_integer_value(json_object_get(j, "rows")), 19);
	assert_int_equal(json_array_size(json_object_get(j, "errors")), 3);
	assert_true(json_is_true(json_object_get(j, "errors_capped")));
	json_t *e0 = json_array_get(json_object_get(j, "errors"), 0);
	assert_int_equal(json_integer_value(json_object_get(e0, "row")), 10);
	assert_string_equal(json_string_value(json_object_get(e0, "code")), "bad_check_char");
	json_decref(j);
	roster_report_release(&rep);

	/* a re-import changes nothing */
	int64_t members1 = stat_of(&gy, STAT_MEMBERS);
	import_ok(&c, u1.id, "a.csv", NULL, &rep);
	assert_int_equal(rep.rows, 19);
	assert_int_equal(rep.accepted, 0);
	assert_int_equal(rep.rejected, 19);
	assert_string_equal(codes_of(&rep, 4), "already_member_here");
	assert_string_equal(codes_of(&rep, 24), "already_member_here");
	assert_string_equal(codes_of(&rep, 15), "duplicate_in_file");
	assert_int_equal(stat_of(&gy, STAT_MEMBERS), members1);
	assert_int_equal(stats_verify(db, stderr), 0);
	roster_report_release(&rep);
}

/* The report .xlsx of the first import, read back. */
static void test_report_xlsx(void **state)
{
	/* a fresh union so that the good rows go in and the bad ones are reported */
	struct org u4 = make_union(&qk, "连云港青口报告测试有限公司", 14);
	make_roster_a();
	char *text = strdup(roster_a);
	/* other people of the same sex, so that nothing is already a member */
	for (int i = 0; i < 14; i++) {
		char *p = strstr(text, a_ids[i]);
		int odd = (a_ids[i][16] - '0') % 2;
		while (p) {
			memcpy(p, idn("320722", 1960 + i, 5, 5, 100 + 2 * i + odd), 18);
			p = strstr(p + 18, a_ids[i]);
		}
	}
	write_text("a2.csv", text);
	free(text);
	struct ctx c = mkctx(&cli);
	struct roster_report rep;
	import_ok(&c, u4.id, "a2.csv", NULL, &rep);
	assert_int_equal(rep.rows, 19);
	assert_int_equal(rep.accepted, 5);
	struct gh_fail f = {0};
	const char *out = path_of("report.xlsx");
	assert_int_equal(roster_report_xlsx(&rep, path_of("a2.csv"), out, true, dir, &f), 0);
	struct sheet_reader *r;
	assert_int_equal(sheet_open(out, NULL, &r, &f), 0);
	struct sheet_row row;
	assert_int_equal(sheet_next(r, &row, &f), 1);
	assert_int_equal(row.ncells, 14);
	assert_string_equal(row.cells[3].text, "* 身份证号");
	assert_string_equal(row.cells[10].text, "行号");
	assert_string_equal(row.cells[13].text, "错误说明");
	int64_t n = 0;
	while (sheet_next(r, &row, &f) == 1) {
		n++;
		const char *rowno = row.cells[10].text, *code = row.cells[12].text;
		if (!strcmp(rowno, "16")) {
			assert_string_equal(row.cells[3].text, "3.20707198501E+17"); /* the cell as the file has it */
			assert_string_equal(row.cells[4].text, "冯二");
			assert_string_equal(code, "id_precision_lost");
		}
		if (!strcmp(rowno, "23")) {
			assert_string_equal(code, "sex_mismatch\nunknown_value");
			assert_string_equal(row.cells[11].text, "性别\n民族");
		}
	}
	assert_int_equal(n, rep.rejected);
	sheet_close(r);
	roster_report_release(&rep);
	assert_int_equal(stats_verify(db, stderr), 0);
}

/* ---- GBK, header spellings, members elsewhere ---- */

static char *to_gbk(const char *utf8, size_t *n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t in = strlen(utf8), cap = in * 2 + 16, left = cap;
	char *out = malloc(cap), *op = out, *ip = (char *)utf8;
	assert_true(iconv(cd, &ip, &in, &op, &left) != (size_t)-1);
	iconv_close(cd);
	*n = cap - left;
	return out;
}

static void test_gbk_and_elsewhere(void **state)
{
	struct ctx admin = mkctx(&cli);
	/* P1 is a member of 柘汪 (in scope), P2 of 东海 (outside), P3 retained in 东海 */
	char p1[19], p2[19], p3[19], g1[19], g2[19];
	memcpy(p1, idn("320707", 1980, 2, 2, 51), 19);
	memcpy(p2, idn("320722", 1981, 3, 3, 53), 19);
	memcpy(p3, idn("320722", 1982, 4, 4, 55), 19);
	memcpy(g1, idn("320707", 1983, 5, 5, 57), 19);
	memcpy(g2, idn("320707", 1984, 6, 6, 58), 19);
	struct member m;
	struct person_input in = {.id_number = p1, .name = "甲一", .migrant = -1};
	assert_int_equal(member_add(&admin, u2.id, "2020-01-01", &in, &m), GH_OK);
	in = (struct person_input){.id_number = p2, .name = "乙二", .migrant = -1};
	assert_int_equal(member_add(&admin, u3.id, "2020-01-01", &in, &m), GH_OK);
	in = (struct person_input){.id_number = p3, .name = "丙三", .migrant = -1};
	assert_int_equal(member_add(&admin, u3.id, "2020-01-01", &in, &m), GH_OK);
	assert_int_equal(membership_set_status(&admin, m.id, "retained", "2021-01-01", NULL, &m), GH_OK);
	char text[2048];
	snprintf(text, sizeof(text),
	         "会员姓名,公民身份号码,联系电话,加入工会时间,户口性质,就业形式,新就业形态,职业技能等级,文化程度,"
	         "农民工,政治面貌\n"
	         "甲一,%s,,,,,,,,,\n"
	         "乙二,%s,,,,,,,,,\n"
	         "丙三,%s,,,,,,,,,\n"
	         "丁四,%s,0518-85551234,2021年3月8日,农业户口,,外卖骑手,中级工,高中,,党员\n"
	         "戊五,%s,,2021-03-08,城镇户口,全日制,,,,否,\n",
	         p1, p2, p3, g1, g2);
	size_t n;
	char *gbk = to_gbk(text, &n);
	FILE *fp = fopen(path_of("b.csv"), "wb");
	assert_int_equal(fwrite(gbk, 1, n, fp), n);
	fclose(fp);
	free(gbk);
	struct ctx c = mkctx(&staff);
	int64_t party0 = stat_of(&gy, STAT_PARTY), nf0 = stat_of(&gy, STAT_NEW_FORM);
	struct roster_report rep;
	import_ok(&c, u1.id, "b.csv", NULL, &rep);
	assert_string_equal(rep.encoding, "gb18030");
	assert_int_equal(rep.header_row, 1);
	assert_int_equal(rep.n_ignored, 0); /* every spelling known */
	if (rep.accepted != 2)
		dump_errors(&rep);
	assert_int_equal(rep.rows, 5);
	assert_int_equal(rep.accepted, 2);
	assert_string_equal(codes_of(&rep, 2), "member_elsewhere");
	assert_string_equal(codes_of(&rep, 3), "member_elsewhere");
	assert_string_equal(codes_of(&rep, 4), "member_elsewhere");
	assert_non_null(strstr(error_of(&rep, 2)->zh, u2.name)); /* in scope: named */
	assert_null(strstr(error_of(&rep, 3)->zh, "东海"));      /* outside: not named */
	assert_null(strstr(error_of(&rep, 4)->zh, "东海"));
	assert_string_equal(error_of(&rep, 2)->column, "公民身份号码");
	/* nothing changed about the members elsewhere */
	assert_string_equal(member_of(p1).name, "甲一");
	assert_int_equal(member_of(p2).org_id, u3.id);
	struct member d = member_of(g1);
	assert_string_equal(d.joined_on, "2021-03-08");
	assert_string_equal(d.household, "agricultural");
	assert_true(d.migrant); /* an agricultural household means a migrant worker unless marked */
	assert_string_equal(d.employment, "new_form");
	assert_string_equal(d.new_form, "food_delivery");
	assert_string_equal(d.skill, "level4");
	assert_string_equal(d.education, "secondary");
	assert_string_equal(d.political, "cpc_member");
	assert_false(member_of(g2).migrant);
	assert_int_equal(stat_of(&gy, STAT_PARTY), party0 + 1);
	assert_int_equal(stat_of(&gy, STAT_NEW_FORM), nf0 + 1);
	assert_int_equal(stats_verify(db, stderr), 0);
	roster_report_release(&rep);
}

/* ---- Whole files refused ---- */

static void test_refused(void **state)
{
	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	write_text("none.csv", "甲,乙\n1,2\n");
	assert_int_equal(roster_import(&c, u1.id, path_of("none.csv"), NULL, &rep), GH_EINVAL);
	assert_string_equal(c.fail.reason, "no_header");
	assert_non_null(strstr(c.fail.zh, "姓名"));
	roster_report_release(&rep);
	write_text("noid.csv", "标题\n姓名,电话\n张三,13800000000\n");
	assert_int_equal(roster_import(&c, u1.id, path_of("noid.csv"), NULL, &rep), GH_EINVAL);
	assert_string_equal(c.fail.reason, "no_id_column");
	write_text("noname.csv", "身份证号\n320707198503120112\n");
	assert_int_equal(roster_import(&c, u1.id, path_of("noname.csv"), NULL, &rep), GH_EINVAL);
	assert_string_equal(c.fail.reason, "no_name_column");
	/* outside the importer's scope: not found */
	write_text("ok.csv", "姓名,身份证号\n");
	assert_int_equal(roster_import(&c, u3.id, path_of("ok.csv"), NULL, &rep), GH_ENOTFOUND);
	/* a federation above the town takes no members */
	assert_int_equal(roster_import(&c, gy.id, path_of("ok.csv"), NULL, &rep), GH_OK);
	roster_report_release(&rep);
	struct ctx top = mkctx(&cli);
	struct org js = find("32");
	assert_int_equal(roster_import(&top, js.id, path_of("ok.csv"), NULL, &rep), GH_EINVAL);
	/* an empty roster is done, with nothing */
	assert_int_equal(roster_import(&c, u1.id, path_of("ok.csv"), NULL, &rep), GH_OK);
	assert_int_equal(rep.rows, 0);
	roster_report_release(&rep);
	/* a bound on rows */
	char text[1024];
	snprintf(text, sizeof(text), "姓名,身份证号\n甲,%s\n乙,%s\n丙,%s\n", idn("320707", 1970, 1, 1, 61),
	         idn("320707", 1970, 1, 1, 63), idn("320707", 1970, 1, 1, 65));
	write_text("long.csv", text);
	struct roster_options opt = {.rows_max = 2};
	assert_int_equal(roster_import(&c, u1.id, path_of("long.csv"), &opt, &rep), GH_ETOOBIG);
	assert_string_equal(c.fail.reason, "too_many_rows");
	assert_false(is_member(idn("320707", 1970, 1, 1, 61)));
	/* not a spreadsheet: an old .xls */
	static const unsigned char ole[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	FILE *fp = fopen(path_of("old.xls"), "wb");
	fwrite(ole, 1, sizeof(ole), fp);
	fclose(fp);
	assert_int_not_equal(roster_import(&c, u1.id, path_of("old.xls"), NULL, &rep), GH_OK);
	assert_string_equal(c.fail.reason, "bad_file");
	assert_int_equal(stats_verify(db, stderr), 0);
}

/* ---- .xlsx as offices keep it ---- */

static char x_ids[8][19];
static char x_id15[16];

static void test_xlsx_office(void **state)
{
	for (int i = 0; i < 6; i++)
		memcpy(x_ids[i], idn("320707", 1975 + i, 10, 10, 70 + 2 * i + 1), 19);
	snprintf(x_id15, sizeof(x_id15), "320707760101071"); /* 1976-01-01, a man */
	const char *path = path_of("c.xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "会员名册");
	lxw_format *title = workbook_add_format(wb), *date = workbook_add_format(wb);
	format_set_bold(title);
	format_set_num_format(date, "yyyy-mm-dd");
	assert_int_equal(worksheet_merge_range(ws, 0, 0, 0, 7, "连云港某某公司工会会员名册", title), LXW_NO_ERROR);
	const char *header[8] = {"姓名", "身份证\n号码", "入会\n日期 *", "性别",
	                         "民族", "手机号码",     "政治面貌",     "部门"};
	for (int i = 0; i < 8; i++)
		worksheet_write_string(ws, 1, (lxw_col_t)i, header[i], NULL);
	/* row 3: a date cell */
	worksheet_write_string(ws, 2, 0, "张甲", NULL);
	worksheet_write_string(ws, 2, 1, x_ids[0], NULL);
	worksheet_write_number(ws, 2, 2, 43586, date); /* 2019-05-01 */
	worksheet_write_string(ws, 2, 3, "男", NULL);
	worksheet_write_string(ws, 2, 4, "汉族", NULL);
	worksheet_write_number(ws, 2, 5, 13812345678.0, NULL);
	worksheet_write_string(ws, 2, 6, "中共党员", NULL);
	worksheet_merge_range(ws, 2, 7, 4, 7, "一车间", NULL);
	/* row 4: the old 15-digit number as a number, the serial as a plain number */
	worksheet_write_string(ws, 3, 0, "李乙", NULL);
	worksheet_write_number(ws, 3, 1, 320707760101071.0, NULL);
	worksheet_write_number(ws, 3, 2, 43586, NULL);
	/* rows 5-7: one join date merged over three rows */
	const char *names[3] = {"王丙", "赵丁", "钱戊"};
	for (int i = 0; i < 3; i++) {
		worksheet_write_string(ws, (lxw_row_t)(4 + i), 0, names[i], NULL);
		worksheet_write_string(ws, (lxw_row_t)(4 + i), 1, x_ids[1 + i], NULL);
	}
	worksheet_merge_range(ws, 4, 2, 6, 2, "2018年3月15日", NULL);
	/* row 8 left blank; row 9: a date typed with a time */
	worksheet_write_string(ws, 8, 0, "孙己", NULL);
	worksheet_write_string(ws, 8, 1, x_ids[4], NULL);
	worksheet_write_string(ws, 8, 2, "2019/5/1 0:00", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct ctx c = mkctx(&staff);
	int64_t party0 = stat_of(&u1, STAT_PARTY);
	struct roster_report rep;
	import_ok(&c, u1.id, "c.xlsx", NULL, &rep);
	if (rep.accepted != 6)
		dump_errors(&rep);
	assert_string_equal(rep.format, "xlsx");
	assert_int_equal(rep.header_row, 2);
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.accepted, 6);
	assert_int_equal(rep.n_ignored, 1);
	assert_string_equal(rep.ignored[0], "部门");
	assert_string_equal(member_of(x_ids[0]).joined_on, "2019-05-01");
	char id18[19];
	struct idcard id;
	assert_int_equal(idcard_parse(x_id15, 15, &id), IDCARD_OK);
	memcpy(id18, id.number, 19);
	assert_string_equal(member_of(id18).joined_on, "2019-05-01");
	assert_string_equal(member_of(id18).name, "李乙");
	for (int i = 1; i <= 3; i++)
		assert_string_equal(member_of(x_ids[i]).joined_on, "2018-03-15");
	assert_string_equal(member_of(x_ids[4]).joined_on, "2019-05-01");
	assert_string_equal(member_of(x_ids[0]).phone, "138****5678");
	assert_int_equal(stat_of(&u1, STAT_PARTY), party0 + 1);
	assert_int_equal(stats_verify(db, stderr), 0);
	roster_report_release(&rep);
}

/* ---- Headers of two rows ---- */

/* A header's second row below: 序号, 姓名, 身份证号 merged down over rows 2-3, 联系方式 merged over
 * D2:E2 with 手机号 and 座机 under it, 入会日期 in row 2 alone (F3 empty), a title row above. */
static void test_two_row_header_below(void **state)
{
	(void)state;
	struct org u = make_union(&qk, "连云港青口两行表头甲有限公司", 21);
	const char *ids[3] = {idn("320707", 1991, 3, 3, 201), idn("320707", 1992, 4, 4, 202),
	                      idn_bad("320707", 1993, 5, 5, 204)};
	char keep[3][19];
	for (int i = 0; i < 3; i++)
		memcpy(keep[i], ids[i], 19);
	const char *path = path_of("h2.xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "名册");
	assert_int_equal(worksheet_merge_range(ws, 0, 0, 0, 5, "某某公司工会会员名册", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_merge_range(ws, 1, 0, 2, 0, "序号", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_merge_range(ws, 1, 1, 2, 1, "姓名", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_merge_range(ws, 1, 2, 2, 2, "身份证号", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_merge_range(ws, 1, 3, 1, 4, "联系方式", NULL), LXW_NO_ERROR);
	worksheet_write_string(ws, 1, 5, "入会日期", NULL);
	worksheet_write_string(ws, 2, 3, "手机号", NULL);
	worksheet_write_string(ws, 2, 4, "座机", NULL);
	const char *names[3] = {"两行甲", "两行乙", "两行丙"};
	for (int i = 0; i < 3; i++) {
		lxw_row_t r = (lxw_row_t)(3 + i);
		worksheet_write_number(ws, r, 0, i + 1, NULL);
		worksheet_write_string(ws, r, 1, names[i], NULL);
		worksheet_write_string(ws, r, 2, keep[i], NULL);
		worksheet_write_string(ws, r, 3, i ? "13900001111" : "13812345678", NULL);
		worksheet_write_string(ws, r, 4, "0518-87654321", NULL);
		worksheet_write_string(ws, r, 5, "2020-06-01", NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	import_ok(&c, u.id, "h2.xlsx", NULL, &rep);
	if (rep.accepted != 2)
		dump_errors(&rep);
	assert_int_equal(rep.header_row, 3);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.accepted, 2);
	assert_int_equal(rep.rejected, 1);
	/* the bad row as the spreadsheet shows it (title and both header rows counted) */
	const struct roster_error *e = error_of(&rep, 6);
	assert_non_null(e);
	assert_string_equal(e->column, "身份证号");
	assert_int_equal(rep.ncols, 6);
	const char *want[6] = {"序号", "姓名", "身份证号", "手机号", "座机", "入会日期"};
	for (int i = 0; i < 6; i++)
		assert_string_equal(rep.header[i], want[i]);
	assert_int_equal(rep.n_ignored, 2);
	assert_string_equal(rep.ignored[0], "序号");
	assert_string_equal(rep.ignored[1], "座机");
	struct member m = member_of(keep[0]);
	assert_string_equal(m.name, "两行甲");
	assert_string_equal(m.phone, "138****5678");
	assert_string_equal(m.joined_on, "2020-06-01");
	assert_int_equal(m.org_id, u.id);
	assert_string_equal(member_of(keep[1]).name, "两行乙");
	assert_false(is_member(keep[2]));
	assert_int_equal(stats_verify(db, stderr), 0);
	roster_report_release(&rep);
}

/* A group row above the header: 基本信息 over 姓名 and 性别, 证件与联系 over 身份证号 and 手机号,
 * 入会日期 alone above an empty cell (that column takes its name). */
static void test_two_row_header_above(void **state)
{
	(void)state;
	struct org u = make_union(&qk, "连云港青口两行表头乙有限公司", 22);
	char keep[2][19];
	memcpy(keep[0], idn("320707", 1991, 6, 6, 211), 19);
	memcpy(keep[1], idn("320707", 1992, 7, 7, 213), 19);
	const char *path = path_of("h3.xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "名册");
	assert_int_equal(worksheet_merge_range(ws, 0, 0, 0, 1, "基本信息", NULL), LXW_NO_ERROR);
	assert_int_equal(worksheet_merge_range(ws, 0, 2, 0, 3, "证件与联系", NULL), LXW_NO_ERROR);
	worksheet_write_string(ws, 0, 4, "入会日期", NULL);
	const char *h[4] = {"姓名", "性别", "身份证号", "手机号"};
	for (int i = 0; i < 4; i++)
		worksheet_write_string(ws, 1, (lxw_col_t)i, h[i], NULL);
	for (int i = 0; i < 2; i++) {
		lxw_row_t r = (lxw_row_t)(2 + i);
		worksheet_write_string(ws, r, 0, i ? "上组乙" : "上组甲", NULL);
		worksheet_write_string(ws, r, 1, "男", NULL);
		worksheet_write_string(ws, r, 2, keep[i], NULL);
		worksheet_write_string(ws, r, 3, "13812345678", NULL);
		worksheet_write_string(ws, r, 4, "2021年3月1日", NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	import_ok(&c, u.id, "h3.xlsx", NULL, &rep);
	if (rep.accepted != 2)
		dump_errors(&rep);
	assert_int_equal(rep.header_row, 2);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.accepted, 2);
	assert_int_equal(rep.n_ignored, 0);
	assert_string_equal(rep.header[4], "入会日期");
	assert_string_equal(member_of(keep[0]).joined_on, "2021-03-01");
	assert_string_equal(member_of(keep[1]).name, "上组乙");
	roster_report_release(&rep);
}

/* The same shapes in CSV (no merged cells: the lower row's empty cells take the upper row's
 * names); and a first data row without name and ID is a row to report, not a header. */
static void test_two_row_header_csv(void **state)
{
	(void)state;
	struct org u = make_union(&qk, "连云港青口两行表头丙有限公司", 23);
	char keep[2][19], csv[2048];
	memcpy(keep[0], idn("320707", 1991, 8, 8, 221), 19);
	memcpy(keep[1], idn("320707", 1992, 9, 9, 222), 19);
	snprintf(csv, sizeof(csv),
	         "职工花名册,,,,\r\n"
	         "姓名,身份证号,联系方式,,入会日期\r\n"
	         ",,手机号,座机,\r\n"
	         "\r\n"
	         "表丙甲,%s,13812345678,0518-87654321,2020-01-01\r\n"
	         "表丙乙,%s,13900001111,,2020-02-01\r\n"
	         "表丙丙,%s,,,2020-02-01\r\n",
	         keep[0], keep[1], idn_bad("320707", 1993, 1, 1, 224));
	write_text("h4.csv", csv);
	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	import_ok(&c, u.id, "h4.csv", NULL, &rep);
	if (rep.accepted != 2)
		dump_errors(&rep);
	assert_int_equal(rep.header_row, 3);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.accepted, 2);
	assert_non_null(error_of(&rep, 7));
	const char *want[5] = {"姓名", "身份证号", "手机号", "座机", "入会日期"};
	assert_int_equal(rep.ncols, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(rep.header[i], want[i]);
	assert_int_equal(rep.n_ignored, 1);
	assert_string_equal(rep.ignored[0], "座机");
	assert_string_equal(member_of(keep[0]).phone, "138****5678");
	assert_string_equal(member_of(keep[1]).joined_on, "2020-02-01");
	roster_report_release(&rep);

	/* one header row; the row below it has a phone but no name and no ID: reported as row 2 */
	snprintf(csv, sizeof(csv),
	         "姓名,身份证号,手机号\n"
	         ",,13812345678\n"
	         "表丙丁,%s,\n",
	         idn("320707", 1991, 10, 10, 231));
	write_text("h5.csv", csv);
	import_ok(&c, u.id, "h5.csv", NULL, &rep);
	assert_int_equal(rep.header_row, 1);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.accepted, 1);
	assert_non_null(error_of(&rep, 2));
	roster_report_release(&rep);
}

/* A workbook assembled by hand: ID numbers as number cells, with all their digits and without. */
static void write_zip(const char *path, const char *sheet)
{
	static const char types[] =
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
	        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
	        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
	        "ContentType=\"application/xml\"/></Types>";
	static const char rels[] =
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
	        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
	        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	        "Target=\"xl/workbook.xml\"/></Relationships>";
	static const char wb[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
	                         "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	                         "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char wbrels[] =
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
	        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
	        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
	        "Target=\"worksheets/sheet1.xml\"/></Relationships>";
	const char *names[5] = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	                        "xl/worksheets/sheet1.xml"};
	const char *parts[5] = {types, rels, wb, wbrels, sheet};
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (int i = 0; i < 5; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i], strlen(parts[i]), 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, names[i], src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
}

static void test_xlsx_numbers(void **state)
{
	char kept[19], rounded[40];
	memcpy(kept, idn("320707", 1985, 1, 1, 123), 19);
	/* an ID number that went through a floating-point value: find one whose printed digits
	 * do not pass the check (10 in 11 do not) */
	int seq = 201;
	for (;; seq += 2) {
		const char *i = idn("320707", 1986, 2, 2, seq);
		snprintf(rounded, sizeof(rounded), "%.0f", strtod(i, NULL));
		if (strlen(rounded) == 18 && idcard_check_char(rounded) != rounded[17] && strcmp(rounded, i))
			break;
	}
	char sheet[4096];
	snprintf(sheet, sizeof(sheet),
	         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
	         "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	         "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c><c r=\"B1\" "
	         "t=\"inlineStr\"><is><t>身份证号</t></is></c></row>"
	         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>周庚</t></is></c><c r=\"B2\"><v>%s</v></c></row>"
	         "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>吴辛</t></is></c><c "
	         "r=\"B3\"><v>3.20707198501E+17</v></c></row>"
	         "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>郑壬</t></is></c><c r=\"B4\"><v>%s</v></c></row>"
	         "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>王癸</t></is></c><c "
	         "r=\"B5\"><v>3207071985010</v></c></row>"
	         "</sheetData></worksheet>",
	         kept, rounded);
	write_zip(path_of("d.xlsx"), sheet);
	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	import_ok(&c, u1.id, "d.xlsx", NULL, &rep);
	if (rep.accepted != 1)
		dump_errors(&rep);
	assert_int_equal(rep.rows, 4);
	assert_int_equal(rep.accepted, 1);
	assert_string_equal(member_of(kept).name, "周庚");
	assert_string_equal(codes_of(&rep, 3), "id_precision_lost");
	assert_string_equal(codes_of(&rep, 4), "id_precision_lost");
	assert_string_equal(codes_of(&rep, 5), "id_precision_lost");
	assert_string_equal(error_of(&rep, 3)->column, "身份证号");
	roster_report_release(&rep);
	assert_int_equal(stats_verify(db, stderr), 0);
}

/* ---- The export ---- */

static int64_t audit_count(const char *action)
{
	int64_t n = 0;
	struct stmt *st = store_query(db, SQ_AUDIT_LIST_COUNT, "tttt", "/", "0", action, NULL);
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		n = store_col_i64(st, 0);
	store_reset(st);
	return n;
}

/* Reads every sheet of an export: rows (without headers) and the number of sheets. */
static int64_t read_export(const char *path, int *sheets, int ncols, const char *want_id, bool *saw_full, int *codes)
{
	int64_t rows = 0;
	*sheets = 0;
	*saw_full = false;
	*codes = 0;
	for (int s = 1;; s++) {
		char name[32];
		if (s == 1)
			snprintf(name, sizeof(name), "会员名册");
		else
			snprintf(name, sizeof(name), "会员名册%d", s);
		struct sheet_options o = {.sheet_name = name};
		struct sheet_reader *r;
		struct gh_fail f = {0};
		if (sheet_open(path, &o, &r, &f) < 0)
			break;
		(*sheets)++;
		struct sheet_row row;
		assert_int_equal(sheet_next(r, &row, &f), 1);
		assert_int_equal(row.ncells, ncols);
		assert_string_equal(row.cells[0].text, "会员编号");
		assert_string_equal(row.cells[4].text, "身份证号");
		while (sheet_next(r, &row, &f) == 1) {
			rows++;
			if (want_id && !strcmp(row.cells[4].text, want_id))
				*saw_full = true;
			if (ncols == 18 && row.cells[17].len == 8)
				(*codes)++;
			if (!want_id)
				assert_non_null(strstr(row.cells[4].text, "**********"));
		}
		sheet_close(r);
	}
	return rows;
}

static void test_export(void **state)
{
	struct ctx c = mkctx(&staff);
	int64_t members = stat_of(&u1, STAT_MEMBERS);
	assert_true(members >= 10);
	struct roster_export_options opt = {.rows_per_sheet = 4, .tmpdir = dir};
	int64_t rows;
	const char *out = path_of("roster.xlsx");
	assert_int_equal(roster_export(&c, u1.id, out, false, false, &opt, &rows), GH_OK);
	assert_int_equal(rows, members);
	int sheets, codes;
	bool full;
	assert_int_equal(read_export(out, &sheets, 17, NULL, &full, &codes), members);
	assert_int_equal(sheets, (int)((members + 3) / 4));
	/* a cadre may not reveal; an auditor may not issue codes */
	struct ctx cc = mkctx(&cadre);
	assert_int_equal(roster_export(&cc, u1.id, out, true, false, &opt, &rows), GH_EFORBIDDEN);
	struct ctx ca = mkctx(&auditor);
	assert_int_equal(roster_export(&ca, u1.id, out, false, true, &opt, &rows), GH_EFORBIDDEN);
	assert_int_equal(roster_export(&ca, u1.id, out, false, false, &opt, &rows), GH_OK);
	/* outside the scope: not found */
	assert_int_equal(roster_export(&cc, u2.id, out, false, false, &opt, &rows), GH_ENOTFOUND);
	/* a reveal is audited once */
	struct ctx admin = mkctx(&cli);
	int64_t audits = audit_count("roster.export.reveal");
	assert_int_equal(roster_export(&admin, u1.id, out, true, false, &opt, &rows), GH_OK);
	assert_int_equal(audit_count("roster.export.reveal"), audits + 1);
	assert_int_equal(read_export(out, &sheets, 17, a_ids[0], &full, &codes), members);
	assert_true(full);
	/* activation codes for the imported members without an account, the same on a second export */
	assert_int_equal(roster_export(&c, u1.id, out, false, true, &opt, &rows), GH_OK);
	assert_int_equal(read_export(out, &sheets, 18, NULL, &full, &codes), members);
	assert_int_equal(codes, members); /* every member of u1 came in by import */
	char code1[16], code2[16];
	struct member m = member_of(a_ids[0]);
	assert_int_equal(member_activation_peek(&c, m.person_id, code1), 1);
	assert_int_equal(roster_export(&c, u1.id, out, false, true, &opt, &rows), GH_OK);
	assert_int_equal(member_activation_peek(&c, m.person_id, code2), 1);
	assert_string_equal(code1, code2);
	/* a subtree: 赣榆 holds u1 and u2 */
	assert_int_equal(roster_export(&c, gy.id, out, false, false, NULL, &rows), GH_OK);
	assert_int_equal(rows, stat_of(&gy, STAT_MEMBERS) + stat_of(&gy, STAT_RETAINED));
	assert_int_equal(stats_verify(db, stderr), 0);
}

/* ---- A crash inside the transaction leaves nothing ---- */

static void test_crash(void **state)
{
	char text[4096] = "姓名,身份证号\n";
	char ids[12][19];
	for (int i = 0; i < 12; i++) {
		memcpy(ids[i], idn("320707", 1966, 6, 6, 300 + i), 19);
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "某%d,%s\n", i, ids[i]);
	}
	write_text("crash.csv", text);
	int64_t members0 = stat_of(&gy, STAT_MEMBERS);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setenv(ROSTER_CRASH_ENV, "5", 1);
		struct store *own;
		struct gh_fail f = {0};
		if (store_open(dbpath, false, &own, &f) < 0)
			_exit(3);
		struct arena a;
		arena_init(&a, 0);
		struct ctx c = {.db = own, .a = &a, .who = &staff, .ip = "test", .zh = true};
		struct roster_report rep;
		roster_import(&c, u1.id, path_of("crash.csv"), NULL, &rep);
		_exit(4); /* not reached: the hook aborts */
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
	for (int i = 0; i < 12; i++)
		assert_false(is_member(ids[i]));
	assert_int_equal(stat_of(&gy, STAT_MEMBERS), members0);
	assert_int_equal(stats_verify(db, stderr), 0);
	/* and the same file goes in whole afterwards */
	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	import_ok(&c, u1.id, "crash.csv", NULL, &rep);
	assert_int_equal(rep.accepted, 12);
	roster_report_release(&rep);
	assert_int_equal(stats_verify(db, stderr), 0);
}

/* ---- A long file through the batched writer ---- */

/* ID number k of the long file: distinct birth days and sequences, 42% women. */
static const char *long_id(int k)
{
	int woman = k % 50 < 21;
	return idn("320707", 1970 + k / 300 % 30, 1 + k / 25 % 12, 1 + k % 25, 100 + (k / 7500) * 2 + (woman ? 2 : 1));
}

/*
 * 3,000 rows: the duplicate index grows several times over (duplicates of rows far back are
 * still found, naming the first row), a person the store knows without a current membership
 * goes in again (person_save and membership_create), a current member of another union is
 * refused, and the counters stay exact with women, migrants, new-form and party members.
 */
static void test_long_file(void **state)
{
	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	/* a former member (withdrawn) and a current member of u2 */
	char first[512];
	const char *gone = idn("320707", 1969, 3, 3, 771), *here = idn("320707", 1969, 3, 3, 773);
	char gone_id[19], here_id[19];
	memcpy(gone_id, gone, 19);
	memcpy(here_id, here, 19);
	snprintf(first, sizeof(first), "姓名,身份证号\n旧会员,%s\n在会员,%s\n", gone_id, here_id);
	write_text("long-before.csv", first);
	import_ok(&c, u2.id, "long-before.csv", NULL, &rep);
	assert_int_equal(rep.accepted, 2);
	roster_report_release(&rep);
	struct member m = member_of(gone_id);
	struct ctx admin = mkctx(&cli);
	assert_int_equal(membership_set_status(&admin, m.id, "withdrawn", NULL, "本人申请", &m), GH_OK);
	/* the long file */
	int n = 3000;
	size_t cap = (size_t)n * 160 + 1024, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len, "姓名,身份证号,政治面貌,户籍类型,用工形式,新就业形态类别\n");
	int dups = 0;
	for (int i = 0; i < n; i++) {
		const char *id = long_id(i);
		if (i == 10)
			id = gone_id;
		else if (i == 11)
			id = here_id;
		else if (i > 1500 && i % 97 == 0) {
			id = long_id(i - 1400); /* a row far back */
			dups++;
		}
		len += (size_t)snprintf(text + len, cap - len, "职工%d,%s,%s,%s,%s,%s\n", i, id,
		                        i % 7 == 0 ? "中共党员" : "群众", i % 3 == 0 ? "农业户口" : "",
		                        i % 10 == 0 ? "新就业形态" : "", i % 10 == 0 ? "快递员" : "");
	}
	write_text("long.csv", text);
	free(text);
	int64_t members0 = stat_of(&gy, STAT_MEMBERS);
	import_ok(&c, u1.id, "long.csv", NULL, &rep);
	assert_int_equal(rep.rows, n);
	assert_int_equal(rep.accepted, n - dups - 1);
	assert_int_equal(rep.rejected, dups + 1);
	/* row 13 of the sheet is the current member of u2 (header row 1, data from row 2) */
	assert_string_equal(codes_of(&rep, 13), "member_elsewhere");
	int seen = 0;
	for (int64_t i = 0; i < rep.n_errors; i++) {
		if (strcmp(rep.errors[i].code, "duplicate_in_file"))
			continue;
		int64_t row = rep.errors[i].row, data = row - 2;
		char want[64];
		snprintf(want, sizeof(want), "第 %" PRId64 " 行", data - 1400 + 2);
		assert_non_null(strstr(rep.errors[i].zh, want));
		seen++;
	}
	assert_int_equal(seen, dups);
	roster_report_release(&rep);
	assert_true(is_member(gone_id));
	assert_int_equal(member_of(gone_id).org_id, u1.id);
	assert_int_equal(member_of(here_id).org_id, u2.id);
	assert_int_equal(stat_of(&gy, STAT_MEMBERS), members0 + n - dups - 1);
	assert_int_equal(stats_verify(db, stderr), 0);
}

/* The file changes between the phases: nothing is written, and the import says so. */
struct swap {
	const char *name, *text;
	int calls;
};

static void swap_at_phase2(void *ud, const struct roster_progress *p)
{
	struct swap *s = ud;
	if (p->phase == 2 && !s->calls++)
		write_text(s->name, s->text);
}

static void test_file_changed(void **state)
{
	struct ctx c = mkctx(&staff);
	struct roster_report rep;
	char before[512], after[2][512];
	const char *a = idn("320707", 1971, 2, 2, 881), *b = idn("320707", 1971, 2, 2, 883);
	const char *other = idn("320707", 1971, 2, 2, 885);
	char ida[19], idb[19];
	memcpy(ida, a, 19);
	memcpy(idb, b, 19);
	snprintf(before, sizeof(before), "姓名,身份证号\n甲,%s\n乙,%s\n", ida, idb);
	/* another valid person in the second row; a bad ID number in the second row */
	snprintf(after[0], sizeof(after[0]), "姓名,身份证号\n甲,%s\n乙,%s\n", ida, other);
	snprintf(after[1], sizeof(after[1]), "姓名,身份证号\n甲,%s\n乙,%s\n", ida, idn_bad("320707", 1971, 2, 2, 883));
	int64_t members0 = stat_of(&gy, STAT_MEMBERS);
	for (int k = 0; k < 2; k++) {
		write_text("changing.csv", before);
		struct swap s = {"changing.csv", after[k], 0};
		struct roster_options opt = {.progress = swap_at_phase2, .progress_ud = &s};
		assert_int_equal(roster_import(&c, u1.id, path_of("changing.csv"), &opt, &rep), GH_EINVAL);
		assert_string_equal(c.fail.reason, "bad_file");
		assert_non_null(strstr(c.fail.en, "changed"));
		roster_report_release(&rep);
		assert_false(is_member(ida));
		assert_false(is_member(idb));
		assert_false(is_member(other));
	}
	assert_int_equal(stat_of(&gy, STAT_MEMBERS), members0);
	assert_int_equal(stats_verify(db, stderr), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_csv_every_code),
	        cmocka_unit_test(test_report_xlsx),
	        cmocka_unit_test(test_gbk_and_elsewhere),
	        cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_xlsx_office),
	        cmocka_unit_test(test_two_row_header_below),
	        cmocka_unit_test(test_two_row_header_above),
	        cmocka_unit_test(test_two_row_header_csv),
	        cmocka_unit_test(test_xlsx_numbers),
	        cmocka_unit_test(test_export),
	        cmocka_unit_test(test_crash),
	        cmocka_unit_test(test_long_file),
	        cmocka_unit_test(test_file_changed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
