/*
 * Schema 3 -> 4 on PostgreSQL, this module's part: the same tables as v4_rights.h in the PostgreSQL
 * dialect (BIGINT ids, BYTEA blobs, COLLATE "C" on path columns; see schema_pg.c). Included by
 * schema_pg.c into migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V4_RIGHTS_H
#define GH_STORE_SCHEMA_PG_V4_RIGHTS_H

#define SCHEMA_PG_V4_RIGHTS                                                                                       \
	"CREATE TABLE hotline_tier("                                                                              \
	" tier TEXT PRIMARY KEY CHECK (tier IN ('normal', 'difficult', 'complex', 'complaint')),"                 \
	" first_days BIGINT NOT NULL CHECK (first_days BETWEEN 1 AND 60),"                                        \
	" resolve_days BIGINT NOT NULL CHECK (resolve_days BETWEEN 1 AND 365 AND resolve_days >= first_days),"    \
	" updated_at BIGINT NOT NULL DEFAULT 0, updated_by BIGINT);"                                              \
	"INSERT INTO hotline_tier(tier, first_days, resolve_days) VALUES ('normal', 1, 7), ('difficult', 1, 15)," \
	" ('complex', 1, 30), ('complaint', 15, 60);"                                                             \
	"CREATE INDEX employer_name ON employer(name, division_code);"

#endif
