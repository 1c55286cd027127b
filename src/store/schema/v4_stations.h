/*
 * Schema 3 -> 4, the part of outdoor-worker service stations and the nearest-station search: service stations. Included by schema_sqlite.c into
 * migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_STATIONS_H
#define GH_STORE_SCHEMA_V4_STATIONS_H

#define SCHEMA_V4_STATIONS ""

#endif
