/*
 * Logging to stderr, one line per event with a UTC timestamp and a level.
 * Never log request bodies, query strings that may carry personal data, or revealed values:
 * callers pass only what they would show an operator.
 */
#ifndef GH_BASE_LOG_H
#define GH_BASE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Messages below this level are dropped (default LOG_INFO; GONGHUI_LOG=debug lowers it). */
void log_set_level(enum log_level l);
void log_msg(enum log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
