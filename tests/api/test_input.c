/*
 * API: bad input of every kind on several endpoints — malformed JSON, a JSON array or scalar
 * instead of an object, wrong types (each naming its field), huge numbers, bodies over 1 MiB
 * (413), unknown ids, id 0 / negative / non-numeric / overlong path segments, unknown routes
 * (404), wrong methods (405), bad paging (limit 0 and 500, offset -1), invalid UTF-8 and control
 * characters. Each answer is the documented error; afterwards nothing was written (figures and
 * audit rows unchanged), the server still answers /api/health and `stats verify` is clean.
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

static struct srv S;
static struct client A;
static int64_t ROOT, QK, UNION_ID, EMPLOYER_ID, ADMIN_ID;
static struct figs ROOT0;
static int64_t AUDIT0;

static int64_t audit_total(void)
{
	struct resp r;
	if (req(&A, "GET", "/api/audit?limit=1", NULL, &r) < 0)
		return -1;
	int64_t t = jint(r.json, "total");
	resp_free(&r);
	return t;
}

static int setup(void **state)
{
	if (srv_start(&S, false) < 0)
		return -1;
	client_init(&A, &S);
	if (login(&A, "admin", S.admin_pw) != 200)
		return -1;
	ROOT = org_by_division(&A, "000000000000");
	QK = org_by_division(&A, "320707100");
	struct resp r;
	if (req(&A, "GET", "/api/employers?unionised=1&limit=1", NULL, &r) < 0)
		return -1;
	EMPLOYER_ID = jint(r.json, "items.0.id");
	UNION_ID = jint(r.json, "items.0.union_id");
	resp_free(&r);
	if (req(&A, "GET", "/api/me", NULL, &r) < 0)
		return -1;
	ADMIN_ID = jint(r.json, "user.id");
	resp_free(&r);
	if (!ROOT || !QK || EMPLOYER_ID <= 0 || UNION_ID <= 0 || ADMIN_ID <= 0)
		return -1;
	if (figs_get(&A, ROOT, &ROOT0) != 200)
		return -1;
	AUDIT0 = audit_total();
	return AUDIT0 > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	figs_free(&ROOT0);
	client_release(&A);
	srv_stop(&S);
	return 0;
}

struct bad {
	const char *method;
	const char *path; /* "%U" is replaced by the union's id, "%E" by the employer's, "%A" by the admin's */
	const char *body;
	long status;
	const char *code;
	const char *field; /* NULL: the JSON null */
};

static void expand(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = in; *p && n + 24 < cap; p++) {
		if (p[0] == '%' && (p[1] == 'U' || p[1] == 'E' || p[1] == 'A' || p[1] == 'Q')) {
			int64_t v = p[1] == 'U' ? UNION_ID : p[1] == 'E' ? EMPLOYER_ID : p[1] == 'A' ? ADMIN_ID : QK;
			n += (size_t)snprintf(out + n, cap - n, "%" PRId64, v);
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = 0;
}

static void run_cases(const struct bad *cases, size_t n)
{
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		char path[512], body[2048];
		expand(cases[i].path, path, sizeof(path));
		if (cases[i].body)
			expand(cases[i].body, body, sizeof(body));
		struct resp r;
		assert_int_equal(req(&A, cases[i].method, path, cases[i].body ? body : NULL, &r), 0);
		json_t *err = jget(r.json, "error");
		const char *code = jstr(err, "code");
		json_t *field = jget(err, "field");
		bool ok = r.status == cases[i].status && code && !strcmp(code, cases[i].code) && jstr(err, "message") &&
		          (cases[i].field ? (jstr(err, "field") && !strcmp(jstr(err, "field"), cases[i].field))
		                          : json_is_null(field));
		if (!ok) {
			print_error("case %zu: %s %s %s\n  expected %ld %s %s\n  got %ld %.300s\n", i, cases[i].method,
			            path, cases[i].body ? body : "", cases[i].status, cases[i].code,
			            cases[i].field ? cases[i].field : "null", r.status, r.body ? r.body : "");
			failed++;
		}
		resp_free(&r);
	}
	assert_int_equal(failed, 0);
}

static void test_malformed_json(void **state)
{
	static const struct bad cases[] = {
	        {"POST", "/api/orgs", "{\"parent_id\": 1,", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "{parent_id: 1}", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "{\"parent_id\": 1}}", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "[]", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "[{\"parent_id\": %Q}]", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "\"a string\"", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "42", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "null", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs", "{\"name\":\"a\",\"name\":\"b\"}", 400, "invalid_json", NULL}, /* duplicate key */
	        {"PATCH", "/api/orgs/%U", "{\"chair\": \"张\"", 400, "invalid_json", NULL},
	        {"PATCH", "/api/employers/%E", "[1,2,3]", 400, "invalid_json", NULL},
	        {"POST", "/api/employers", "{'org_id': 1}", 400, "invalid_json", NULL},
	        {"POST", "/api/users", "{\"username\":\"x\" \"name\":\"y\"}", 400, "invalid_json", NULL},
	        {"PATCH", "/api/users/%A", "true", 400, "invalid_json", NULL},
	        {"POST", "/api/orgs/%U/move", "[]", 400, "invalid_json", NULL},
	        {"POST", "/api/session", "{\"username\":\"admin\"", 400, "invalid_json", NULL},
	        {"POST", "/api/session", "[\"admin\",\"pw\"]", 400, "invalid_json", NULL},
	};
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_wrong_types(void **state)
{
	static const struct bad cases[] = {
	        {"POST", "/api/orgs", "{\"parent_id\":\"%Q\",\"name\":\"类型测试工会\",\"kind\":\"village\"}", 400,
	         "invalid_field", "parent_id"},
	        {"POST", "/api/orgs", "{\"parent_id\":%Q.0,\"name\":\"类型测试工会\",\"kind\":\"village\"}", 400,
	         "invalid_field", "parent_id"},
	        {"POST", "/api/orgs", "{\"parent_id\":true,\"name\":\"类型测试工会\",\"kind\":\"village\"}", 400,
	         "invalid_field", "parent_id"},
	        {"POST", "/api/orgs", "{\"parent_id\":[%Q],\"name\":\"类型测试工会\",\"kind\":\"village\"}", 400,
	         "invalid_field", "parent_id"},
	        {"POST", "/api/orgs", "{\"parent_id\":%Q,\"name\":123,\"kind\":\"village\"}", 400, "invalid_field",
	         "name"},
	        {"POST", "/api/orgs", "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":[\"village\"]}", 400,
	         "invalid_field", "kind"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":\"enterprise\",\"employer\":\"某公司\","
	         "\"headcount\":3}",
	         400, "invalid_field", "employer"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":\"joint\",\"employers\":{}}", 400,
	         "invalid_field", "employers"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":\"joint\",\"employers\":[]}", 400,
	         "invalid_field", "employers"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":\"joint\",\"employers\":[\"x\"]}", 400,
	         "invalid_field", "employers[0]"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":\"enterprise\","
	         "\"employer\":{\"name\":\"某某公司\",\"credit_code\":913207070000000000},\"headcount\":3}",
	         400, "invalid_field", "employer.credit_code"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":\"village\",\"division_code\":320707100200}",
	         400, "invalid_field", "division_code"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"类型测试工会\",\"kind\":\"enterprise\",\"employer\":{\"name\":"
	         "\"某某公司\",\"credit_code\":\"x\"},\"headcount\":\"3\"}",
	         400, "invalid_field", "headcount"},
	        {"PATCH", "/api/orgs/%U", "{\"term_years\":\"3\"}", 400, "invalid_field", "term_years"},
	        {"PATCH", "/api/orgs/%U", "{\"term_years\":3.0}", 400, "invalid_field", "term_years"},
	        {"PATCH", "/api/orgs/%U", "{\"chair\":{\"name\":\"张\"}}", 400, "invalid_field", "chair"},
	        {"PATCH", "/api/orgs/%U", "{\"founded_on\":20200101}", 400, "invalid_field", "founded_on"},
	        {"POST", "/api/orgs/%U/move", "{\"parent_id\":\"%Q\"}", 400, "invalid_field", "parent_id"},
	        {"POST", "/api/employers",
	         "{\"org_id\":\"%Q\",\"name\":\"某某公司\",\"credit_code\":\"x\",\"headcount\":1}", 400,
	         "invalid_field", "org_id"},
	        {"PATCH", "/api/employers/%E", "{\"name\":false}", 400, "invalid_field", "name"},
	        {"PATCH", "/api/users/%A", "{\"disabled\":0}", 400, "invalid_field", "disabled"},
	        {"PATCH", "/api/users/%A", "{\"name\":[]}", 400, "invalid_field", "name"},
	        {"POST", "/api/users",
	         "{\"username\":\"type.test\",\"name\":\"某人\",\"role\":\"cadre\",\"org_id\":\"%Q\","
	         "\"password\":\"correct horse battery staple\"}",
	         400, "invalid_field", "org_id"},
	        {"POST", "/api/session", "{\"username\":12345,\"password\":\"x\"}", 400, "invalid_field", "username"},
	        {"PUT", "/api/test/clock", "{\"now\":1}", 404, "not_found", NULL}, /* no test clock here */
	};
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_huge_numbers(void **state)
{
	static const struct bad cases[] = {
	        /* beyond 64 bits: not a number jansson can hold */
	        {"POST", "/api/orgs",
	         "{\"parent_id\":100000000000000000000000000000,\"name\":\"大数工会\",\"kind\":\"village\"}", 400,
	         "invalid_json", NULL},
	        /* beyond 2^53: ids are below it */
	        {"POST", "/api/orgs", "{\"parent_id\":9007199254740993,\"name\":\"大数工会\",\"kind\":\"village\"}",
	         400, "invalid_field", "parent_id"},
	        {"POST", "/api/orgs", "{\"parent_id\":-1,\"name\":\"大数工会\",\"kind\":\"village\"}", 400,
	         "invalid_field", "parent_id"},
	        {"POST", "/api/orgs", "{\"parent_id\":0,\"name\":\"大数工会\",\"kind\":\"village\"}", 400,
	         "invalid_field", "parent_id"},
	        {"POST", "/api/orgs", "{\"parent_id\":1e30,\"name\":\"大数工会\",\"kind\":\"village\"}", 400,
	         "invalid_field", "parent_id"},
	        {"PATCH", "/api/orgs/%U", "{\"headcount\":9223372036854775807}", 400, "invalid_field", "headcount"},
	        {"PATCH", "/api/orgs/%U", "{\"headcount\":10000001}", 400, "invalid_field", "headcount"},
	        {"PATCH", "/api/orgs/%U", "{\"term_years\":-9223372036854775808}", 400, "invalid_field", "term_years"},
	        {"PATCH", "/api/employers/%E", "{\"headcount\":1e9}", 400, "invalid_field", "headcount"},
	        {"PATCH", "/api/employers/%E", "{\"headcount\":-9007199254740991}", 400, "invalid_field", "headcount"},
	        {"GET", "/api/orgs?q=a&offset=99999999999999999999", NULL, 400, "invalid_field", "offset"},
	        {"GET", "/api/orgs?q=a&limit=99999999999999999999", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/employers?org=99999999999999999999", NULL, 400, "invalid_field", "org"},
	};
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_too_large(void **state)
{
	size_t n = ((size_t)1 << 20) + 100;
	char *big = malloc(n + 64);
	assert_non_null(big);
	/* a JSON object with one long string: valid JSON, just too big */
	int k = snprintf(big, 64, "{\"name\":\"");
	memset(big + k, 'a', n - (size_t)k - 2);
	big[n - 2] = '"';
	big[n - 1] = '}';
	big[n] = 0;
	struct resp r;
	assert_int_equal(req(&A, "POST", "/api/orgs", big, &r), 0);
	expect_error(&r, 413, "payload_too_large", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&A, "PATCH", big, &r, "/api/orgs/%" PRId64, UNION_ID), 0);
	expect_error(&r, 413, "payload_too_large", NULL);
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(req(&anon, "POST", "/api/session", big, &r), 0);
	expect_error(&r, 413, "payload_too_large", NULL);
	resp_free(&r);
	client_release(&anon);
	/* exactly 1 MiB is not too large: it is read and judged (a name that long is refused) */
	n = (size_t)1 << 20;
	k = snprintf(big, 64, "{\"chair\":\"");
	memset(big + k, 'b', n - (size_t)k - 2);
	big[n - 2] = '"';
	big[n - 1] = '}';
	big[n] = 0;
	assert_int_equal(reqf(&A, "PATCH", big, &r, "/api/orgs/%" PRId64, UNION_ID), 0);
	expect_error(&r, 400, "invalid_field", "chair");
	resp_free(&r);
	free(big);
	/* the connection and the server are fine afterwards */
	assert_int_equal(req(&A, "GET", "/api/health", NULL, &r), 0);
	expect_status(&r, 200);
	resp_free(&r);
}

static void test_ids_and_routes(void **state)
{
	static const struct bad cases[] = {
	        {"GET", "/api/orgs/999999999", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/999999999/children", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/999999999/path", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/999999999/stats", NULL, 404, "not_found", NULL},
	        {"PATCH", "/api/orgs/999999999", "{\"chair\":\"张三\"}", 404, "not_found", NULL},
	        {"POST", "/api/orgs/999999999/move", "{\"parent_id\":%Q}", 404, "not_found", NULL},
	        {"GET", "/api/employers/999999999", NULL, 404, "not_found", NULL},
	        {"PATCH", "/api/employers/999999999", "{\"headcount\":1}", 404, "not_found", NULL},
	        {"GET", "/api/users/999999999", NULL, 404, "not_found", NULL},
	        {"PATCH", "/api/users/999999999", "{\"name\":\"某人\"}", 404, "not_found", NULL},
	        /* an id of another kind of object is no such object */
	        {"GET", "/api/employers/%U", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/%E", NULL, 404, "not_found", NULL},
	        {"GET", "/api/users/%Q", NULL, 404, "not_found", NULL},
	        /* id 0, negative, non-numeric, mixed, overlong, empty */
	        {"GET", "/api/orgs/0", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/-1", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/-%U", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/abc", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/12abc", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/%Uabc", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/1.5", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/0x10", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/+%U", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/%20%U", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/99999999999999999999999", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs//children", NULL, 404, "not_found", NULL},
	        {"PATCH", "/api/orgs/0", "{\"chair\":\"张三\"}", 404, "not_found", NULL},
	        {"GET", "/api/employers/-5", NULL, 404, "not_found", NULL},
	        {"GET", "/api/users/abc", NULL, 404, "not_found", NULL},
	        {"POST", "/api/orgs/0/move", "{\"parent_id\":%Q}", 404, "not_found", NULL},
	        /* unknown routes */
	        {"GET", "/api/nope", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/%U/frob", NULL, 404, "not_found", NULL},
	        {"GET", "/api/orgs/%U/children/1", NULL, 404, "not_found", NULL},
	        {"GET", "/api/ORGS/%U", NULL, 404, "not_found", NULL},
	        {"GET", "/api/", NULL, 404, "not_found", NULL},
	        {"POST", "/api/nope", "{}", 404, "not_found", NULL},
	        /* known paths, wrong methods */
	        {"DELETE", "/api/orgs/%U", NULL, 405, "method_not_allowed", NULL},
	        {"PUT", "/api/orgs/%U", "{}", 405, "method_not_allowed", NULL},
	        {"PUT", "/api/orgs", "{}", 405, "method_not_allowed", NULL},
	        {"DELETE", "/api/orgs", NULL, 405, "method_not_allowed", NULL},
	        {"POST", "/api/health", "{}", 405, "method_not_allowed", NULL},
	        {"GET", "/api/session", NULL, 405, "method_not_allowed", NULL},
	        {"PATCH", "/api/me", "{}", 405, "method_not_allowed", NULL},
	        {"POST", "/api/orgs/%U/children", "{}", 405, "method_not_allowed", NULL},
	        {"GET", "/api/orgs/%U/move", NULL, 405, "method_not_allowed", NULL},
	        {"DELETE", "/api/employers/%E", NULL, 405, "method_not_allowed", NULL},
	        {"DELETE", "/api/users/%A", NULL, 405, "method_not_allowed", NULL},
	        {"POST", "/api/roles", "{}", 405, "method_not_allowed", NULL},
	        {"DELETE", "/api/audit", NULL, 405, "method_not_allowed", NULL},
	};
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
	/* a trailing slash is the same resource */
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/", UNION_ID), 0);
	expect_status(&r, 200);
	resp_free(&r);
}

static void test_paging(void **state)
{
	static const struct bad cases[] = {
	        {"GET", "/api/orgs/%Q/children?limit=500", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs/%Q/children?limit=201", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs/%Q/children?limit=0", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs/%Q/children?limit=-1", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs/%Q/children?offset=-1", NULL, 400, "invalid_field", "offset"},
	        {"GET", "/api/orgs/%Q/children?limit=abc", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs/%Q/children?limit=", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs/%Q/children?limit=5x", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs/%Q/children?offset=1.5", NULL, 400, "invalid_field", "offset"},
	        {"GET", "/api/orgs?q=a&limit=500", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/orgs?q=a&offset=-1", NULL, 400, "invalid_field", "offset"},
	        {"GET", "/api/employers?limit=0", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/employers?offset=-1", NULL, 400, "invalid_field", "offset"},
	        {"GET", "/api/users?limit=500", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/users?offset=-1", NULL, 400, "invalid_field", "offset"},
	        {"GET", "/api/audit?limit=0", NULL, 400, "invalid_field", "limit"},
	        {"GET", "/api/audit?limit=500", NULL, 400, "invalid_field", "limit"},
	};
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
	/* the bounds themselves are fine; an offset past the end is an empty page */
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200&offset=0", QK), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "limit"), 200);
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=1&offset=100000", QK), 0);
	expect_status(&r, 200);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	assert_int_equal(jint(r.json, "offset"), 100000);
	assert_true(jint(r.json, "total") > 0);
	resp_free(&r);
	/* defaults: offset 0, limit 20 */
	assert_int_equal(req(&A, "GET", "/api/employers", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "offset"), 0);
	assert_int_equal(jint(r.json, "limit"), 20);
	assert_int_equal(json_array_size(jget(r.json, "items")), 20);
	resp_free(&r);
}

static void test_text(void **state)
{
	static const struct bad cases[] = {
	        /* invalid UTF-8 in the body: not JSON */
	        {"POST", "/api/orgs", "{\"parent_id\":%Q,\"name\":\"\xff\xfe工会\",\"kind\":\"village\"}", 400,
	         "invalid_json", NULL},
	        {"PATCH", "/api/orgs/%U", "{\"chair\":\"\xc3\x28\"}", 400, "invalid_json", NULL},
	        {"PATCH", "/api/orgs/%U", "{\"chair\":\"\xed\xa0\x80\"}", 400, "invalid_json", NULL}, /* a surrogate */
	        {"PATCH", "/api/orgs/%U", "{\"chair\":\"\xc0\xaf\"}", 400, "invalid_json", NULL},     /* overlong */
	        /* invalid UTF-8 in a query */
	        {"GET", "/api/orgs?q=%FF%FE", NULL, 400, "invalid_field", "q"},
	        {"GET", "/api/orgs?q=%C3%28", NULL, 400, "invalid_field", "q"},
	        {"GET", "/api/users?q=%FF", NULL, 400, "invalid_field", "q"},
	        {"GET", "/api/employers?q=%C0%AF", NULL, 400, "invalid_field", "q"},
	        /* control characters, escaped in JSON */
	        {"PATCH", "/api/orgs/%U", "{\"name\":\"控制\\u0001字符工会\"}", 400, "invalid_field", "name"},
	        {"PATCH", "/api/orgs/%U", "{\"name\":\"换行\\n工会\"}", 400, "invalid_field", "name"},
	        {"PATCH", "/api/orgs/%U", "{\"name\":\"删除\\u007f工会\"}", 400, "invalid_field", "name"},
	        {"PATCH", "/api/orgs/%U", "{\"name\":\"空字符\\u0000工会\"}", 400, "invalid_json",
	         NULL}, /* NUL: not taken */
	        {"PATCH", "/api/orgs/%U", "{\"chair\":\"张\\t三\"}", 400, "invalid_field", "chair"},
	        {"POST", "/api/orgs",
	         "{\"parent_id\":%Q,\"name\":\"村\\u001b工会\",\"kind\":\"village\","
	         "\"division_code\":\"320707100200\"}",
	         400, "invalid_field", "name"},
	        {"PATCH", "/api/employers/%E", "{\"name\":\"公司\\r名称\"}", 400, "invalid_field", "name"},
	        {"POST", "/api/users",
	         "{\"username\":\"ctl.user\",\"name\":\"某\\u0002人\",\"role\":\"cadre\",\"org_id\":%Q,"
	         "\"password\":\"correct horse battery staple\"}",
	         400, "invalid_field", "name"},
	        {"PATCH", "/api/users/%A", "{\"name\":\"管理\\u0000员\"}", 400, "invalid_json", NULL},
	        /* lengths */
	        {"PATCH", "/api/orgs/%U",
	         "{\"name\":"
	         "\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九"
	         "十"
	         "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	         "一\"}",
	         400, "invalid_field", "name"},
	        {"PATCH", "/api/orgs/%U", "{\"name\":\"工\"}", 400, "invalid_field", "name"},
	        {"PATCH", "/api/orgs/%U", "{\"founded_on\":\"2020-13-01\"}", 400, "invalid_field", "founded_on"},
	        {"PATCH", "/api/orgs/%U", "{\"founded_on\":\"1900-01-01\"}", 400, "invalid_field", "founded_on"},
	        {"PATCH", "/api/orgs/%U", "{\"founded_on\":\"2020-1-1\"}", 400, "invalid_field", "founded_on"},
	};
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
	/* the union kept its name and chair */
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, UNION_ID), 0);
	expect_status(&r, 200);
	assert_null(strstr(r.body, "控制"));
	assert_null(strstr(r.body, "换行"));
	resp_free(&r);
	/* full-width ASCII and surrounding blanks are normalised, not refused */
	assert_int_equal(reqf(&A, "PATCH", "{\"chair\":\"  王ＡＢ  \"}", &r, "/api/orgs/%" PRId64, UNION_ID), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "chair"), "王AB");
	resp_free(&r);
}

/* After all of it: nothing was written by a failed request, the server answers, the counters
 * match the base tables, the audit chain is whole. */
static void test_still_standing(void **state)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/health", NULL, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "ok");
	resp_free(&r);
	struct figs now;
	assert_int_equal(figs_get(&A, ROOT, &now), 200);
	assert_int_equal(now.orgs, ROOT0.orgs);
	assert_int_equal(now.employers, ROOT0.employers);
	assert_int_equal(now.employees, ROOT0.employees);
	figs_free(&now);
	/* one write succeeded on purpose (the chair of test_text): one audit row */
	assert_int_equal(audit_total(), AUDIT0 + 1);
	assert_int_equal(req(&A, "GET", "/api/audit/verify", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_true(jget(r.json, "ok")));
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
	const char *args[] = {"audit", "verify", NULL};
	assert_int_equal(srv_cli(&S, NULL, args), 0);
	/* the users table got nothing either */
	assert_int_equal(req(&A, "GET", "/api/users", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 1);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_malformed_json), cmocka_unit_test(test_wrong_types),
	        cmocka_unit_test(test_huge_numbers),   cmocka_unit_test(test_too_large),
	        cmocka_unit_test(test_ids_and_routes), cmocka_unit_test(test_paging),
	        cmocka_unit_test(test_text),           cmocka_unit_test(test_still_standing),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
