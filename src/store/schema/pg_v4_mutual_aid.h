/*
 * Schema 3 -> 4 on PostgreSQL, this module's part: the same tables as v4_mutual_aid.h in the PostgreSQL
 * dialect (BIGINT ids, BYTEA blobs, COLLATE "C" on path columns; see schema_pg.c). Included by
 * schema_pg.c into migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V4_MUTUAL_AID_H
#define GH_STORE_SCHEMA_PG_V4_MUTUAL_AID_H

#define SCHEMA_PG_V4_MUTUAL_AID ""

#endif
