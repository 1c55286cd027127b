/*
 * The route table and the dispatcher of every /api/ request: match (method, path) against the
 * table, find the session, check the route's capability and the CSRF token, decode the body,
 * build the domain context, call the handler. No if-chains of paths: the table is the map.
 */
#ifndef GH_ROUTE_ROUTE_H
#define GH_ROUTE_ROUTE_H

#include <stdbool.h>

#include "http/http.h"

struct route_config {
	const char *db_url;   /* each worker thread opens its own connection to it */
	bool test_clock;      /* PUT /api/test/clock exists */
	bool trust_proxy;     /* behind a trusted reverse proxy: X-Forwarded-For names the client and
			     * X-Forwarded-Proto: https makes cookies Secure */
	const char *tile_url; /* the map tiles of the station finder ({z}/{x}/{y}), or NULL */
	bool group_commit;    /* concurrent writes share one COMMIT (domain/group.h; SQLite) */
};

void route_init(const struct route_config *cfg);
/* The http_handler of the server. */
void route_dispatch(struct http_req *r);

/* For the docs test: the number of routes and each one's method and pattern. */
int route_count(void);
void route_get(int i, const char **method, const char **pattern);

#endif
