/*
 * The clock and calendar of time.h. Civil-date arithmetic after Howard Hinnant's
 * days_from_civil algorithm (public domain description), written here from the formula.
 */
#include "base/time.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SHANGHAI_OFFSET (8 * 3600)

static _Atomic int64_t test_now;
static atomic_bool test_set;

int64_t clock_now(void)
{
	if (atomic_load(&test_set))
		return atomic_load(&test_now);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

void clock_set(int64_t t)
{
	atomic_store(&test_now, t);
	atomic_store(&test_set, true);
}

void clock_reset(void)
{
	atomic_store(&test_set, false);
}

int64_t cal_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cal_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

bool cal_valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int n = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		n = 29;
	return d <= n;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int cal_parse_date(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, y) || digits(s + 5, 2, m) || digits(s + 8, 2, d))
		return -1;
	return cal_valid(*y, *m, *d) ? 0 : -1;
}

int time_parse_iso(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, sec = 0;
	if (!s || strlen(s) < 16 || s[10] != 'T' || s[13] != ':')
		return -1;
	char date[11];
	memcpy(date, s, 10);
	date[10] = 0;
	if (cal_parse_date(date, &y, &mo, &d) || digits(s + 11, 2, &h) || digits(s + 14, 2, &mi))
		return -1;
	const char *p = s + 16;
	if (*p == ':') {
		if (digits(p + 1, 2, &sec))
			return -1;
		p += 3;
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	int off = 0;
	if (*p == 'Z' && p[1] == 0) {
		off = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh, om;
		if (digits(p + 1, 2, &oh) || digits(p + 4, 2, &om) || oh > 14 || om > 59)
			return -1;
		off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
	} else {
		return -1;
	}
	*out = cal_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	return 0;
}

void time_local_date(int64_t t, int *y, int *m, int *d)
{
	int64_t lt = t + SHANGHAI_OFFSET;
	int64_t days = lt >= 0 ? lt / 86400 : -((-lt + 86399) / 86400);
	cal_civil_from_days(days, y, m, d);
}

void time_format_iso(int64_t t, char *out, size_t cap)
{
	int64_t lt = t + SHANGHAI_OFFSET;
	int64_t days = lt >= 0 ? lt / 86400 : -((-lt + 86399) / 86400);
	int64_t secs = lt - days * 86400;
	int y, m, d;
	cal_civil_from_days(days, &y, &m, &d);
	snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
	         (int)(secs % 60));
}

void cal_format_date(int y, int m, int d, char *out, size_t cap)
{
	snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
}
