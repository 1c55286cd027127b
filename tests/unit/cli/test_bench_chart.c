/*
 * Unit tests of the benchmark chart (src/cli/bench_chart.c): results files written here, charted,
 * and the SVG read back — it is one <svg> element, each of the four panels has one title, the
 * series' names are there (escaped), and by the coordinates it emits nothing lies outside the SVG
 * or outside its panel, no two panels overlap and no legend overlaps a plot. A run without MariaDB
 * or wrk, a single N, no runs at all and a crowded panel are drawn as well as the full file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/bench_chart.h"

struct box {
	double x, y, w, h;
};

/* Charts the results text (written to a file and loaded, as the CLI does); the SVG, to free. */
static char *chart(const char *results, int *series)
{
	char path[] = "/tmp/gh-chart-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(results, f);
	assert_int_equal(fclose(f), 0);
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err);
	unlink(path);
	assert_non_null(root);
	char *svg = NULL;
	size_t len = 0;
	f = open_memstream(&svg, &len);
	assert_non_null(f);
	*series = bench_chart_svg(f, root);
	assert_int_equal(fclose(f), 0);
	json_decref(root);
	return svg;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* The number of attribute attr (e.g. " x=\"") in the tag starting at tag (up to its '>'). */
static bool attr(const char *tag, const char *name, double *v)
{
	char key[32];
	snprintf(key, sizeof(key), " %s=\"", name);
	const char *end = strchr(tag, '>'), *p = strstr(tag, key);
	if (!p || !end || p > end)
		return false;
	*v = strtod(p + strlen(key), NULL);
	return true;
}

static bool inside(struct box b, double x, double y)
{
	return x >= b.x - 0.01 && x <= b.x + b.w + 0.01 && y >= b.y - 0.01 && y <= b.y + b.h + 0.01;
}

static bool box_in(struct box in, struct box out)
{
	return inside(out, in.x, in.y) && inside(out, in.x + in.w, in.y + in.h);
}

static bool overlap(struct box a, struct box b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static struct box rect_of(const char *tag)
{
	struct box b;
	assert_true(attr(tag, "x", &b.x) && attr(tag, "y", &b.y) && attr(tag, "width", &b.w) &&
	            attr(tag, "height", &b.h));
	return b;
}

/* Every point an element of the panel [from, to) is drawn at lies inside box. */
static void points_inside(const char *from, const char *to, struct box box)
{
	static const char *const xs[] = {"x", "x1", "x2", "cx"}, *const ys[] = {"y", "y1", "y2", "cy"};
	for (const char *t = strchr(from, '<'); t && t < to; t = strchr(t + 1, '<')) {
		if (t[1] == '/' || !strncmp(t, "<g ", 3))
			continue;
		for (int i = 0; i < 4; i++) {
			double x, y;
			bool hx = attr(t, xs[i], &x), hy = attr(t, ys[i], &y);
			assert_true(hx == hy);
			if (hx && !inside(box, x, y)) {
				fprintf(stderr, "outside its panel: %.60s\n", t);
				fail();
			}
		}
		const char *p = strstr(t, " points=\"");
		if (p && p < strchr(t, '>')) {
			p += 9;
			while (*p != '"') {
				char *e;
				double x = strtod(p, &e), y = strtod(e + 1, &e);
				assert_true(inside(box, x, y));
				p = e + (*e == ' ');
			}
		}
	}
}

/* Checks the SVG's shape and layout; the number of panels that drew a plot. */
static int check_layout(const char *svg)
{
	size_t len = strlen(svg);
	assert_true(!strncmp(svg, "<svg", 4));
	assert_true(len > 7 && !strcmp(svg + len - 7, "</svg>\n"));
	struct box page = {0, 0, 0, 0};
	assert_true(attr(svg, "width", &page.w) && attr(svg, "height", &page.h));
	assert_int_equal(count(svg, "<g class=\"panel\""), 4);
	assert_int_equal(count(svg, "class=\"title\""), 4);
	assert_int_equal(count(svg, "<g "), count(svg, "</g>"));
	struct box panels[4];
	int np = 0, plots = 0;
	for (const char *g = strstr(svg, "<g class=\"panel\""); g; g = strstr(g + 1, "<g class=\"panel\"")) {
		const char *end = strstr(g, "</g>");
		struct box b;
		assert_int_equal(sscanf(strstr(g, "data-box=\"") + 10, "%lf %lf %lf %lf", &b.x, &b.y, &b.w, &b.h), 4);
		assert_true(box_in(b, page));
		for (int i = 0; i < np; i++)
			assert_false(overlap(b, panels[i]));
		panels[np++] = b;
		/* one title per panel, inside it */
		const char *title = strstr(g, "class=\"title\"");
		assert_true(title && title < end);
		assert_true(strstr(title + 1, "class=\"title\"") == NULL || strstr(title + 1, "class=\"title\"") > end);
		points_inside(g, end, b);
		const char *plot = strstr(g, "<rect class=\"plot\""), *legend = strstr(g, "<rect class=\"legend\"");
		bool has_plot = plot && plot < end, has_legend = legend && legend < end;
		assert_true(has_plot == has_legend); /* a plot always has its legend */
		if (!has_plot) {
			const char *none = strstr(g, "class=\"none\"");
			assert_true(none && none < end); /* says so in one line */
			continue;
		}
		plots++;
		struct box pb = rect_of(plot), lb = rect_of(legend);
		assert_true(box_in(pb, b));
		assert_true(box_in(lb, b));
		assert_true(box_in(lb, page));
		assert_false(overlap(pb, lb));
		/* the legend's lines lie inside the legend */
		points_inside(legend + 1, end, lb);
	}
	return plots;
}

/* Three Ns; every panel; names with &, <, > and quotes. */
static const char full[] =
        "{\"date\":\"2026-11-23\",\"machine\":\"test & <box>\",\"runs\":["
        "{\"members\":1000,\"workloads\":["
        "{\"workload\":\"gen\",\"results\":[{\"name\":\"gen\",\"rows_per_s\":9000}]},"
        "{\"workload\":\"stats\",\"results\":[{\"name\":\"root & \\\"all\\\"\",\"p99_us\":40}]},"
        "{\"workload\":\"lookup\",\"results\":[{\"name\":\"W2 lookup <by ID>\",\"p99_us\":60}]},"
        "{\"workload\":\"baseline\",\"results\":["
        "{\"name\":\"W3 national: counters (org_stat)\",\"p99_us\":48},"
        "{\"name\":\"W3 national: COUNT over the path range\",\"p99_us\":4000},"
        "{\"name\":\"W3 town: recursive CTE COUNT (baseline)\",\"p99_us\":9000},"
        "{\"name\":\"W3 ratio town\",\"cte_over_counters\":500}]},"
        "{\"workload\":\"baseline-mariadb\",\"results\":["
        "{\"name\":\"W3 county: RuoYi ancestors + FIND_IN_SET COUNT (MariaDB)\",\"p99_us\":30000},"
        "{\"name\":\"W4 county: first roster page 'a'\",\"p99_us\":12000}]},"
        "{\"workload\":\"baseline-postgresql\",\"results\":["
        "{\"name\":\"W3 county: counters (org_stat, PostgreSQL)\",\"p99_us\":200},"
        "{\"name\":\"W3 county: recursive CTE COUNT (PostgreSQL)\",\"p99_us\":20000}]},"
        "{\"workload\":\"import\",\"results\":[{\"name\":\"import interval\",\"us_per_row\":50},"
        "{\"name\":\"import csv\",\"rows_per_s\":17000}]},"
        "{\"workload\":\"http\",\"results\":[{\"name\":\"ceiling c8\",\"rps\":40000,\"p99_us\":4000},"
        "{\"name\":\"W2 lookup over HTTP c8\",\"rps\":9000,\"p99_us\":9000}]},"
        "{\"workload\":\"W6\",\"results\":[{\"name\":\"W6 hotline cases, group commit\",\"rows_per_s\":290,"
        "\"p99_us\":300000}]}]},"
        "{\"members\":100000,\"workloads\":["
        "{\"workload\":\"stats\",\"results\":[{\"name\":\"root & \\\"all\\\"\",\"p99_us\":45}]},"
        "{\"workload\":\"baseline\",\"results\":["
        "{\"name\":\"W3 national: counters (org_stat)\",\"p99_us\":50},"
        "{\"name\":\"W3 national: COUNT over the path range\",\"p99_us\":400000}]},"
        "{\"workload\":\"http\",\"results\":[{\"name\":\"ceiling c8\",\"rps\":39000}]}]},"
        "{\"members\":10000000,\"workloads\":["
        "{\"workload\":\"stats\",\"results\":[{\"name\":\"root & \\\"all\\\"\",\"p99_us\":52}]},"
        "{\"workload\":\"baseline\",\"results\":["
        "{\"name\":\"W3 national: counters (org_stat)\",\"p99_us\":55}]}]}]}";

static void test_full(void **state)
{
	int n;
	char *svg = chart(full, &n);
	assert_int_equal(check_layout(svg), 4);
	/* W3 (5: the PostgreSQL CTE, not its counters) + reads (3) + HTTP (2) + writes (3) */
	assert_int_equal(n, 13);
	/* the series' names, escaped */
	assert_non_null(strstr(svg, "root &amp; &quot;all&quot;"));
	assert_non_null(strstr(svg, "W2 lookup &lt;by ID&gt;"));
	assert_non_null(strstr(svg, "W4 county: first roster page &apos;a&apos;"));
	assert_non_null(strstr(svg, "test &amp; &lt;box&gt;"));
	assert_null(strstr(svg, "<by ID>"));
	assert_non_null(strstr(svg, "W3 national: counters (org_stat)"));
	assert_non_null(strstr(svg, "ceiling c8"));
	assert_non_null(strstr(svg, "import csv (rows/s)"));
	assert_non_null(strstr(svg, "W6 hotline cases, group commit (cases/s)"));
	/* W3's legend in two parts: the methods drawn, the levels drawn */
	assert_non_null(strstr(svg, "colour = method"));
	assert_non_null(strstr(svg, "RuoYi ancestors + FIND_IN_SET (MariaDB)"));
	/* PostgreSQL's recursive CTE has its own colour; its counters are left out of the panel */
	assert_non_null(strstr(svg, "recursive CTE COUNT (PostgreSQL)"));
	assert_non_null(strstr(svg, "recursive CTE COUNT (SQLite)"));
	assert_null(strstr(svg, "org_stat, PostgreSQL"));
	assert_non_null(strstr(svg, ">national</text>"));
	assert_non_null(strstr(svg, ">town</text>"));
	assert_null(strstr(svg, ">provincial</text>"));
	/* the Ns name the x axis; readable ticks, no exponents */
	assert_non_null(strstr(svg, ">1k</text>"));
	assert_non_null(strstr(svg, ">100k</text>"));
	assert_non_null(strstr(svg, ">10M</text>"));
	assert_null(strstr(svg, ">1e"));
	/* a series with several Ns is a line; the ratio and the interval are not drawn */
	assert_non_null(strstr(svg, "<polyline"));
	assert_null(strstr(svg, "W3 ratio"));
	assert_null(strstr(svg, "import interval"));
	free(svg);
}

/* One N, no MariaDB, no wrk, no writes: points without lines, and three panels that say so. */
static void test_one_n_and_missing(void **state)
{
	int n;
	char *svg = chart("{\"runs\":[{\"members\":100000,\"workloads\":[{\"workload\":\"stats\",\"results\":"
	                  "[{\"name\":\"root\",\"p99_us\":40},{\"name\":\"town\",\"p99_us\":41}]}]}]}",
	                  &n);
	assert_int_equal(n, 2);
	assert_int_equal(check_layout(svg), 1);
	assert_int_equal(count(svg, "class=\"none\""), 3);
	assert_null(strstr(svg, "<polyline"));
	assert_int_equal(count(svg, "<circle cx"), 4); /* two points, two legend markers */
	assert_non_null(strstr(svg, "wrk was not found"));
	free(svg);
	/* nothing at all */
	svg = chart("{\"runs\":[]}", &n);
	assert_int_equal(n, 0);
	assert_int_equal(check_layout(svg), 0);
	assert_int_equal(count(svg, "class=\"none\""), 4);
	free(svg);
}

/* A crowded panel: its legend is taller than its plot and its names long; the panel grows to hold
 * it and the next panel starts below, the SVG wider to hold the names. */
static void test_crowded_legend(void **state)
{
	char *buf = malloc(64000);
	assert_non_null(buf);
	size_t l = (size_t)snprintf(buf, 64000, "{\"runs\":[");
	for (int r = 0; r < 3; r++) {
		l += (size_t)snprintf(buf + l, 64000 - l,
		                      "%s{\"members\":%d,\"workloads\":[{\"workload\":\"search\",\"results\":[",
		                      r ? "," : "",
		                      r == 0   ? 100000
		                      : r == 1 ? 1000000
		                               : 10000000);
		for (int i = 0; i < 40; i++)
			l += (size_t)snprintf(
			        buf + l, 64000 - l,
			        "%s{\"name\":\"search %d 中华全国总工会 a rather long name that goes on and on "
			        "and on and on and on and on and on and on and on and on and on\",\"p99_us\":%d}",
			        i ? "," : "", i, 10 + i * 7 + r);
		l += (size_t)snprintf(buf + l, 64000 - l,
		                      "]},{\"workload\":\"http\",\"results\":[{\"name\":\"ceiling "
		                      "c8\",\"rps\":40000}]}]}");
	}
	snprintf(buf + l, 64000 - l, "]}");
	int n;
	char *svg = chart(buf, &n);
	free(buf);
	assert_int_equal(n, 32 + 1); /* at most 32 series a panel */
	assert_int_equal(check_layout(svg), 2);
	assert_non_null(strstr(svg, "…")); /* the long names cut */
	free(svg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_full),
	        cmocka_unit_test(test_one_n_and_missing),
	        cmocka_unit_test(test_crowded_legend),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
