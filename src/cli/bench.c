/*
 * The benchmark commands' shared helpers (bench.h).
 */
#include "cli/bench.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

void bench_latency(FILE *js, bool *first, const char *name, double *t, int n)
{
	if (n <= 0)
		return;
	qsort(t, (size_t)n, sizeof(double), cmp_d);
	double p50 = t[n / 2] * 1e6, p99 = t[(n * 99) / 100] * 1e6, max = t[n - 1] * 1e6;
	printf("%-40s n=%d p50=%.1f us p99=%.1f us max=%.1f us\n", name, n, p50, p99, max);
	if (js)
		fprintf(js, "%s\n  {\"name\":\"%s\",\"n\":%d,\"p50_us\":%.2f,\"p99_us\":%.2f,\"max_us\":%.2f}",
		        *first ? "" : ",", name, n, p50, p99, max);
	*first = false;
}

double bench_peak_rss_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}
