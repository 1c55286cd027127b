/*
 * Schema 3 -> 4 on PostgreSQL, this module's part: the same tables as v4_stations.h in the PostgreSQL
 * dialect (BIGINT ids, BYTEA blobs, COLLATE "C" on path columns; see schema_pg.c). Included by
 * schema_pg.c into migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V4_STATIONS_H
#define GH_STORE_SCHEMA_PG_V4_STATIONS_H

#define SCHEMA_PG_V4_STATIONS                                                                                \
	"CREATE TABLE station("                                                                              \
	" id BIGINT PRIMARY KEY,"                                                                            \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                        \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                                 \
	" name TEXT NOT NULL, address TEXT NOT NULL,"                                                        \
	" lat_e6 BIGINT NOT NULL CHECK (lat_e6 BETWEEN -90000000 AND 90000000),"                             \
	" lng_e6 BIGINT NOT NULL CHECK (lng_e6 BETWEEN -180000000 AND 180000000),"                           \
	" cell_r BIGINT NOT NULL, cell_c BIGINT NOT NULL,"                                                   \
	" amenities BIGINT NOT NULL DEFAULT 0,"                                                              \
	" hours TEXT NOT NULL,"                                                                              \
	" phone TEXT,"                                                                                       \
	" active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"                                        \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                                   \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"                                          \
	"CREATE INDEX station_scope ON station(path, name, id, active, address);"                            \
	"CREATE INDEX station_org ON station(org_id);"                                                       \
	"CREATE INDEX station_near_r ON station(cell_r, lat_e6, lng_e6, amenities, hours) WHERE active = 1;" \
	"CREATE INDEX station_near_c ON station(cell_c, lat_e6, lng_e6, amenities, hours) WHERE active = 1;"

#endif
