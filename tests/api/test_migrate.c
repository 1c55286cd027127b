/*
 * The installation commands of issue 5, run as an administrator runs them: `gonghui migrate`
 * (SQLite → PostgreSQL with the keys and the audit head, verified; refusing a non-empty target;
 * nothing committed and nothing left in the key folder on a failure), `gonghui keys export|import`
 * (round trip, the same set twice, a different set refused, wrong passphrase, tampered, truncated
 * and foreign files, short or missing passphrases) and the configuration file (flag > environment
 * > file > default; errors with their line, exit 2).
 *
 * The source is a copy of the SQLite template (GH_TEMPLATE_DB) with a password of this suite set
 * on its admin. The PostgreSQL parts run when GH_TEST_DB_URL names a server (ctest label pg,
 * api/test_migrate_pg); there the migrated store is served and answers a member lookup by ID
 * number (through the blind index: the keys travelled) exactly as the SQLite store does.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#define PASS    "correct horse battery staple"
#define ADMINPW "Migrate-Suite-2026!"

extern char **environ;

static char dir[128];    /* this suite's folder */
static char src_db[256]; /* the SQLite source */
static char src_keys[256];
static char pg_base[512]; /* GH_TEST_DB_URL, or "" */

struct run {
	int status;
	char out[65536];
	char err[65536];
};

static void slurp(const char *path, char *buf, size_t cap)
{
	buf[0] = 0;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return;
	size_t n = fread(buf, 1, cap - 1, fp);
	buf[n] = 0;
	fclose(fp);
}

/* Runs the binary with args, the environment without any GONGHUI_* but env (NAME=value, NULL-
 * terminated, may be NULL) and GONGHUI_LANG=en, stdin from in (a file, or /dev/null). */
static int gh(struct run *r, const char *const *env, const char *in, const char *const *args)
{
	char outp[200], errp[200];
	snprintf(outp, sizeof(outp), "%s/out.txt", dir);
	snprintf(errp, sizeof(errp), "%s/err.txt", dir);
	pid_t pid = fork();
	if (pid == 0) {
		char *envp[256];
		int n = 0;
		for (char **e = environ; *e && n < 200; e++)
			if (strncmp(*e, "GONGHUI_", 8))
				envp[n++] = *e;
		bool lang = false;
		for (int i = 0; env && env[i] && n < 254; i++) {
			envp[n++] = (char *)env[i];
			lang = lang || !strncmp(env[i], "GONGHUI_LANG=", 13);
		}
		if (!lang)
			envp[n++] = "GONGHUI_LANG=en";
		envp[n] = NULL;
		char *argv[64];
		int k = 0;
		const char *b = getenv("GH_BIN");
		argv[k++] = (char *)(b ? b : "./gonghui");
		for (int i = 0; args[i] && k < 63; i++)
			argv[k++] = (char *)args[i];
		argv[k] = NULL;
		int fi = open(in ? in : "/dev/null", O_RDONLY);
		int fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fi < 0 || fo < 0 || fe < 0)
			_exit(126);
		dup2(fi, 0);
		dup2(fo, 1);
		dup2(fe, 2);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	slurp(outp, r->out, sizeof(r->out));
	slurp(errp, r->err, sizeof(r->err));
	if (getenv("GH_TEST_VERBOSE"))
		fprintf(stderr, "[%d] %s%s", r->status, r->out, r->err);
	return r->status;
}

#define GH(r, env, in, ...) gh(r, env, in, (const char *const[]){__VA_ARGS__, NULL})

static void expect(const struct run *r, int status, const char *in_err)
{
	if (r->status != status || (in_err && !strstr(r->err, in_err))) {
		fprintf(stderr, "expected exit %d and '%s' on stderr; got %d\nstdout: %s\nstderr: %s\n", status,
		        in_err ? in_err : "", r->status, r->out, r->err);
		fail();
	}
}

static void sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

static size_t file_bytes(const char *path, unsigned char *buf, size_t cap)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	size_t n = fread(buf, 1, cap, fp);
	fclose(fp);
	return n;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

static int mode_of(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

/* base (postgresql://…/db?…) with its database replaced by name. */
static void pg_url(char *out, size_t n, const char *name)
{
	const char *path = strstr(pg_base, "://");
	path = path ? strchr(path + 3, '/') : NULL;
	const char *query = strchr(pg_base, '?');
	snprintf(out, n, "%.*s/%s%s", (int)(path - pg_base), pg_base, name, query ? query : "");
}

static int setup(void **state)
{
	const char *t = getenv("GH_TEMPLATE_DB");
	if (!t || !*t) {
		fprintf(stderr, "test_migrate: GH_TEMPLATE_DB must name the SQLite template\n");
		return -1;
	}
	const char *u = getenv("GH_TEST_DB_URL");
	snprintf(pg_base, sizeof(pg_base), "%s", u && *u ? u : "");
	snprintf(dir, sizeof(dir), "/tmp/gh-migrate-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	char tdir[512];
	snprintf(tdir, sizeof(tdir), "%s", t);
	char *slash = strrchr(tdir, '/');
	if (slash)
		*slash = 0;
	snprintf(src_db, sizeof(src_db), "%s/src/gonghui.db", dir);
	snprintf(src_keys, sizeof(src_keys), "%s/src/keys", dir);
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "mkdir '%s/src' && cp '%s' '%s' && cp -a '%s/keys' '%s'", dir, t, src_db, tdir,
	         src_keys);
	if (system(cmd) != 0)
		return -1;
	struct run r;
	GH(&r, NULL, NULL, "user", "passwd", "--username", "admin", "--password", ADMINPW, "--db", src_db);
	return r.status == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- keys export / import ---- */

static const char *const env_pass[] = {"GONGHUI_KEYS_PASSPHRASE=" PASS, NULL};

static void export_to(const char *file)
{
	struct run r;
	GH(&r, env_pass, NULL, "keys", "export", "--out", file, "--keys", src_keys);
	expect(&r, 0, "keys exported");
	assert_non_null(strstr(r.out, "\"version\":1"));
}

static void same_keys(const char *a, const char *b)
{
	static const char *const names[] = {"field.key", "index.key", "audit.key"};
	for (int i = 0; i < 3; i++) {
		char pa[512], pb[512];
		unsigned char ka[64], kb[64];
		snprintf(pa, sizeof(pa), "%s/%s", a, names[i]);
		snprintf(pb, sizeof(pb), "%s/%s", b, names[i]);
		assert_int_equal(file_bytes(pa, ka, sizeof(ka)), 32);
		assert_int_equal(file_bytes(pb, kb, sizeof(kb)), 32);
		assert_memory_equal(ka, kb, 32);
		assert_int_equal(mode_of(pb), 0600);
	}
}

static void test_keys_round_trip(void **state)
{
	char file[256], into[256];
	snprintf(file, sizeof(file), "%s/set.ghkeys", dir);
	snprintf(into, sizeof(into), "%s/imported/keys", dir);
	export_to(file);
	assert_int_equal(mode_of(file), 0600);
	unsigned char buf[512];
	assert_int_equal(file_bytes(file, buf, sizeof(buf)), 176);
	assert_memory_equal(buf, "GHKEYS\1\1", 8);
	/* the sealed file holds no key in clear */
	unsigned char key[64];
	char kp[300];
	snprintf(kp, sizeof(kp), "%s/field.key", src_keys);
	assert_int_equal(file_bytes(kp, key, sizeof(key)), 32);
	assert_null(memmem(buf, 176, key, 32));

	sh("mkdir -p '%s/imported'", dir);
	struct run r;
	GH(&r, env_pass, NULL, "keys", "import", file, "--keys", into);
	expect(&r, 0, "keys imported");
	assert_non_null(strstr(r.out, "\"written\":true"));
	assert_int_equal(mode_of(into), 0700);
	same_keys(src_keys, into);
	/* the same set again: fine, nothing written */
	GH(&r, env_pass, NULL, "keys", "import", file, "--keys", into);
	expect(&r, 0, "same key set");
	assert_non_null(strstr(r.out, "\"written\":false"));
	/* the passphrase from stdin (not a terminal: one line) */
	char pf[256], into2[256];
	snprintf(pf, sizeof(pf), "%s/pass.txt", dir);
	snprintf(into2, sizeof(into2), "%s/imported/keys2", dir);
	sh("printf '%%s\\n' '" PASS "' > '%s'", pf);
	GH(&r, NULL, pf, "keys", "import", file, "--keys", into2);
	expect(&r, 0, "keys imported");
	same_keys(src_keys, into2);
	/* export with the passphrase from stdin too; the file opens with it */
	char file2[256], into3[256];
	snprintf(file2, sizeof(file2), "%s/stdin.ghkeys", dir);
	snprintf(into3, sizeof(into3), "%s/imported/keys3", dir);
	GH(&r, NULL, pf, "keys", "export", "--out", file2, "--keys", src_keys);
	expect(&r, 0, "keys exported");
	GH(&r, env_pass, NULL, "keys", "import", file2, "--keys", into3);
	expect(&r, 0, "keys imported");
	same_keys(src_keys, into3);
	/* the imported folder serves the store: audit verify with it passes */
	GH(&r, NULL, NULL, "audit", "verify", "--db", src_db, "--keys", src_keys);
	expect(&r, 0, "intact");
}

static void test_keys_refuses_other_set(void **state)
{
	char file[256], other[256];
	snprintf(file, sizeof(file), "%s/set2.ghkeys", dir);
	snprintf(other, sizeof(other), "%s/other", dir);
	export_to(file);
	/* a folder with another key set: refused, left as it was */
	sh("mkdir -m 0700 '%s' && head -c 32 /dev/urandom > '%s/field.key' && head -c 32 /dev/urandom > "
	   "'%s/index.key' && head -c 32 /dev/urandom > '%s/audit.key' && chmod 0600 '%s'/*.key",
	   other, other, other, other, other);
	unsigned char before[32], after[32];
	char fk[300];
	snprintf(fk, sizeof(fk), "%s/field.key", other);
	file_bytes(fk, before, sizeof(before));
	struct run r;
	GH(&r, env_pass, NULL, "keys", "import", file, "--keys", other);
	expect(&r, 1, "different key set");
	file_bytes(fk, after, sizeof(after));
	assert_memory_equal(before, after, 32);
	/* an incomplete set: refused */
	char part[256];
	snprintf(part, sizeof(part), "%s/partial", dir);
	sh("mkdir -m 0700 '%s' && head -c 32 /dev/urandom > '%s/index.key'", part, part);
	GH(&r, env_pass, NULL, "keys", "import", file, "--keys", part);
	expect(&r, 1, "incomplete key set");
	char fk2[300];
	snprintf(fk2, sizeof(fk2), "%s/field.key", part);
	assert_false(exists(fk2));
}

/* A failed import leaves no folder behind. */
static void import_fails(const char *file, const char *const *env, const char *in, int status, const char *msg)
{
	char into[256];
	snprintf(into, sizeof(into), "%s/never", dir);
	struct run r;
	GH(&r, env, in, "keys", "import", file, "--keys", into);
	expect(&r, status, msg);
	assert_false(exists(into));
}

static void test_keys_bad_files(void **state)
{
	char file[256], bad[256];
	snprintf(file, sizeof(file), "%s/set3.ghkeys", dir);
	snprintf(bad, sizeof(bad), "%s/bad.ghkeys", dir);
	export_to(file);
	static const char *const wrong[] = {"GONGHUI_KEYS_PASSPHRASE=not the passphrase at all", NULL};
	import_fails(file, wrong, NULL, 1, "wrong passphrase");
	/* a byte of the ciphertext, of the salt, of the limits changed */
	static const int at[] = {100, 30, 15};
	for (size_t i = 0; i < 3; i++) {
		sh("cp '%s' '%s' && printf '\\001' | dd of='%s' bs=1 seek=%d conv=notrunc status=none", file, bad, bad,
		   at[i]);
		import_fails(bad, env_pass, NULL, 1,
		             i == 2 ? "tampered" : "wrong passphrase, or the file was tampered");
	}
	sh("head -c 100 '%s' > '%s'", file, bad);
	import_fails(bad, env_pass, NULL, 1, "damaged");
	sh("cp '%s' '%s' && printf '\\002' | dd of='%s' bs=1 seek=6 conv=notrunc status=none", file, bad, bad);
	import_fails(bad, env_pass, NULL, 1, "version is not supported");
	sh("printf 'field.key=00\\n' > '%s'", bad);
	import_fails(bad, env_pass, NULL, 1, "not a gonghui key export file");
	char missing[256];
	snprintf(missing, sizeof(missing), "%s/none.ghkeys", dir);
	import_fails(missing, env_pass, NULL, 1, "cannot read the key export file");
	/* no passphrase (stdin empty), a short one */
	import_fails(file, NULL, NULL, 2, "no passphrase");
	static const char *const shortp[] = {"GONGHUI_KEYS_PASSPHRASE=short", NULL};
	import_fails(file, shortp, NULL, 2, "too short");
}

static void test_keys_export_errors(void **state)
{
	char out[256];
	snprintf(out, sizeof(out), "%s/x.ghkeys", dir);
	struct run r;
	static const char *const shortp[] = {"GONGHUI_KEYS_PASSPHRASE=elevenchars", NULL};
	GH(&r, shortp, NULL, "keys", "export", "--out", out, "--keys", src_keys);
	expect(&r, 2, "too short");
	assert_false(exists(out));
	GH(&r, NULL, NULL, "keys", "export", "--out", out, "--keys", src_keys);
	expect(&r, 2, "no passphrase");
	assert_false(exists(out));
	GH(&r, env_pass, NULL, "keys", "export", "--keys", src_keys);
	expect(&r, 2, "usage: gonghui keys export");
	char nokeys[256];
	snprintf(nokeys, sizeof(nokeys), "%s/nokeys", dir);
	GH(&r, env_pass, NULL, "keys", "export", "--out", out, "--keys", nokeys);
	expect(&r, 1, "key folder does not exist");
	/* an existing output file is not overwritten */
	sh("printf 'keep' > '%s'", out);
	GH(&r, env_pass, NULL, "keys", "export", "--out", out, "--keys", src_keys);
	expect(&r, 1, "cannot create the output file");
	unsigned char b[8];
	assert_int_equal(file_bytes(out, b, sizeof(b)), 4);
	GH(&r, env_pass, NULL, "keys", "rotate");
	expect(&r, 2, "usage: gonghui keys");
	GH(&r, env_pass, NULL, "keys", "import", "--keys", src_keys);
	expect(&r, 2, "usage: gonghui keys import");
}

/* ---- the configuration file ---- */

static void write_conf(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_config_precedence(void **state)
{
	char good[1024], badc[512], conf[256], env_db[512], env_bad[300], env_conf[300];
	snprintf(good, sizeof(good), "# this suite's store\n\n  db = %s  \nkeys=%s\nport = 0\ntest-clock = no\n",
	         src_db, src_keys);
	write_conf("good.conf", good);
	snprintf(badc, sizeof(badc), "db = %s/none/gonghui.db\nkeys = %s\n", dir, src_keys);
	write_conf("baddb.conf", badc);
	snprintf(conf, sizeof(conf), "%s/good.conf", dir);
	char bconf[256];
	snprintf(bconf, sizeof(bconf), "%s/baddb.conf", dir);
	snprintf(env_db, sizeof(env_db), "GONGHUI_DB=%s", src_db);
	snprintf(env_bad, sizeof(env_bad), "GONGHUI_DB=%s/none/gonghui.db", dir);
	snprintf(env_conf, sizeof(env_conf), "GONGHUI_CONFIG=%s", conf);
	struct run r;
	/* the file alone */
	GH(&r, NULL, NULL, "audit", "verify", "--config", conf);
	expect(&r, 0, "intact");
	/* GONGHUI_CONFIG names it */
	const char *const e1[] = {env_conf, NULL};
	GH(&r, e1, NULL, "audit", "verify");
	expect(&r, 0, "intact");
	/* the environment beats the file */
	const char *const e2[] = {env_conf, env_bad, NULL};
	GH(&r, e2, NULL, "audit", "verify");
	expect(&r, 1, NULL);
	const char *const e3[] = {env_db, NULL};
	GH(&r, e3, NULL, "audit", "verify", "--config", bconf);
	expect(&r, 0, "intact");
	/* a flag beats the environment and the file */
	const char *const e4[] = {env_bad, NULL};
	GH(&r, e4, NULL, "audit", "verify", "--config", bconf, "--db", src_db);
	expect(&r, 0, "intact");
	/* the file beats the default (var/gonghui.db, absent here) */
	GH(&r, NULL, NULL, "audit", "verify", "--config", bconf);
	expect(&r, 1, NULL);
	/* lang from the file: the messages turn Chinese (GONGHUI_LANG=en would win: unset it) */
	char zh[600];
	snprintf(zh, sizeof(zh), "db = %s\nkeys = %s\nlang = zh\n", src_db, src_keys);
	write_conf("zh.conf", zh);
	snprintf(conf, sizeof(conf), "%s/zh.conf", dir);
	const char *const e5[] = {"GONGHUI_LANG=", NULL};
	GH(&r, e5, NULL, "audit", "verify", "--config", conf);
	expect(&r, 0, "审计链完整");
}

static void bad_conf(const char *text, const char *msg)
{
	write_conf("bad.conf", text);
	char conf[256];
	snprintf(conf, sizeof(conf), "%s/bad.conf", dir);
	struct run r;
	GH(&r, NULL, NULL, "audit", "verify", "--config", conf, "--db", src_db, "--keys", src_keys);
	expect(&r, 2, msg);
}

static void test_config_errors(void **state)
{
	bad_conf("# ok\nport = 0\nbogus = 1\n", "bad.conf line 3: unknown setting: 'bogus'");
	bad_conf("db\n", "line 1: no '='");
	bad_conf("\n\nport = 1\nport = 2\n", "line 4: set twice: 'port'");
	bad_conf("web =   \n", "line 1: no value: 'web'");
	bad_conf("test-clock = maybe\n", "line 1: a switch takes true or false: 'test-clock'");
	bad_conf(" = 3\n", "line 1: the name is empty");
	bad_conf("host = \xff\n", "line 1: the line is not valid UTF-8");
	bad_conf("config = other.conf\n", "unknown setting: 'config'");
	struct run r;
	char missing[256];
	snprintf(missing, sizeof(missing), "%s/none.conf", dir);
	GH(&r, NULL, NULL, "audit", "verify", "--config", missing);
	expect(&r, 2, "cannot read the configuration file");
}

/* ---- migrate ---- */

static void test_migrate_usage(void **state)
{
	struct run r;
	GH(&r, NULL, NULL, "migrate", "--db", src_db);
	expect(&r, 2, "usage: gonghui migrate");
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--to", src_db);
	expect(&r, 2, "the same store");
	char none[256], to[300];
	snprintf(none, sizeof(none), "%s/none.db", dir);
	snprintf(to, sizeof(to), "%s/to.db", dir);
	GH(&r, NULL, NULL, "migrate", "--db", none, "--keys", src_keys, "--to", to);
	expect(&r, 1, "cannot open the database");
	assert_false(exists(to));
	/* a server that is not there: nothing written, not even the key folder */
	char tkeys[256];
	snprintf(tkeys, sizeof(tkeys), "%s/nowhere-keys", dir);
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", src_keys, "--to",
	   "postgresql:///x?host=/nonexistent-gh", "--to-keys", tkeys);
	expect(&r, 1, NULL);
	assert_non_null(strstr(r.err, "nothing was committed"));
	assert_false(exists(tkeys));
	/* the source's keys missing */
	char nokeys[256];
	snprintf(nokeys, sizeof(nokeys), "%s/nokeys-src", dir);
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", nokeys, "--to", to);
	expect(&r, 1, "key folder does not exist");
	assert_false(exists(to));
}

/* SQLite to SQLite: the same command on the other backend's bulk path (multi-row INSERTs). */
static void test_migrate_sqlite(void **state)
{
	char to[256], tkeys[256];
	snprintf(to, sizeof(to), "%s/lite/gonghui.db", dir);
	snprintf(tkeys, sizeof(tkeys), "%s/lite/keys", dir);
	sh("mkdir '%s/lite'", dir);
	struct run r;
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", src_keys, "--to", to);
	expect(&r, 0, "verified: row counts equal");
	assert_non_null(strstr(r.out, "\"verified\":true"));
	assert_non_null(strstr(r.out, "{\"name\":\"org\",\"rows\":"));
	same_keys(src_keys, tkeys); /* the default: keys beside the target */
	GH(&r, NULL, NULL, "audit", "verify", "--db", to);
	expect(&r, 0, "intact");
	GH(&r, NULL, NULL, "stats", "verify", "--db", to);
	expect(&r, 0, "every counter matches");
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", src_keys, "--to", to);
	expect(&r, 2, "not empty");
}

/* The demo member's ID number and the lookup's answer on the server s. */
static char *lookup(struct srv *s, int64_t member, char *idn, size_t cap)
{
	struct client c;
	client_init(&c, s);
	assert_int_equal(login(&c, "admin", ADMINPW), 200);
	struct resp r;
	if (!idn[0]) {
		assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/members/%" PRId64 "?reveal=1", member), 0);
		expect_status(&r, 200);
		snprintf(idn, cap, "%s", jstr(r.json, "id_number"));
		resp_free(&r);
	}
	json_t *b = json_pack("{s:s}", "id_number", idn);
	assert_int_equal(reqj(&c, "POST", "/api/members/lookup", b, &r), 0);
	expect_status(&r, 200);
	char *out = json_dumps(r.json, JSON_SORT_KEYS | JSON_COMPACT);
	resp_free(&r);
	client_release(&c);
	return out;
}

static int64_t first_member(struct srv *s)
{
	struct client c;
	client_init(&c, s);
	assert_int_equal(login(&c, "admin", ADMINPW), 200);
	struct resp r;
	int64_t gy = org_by_division(&c, "320707");
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/members?org=%" PRId64 "&limit=1", gy), 0);
	expect_status(&r, 200);
	int64_t id = jint(r.json, "items.0.id");
	resp_free(&r);
	client_release(&c);
	assert_true(id > 0);
	return id;
}

static void test_migrate_pg(void **state)
{
	if (!pg_base[0])
		skip();
	char url[700], tkeys[256];
	char name[64];
	snprintf(name, sizeof(name), "gh_mig_%ld", (long)getpid());
	pg_url(url, sizeof(url), name);
	snprintf(tkeys, sizeof(tkeys), "%s/pgkeys", dir);
	struct run r;
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", src_keys, "--to", url, "--to-keys", tkeys);
	expect(&r, 0, "verified: row counts equal");
	assert_non_null(strstr(r.err, "table person: "));
	json_error_t je;
	json_t *j = json_loads(r.out, 0, &je);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "verified")));
	json_t *tables = json_object_get(j, "tables");
	assert_true(json_array_size(tables) >= 20);
	int64_t audit_rows = -1, people = -1;
	size_t i;
	json_t *t;
	json_array_foreach(tables, i, t)
	{
		const char *n = json_string_value(json_object_get(t, "name"));
		if (!strcmp(n, "audit"))
			audit_rows = json_integer_value(json_object_get(t, "rows"));
		if (!strcmp(n, "person"))
			people = json_integer_value(json_object_get(t, "rows"));
	}
	json_decref(j);
	assert_true(audit_rows > 0);
	assert_true(people > 2000);
	same_keys(src_keys, tkeys);
	assert_int_equal(mode_of(tkeys), 0700);
	/* the target stands on its own: counters and audit chain */
	GH(&r, NULL, NULL, "stats", "verify", "--db", url, "--keys", tkeys);
	expect(&r, 0, "every counter matches");
	GH(&r, NULL, NULL, "audit", "verify", "--db", url, "--keys", tkeys);
	expect(&r, 0, "intact");

	/* a non-empty target is refused, and left as it was */
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", src_keys, "--to", url, "--to-keys", tkeys);
	expect(&r, 2, "not empty");
	GH(&r, NULL, NULL, "audit", "verify", "--db", url, "--keys", tkeys);
	expect(&r, 0, "intact");

	/* the same member lookup answers the same on both */
	struct srv lite = {0}, pgs = {0};
	snprintf(lite.dir, sizeof(lite.dir), "%s/serve-lite", dir);
	snprintf(pgs.dir, sizeof(pgs.dir), "%s/serve-pg", dir);
	sh("mkdir '%s' '%s'", lite.dir, pgs.dir);
	snprintf(lite.db, sizeof(lite.db), "%s", src_db);
	snprintf(lite.keys, sizeof(lite.keys), "%s", src_keys);
	snprintf(pgs.db, sizeof(pgs.db), "%s", url);
	snprintf(pgs.keys, sizeof(pgs.keys), "%s", tkeys);
	snprintf(pgs.pgdb, sizeof(pgs.pgdb), "%s", name); /* dropped by srv_stop */
	snprintf(lite.admin_pw, sizeof(lite.admin_pw), ADMINPW);
	snprintf(pgs.admin_pw, sizeof(pgs.admin_pw), ADMINPW);
	assert_int_equal(srv_serve(&lite, false), 0);
	assert_int_equal(srv_serve(&pgs, false), 0);
	int64_t member = first_member(&lite);
	char idn[32] = "";
	char *a = lookup(&lite, member, idn, sizeof(idn));
	char *b = lookup(&pgs, member, idn, sizeof(idn));
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "\"id\":"));
	free(a);
	free(b);
	lite.dir[0] = 0; /* its folder goes with the suite's */
	srv_stop(&lite);
	srv_stop(&pgs);
}

/* A verification failure (a changed audit row, a dangling reference in the source) commits nothing and leaves no key
 * file behind; the same target then takes a good migration. */
static void test_migrate_failure_commits_nothing(void **state)
{
	if (!pg_base[0])
		skip();
	char broken[256], bkeys[256], url[700], tkeys[256], name[64];
	snprintf(broken, sizeof(broken), "%s/broken/gonghui.db", dir);
	snprintf(bkeys, sizeof(bkeys), "%s/broken/keys", dir);
	sh("mkdir '%s/broken' && cp '%s' '%s' && cp -a '%s' '%s'", dir, src_db, broken, src_keys, bkeys);
	struct srv b = {0};
	snprintf(b.db, sizeof(b.db), "%s", broken);
	char *out = NULL;
	assert_int_equal(srv_sql(&b, "UPDATE audit SET action = 'forged' WHERE id = (SELECT min(id) FROM audit)", &out),
	                 0);
	free(out);
	snprintf(name, sizeof(name), "gh_migfail_%ld", (long)getpid());
	pg_url(url, sizeof(url), name);
	snprintf(tkeys, sizeof(tkeys), "%s/failkeys", dir);
	struct run r;
	GH(&r, NULL, NULL, "migrate", "--db", broken, "--keys", bkeys, "--to", url, "--to-keys", tkeys);
	expect(&r, 1, "verification failed: the target's audit chain");
	assert_non_null(strstr(r.err, "nothing was committed"));
	assert_false(exists(tkeys));
	/* a reference to no row (possible in a SQLite file written without foreign keys) */
	sh("cp '%s' '%s'", src_db, broken);
	assert_int_equal(
	        srv_sql(&b, "UPDATE flow_event SET case_id = 999999999 WHERE id = (SELECT min(id) FROM flow_event)",
	                &out),
	        0);
	free(out);
	GH(&r, NULL, NULL, "migrate", "--db", broken, "--keys", bkeys, "--to", url, "--to-keys", tkeys);
	/* on PostgreSQL flow_event.case_id is no foreign key (the cases are partitioned, decision 0010):
	 * the verification of the references stats verify makes catches it */
	expect(&r, 1, "verification failed");
	assert_non_null(strstr(r.err, "does not exist"));
	assert_false(exists(tkeys));
	/* a target key folder with other keys: refused before anything is loaded */
	sh("mkdir -m 0700 '%s' && head -c 32 /dev/urandom > '%s/field.key' && head -c 32 /dev/urandom > "
	   "'%s/index.key' && head -c 32 /dev/urandom > '%s/audit.key'",
	   tkeys, tkeys, tkeys, tkeys);
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", src_keys, "--to", url, "--to-keys", tkeys);
	expect(&r, 1, "different key set");
	sh("rm -rf '%s'", tkeys);
	/* the target is still empty: a good migration goes in */
	GH(&r, NULL, NULL, "migrate", "--db", src_db, "--keys", src_keys, "--to", url, "--to-keys", tkeys);
	expect(&r, 0, "verified");
	struct srv drop = {0};
	snprintf(drop.db, sizeof(drop.db), "%s", url);
	snprintf(drop.pgdb, sizeof(drop.pgdb), "%s", name);
	srv_stop(&drop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_keys_round_trip),   cmocka_unit_test(test_keys_refuses_other_set),
	        cmocka_unit_test(test_keys_bad_files),    cmocka_unit_test(test_keys_export_errors),
	        cmocka_unit_test(test_config_precedence), cmocka_unit_test(test_config_errors),
	        cmocka_unit_test(test_migrate_usage),     cmocka_unit_test(test_migrate_sqlite),
	        cmocka_unit_test(test_migrate_pg),        cmocka_unit_test(test_migrate_failure_commits_nothing),
	};
	return cmocka_run_group_tests_name("migrate", tests, setup, teardown);
}
