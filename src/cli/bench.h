/*
 * What the benchmark commands share: a monotonic clock, percentiles over every sample, the JSON
 * lines of `--json FILE`, and peak memory. Timings are printed and written, never asserted.
 */
#ifndef GH_CLI_BENCH_H
#define GH_CLI_BENCH_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/cli.h"

/* Seconds on the monotonic clock. */
double bench_now(void);
/* Sorts the n samples t (seconds) and prints name, n, p50, p99 and max in µs; with js, appends
 * the same as one JSON object of the results array (first: no comma before it). */
void bench_latency(FILE *js, bool *first, const char *name, double *t, int n);
/* Peak resident memory of this process so far, in MB. */
double bench_peak_rss_mb(void);
/* The suite's workloads of cmd_bench_suite.c: true if w is one of them. */
bool bench_suite_has(const char *w);
/* Runs workload w (gen, baseline); exit status. */
int bench_suite(struct cli *c, const char *w, FILE *js, bool *first);

#endif
