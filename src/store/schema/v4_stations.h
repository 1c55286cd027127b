/*
 * Schema 3 -> 4, the part of outdoor-worker service stations (户外劳动者服务站点) and the
 * nearest-station search. Included by schema_sqlite.c into migration 4. Never edit it once
 * released: add the next migration.
 *
 * Coordinates are WGS-84 micro-degrees (integers, exact). cell_r and cell_c are the station's
 * grid cell (domain/station.h: 0.02° cells) numbered row-major and column-major: a row of cells
 * is one range of cell_r, a column one range of cell_c, so a ring of cells around a point is four
 * index ranges. Both indexes cover what the search reads (coordinates, amenities, hours) and
 * hold only active stations. station_scope covers the console list's filters and order (name, id)
 * so that a page of a whole country's stations sorts index entries, not rows.
 */
#ifndef GH_STORE_SCHEMA_V4_STATIONS_H
#define GH_STORE_SCHEMA_V4_STATIONS_H

#define SCHEMA_V4_STATIONS                                                                                   \
	"CREATE TABLE station("                                                                              \
	" id INTEGER PRIMARY KEY,"                                                                           \
	" org_id INTEGER NOT NULL REFERENCES org(id),"                                                       \
	" path TEXT NOT NULL,"                                                                               \
	" name TEXT NOT NULL, address TEXT NOT NULL,"                                                        \
	" lat_e6 INTEGER NOT NULL CHECK (lat_e6 BETWEEN -90000000 AND 90000000),"                            \
	" lng_e6 INTEGER NOT NULL CHECK (lng_e6 BETWEEN -180000000 AND 180000000),"                          \
	" cell_r INTEGER NOT NULL, cell_c INTEGER NOT NULL,"                                                 \
	" amenities INTEGER NOT NULL DEFAULT 0,"                                                             \
	" hours TEXT NOT NULL,"                                                                              \
	" phone TEXT,"                                                                                       \
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"                                       \
	" demo INTEGER NOT NULL DEFAULT 0,"                                                                  \
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"                                        \
	"CREATE INDEX station_scope ON station(path, name, id, active, address);"                            \
	"CREATE INDEX station_org ON station(org_id);"                                                       \
	"CREATE INDEX station_near_r ON station(cell_r, lat_e6, lng_e6, amenities, hours) WHERE active = 1;" \
	"CREATE INDEX station_near_c ON station(cell_c, lat_e6, lng_e6, amenities, hours) WHERE active = 1;"

#endif
