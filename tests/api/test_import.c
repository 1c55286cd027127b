/*
 * API and CLI: roster import and export (issue 3). A roster goes up as the body of POST
 * /api/imports (CSV and .xlsx), runs as a job that GET /api/imports/{id} follows to its report;
 * the rejected rows come down as .xlsx (read back here with the sheet reader of src/ingest); the
 * roster of a union comes down masked, or revealed for an account holding pii.reveal (audited;
 * 403 for one without). Every 4xx of these routes is asserted: no org, no file, a file too big
 * (413), no CSRF header, an organisation or a job outside the scope (404), a report of a failed
 * job (409). The command line is checked on the server's own store while it runs: exit codes,
 * the JSON on stdout, a re-import that changes nothing, and a crash inside the write transaction
 * (GONGHUI_CRASH_AFTER_ROWS) that leaves none of the file behind with the counters exact.
 * ID numbers here are synthetic.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "harness.h"
#include "ingest/sheet.h"

static struct srv S;
static struct client A;  /* the national admin: pii.reveal */
static struct client C1; /* a cadre of the demo union U1 */
static struct client C2; /* a cadre of the demo union U2 */
static int64_t QK, ZW, U1, U2;
static int seq = 500;

/* A new ID number (of 东海县, where the demo data has nobody). */
static void new_id(char out[19], int y)
{
	idn_make(out, "320722", y, 3, 15, seq++);
}

static int64_t demo_union(int64_t org)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", org) < 0)
		return 0;
	int64_t id = 0;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; !id && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (json_is_true(jget(it, "demo")) && jstr(it, "kind") && !strcmp(jstr(it, "kind"), "enterprise"))
			id = jint(it, "id");
	}
	resp_free(&r);
	return id;
}

static int setup(void **state)
{
	if (srv_start(&S, false) < 0)
		return -1;
	client_init(&A, &S);
	if (login(&A, "admin", S.admin_pw) != 200)
		return -1;
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	if (!QK || !ZW || !(U1 = demo_union(QK)) || !(U2 = demo_union(ZW)))
		return -1;
	if (make_user(&S, U1, "cadre", "im.cadre.u1", TEST_PASSWORD) != 0 ||
	    make_user(&S, U2, "cadre", "im.cadre.u2", TEST_PASSWORD) != 0)
		return -1;
	client_init(&C1, &S);
	client_init(&C2, &S);
	return login(&C1, "im.cadre.u1", TEST_PASSWORD) == 200 && login(&C2, "im.cadre.u2", TEST_PASSWORD) == 200 ? 0
	                                                                                                          : -1;
}

static int teardown(void **state)
{
	client_release(&A);
	client_release(&C1);
	client_release(&C2);
	srv_stop(&S);
	return 0;
}

/* ---- Raw bodies and downloads, beside the JSON of harness.c ---- */

struct sink {
	char *p;
	size_t n;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct sink *s = ud;
	size_t k = size * nmemb;
	char *np = realloc(s->p, s->n + k + 1);
	if (!np)
		return 0;
	memcpy(np + s->n, ptr, k);
	s->p = np;
	s->n += k;
	s->p[s->n] = 0;
	return k;
}

struct dl {
	long status;
	struct sink body;
	char type[256];
	char disposition[1024];
};

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct dl *d = ud;
	size_t k = size * nmemb;
	if (k > 13 && !strncasecmp(ptr, "Content-Type:", 13))
		snprintf(d->type, sizeof(d->type), "%.*s", (int)(k - 15), ptr + 14);
	if (k > 20 && !strncasecmp(ptr, "Content-Disposition:", 20))
		snprintf(d->disposition, sizeof(d->disposition), "%.*s", (int)(k - 22), ptr + 21);
	return k;
}

/* Sends method path with a raw body (or none) and file-name header (or none) through c's
 * session; the answer's status, body and headers land in *d. */
static void raw(struct client *c, const char *method, const char *path, const void *body, size_t n,
                const char *file_name, bool csrf, struct dl *d)
{
	memset(d, 0, sizeof(*d));
	char url[1024], hb[512];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", S.port, path);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/octet-stream");
	if (csrf && c->csrf[0]) {
		snprintf(hb, sizeof(hb), "X-CSRF-Token: %s", c->csrf);
		h = curl_slist_append(h, hb);
	}
	if (file_name) {
		snprintf(hb, sizeof(hb), "X-File-Name: %s", file_name);
		h = curl_slist_append(h, hb);
	}
	CURL *cu = c->curl;
	curl_easy_setopt(cu, CURLOPT_URL, url);
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
	if (!strcmp(method, "GET")) {
		curl_easy_setopt(cu, CURLOPT_CUSTOMREQUEST, NULL);
		curl_easy_setopt(cu, CURLOPT_HTTPGET, 1L);
	} else {
		curl_easy_setopt(cu, CURLOPT_CUSTOMREQUEST, method);
		curl_easy_setopt(cu, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(cu, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? n : 0));
	}
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, &d->body);
	curl_easy_setopt(cu, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(cu, CURLOPT_HEADERDATA, d);
	curl_easy_setopt(cu, CURLOPT_TIMEOUT, 120L);
	assert_int_equal(curl_easy_perform(cu), CURLE_OK);
	curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &d->status);
	curl_slist_free_all(h);
	/* give the handle back to harness.c's req() as it expects it */
	curl_easy_setopt(cu, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)-1);
}

static void dl_free(struct dl *d)
{
	free(d->body.p);
	memset(d, 0, sizeof(*d));
}

static json_t *dl_json(struct dl *d)
{
	return d->body.p ? json_loads(d->body.p, 0, NULL) : NULL;
}

static void expect_dl_error(struct dl *d, long status, const char *code, const char *field, int line)
{
	json_t *j = dl_json(d);
	if (d->status != status || !jstr(j, "error.code") || strcmp(jstr(j, "error.code"), code) ||
	    (field && (!jstr(j, "error.field") || strcmp(jstr(j, "error.field"), field))))
		fail_msg("line %d: want %ld %s (%s), got %ld %s", line, status, code, field ? field : "null", d->status,
		         d->body.p ? d->body.p : "");
	json_decref(j);
}

/* Uploads a roster to org; returns the job id (0 after a failure, with *d kept for checks). */
static int64_t upload(struct client *c, int64_t org, const void *data, size_t n, const char *name)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/imports?org=%" PRId64, org);
	struct dl d;
	raw(c, "POST", path, data, n, name, true, &d);
	json_t *j = dl_json(&d);
	if (d.status != 202)
		fail_msg("upload: %ld %s", d.status, d.body.p ? d.body.p : "");
	int64_t id = jint(j, "id");
	assert_string_equal(jstr(j, "state"), "queued");
	json_decref(j);
	dl_free(&d);
	return id;
}

/* Polls the job until it is done or failed; returns its last answer (owned). */
static json_t *await(struct client *c, int64_t id)
{
	for (int i = 0; i < 3000; i++) {
		struct resp r;
		assert_int_equal(reqf(c, "GET", NULL, &r, "/api/imports/%" PRId64, id), 0);
		expect_status(&r, 200);
		const char *st = jstr(r.json, "state");
		assert_non_null(st);
		if (!strcmp(st, "done") || !strcmp(st, "failed")) {
			json_t *j = json_incref(r.json);
			resp_free(&r);
			return j;
		}
		resp_free(&r);
		struct timespec ts = {0, 20 * 1000 * 1000}; /* a background job, not a clock: poll it */
		nanosleep(&ts, NULL);
	}
	fail_msg("import %" PRId64 " did not finish", id);
	return NULL;
}

static const char *save(const struct dl *d, const char *name)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/%s", S.dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(d->body.p, 1, d->body.n, f), d->body.n);
	fclose(f);
	return p;
}

static bool is_member(struct client *c, const char *idn)
{
	char body[128];
	snprintf(body, sizeof(body), "{\"id_number\":\"%s\"}", idn);
	struct resp r;
	assert_int_equal(req(c, "POST", "/api/members/lookup", body, &r), 0);
	long st = r.status;
	resp_free(&r);
	assert_true(st == 200 || st == 404);
	return st == 200;
}

/* ---- A CSV roster through the API ---- */

static char csv_ids[6][19];

static void test_csv_upload(void **state)
{
	for (int i = 0; i < 6; i++)
		new_id(csv_ids[i], 1980 + i);
	char bad[19];
	memcpy(bad, csv_ids[5], 19);
	bad[17] = bad[17] == '1' ? '2' : '1';
	char text[2048];
	snprintf(text, sizeof(text),
	         "测试公司工会会员名册,,,\n"
	         "姓名,身份证号,入会时间,备注\n"
	         "甲,%s,2019/05/01,\n"
	         "乙,%s,2019.05.01,\n"
	         "丙,%s,2019年5月1日,\n"
	         ",,,\n"
	         "丁,%s,,\n"
	         "戊,%s,,\n"
	         "己,3.20707198501E+17,,\n",
	         csv_ids[0], csv_ids[1], csv_ids[2], bad, csv_ids[0]);
	int64_t id = upload(&C1, U1, text, strlen(text), "%E5%90%8D%E5%86%8C.csv");
	json_t *j = await(&C1, id);
	assert_string_equal(jstr(j, "state"), "done");
	assert_string_equal(jstr(j, "file_name"), "名册.csv");
	assert_int_equal(jint(j, "rows"), 6);
	assert_int_equal(jint(j, "accepted"), 3);
	assert_int_equal(jint(j, "rejected"), 3);
	assert_int_equal(jint(j, "report.rows"), 6);
	assert_int_equal(jint(j, "report.errors.0.row"), 7);
	assert_string_equal(jstr(j, "report.errors.0.column"), "身份证号");
	assert_string_equal(jstr(j, "report.errors.0.code"), "bad_check_char");
	assert_string_equal(jstr(j, "report.errors.1.code"), "duplicate_in_file");
	assert_int_equal(jint(j, "report.errors.1.row"), 8);
	assert_string_equal(jstr(j, "report.errors.2.code"), "id_precision_lost");
	assert_string_equal(jstr(j, "report.ignored_columns.0"), "备注");
	assert_non_null(jstr(j, "report.errors.0.message"));
	char want[96];
	snprintf(want, sizeof(want), "/api/imports/%" PRId64 "/report.xlsx", id);
	assert_string_equal(jstr(j, "report_url"), want);
	json_decref(j);
	for (int i = 0; i < 3; i++)
		assert_true(is_member(&C1, csv_ids[i]));

	/* the report .xlsx, read back */
	struct dl d;
	raw(&C1, "GET", want, NULL, 0, NULL, false, &d);
	assert_int_equal(d.status, 200);
	assert_non_null(strstr(d.type, "spreadsheetml.sheet"));
	assert_non_null(strstr(d.disposition, "attachment;"));
	assert_non_null(strstr(d.disposition, "filename*=UTF-8''%E5%90%8D%E5%86%8C-")); /* 名册-错误报告.xlsx */
	const char *p = save(&d, "report.xlsx");
	dl_free(&d);
	struct sheet_reader *r;
	struct gh_fail f = {0};
	assert_int_equal(sheet_open(p, NULL, &r, &f), 0);
	struct sheet_row row;
	assert_int_equal(sheet_next(r, &row, &f), 1);
	assert_int_equal(row.ncells, 8);
	assert_string_equal(row.cells[0].text, "姓名");
	assert_string_equal(row.cells[4].text, "行号");
	assert_string_equal(row.cells[6].text, "错误代码");
	static const char *const rows[3] = {"7", "8", "9"}, *const codes[3] = {"bad_check_char", "duplicate_in_file",
	                                                                       "id_precision_lost"};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(sheet_next(r, &row, &f), 1);
		assert_string_equal(row.cells[4].text, rows[i]);
		assert_string_equal(row.cells[6].text, codes[i]);
	}
	assert_string_equal(row.cells[1].text, "3.20707198501E+17");
	assert_int_equal(sheet_next(r, &row, &f), 0);
	sheet_close(r);

	/* the same file again: nothing changes */
	id = upload(&C1, U1, text, strlen(text), NULL);
	j = await(&C1, id);
	assert_int_equal(jint(j, "accepted"), 0);
	assert_string_equal(jstr(j, "report.errors.0.code"), "already_member_here");
	json_decref(j);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* ---- An .xlsx roster ---- */

static void test_xlsx_upload(void **state)
{
	char path[512], ids[3][19];
	snprintf(path, sizeof(path), "%s/up.xlsx", S.dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "名册");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy/m/d");
	worksheet_merge_range(ws, 0, 0, 0, 3, "某某公司工会会员名册", NULL);
	const char *h[4] = {"性别", "*姓名", "身份证号码", "入会日期"};
	for (int i = 0; i < 4; i++)
		worksheet_write_string(ws, 1, (lxw_col_t)i, h[i], NULL);
	for (int i = 0; i < 3; i++) {
		new_id(ids[i], 1990 + i);
		bool man = (ids[i][16] - '0') % 2 == 1;
		worksheet_write_string(ws, (lxw_row_t)(2 + i), 0, man ? "男" : "女", NULL);
		worksheet_write_string(ws, (lxw_row_t)(2 + i), 1, "某人", NULL);
		worksheet_write_string(ws, (lxw_row_t)(2 + i), 2, ids[i], NULL);
		worksheet_write_number(ws, (lxw_row_t)(2 + i), 3, 43586 + i, date);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char data[1 << 20];
	size_t n = fread(data, 1, sizeof(data), f);
	fclose(f);
	int64_t id = upload(&C1, U1, data, n, "roster.xlsx");
	json_t *j = await(&C1, id);
	assert_string_equal(jstr(j, "state"), "done");
	assert_int_equal(jint(j, "accepted"), 3);
	assert_string_equal(jstr(j, "report.format"), "xlsx");
	assert_int_equal(jint(j, "report.header_row"), 2);
	json_decref(j);
	struct resp r;
	char body[128];
	snprintf(body, sizeof(body), "{\"id_number\":\"%s\"}", ids[2]);
	assert_int_equal(req(&C1, "POST", "/api/members/lookup", body, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "joined_on"), "2019-05-03");
	assert_string_equal(jstr(r.json, "via"), "import");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* ---- The failures of the import routes ---- */

static void test_import_errors(void **state)
{
	struct dl d;
	const char *text = "姓名,身份证号\n";
	/* no org, a bad org, no file */
	raw(&C1, "POST", "/api/imports", text, strlen(text), NULL, true, &d);
	expect_dl_error(&d, 400, "missing_field", "org", __LINE__);
	dl_free(&d);
	raw(&C1, "POST", "/api/imports?org=abc", text, strlen(text), NULL, true, &d);
	expect_dl_error(&d, 400, "invalid_field", "org", __LINE__);
	dl_free(&d);
	char path[128];
	snprintf(path, sizeof(path), "/api/imports?org=%" PRId64, U1);
	raw(&C1, "POST", path, NULL, 0, NULL, true, &d);
	expect_dl_error(&d, 400, "missing_field", "file", __LINE__);
	dl_free(&d);
	/* no CSRF header */
	raw(&C1, "POST", path, text, strlen(text), NULL, false, &d);
	expect_dl_error(&d, 403, "csrf", NULL, __LINE__);
	dl_free(&d);
	/* a union outside the cadre's scope, a federation that takes no members */
	snprintf(path, sizeof(path), "/api/imports?org=%" PRId64, U2);
	raw(&C1, "POST", path, text, strlen(text), NULL, true, &d);
	expect_dl_error(&d, 404, "not_found", "org", __LINE__);
	dl_free(&d);
	int64_t js = org_by_division(&A, "32");
	snprintf(path, sizeof(path), "/api/imports?org=%" PRId64, js);
	raw(&A, "POST", path, text, strlen(text), NULL, true, &d);
	expect_dl_error(&d, 400, "invalid_field", "org", __LINE__);
	dl_free(&d);
	/* a body past 64 MiB: 413; the same size on another route is refused past 1 MiB */
	size_t big = ((size_t)64 << 20) + 1;
	char *blob = malloc(big);
	assert_non_null(blob);
	memset(blob, 'a', big);
	snprintf(path, sizeof(path), "/api/imports?org=%" PRId64, U1);
	raw(&C1, "POST", path, blob, big, NULL, true, &d);
	expect_dl_error(&d, 413, "payload_too_large", NULL, __LINE__);
	dl_free(&d);
	raw(&C1, "POST", "/api/members", blob, ((size_t)1 << 20) + 1, NULL, true, &d);
	expect_dl_error(&d, 413, "payload_too_large", NULL, __LINE__);
	dl_free(&d);
	free(blob);
	/* a member.read role may not import (an auditor) */
	assert_int_equal(make_user(&S, QK, "auditor", "im.auditor", TEST_PASSWORD), 0);
	struct client au;
	client_init(&au, &S);
	assert_int_equal(login(&au, "im.auditor", TEST_PASSWORD), 200);
	raw(&au, "POST", path, text, strlen(text), NULL, true, &d);
	expect_dl_error(&d, 403, "forbidden", NULL, __LINE__);
	dl_free(&d);
	client_release(&au);
	/* a file with no header: the job fails, with the reason; it has no report */
	const char *junk = "a,b\n1,2\n";
	int64_t id = upload(&C1, U1, junk, strlen(junk), NULL);
	json_t *j = await(&C1, id);
	assert_string_equal(jstr(j, "state"), "failed");
	assert_string_equal(jstr(j, "error.reason"), "no_header");
	assert_non_null(jstr(j, "error.message"));
	assert_null(jstr(j, "report_url"));
	json_decref(j);
	char rp[96];
	snprintf(rp, sizeof(rp), "/api/imports/%" PRId64 "/report.xlsx", id);
	raw(&C1, "GET", rp, NULL, 0, NULL, false, &d);
	expect_dl_error(&d, 409, "conflict", NULL, __LINE__);
	dl_free(&d);
	/* another union's cadre does not see the job; the federation above does; no such job */
	struct resp r;
	assert_int_equal(reqf(&C2, "GET", NULL, &r, "/api/imports/%" PRId64, id), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	raw(&C2, "GET", rp, NULL, 0, NULL, false, &d);
	expect_dl_error(&d, 404, "not_found", NULL, __LINE__);
	dl_free(&d);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/imports/%" PRId64, id), 0);
	expect_status(&r, 200);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/imports/999999999", NULL, &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* not logged in */
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(reqf(&anon, "GET", NULL, &r, "/api/imports/%" PRId64, id), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	client_release(&anon);
}

/* ---- The export ---- */

static int64_t audit_total(const char *action)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?action=%s&limit=1", action), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* Reads an export: its rows, and whether csv_ids[0] appears whole or masked. */
static int64_t read_roster(const struct dl *d, const char *name, bool *whole, bool *masked)
{
	const char *p = save(d, name);
	struct sheet_reader *r;
	struct gh_fail f = {0};
	assert_int_equal(sheet_open(p, NULL, &r, &f), 0);
	struct sheet_row row;
	assert_int_equal(sheet_next(r, &row, &f), 1);
	assert_string_equal(row.cells[1].text, "姓名");
	assert_string_equal(row.cells[4].text, "身份证号");
	int64_t n = 0;
	char mask[19];
	memcpy(mask, csv_ids[0], 4);
	memcpy(mask + 4, "**********", 10);
	memcpy(mask + 14, csv_ids[0] + 14, 5);
	*whole = *masked = false;
	while (sheet_next(r, &row, &f) == 1) {
		n++;
		*whole |= !strcmp(row.cells[4].text, csv_ids[0]);
		*masked |= !strcmp(row.cells[4].text, mask);
	}
	sheet_close(r);
	return n;
}

static void test_export(void **state)
{
	struct resp r;
	assert_int_equal(reqf(&C1, "GET", NULL, &r, "/api/members?org=%" PRId64 "&limit=1", U1), 0);
	expect_status(&r, 200);
	int64_t total = jint(r.json, "total");
	resp_free(&r);
	char path[128];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/roster.xlsx", U1);
	struct dl d;
	bool whole, masked;
	raw(&C1, "GET", path, NULL, 0, NULL, false, &d);
	assert_int_equal(d.status, 200);
	assert_non_null(strstr(d.type, "spreadsheetml.sheet"));
	assert_non_null(strstr(d.disposition, "filename*=UTF-8''"));
	assert_int_equal(read_roster(&d, "roster1.xlsx", &whole, &masked), total);
	assert_true(masked);
	assert_false(whole);
	dl_free(&d);
	/* reveal: 403 without pii.reveal, audited with it */
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/roster.xlsx?reveal=1", U1);
	raw(&C1, "GET", path, NULL, 0, NULL, false, &d);
	expect_dl_error(&d, 403, "forbidden", "reveal", __LINE__);
	dl_free(&d);
	int64_t audits = audit_total("roster.export.reveal");
	raw(&A, "GET", path, NULL, 0, NULL, false, &d);
	assert_int_equal(d.status, 200);
	assert_int_equal(read_roster(&d, "roster2.xlsx", &whole, &masked), total);
	assert_true(whole);
	dl_free(&d);
	assert_int_equal(audit_total("roster.export.reveal"), audits + 1);
	/* activation codes: a cadre may issue them */
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/roster.xlsx?activation=1", U1);
	raw(&C1, "GET", path, NULL, 0, NULL, false, &d);
	assert_int_equal(d.status, 200);
	dl_free(&d);
	/* outside the scope; unknown */
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/roster.xlsx", U2);
	raw(&C1, "GET", path, NULL, 0, NULL, false, &d);
	expect_dl_error(&d, 404, "not_found", NULL, __LINE__);
	dl_free(&d);
	/* a whole town: 青口镇 holds U1 */
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/roster.xlsx", QK);
	raw(&A, "GET", path, NULL, 0, NULL, false, &d);
	assert_int_equal(d.status, 200);
	assert_true(read_roster(&d, "roster3.xlsx", &whole, &masked) >= total);
	dl_free(&d);
	/* no export file is left beside the database */
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "ls '%s.work' | grep -q '^export-'", S.db);
	assert_int_not_equal(system(cmd), 0);
}

/* ---- More rows than one batch of the store's multi-row statements (16), on both backends ---- */

static void test_batched(void **state)
{
	(void)state;
	enum { N = 41 };
	char ids[N][19], text[N * 64 + 64];
	size_t n = (size_t)snprintf(text, sizeof(text), "姓名,身份证号,手机号\n");
	for (int i = 0; i < N; i++) {
		new_id(ids[i], 1970 + i % 30);
		/* the last row repeats the first: rejected as a duplicate within the file */
		n += (size_t)snprintf(text + n, sizeof(text) - n, "批%d,%s,139%08d\n", i, ids[i == N - 1 ? 0 : i],
		                      8000 + i);
	}
	int64_t id = upload(&C2, U2, text, n, "batch.csv");
	json_t *j = await(&C2, id);
	assert_string_equal(jstr(j, "state"), "done");
	assert_int_equal(jint(j, "rows"), N);
	assert_int_equal(jint(j, "accepted"), N - 1);
	assert_int_equal(jint(j, "rejected"), 1);
	assert_string_equal(jstr(j, "report.errors.0.code"), "duplicate_in_file");
	json_decref(j);
	assert_true(is_member(&C2, ids[0]));
	assert_true(is_member(&C2, ids[N - 2]));
	/* again: every row is a member of this union already, nothing changes */
	j = await(&C2, upload(&C2, U2, text, n, "batch.csv"));
	assert_int_equal(jint(j, "accepted"), 0);
	assert_int_equal(jint(j, "rejected"), N);
	json_decref(j);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* ---- The command line on the server's store, while it runs ---- */

static char *write_csv(const char *name, char ids[][19], int n)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/%s", S.dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fprintf(f, "姓名,身份证号,手机号\n");
	for (int i = 0; i < n; i++)
		fprintf(f, "某%d,%s,139%08d\n", i, ids[i], 7000 + i);
	fclose(f);
	return p;
}

static void test_cli(void **state)
{
	char ids[12][19];
	for (int i = 0; i < 12; i++)
		new_id(ids[i], 1970 + i);
	char *p = write_csv("cli.csv", ids, 12);
	char file[512], orgs[32];
	snprintf(file, sizeof(file), "%s", p);
	snprintf(orgs, sizeof(orgs), "%" PRId64, U1);
	/* a crash after the fifth row written, inside the transaction */
	setenv("GONGHUI_CRASH_AFTER_ROWS", "5", 1);
	const char *crash[] = {"import", "members", "--org", orgs, file, NULL};
	char *out = NULL;
	int rc = srv_cli(&S, &out, crash);
	unsetenv("GONGHUI_CRASH_AFTER_ROWS");
	free(out);
	assert_int_equal(rc, -1); /* killed by SIGABRT */
	for (int i = 0; i < 12; i++)
		assert_false(is_member(&A, ids[i]));
	assert_int_equal(srv_stats_verify(&S), 0);
	/* the server still answers, and the file goes in whole */
	const char *args[] = {"import", "members", "--org", orgs, file, NULL};
	rc = srv_cli(&S, &out, args);
	assert_int_equal(rc, 0);
	json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_non_null(j);
	assert_int_equal(jint(j, "rows"), 12);
	assert_int_equal(jint(j, "accepted"), 12);
	assert_int_equal(jint(j, "rejected"), 0);
	assert_int_equal(json_array_size(jget(j, "errors")), 0);
	json_decref(j);
	for (int i = 0; i < 12; i++)
		assert_true(is_member(&A, ids[i]));
	/* again, with a report file: exit 0, nothing accepted */
	char rep[512];
	snprintf(rep, sizeof(rep), "%s/cli-report.xlsx", S.dir);
	const char *again[] = {"import", "members", "--division", "320707100", file, "--report", rep, NULL};
	/* --division names 青口镇, whose federation takes members too: they are members of U1 there */
	rc = srv_cli(&S, &out, again);
	assert_int_equal(rc, 0);
	j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_int_equal(jint(j, "accepted"), 0);
	assert_int_equal(jint(j, "rejected"), 12);
	assert_string_equal(jstr(j, "errors.0.code"), "member_elsewhere");
	assert_int_equal(jint(j, "errors.0.row"), 2);
	assert_string_equal(jstr(j, "errors.0.column"), "身份证号");
	json_decref(j);
	assert_int_equal(access(rep, R_OK), 0);
	/* bad usage: 2; a file that cannot be imported: 1, with the error as JSON */
	const char *nofile[] = {"import", "members", "--org", orgs, NULL};
	assert_int_equal(srv_cli(&S, NULL, nofile), 2);
	const char *noorg[] = {"import", "members", file, NULL};
	assert_int_equal(srv_cli(&S, NULL, noorg), 2);
	const char *badorg[] = {"import", "members", "--org", "12x", file, NULL};
	assert_int_equal(srv_cli(&S, NULL, badorg), 2);
	const char *baddate[] = {"import", "members", "--org", orgs, file, "--joined-on", "2019/5/1", NULL};
	assert_int_equal(srv_cli(&S, NULL, baddate), 2);
	char junk[512];
	snprintf(junk, sizeof(junk), "%s/junk.csv", S.dir);
	FILE *f = fopen(junk, "w");
	fprintf(f, "a,b\n1,2\n");
	fclose(f);
	const char *nohead[] = {"import", "members", "--org", orgs, junk, NULL};
	rc = srv_cli(&S, &out, nohead);
	assert_int_equal(rc, 1);
	j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_string_equal(jstr(j, "error.code"), "no_header");
	json_decref(j);
	const char *missing[] = {"import", "members", "--org", orgs, "/nonexistent/roster.csv", NULL};
	assert_int_equal(srv_cli(&S, NULL, missing), 1);
	/* the export from the command line, revealed and audited */
	char xout[512];
	snprintf(xout, sizeof(xout), "%s/cli-roster.xlsx", S.dir);
	int64_t audits = audit_total("roster.export.reveal");
	const char *exp[] = {"export", "members", "--org", orgs, "--out", xout, "--reveal", NULL};
	rc = srv_cli(&S, &out, exp);
	assert_int_equal(rc, 0);
	j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_true(jint(j, "rows") >= 12);
	json_decref(j);
	assert_int_equal(audit_total("roster.export.reveal"), audits + 1);
	const char *expbad[] = {"export", "members", "--org", orgs, NULL};
	assert_int_equal(srv_cli(&S, NULL, expbad), 2);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/*
 * A file larger than phase 2's chunk (roster.c, ROSTER_SORT_ROWS = 32,768 rows, written in
 * blind-index order): 70,000 rows cross two chunk boundaries. A person appears again in the
 * second and third chunks (duplicate_in_file, the first row goes in), a person who is a current
 * member already sits in the second chunk (already_member_here), a crash inside the second chunk
 * leaves nothing behind, and the counters stay exact.
 */
#define BIG_ROWS 70000

static void big_id(char out[19], int i)
{
	idn_make(out, "320722", 1960 + i % 40, 1 + i / 40 % 12, 1 + i / 480 % 28, 700 + i / 13440);
}

static void test_cli_chunks(void **state)
{
	char p[512], orgs[32], known[19], id[19];
	snprintf(p, sizeof(p), "%s/big.csv", S.dir);
	snprintf(orgs, sizeof(orgs), "%" PRId64, U1);
	new_id(known, 1975);
	char *kp = write_csv("known.csv", (char(*)[19])known, 1);
	const char *one[] = {"import", "members", "--org", orgs, kp, NULL};
	char *out = NULL;
	assert_int_equal(srv_cli(&S, &out, one), 0);
	free(out);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fprintf(f, "姓名,身份证号,手机号\n");
	for (int i = 0; i < BIG_ROWS; i++) {
		/* file row i + 2 */
		if (i == 40000 || i == 69000)
			big_id(id, 10); /* the person of row 12 again */
		else if (i == 50000)
			snprintf(id, sizeof(id), "%s", known);
		else
			big_id(id, i);
		fprintf(f, "某%d,%s,13%09d\n", i, id, i);
	}
	fclose(f);
	/* a crash in the second chunk: nothing of the file stays */
	setenv("GONGHUI_CRASH_AFTER_ROWS", "40000", 1);
	const char *args[] = {"import", "members", "--org", orgs, p, NULL};
	int rc = srv_cli(&S, &out, args);
	unsetenv("GONGHUI_CRASH_AFTER_ROWS");
	free(out);
	assert_int_equal(rc, -1);
	big_id(id, 0);
	assert_false(is_member(&A, id));
	big_id(id, 33000);
	assert_false(is_member(&A, id));
	assert_int_equal(srv_stats_verify(&S), 0);
	/* the whole file */
	rc = srv_cli(&S, &out, args);
	assert_int_equal(rc, 0);
	json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_non_null(j);
	assert_int_equal(jint(j, "rows"), BIG_ROWS);
	assert_int_equal(jint(j, "accepted"), BIG_ROWS - 3);
	assert_int_equal(jint(j, "rejected"), 3);
	assert_int_equal(jint(j, "errors_total"), 3);
	/* in row order, whichever chunk found them */
	assert_int_equal(jint(j, "errors.0.row"), 40002);
	assert_string_equal(jstr(j, "errors.0.code"), "duplicate_in_file");
	assert_int_equal(jint(j, "errors.1.row"), 50002);
	assert_string_equal(jstr(j, "errors.1.code"), "already_member_here");
	assert_int_equal(jint(j, "errors.2.row"), 69002);
	assert_string_equal(jstr(j, "errors.2.code"), "duplicate_in_file");
	json_decref(j);
	static const int probe[] = {0, 10, 32767, 32768, 39999, 40001, 65535, 65536, BIG_ROWS - 1};
	for (size_t i = 0; i < sizeof(probe) / sizeof(probe[0]); i++) {
		big_id(id, probe[i]);
		assert_true(is_member(&A, id));
	}
	assert_true(is_member(&A, known));
	assert_int_equal(srv_stats_verify(&S), 0);
	/* again: every row is a member of this union now */
	rc = srv_cli(&S, &out, args);
	assert_int_equal(rc, 0);
	j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_int_equal(jint(j, "accepted"), 0);
	assert_int_equal(jint(j, "rejected"), BIG_ROWS);
	assert_string_equal(jstr(j, "errors.0.code"), "already_member_here");
	assert_int_equal(jint(j, "errors.0.row"), 2);
	json_decref(j);
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_csv_upload),    cmocka_unit_test(test_xlsx_upload),
	        cmocka_unit_test(test_import_errors), cmocka_unit_test(test_export),
	        cmocka_unit_test(test_cli),           cmocka_unit_test(test_batched),
	        cmocka_unit_test(test_cli_chunks),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
