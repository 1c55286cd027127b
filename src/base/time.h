/*
 * The clock and the calendar. Everything that depends on "now" (sessions, deadlines, throttling)
 * reads clock_now(); a server started with --test-clock lets tests set it (CONTRACT.md, "Time in
 * tests"), and from then on the clock stands still at the set instant until set again.
 * Times are UTC seconds; they are shown in Asia/Shanghai (UTC+8, no daylight saving).
 */
#ifndef GH_BASE_TIME_H
#define GH_BASE_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Seconds since the epoch, UTC: the real time or the test clock. Thread-safe. */
int64_t clock_now(void);
/* Sets the test clock to t (UTC seconds). */
void clock_set(int64_t t);
/* Goes back to the real clock. */
void clock_reset(void);

/* Days since 1970-01-01 of a proleptic Gregorian date; no range check. */
int64_t cal_days_from_civil(int y, int m, int d);
/* The date of a day count. */
void cal_civil_from_days(int64_t days, int *y, int *m, int *d);
/* true if y-m-d is a real date (1 <= m <= 12, day within the month, leap years). */
bool cal_valid(int y, int m, int d);

/* Parses "YYYY-MM-DD" exactly; 0 or -1. */
int cal_parse_date(const char *s, int *y, int *m, int *d);
/* Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)" into UTC seconds; 0 or -1. */
int time_parse_iso(const char *s, int64_t *out);
/* Formats t as "2026-12-01T09:00:00+08:00" (Asia/Shanghai) into out (at least 26 bytes). */
void time_format_iso(int64_t t, char *out, size_t cap);
/* The calendar date of t in Asia/Shanghai. */
void time_local_date(int64_t t, int *y, int *m, int *d);
/* Formats a date as "YYYY-MM-DD" (out at least 11 bytes). */
void cal_format_date(int y, int m, int d, char *out, size_t cap);

#endif
