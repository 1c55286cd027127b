/*
 * `gonghui serve [--port N] [--host A] [--threads N] [--web DIR] [--test-clock]`: serves the API
 * and the web UI until SIGINT or SIGTERM. Its first line on stdout is
 * "listening on http://HOST:PORT" (tests read the port from it). `--tile-url URL` (or
 * GONGHUI_TILE_URL) names a map tile server for the station finder, e.g.
 * 'https://tile.example.org/{z}/{x}/{y}.png'; its origin joins the pages' img-src.
 * `--group-commit on|off` (or GONGHUI_GROUP_COMMIT; on by default): concurrent writes share one
 * durable COMMIT on SQLite (docs/decisions/0012-group-commit.md); off, each write commits alone
 * (the baseline of benchmark W6).
 */
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/keys.h"
#include "base/log.h"
#include "cli/cli.h"
#include "domain/tx.h"
#include "domain/group.h"
#include "http/http.h"
#include "route/route.h"
#include "store/store.h"

static bool has_index(const char *dir)
{
	char p[4200];
	struct stat sb;
	snprintf(p, sizeof(p), "%s/index.html", dir);
	return stat(p, &sb) == 0;
}

static const char *find_web(struct cli *c, char *buf, size_t cap)
{
	const char *w = cli_opt(c, "web");
	if (w)
		return w;
	if (has_index("web/dist"))
		return "web/dist";
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		snprintf(buf, cap, "%s/../web/dist", exe);
		if (has_index(buf))
			return buf;
	}
	return NULL;
}

/* Checks a tile URL template: http(s), {z} {x} {y} in it, nothing that could break out of the
 * Content-Security-Policy or an attribute; writes its origin ("https://host:port"). 0 or -1. */
static int tile_origin(const char *url, char *origin, size_t cap)
{
	size_t n = strlen(url);
	size_t skip = !strncmp(url, "https://", 8) ? 8 : !strncmp(url, "http://", 7) ? 7 : 0;
	if (!skip || n > 1000 || !strstr(url, "{z}") || !strstr(url, "{x}") || !strstr(url, "{y}"))
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f || strchr("\"'<>\\`;,", url[i]))
			return -1;
	size_t end = skip;
	while (url[end] && url[end] != '/' && url[end] != '?' && url[end] != '#')
		end++;
	if (end == skip || end >= cap)
		return -1;
	for (size_t i = skip; i < end; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]", url[i]))
			return -1;
	snprintf(origin, cap, "%.*s", (int)end, url);
	return 0;
}

int cmd_serve(struct cli *c)
{
	int port = 8080;
	const char *ps = cli_opt(c, "port");
	if (ps) {
		char *end;
		long v = strtol(ps, &end, 10);
		if (*end || v < 0 || v > 65535) {
			cli_say(c, "gonghui: --port 应为 0 到 65535", "gonghui: --port must be 0 to 65535");
			return 2;
		}
		port = (int)v;
	}
	int threads = 4;
	const char *ts = cli_opt(c, "threads");
	if (ts)
		threads = (int)strtol(ts, NULL, 10);
	const char *tiles = cli_opt(c, "tile-url");
	char origin[256];
	if (tiles && tile_origin(tiles, origin, sizeof(origin)) < 0) {
		cli_say(c, "gonghui: --tile-url 应为含 {z}、{x}、{y} 的 http(s) 地址",
		        "gonghui: --tile-url must be an http(s) URL with {z}, {x} and {y}");
		return 2;
	}
	const char *gc = cli_opt(c, "group-commit");
	if (gc && strcmp(gc, "on") && strcmp(gc, "off")) {
		cli_say(c, "gonghui: --group-commit 应为 on 或 off", "gonghui: --group-commit must be on or off");
		return 2;
	}
	struct ctx ctx;
	struct arena a;
	int rc = cli_open(c, &ctx, &a);
	if (rc)
		return rc;
	cli_close(&ctx); /* the workers open their own connections */
	char webbuf[PATH_MAX + 32];
	const char *web = find_web(c, webbuf, sizeof(webbuf));
	if (!web)
		log_warn("serve: web/dist not found; only the API is served");
	struct route_config rc_cfg = {.db_url = c->db,
	                              .test_clock = cli_flag(c, "test-clock"),
	                              .trust_proxy = cli_flag(c, "trust-proxy"),
	                              .tile_url = tiles,
	                              .group_commit = !gc || !strcmp(gc, "on")};
	route_init(&rc_cfg);
	/* glibc gives memory back when a heap's free top exceeds 128 KiB and takes it again on the
	 * next request (sysmalloc, malloc_consolidate, mprotect): with up to 16 arenas shared by the
	 * workers that churned on every write. Keep up to 8 MiB free per heap instead. */
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	const char *host = cli_opt(c, "host");
	struct http_config hc = {.host = host ? host : "127.0.0.1",
	                         .port = port,
	                         .threads = threads,
	                         .web_dir = web,
	                         .img_origin = tiles ? origin : NULL};
	int bound;
	if (http_start(&hc, route_dispatch, &bound) < 0) {
		cli_say(c, "gonghui: 无法监听端口", "gonghui: cannot listen on the port");
		return 1;
	}
	printf("listening on http://%s:%d\n", hc.host, bound);
	fflush(stdout);
	int sig;
	sigwait(&set, &sig);
	log_info("serve: stopping");
	http_stop();
	group_close();   /* the batches' connection: the last to close checkpoints the WAL, as before */
	tx_head_flush(); /* the audit head of the last batch is on disk */
	struct group_stats gs;
	group_stats_get(&gs);
	if (gs.batches)
		log_info("serve: group commit: %llu writes in %llu batches (largest %llu, %llu failed)",
		         (unsigned long long)gs.jobs, (unsigned long long)gs.batches, (unsigned long long)gs.largest,
		         (unsigned long long)gs.failed_batches);
	return 0;
}
