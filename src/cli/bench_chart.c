/*
 * The chart of a `bench/run-all` results file (bench_chart.h): the figures against N, log-log, in
 * four panels described by the table `panels[]` — which results each takes, which JSON field it
 * plots, how it names and styles its series and what its title tells the reader to look for. The
 * layout is computed first (every panel's plot, legend and height), then the SVG is written in one
 * pass; the SVG's width and height follow the panels, and a legend always sits to the right of its
 * plot, never over it. Text widths are estimated (CJK glyphs a full em, others about 0.6 em).
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli/bench_chart.h"

#define CHART_MAX_SERIES 32
#define CHART_MAX_RUNS   8
#define CHART_MAX_LEGEND 40
#define CHART_LABEL_MAX  120 /* bytes of a legend line before it is cut with "…" */

/* Geometry, in SVG pixels. */
#define HEAD_H     44 /* the line naming the run, above the first panel */
#define TITLE_H    34 /* from a panel's top to its plot's top */
#define PLOT_LEFT  80 /* room for the y tick labels and the y axis name */
#define PLOT_W     520
#define PLOT_H     250
#define AXIS_H     46 /* below the plot: x tick labels and the x axis name */
#define LEG_GAP    28 /* between a plot and its legend */
#define LEG_PAD    8
#define LEG_ROW    18
#define LEG_SWATCH 26
#define PANEL_GAP  28
#define MIN_WIDTH  760

enum dash { DASH_SOLID, DASH_DASHED, DASH_DOTTED, DASH_DASHDOT, DASH__MAX };
static const char *const dash_array[DASH__MAX] = {"", "8 4", "2 3", "9 3 2 3"};
/* no purple: that is MariaDB's, in every panel */
static const char *const palette[] = {"#2471a3", "#c0392b", "#229954", "#d68910", "#17a589",
                                      "#5d6d7e", "#a04000", "#c2185b", "#7d8b0a"};
#define PALETTE_N (sizeof(palette) / sizeof(palette[0]))
#define GREY      "#7f8c8d"
#define MARIADB   "#7d3c98"

struct box {
	double x, y, w, h;
};

struct series {
	char name[160];  /* as in the results file: the series' identity across runs */
	char label[200]; /* in the legend */
	const char *colour;
	enum dash dash;
	int n;
	double x[CHART_MAX_RUNS], y[CHART_MAX_RUNS];
};

struct legend_item {
	char text[200];
	const char *colour; /* NULL: a heading */
	enum dash dash;
	bool marker;
};

struct panel;

struct panel_def {
	const char *title; /* what to look for */
	const char *axis;  /* the y axis */
	const char *key;   /* the JSON field plotted */
	const char *none;  /* the one line said when the file holds nothing for the panel */
	bool (*takes)(const char *workload, const char *name);
	void (*label)(char *buf, size_t size, const char *workload, const char *name);
	void (*style)(struct panel *p);  /* colour and dash of every series */
	void (*legend)(struct panel *p); /* the legend's lines */
};

struct panel {
	const struct panel_def *def;
	struct series s[CHART_MAX_SERIES];
	int n;
	struct legend_item leg[CHART_MAX_LEGEND];
	int nleg;
	double top, bottom, right; /* layout */
	struct box plot, legend;
	double y0, y1; /* log10 of the y axis' ends */
};

/* ---- text ---- */

/* The estimated width in pixels of UTF-8 text s at font size fs. */
static double text_width(const char *s, double fs, bool bold)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue; /* a continuation byte */
		if (*p >= 0xE0)
			w += fs; /* three or four bytes: CJK, full width */
		else
			w += fs * (bold ? 0.66 : 0.6);
	}
	return w;
}

/* Copies src to dst (size bytes), cut at a character boundary with "…" if longer than max. */
static void copy_cut(char *dst, size_t size, const char *src, size_t max)
{
	size_t n = strlen(src);
	if (max > size - 1)
		max = size - 1;
	if (n <= max) {
		memcpy(dst, src, n + 1);
		return;
	}
	n = max - 3; /* room for the three bytes of "…" */
	while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
		n--;
	memcpy(dst, src, n);
	memcpy(dst + n, "\xE2\x80\xA6", 4);
}

/* The XML text of s: &, <, >, and both quotes escaped, so any name is safe in text and attributes. */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			fputc(*s, f);
		}
}

/* v as a tick label: 10, 100, 1k, 10k, 100k, 1M, 2.5M, 1G; below 1: 0.1, 0.01. */
static void fmt_si(char *buf, size_t size, double v)
{
	static const struct {
		double f;
		const char *s;
	} units[] = {{1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (v >= units[i].f * 0.9999) {
			snprintf(buf, size, "%.3g%s", v / units[i].f, units[i].s);
			return;
		}
	snprintf(buf, size, "%.3g", v);
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* ---- W3: our counters against the baselines, colour by method and line style by level ---- */

static const struct {
	const char *match, *label, *colour;
} w3_methods[] = {
        {"counters", "our counters (org_stat)", "#1e8449"},
        {"path range", "COUNT over the path range", "#d68910"},
        {"recursive CTE COUNT (PostgreSQL)", "recursive CTE COUNT (PostgreSQL)", "#2471a3"},
        {"recursive CTE", "recursive CTE COUNT (SQLite)", "#c0392b"},
        {"FIND_IN_SET", "RuoYi ancestors + FIND_IN_SET (MariaDB)", MARIADB},
};
#define W3_METHODS (int)(sizeof(w3_methods) / sizeof(w3_methods[0]))
static const char *const w3_levels[DASH__MAX] = {"national", "provincial", "county", "town"};

static int w3_method(const char *name)
{
	for (int i = 0; i < W3_METHODS; i++)
		if (strstr(name, w3_methods[i].match))
			return i;
	return -1;
}

/* The level of "W3 <level>: …" (its dash), or -1. */
static int w3_level(const char *name)
{
	for (int i = 0; i < DASH__MAX; i++) {
		size_t n = strlen(w3_levels[i]);
		if (!strncmp(name + 3, w3_levels[i], n) && name[3 + n] == ':')
			return i;
	}
	return -1;
}

static bool w3_takes(const char *workload, const char *name)
{
	/* of PostgreSQL's run, its recursive CTE: its counters and path COUNT would only crowd it */
	if (!strcmp(workload, "baseline-postgresql"))
		return starts(name, "W3 ") && strstr(name, "recursive CTE");
	return (!strcmp(workload, "baseline") || !strcmp(workload, "baseline-mariadb")) && starts(name, "W3 ");
}

static void w3_style(struct panel *p)
{
	for (int i = 0; i < p->n; i++) {
		int m = w3_method(p->s[i].name), l = w3_level(p->s[i].name);
		p->s[i].colour = m < 0 ? GREY : w3_methods[m].colour;
		p->s[i].dash = l < 0 ? DASH_SOLID : (enum dash)l;
	}
}

static void legend_add(struct panel *p, const char *text, const char *colour, enum dash dash, bool marker)
{
	if (p->nleg == CHART_MAX_LEGEND)
		return;
	struct legend_item *it = &p->leg[p->nleg++];
	copy_cut(it->text, sizeof(it->text), text, CHART_LABEL_MAX);
	it->colour = colour;
	it->dash = dash;
	it->marker = marker;
}

/* Two parts: the colours (methods) then the line styles (levels), each only as far as drawn. */
static void w3_legend(struct panel *p)
{
	bool method[W3_METHODS + 1] = {false}, level[DASH__MAX] = {false};
	for (int i = 0; i < p->n; i++) {
		int m = w3_method(p->s[i].name), l = w3_level(p->s[i].name);
		method[m < 0 ? W3_METHODS : m] = true;
		level[l < 0 ? DASH_SOLID : l] = true;
	}
	legend_add(p, "colour = method", NULL, DASH_SOLID, false);
	for (int m = 0; m < W3_METHODS; m++)
		if (method[m])
			legend_add(p, w3_methods[m].label, w3_methods[m].colour, DASH_SOLID, true);
	if (method[W3_METHODS])
		legend_add(p, "other", GREY, DASH_SOLID, true);
	legend_add(p, "line = level (largest of each)", NULL, DASH_SOLID, false);
	for (int l = 0; l < DASH__MAX; l++)
		if (level[l])
			legend_add(p, w3_levels[l], "#333", (enum dash)l, false);
}

/* ---- the other panels: one legend line per series ---- */

static bool reads_takes(const char *workload, const char *name)
{
	return !strcmp(workload, "stats") || !strcmp(workload, "lookup") || !strcmp(workload, "search") ||
	       (!strcmp(workload, "baseline-mariadb") && starts(name, "W4 "));
}

static bool any_takes(const char *workload, const char *name)
{
	return true;
}

static void name_label(char *buf, size_t size, const char *workload, const char *name)
{
	copy_cut(buf, size, name, CHART_LABEL_MAX);
}

/* "root 中华全国总工会" of the stats workload reads "stats: root 中华全国总工会". */
static void reads_label(char *buf, size_t size, const char *workload, const char *name)
{
	char tmp[400];
	if (!strcmp(workload, "stats"))
		snprintf(tmp, sizeof(tmp), "stats: %s", name);
	else
		snprintf(tmp, sizeof(tmp), "%s", name);
	copy_cut(buf, size, tmp, CHART_LABEL_MAX);
}

/* Each series says its unit: W6 writes hotline cases, the others rows. */
static void writes_label(char *buf, size_t size, const char *workload, const char *name)
{
	char tmp[400];
	if (!strcmp(workload, "gen"))
		snprintf(tmp, sizeof(tmp), "gen: the synthetic country (rows/s)");
	else
		snprintf(tmp, sizeof(tmp), "%s (%s)", name, !strcmp(workload, "W6") ? "cases/s" : "rows/s");
	copy_cut(buf, size, tmp, CHART_LABEL_MAX);
}

/* Distinct colours, then the next line style once the palette is used up; the MariaDB baseline
 * purple and dashed, as in the W3 panel. */
static void palette_style(struct panel *p)
{
	size_t k = 0;
	for (int i = 0; i < p->n; i++)
		if (strstr(p->s[i].name, "MariaDB")) {
			p->s[i].colour = MARIADB;
			p->s[i].dash = DASH_DASHED;
		} else {
			p->s[i].colour = palette[k % PALETTE_N];
			p->s[i].dash = (enum dash)(k++ / PALETTE_N % DASH__MAX);
		}
}

/* The ceilings grey and dashed (the reference), the measured requests in colour. */
static void http_style(struct panel *p)
{
	int ceilings = 0, others = 0;
	for (int i = 0; i < p->n; i++)
		if (starts(p->s[i].name, "ceiling")) {
			p->s[i].colour = GREY;
			p->s[i].dash = ceilings++ % 2 ? DASH_DOTTED : DASH_DASHED;
		} else {
			p->s[i].colour = palette[(size_t)others % PALETTE_N];
			p->s[i].dash = (enum dash)((size_t)others++ / PALETTE_N % DASH__MAX);
		}
}

static void series_legend(struct panel *p)
{
	for (int i = 0; i < p->n; i++)
		legend_add(p, p->s[i].label, p->s[i].colour, p->s[i].dash, true);
}

static const struct panel_def panels[] = {
        {"W3: members of a subtree, p99 µs — flat is good: our counters stay at the bottom, the others climb with N",
         "p99 µs", "p99_us", "no W3 figures in this results file (no baseline run)", w3_takes, name_label, w3_style,
         w3_legend},
        {"Reads in process, p99 µs — flat is good: figures and lookups should not grow with N", "p99 µs", "p99_us",
         "no in-process read figures in this results file", reads_takes, reads_label, palette_style, series_legend},
        {"HTTP requests/s — higher is better: W2, W3 and W5 beside the ceiling (the library doing no work)",
         "requests/s", "rps", "no HTTP figures in this results file (wrk was not found)", any_takes, name_label,
         http_style, series_legend},
        {"Writes per second — higher is better, flat is good (rows/s; cases/s for W6)", "rows/s · cases/s",
         "rows_per_s", "no write figures in this results file", any_takes, writes_label, palette_style, series_legend},
};
#define PANELS (int)(sizeof(panels) / sizeof(panels[0]))

/* ---- figures ---- */

static void panel_add(struct panel *p, const char *workload, const char *name, double x, double y)
{
	if (!(x > 0 && y > 0 && isfinite(x) && isfinite(y)))
		return;
	char key[160];
	copy_cut(key, sizeof(key), name, sizeof(key) - 1);
	int i = 0;
	while (i < p->n && strcmp(p->s[i].name, key))
		i++;
	if (i == p->n) {
		if (p->n == CHART_MAX_SERIES)
			return;
		p->n++;
		memcpy(p->s[i].name, key, sizeof(key));
		p->def->label(p->s[i].label, sizeof(p->s[i].label), workload, name);
		p->s[i].n = 0;
	}
	struct series *s = &p->s[i];
	if (s->n == CHART_MAX_RUNS)
		return;
	/* kept in the order of x, so the line runs left to right */
	int j = s->n++;
	while (j > 0 && s->x[j - 1] > x) {
		s->x[j] = s->x[j - 1];
		s->y[j] = s->y[j - 1];
		j--;
	}
	s->x[j] = x;
	s->y[j] = y;
}

static double run_members(const json_t *run)
{
	return json_number_value(json_object_get(run, "members"));
}

/* The Ns of the runs, ascending and distinct; their number. */
static int collect_ns(const json_t *results, double *ns)
{
	int n = 0;
	size_t i;
	const json_t *run;
	json_array_foreach(json_object_get(results, "runs"), i, run)
	{
		double m = run_members(run);
		if (!(m > 0) || n == CHART_MAX_RUNS)
			continue;
		int j = 0;
		while (j < n && ns[j] < m)
			j++;
		if (j < n && ns[j] == m)
			continue;
		memmove(ns + j + 1, ns + j, sizeof(double) * (size_t)(n - j));
		ns[j] = m;
		n++;
	}
	return n;
}

static void collect(struct panel *ps, const json_t *results)
{
	size_t i, j, k;
	const json_t *run, *w, *item;
	json_array_foreach(json_object_get(results, "runs"), i, run)
	{
		double n = run_members(run);
		json_array_foreach(json_object_get(run, "workloads"), j, w)
		{
			const char *workload = json_string_value(json_object_get(w, "workload"));
			if (!workload)
				workload = "";
			json_array_foreach(json_object_get(w, "results"), k, item)
			{
				const char *name = json_string_value(json_object_get(item, "name"));
				if (!name)
					continue;
				for (int p = 0; p < PANELS; p++) {
					const json_t *v = json_object_get(item, panels[p].key);
					if (json_is_number(v) && panels[p].takes(workload, name))
						panel_add(&ps[p], workload, name, n, json_number_value(v));
				}
			}
		}
	}
}

/* ---- layout ---- */

/* Places p at top: its plot, its legend to the right, its bottom and right edges. */
static void layout(struct panel *p, double top)
{
	p->top = top;
	p->right = PLOT_LEFT + text_width(p->def->title, 15, true);
	if (p->n == 0) {
		p->bottom = top + TITLE_H + 24;
		p->right = fmax(p->right, PLOT_LEFT + text_width(p->def->none, 12, false));
		p->right += 12;
		return;
	}
	p->plot = (struct box){PLOT_LEFT, top + TITLE_H, PLOT_W, PLOT_H};
	double tw = 0;
	for (int i = 0; i < p->nleg; i++)
		tw = fmax(tw, text_width(p->leg[i].text, 11, !p->leg[i].colour));
	p->legend = (struct box){PLOT_LEFT + PLOT_W + LEG_GAP, p->plot.y, 2 * LEG_PAD + LEG_SWATCH + 8 + tw,
	                         2 * LEG_PAD + LEG_ROW * p->nleg};
	p->bottom = fmax(p->plot.y + PLOT_H + AXIS_H, p->legend.y + p->legend.h);
	p->right = fmax(p->right, p->legend.x + p->legend.w) + 12;
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < p->n; i++)
		for (int j = 0; j < p->s[i].n; j++) {
			lo = fmin(lo, log10(p->s[i].y[j]));
			hi = fmax(hi, log10(p->s[i].y[j]));
		}
	p->y0 = floor(lo);
	p->y1 = fmax(ceil(hi), p->y0 + 1);
}

/* ---- drawing ---- */

struct xaxis {
	double ns[CHART_MAX_RUNS];
	int n;
	double x0, x1; /* log10 of the ends */
};

static double px(const struct panel *p, const struct xaxis *a, double v)
{
	return p->plot.x + (log10(v) - a->x0) / (a->x1 - a->x0) * p->plot.w;
}

static double py(const struct panel *p, double v)
{
	return p->plot.y + p->plot.h - (log10(v) - p->y0) / (p->y1 - p->y0) * p->plot.h;
}

static void dash_attr(FILE *f, enum dash d)
{
	if (d != DASH_SOLID)
		fprintf(f, " stroke-dasharray=\"%s\"", dash_array[d]);
}

static void draw_axes(FILE *f, const struct panel *p, const struct xaxis *a)
{
	const struct box *b = &p->plot;
	double span = p->y1 - p->y0;
	for (double d = p->y0; d <= p->y1; d++) {
		char t[32];
		double y = py(p, pow(10, d));
		fmt_si(t, sizeof(t), pow(10, d));
		fprintf(f,
		        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
		        b->x, y, b->x + b->w, y, b->x - 6, y + 4, t);
		if (d == p->y1 || span > 4)
			continue;
		for (int m = 2; m <= 9; m++) { /* the steps between decades, named when there are few */
			double v = m * pow(10, d), ym = py(p, v);
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f3f3f3\"/>", b->x,
			        ym, b->x + b->w, ym);
			if (span <= 2 && (m == 2 || m == 5)) {
				fmt_si(t, sizeof(t), v);
				fprintf(f,
				        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#888\" "
				        "text-anchor=\"end\">%s</text>",
				        b->x - 6, ym + 4, t);
			}
		}
		fputc('\n', f);
	}
	for (int i = 0; i < a->n; i++) {
		char t[32];
		double x = px(p, a, a->ns[i]);
		fmt_si(t, sizeof(t), a->ns[i]);
		fprintf(f,
		        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
		        x, b->y, x, b->y + b->h, x, b->y + b->h + 16, t);
	}
	fprintf(f,
	        "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
	        "stroke=\"#999\"/>\n",
	        b->x, b->y, b->w, b->h);
	fprintf(f,
	        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">members (N), log scale</text>\n",
	        b->x + b->w / 2, b->y + b->h + 36);
	double cy = b->y + b->h / 2;
	fprintf(f,
	        "<text x=\"20\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 20 %.1f)\">",
	        cy, cy);
	xml_text(f, p->def->axis);
	fprintf(f, ", log scale</text>\n");
}

static void draw_series(FILE *f, const struct panel *p, const struct xaxis *a)
{
	for (int i = 0; i < p->n; i++) {
		const struct series *s = &p->s[i];
		if (s->n >= 2) { /* one N: points only */
			fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"", s->colour);
			dash_attr(f, s->dash);
			fprintf(f, " points=\"");
			for (int j = 0; j < s->n; j++)
				fprintf(f, "%s%.1f,%.1f", j ? " " : "", px(p, a, s->x[j]), py(p, s->y[j]));
			fprintf(f, "\"><title>");
			xml_text(f, s->name);
			fprintf(f, "</title></polyline>\n");
		}
		for (int j = 0; j < s->n; j++) {
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>", px(p, a, s->x[j]),
			        py(p, s->y[j]), s->colour);
			xml_text(f, s->name);
			fprintf(f, ": %.4g</title></circle>\n", s->y[j]);
		}
	}
}

static void draw_legend(FILE *f, const struct panel *p)
{
	const struct box *b = &p->legend;
	fprintf(f,
	        "<rect class=\"legend\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fafafa\" "
	        "stroke=\"#ccc\"/>\n",
	        b->x, b->y, b->w, b->h);
	for (int i = 0; i < p->nleg; i++) {
		const struct legend_item *it = &p->leg[i];
		double cy = b->y + LEG_PAD + i * LEG_ROW + LEG_ROW / 2.0, x = b->x + LEG_PAD;
		if (!it->colour) {
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"bold\" fill=\"#444\">",
			        x, cy + 4);
			xml_text(f, it->text);
			fprintf(f, "</text>\n");
			continue;
		}
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"", x,
		        cy, x + LEG_SWATCH, cy, it->colour);
		dash_attr(f, it->dash);
		fprintf(f, "/>");
		if (it->marker)
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>", x + LEG_SWATCH / 2.0, cy,
			        it->colour);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">", x + LEG_SWATCH + 8, cy + 4);
		xml_text(f, it->text);
		fprintf(f, "</text>\n");
	}
}

static void draw_panel(FILE *f, const struct panel *p, const struct xaxis *a)
{
	fprintf(f, "<g class=\"panel\" data-box=\"0 %.1f %.1f %.1f\">\n", p->top, p->right, p->bottom - p->top);
	fprintf(f, "<text class=\"title\" x=\"%d\" y=\"%.1f\" font-size=\"15\" font-weight=\"bold\">", PLOT_LEFT,
	        p->top + 18);
	xml_text(f, p->def->title);
	fprintf(f, "</text>\n");
	if (p->n == 0) {
		fprintf(f, "<text class=\"none\" x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"#888\">", PLOT_LEFT,
		        p->top + TITLE_H + 10);
		xml_text(f, p->def->none);
		fprintf(f, "</text>\n");
	} else {
		draw_axes(f, p, a);
		draw_series(f, p, a);
		draw_legend(f, p);
	}
	fprintf(f, "</g>\n");
}

int bench_chart_svg(FILE *f, const json_t *results)
{
	struct panel *ps = calloc(PANELS, sizeof(*ps));
	if (!ps)
		return -1;
	struct xaxis a;
	a.n = collect_ns(results, a.ns);
	/* a quarter decade of room either side of the Ns, half a decade round a single N */
	double pad = a.n > 1 && a.ns[a.n - 1] > a.ns[0] ? 0.25 : 0.5;
	a.x0 = a.n ? log10(a.ns[0]) - pad : 0;
	a.x1 = a.n ? log10(a.ns[a.n - 1]) + pad : 1;

	for (int i = 0; i < PANELS; i++)
		ps[i].def = &panels[i];
	collect(ps, results);
	int total = 0;
	double top = HEAD_H, width = MIN_WIDTH;
	for (int i = 0; i < PANELS; i++) {
		ps[i].def->style(&ps[i]);
		ps[i].def->legend(&ps[i]);
		layout(&ps[i], top);
		top = ps[i].bottom + PANEL_GAP;
		width = fmax(width, ps[i].right);
		total += ps[i].n;
	}

	const char *date = json_string_value(json_object_get(results, "date"));
	const char *machine = json_string_value(json_object_get(results, "machine"));
	char head[400], ns[160] = "";
	for (int i = 0; i < a.n; i++) {
		char t[32];
		fmt_si(t, sizeof(t), a.ns[i]);
		size_t l = strlen(ns);
		snprintf(ns + l, sizeof(ns) - l, "%s%s", i ? ", " : "", t);
	}
	snprintf(head, sizeof(head), "gonghui bench/run-all%s%s%s%s — N = %s", date ? " — " : "", date ? date : "",
	         machine ? " — " : "", machine ? machine : "", a.n ? ns : "none");
	width = ceil(fmax(width, PLOT_LEFT + text_width(head, 13, false) + 12));
	double height = ceil(top - PANEL_GAP + 16);

	fprintf(f,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
	        "font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
	        width, height, width, height);
	fprintf(f, "<text x=\"%d\" y=\"24\" font-size=\"13\" fill=\"#555\">", PLOT_LEFT);
	xml_text(f, head);
	fprintf(f, "</text>\n");
	for (int i = 0; i < PANELS; i++)
		draw_panel(f, &ps[i], &a);
	fprintf(f, "</svg>\n");
	free(ps);
	return ferror(f) ? -1 : total;
}
