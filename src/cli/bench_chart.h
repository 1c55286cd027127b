/*
 * The chart of a `bench/run-all` results file (`gonghui bench chart`): its figures against N
 * (members), log-log, as one SVG written by hand, in four panels stacked top to bottom — W3 (our
 * counters against the path-range COUNT, the recursive CTE and RuoYi's FIND_IN_SET), reads in
 * process (p99), HTTP requests/s, writes/s — each with a title saying what to look for and its
 * legend beside it. Called by cmd_bench_suite.c and the unit test; it reads only the JSON it is
 * given and never opens a store.
 */
#ifndef GH_CLI_BENCH_CHART_H
#define GH_CLI_BENCH_CHART_H

#include <jansson.h>
#include <stdio.h>

/* Writes the SVG of results (the object `bench/run-all` writes: {"runs":[{"members":N,
 * "workloads":[{"workload":W,"results":[{"name":…,…}]}]}]}) to f. A series the file lacks is
 * absent; a panel with nothing to draw says so in one line. Every element of a panel lies inside
 * its `<g class="panel" data-box="x y w h">`; its plot is `<rect class="plot">` and its legend
 * `<rect class="legend">`, and neither overlaps anything else (the unit test holds it to that).
 * Returns the number of series drawn, or -1 if f could not be written. */
int bench_chart_svg(FILE *f, const json_t *results);

#endif
