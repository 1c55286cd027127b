/*
 * API: workers' accounts and the union directory (issue #3). A worker registers on the member pages
 * (POST /api/register) with phone, ID number, name and password — the ID number checked per
 * GB 11643 and normalised (surrounding spaces, full-width digits and Ｘ, lower-case x, 15-digit legacy
 * numbers stored as 18; residence permits 81/82/83 accepted), 16 or older on the day by the test
 * clock, a mainland mobile that logs nobody else in, a password of the policy — and logs in with
 * the phone or the ID number; a person on a roster activates instead (POST
 * /api/members/{id}/activation gives the one-time code, POST /api/activate uses it once, and it
 * expires after 30 days). Registering, activating and a member's export of their data are audited
 * where the admin can read them. GET /api/directory/unions finds unions by name, by an employer's
 * credit code and by division, answers only public facts, and throttles an account after 30
 * searches in a minute. At the end no ID or phone number this suite sent is in the store or the
 * log in clear, not even after a member mistyped their password.
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

/* The place of birth of this suite's people: not 赣榆区 (320707), where the demo people are born,
 * so that no synthetic number is a demo person's. */
#define AREA     "320723"
#define T0       "2026-03-10T10:00:00+08:00"
#define PASSWORD "worker pass phrase 2026"

static struct srv S;
static struct client A;   /* the national admin */
static struct client CU1; /* a cadre of the demo union U1 (under 青口镇) */
static struct client CU2; /* a cadre of the demo union U2 (under 柘汪镇) */
static int64_t QK, ZW, U1, U2, U1_EMPLOYER;
static char U1_NAME[256], U1_CODE[32], U1_EMPLOYER_NAME[256], LONE_CODE[32];
static int seq = 100;      /* ID number sequences */
static int phone_seq = 0;  /* phone numbers */
static char used[128][64]; /* every ID and phone number sent, for the search of the files */
static int n_used;

static void remember(const char *s)
{
	if (n_used < (int)(sizeof(used) / sizeof(used[0])))
		snprintf(used[n_used++], sizeof(used[0]), "%s", s);
}

/* A new ID number of someone born y-m-d, of sex 'M' or 'F'. */
static void new_id(char out[19], int y, int m, int d, char sex)
{
	int s = seq++;
	if ((s % 2 == 1) != (sex == 'M'))
		s = seq++;
	idn_make(out, AREA, y, m, d, s);
	remember(out);
}

static void new_phone(char out[12])
{
	snprintf(out, 12, "1390707%04d", ++phone_seq);
	remember(out);
}

/* The first demo enterprise union under org. */
static int64_t demo_union(int64_t org)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", org) < 0)
		return 0;
	int64_t id = 0;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; !id && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (json_is_true(jget(it, "demo")) && jstr(it, "kind") && !strcmp(jstr(it, "kind"), "enterprise") &&
		    jstr(it, "employer.credit_code"))
			id = jint(it, "id");
	}
	resp_free(&r);
	return id;
}

static int setup(void **state)
{
	if (srv_start(&S, true) < 0)
		return -1;
	client_init(&A, &S);
	if (set_clock(&A, T0) != 204 || login(&A, "admin", S.admin_pw) != 200)
		return -1;
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	if (!QK || !ZW || !(U1 = demo_union(QK)) || !(U2 = demo_union(ZW)))
		return -1;
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, U1) < 0 || r.status != 200)
		return -1;
	snprintf(U1_NAME, sizeof(U1_NAME), "%s", jstr(r.json, "name"));
	snprintf(U1_CODE, sizeof(U1_CODE), "%s", jstr(r.json, "employer.credit_code"));
	snprintf(U1_EMPLOYER_NAME, sizeof(U1_EMPLOYER_NAME), "%s", jstr(r.json, "employer.name"));
	U1_EMPLOYER = jint(r.json, "employer.id");
	resp_free(&r);
	/* an employer of 青口镇 without a union */
	if (reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&unionised=0&limit=1", QK) < 0 ||
	    r.status != 200 || !jstr(r.json, "items.0.credit_code"))
		return -1;
	snprintf(LONE_CODE, sizeof(LONE_CODE), "%s", jstr(r.json, "items.0.credit_code"));
	resp_free(&r);
	if (make_user(&S, U1, "cadre", "wk.cadre.u1", TEST_PASSWORD) != 0 ||
	    make_user(&S, U2, "cadre", "wk.cadre.u2", TEST_PASSWORD) != 0)
		return -1;
	client_init(&CU1, &S);
	client_init(&CU2, &S);
	return login(&CU1, "wk.cadre.u1", TEST_PASSWORD) == 200 && login(&CU2, "wk.cadre.u2", TEST_PASSWORD) == 200
	               ? 0
	               : -1;
}

static int teardown(void **state)
{
	client_release(&A);
	client_release(&CU1);
	client_release(&CU2);
	srv_stop(&S);
	return 0;
}

/* Logs the staff clients in again (after the clock jumped past their sessions). */
static void relogin(void)
{
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	assert_int_equal(login(&CU1, "wk.cadre.u1", TEST_PASSWORD), 200);
	assert_int_equal(login(&CU2, "wk.cadre.u2", TEST_PASSWORD), 200);
}

static void post_register(const char *phone, const char *idn, const char *name, const char *pw, struct resp *r)
{
	struct client c;
	client_init(&c, &S);
	json_t *b = json_object();
	if (phone)
		json_object_set_new(b, "phone", json_string(phone));
	if (idn)
		json_object_set_new(b, "id_number", json_string(idn));
	if (name)
		json_object_set_new(b, "name", json_string(name));
	if (pw)
		json_object_set_new(b, "password", json_string(pw));
	assert_int_equal(reqj(&c, "POST", "/api/register", b, r), 0);
	client_release(&c);
}

/* Registers a worker; returns the new account's id. */
static int64_t register_ok(const char *phone, const char *idn, const char *name)
{
	struct resp r;
	post_register(phone, idn, name, PASSWORD, &r);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "user.role"), "member");
	int64_t id = jint(r.json, "user.id");
	assert_true(id > 0);
	resp_free(&r);
	return id;
}

/* The rows of the store's audit, person and account tables, in one number each (the admin's
 * GET /api/audit does not show the rows of member accounts: see test_member_accounts_audited). */
struct rows {
	int64_t audit, person, account;
};

static void rows_count(struct rows *n)
{
	char *out = NULL;
	assert_int_equal(
	        srv_sql(&S,
	                "SELECT (SELECT count(*) FROM audit) || ' ' || (SELECT count(*) FROM person) || ' ' || "
	                "(SELECT count(*) FROM account);",
	                &out),
	        0);
	assert_non_null(out);
	char *end;
	n->audit = strtoll(out, &end, 10);
	n->person = strtoll(end, &end, 10);
	n->account = strtoll(end, &end, 10);
	free(out);
	assert_true(n->audit > 0 && n->account > 0);
}

static void assert_rows_same(const struct rows *a, const struct rows *b)
{
	assert_int_equal(a->audit, b->audit);
	assert_int_equal(a->person, b->person);
	assert_int_equal(a->account, b->account);
}

/* "3207**********1234": the first and last four characters of idn, ten stars between. */
static void assert_masked(const char *got, const char *idn)
{
	assert_non_null(got);
	assert_int_equal(strlen(got), 18);
	assert_memory_equal(got, idn, 4);
	assert_memory_equal(got + 4, "**********", 10);
	assert_memory_equal(got + 14, idn + 14, 4);
}

/* Digits and X to their full-width forms (U+FF10.., U+FF38). */
static void fullwidth(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	for (; *in && n + 4 < cap; in++) {
		unsigned char ch = (unsigned char)*in;
		if (ch >= '0' && ch <= '9') {
			out[n++] = (char)0xEF;
			out[n++] = (char)0xBC;
			out[n++] = (char)(0x90 + (ch - '0'));
		} else if (ch == 'X') {
			out[n++] = (char)0xEF;
			out[n++] = (char)0xBC;
			out[n++] = (char)0xB8;
		} else {
			out[n++] = (char)ch;
		}
	}
	out[n] = 0;
}

/* An ID number whose check character is X. */
static void new_id_x(char out[19], int y, int m, int d)
{
	for (;;) {
		idn_make(out, AREA, y, m, d, seq++);
		if (out[17] == 'X')
			break;
	}
	remember(out);
}

static void test_register_and_login(void **state)
{
	char idn[19], phone[12];
	new_id(idn, 1990, 5, 17, 'F');
	new_phone(phone);
	struct resp r;
	post_register(phone, idn, "李秀英", PASSWORD, &r);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "user.role"), "member");
	assert_string_equal(jstr(r.json, "user.name"), "李秀英");
	int64_t id = jint(r.json, "user.id");
	assert_true(id > 0);
	/* the answer does not carry the numbers in clear (nor as the username) */
	assert_null(strstr(r.body, idn));
	assert_null(strstr(r.body, phone));
	resp_free(&r);

	/* log in with the phone number */
	struct client w;
	client_init(&w, &S);
	assert_int_equal(login(&w, phone, PASSWORD), 200);
	assert_int_equal(req(&w, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "user.id"), id);
	assert_string_equal(jstr(r.json, "user.role"), "member");
	resp_free(&r);
	/* a member account has no membership yet */
	assert_int_equal(req(&w, "GET", "/api/my/membership", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_null(jget(r.json, "current")));
	assert_int_equal(jint(r.json, "history.total"), 0);
	resp_free(&r);
	/* and none of the staff's routes */
	assert_int_equal(req(&w, "GET", "/api/members", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/orgs/%" PRId64, U1), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	client_release(&w);

	/* log in with the ID number */
	client_init(&w, &S);
	assert_int_equal(login(&w, idn, PASSWORD), 200);
	assert_int_equal(req(&w, "GET", "/api/me", NULL, &r), 0);
	assert_int_equal(jint(r.json, "user.id"), id);
	resp_free(&r);
	client_release(&w);
}

/* Surrounding spaces, full-width digits and Ｘ, a lower-case x: one person, one canonical number. */
static void test_register_normalises(void **state)
{
	char idn[19], fw[128], spaced[160], phone[12];
	new_id_x(idn, 1988, 11, 2);
	fullwidth(idn, fw, sizeof(fw));
	remember(fw);
	snprintf(spaced, sizeof(spaced), "  %s \t", fw);
	new_phone(phone);
	register_ok(phone, spaced, "张伟");
	struct client w;
	client_init(&w, &S);
	assert_int_equal(login(&w, idn, PASSWORD), 200);
	client_release(&w);
	/* the same person in ASCII is a duplicate */
	char phone2[12];
	new_phone(phone2);
	struct resp r;
	post_register(phone2, idn, "张伟", PASSWORD, &r);
	expect_error(&r, 409, "conflict", "id_number");
	resp_free(&r);

	/* a lower-case x */
	char idn2[19], lower[19];
	new_id_x(idn2, 1979, 1, 31);
	snprintf(lower, sizeof(lower), "%s", idn2);
	lower[17] = 'x';
	remember(lower);
	char phone3[12];
	new_phone(phone3);
	register_ok(phone3, lower, "王静");
	client_init(&w, &S);
	assert_int_equal(login(&w, idn2, PASSWORD), 200); /* upper-case X */
	client_release(&w);
	client_init(&w, &S);
	assert_int_equal(login(&w, lower, PASSWORD), 200);
	client_release(&w);
	post_register(phone2, idn2, "王静", PASSWORD, &r);
	expect_error(&r, 409, "conflict", "id_number");
	resp_free(&r);
}

/* A 15-digit legacy number is stored as its 18-digit form: sex and birth date come from it. */
static void test_register_15_digits(void **state)
{
	int s = seq++;
	if (s % 2 == 0)
		s = seq++; /* a man */
	char old[16], idn[19], phone[12];
	idn_make15(old, AREA, 1975, 6, 8, s);
	idn_make(idn, AREA, 1975, 6, 8, s);
	remember(old);
	remember(idn);
	new_phone(phone);
	int64_t account = register_ok(phone, old, "赵建国");
	assert_true(account > 0);
	struct client w;
	client_init(&w, &S);
	assert_int_equal(login(&w, idn, PASSWORD), 200);
	client_release(&w);
	client_init(&w, &S);
	assert_int_equal(login(&w, old, PASSWORD), 200);
	/* the 18-digit form is the same person */
	struct resp r;
	char phone2[12];
	new_phone(phone2);
	post_register(phone2, idn, "赵建国", PASSWORD, &r);
	expect_error(&r, 409, "conflict", "id_number");
	resp_free(&r);

	/* no membership yet: the account belongs to no union */
	assert_int_equal(req(&w, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_null(jget(r.json, "user.org_id")));
	resp_free(&r);

	/* joins U1: the membership shows what the number says */
	json_t *b = json_pack("{s:s, s:I, s:{s:s, s:s}}", "type", "join_application", "org_id", (json_int_t)U1,
	                      "particulars", "name", "赵建国", "sex", "男");
	assert_int_equal(reqj(&w, "POST", "/api/cases", b, &r), 0);
	expect_status(&r, 201);
	int64_t kid = jint(r.json, "id");
	resp_free(&r);
	b = json_pack("{s:s}", "action", "approve");
	char path[64];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", kid);
	assert_int_equal(reqj(&CU1, "POST", path, b, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "approved");
	resp_free(&r);
	assert_int_equal(req(&w, "GET", "/api/my/membership", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "current.org_id"), U1);
	assert_string_equal(jstr(r.json, "current.sex"), "M");
	assert_string_equal(jstr(r.json, "current.birth_date"), "1975-06-08");
	assert_masked(jstr(r.json, "current.id_number"), idn);
	int64_t mid = jint(r.json, "current.id");
	resp_free(&r);
	/* and now the account is the union's */
	assert_int_equal(req(&w, "GET", "/api/me", NULL, &r), 0);
	assert_int_equal(jint(r.json, "user.org_id"), U1);
	resp_free(&r);
	client_release(&w);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/members/%" PRId64 "?reveal=1", mid), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "id_number"), idn);
	resp_free(&r);
}

/* Every refusal of POST /api/register: status, code and field; nothing written. */
static void test_register_errors(void **state)
{
	char good[19], badchk[19], young[19], sixteen[19], feb30[19], province[19];
	new_id(good, 1992, 8, 8, 'M');
	snprintf(badchk, sizeof(badchk), "%s", good);
	badchk[17] = badchk[17] == '1' ? '2' : '1';
	remember(badchk);
	new_id(young, 2010, 3, 11, 'F');   /* 16 tomorrow */
	new_id(sixteen, 2010, 3, 10, 'M'); /* 16 today */
	char unborn[19];
	new_id(unborn, 2027, 1, 1, 'F');
	char tmp[19];
	snprintf(tmp, sizeof(tmp), "32070719900230%03d", seq++);
	tmp[17] = idn_check(tmp);
	tmp[18] = 0;
	snprintf(feb30, sizeof(feb30), "%s", tmp);
	remember(feb30);
	snprintf(tmp, sizeof(tmp), "99070719900101%03d", seq++);
	tmp[17] = idn_check(tmp);
	tmp[18] = 0;
	snprintf(province, sizeof(province), "%s", tmp);
	remember(province);
	char phone[12];
	new_phone(phone);
	const char *bad_phones[] = {"12907070001", "1390707000", "139070700011", "0518-85551234"};
	for (size_t i = 0; i < 4; i++)
		remember(bad_phones[i]);

	struct {
		const char *phone, *idn, *name, *pw;
		const char *code, *field;
	} cases[] = {
	        {phone, badchk, "周敏", PASSWORD, "invalid_field", "id_number"},
	        {phone, young, "周敏", PASSWORD, "invalid_field", "id_number"},
	        {phone, unborn, "周敏", PASSWORD, "invalid_field", "id_number"},
	        {phone, feb30, "周敏", PASSWORD, "invalid_field", "id_number"},
	        {phone, province, "周敏", PASSWORD, "invalid_field", "id_number"},
	        {phone, "32070719920808", "周敏", PASSWORD, "invalid_field", "id_number"},
	        {bad_phones[0], good, "周敏", PASSWORD, "invalid_field", "phone"},
	        {bad_phones[1], good, "周敏", PASSWORD, "invalid_field", "phone"},
	        {bad_phones[2], good, "周敏", PASSWORD, "invalid_field", "phone"},
	        {bad_phones[3], good, "周敏", PASSWORD, "invalid_field", "phone"},
	        {phone, good, "周敏", "short pw", "invalid_field", "password"},
	        {phone, good, "周敏", "zzzzzzzzzzzzzzzz", "invalid_field", "password"},
	        {phone, good, "周敏", NULL, "missing_field", "password"},
	        {NULL, good, "周敏", PASSWORD, "missing_field", "phone"},
	        {phone, NULL, "周敏", PASSWORD, "missing_field", "id_number"},
	        {phone, good, NULL, PASSWORD, "missing_field", "name"},
	};
	struct rows n0, n1;
	rows_count(&n0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct resp r;
		post_register(cases[i].phone, cases[i].idn, cases[i].name, cases[i].pw, &r);
		if (r.status != 400)
			print_error("case %zu\n", i);
		expect_error(&r, 400, cases[i].code, cases[i].field);
		resp_free(&r);
	}
	rows_count(&n1);
	assert_rows_same(&n0, &n1);
	/* nothing was kept: the good particulars register now, and so does the person who is 16 today */
	register_ok(phone, good, "周敏");
	char phone2[12];
	new_phone(phone2);
	register_ok(phone2, sixteen, "吴磊");
}

static void test_register_duplicate(void **state)
{
	char idn[19], phone[12], phone2[12];
	new_id(idn, 1985, 2, 14, 'M');
	new_phone(phone);
	new_phone(phone2);
	register_ok(phone, idn, "孙强");
	struct rows n0, n1;
	rows_count(&n0);
	struct resp r;
	post_register(phone2, idn, "孙强", PASSWORD, &r);
	expect_error(&r, 409, "conflict", "id_number");
	resp_free(&r);
	rows_count(&n1);
	assert_rows_same(&n0, &n1);
	/* the second phone logs nobody in */
	struct client w;
	client_init(&w, &S);
	assert_int_equal(login(&w, idn, PASSWORD), 200);
	client_release(&w);
}

/* A phone number that logs a member in cannot be registered by another person: it would take the
 * first member's login away (a phone shared by two persons logs nobody in). Runs after the search
 * of the files: a refused login keeps the phone as typed (see test_failed_login_not_in_clear). */
static void test_register_phone_taken(void **state)
{
	char idn[19], idn2[19], phone[12];
	new_id(idn, 1991, 4, 4, 'F');
	new_id(idn2, 1993, 9, 9, 'M');
	new_phone(phone);
	register_ok(phone, idn, "钱丽");
	struct resp r;
	post_register(phone, idn2, "冯刚", PASSWORD, &r);
	long second = r.status;
	char body[600];
	snprintf(body, sizeof(body), "%s", r.body ? r.body : "");
	resp_free(&r);
	struct client w;
	client_init(&w, &S);
	long first_login = login(&w, phone, PASSWORD);
	client_release(&w);
	if (second != 409 || first_login != 200)
		print_error("second registration with the phone: %ld %s; the first member's login by phone then: %ld\n",
		            second, body, first_login);
	assert_int_equal(second, 409);
	assert_int_equal(first_login, 200);
}

/* Residence permits of Hong Kong, Macao and Taiwan residents (prefixes 81, 82, 83) follow the
 * same rule and are accepted (CONTRACT.md, Data). */
static void test_register_residence_permit(void **state)
{
	const char *areas[] = {"810000", "820000", "830000"};
	for (int i = 0; i < 3; i++) {
		char idn[19], phone[12];
		idn_make(idn, areas[i], 1994, 4, 1 + i, seq++);
		remember(idn);
		new_phone(phone);
		register_ok(phone, idn, "林嘉欣");
		struct client w;
		client_init(&w, &S);
		assert_int_equal(login(&w, idn, PASSWORD), 200);
		client_release(&w);
	}
}

static void post_activate(const char *idn, const char *code, const char *pw, struct resp *r)
{
	struct client c;
	client_init(&c, &S);
	json_t *b = json_pack("{s:s, s:s, s:s}", "id_number", idn, "code", code, "password", pw);
	assert_int_equal(reqj(&c, "POST", "/api/activate", b, r), 0);
	client_release(&c);
}

/* A cadre adds a member of the roster; returns the membership's id. */
static int64_t roster_add(struct client *c, int64_t org, const char *idn, const char *name, const char *phone)
{
	json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)org, "id_number", idn, "name", name,
	                      "phone", phone, "joined_on", "2024-05-01");
	struct resp r;
	assert_int_equal(reqj(c, "POST", "/api/members", b, &r), 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	assert_true(id > 0);
	return id;
}

static void test_activation(void **state)
{
	char idn[19], phone[12], other[19];
	new_id(idn, 1980, 7, 1, 'F');
	new_id(other, 1981, 7, 1, 'F');
	new_phone(phone);
	int64_t mid = roster_add(&CU1, U1, idn, "陈红", phone);
	/* on a roster: registering is refused, activation is the way */
	struct resp r;
	post_register(phone, idn, "陈红", PASSWORD, &r);
	expect_error(&r, 409, "conflict", "id_number");
	resp_free(&r);
	/* a cadre of another union cannot see the member */
	assert_int_equal(reqf(&CU2, "POST", NULL, &r, "/api/members/%" PRId64 "/activation", mid), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU1, "POST", NULL, &r, "/api/members/%" PRId64 "/activation", mid), 0);
	expect_status(&r, 201);
	char code[32];
	assert_non_null(jstr(r.json, "code"));
	snprintf(code, sizeof(code), "%s", jstr(r.json, "code"));
	assert_int_equal(strlen(code), 8);
	assert_string_equal(jstr(r.json, "expires_at"), "2026-04-09T10:00:00+08:00");
	resp_free(&r);

	/* a wrong code; the right code with a weak password; the code for someone else: nothing written */
	struct rows n0, n1;
	rows_count(&n0);
	post_activate(idn, "WRONG234", PASSWORD, &r);
	expect_error(&r, 400, "invalid_field", "code");
	resp_free(&r);
	post_activate(idn, code, "short pw", &r);
	expect_error(&r, 400, "invalid_field", "password");
	resp_free(&r);
	post_activate(other, code, PASSWORD, &r);
	expect_error(&r, 400, "invalid_field", "code");
	resp_free(&r);
	rows_count(&n1);
	assert_rows_same(&n0, &n1);
	/* the right code, typed in lower case */
	char lower[32];
	snprintf(lower, sizeof(lower), "%s", code);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	post_activate(idn, lower, PASSWORD, &r);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "user.role"), "member");
	assert_string_equal(jstr(r.json, "user.name"), "陈红");
	resp_free(&r);
	/* used once: never again */
	post_activate(idn, code, "another pass phrase", &r);
	expect_error(&r, 400, "invalid_field", "code");
	resp_free(&r);
	assert_int_equal(reqf(&CU1, "POST", NULL, &r, "/api/members/%" PRId64 "/activation", mid), 0);
	expect_error(&r, 409, "conflict", NULL);
	resp_free(&r);
	post_register(phone, idn, "陈红", PASSWORD, &r);
	expect_error(&r, 409, "conflict", "id_number");
	resp_free(&r);

	/* the member logs in with either number and sees the membership */
	struct client w;
	client_init(&w, &S);
	assert_int_equal(login(&w, idn, PASSWORD), 200);
	client_release(&w);
	client_init(&w, &S);
	assert_int_equal(login(&w, phone, PASSWORD), 200);
	assert_int_equal(req(&w, "GET", "/api/my/membership", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "current.id"), mid);
	assert_int_equal(jint(r.json, "current.org_id"), U1);
	assert_string_equal(jstr(r.json, "current.status"), "active");
	assert_masked(jstr(r.json, "current.id_number"), idn);
	resp_free(&r);
	client_release(&w);
}

static int64_t audit_of(const char *action)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?limit=1&action=%s", action), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* Registering, activating and a member's export of their own data (their numbers in clear) are
 * audited, and the national admin finds those rows in GET /api/audit like every other. */
static void test_member_accounts_audited(void **state)
{
	int64_t reg0 = audit_of("member.register"), act0 = audit_of("member.activate");
	int64_t code0 = audit_of("member.activation_code"), exp0 = audit_of("member.self_export");
	char idn[19], phone[12], idn2[19], phone2[12];
	new_id(idn, 1989, 9, 19, 'M');
	new_phone(phone);
	register_ok(phone, idn, "邓超");
	new_id(idn2, 1979, 3, 30, 'F');
	new_phone(phone2);
	int64_t mid = roster_add(&CU1, U1, idn2, "蔡琴", phone2);
	struct resp r;
	assert_int_equal(reqf(&CU1, "POST", NULL, &r, "/api/members/%" PRId64 "/activation", mid), 0);
	expect_status(&r, 201);
	char code[32];
	snprintf(code, sizeof(code), "%s", jstr(r.json, "code"));
	resp_free(&r);
	post_activate(idn2, code, PASSWORD, &r);
	expect_status(&r, 201);
	resp_free(&r);
	struct client w;
	client_init(&w, &S);
	assert_int_equal(login(&w, phone, PASSWORD), 200);
	assert_int_equal(req(&w, "GET", "/api/my/data", NULL, &r), 0);
	expect_status(&r, 200);
	assert_non_null(strstr(r.body, idn));
	resp_free(&r);
	client_release(&w);
	assert_int_equal(audit_of("member.activation_code") - code0, 1);
	int64_t reg = audit_of("member.register") - reg0, act = audit_of("member.activate") - act0;
	int64_t exp = audit_of("member.self_export") - exp0;
	if (reg != 1 || act != 1 || exp != 1)
		print_error("admin's /api/audit: member.register %+" PRId64 ", member.activate %+" PRId64
		            ", member.self_export %+" PRId64 "\n",
		            reg, act, exp);
	assert_int_equal(reg, 1);
	assert_int_equal(act, 1);
	assert_int_equal(exp, 1);
}

/* An item of the directory: only public facts. */
static void assert_public(json_t *it)
{
	static const char *const allowed[] = {"id",    "name",         "kind", "kind_label", "division_code",
	                                      "place", "employer_name"};
	const char *key;
	json_t *v;
	json_object_foreach(it, key, v)
	{
		bool ok = false;
		for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
			ok |= !strcmp(key, allowed[i]);
		if (!ok)
			print_error("directory item has \"%s\"\n", key);
		assert_true(ok);
	}
	(void)v;
}

static bool holds(json_t *items, int64_t id)
{
	for (size_t i = 0; i < json_array_size(items); i++)
		if (jint(json_array_get(items, i), "id") == id)
			return true;
	return false;
}

/* A new worker, logged in on w. */
static void new_worker(struct client *w, const char *name)
{
	char idn[19], phone[12];
	new_id(idn, 1995, 1, 20, 'M');
	new_phone(phone);
	register_ok(phone, idn, name);
	client_init(w, &S);
	assert_int_equal(login(w, phone, PASSWORD), 200);
}

/* Percent-encodes s into out. */
static void urlenc(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 4 < cap; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))
			out[n++] = (char)ch;
		else
			n += (size_t)snprintf(out + n, cap - n, "%%%02X", ch);
	}
	out[n] = 0;
}

static void test_directory(void **state)
{
	assert_int_equal(set_clock(&A, "2026-03-10T10:01:00+08:00"), 204);
	struct client w;
	new_worker(&w, "郑楠");
	struct resp r;
	/* by name: four characters from the middle of U1's name (each 3 bytes in UTF-8) */
	char part[16], q[64];
	assert_true(strlen(U1_NAME) >= 21);
	memcpy(part, U1_NAME + 9, 12);
	part[12] = 0;
	urlenc(part, q, sizeof(q));
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?q=%s&limit=200", q), 0);
	expect_status(&r, 200);
	json_t *items = jget(r.json, "items");
	assert_true(holds(items, U1));
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		assert_public(it);
		assert_non_null(strstr(jstr(it, "name"), part));
		if (jint(it, "id") == U1) {
			assert_string_equal(jstr(it, "name"), U1_NAME);
			assert_string_equal(jstr(it, "kind"), "enterprise");
			assert_string_equal(jstr(it, "division_code"), "320707100000");
			assert_string_equal(jstr(it, "employer_name"), U1_EMPLOYER_NAME);
			assert_non_null(jstr(it, "place"));
		}
	}
	resp_free(&r);

	/* by the credit code of U1's employer, as typed and in lower case */
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", U1_CODE), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), U1);
	assert_string_equal(jstr(r.json, "items.0.employer_name"), U1_EMPLOYER_NAME);
	assert_public(jget(r.json, "items.0"));
	resp_free(&r);
	char lower[32];
	snprintf(lower, sizeof(lower), "%s", U1_CODE);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", lower), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), U1);
	resp_free(&r);
	/* an employer without a union: nothing to join there */
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", LONE_CODE), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);

	/* by division: 青口镇 holds U1, every answer lies in 青口镇; 柘汪镇 does not hold it */
	assert_int_equal(req(&w, "GET", "/api/directory/unions?division=320707100&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	items = jget(r.json, "items");
	assert_true(holds(items, U1));
	assert_true(holds(items, QK));
	for (size_t i = 0; i < json_array_size(items); i++) {
		assert_public(json_array_get(items, i));
		assert_memory_equal(jstr(json_array_get(items, i), "division_code"), "320707100", 9);
	}
	resp_free(&r);
	assert_int_equal(req(&w, "GET", "/api/directory/unions?division=320707101&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	assert_false(holds(jget(r.json, "items"), U1));
	assert_true(holds(jget(r.json, "items"), U2));
	resp_free(&r);

	/* refusals */
	assert_int_equal(req(&w, "GET", "/api/directory/unions", NULL, &r), 0);
	expect_error(&r, 400, "missing_field", "q");
	resp_free(&r);
	char bad[32];
	snprintf(bad, sizeof(bad), "%s", U1_CODE);
	bad[17] = bad[17] == '0' ? '1' : '0';
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", bad), 0);
	expect_error(&r, 400, "invalid_field", "credit_code");
	resp_free(&r);
	assert_int_equal(req(&w, "GET", "/api/directory/unions?division=32070", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "division");
	resp_free(&r);
	client_release(&w);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(reqf(&anon, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", U1_CODE), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	client_release(&anon);
	/* staff may search it too */
	assert_int_equal(reqf(&CU2, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", U1_CODE), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "items.0.id"), U1);
	resp_free(&r);
}

/* 30 searches a minute per account; the 31st is throttled, other accounts are not, and the next
 * minute starts afresh. */
static void test_directory_rate_limit(void **state)
{
	assert_int_equal(set_clock(&A, "2026-03-10T10:02:00+08:00"), 204);
	struct client w;
	new_worker(&w, "何勇");
	struct resp r;
	for (int i = 0; i < 30; i++) {
		assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", U1_CODE), 0);
		if (r.status != 200)
			print_error("search %d\n", i + 1);
		expect_status(&r, 200);
		resp_free(&r);
	}
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", U1_CODE), 0);
	expect_error(&r, 429, "throttled", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU1, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", U1_CODE), 0);
	expect_status(&r, 200);
	resp_free(&r);
	assert_int_equal(set_clock(&A, "2026-03-10T10:03:00+08:00"), 204);
	assert_int_equal(reqf(&w, "GET", NULL, &r, "/api/directory/unions?credit_code=%s", U1_CODE), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "items.0.id"), U1);
	resp_free(&r);
	client_release(&w);
}

/* An activation code is good for 30 days. */
static void test_activation_expires(void **state)
{
	assert_int_equal(set_clock(&A, "2026-03-10T11:00:00+08:00"), 204);
	relogin();
	char idn[19], phone[12];
	new_id(idn, 1970, 12, 24, 'M');
	new_phone(phone);
	int64_t mid = roster_add(&CU1, U1, idn, "林海", phone);
	struct resp r;
	assert_int_equal(reqf(&CU1, "POST", NULL, &r, "/api/members/%" PRId64 "/activation", mid), 0);
	expect_status(&r, 201);
	char code[32];
	snprintf(code, sizeof(code), "%s", jstr(r.json, "code"));
	assert_string_equal(jstr(r.json, "expires_at"), "2026-04-09T11:00:00+08:00");
	resp_free(&r);
	assert_int_equal(set_clock(&A, "2026-04-09T11:00:01+08:00"), 204);
	post_activate(idn, code, PASSWORD, &r);
	expect_error(&r, 400, "invalid_field", "code");
	resp_free(&r);
	/* a new code works */
	relogin();
	assert_int_equal(reqf(&CU1, "POST", NULL, &r, "/api/members/%" PRId64 "/activation", mid), 0);
	expect_status(&r, 201);
	snprintf(code, sizeof(code), "%s", jstr(r.json, "code"));
	resp_free(&r);
	post_activate(idn, code, PASSWORD, &r);
	expect_status(&r, 201);
	resp_free(&r);
}

/* No ID or phone number sent by this suite is in the store or the log in clear. */
static void test_numbers_not_in_clear(void **state)
{
	int leaks = 0;
	for (int i = 0; i < n_used; i++) {
		char where[512];
		if (srv_files_hold(&S, used[i], where, sizeof(where))) {
			print_error("%s is in clear in %s\n", used[i], where);
			leaks++;
		}
	}
	assert_int_equal(leaks, 0);
}

/* A member mistypes their password, logging in with the ID number and with the phone: the
 * numbers are still nowhere in clear (the throttle must not keep them as typed). */
static void test_failed_login_not_in_clear(void **state)
{
	char idn[19], phone[12];
	new_id(idn, 1987, 10, 10, 'F');
	new_phone(phone);
	register_ok(phone, idn, "罗燕");
	struct client w;
	client_init(&w, &S);
	assert_int_equal(login(&w, idn, "not my password at all"), 401);
	assert_int_equal(login(&w, phone, "not my password at all"), 401);
	assert_int_equal(login(&w, idn, PASSWORD), 200);
	client_release(&w);
	const char *mine[] = {idn, phone};
	int leaks = 0;
	for (int i = 0; i < 2; i++) {
		char where[512];
		if (srv_files_hold(&S, mine[i], where, sizeof(where))) {
			print_error("%s is in clear in %s\n", mine[i], where);
			leaks++;
		}
	}
	assert_int_equal(leaks, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_register_and_login),
	        cmocka_unit_test(test_register_normalises),
	        cmocka_unit_test(test_register_15_digits),
	        cmocka_unit_test(test_register_residence_permit),
	        cmocka_unit_test(test_register_errors),
	        cmocka_unit_test(test_register_duplicate),
	        cmocka_unit_test(test_activation),
	        cmocka_unit_test(test_member_accounts_audited),
	        cmocka_unit_test(test_directory),
	        cmocka_unit_test(test_directory_rate_limit),
	        cmocka_unit_test(test_activation_expires),
	        cmocka_unit_test(test_numbers_not_in_clear),
	        cmocka_unit_test(test_register_phone_taken),
	        cmocka_unit_test(test_failed_login_not_in_clear),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
