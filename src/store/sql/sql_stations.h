/*
 * The SQL statements of outdoor-worker service stations and the nearest-station search; included
 * by store/sql.h into SQ_LIST. Same rules as sql.h: statements by name, ?N parameters, the columns
 * answered listed beside each.
 */
#ifndef GH_STORE_SQL_STATIONS_H
#define GH_STORE_SQL_STATIONS_H

/* The columns of a station, in this order: see station_read_row() in domain/station.c. */
#define SQL_STATION_COLS                                                                                        \
	"s.id, s.org_id, (SELECT name FROM org x WHERE x.id = s.org_id), s.path, s.name, s.address, s.lat_e6, " \
	"s.lng_e6, s.amenities, s.hours, s.phone, s.active, s.demo, s.created_at, s.updated_at"

/* List filters: ?1 lo, ?2 hi (scope), ?3 text in the name or address (NULL: any), ?4 active (-1 any). */
#define SQL_STATION_FILTERS                                                  \
	SQL_IN_SCOPE("s.path", "?1", "?2")                                   \
	" AND (?3 IS NULL OR instr(s.name, ?3) > 0 OR instr(s.address, ?3) " \
	"> 0) AND (?4 < 0 OR s.active = ?4)"

/* SQ_STATION_GET and SQ_STATION_LIST answer SQL_STATION_COLS (the list by name, then id);
 * SQ_STATION_LIST_COUNT answers count(*) up to ?5. SQ_STATION_NEAR_ROW and _COL answer the active
 * stations of a run of cells of one row (?1 <= cell_r <= ?2) or one column (cell_c): id, lat_e6,
 * lng_e6, amenities, hours, read from the covering partial indexes. */
#define SQ_LIST_STATIONS(X)                                                                                         \
	X(SQ_STATION_INSERT,                                                                                        \
	  "INSERT INTO station(id, org_id, path, name, address, lat_e6, lng_e6, cell_r, cell_c, amenities, hours, " \
	  "phone, active, demo, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, " \
	  "?13, ?14, ?15, ?15)")                                                                                    \
	X(SQ_STATION_UPDATE, "UPDATE station SET org_id = ?2, path = ?3, name = ?4, address = ?5, lat_e6 = ?6, "    \
	                     "lng_e6 = ?7, cell_r = ?8, cell_c = ?9, amenities = ?10, hours = ?11, phone = ?12, "   \
	                     "active = ?13, updated_at = ?14 WHERE id = ?1")                                        \
	X(SQ_STATION_DELETE, "DELETE FROM station WHERE id = ?1")                                                   \
	X(SQ_STATION_GET, "SELECT " SQL_STATION_COLS " FROM station s WHERE s.id = ?1")                             \
	X(SQ_STATION_LIST, "SELECT " SQL_STATION_COLS " FROM station s WHERE s.id IN (SELECT s.id FROM station s "  \
	                   "WHERE " SQL_STATION_FILTERS " ORDER BY s.name, s.id LIMIT ?5 OFFSET ?6) "               \
	                   "ORDER BY s.name, s.id")                                                                 \
	X(SQ_STATION_LIST_COUNT,                                                                                    \
	  "SELECT count(*) FROM (SELECT 1 FROM station s WHERE " SQL_STATION_FILTERS " LIMIT ?5) AS q")             \
	X(SQ_STATION_NEAR_ROW, "SELECT id, lat_e6, lng_e6, amenities, hours FROM station "                          \
	                       "WHERE active = 1 AND cell_r BETWEEN ?1 AND ?2")                                     \
	X(SQ_STATION_NEAR_COL, "SELECT id, lat_e6, lng_e6, amenities, hours FROM station "                          \
	                       "WHERE active = 1 AND cell_c BETWEEN ?1 AND ?2")                                     \
	X(SQ_STATION_MOVE_PATHS,                                                                                    \
	  "UPDATE station SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))

/* The statements that move this module's rows when a subtree moves (org_move): each takes ?1 lo,
 * ?2 hi (the old subtree's range), ?3 the new path prefix, ?4 the length of the old prefix + 1,
 * like SQ_CASE_MOVE_PATHS; each name followed by a comma. */
#define SQ_PATH_MOVERS_STATIONS SQ_STATION_MOVE_PATHS,

#endif
